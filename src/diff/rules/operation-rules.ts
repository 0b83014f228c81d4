import type { RuleDefinition } from './rule-definition.js'

const ok = { description: 'OK' }
const json = (schema: unknown) => ({ content: { 'application/json': { schema } } })
const op = (fields: Record<string, unknown> = {}) => ({
  paths: { '/pets': { get: { ...fields, responses: { '200': ok } } } },
})
const param = (fields: Record<string, unknown>) => ({
  name: 'limit',
  in: 'query',
  schema: { type: 'integer' },
  ...fields,
})
const withParams = (...parameters: unknown[]) => op({ parameters })
const postBody = (requestBody: unknown) => ({
  paths: { '/pets': { post: { requestBody, responses: { '201': ok } } } },
})
const responses = (map: Record<string, unknown>) => ({
  paths: { '/pets': { get: { responses: map } } },
})
const headers = (map: Record<string, unknown>) =>
  responses({ '200': { description: 'OK', headers: map } })
const secured = (security: unknown) => op({ security })
const schemes = (map: Record<string, unknown>) => ({ components: { securitySchemes: map } })
const oauth = (flows: Record<string, unknown>) => schemes({ oauth: { type: 'oauth2', flows } })
const code = (tokenUrl: string, scopes: Record<string, string>) => ({
  authorizationCode: { authorizationUrl: 'https://auth.example.com/authorize', tokenUrl, scopes },
})

const SECURITY_NOTE =
  'oasdiff rates every security change as INFO. A client holding only the old credentials or scopes fails once the upstream requires more, so upcheck rates a tightened requirement as breaking.'

/** Rules about operations, parameters, bodies, responses, security and servers. */
export const OPERATION_RULES: readonly RuleDefinition[] = [
  // operations
  {
    id: 'endpoint-added',
    severity: 'info',
    group: 'operations',
    description: 'An operation was added.',
    message: 'operation added',
    example: { before: { paths: {} }, after: op() },
  },
  {
    id: 'endpoint-removed',
    severity: 'breaking',
    group: 'operations',
    description:
      'An operation was removed without being deprecated first: every client that calls it fails.',
    message: 'operation removed without deprecation',
    example: { before: op(), after: { paths: {} } },
  },
  {
    id: 'endpoint-removed-before-sunset',
    severity: 'breaking',
    group: 'operations',
    description:
      "A deprecated operation was removed before the date in its `x-sunset` (or upcheck was not told today's date, so it cannot tell).",
    message: 'operation removed before its sunset date {value}',
    example: { before: op({ deprecated: true, 'x-sunset': '2999-01-01' }), after: { paths: {} } },
  },
  {
    id: 'endpoint-removed-without-sunset',
    severity: 'breaking',
    group: 'operations',
    description:
      'A deprecated operation with no `x-sunset` date was removed: clients were warned but never given a deadline, and one that still calls it fails.',
    message: 'deprecated operation removed (it had no sunset date)',
    example: { before: op({ deprecated: true }), after: { paths: {} } },
  },
  {
    id: 'endpoint-removed-after-sunset',
    severity: 'warning',
    group: 'operations',
    description:
      'A deprecated operation was removed after the date in its `x-sunset`: as announced, but a client that still calls it fails.',
    message: 'deprecated operation removed after its sunset date {value}',
    example: { before: op({ deprecated: true, 'x-sunset': '2020-01-01' }), after: { paths: {} } },
  },
  {
    id: 'endpoint-deprecated',
    severity: 'info',
    group: 'operations',
    description: 'An operation was marked `deprecated`.',
    message: 'operation deprecated',
    example: { before: op(), after: op({ deprecated: true }) },
  },
  {
    id: 'endpoint-deprecated-with-sunset',
    severity: 'info',
    group: 'operations',
    description:
      'An operation was marked `deprecated` with an `x-sunset` date: plan the migration before that date.',
    message: 'operation deprecated, sunset {value}',
    example: { before: op(), after: op({ deprecated: true, 'x-sunset': '2027-06-30' }) },
  },
  {
    id: 'endpoint-reactivated',
    severity: 'info',
    group: 'operations',
    description: 'An operation is no longer `deprecated`.',
    message: 'operation no longer deprecated',
    example: { before: op({ deprecated: true }), after: op() },
  },
  {
    id: 'endpoint-sunset-moved-earlier',
    severity: 'breaking',
    group: 'operations',
    description:
      'The `x-sunset` date of a deprecated operation moved earlier: clients have less time than they were promised.',
    message: 'sunset moved earlier from {from} to {to}',
    example: {
      before: op({ deprecated: true, 'x-sunset': '2027-06-30' }),
      after: op({ deprecated: true, 'x-sunset': '2026-12-31' }),
    },
  },
  {
    id: 'endpoint-sunset-changed',
    severity: 'info',
    group: 'operations',
    description: 'The `x-sunset` date of an operation was set, moved later or removed.',
    message: 'sunset changed from {from} to {to}',
    example: {
      before: op({ deprecated: true, 'x-sunset': '2026-12-31' }),
      after: op({ deprecated: true, 'x-sunset': '2027-06-30' }),
    },
  },
  {
    id: 'endpoint-stability-decreased',
    severity: 'breaking',
    group: 'operations',
    description:
      'The `x-stability-level` of an operation went down (stable → beta → alpha → draft): it may now change without notice.',
    message: 'stability decreased from {from} to {to}',
    example: {
      before: op({ 'x-stability-level': 'stable' }),
      after: op({ 'x-stability-level': 'beta' }),
    },
  },
  {
    id: 'endpoint-operation-id-changed',
    severity: 'info',
    group: 'operations',
    description: 'The `operationId` changed: generated client code renames the method.',
    message: 'operationId changed from {from} to {to}',
    example: { before: op({ operationId: 'listPets' }), after: op({ operationId: 'getPets' }) },
  },
  {
    id: 'endpoint-path-prefix-changed',
    severity: 'breaking',
    group: 'servers',
    description:
      'The path prefix the servers (or 2.0 `basePath`) put in front of an operation changed: the operation answers at another URL.',
    message: 'served under {to} instead of {from}',
    example: {
      before: { servers: [{ url: 'https://api.example.com/v1' }], ...op() },
      after: { servers: [{ url: 'https://api.example.com/v2' }], ...op() },
    },
  },
  {
    id: 'server-added',
    severity: 'info',
    group: 'servers',
    description: 'A server was added to the document.',
    message: 'server {value} added',
    example: {
      before: { servers: [{ url: 'https://api.example.com' }] },
      after: {
        servers: [{ url: 'https://api.example.com' }, { url: 'https://eu.api.example.com' }],
      },
    },
  },
  {
    id: 'server-removed',
    severity: 'info',
    group: 'servers',
    description:
      'A server was removed from the document. Clients configure their own base URL, so this is information; a changed path prefix is reported per operation.',
    message: 'server {value} removed',
    example: {
      before: { servers: [{ url: 'https://dev.example.com' }] },
      after: { servers: [{ url: 'https://qa.example.com' }] },
    },
  },
  {
    id: 'webhook-added',
    severity: 'info',
    group: 'operations',
    description: 'A webhook (3.1 `webhooks`) was added.',
    message: 'webhook {value} added',
    example: {
      before: { webhooks: {} },
      after: { webhooks: { petCreated: { post: { responses: { '200': ok } } } } },
    },
  },
  {
    id: 'webhook-removed',
    severity: 'breaking',
    group: 'operations',
    description: 'A webhook was removed: a consumer waiting for those events never gets them.',
    message: 'webhook {value} removed',
    example: {
      before: { webhooks: { petCreated: { post: { responses: { '200': ok } } } } },
      after: { webhooks: {} },
    },
    differsFromOasdiff:
      'upcheck compares a webhook in reverse: the upstream sends its request and the consumer reads it, so its request body follows the response rules and its response the request rules.',
  },
  // parameters
  {
    id: 'request-parameter-removed',
    severity: 'warning',
    group: 'parameters',
    description:
      'A parameter was removed: the upstream ignores it now, which can silently change results (a filter no longer applied).',
    message: '{location} parameter {name} removed',
    example: { before: withParams(param({})), after: withParams() },
  },
  {
    id: 'request-parameter-removed-before-sunset',
    severity: 'breaking',
    group: 'parameters',
    description: 'A deprecated parameter was removed before the date in its `x-sunset`.',
    message: '{location} parameter {name} removed before its sunset date {value}',
    example: {
      before: withParams(param({ deprecated: true, 'x-sunset': '2999-01-01' })),
      after: withParams(),
    },
  },
  {
    id: 'request-parameter-added-required',
    severity: 'breaking',
    group: 'parameters',
    description: 'A required parameter was added: a client that does not send it is rejected.',
    message: 'required {location} parameter {name} added',
    example: { before: withParams(), after: withParams(param({ required: true })) },
  },
  {
    id: 'request-parameter-added-optional',
    severity: 'info',
    group: 'parameters',
    description: 'An optional parameter was added.',
    message: 'optional {location} parameter {name} added',
    example: { before: withParams(), after: withParams(param({})) },
  },
  {
    id: 'request-parameter-became-required',
    severity: 'breaking',
    group: 'parameters',
    description: 'A parameter became required: a client that leaves it out is rejected.',
    message: '{location} parameter {name} became required',
    example: { before: withParams(param({})), after: withParams(param({ required: true })) },
  },
  {
    id: 'request-parameter-became-optional',
    severity: 'info',
    group: 'parameters',
    description: 'A parameter is no longer required.',
    message: '{location} parameter {name} became optional',
    example: { before: withParams(param({ required: true })), after: withParams(param({})) },
  },
  {
    id: 'request-parameter-style-changed',
    severity: 'breaking',
    group: 'parameters',
    description:
      'The serialisation `style` of a parameter changed: values the client encodes the old way are misread.',
    message: '{location} parameter {name} style changed from {from} to {to}',
    example: {
      before: withParams(param({ style: 'form' })),
      after: withParams(param({ style: 'pipeDelimited' })),
    },
  },
  {
    id: 'request-parameter-explode-changed',
    severity: 'breaking',
    group: 'parameters',
    description:
      'The `explode` flag of a parameter changed: arrays and objects are serialised differently.',
    message: '{location} parameter {name} explode changed from {from} to {to}',
    example: {
      before: withParams(param({ explode: true })),
      after: withParams(param({ explode: false })),
    },
  },
  {
    id: 'request-parameter-empty-value-disallowed',
    severity: 'breaking',
    group: 'parameters',
    description: 'A parameter no longer allows an empty value (`allowEmptyValue` removed).',
    message: '{location} parameter {name} no longer allows an empty value',
    example: { before: withParams(param({ allowEmptyValue: true })), after: withParams(param({})) },
  },
  {
    id: 'request-parameter-deprecated',
    severity: 'info',
    group: 'parameters',
    description: 'A parameter was marked `deprecated`.',
    message: '{location} parameter {name} deprecated',
    example: { before: withParams(param({})), after: withParams(param({ deprecated: true })) },
  },
  {
    id: 'request-parameter-reactivated',
    severity: 'info',
    group: 'parameters',
    description: 'A parameter is no longer `deprecated`.',
    message: '{location} parameter {name} no longer deprecated',
    example: { before: withParams(param({ deprecated: true })), after: withParams(param({})) },
  },
  {
    id: 'request-parameter-media-type-changed',
    severity: 'breaking',
    group: 'parameters',
    description:
      'A parameter that uses `content` changed its media type: the client serialises it the old way.',
    message: '{location} parameter {name} media type changed from {from} to {to}',
    example: {
      before: withParams({
        name: 'filter',
        in: 'query',
        content: { 'application/json': { schema: { type: 'object' } } },
      }),
      after: withParams({
        name: 'filter',
        in: 'query',
        content: { 'text/plain': { schema: { type: 'string' } } },
      }),
    },
  },
  // request bodies
  {
    id: 'request-body-added-required',
    severity: 'breaking',
    group: 'request bodies',
    description: 'A required request body was added: a client that sends none is rejected.',
    message: 'required request body added',
    example: {
      before: postBody(undefined),
      after: postBody({ required: true, ...json({ type: 'object' }) }),
    },
  },
  {
    id: 'request-body-added-optional',
    severity: 'info',
    group: 'request bodies',
    description: 'An optional request body was added.',
    message: 'optional request body added',
    example: { before: postBody(undefined), after: postBody(json({ type: 'object' })) },
  },
  {
    id: 'request-body-removed',
    severity: 'breaking',
    group: 'request bodies',
    description:
      'The request body was removed: the upstream ignores or rejects what the client sends.',
    message: 'request body removed',
    example: { before: postBody(json({ type: 'object' })), after: postBody(undefined) },
  },
  {
    id: 'request-body-became-required',
    severity: 'breaking',
    group: 'request bodies',
    description: 'The request body became required: a client that sends none is rejected.',
    message: 'request body became required',
    example: {
      before: postBody(json({ type: 'object' })),
      after: postBody({ required: true, ...json({ type: 'object' }) }),
    },
  },
  {
    id: 'request-body-became-optional',
    severity: 'info',
    group: 'request bodies',
    description: 'The request body is no longer required.',
    message: 'request body became optional',
    example: {
      before: postBody({ required: true, ...json({ type: 'object' }) }),
      after: postBody(json({ type: 'object' })),
    },
  },
  {
    id: 'request-body-media-type-removed',
    severity: 'breaking',
    group: 'request bodies',
    description: 'A request media type was removed: a client sending it gets 415.',
    message: 'request media type {value} removed',
    example: {
      before: postBody({
        content: {
          'application/json': { schema: { type: 'object' } },
          'application/xml': { schema: { type: 'object' } },
        },
      }),
      after: postBody(json({ type: 'object' })),
    },
  },
  {
    id: 'request-body-media-type-added',
    severity: 'info',
    group: 'request bodies',
    description: 'A request media type was added.',
    message: 'request media type {value} added',
    example: {
      before: postBody(json({ type: 'object' })),
      after: postBody({
        content: {
          'application/json': { schema: { type: 'object' } },
          'application/xml': { schema: { type: 'object' } },
        },
      }),
    },
  },
  // responses
  {
    id: 'response-success-status-removed',
    severity: 'breaking',
    group: 'responses',
    description:
      'A success (2xx) response was removed: a client expecting that status gets another.',
    message: 'success response {value} removed',
    example: { before: responses({ '200': ok, '204': ok }), after: responses({ '200': ok }) },
  },
  {
    id: 'response-non-success-status-removed',
    severity: 'info',
    group: 'responses',
    description:
      'A non-success response was removed from the document (the upstream may still return it).',
    message: 'response {value} removed',
    example: { before: responses({ '200': ok, '404': ok }), after: responses({ '200': ok }) },
  },
  {
    id: 'response-success-status-added',
    severity: 'info',
    group: 'responses',
    description: 'A success (2xx) response was added.',
    message: 'success response {value} added',
    example: { before: responses({ '200': ok }), after: responses({ '200': ok, '202': ok }) },
  },
  {
    id: 'response-non-success-status-added',
    severity: 'info',
    group: 'responses',
    description: 'A non-success response was added.',
    message: 'response {value} added',
    example: { before: responses({ '200': ok }), after: responses({ '200': ok, '429': ok }) },
  },
  {
    id: 'response-media-type-removed',
    severity: 'breaking',
    group: 'responses',
    description:
      'A response media type was removed: a client that asks for or parses it gets something else.',
    message: 'response {status} media type {value} removed',
    example: {
      before: responses({
        '200': { description: 'OK', content: { 'application/json': {}, 'application/xml': {} } },
      }),
      after: responses({ '200': { description: 'OK', content: { 'application/json': {} } } }),
    },
  },
  {
    id: 'response-media-type-added',
    severity: 'info',
    group: 'responses',
    description: 'A response media type was added.',
    message: 'response {status} media type {value} added',
    example: {
      before: responses({ '200': { description: 'OK', content: { 'application/json': {} } } }),
      after: responses({
        '200': { description: 'OK', content: { 'application/json': {}, 'text/csv': {} } },
      }),
    },
  },
  {
    id: 'response-header-removed',
    severity: 'breaking',
    group: 'responses',
    description: 'A required response header was removed: a client that reads it finds nothing.',
    message: 'response {status} header {name} removed',
    example: {
      before: headers({ 'X-Rate-Limit': { required: true, schema: { type: 'integer' } } }),
      after: headers({}),
    },
  },
  {
    id: 'response-header-optional-removed',
    severity: 'warning',
    group: 'responses',
    description:
      'An optional response header was removed: a client that used it when present never sees it again.',
    message: 'response {status} optional header {name} removed',
    example: {
      before: headers({ 'X-Request-Id': { schema: { type: 'string' } } }),
      after: headers({}),
    },
  },
  {
    id: 'response-header-added',
    severity: 'info',
    group: 'responses',
    description: 'A response header was added.',
    message: 'response {status} header {name} added',
    example: {
      before: headers({}),
      after: headers({ 'X-Request-Id': { schema: { type: 'string' } } }),
    },
  },
  {
    id: 'response-header-became-optional',
    severity: 'breaking',
    group: 'responses',
    description:
      'A response header is no longer required: a client that counts on it may find it missing.',
    message: 'response {status} header {name} became optional',
    example: {
      before: headers({ 'X-Rate-Limit': { required: true, schema: { type: 'integer' } } }),
      after: headers({ 'X-Rate-Limit': { schema: { type: 'integer' } } }),
    },
  },
  {
    id: 'response-header-became-required',
    severity: 'info',
    group: 'responses',
    description: 'A response header became required: it is always sent now.',
    message: 'response {status} header {name} became required',
    example: {
      before: headers({ 'X-Rate-Limit': { schema: { type: 'integer' } } }),
      after: headers({ 'X-Rate-Limit': { required: true, schema: { type: 'integer' } } }),
    },
  },
  // security requirements of operations
  {
    id: 'security-requirement-added',
    severity: 'breaking',
    group: 'security',
    description:
      'The operation requires a credential it did not (security added where there was none, or a scheme added to every alternative): a client without it is refused.',
    message: 'now requires {value}',
    example: { before: op(), after: secured([{ apiKey: [] }]) },
    differsFromOasdiff: SECURITY_NOTE,
  },
  {
    id: 'security-requirement-removed',
    severity: 'info',
    group: 'security',
    description: 'The operation accepts a credential it did not, or no longer requires one.',
    message: 'no longer requires {value}',
    example: { before: secured([{ apiKey: [] }]), after: secured([{ apiKey: [] }, {}]) },
  },
  {
    id: 'security-scope-added',
    severity: 'breaking',
    group: 'security',
    description: 'The operation requires an OAuth scope it did not: a token without it is refused.',
    message: 'now requires scope {value} of {name}',
    example: {
      before: secured([{ oauth: ['pets:read'] }]),
      after: secured([{ oauth: ['pets:read', 'pets:admin'] }]),
    },
    differsFromOasdiff: SECURITY_NOTE,
  },
  {
    id: 'security-scope-removed',
    severity: 'info',
    group: 'security',
    description: 'The operation no longer requires an OAuth scope.',
    message: 'no longer requires scope {value} of {name}',
    example: {
      before: secured([{ oauth: ['pets:read', 'pets:admin'] }]),
      after: secured([{ oauth: ['pets:read'] }]),
    },
  },
  // security schemes (document-wide)
  {
    id: 'security-scheme-added',
    severity: 'info',
    group: 'security',
    description: 'A security scheme was added to `components.securitySchemes`.',
    message: 'security scheme {name} added',
    example: {
      before: schemes({}),
      after: schemes({ apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' } }),
    },
  },
  {
    id: 'security-scheme-removed',
    severity: 'warning',
    group: 'security',
    description:
      'A security scheme was removed; operations that required it are reported on their own.',
    message: 'security scheme {name} removed',
    example: {
      before: schemes({ apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' } }),
      after: schemes({}),
    },
  },
  {
    id: 'security-scheme-type-changed',
    severity: 'breaking',
    group: 'security',
    description:
      'The type of a security scheme changed (say, API key to OAuth): clients must authenticate another way.',
    message: 'security scheme {name} type changed from {from} to {to}',
    example: {
      before: schemes({ auth: { type: 'apiKey', in: 'header', name: 'X-Api-Key' } }),
      after: schemes({ auth: { type: 'http', scheme: 'bearer' } }),
    },
    differsFromOasdiff: SECURITY_NOTE,
  },
  {
    id: 'security-scheme-api-key-location-changed',
    severity: 'breaking',
    group: 'security',
    description:
      'An API key moved (header, query, cookie): the client sends it where the upstream no longer looks.',
    message: 'API key {name} moved from {from} to {to}',
    example: {
      before: schemes({ auth: { type: 'apiKey', in: 'query', name: 'api_key' } }),
      after: schemes({ auth: { type: 'apiKey', in: 'header', name: 'api_key' } }),
    },
  },
  {
    id: 'security-scheme-api-key-name-changed',
    severity: 'breaking',
    group: 'security',
    description: 'The header, query or cookie name of an API key changed.',
    message: 'API key {name} renamed from {from} to {to}',
    example: {
      before: schemes({ auth: { type: 'apiKey', in: 'header', name: 'X-Api-Key' } }),
      after: schemes({ auth: { type: 'apiKey', in: 'header', name: 'X-Key' } }),
    },
  },
  {
    id: 'security-scheme-http-scheme-changed',
    severity: 'breaking',
    group: 'security',
    description: 'The HTTP authentication scheme changed (basic, bearer, …).',
    message: 'HTTP scheme of {name} changed from {from} to {to}',
    example: {
      before: schemes({ auth: { type: 'http', scheme: 'basic' } }),
      after: schemes({ auth: { type: 'http', scheme: 'bearer' } }),
    },
  },
  {
    id: 'security-scheme-bearer-format-changed',
    severity: 'info',
    group: 'security',
    description: 'The documented `bearerFormat` of a scheme changed.',
    message: 'bearer format of {name} changed from {from} to {to}',
    example: {
      before: schemes({ auth: { type: 'http', scheme: 'bearer', bearerFormat: 'opaque' } }),
      after: schemes({ auth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } }),
    },
  },
  {
    id: 'security-scheme-oauth-flow-added',
    severity: 'info',
    group: 'security',
    description: 'An OAuth flow was added to a scheme.',
    message: 'OAuth flow {value} added to {name}',
    example: {
      before: oauth(code('https://auth.example.com/token', { read: 'read' })),
      after: oauth({
        ...code('https://auth.example.com/token', { read: 'read' }),
        clientCredentials: { tokenUrl: 'https://auth.example.com/token', scopes: { read: 'read' } },
      }),
    },
  },
  {
    id: 'security-scheme-oauth-flow-removed',
    severity: 'breaking',
    group: 'security',
    description:
      'An OAuth flow was removed from a scheme: clients using it can no longer get tokens.',
    message: 'OAuth flow {value} removed from {name}',
    example: {
      before: oauth({
        ...code('https://auth.example.com/token', { read: 'read' }),
        clientCredentials: { tokenUrl: 'https://auth.example.com/token', scopes: { read: 'read' } },
      }),
      after: oauth(code('https://auth.example.com/token', { read: 'read' })),
    },
    differsFromOasdiff: SECURITY_NOTE,
  },
  {
    id: 'security-scheme-oauth-url-changed',
    severity: 'warning',
    group: 'security',
    description:
      'An OAuth token, authorization or refresh URL changed: clients with the old URL configured cannot get tokens.',
    message: '{value} of {name} changed from {from} to {to}',
    example: {
      before: oauth(code('https://auth.example.com/token', { read: 'read' })),
      after: oauth(code('https://login.example.com/oauth/token', { read: 'read' })),
    },
  },
  {
    id: 'security-scheme-oauth-scope-added',
    severity: 'info',
    group: 'security',
    description: 'A scope was added to an OAuth flow.',
    message: 'scope {value} added to {name}',
    example: {
      before: oauth(code('https://auth.example.com/token', { read: 'read' })),
      after: oauth(code('https://auth.example.com/token', { read: 'read', write: 'write' })),
    },
  },
  {
    id: 'security-scheme-oauth-scope-removed',
    severity: 'breaking',
    group: 'security',
    description: 'A scope was removed from an OAuth flow: a client that requests it gets no token.',
    message: 'scope {value} removed from {name}',
    example: {
      before: oauth(code('https://auth.example.com/token', { read: 'read', write: 'write' })),
      after: oauth(code('https://auth.example.com/token', { read: 'read' })),
    },
    differsFromOasdiff: SECURITY_NOTE,
  },
  {
    id: 'security-scheme-openid-url-changed',
    severity: 'warning',
    group: 'security',
    description: 'The `openIdConnectUrl` of a scheme changed.',
    message: 'OpenID Connect URL of {name} changed from {from} to {to}',
    example: {
      before: schemes({
        oidc: {
          type: 'openIdConnect',
          openIdConnectUrl: 'https://a.example.com/.well-known/openid-configuration',
        },
      }),
      after: schemes({
        oidc: {
          type: 'openIdConnect',
          openIdConnectUrl: 'https://b.example.com/.well-known/openid-configuration',
        },
      }),
    },
  },
]
