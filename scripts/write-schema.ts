// `npm run schema`: writes schema/readiness.schema.json from the checks' option schemas (a test keeps it current).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checks } from '../checks/index.js';
import { configSchema } from '../src/config/config.js';

export const SCHEMA_FILE = 'schema/readiness.schema.json';

export function schemaText(): string {
  return JSON.stringify(configSchema(checks), null, 2) + '\n';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(SCHEMA_FILE, schemaText());
  console.log(`wrote ${SCHEMA_FILE}`);
}
