// What bench:schedule and bench:fleet share: local upstreams, a project of N contracts on a
// one-minute cron, and a process's CPU time and RSS from /proc.
import { once } from 'node:events'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'

const CLOCK_TICKS = 100

function item(i: number) {
  return {
    id: i,
    name: `item ${i}`,
    price: i * 1.5,
    tags: ['a', 'b'],
    createdAt: '2026-11-25T08:00:00.000Z',
  }
}

export async function startUpstream(): Promise<Server> {
  const server = createServer((req, res) => {
    const id = Number(req.url?.split('/').at(-1) ?? 0)
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(item(id)))
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return server
}

export async function writeProject(
  dir: string,
  upstreams: Server[],
  options: { contracts: number; interactions: number; store: string },
) {
  const { contracts: contractCount, interactions: interactionsPer } = options
  await mkdir(join(dir, 'contracts'))
  await writeFile(join(dir, 'upcheck.config.yaml'), `store: ${options.store}\n`)
  const rules = { body: { $: { combine: 'AND', matchers: [{ match: 'type' }] } } }
  for (let c = 0; c < contractCount; c++) {
    const name = `api-${String(c).padStart(4, '0')}`
    const port = (upstreams[c % upstreams.length]!.address() as AddressInfo).port
    await writeFile(
      join(dir, 'contracts', `${name}.yaml`),
      `name: ${name}\nowner: Team ${c} <team${c}@example.com>\nupstream:\n  baseUrl: http://127.0.0.1:${port}\ninteractions: ${name}.pact.json\nschedule: "* * * * *"\nfreshness: 1h\n`,
    )
    const interactions = Array.from({ length: interactionsPer }, (_, i) => ({
      type: 'Synchronous/HTTP',
      description: `get item ${i}`,
      request: { method: 'GET', path: `/items/${c * interactionsPer + i}` },
      response: {
        status: 200,
        headers: { 'Content-Type': ['application/json'] },
        body: { contentType: 'application/json', encoded: false, content: item(i) },
        matchingRules: rules,
      },
    }))
    await writeFile(
      join(dir, 'contracts', `${name}.pact.json`),
      JSON.stringify({
        consumer: { name: 'bench' },
        provider: { name },
        interactions,
        metadata: { pactSpecification: { version: '4.0' } },
      }),
    )
  }
}

export async function readProc(pid: number) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  const stat = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ')
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0)
  // utime and stime are fields 14 and 15 of /proc/PID/stat; after "pid (comm) " they are 11 and 12.
  return {
    rssMb: kb('VmRSS') / 1024,
    peakRssMb: kb('VmHWM') / 1024,
    cpuSeconds: (Number(stat[11]) + Number(stat[12])) / CLOCK_TICKS,
  }
}
