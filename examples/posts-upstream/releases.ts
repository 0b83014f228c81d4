/**
 * Two releases of a small blog API, the example upstream of the demo. Release 2 is a
 * realistic breaking update: a post's id becomes a string, a post's `body` is renamed
 * `content`, the author profile endpoint disappears — and comments merely gain a field,
 * which must not alarm anyone.
 */
export type Release = '2026.10' | '2026.11'

export interface Route {
  method: 'GET' | 'POST'
  pattern: RegExp
  handle(match: RegExpMatchArray, day: number): { status: number; body: unknown } | undefined
}

const titles = [
  'Hello, world',
  'Shipping on Fridays',
  'Why we pin baselines',
  'Contracts, not hope',
]

/** Data that changes daily — ids, counts, timestamps — while its shape does not. */
function post(id: number, day: number) {
  return {
    id,
    title: titles[(id + day) % titles.length]!,
    body: `Post ${id}, revision ${day}.`,
    authorId: 100 + ((id + day) % 7),
    tags: ['api', day % 2 ? 'ops' : 'dev'],
    publishedAt: new Date(Date.UTC(2026, 9, 1 + (id % 28), 8, day % 60)).toISOString(),
    views: 1000 * id + day * 17,
  }
}

function comments(postId: number, day: number) {
  return Array.from({ length: 2 + (day % 3) }, (_, i) => ({
    id: postId * 100 + i + day,
    postId,
    author: `reader${i}`,
    text: 'Nice post.',
  }))
}

function author(id: number, day: number) {
  return { id, name: `Author ${id}`, email: `author${id}@example.com`, followers: 50 + day }
}

export function routesFor(release: Release): Route[] {
  const next = release === '2026.11'
  return [
    {
      method: 'GET',
      pattern: /^\/health$/,
      handle: () => ({ status: 200, body: { ok: true, release } }),
    },
    {
      method: 'GET',
      pattern: /^\/posts$/,
      handle: (_m, day) => ({
        status: 200,
        body: { items: [1, 2, 3].map((id) => shapePost(post(id, day), next)), total: 3 + day },
      }),
    },
    {
      method: 'GET',
      pattern: /^\/posts\/(\d+)$/,
      handle: (m, day) => {
        const id = Number(m[1])
        return id > 0 && id < 50
          ? { status: 200, body: shapePost(post(id, day), next) }
          : { status: 404, body: { error: 'not found' } }
      },
    },
    {
      method: 'GET',
      pattern: /^\/posts\/(\d+)\/comments$/,
      handle: (m, day) => ({
        status: 200,
        body: comments(Number(m[1]), day).map((c) => (next ? { ...c, likes: day % 5 } : c)),
      }),
    },
    {
      method: 'GET',
      pattern: /^\/authors\/(\d+)$/,
      handle: (m, day) => (next ? undefined : { status: 200, body: author(Number(m[1]), day) }),
    },
    {
      method: 'POST',
      pattern: /^\/posts$/,
      handle: (_m, day) => ({ status: 201, body: shapePost(post(50 + day, day), next) }),
    },
  ]
}

function shapePost(p: ReturnType<typeof post>, next: boolean) {
  if (!next) return p
  const { body, id, ...rest } = p
  return { ...rest, id: String(id), content: body }
}
