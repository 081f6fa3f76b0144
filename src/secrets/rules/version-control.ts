// Secret rules for source hosting and CI: GitHub, GitLab, Atlassian.
import type { SecretRule } from '../rule.js';
import { ALNUM, ALNUM_LOWER, HEX, URLSAFE, fill, gen } from '../samples.js';
import { env, keyed, py } from './helpers.js';

export const VERSION_CONTROL_RULES: readonly SecretRule[] = [
  ...(
    [
      ['github-pat', 'GitHub personal access token', 'ghp_'],
      ['github-oauth', 'GitHub OAuth access token', 'gho_'],
      ['github-app-user-token', 'GitHub App user-to-server token', 'ghu_'],
      ['github-app-installation-token', 'GitHub App installation token', 'ghs_'],
      ['github-refresh-token', 'GitHub refresh token', 'ghr_'],
    ] as const
  ).map(([id, kind, prefix]): SecretRule => ({
    id,
    kind,
    description: `${kind}s (\`${prefix}…\`).`,
    keywords: [prefix],
    regex: new RegExp(`(?<![A-Za-z0-9_])(${prefix}[A-Za-z0-9]{36,251})(?![A-Za-z0-9_])`, 'g'),
    entropy: 3,
    prefix,
    revoke: 'GitHub → Settings → Developer settings (or the owning organisation) → revoke the token',
    tps: [py('GITHUB_TOKEN', gen(prefix, [ALNUM, 36]))],
    fps: [prefix + fill('x', 36)],
  })),
  {
    id: 'github-fine-grained-pat',
    kind: 'GitHub fine-grained personal access token',
    description: 'GitHub fine-grained personal access tokens (`github_pat_…`).',
    keywords: ['github_pat_'],
    regex: /(?<![A-Za-z0-9_])(github_pat_[A-Za-z0-9_]{82})(?![A-Za-z0-9_])/g,
    entropy: 3.5,
    prefix: 'github_pat_',
    revoke: 'GitHub → Settings → Developer settings → Fine-grained tokens',
    tps: [gen('github_pat_', [ALNUM, 22], '_', [ALNUM, 59])],
    fps: ['github_pat_' + fill('x', 22) + '_' + fill('x', 59)],
  },
  {
    id: 'gitlab-token',
    kind: 'GitLab token',
    description: 'GitLab personal, project, group, deploy, pipeline-trigger, runner, feed, OAuth and agent tokens (`glpat-`, `glptt-`, `glrt-`, `gldt-`, …).',
    keywords: ['glpat-', 'glptt-', 'glrt-', 'glrtr-', 'gldt-', 'glft-', 'glimt-', 'glsoat-', 'glcbt-', 'gloas-', 'glagent-', 'glffct-', 'gr1348941', '_gitlab_session='],
    regex:
      /(?<![\w-])(gl(?:pat|rt|dt|soat|cbt|oas)-[\w-]{20,300}(?:\.[0-9a-z]{9})?|glptt-[0-9a-f]{40}|glrtr-[\w-]{20}|glft-[\w-]{20,64}|glimt-[\w-]{25}|glagent-[\w-]{50}|glffct-[\w-]{20}|GR1348941[\w-]{20})(?![\w.-])|_gitlab_session=([0-9a-z]{32})(?![0-9a-z])/g,
    entropy: 3,
    revoke: 'GitLab → Access tokens (user, project or group settings)',
    tps: [gen('glpat-', [URLSAFE, 20]), gen('glpat-', [URLSAFE, 27], '.', [ALNUM_LOWER, 9]), gen('glptt-', [HEX, 40]), gen('GR1348941', [URLSAFE, 20])],
    fps: ['glpat-XXXXXXXXXXX-XXXXXXXX', 'glrt-tx_' + fill('x', 27) + '.' + fill('x', 9), 'GR1348941' + fill('X', 20)],
  },
  {
    id: 'atlassian-api-token',
    kind: 'Atlassian API token',
    description: 'Atlassian (Jira, Confluence) API tokens: `ATATT3…`, or 24 characters next to a `jira`/`atlassian`/`confluence` name; Bitbucket app passwords (`ATBB…`).',
    keywords: ['atatt3', 'atbb', 'atlassian', 'confluence', 'jira'],
    regex: new RegExp(`(?<![\\w-])(ATATT3[\\w=-]{186}|ATBB[A-Za-z0-9_=.-]{32})(?![\\w=-])|${keyed(['atlassian', 'confluence', 'jira'], '[A-Za-z0-9]{24}').source}`, 'g'),
    entropy: 3.5,
    revoke: 'id.atlassian.com → Security → API tokens',
    tps: [env('JIRA_API_TOKEN', gen([ALNUM, 24])), py('jira_api_token', gen('ATATT3', [URLSAFE, 186]))],
    fps: ['getPagesInConfluenceSpace,searchConfluenceUsingCql'],
  },


  {
    id: 'atlassian-admin-token',
    kind: 'Atlassian token',
    description: 'Atlassian admin API keys and other `ATCTT3…` tokens.',
    keywords: ['atctt3'],
    regex: /(?<![\w-])(ATCTT3[\w=-]{186})(?![\w=-])/g,
    entropy: 3.5,
    tps: [py('atlassian_admin_key', gen('ATCTT3', [URLSAFE, 186]))],
    fps: ['ATCTT3' + fill('x', 186)],
  },
  {
    id: 'circleci-token',
    kind: 'CircleCI token',
    description: 'CircleCI personal and project API tokens (`CCIPAT_…`, `CCIPRJ_…`).',
    keywords: ['ccipat_', 'cciprj_'],
    regex: /(?<![\w-])(CCIP(?:AT|RJ)_[A-Za-z0-9]{22}_[a-f0-9]{40})(?![\w-])/g,
    entropy: 3.5,
    revoke: 'CircleCI → User settings → Personal API tokens (or Project settings → API permissions)',
    tps: [env('CIRCLE_TOKEN', gen('CCIPAT_', [ALNUM, 22], '_', [HEX, 40]))],
    fps: ['CCIPAT_' + fill('x', 22) + '_' + fill('0', 40)],
  },
  {
    id: 'buildkite-token',
    kind: 'Buildkite API token',
    description: 'Buildkite user API access tokens (`bkua_…`).',
    keywords: ['bkua_'],
    regex: /(?<![\w-])(bkua_[a-f0-9]{40})(?![\w-])/g,
    entropy: 3.3,
    prefix: 'bkua_',
    tps: [env('BUILDKITE_API_TOKEN', gen('bkua_', [HEX, 40]))],
    fps: ['bkua_' + fill('0', 40)],
  },
];
