// Test helpers for talking to a mocked GitHub: OpenAPI and GraphQL-schema validation of every request body, and payloads.
import { createRequire } from 'node:module';
import { generateKeyPairSync } from 'node:crypto';
import AjvModule from 'ajv';
import addFormatsModule from 'ajv-formats';
import { validate as validateGraphql } from '@octokit/graphql-schema';
import nock from 'nock';

const require = createRequire(import.meta.url);

interface OpenApi {
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>>;
}

// Only the generated description: the package index would load every GitHub variant (hundreds of MB).
const spec = require('@octokit/openapi/generated/api.github.com.json') as OpenApi;
const Ajv = AjvModule as unknown as typeof AjvModule.default;
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
addFormats(ajv);
ajv.addSchema(spec, 'github');

const compiled = new Map<string, ReturnType<typeof ajv.compile>>();

/** Problems with `body` as the request body of `method template` in GitHub's OpenAPI description. */
export function openApiProblems(method: string, template: string, body: unknown): string[] {
  const key = `${method} ${template}`;
  let validate = compiled.get(key);
  if (!validate) {
    const operation = spec.paths[template]?.[method.toLowerCase()];
    if (!operation) return [`${key} is not in GitHub's OpenAPI description`];
    if (!operation.requestBody) return body === undefined || body === '' ? [] : [`${key} takes no body`];
    const pointer = `#/paths/${template.replace(/~/g, '~0').replace(/\//g, '~1')}/${method.toLowerCase()}/requestBody/content/application~1json/schema`;
    validate = ajv.compile({ $ref: `github${pointer}` });
    compiled.set(key, validate);
  }
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => `${key}: ${e.instancePath || '(body)'} ${e.message}`);
}

/** Every problem found in outgoing requests; a test asserts it is empty at the end. */
export const requestProblems: string[] = [];

export interface GraphqlBody {
  query: string;
  variables?: Record<string, unknown>;
}

async function bodyOf(request: Request): Promise<unknown> {
  const text = await request.text();
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

/**
 * A nock reply function for a REST route: validates the request body against GitHub's OpenAPI
 * description (recording problems), hands the body to `seen`, and answers with `respond(body)`.
 * nock 15 evaluates body matchers for every request, whatever its path, so validation lives here,
 * where only the matched request arrives. (It passes the Fetch Request; a second parameter would make
 * the function callback-style.)
 */
export function restReply<T>(method: string, template: string, seen: (body: T) => void, respond: (body: T) => unknown) {
  return async (request: Request) => {
    const body = (await bodyOf(request)) as T;
    requestProblems.push(...openApiProblems(method, template, body));
    seen(body);
    return respond(body);
  };
}

/** The same for POST /graphql: the query must validate against GitHub's GraphQL schema. */
export function graphqlReply(seen: (body: GraphqlBody) => void, respond: (body: GraphqlBody) => unknown) {
  return async (request: Request) => {
    const body = (await bodyOf(request)) as GraphqlBody;
    requestProblems.push(...validateGraphql(body.query).map((e) => `graphql: ${e.message}`));
    seen(body);
    return respond(body);
  };
}

/** A pure nock body matcher for GraphQL requests (it also sees bodies of unrelated requests). */
export const graphqlMatch = (predicate: (body: GraphqlBody) => boolean) => (body: unknown) =>
  typeof body === 'object' && body !== null && typeof (body as GraphqlBody).query === 'string' && predicate(body as GraphqlBody);

/** A throwaway RSA key for the app's JWT, made at run time (nothing secret is stored in the repository). */
export const testPrivateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();

export const api = () => nock('https://api.github.com');

/** Installation token exchange for installation `id`, which every review does once. */
export function mockInstallationToken(id: number, times = 1) {
  return api()
    .post(`/app/installations/${id}/access_tokens`)
    .times(times)
    .reply(201, { token: 'ghs_test', expires_at: '2099-01-01T00:00:00Z', permissions: { checks: 'write', pull_requests: 'write', contents: 'read', metadata: 'read' } });
}

interface ExampleGroup {
  name: string;
  examples: Array<Record<string, unknown> & { action?: string; installation?: unknown }>;
}

const examples = require('@octokit/webhooks-examples/api.github.com/index.json') as ExampleGroup[];

/** A deep copy of a recorded webhook payload from @octokit/webhooks-examples: the first of `name.action` that has an installation. */
export function examplePayload<T = Record<string, unknown>>(name: string, action: string): T {
  const group = examples.find((g) => g.name === name);
  const example = group?.examples.find((e) => e.action === action && e.installation);
  if (!example) throw new Error(`no ${name}.${action} example with an installation`);
  return structuredClone(example) as T;
}
