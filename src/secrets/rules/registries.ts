// Secret rules for package registries and developer tools: npm, PyPI, RubyGems, NuGet, Docker Hub, SonarQube…
import { isPlaceholder, isReference, isWeakPassword } from '../placeholder.js';
import type { Candidate, LineContext, SecretRule } from '../rule.js';
import { ALNUM, ALNUM_LOWER, HEX, URLSAFE, fill, gen } from '../samples.js';
import { UUID, env, keyed, mixedCase, py, uuid, yaml } from './helpers.js';

const NUGET_PASSWORD = /<add\s+key\s*=\s*"(?:ClearText)?Password"\s+value\s*=\s*"([^"]{1,200})"/gi;
function findNugetPasswords(line: LineContext): Candidate[] {
  const found: Candidate[] = [];
  NUGET_PASSWORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = NUGET_PASSWORD.exec(line.text))) {
    const value = m[1]!;
    if (value.length < 6 || /\s/.test(value) || isReference(value) || isPlaceholder(value) || isWeakPassword(value)) continue;
    const start = m.index + m[0].lastIndexOf(value);
    found.push({ start, end: start + value.length, secret: value });
  }
  return found;
}

export const REGISTRY_RULES: readonly SecretRule[] = [
  {
    id: 'npm-access-token',
    kind: 'npm access token',
    description: 'npm access tokens (`npm_…`).',
    keywords: ['npm_'],
    regex: /(?<![\w])(npm_[A-Za-z0-9]{36})(?![\w])/g,
    entropy: 3,
    prefix: 'npm_',
    revoke: 'npmjs.com → Access Tokens (or `npm token revoke`)',
    tps: [gen('//registry.npmjs.org/:_authToken=npm_', [ALNUM, 36])],
    fps: ['npm_' + fill('x', 36)],
  },
  {
    id: 'pypi-upload-token',
    kind: 'PyPI upload token',
    description: 'PyPI and TestPyPI API tokens (`pypi-AgEIcHlwaS5vcmc…`).',
    keywords: ['pypi-ageichlwas5vcmc', 'pypi-agendgvzdc5wexbplm9yzw'],
    regex: /(?<![\w-])(pypi-Ag(?:EIcHlwaS5vcmc|ENdGVzdC5weXBpLm9yZw)[\w-]{50,1000})(?![\w-])/g,
    entropy: 4,
    prefix: 'pypi-',
    revoke: 'pypi.org → Account settings → API tokens',
    tps: [gen('password = pypi-AgEIcHlwaS5vcmc', [URLSAFE, 70])],
    fps: ['password = pypi-AgEIcHlwaS5vcmc' + fill('x', 70)],
  },
  {
    id: 'rubygems-api-token',
    kind: 'RubyGems API key',
    description: 'RubyGems API keys (`rubygems_…`).',
    keywords: ['rubygems_'],
    regex: /(?<![\w])(rubygems_[a-f0-9]{48})(?![\w])/g,
    entropy: 3,
    prefix: 'rubygems_',
    tps: [gen(':rubygems_api_key: rubygems_', [HEX, 48])],
    fps: ['rubygems_' + fill('0', 48)],
  },
  {
    id: 'nuget-config-password',
    kind: 'NuGet feed password',
    description: 'Clear-text package source passwords in `nuget.config` (`<add key="ClearTextPassword" value="…" />`).',
    keywords: ['password'],
    appliesTo: (file) => file.name === 'nuget.config',
    // The sample feed passwords of Microsoft's nuget.config reference page.
    allowlist: { examples: ['33f!!lloppa', 'hal+9ooo_da!sY'] },
    find: findNugetPasswords,
    tps: [{ text: `<add key="ClearTextPassword" value="${gen([ALNUM, 14])}" />\n`, path: 'nuget.config' }, { text: '<add key="Password" value="CleartextPassword1" />\n', path: 'nuget.config' }],
    fps: [
      { text: '<add key="ClearTextPassword" value="%FEED_PASSWORD%" />\n', path: 'nuget.config' },
      { text: '<add key="ClearTextPassword" value="XXXXXXXXXXX" />\n', path: 'nuget.config' },
    ],
  },
  {
    id: 'artifactory-token',
    kind: 'JFrog Artifactory token',
    description: 'JFrog Artifactory API keys (`AKCp…`), reference tokens (`cmVmdGtu…`), and API keys / identity tokens next to a `jfrog`/`artifactory` name.',
    keywords: ['akcp', 'cmvmdgtu', 'jfrog', 'artifactory', 'bintray', 'xray'],
    regex: new RegExp(`(?<![\\w])(AKCp[A-Za-z0-9]{69}|cmVmdGtu[A-Za-z0-9]{56})(?![\\w])|${keyed(['jfrog', 'artifactory', 'bintray', 'xray'], '[A-Za-z0-9]{73}|[A-Za-z0-9]{64}').source}`, 'g'),
    entropy: 4,
    revoke: 'the JFrog platform → Edit profile → API key / Access tokens',
    tps: [gen('ARTIFACTORY_API_KEY=AKCp', [ALNUM, 69]), gen('token: cmVmdGtu', [ALNUM, 56]), gen('"artifactory", "', [ALNUM, 64], '"')],
    fps: ['lowEntropy := AKCp' + fill('X', 69), 'lowEntropy := cmVmd' + fill('X', 59)],
  },
  {
    id: 'clojars-api-token',
    kind: 'Clojars deploy token',
    description: 'Clojars deploy tokens (`CLOJARS_…`).',
    keywords: ['clojars_'],
    regex: /(?<![\w])(CLOJARS_[a-z0-9]{60})(?![\w])/g,
    entropy: 3,
    prefix: 'CLOJARS_',
    tps: [py('deploy_token', gen('CLOJARS_', [ALNUM_LOWER, 60]))],
    fps: ['CLOJARS_' + fill('x', 60)],
  },
  {
    id: 'docker-hub-token',
    kind: 'Docker Hub access token',
    description: 'Docker Hub personal access tokens (`dckr_pat_…`).',
    keywords: ['dckr_pat_', 'dckr_oat_'],
    regex: /(?<![\w])(dckr_(?:pat|oat)_[\w-]{27,32})(?![\w-])/g,
    entropy: 3,
    prefix: 'dckr_pat_',
    tps: [gen('DOCKERHUB_TOKEN=dckr_pat_', [URLSAFE, 27])],
    fps: ['dckr_pat_' + fill('x', 27)],
  },
  {
    id: 'sonarqube-token',
    kind: 'SonarQube token',
    description: 'SonarQube / SonarCloud user, project and analysis tokens (`squ_`, `sqp_`, `sqa_`).',
    keywords: ['squ_', 'sqp_', 'sqa_'],
    regex: /(?<![\w])(sq[upa]_[a-f0-9]{40})(?![\w])/g,
    entropy: 3,
    tps: [gen('sonar.token=squ_', [HEX, 40])],
    fps: ['squ_' + fill('0', 40)],
  },
  {
    id: 'snyk-api-token',
    kind: 'Snyk API token',
    description: 'Snyk API tokens (UUIDs next to a `snyk` name).',
    keywords: ['snyk'],
    regex: keyed(['snyk'], UUID),
    entropy: 3,
    tps: [env('SNYK_TOKEN', uuid())],
    fps: ['SNYK_TOKEN=00000000-0000-0000-0000-000000000000'],
  },
  {
    id: 'sourcegraph-access-token',
    kind: 'Sourcegraph access token',
    description: 'Sourcegraph access tokens (`sgp_…`, or 40 hex characters next to a `sourcegraph` name).',
    keywords: ['sgp_', 'sourcegraph'],
    regex: new RegExp(`(?<![\\w])(sgp_(?:[a-fA-F0-9]{16}_|local_)?[a-fA-F0-9]{40})(?![\\w])|${keyed(['sourcegraph'], '[a-fA-F0-9]{40}').source}`, 'g'),
    entropy: 3,
    tps: [gen('sgp_', [HEX, 16], '_', [HEX, 40]), gen('sgp_local_', [HEX, 40]), yaml('sourcegraph', gen([HEX, 40]))],
    fps: ['sgp_5555555dAAAAA7777777CcccCFaaaaaaaaaaaaaa'],
  },
  {
    id: 'readme-api-token',
    kind: 'ReadMe API key',
    description: 'ReadMe API keys (`rdme_…`).',
    keywords: ['rdme_'],
    regex: /(?<![\w])(rdme_[a-z0-9]{70})(?![\w])/g,
    entropy: 3,
    prefix: 'rdme_',
    tps: [gen("const API_KEY = 'rdme_", [ALNUM_LOWER, 70], "';")],
    fps: ["const API_KEY = 'rdme_" + fill('x', 70) + "';"],
  },
  {
    id: 'prefect-api-token',
    kind: 'Prefect API key',
    description: 'Prefect Cloud API keys (`pnu_…`).',
    keywords: ['pnu_'],
    regex: /(?<![\w])(pnu_[A-Za-z0-9]{36})(?![\w])/g,
    entropy: 3,
    prefix: 'pnu_',
    tps: [py('PREFECT_API_KEY', gen('pnu_', [ALNUM, 36]))],
    fps: [py('PREFECT_API_KEY', 'pnu_' + fill('X', 36))],
  },
  {
    id: 'infracost-api-token',
    kind: 'Infracost API key',
    description: 'Infracost API keys (`ico-…`).',
    keywords: ['ico-'],
    regex: /(?<![\w.-])(ico-[A-Za-z0-9]{32})(?![\w.-])/g,
    entropy: 3.5,
    accept: mixedCase,
    prefix: 'ico-',
    tps: [gen('INFRACOST_API_KEY=ico-', [ALNUM, 32])],
    fps: ['http://assets.example.com/video_box.ico-7a388b69018576d24b59331fd60aab0c.png', 'ico-' + fill('X', 32)],
  },

];
