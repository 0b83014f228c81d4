import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { loadSpec } from '../../src/diff/load/load-spec.js'
import { loadError } from '../support/load-error.js'

type Handler = (request: IncomingMessage, response: ServerResponse) => void

interface TestServer {
  origin: string
  routes: Map<string, Handler>
  requests: string[]
  server: Server
}

async function startServer(): Promise<TestServer> {
  const routes = new Map<string, Handler>()
  const requests: string[] = []
  const server = createServer((request, response) => {
    requests.push(request.url ?? '')
    const handler = routes.get(request.url ?? '')
    if (handler) handler(request, response)
    else response.writeHead(404).end('not found')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { origin: `http://127.0.0.1:${port}`, routes, requests, server }
}

const yaml =
  (text: string): Handler =>
  (_, response) => {
    response.writeHead(200, { 'content-type': 'application/yaml' }).end(text)
  }

function document(schema: string): string {
  return `openapi: 3.0.3
info: { title: pets, version: '1' }
paths:
  /pets:
    get:
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema: ${schema}
`
}

describe('loadSpec from URLs', () => {
  let home: TestServer
  let elsewhere: TestServer
  beforeAll(async () => {
    home = await startServer()
    elsewhere = await startServer()
  })
  afterAll(async () => {
    for (const { server } of [home, elsewhere]) {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
  })
  beforeEach(() => {
    home.routes.clear()
    elsewhere.routes.clear()
    home.requests.length = 0
    elsewhere.requests.length = 0
  })

  it('loads a document and resolves a relative $ref on its own origin', async () => {
    home.routes.set('/specs/openapi.yaml', yaml(document(`{ $ref: 'schemas/pet.yaml#/Pet' }`)))
    home.routes.set(
      '/specs/schemas/pet.yaml',
      yaml('Pet: { type: object, properties: { id: { type: string } } }\n'),
    )
    const spec = await loadSpec(`${home.origin}/specs/openapi.yaml`)
    expect(spec.source).toBe(`${home.origin}/specs/openapi.yaml`)
    const schema = (spec.document as any).paths['/pets'].get.responses['200'].content[
      'application/json'
    ].schema
    expect(schema).toEqual({ type: 'object', properties: { id: { type: 'string' } } })
  })

  it('refuses a $ref to another origin without requesting it', async () => {
    elsewhere.routes.set('/pet.yaml', yaml('Pet: { type: string }\n'))
    home.routes.set(
      '/openapi.yaml',
      yaml(document(`{ $ref: '${elsewhere.origin}/pet.yaml#/Pet' }`)),
    )
    const error = await loadError(`${home.origin}/openapi.yaml`)
    expect(error.code).toBe('SPEC_REF_REFUSED')
    expect(error.message).toContain(`not on the document's own origin ${home.origin}`)
    expect(elsewhere.requests).toEqual([])
  })

  it('fetches a $ref from another origin that is explicitly allowed', async () => {
    elsewhere.routes.set('/pet.yaml', yaml('Pet: { type: string }\n'))
    home.routes.set(
      '/openapi.yaml',
      yaml(document(`{ $ref: '${elsewhere.origin}/pet.yaml#/Pet' }`)),
    )
    const spec = await loadSpec(`${home.origin}/openapi.yaml`, {
      allowedRefOrigins: [elsewhere.origin],
    })
    expect(
      (spec.document as any).paths['/pets'].get.responses['200'].content['application/json'].schema,
    ).toEqual({ type: 'string' })
  })

  it('refuses a file: $ref from a URL document', async () => {
    const local = fileURLToPath(new URL('./fixtures/load/multi-file/schemas.yaml', import.meta.url))
    home.routes.set('/openapi.yaml', yaml(document(`{ $ref: 'file://${local}#/Pet' }`)))
    const error = await loadError(`${home.origin}/openapi.yaml`)
    expect(error.code).toBe('SPEC_REF_REFUSED')
    expect(error.message).toContain('may not read local files')
  })

  it('refuses a same-origin $ref that redirects to another origin', async () => {
    elsewhere.routes.set('/pet.yaml', yaml('Pet: { type: string }\n'))
    home.routes.set('/pet.yaml', (_, response) =>
      response.writeHead(302, { location: `${elsewhere.origin}/pet.yaml` }).end(),
    )
    home.routes.set('/openapi.yaml', yaml(document(`{ $ref: 'pet.yaml#/Pet' }`)))
    const error = await loadError(`${home.origin}/openapi.yaml`)
    expect(error.code).toBe('SPEC_REF_REFUSED')
    expect(elsewhere.requests).toEqual([])
  })

  it('reports an HTTP error status as unreadable', async () => {
    const error = await loadError(`${home.origin}/missing.yaml`)
    expect(error.code).toBe('SPEC_UNREADABLE')
    expect(error.message).toContain('HTTP 404')
  })

  it('refuses a body larger than the size cap, declared or streamed', async () => {
    const big = document(`{ type: string, description: '${'x'.repeat(5000)}' }`)
    home.routes.set('/declared.yaml', yaml(big))
    home.routes.set('/streamed.yaml', (_, response) => {
      response.writeHead(200, { 'content-type': 'application/yaml' })
      response.write(big.slice(0, 2000))
      response.end(big.slice(2000))
    })
    for (const path of ['/declared.yaml', '/streamed.yaml']) {
      const error = await loadError(`${home.origin}${path}`, { maxBytes: 1000 })
      expect(error.code).toBe('SPEC_UNREADABLE')
      expect(error.message).toContain('larger than 1000 bytes')
    }
  })

  it('gives up on a server that does not answer within the timeout', async () => {
    home.routes.set('/hang.yaml', () => {
      // never answers
    })
    const error = await loadError(`${home.origin}/hang.yaml`, { timeoutMs: 200 })
    expect(error.code).toBe('SPEC_UNREADABLE')
    expect(error.message).toContain('timed out')
  })
})
