import { execFileSync } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import {
  sendJson as json,
  startLocalUpstream,
  type LocalUpstream,
} from '../support/local-upstream.js'
import { createProject, type Project, typedInteraction } from '../support/project.js'

type Workspace = Project
let ws: Workspace
let upstream: LocalUpstream

beforeEach(async () => {
  ws = await createProject()
  upstream = await startLocalUpstream((_req, res) => json(res, 200, { id: 1 }))
})
afterEach(async () => {
  await upstream.close()
  await ws.cleanup()
})

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
  await ws.writeContract('posts-api', {
    baseUrl: upstream.origin,
    interactions: [typedInteraction('get', '/posts/1', { id: 1 })],
  })
  expect((await ws.run(['verify'])).code).toBe(0)
  expect((await ws.run(['receipts', 'export', '--out', 'audit'])).code).toBe(0)
  const steps = await readmeSteps()

  const good = runSteps(steps, ws.dir)
  expect(good.output).toContain('Signature Verified Successfully')
  expect(good.ok).toBe(true)

  const file = join(ws.dir, 'audit/receipts.jsonl')
  const envelope = JSON.parse((await readFile(file, 'utf8')).split('\n')[0]!)
  const statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8'))
  statement.predicate.status = 'broken'
  envelope.payload = Buffer.from(JSON.stringify(statement)).toString('base64')
  await writeFile(file, `${JSON.stringify(envelope)}\n`)
  const bad = runSteps(steps, ws.dir)
  expect(bad.ok).toBe(false)
  expect(bad.output).not.toContain('Signature Verified Successfully')
})
