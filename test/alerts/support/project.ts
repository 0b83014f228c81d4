import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { main } from '../../../src/cli/main.js'

export {
  sendJson,
  startUpstream,
  typedInteraction,
  type Handler,
} from '../../support/local-upstream.js'

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
        JSON.stringify({
          consumer: { name: 'app' },
          provider: { name },
          interactions: options.interactions,
          metadata: { pactSpecification: { version: '4.0' } },
        }),
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
