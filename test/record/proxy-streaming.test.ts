import { createServer, request, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import {
  startRecordingProxy,
  type CapturedExchange,
  type RecordingProxy,
} from '../../src/record/index.js'

/** Resolves with the first chunk a stream gives. */
function firstChunk(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve) => stream.once('data', (chunk: Buffer) => resolve(chunk.toString())))
}

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close()
})

describe('the recording proxy', () => {
  it('streams bodies both ways, names the upstream in Host, and reports the exchange before the app sees its end', async () => {
    let requestHalfSeen!: () => void
    const requestHalf = new Promise<void>((resolve) => (requestHalfSeen = resolve))
    let responseHalfRead!: () => void
    const responseHalf = new Promise<void>((resolve) => (responseHalfRead = resolve))
    let hostSeen = ''
    const upstream = createServer(async (req: IncomingMessage, res) => {
      hostSeen = req.headers.host ?? ''
      // Each half waits on the other side having received the previous one: a proxy that
      // buffered a whole body would never let this finish.
      const first = await firstChunk(req)
      requestHalfSeen()
      let rest = ''
      req.on('data', (chunk: Buffer) => (rest += chunk.toString()))
      await new Promise((resolve) => req.once('end', resolve))
      res.writeHead(200, { 'content-type': 'text/plain' })
      res.write(`got ${first}${rest};`)
      await responseHalf
      res.end('done')
    })
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve))
    closers.push(() => new Promise((resolve) => upstream.close(() => resolve())))
    const upstreamOrigin = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`

    const exchanges: CapturedExchange[] = []
    const proxy: RecordingProxy = await startRecordingProxy({
      upstreamOrigin,
      port: 0,
      maxBodyBytes: 1 << 20,
      onExchange: (e) => exchanges.push(e),
      onProblem: (p) => expect.fail(p.reason),
    })
    closers.push(() => proxy.close())

    let recordedBeforeEnd = -1
    const answer = await new Promise<string>((resolve, reject) => {
      const req = request(
        `${proxy.url}/upload?x=1`,
        { method: 'PUT', headers: { 'content-type': 'text/plain' } },
        async (res) => {
          const first = await firstChunk(res)
          responseHalfRead()
          let rest = ''
          res.on('data', (chunk: Buffer) => (rest += chunk.toString()))
          res.on('end', () => {
            recordedBeforeEnd = exchanges.length
            resolve(first + rest)
          })
        },
      )
      req.on('error', reject)
      req.write('part-A,')
      requestHalf.then(() => req.end('part-B'), reject)
    })

    expect(answer).toBe('got part-A,part-B;done')
    expect(recordedBeforeEnd).toBe(1)
    expect(hostSeen).toBe(new URL(upstreamOrigin).host)
    const [exchange] = exchanges
    expect(exchange).toMatchObject({
      method: 'PUT',
      url: `${upstreamOrigin}/upload?x=1`,
      status: 200,
    })
    expect(Buffer.from(exchange!.requestBody).toString()).toBe('part-A,part-B')
    expect(Buffer.from(exchange!.responseBody).toString()).toBe('got part-A,part-B;done')
  })

  it('passes a body over the cap through whole but does not record its exchange', async () => {
    const upstream = createServer((req, res) => req.pipe(res))
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve))
    closers.push(() => new Promise((resolve) => upstream.close(() => resolve())))
    const problems: string[] = []
    const exchanges: CapturedExchange[] = []
    const proxy = await startRecordingProxy({
      upstreamOrigin: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`,
      port: 0,
      maxBodyBytes: 1000,
      onExchange: (e) => exchanges.push(e),
      onProblem: (p) => problems.push(`${p.method} ${p.path}: ${p.reason}`),
    })
    closers.push(() => proxy.close())
    const big = 'x'.repeat(5000)
    const answer = await fetch(`${proxy.url}/echo`, { method: 'POST', body: big })
    expect(await answer.text()).toBe(big)
    expect(exchanges).toEqual([])
    expect(problems).toEqual(['POST /echo: a body is over 1000 bytes (probe.maxBodyBytes)'])
  })
})
