import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { generateSync } from 'json-schema-faker'
import { convertDocumentSchemas, type ConvertedSchemas } from './openapi-to-json-schema.js'

/** One operation the upstream answers: `GET /v1/products/{id}`. */
export interface OperationChoice {
  method: string
  /** The path template as the document writes it. */
  path: string
}

/** An operation of the document the upstream serves, with what it answers. */
interface ServedOperation extends OperationChoice {
  pattern: RegExp
  status: number
  schema: unknown
}

export interface SpecUpstreamOptions {
  /** The OpenAPI document (3.0 or 3.1), parsed. */
  document: Record<string, unknown>
  operations: readonly OperationChoice[]
  /** The first request's seed; each request takes the next. Default 1. */
  seed?: number
  /**
   * How likely each optional property is to be there, 0 to 1. Default 0.5; an API like
   * Twilio's, whose answers carry every field (null where unknown), is served with 1.
   */
  optionalsProbability?: number
}

/** What the generator may make: bounded, so a Stripe object stays a few kilobytes. */
const GENERATE = { maxDepth: 12, maxDefaultItems: 3, optionalsProbability: 0.5 }

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** `/v1/products/{id}` → a pattern matching `/v1/products/prod_1` (one path segment per parameter). */
export function templatePattern(template: string): RegExp {
  const parts = template.split(/\{[^}]+\}/).map(escapeRegex)
  return new RegExp(`^${parts.join('[^/]+')}$`)
}

/** The first 2xx response with a JSON body the document gives for the operation. */
function findJsonResponse(
  document: Record<string, unknown>,
  choice: OperationChoice,
): ServedOperation {
  const item = (document.paths as Record<string, Record<string, unknown>> | undefined)?.[
    choice.path
  ]
  const operation = item?.[choice.method.toLowerCase()]
  if (!isRecord(operation) || !isRecord(operation.responses))
    throw new Error(`The document has no operation ${choice.method} ${choice.path}`)
  for (const [status, response] of Object.entries(operation.responses)) {
    if (!/^2\d\d$/.test(status) || !isRecord(response) || !isRecord(response.content)) continue
    for (const [mediaType, content] of Object.entries(response.content)) {
      if (!/json/i.test(mediaType) || !isRecord(content) || content.schema === undefined) continue
      return {
        ...choice,
        pattern: templatePattern(choice.path),
        status: Number(status),
        schema: content.schema,
      }
    }
  }
  throw new Error(`${choice.method} ${choice.path} documents no 2xx JSON response`)
}

/**
 * A spec-driven random-data upstream on 127.0.0.1 (port 0): for each chosen operation of an
 * OpenAPI document it answers every request with fresh data valid against the documented
 * response schema, the seed changing with each request. Nullable fields come back null or not,
 * optional properties present or not, lists empty or not where `minItems` allows it, enum
 * values vary; maps are left empty in every other answer and given one to three random keys
 * in the others, so their keys change too. This is what a live API does over weeks, in minutes.
 *
 * `use` switches the served document (the Upgrade case: the newer release of the same API).
 */
export async function startSpecUpstream(options: SpecUpstreamOptions) {
  let seed = options.seed ?? 1
  let served: {
    operations: ServedOperation[]
    plain: ConvertedSchemas
    filled: ConvertedSchemas
    document: Record<string, unknown>
  }
  const use = (document: Record<string, unknown>, operations = options.operations) => {
    served = {
      operations: operations.map((choice) => findJsonResponse(document, choice)),
      plain: convertDocumentSchemas(document),
      filled: convertDocumentSchemas(document, { fillMaps: true }),
      document,
    }
  }
  use(options.document)

  const requests: { method: string; url: string; seed: number }[] = []
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://upstream')
    const method = (req.method ?? 'GET').toUpperCase()
    if (method === 'GET' && url.pathname === '/openapi.json') {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify(served.document))
      return
    }
    const operation = served.operations.find(
      (op) => op.method.toUpperCase() === method && op.pattern.test(url.pathname),
    )
    if (!operation) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not served"}')
      return
    }
    const thisSeed = seed++
    requests.push({ method, url: url.pathname + url.search, seed: thisSeed })
    const schemas = thisSeed % 2 === 0 ? served.filled : served.plain
    let body: unknown
    try {
      body = generateSync(schemas.root(operation.schema) as never, {
        ...GENERATE,
        optionalsProbability: options.optionalsProbability ?? GENERATE.optionalsProbability,
        seed: thisSeed,
      })
    } catch (error) {
      // A schema the generator cannot handle is the test's problem: say so, loudly.
      res.writeHead(500, { 'content-type': 'text/plain' }).end(`generator: ${String(error)}`)
      return
    }
    res
      .writeHead(operation.status, { 'content-type': 'application/json' })
      .end(JSON.stringify(body))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    origin,
    /** The document served at `/openapi.json`. */
    specUrl: `${origin}/openapi.json`,
    requests,
    /** Serves another document (and optionally other operations) from the next request on. */
    use,
    /** The JSON Schema root the upstream generates from for one operation, to validate answers against. */
    schemaFor(choice: OperationChoice): Record<string, unknown> {
      return served.plain.root(findJsonResponse(served.document, choice).schema)
    },
    close: () => {
      server.closeAllConnections()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

export type SpecUpstream = Awaited<ReturnType<typeof startSpecUpstream>>
