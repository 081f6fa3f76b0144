// Table tests for isSecretName: names that hold a secret, and names that only describe one.
import { describe, expect, it } from 'vitest';
import { isSecretName } from '../../src/parse/secret-names.js';

describe('isSecretName', () => {
  it.each(['SECRET_KEY', 'JWT_SECRET', 'DB_PASS', 'STRIPE_API_KEY', 'SPARK_MNEMONIC', 'walletMnemonic', 'SEED_PHRASE', 'RECOVERY_WORDS', 'WALLET_SEED', 'hd_seed'])('%s holds a secret', (name) => {
    expect(isSecretName(name)).toBe(true);
  });

  it.each(['SEED', 'RANDOM_SEED', 'SEED_DATA', 'DB_SEED_FILE', 'MNEMONIC_LENGTH', 'TOKEN_URL', 'SECRET_NAME', 'PHRASE', 'USE_SEED_PHRASE', 'API_TOKEN_EXPIRATION_YEARS', 'SESSION_SECRET_ROTATION_WEEKS', 'PASSWORD_MAX_AGE_MONTHS', 'password-stdin', 'password-fd', 'PASSWORD_COMMAND', 'password_cmd', 'password-prompt', 'ask-vault-pass', 'ask-become-pass', 'COREPACK_INTEGRITY_KEYS'])('%s does not', (name) => {
    expect(isSecretName(name)).toBe(false);
  });
});
