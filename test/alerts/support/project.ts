import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { main } from '../../../src/cli/main.js'

export type Handler = (req: IncomingMessage, res: ServerResponse) => void

/** A real upstream on 127.0.0.1 whose behaviour a test switches between runs. */
export async function startUpstream(handler: Handler): Promise<{ url: string; server: Server; setHandler(h: Handler): void; close(): Promise<void> }> {
  let current = handler
  const server = createServer((req, res) => current(req, res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    server,
    setHandler: (h) => (current = h),
    close: () => {
      server.closeAllConnections()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
}

/** A V4 HTTP interaction whose response body is type-matched from the root. */
export function typedInteraction(description: string, path: string, body: unknown) {
  return {
    type: 'Synchronous/HTTP',
    description,
    request: { method: 'GET', path },
    response: {
      status: 200,
      headers: { 'Content-Type': ['application/json'] },
      body: { contentType: 'application/json', encoded: false, content: body },
      matchingRules: { body: { $: { combine: 'AND', matchers: [{ match: 'type' }] } } },
    },
  }
}

export interface ContractOptions {
  baseUrl: string
  interactions: unknown[]
  /** YAML lines appended to the contract (top-level keys). */
  extra?: string
  /** `probe.confirm`. Default 0: most tests are not about confirmation and should not wait for it. */
  confirm?: number
  /** Default `1h`. */
  freshness?: string
}

/** A temporary project: contracts/, a store inside it, and the CLI run in-process from its folder. */
export async function createProject() {
  const dir = await mkdtemp(join(tmpdir(), 'upcheck-alerts-'))
  await mkdir(join(dir, 'contracts'))
  return {
    dir,
    storeFile: join(dir, '.upcheck', 'state.db'),
    async writeContract(name: string, options: ContractOptions) {
      await writeFile(
        join(dir, 'contracts', `${name}.yaml`),
        [
          `name: ${name}`,
          'owner: Ann Lee <ann@example.com>',
          'upstream:',
          `  baseUrl: ${options.baseUrl}`,
          '  headers:',
          '    Authorization: Bearer ${POSTS_TOKEN}',
          `interactions: ${name}.pact.json`,
          `freshness: ${options.freshness ?? '1h'}`,
          'probe:',
          '  timeoutMs: 2000',
          '  retries: 0',
          `  confirm: ${options.confirm ?? 0}`,
          options.extra ?? '',
        ].join('\n'),
      )
      await writeFile(
        join(dir, 'contracts', `${name}.pact.json`),
        JSON.stringify({ consumer: { name: 'app' }, provider: { name }, interactions: options.interactions, metadata: { pactSpecification: { version: '4.0' } } }),
      )
    },
    async writeFile(relative: string, content: string) {
      await writeFile(join(dir, relative), content)
    },
    /** Runs `upcheck <args>` in-process from the project folder. */
    async run(args: string[], env: Record<string, string> = {}) {
      let stdout = ''
      let stderr = ''
      const code = await main(args, {
        stdout: { write: (s: string) => (stdout += s) },
        stderr: { write: (s: string) => (stderr += s) },
        env,
        cwd: () => dir,
      })
      return { code, stdout, stderr }
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  }
}

export type Project = Awaited<ReturnType<typeof createProject>>
