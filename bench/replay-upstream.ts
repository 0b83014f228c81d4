// The benchmark's upstream, in its own process so it does not share a core's event loop with
// the client being measured. Prints its port on stdout once listening.
import { createServer } from 'node:http'

const server = createServer((req, res) => {
  const match = req.url?.match(/^\/items\/(\d+)/)
  if (req.method === 'GET' && match) {
    const id = Number(match[1])
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify(item(id, 2)))
    return
  }
  if (req.method === 'POST' && req.url === '/items') {
    req.resume()
    req.on('end', () => {
      res.writeHead(201, { 'content-type': 'application/json' })
      res.end(JSON.stringify(item(900_000 + Math.floor(Math.random() * 1000), 2)))
    })
    return
  }
  res.writeHead(404).end()
})

/** The same shape every day; values drift with `day`. */
export function item(id: number, day: number) {
  return {
    id,
    name: `item ${id} v${day}`,
    price: Math.round((id * 1.37 + day) * 100) / 100,
    inStock: (id + day) % 3 !== 0,
    tags: ['a', 'b', `t${day}`],
    createdAt: new Date(Date.UTC(2026, 0, 1 + (id % 28), day)).toISOString(),
    owner: { id: id % 50, name: `owner ${id % 50}` },
  }
}

if (process.argv[1]?.endsWith('replay-upstream.ts')) {
  server.keepAliveTimeout = 30_000
  server.listen(0, '127.0.0.1', () => {
    const address = server.address()
    process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`)
  })
}
