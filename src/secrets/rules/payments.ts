// Secret rules for payments and commerce: Stripe, Square, Shopify, Braintree…
import type { SecretRule } from '../rule.js';
import { ALNUM, ALNUM_LOWER, HEX, URLSAFE, fill, gen } from '../samples.js';

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

];
