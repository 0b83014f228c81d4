import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startCliProcess } from '../support/cli-process.js'
import {
  answerCiProject,
  PLANTED_CI_TOKEN,
  verifyCiProject,
  writeCiProject,
} from '../support/ci-project.js'
import { useLocalUpstream } from '../support/local-upstream.js'
import { useProject } from '../support/project.js'

const ws = useProject()
const upstream = useLocalUpstream(answerCiProject)

describe('upcheck verify on GitHub Actions', () => {
  it('appends the summary to GITHUB_STEP_SUMMARY and annotates breaking and warning findings with the contract file', async () => {
    await writeCiProject(ws, upstream.origin)
    const summaryFile = join(ws.dir, 'step-summary.md')
    await writeFile(summaryFile, '# an earlier step\n')
    const result = await verifyCiProject(ws, [], {
      GITHUB_ACTIONS: 'true',
      GITHUB_STEP_SUMMARY: summaryFile,
    })
    expect(result.code).toBe(1)

    const summary = await readFile(summaryFile, 'utf8')
    expect(summary).toMatch(/^# an earlier step\n# upcheck verify\n/)
    expect(summary).toContain('| posts-api | Ann Lee &lt;ann@example.com> | ❌ broken |')
    expect(summary).toContain('| users-api | Ann Lee &lt;ann@example.com> | ✅ verified |')

    const commands = result.stdout.split('\n').filter((line) => line.startsWith('::'))
    const error = commands.find((line) => line.startsWith('::error '))
    const warning = commands.find((line) => line.startsWith('::warning '))
    // `:` and `,` of the interaction's name are escaped in the title property.
    expect(error).toMatch(
      /^::error file=contracts\/posts-api\.yaml,title=upcheck%3A posts-api breaking \(get post%2C by id%3A 1\)::GET \/posts\/1: \$\.id/,
    )
    expect(warning).toMatch(
      /^::warning file=contracts\/posts-api\.yaml,title=upcheck%3A posts-api warning/,
    )
    expect(commands.some((line) => line.includes('users-api'))).toBe(false)
    // Annotations come before the console's contract lines, which come after the reports.
    expect(result.stdout.indexOf('::error')).toBeLessThan(result.stdout.indexOf('✘ broken'))

    for (const text of [summary, result.stdout, result.stderr])
      expect(text).not.toContain(PLANTED_CI_TOKEN)
  })

  it('keeps stdout to the JSON with --json, the workflow commands going to stderr', async () => {
    await writeCiProject(ws, upstream.origin)
    const result = await verifyCiProject(ws, ['--json'], { GITHUB_ACTIONS: 'true' })
    expect(JSON.parse(result.stdout).schemaVersion).toBe(1)
    expect(result.stderr).toMatch(/^::error file=contracts\/posts-api\.yaml,/m)
  })

  it('prints no workflow commands off GitHub Actions', async () => {
    await writeCiProject(ws, upstream.origin)
    const result = await verifyCiProject(ws)
    expect(result.code).toBe(1)
    expect(result.stdout).not.toMatch(/^::/m)
  })
})

describe('upcheck status --fail-on, for cron checks', () => {
  it('exits 1 for broken, 4 for stale, only when listed, and refuses an unknown condition', async () => {
    await writeCiProject(ws, upstream.origin)
    const env = { CI_TOKEN: PLANTED_CI_TOKEN }
    expect(
      (await startCliProcess(['verify', '--no-alerts'], { cwd: ws.dir, env }).exited).code,
    ).toBe(1)
    const status = (args: string[]) =>
      startCliProcess(['status', ...args], { cwd: ws.dir, env }).exited
    expect((await status([])).code).toBe(0)
    expect((await status(['--fail-on', 'unreachable'])).code).toBe(0)
    // posts-api was never verified, so it is stale too; broken comes first.
    expect((await status(['--fail-on', 'stale'])).code).toBe(4)
    expect((await status(['--fail-on', 'unreachable,broken'])).code).toBe(1)
    const typo = await status(['--fail-on', 'brokn'])
    expect(typo.code).toBe(2)
    expect(typo.stderr).toContain(
      '"brokn" is not a condition. Give one or more of broken, stale, unreachable',
    )
  })
})
