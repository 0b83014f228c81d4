import { createServer, type Server } from 'node:http'
import { specFor } from './openapi.js'
import { routesFor, type Release } from './releases.js'

/**
 * Starts the example upstream on 127.0.0.1. `day` shifts ids, counts and timestamps the way
 * a live API's data drifts from one day to the next.
 */
export async function startPostsUpstream(options: {
  release: Release
  port: number
  day?: number
  token: string
}): Promise<Server> {
  const routes = routesFor(options.release)
  const day = options.day ?? 0
  const spec = JSON.stringify(specFor(options.release), null, 2)
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://upstream')
    if (req.method === 'GET' && url.pathname === '/openapi.json') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(spec)
      return
    }
    if (req.headers.authorization !== `Bearer ${options.token}`) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"unauthorized"}')
      return
    }
    for (const route of routes) {
      const match = req.method === route.method ? url.pathname.match(route.pattern) : null
      const answer = match && route.handle(match, day)
      if (answer) {
        res.writeHead(answer.status, {
          'content-type': 'application/json; charset=utf-8',
          'x-release': options.release,
        })
        res.end(JSON.stringify(answer.body))
        return
      }
    }
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}')
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, '127.0.0.1', resolve)
  })
  return server
}
