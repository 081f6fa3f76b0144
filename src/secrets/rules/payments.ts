// Secret rules for payments and commerce: Stripe, Square, Shopify, Braintree…
import type { SecretRule } from '../rule.js';
import { ALNUM, ALNUM_LOWER, BASE64, HEX, URLSAFE, fill, gen } from '../samples.js';
import { env, keyed } from './helpers.js';

/** Plaid access tokens of the environments `envs` names (`production|development`): `access-<env>-<uuid>`. */
const plaidTokens = (envs: string) => new RegExp(String.raw`(?<![\w-])(access-(?:${envs})-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![\w-])`, 'g');
/** A sample Plaid access token of environment `env`, drawn at run time. */
const plaidToken = (env: string) => gen(`access-${env}-`, [HEX, 8], '-', [HEX, 4], '-', [HEX, 4], '-', [HEX, 4], '-', [HEX, 12]);

export const PAYMENT_RULES: readonly SecretRule[] = [
  {
    id: 'stripe-secret-key',
    kind: 'Stripe secret key',
    description: 'Stripe secret and restricted keys (`sk_live_`, `sk_test_`, `rk_live_`, …) and webhook signing secrets (`whsec_`). Publishable keys (`pk_`) are public and not reported.',
    keywords: ['sk_test_', 'sk_live_', 'sk_prod_', 'rk_test_', 'rk_live_', 'rk_prod_', 'whsec_'],
    regex: /(?<![\w])((?:sk|rk)_(?:test|live|prod)_[A-Za-z0-9]{10,247}|whsec_[A-Za-z0-9+/]{32,64})(?![\w])/g,
    entropy: 3,
    // The test-mode keys printed in Stripe's API reference.
    allowlist: { examples: ['sk_test_4eC39HqLyjWDarjtT1zdp7dc', 'sk_test_BQokikJOvBiI2HlWgH4olfQ2', 'sk_test_26PHem9AhJZvU623DfE1x4sd'] },
    revoke: 'the Stripe dashboard → Developers → API keys → Roll key',
    tps: [gen('sk_live_', [ALNUM, 99]), gen('rk_prod_', [ALNUM, 99])],
    fps: ['sk_test_' + fill('x', 24), 'stripe.api_key = "sk_test_' + '4eC39HqLyjWDarjtT1zdp7dc"'],
  },
  {
    id: 'square-token',
    kind: 'Square access token',
    description: 'Square access tokens (`sq0atp-…`, `EAAA…`) and OAuth secrets (`sq0csp-…`).',
    keywords: ['sq0atp-', 'sq0csp-', 'eaaa'],
    regex: /(?<![\w-])(sq0atp-[\w-]{22}|sq0csp-[\w-]{43}|EAAA[\w-]{60})(?![\w-])/g,
    entropy: 3,
    revoke: 'the Square developer dashboard → Credentials',
    tps: [gen('ARG token=sq0atp-', [URLSAFE, 22]), gen('ARG token=EAAA', [URLSAFE, 60]), gen('value: "sq0csp-', [URLSAFE, 43], '"')],
    fps: ['aws-cli@sha256:eaaa7b11777babe28e6133a8b19ff71cea687e0d7f05158dee95a71f76ce3d00'],
  },
  {
    id: 'shopify-token',
    kind: 'Shopify token',
    description: 'Shopify access tokens and shared secrets (`shpat_`, `shpca_`, `shppa_`, `shpss_`).',
    keywords: ['shpat_', 'shpca_', 'shppa_', 'shpss_'],
    regex: /(?<![\w])(shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32})(?![\w])/g,
    entropy: 3,
    tps: [gen('SHOPIFY_TOKEN=shpat_', [HEX, 32])],
    fps: ['shpat_' + fill('0', 32)],
  },
  {
    id: 'shippo-api-token',
    kind: 'Shippo API token',
    description: 'Shippo API tokens (`shippo_live_…`, `shippo_test_…`).',
    keywords: ['shippo_live_', 'shippo_test_'],
    regex: /(?<![\w])(shippo_(?:live|test)_[a-fA-F0-9]{40})(?![\w])/g,
    entropy: 3,
    tps: [gen('shippo_live_', [HEX, 40])],
    fps: ['shippo_live_' + fill('0', 40)],
  },
  {
    id: 'braintree-access-token',
    kind: 'PayPal Braintree access token',
    description: 'PayPal Braintree production access tokens (`access_token$production$…`).',
    keywords: ['access_token$production$'],
    regex: /(access_token\$production\$[a-z0-9]{16}\$[a-f0-9]{32})/g,
    entropy: 3,
    tps: [gen('access_token$production$', [ALNUM_LOWER, 16], '$', [HEX, 32])],
    fps: ['access_token$production$' + fill('x', 16) + '$' + fill('0', 32)],
  },
  {
    id: 'flutterwave-secret-key',
    kind: 'Flutterwave secret key',
    description: 'Flutterwave secret keys (`FLWSECK-…-X`).',
    keywords: ['flwseck'],
    regex: /(?<![\w-])(FLWSECK(?:_TEST)?-[a-hA-H0-9]{32}-X)(?![\w-])/g,
    entropy: 3,
    tps: [gen('FLWSECK_TEST-', [HEX, 32], '-X')],
    fps: ['FLWSECK_TEST-' + fill('0', 32) + '-X'],
  },


  {
    id: 'plaid-access-token',
    kind: 'Plaid access token',
    description: 'Plaid access tokens of the live environments (`access-production-…`, `access-development-…`).',
    keywords: ['access-production-', 'access-development-'],
    regex: plaidTokens('production|development'),
    entropy: 3,
    tps: [
      env('PLAID_ACCESS_TOKEN', plaidToken('production')),
      // A live token is live in a test file too.
      { text: `"access_token": "${plaidToken('development')}"\n`, path: 'test/fixtures/plaid.json' },
    ],
    fps: ['access-production-00000000-0000-0000-0000-000000000000'],
  },
  {
    id: 'plaid-sandbox-access-token',
    kind: 'Plaid access token',
    description: 'Plaid sandbox access tokens (`access-sandbox-…`); not reported in test, fixture and example files, where recorded sandbox responses (VCR cassettes) carry them.',
    keywords: ['access-sandbox-'],
    regex: plaidTokens('sandbox'),
    entropy: 3,
    // Sandbox items hold Plaid's fake institutions and users: a recorded response is test data.
    skipInTests: true,
    tps: [env('PLAID_ACCESS_TOKEN', plaidToken('sandbox'))],
    fps: [
      'access-sandbox-00000000-0000-0000-0000-000000000000',
      { text: `      string: '{"access_token":"${plaidToken('sandbox')}"}'\n`, path: 'test/vcr_cassettes/plaid/exchange_public_token.yml' },
    ],
  },
  {
    id: 'adyen-api-key',
    kind: 'Adyen API key',
    description: 'Adyen API keys (`AQE…`, next to an `adyen` name).',
    keywords: ['adyen'],
    regex: keyed(['adyen'], 'AQE[A-Za-z0-9+/=_.-]{90,300}'),
    entropy: 4,
    tps: [env('ADYEN_API_KEY', gen('AQE', [BASE64, 120]))],
    fps: ['ADYEN_API_KEY=AQE' + fill('x', 120)],
  },
  {
    id: 'mollie-api-key',
    kind: 'Mollie API key',
    description: 'Mollie live and test API keys (`live_…`, `test_…`, 30 characters next to a `mollie` name) and organisation tokens (`access_…`).',
    keywords: ['mollie'],
    regex: keyed(['mollie'], '(?:live|test)_[A-Za-z0-9]{30}|access_[A-Za-z0-9]{40}'),
    entropy: 3.5,
    tps: [env('MOLLIE_API_KEY', gen('live_', [ALNUM, 30]))],
    fps: ['MOLLIE_API_KEY=live_' + fill('x', 30)],
  },
  {
    id: 'gocardless-access-token',
    kind: 'GoCardless access token',
    description: 'GoCardless live and sandbox access tokens (`live_…`, `sandbox_…` next to a `gocardless` name).',
    keywords: ['gocardless'],
    regex: keyed(['gocardless'], '(?:live|sandbox)_[\\w=-]{40}'),
    entropy: 3.5,
    tps: [env('GOCARDLESS_ACCESS_TOKEN', gen('live_', [URLSAFE, 40]))],
    fps: ['GOCARDLESS_ACCESS_TOKEN=live_' + fill('x', 40)],
  },
];
