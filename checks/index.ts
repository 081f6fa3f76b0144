// Every check the engine runs, in id order. Adding a check means adding it here (a test enforces it).
import type { Check } from '../src/engine/define-check.js';
import committedDatabase from './committed-database.js';
import containerRootUser from './container-root-user.js';
import corsWildcard from './cors-wildcard.js';
import debugMode from './debug-mode.js';
import devServer from './dev-server.js';
import envFileCommitted from './env-file-committed.js';
import healthcheckMissing from './healthcheck-missing.js';
import healthcheckRemoved from './healthcheck-removed.js';
import insecureDefaultSecret from './insecure-default-secret.js';
import secrets from './secrets.js';
import unpinnedDependency from './unpinned-dependency.js';

export const checks: readonly Check[] = [committedDatabase, containerRootUser, corsWildcard, debugMode, devServer, envFileCommitted, healthcheckMissing, healthcheckRemoved, insecureDefaultSecret, secrets, unpinnedDependency];
