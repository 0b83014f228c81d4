import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { main } from '../../../src/cli/main.js'

export {
  sendJson as json,
  startUpstream,
  typedInteraction,
  type Handler,
} from '../../support/local-upstream.js'

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
        JSON.stringify(
          {
            consumer: { name: 'app' },
            provider: { name },
            interactions,
            metadata: { pactSpecification: { version: '4.0' } },
          },
          null,
          2,
        ),
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
