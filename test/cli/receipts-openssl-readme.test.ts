import { execFileSync } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { editStatement, useVerifiedProject } from '../support/verified-project.js'

const ws = useVerifiedProject(1)

/** The README's auditor steps, verbatim: the test fails if the README stops being true. */
async function readmeSteps(): Promise<string> {
  const readme = await readFile(join(import.meta.dirname, '../../README.md'), 'utf8')
  const block =
    /<!-- receipt-openssl-steps -->\n+```bash\n([\s\S]*?)```\n+<!-- \/receipt-openssl-steps -->/.exec(
      readme,
    )?.[1]
  expect(block, 'README has the receipt-openssl-steps block').toBeDefined()
  return block!
}

/** Runs the steps with bash, openssl, base64 and printf alone: none of upcheck's code. */
function runSteps(steps: string, cwd: string): { ok: boolean; output: string } {
  try {
    const output = execFileSync('bash', ['-euo', 'pipefail', '-c', steps], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    return { ok: true, output }
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string }
    return { ok: false, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` }
  }
}

it('an exported receipt verifies with the README steps and openssl alone; an edited one does not', async () => {
  expect((await ws.run(['receipts', 'export', '--out', 'audit'])).code).toBe(0)
  const steps = await readmeSteps()

  const good = runSteps(steps, ws.dir)
  expect(good.output).toContain('Signature Verified Successfully')
  expect(good.ok).toBe(true)

  const file = join(ws.dir, 'audit/receipts.jsonl')
  const envelope = editStatement(
    JSON.parse((await readFile(file, 'utf8')).split('\n')[0]!),
    (s) => {
      s.predicate.status = 'broken'
    },
  )
  await writeFile(file, `${JSON.stringify(envelope)}\n`)
  const bad = runSteps(steps, ws.dir)
  expect(bad.ok).toBe(false)
  expect(bad.output).not.toContain('Signature Verified Successfully')
})
