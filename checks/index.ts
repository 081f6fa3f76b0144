// Every check the engine runs, in id order. Adding a check means adding it here (a test enforces it).
import type { Check } from '../src/engine/define-check.js';
import committedDatabase from './committed-database.js';
import healthcheckRemoved from './healthcheck-removed.js';

export const checks: readonly Check[] = [committedDatabase, healthcheckRemoved];
