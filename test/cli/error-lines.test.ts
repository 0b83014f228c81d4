import { beforeEach, describe, expect, it } from 'vitest'
import { sendJson as json, useLocalUpstream } from '../support/local-upstream.js'
import { typedInteraction, useProject } from '../support/project.js'

const ws = useProject()
const upstream = useLocalUpstream((_req, res) => json(res, 200, { id: 1 }))

beforeEach(async () => {
  await ws.writeContract('posts-api', {
    baseUrl: upstream.origin,
    interactions: [typedInteraction('get post', '/posts/1', { id: 1 })],
  })
})

/** The lines of stderr that are not warnings. */
const errorLines = (stderr: string) =>
  stderr.split('\n').filter((line) => line !== '' && !line.startsWith('warning: '))

describe('errors on stderr', () => {
  it('start with "error: " whoever finds them: a command, verify, the diff or the argument parser', async () => {
    await ws.writeFile('contracts/broken.yaml', 'name: [unclosed')
    const results = [
      await ws.run(['record', 'posts-api']),
      await ws.run(['verify', 'nope']),
      await ws.run(['diff', 'missing.json', 'missing.json']),
      await ws.run(['status', '--no-such-flag']),
      await ws.run(['status']),
    ]
    expect(results.map((r) => r.code)).toEqual([2, 2, 2, 2, 2])
    for (const { stderr } of results) {
      expect(errorLines(stderr).length).toBeGreaterThan(0)
      for (const line of errorLines(stderr)) expect(line).toMatch(/^error: /)
    }
    expect(results[0]!.stderr).toMatch(/^error: Say how to record: .* \[USAGE\]$/m)
    expect(results[4]!.stderr).toMatch(/^error: contracts\/broken\.yaml:\d+:\d+: .*\[CONTRACT_/m)
  })
})
