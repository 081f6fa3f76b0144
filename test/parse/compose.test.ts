// Unit tests for compose variable substitution and the Dockerfile a service builds.
import { describe, expect, it } from 'vitest';
import { builtDockerfile, composeServices, interpolateCompose } from '../../src/parse/compose.js';
import { parseYaml } from '../../src/parse/yaml.js';

const vars = new Map([
  ['DOCKERFILE', './src/cart/Dockerfile'],
  ['EMPTY', ''],
]);

describe('interpolateCompose', () => {
  it.each([
    ['${DOCKERFILE}', './src/cart/Dockerfile'],
    ['$DOCKERFILE', './src/cart/Dockerfile'],
    ['${MISSING:-./api}/Dockerfile', './api/Dockerfile'],
    ['${MISSING-./api}', './api'],
    ['${EMPTY:-fallback}', 'fallback'],
    ['${EMPTY-fallback}', ''],
    ['$${NOT_A_VARIABLE}', '${NOT_A_VARIABLE}'],
    ['plain/Dockerfile', 'plain/Dockerfile'],
  ])('%s reads %s', (text, expected) => {
    expect(interpolateCompose(text, vars)).toBe(expected);
  });

  it.each(['${MISSING}', '$MISSING/Dockerfile', '${MISSING:?set it}'])('%s is unresolved', (text) => {
    expect(interpolateCompose(text, vars)).toBeUndefined();
  });
});

describe('builtDockerfile', () => {
  const yaml = parseYaml('services:\n  cart:\n    build:\n      context: ./\n      dockerfile: ${DOCKERFILE}\n  other:\n    build:\n      context: ./\n      dockerfile: ${MISSING}\n');
  const [cart, other] = composeServices(yaml);

  it('resolves a variable of the .env in the dockerfile path', () => {
    expect(builtDockerfile('deploy/docker-compose.yml', cart!, yaml, vars)).toBe('deploy/src/cart/Dockerfile');
  });

  it('keeps the text when the variable is unset, or no variables are given', () => {
    expect(builtDockerfile('docker-compose.yml', other!, yaml, vars)).toBe('${MISSING}');
    expect(builtDockerfile('docker-compose.yml', cart!, yaml)).toBe('${DOCKERFILE}');
  });
});
