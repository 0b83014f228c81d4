import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { main } from '../../../src/cli/main.js'

export type Handler = (req: IncomingMessage, res: ServerResponse) => void

/** A real upstream on 127.0.0.1 whose handler a test can swap between runs. */
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

export function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
}

/** A temporary project folder with contracts/, a config pointing the store inside it, and a CLI runner. */
export async function createWorkspace() {
  const dir = await mkdtemp(join(tmpdir(), 'upcheck-cli-'))
  await mkdir(join(dir, 'contracts'))
  return {
    dir,
    async writeContract(name: string, baseUrl: string, interactions: unknown[], extra = '') {
      await writeFile(
        join(dir, 'contracts', `${name}.yaml`),
        `name: ${name}\nowner: Ann Lee <ann@example.com>\nupstream:\n  baseUrl: ${baseUrl}\n  headers:\n    Authorization: Bearer \${UPCHECK_TEST_TOKEN}\ninteractions: ${name}.pact.json\nfreshness: 1h\nprobe:\n  timeoutMs: 2000\n  retries: 0\n${extra}`,
      )
      await writeFile(
        join(dir, 'contracts', `${name}.pact.json`),
        JSON.stringify({ consumer: { name: 'app' }, provider: { name }, interactions, metadata: { pactSpecification: { version: '4.0' } } }, null, 2),
      )
    },
    async writeFile(relative: string, content: string) {
      await writeFile(join(dir, relative), content)
    },
    /** Runs the CLI in-process, as `upcheck <args>` would from the folder. */
    async run(args: string[], env: Record<string, string> = {}) {
      let stdout = ''
      let stderr = ''
      const code = await main(args, {
        stdout: { write: (s: string) => (stdout += s) },
        stderr: { write: (s: string) => (stderr += s) },
        env: { UPCHECK_TEST_TOKEN: 'test-token', ...env },
        cwd: () => dir,
      })
      return { code, stdout, stderr }
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  }
}

/** A V4 HTTP interaction whose response body is type-matched from the root. */
export function typedInteraction(description: string, path: string, body: unknown, method = 'GET') {
  return {
    type: 'Synchronous/HTTP',
    description,
    request: { method, path },
    response: {
      status: 200,
      headers: { 'Content-Type': ['application/json'] },
      body: { contentType: 'application/json', encoded: false, content: body },
      matchingRules: { body: { $: { combine: 'AND', matchers: [{ match: 'type' }] } } },
    },
  }
}
