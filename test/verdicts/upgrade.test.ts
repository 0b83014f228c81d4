import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  sendJson as json,
  startLocalUpstream,
  type LocalUpstream,
} from '../support/local-upstream.js'
import { type Project, createProject } from '../support/project.js'
import { startCliProcess } from '../support/cli-process.js'

/**
 * The upgrade test: a contract recorded through `upcheck record` against an upstream that
 * serves the data of one document, verified while the upstream drifts within that document,
 * then verified after the upstream switches to a newer document. Each recorded operation is
 * broken exactly when the upgrade touches what the recording reads (the ground truth below,
 * written by hand per operation), and for no other reason.
 */

const str = { type: 'string' }
const int = { type: 'integer' }
const object = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: 'object',
  ...(required.length > 0 ? { required } : {}),
  properties,
})

/** The schemas of each version; `v2` differs from `v1` as the ground truth says. */
function schemas(version: 1 | 2) {
  return {
    User: object({ id: int, name: str, nickname: str, bio: { type: 'string', nullable: true } }, [
      'id',
      'name',
    ]),
    Order: object({ id: int, total: version === 1 ? int : str }, ['id', 'total']),
    OrderList: object({
      orders: { type: 'array', items: { $ref: '#/components/schemas/OrderSummary' } },
    }),
    OrderSummary: object({
      id: int,
      placed_at: version === 1 ? { type: 'string', format: 'date-time' } : int,
    }),
    Product: object(
      version === 1 ? { sku: str, price: int, discount: int } : { sku: str, price: int },
      ['sku', 'price'],
    ),
    ProductList: object({
      items: {
        type: 'array',
        items: object(
          version === 1 ? { sku: str, name: str, legacy_code: str } : { sku: str, name: str },
          ['sku'],
        ),
      },
    }),
    Invoice: object(
      {
        id: int,
        status: {
          type: 'string',
          enum: version === 1 ? ['draft', 'paid'] : ['draft', 'paid', 'void'],
        },
      },
      ['id', 'status'],
    ),
    TagList: {
      type: 'array',
      items: object(version === 1 ? { name: str } : { name: str, color: str }, ['name']),
    },
    Customer: object({ id: int, email: version === 1 ? str : { type: 'string', nullable: true } }, [
      'id',
      'email',
    ]),
    Report: object({ id: int, title: str, summary: version === 1 ? str : int }, ['id', 'title']),
    Store: object({ id: int, address: { type: 'object', additionalProperties: str } }, ['id']),
  }
}

/** Operation → the schema its 200 answers. */
const operations: Record<string, string> = {
  'GET /users/{id}': 'User',
  'GET /orders/{id}': 'Order',
  'GET /orders': 'OrderList',
  'GET /products/{id}': 'Product',
  'GET /products': 'ProductList',
  'GET /invoices/{id}': 'Invoice',
  'GET /tags': 'TagList',
  'GET /customers/{id}': 'Customer',
  'GET /reports/{id}': 'Report',
  'GET /stores/{id}': 'Store',
}

function document(version: 1 | 2) {
  const paths: Record<string, unknown> = {}
  for (const [operation, schema] of Object.entries(operations)) {
    const path = operation.slice(4)
    paths[path] = {
      get: {
        ...(path.includes('{id}')
          ? { parameters: [{ name: 'id', in: 'path', required: true, schema: int }] }
          : {}),
        responses: {
          '200': {
            description: 'ok',
            content: {
              'application/json': { schema: { $ref: `#/components/schemas/${schema}` } },
            },
          },
        },
      },
    }
  }
  // Never recorded, removed in v2: a change elsewhere, a warning at most.
  if (version === 1)
    paths['/legacy/ping'] = { get: { responses: { '200': { description: 'ok' } } } }
  return {
    openapi: '3.0.3',
    info: { title: 'shop', version: String(version) },
    paths,
    components: { schemas: schemas(version) },
  }
}

/**
 * What the upstream answers on `day` under a document `version`: always valid for that
 * version, and different from day to day the way live data is (ids, nulls on nullable
 * fields, absent optional fields, new map keys).
 */
function answer(path: string, version: 1 | 2, day: number): unknown {
  const id = Number(path.split('/')[2] ?? 0)
  switch (path.replace(/\/\d+$/, '/{id}')) {
    case '/users/{id}':
      return day === 1
        ? { id, name: 'Ann', nickname: 'annie', bio: 'hi' }
        : { id, name: 'Bob', bio: null }
    case '/orders/{id}':
      return { id, total: version === 1 ? 1200 + day : `${12 + day}.00` }
    case '/orders':
      // Recorded empty: the pilot never saw an order in the list.
      return day === 1
        ? { orders: [] }
        : { orders: [{ id: 9, placed_at: version === 1 ? '2026-01-02T03:04:05Z' : 1767323045 }] }
    case '/products/{id}':
      return version === 1
        ? { sku: `p${id}`, price: 10 + day, discount: day }
        : { sku: 'p', price: 9 }
    case '/products':
      return { items: [{ sku: `s${day}`, name: 'Soap' }] }
    case '/invoices/{id}':
      return { id, status: version === 1 ? (day === 1 ? 'draft' : 'paid') : 'void' }
    case '/tags':
      return version === 1 ? [{ name: `t${day}` }] : [{ name: 't', color: 'red' }]
    case '/customers/{id}':
      return { id, email: version === 1 ? `c${day}@example.com` : null }
    case '/reports/{id}':
      return version === 1 ? { id, title: `r${day}` } : { id, title: 'r', summary: 3 }
    case '/stores/{id}':
      return { id, address: day === 1 ? { city: 'Oslo' } : { city: 'Bergen', zip: '5003' } }
  }
  return undefined
}

/** What the pilot called, one request per operation. */
const pilotPaths = [
  '/users/1',
  '/orders/2',
  '/orders',
  '/products/3',
  '/products',
  '/invoices/4',
  '/tags',
  '/customers/5',
  '/reports/6',
  '/stores/7',
]

/**
 * The ground truth, by hand: the operations whose upgrade touches what the recording reads.
 * - `GET /orders/{id}`: `total` (read) changed type.
 * - `GET /orders`: the item schema changed; the list was recorded empty, so its items count as used.
 * - `GET /products/{id}`: optional `discount` (read) removed: a warning in general.
 * - `GET /invoices/{id}`: `status` (read) gained an enum value: a warning in general.
 * - `GET /customers/{id}`: `email` (read) became nullable, and the upstream now sends null.
 * Untouched: users (unchanged, drifts), products (removed `legacy_code` never recorded), tags
 * (an optional property added), reports (`summary`, never recorded, changed type), stores (map keys).
 */
const brokenByUpgrade = [
  'GET /customers/{id}',
  'GET /invoices/{id}',
  'GET /orders',
  'GET /orders/{id}',
  'GET /products/{id}',
]

type Workspace = Project
let ws: Workspace
let upstream: LocalUpstream
let version: 1 | 2 = 1
let day = 1

interface Reported {
  status: string
  findings: { source: string; severity: string; operation?: string; message: string }[]
}

async function verify(): Promise<Reported> {
  await ws.run(['verify'])
  return JSON.parse(await readFile(join(ws.dir, 'reports/latest.json'), 'utf8')).contracts[0]
}

const brokenOperations = (contract: Reported) =>
  [
    ...new Set(contract.findings.filter((f) => f.severity === 'breaking').map((f) => f.operation)),
  ].sort()

beforeAll(async () => {
  ws = await createProject()
  upstream = await startLocalUpstream((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!
    if (path === '/openapi.json') return json(res, 200, document(version))
    const body = answer(path, version, day)
    return body === undefined ? json(res, 404, {}) : json(res, 200, body)
  })
  await ws.writeFile('contracts/shop-api.openapi.json', JSON.stringify(document(1)))
  await ws.writeContract('shop-api', {
    baseUrl: upstream.origin,
    headers: {},
    extra: `baseline: shop-api.openapi.json\n`,
    timeoutMs: 5000,
  })
  const recorder = startCliProcess(['record', 'shop-api', '--port', '0'], { cwd: ws.dir })
  const [, proxy] = await recorder.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/)
  for (const path of pilotPaths) expect((await fetch(`${proxy}${path}`)).status).toBe(200)
  const { code } = await recorder.stop('SIGINT')
  expect(code).toBe(0)
  const contract = await readFile(join(ws.dir, 'contracts/shop-api.yaml'), 'utf8')
  await ws.writeFile(
    'contracts/shop-api.yaml',
    contract.replace('upstream:\n', `upstream:\n  spec: ${upstream.origin}/openapi.json\n`),
  )
}, 60_000)
afterAll(async () => {
  await upstream.close()
  await ws.cleanup()
})

describe('an upstream upgrade', () => {
  it('stays verified while the upstream drifts within its document', async () => {
    version = 1
    day = 2
    const contract = await verify()
    expect(brokenOperations(contract)).toEqual([])
    expect(contract.status).toBe('verified')
    expect(contract.findings.filter((f) => f.severity === 'warning')).toEqual([])
  })

  it('breaks exactly the operations whose upgrade touches what was recorded', async () => {
    version = 2
    day = 3
    const contract = await verify()
    expect(contract.status).toBe('broken')
    expect(brokenOperations(contract)).toEqual(brokenByUpgrade)
    // The warnings the document rates as such, escalated where the recording reads the field.
    for (const operation of ['GET /products/{id}', 'GET /invoices/{id}'])
      expect(contract.findings, operation).toContainEqual(
        expect.objectContaining({
          source: 'spec',
          severity: 'breaking',
          operation,
          message: expect.stringContaining('breaking for this integration'),
        }),
      )
  })
})
