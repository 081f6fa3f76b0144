// File-kind recognition by name: what counts as a Dockerfile, compose file, requirements or env file.
import { describe, expect, it } from 'vitest';
import { isComposeFile, isDockerfile, isEnvFile, isEnvTemplate, isRequirementsFile, isVendored } from '../../src/parse/file-kinds.js';

describe('isDockerfile', () => {
  const yes = ['Dockerfile', 'docker/Dockerfile', 'Dockerfile.prod', 'Dockerfile.dev', 'api.Dockerfile', 'Containerfile', 'Containerfile.build', 'Docker/Dockerfile-Alpine', 'Docker/Dockerfile-QEMU-ARM', 'Containerfile-rootless'];
  const no = ['src/parse/dockerfile.ts', 'docs/Dockerfile.md', 'dockerfile.py', 'Dockerfile.json', 'test/dockerfile.test.ts', 'dockerfiles/readme.txt', 'Dockerfile.swp', '.github/workflows/dockerfile-build.yaml', 'dockerfile-lint.json', 'Dockerfile-notes.md', 'dockerfile-parser.ts'];
  for (const path of yes) it(`${path} is a Dockerfile`, () => expect(isDockerfile(path)).toBe(true));
  for (const path of no) it(`${path} is not a Dockerfile`, () => expect(isDockerfile(path)).toBe(false));
});

describe('other kinds', () => {
  it('recognises compose files', () => {
    expect(['docker-compose.yml', 'compose.yaml', 'deploy/docker-compose.prod.yml'].every(isComposeFile)).toBe(true);
    expect(['composer.json', 'compose.ts', 'k8s/deployment.yaml'].some(isComposeFile)).toBe(false);
  });
  it('recognises vendored trees, LibMan\'s wwwroot/lib/ among them', () => {
    expect(['node_modules/x/index.js', 'web/vendor/a.php', 'Rnwood.Smtp4dev/wwwroot/lib/event-source-polyfill/php/events.php', 'wwwroot/lib/jquery/jquery.js'].every(isVendored)).toBe(true);
    expect(['src/lib/cors.ts', 'wwwroot/js/site.js', 'lib/app.py'].some(isVendored)).toBe(false);
  });
  it('recognises requirements files but not pip-compile inputs', () => {
    expect(['requirements.txt', 'requirements-dev.txt', 'requirements/prod.txt', 'constraints.txt'].every(isRequirementsFile)).toBe(true);
    expect(['requirements.in', 'docs/requirements.md'].some(isRequirementsFile)).toBe(false);
  });
  it('recognises env files and their templates', () => {
    expect(['.env', '.env.production', 'config/app.env'].every(isEnvFile)).toBe(true);
    expect(['.env.example', '.env.sample', '.env.template', '.env.dist', '.env.exemple'].every(isEnvTemplate)).toBe(true);
    expect(isEnvTemplate('.env.production')).toBe(false);
  });
});
