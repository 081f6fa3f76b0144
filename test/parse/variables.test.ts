// Unit tests for the shared variable expander compose files and Dockerfiles use.
import { describe, expect, it } from 'vitest';
import { expandVariables, lookup, variableReferences } from '../../src/parse/variables.js';

const values = lookup(new Map<string, string | undefined>([['TAG', '1.2'], ['EMPTY', ''], ['REGISTRY', 'ghcr.io']]));

describe('expandVariables', () => {
  it.each([
    ['app:${TAG}', 'app:1.2'],
    ['app:$TAG', 'app:1.2'],
    ['app:${MISSING:-latest}', 'app:latest'],
    ['app:${MISSING-latest}', 'app:latest'],
    ['app:${EMPTY:-latest}', 'app:latest'],
    ['app${EMPTY-}', 'app'],
    ['${MISSING:-${REGISTRY}}/app', 'ghcr.io/app'],
    ['${MISSING:-${OTHER:-docker.io}}/app', 'docker.io/app'],
    ['app${TAG:+-$TAG}', 'app-1.2'],
    ['app${MISSING:+-x}', 'app'],
    ['plain', 'plain'],
  ])('%s reads %s', (text, expected) => {
    expect(expandVariables(text, values)).toEqual({ text: expected, complete: true });
  });

  it.each(['app:${MISSING}', 'app:$MISSING', 'app:${MISSING:?set it}', 'app:${EMPTY:?set it}', '${MISSING:-${OTHER}}'])('%s is incomplete, the reference kept', (text) => {
    const out = expandVariables(text, values);
    expect(out.complete).toBe(false);
    expect(out.text).toContain('$');
  });

  it('reads $$ as a literal $ only with compose escapes', () => {
    expect(expandVariables('$${TAG}', values, { escapes: true })).toEqual({ text: '${TAG}', complete: true });
    expect(expandVariables('a$$b', values, { escapes: true })).toEqual({ text: 'a$b', complete: true });
  });

  it('takes an empty value as unset where asked (a Dockerfile ARG without a value)', () => {
    const args = lookup(new Map([['TAG', '']]), { emptyIsUnset: true });
    expect(expandVariables('app:${TAG-1}', args).text).toBe('app:1');
    expect(expandVariables('app:${TAG}', args).complete).toBe(false);
  });
});

describe('variableReferences', () => {
  it('finds each reference with its operator, default and place', () => {
    const text = 'postgres://${U:-app}:${DB_PASSWORD:-pass}@db/$NAME ${A-${B:-x}} $${ESCAPED}';
    expect(variableReferences(text, { escapes: true }).map(({ name, operator, colon, word }) => ({ name, operator, colon, word }))).toEqual([
      { name: 'U', operator: '-', colon: true, word: 'app' },
      { name: 'DB_PASSWORD', operator: '-', colon: true, word: 'pass' },
      { name: 'NAME', operator: undefined, colon: false, word: undefined },
      { name: 'A', operator: '-', colon: false, word: '${B:-x}' },
    ]);
    const [, password] = variableReferences(text);
    expect(text.slice(password!.start, password!.end)).toBe('${DB_PASSWORD:-pass}');
  });

  it('skips what is not a reference', () => {
    expect(variableReferences('cost $5, ${ not a name}, ${UNCLOSED:-x')).toEqual([]);
  });
});
