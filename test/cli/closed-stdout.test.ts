import { spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { sendJson as json, startLocalUpstream } from '../support/local-upstream.js'
import { createProject, typedInteraction } from '../support/project.js'

const bin = new URL('../../bin/upcheck.js', import.meta.url).pathname

/** `upcheck verify --json | true`: a real pipe whose reader is gone before upcheck writes. Needs `npm run build`. */
describe('a closed stdout', () => {
  const cleanups: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c()
  })

  it('ends quietly with the run’s own exit code and the reports written', async () => {
    const upstream = await startLocalUpstream((_req, res) => json(res, 200, { id: 2 }))
    const ws = await createProject()
    cleanups.push(
      () => upstream.close(),
      () => ws.cleanup(),
    )
    await ws.writeContract('posts', {
      baseUrl: upstream.origin,
      interactions: [typedInteraction('a post', '/posts/1', { id: 1 })],
    })
    // bash reports upcheck's own exit status (the pipe's first stage) on stderr.
    const outcome = await new Promise<{ code: number | null; stderr: string }>(
      (resolve, reject) => {
        const child = spawn(
          'bash',
          [
            '-c',
            `"${process.execPath}" "${bin}" verify --json --no-alerts | true; echo "upcheck exit \${PIPESTATUS[0]}" >&2`,
          ],
          {
            cwd: ws.dir,
            env: { ...process.env, UPCHECK_TEST_TOKEN: 't' },
            stdio: ['ignore', 'ignore', 'pipe'],
          },
        )
        let stderr = ''
        child.stderr.on('data', (d) => (stderr += d))
        child.on('error', reject)
        child.on('close', (code) => resolve({ code, stderr }))
      },
    )
    expect(outcome.stderr).not.toMatch(/EPIPE|Error|\n\s+at /)
    // 0: verified, as the run decided; a crash on EPIPE would exit 1.
    expect(outcome.stderr).toContain('upcheck exit 0')
    const latest = JSON.parse(await readFile(join(ws.dir, 'reports', 'latest.json'), 'utf8'))
    expect(latest.contracts[0].status).toBe('verified')
  })
})
