// The secret rules, as data: one entry per kind of credential, each with the samples that prove it,
// one file per provider family.
//
// Order matters: on a line with several matches the earliest rule wins, so provider formats come
// first and the generic rules (assignments, URLs, high-entropy strings) last. Every regex is linear:
// each starts where a lookbehind says no token character precedes, and repeats one character class.
import type { SecretRule } from '../rule.js';
import { CLOUD_RULES } from './cloud.js';
import { VERSION_CONTROL_RULES } from './version-control.js';
import { MESSAGING_RULES } from './messaging.js';
import { PAYMENT_RULES } from './payments.js';
import { REGISTRY_RULES } from './registries.js';
import { AI_RULES } from './ai.js';
import { KEY_RULES } from './keys.js';
import { SERVICE_RULES } from './services.js';
import { COMMAND_RULES } from './commands.js';
import { GENERIC_RULES } from './generic.js';

export const RULES: readonly SecretRule[] = [
  ...CLOUD_RULES,
  ...VERSION_CONTROL_RULES,
  ...MESSAGING_RULES,
  ...PAYMENT_RULES,
  ...REGISTRY_RULES,
  ...AI_RULES,
  ...KEY_RULES,
  ...SERVICE_RULES,
  ...COMMAND_RULES,
  ...GENERIC_RULES,
];
