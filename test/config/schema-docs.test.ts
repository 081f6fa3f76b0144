// The shipped schema matches the checks, and docs/configuration.md documents every setting in it.
import { readFileSync } from 'node:fs';
import AjvModule from 'ajv';
import { describe, expect, it } from 'vitest';
import { checks } from '../../checks/index.js';
import { parseConfigText, validateConfig } from '../../src/config/config.js';
import { schemaText } from '../../scripts/write-schema.js';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

type Schema = { properties?: Record<string, Schema>; items?: Schema };

/** Every property path in the schema, with check ids under checks.<id> and their options. */
function propertyPaths(schema: Schema, prefix = ''): string[] {
  const out: string[] = [];
  for (const [key, sub] of Object.entries(schema.properties ?? {})) {
    const path = prefix ? `${prefix}.${key}` : key;
    out.push(path, ...propertyPaths(sub, path));
    if (sub.items) out.push(...propertyPaths(sub.items, `${path}[]`));
  }
  return out;
}

describe('schema/readiness.schema.json', () => {
  it('is current (run `npm run schema` after changing a check or the settings)', () => {
    expect(read('schema/readiness.schema.json')).toBe(schemaText());
  });

  it('is a valid draft-07 schema (the CLI does not check this at start, to start faster)', () => {
    const Ajv = AjvModule as unknown as typeof AjvModule.default;
    const ajv = new Ajv({ strict: false });
    const schema = JSON.parse(read('schema/readiness.schema.json')) as object;
    expect(ajv.validateSchema(schema), ajv.errorsText(ajv.errors)).toBe(true);
    expect(ajv.validateSchema({ type: 'object', properties: { x: { type: 'nonsense' } } })).toBe(false);
  });

  it('every setting is documented in docs/configuration.md with an example', () => {
    const docs = read('docs/configuration.md');
    const schema = JSON.parse(read('schema/readiness.schema.json')) as Schema;
    // Each check's `enabled`, `severity` and `options` keys are documented once for all checks; the check
    // ids and every check option are documented by their full path.
    const paths = propertyPaths(schema).map((p) => p.replace(/^(checks\.[a-z0-9-]+)\.(enabled|severity|options)$/, '$1'));
    const missing = [...new Set(paths)].filter((p) => !docs.includes(`\`${p}\``));
    expect(missing).toEqual([]);
    expect(docs).toMatch(/```yaml[\s\S]*yaml-language-server: \$schema=/);
  });

  it('every YAML example in docs/configuration.md and the check pages is a valid configuration', () => {
    const pages = ['docs/configuration.md', ...checks.map((c) => `checks/${c.id}.md`)];
    let examples = 0;
    for (const page of pages) {
      for (const block of read(page).matchAll(/```yaml\n([\s\S]*?)```/g)) {
        const text = block[1]!;
        // Only blocks that are configuration files (top-level settings of readiness.yml) are validated.
        if (!/^(?:#.*\n)*(?:_extends|fail_on|checks|paths|review|drafts|roles):/m.test(text) || /^(?:services|apiVersion|on|jobs):/m.test(text)) continue;
        examples++;
        expect(validateConfig(parseConfigText(text, page), checks), `${page}:\n${text}`).toEqual([]);
      }
    }
    expect(examples).toBeGreaterThan(5);
  });
});
