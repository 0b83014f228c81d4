/**
 * Response headers that change from one response to the next (clock, caches, request ids,
 * rate limits, tracing, load balancers) or describe the connection: recording them would
 * make every replay fail. `content-encoding` goes too: the body is kept decoded.
 */
const VOLATILE_RESPONSE: ReadonlySet<string> = new Set([
  'date',
  'etag',
  'last-modified',
  'expires',
  'age',
  'set-cookie',
  'content-length',
  'content-encoding',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'trailer',
  'upgrade',
  'proxy-connection',
  'server',
  'server-timing',
  'vary',
  'via',
  'alt-svc',
  'nel',
  'report-to',
  'retry-after',
  'x-request-id',
  'request-id',
  'x-correlation-id',
  'correlation-id',
  'x-trace-id',
  'traceparent',
  'tracestate',
  'x-runtime',
  'x-response-time',
  'x-powered-by',
  'x-served-by',
  'x-cache',
  'x-cache-hits',
  'x-timer',
  'x-github-request-id',
  'x-cloud-trace-context',
  'cf-ray',
])

const VOLATILE_RESPONSE_PREFIXES = [
  'cf-',
  'x-amzn-',
  'x-amz-',
  'x-ratelimit-',
  'ratelimit',
  'x-rate-limit-',
  'x-b3-',
  'x-envoy-',
  'x-datadog-',
  'x-vercel-',
  'x-fastly-',
]

/** Whether a response header of this name is left out of a recording. */
export function isVolatileResponseHeader(name: string): boolean {
  const lower = name.toLowerCase()
  return (
    VOLATILE_RESPONSE.has(lower) ||
    VOLATILE_RESPONSE_PREFIXES.some((prefix) => lower.startsWith(prefix)) ||
    lower.endsWith('-request-id')
  )
}

/**
 * Request headers left out: the connection's (the probe sets its own), tracing ids, and the
 * conditional headers of a cache revalidation, which would make the replay's answer depend on
 * an ETag recorded once.
 */
const VOLATILE_REQUEST: ReadonlySet<string> = new Set([
  'host',
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'content-length',
  'te',
  'trailer',
  'upgrade',
  'expect',
  'accept-encoding',
  'if-none-match',
  'if-modified-since',
  'traceparent',
  'tracestate',
  'baggage',
  'sentry-trace',
  'b3',
  'newrelic',
  'x-request-id',
  'x-correlation-id',
  'x-amzn-trace-id',
  'x-cloud-trace-context',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-real-ip',
])

/** Whether a request header of this name is left out of a recording. */
export function isVolatileRequestHeader(name: string): boolean {
  const lower = name.toLowerCase()
  // HTTP/2 pseudo-headers (`:authority`) and `sec-*` (fetch metadata, client hints) describe the
  // browser, not the call; `proxy-*` is for a proxy hop, not the upstream.
  return (
    lower.startsWith(':') ||
    lower.startsWith('sec-') ||
    lower.startsWith('proxy-') ||
    VOLATILE_REQUEST.has(lower) ||
    lower.startsWith('x-b3-') ||
    lower.startsWith('x-datadog-')
  )
}
