import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach } from 'vitest'
import { main } from '../../src/cli/main.js'
import { pactDocument } from './pact-files.js'

export { jsonInteraction, pactDocument, typedInteraction } from './pact-files.js'

export interface ContractOptions {
  baseUrl: string
  /** `upstream.spec`: where the live OpenAPI document is. */
  spec?: string
  /** `upstream.headers`, as written (`${VAR}` templates). Default: a bearer `${UPCHECK_TEST_TOKEN}`. */
  headers?: Record<string, string>
  /** `upstream.auth`, written as one JSON line (`${VAR}` templates kept). */
  auth?: Record<string, unknown>
  /** Written to `<name>.pact.json` as a V4 file; without them no Pact file is written (a recording test's recorder writes it). */
  interactions?: unknown[]
  /** `probe.timeoutMs`; default 2000. */
  timeoutMs?: number
  /** YAML lines appended to the contract (top-level keys, or more `probe:` keys). */
  extra?: string
  /** `probe.confirm`; default the project's, else upcheck's own default. */
  confirm?: number
  /** Default `1h`. */
  freshness?: string
}

export interface ProjectOptions {
  /**
   * `probe.confirm` of every contract written. Suites that are not about confirmation set 0 so
   * a failure is not probed again; without it upcheck's default applies.
   */
  confirm?: number
}

/** A temporary project: contracts/, a store inside it, and the CLI run in-process from its folder. */
export async function createProject(options: ProjectOptions = {}): Promise<Project> {
  const project = projectIn('', options)
  await project.create()
  return project
}

/**
 * A fresh project for every test of the suite, removed after it. The object is returned at
 * once so the suite can name it at the top; its `dir` changes before each test.
 */
export function useProject(options: ProjectOptions = {}): Project {
  const project = projectIn('', options)
  beforeEach(() => project.create())
  afterEach(() => project.cleanup())
  return project
}

function projectIn(dir: string, projectOptions: ProjectOptions) {
  const project = {
    dir,
    get storeFile() {
      return join(project.dir, '.upcheck', 'state.db')
    },
    async create() {
      project.dir = await mkdtemp(join(tmpdir(), 'upcheck-test-'))
      await mkdir(join(project.dir, 'contracts'))
    },
    /** Writes `contracts/<name>.yaml` (and its interactions); returns the Pact file's path. */
    async writeContract(name: string, options: ContractOptions): Promise<string> {
      const confirm = options.confirm ?? projectOptions.confirm
      const headers = Object.entries(
        options.headers ?? { Authorization: 'Bearer ${UPCHECK_TEST_TOKEN}' },
      )
      await project.writeFile(
        `contracts/${name}.yaml`,
        [
          `name: ${name}`,
          'owner: Ann Lee <ann@example.com>',
          'upstream:',
          `  baseUrl: ${options.baseUrl}`,
          ...(options.spec === undefined ? [] : [`  spec: ${options.spec}`]),
          ...(headers.length === 0 ? [] : ['  headers:']),
          ...headers.map(([header, value]) => `    ${header}: ${value}`),
          ...(options.auth === undefined ? [] : [`  auth: ${JSON.stringify(options.auth)}`]),
          `interactions: ${name}.pact.json`,
          `freshness: ${options.freshness ?? '1h'}`,
          'probe:',
          `  timeoutMs: ${options.timeoutMs ?? 2000}`,
          '  retries: 0',
          ...(confirm === undefined ? [] : [`  confirm: ${confirm}`]),
          options.extra ?? '',
        ].join('\n'),
      )
      const pactFile = join(project.dir, 'contracts', `${name}.pact.json`)
      if (options.interactions)
        await writeFile(
          pactFile,
          JSON.stringify(
            pactDocument(options.interactions, { consumer: 'app', provider: name }),
            null,
            2,
          ),
        )
      return pactFile
    },
    async writeFile(relative: string, content: string) {
      await writeFile(join(project.dir, relative), content)
    },
    /** Runs `upcheck <args>` in-process from the project folder, with `UPCHECK_TEST_TOKEN` set. */
    async run(args: string[], env: Record<string, string> = {}) {
      let stdout = ''
      let stderr = ''
      const code = await main(args, {
        stdout: { write: (s: string) => (stdout += s) },
        stderr: { write: (s: string) => (stderr += s) },
        env: { UPCHECK_TEST_TOKEN: 'test-token', ...env },
        cwd: () => project.dir,
      })
      return { code, stdout, stderr }
    },
    // @note Guards against a failed create: never remove '' (the working directory).
    cleanup: async () => {
      if (project.dir) await rm(project.dir, { recursive: true, force: true })
    },
  }
  return project
}

export type Project = ReturnType<typeof projectIn>
