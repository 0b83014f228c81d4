import { copyFile, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createProject } from '../../support/project.js'
import { startCliProcess } from '../../support/cli-process.js'

/** One finding of a verify, as reports/latest.json has it. */
export interface ReportedFinding {
  source: string
  severity: 'breaking' | 'warning' | 'info'
  path?: string
  operation?: string
  message: string
}

/** One contract's outcome in one verify. */
export interface ContractVerdict {
  name: string
  status: string
  findings: ReportedFinding[]
}

/**
 * A project folder for drift and upgrade tests: contracts pointing at a spec-driven upstream,
 * a pilot recorded through `upcheck record --port` (the proxy, in its own process), and
 * verifies run in-process, each one's verdicts read back from reports/latest.json.
 */
export async function createDriftWorkspace() {
  const ws = await createProject()
  const contractFile = (name: string) => join(ws.dir, 'contracts', `${name}.yaml`)
  return {
    dir: ws.dir,
    /**
     * Writes `contracts/<name>.yaml`; `baseline` is the pinned document's path, when there is
     * one, and `spec` the live document's URL (the spec check runs when both are there).
     * `concurrency` 1 makes the order of probes, and so which seeded answer each gets, fixed.
     */
    async writeContract(
      name: string,
      options: { baseUrl: string; baseline?: string; spec?: string; concurrency?: number },
    ) {
      const spec = options.spec ? `  spec: ${options.spec}\n` : ''
      const baseline = options.baseline ? `baseline: ${JSON.stringify(options.baseline)}\n` : ''
      await writeFile(
        contractFile(name),
        `name: ${name}\nowner: Ann Lee <ann@example.com>\nupstream:\n  baseUrl: ${options.baseUrl}\n${spec}interactions: ${name}.pact.json\n${baseline}freshness: 1h\nprobe:\n  timeoutMs: 10000\n  retries: 0\n  concurrency: ${options.concurrency ?? 2}\n`,
      )
    },
    /**
     * Records a pilot for `name`: every path is requested through the recording proxy, `times`
     * times over (a request seen again replaces its recording, with what both answers showed).
     */
    async recordPilot(name: string, origin: string, paths: readonly string[], times = 2) {
      const recorder = startCliProcess(['record', name, '--port', '0'], { cwd: ws.dir })
      const [, proxy] = await recorder.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/)
      try {
        for (let round = 0; round < times; round++) {
          for (const path of paths) {
            const answer = await fetch(`${proxy}${path}`)
            await answer.arrayBuffer()
            if (answer.status !== 200)
              throw new Error(`the pilot's GET ${path} got ${answer.status} from ${origin}`)
          }
        }
      } finally {
        const exit = await recorder.stop('SIGTERM')
        if (exit.code !== 0) throw new Error(`upcheck record failed:\n${exit.stderr}`)
      }
      return JSON.parse(await readFile(join(ws.dir, 'contracts', `${name}.pact.json`), 'utf8'))
    },
    /** Gives contract `to` the interactions recorded for `from`: one pilot, two contracts. */
    async shareInteractions(from: string, to: string) {
      await copyFile(
        join(ws.dir, 'contracts', `${from}.pact.json`),
        join(ws.dir, 'contracts', `${to}.pact.json`),
      )
    },
    /** One `upcheck verify` of the named contracts; their verdicts from reports/latest.json. */
    async verify(names: readonly string[]): Promise<ContractVerdict[]> {
      const result = await ws.run(['verify', '--no-alerts', '--quiet', ...names])
      if (result.code === 2) throw new Error(`upcheck verify could not run:\n${result.stderr}`)
      const report = JSON.parse(await readFile(join(ws.dir, 'reports', 'latest.json'), 'utf8'))
      return (report.contracts as ContractVerdict[]).map((c) => ({
        name: c.name,
        status: c.status,
        findings: c.findings,
      }))
    },
    cleanup: ws.cleanup,
  }
}

export type DriftWorkspace = Awaited<ReturnType<typeof createDriftWorkspace>>

/** Per contract over many verifies: how many were verified, and the findings each had. */
export interface FalseAlarmRate {
  verifies: number
  green: number
  /** Verifies with no finding at all: what `green` would be if every warning were breaking. */
  clean: number
  /** Breaking findings per verify, on average. */
  breakingPerVerify: number
  /** Warning findings per verify, on average. */
  warningsPerVerify: number
  /** Distinct breaking findings' messages, for a failure message. */
  examples: string[]
  /** Distinct warnings' messages. */
  warningExamples: string[]
}

/** Sums up verifies of one contract. */
export function measureFalseAlarms(verdicts: readonly ContractVerdict[]): FalseAlarmRate {
  const count = (severity: string) =>
    verdicts.reduce((n, v) => n + v.findings.filter((f) => f.severity === severity).length, 0)
  const distinct = (severity: string) => [
    ...new Set(
      verdicts.flatMap((v) =>
        v.findings.filter((f) => f.severity === severity).map((f) => f.message),
      ),
    ),
  ]
  return {
    verifies: verdicts.length,
    green: verdicts.filter((v) => v.status === 'verified').length,
    clean: verdicts.filter((v) => v.findings.length === 0).length,
    breakingPerVerify: count('breaking') / Math.max(1, verdicts.length),
    warningsPerVerify: count('warning') / Math.max(1, verdicts.length),
    examples: distinct('breaking').slice(0, 12),
    warningExamples: distinct('warning').slice(0, 12),
  }
}
