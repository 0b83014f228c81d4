import { readFile } from 'node:fs/promises'
import { beforeEach, describe, expect, it } from 'vitest'
import { sendJson as json, useLocalUpstream } from '../support/local-upstream.js'
import { useProject } from '../support/project.js'
import { startCliProcess } from '../support/cli-process.js'

const TOKEN = 'learn-token-3f9a1c7e5b'
const ws = useProject()
let served = 0
let motto = 'stay curious'
let pactFile: string
const upstream = useLocalUpstream((req, res) => {
  if (req.headers.authorization !== `Bearer ${TOKEN}`)
    return json(res, 401, { error: 'unauthorized' })
  served++
  json(res, 200, {
    motto,
    served,
    lastCall: `call-${served}`,
    recent: Array.from({ length: served }, (_, i) => i),
  })
})

beforeEach(async () => {
  served = 0
  motto = 'stay curious'
  pactFile = await ws.writeContract('posts-api', {
    baseUrl: upstream.origin,
    headers: { Authorization: 'Bearer ${LEARN_TOKEN}' },
    timeoutMs: 5000,
  })
})

describe('upcheck record --learn', () => {
  it('asks again with the contract’s headers and makes only the fields that changed type-only, so an exact recording verifies', async () => {
    const recorder = startCliProcess(['record', 'posts-api', '--port', '0', '--exact', '--learn'], {
      cwd: ws.dir,
      env: { LEARN_TOKEN: TOKEN },
    })
    const [, proxy] = await recorder.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/)
    expect(
      (await fetch(`${proxy}/stats`, { headers: { authorization: `Bearer ${TOKEN}` } })).status,
    ).toBe(200)
    const { code, stdout } = await recorder.stop()
    expect(code).toBe(0)
    // The second request carried the contract's credentials in place of the redacted ones.
    expect(served).toBe(2)
    expect(stdout).toContain(
      'learn: GET /stats → 200: varies at $.served, $.lastCall, $.recent (now type-only)',
    )

    const [interaction] = JSON.parse(await readFile(pactFile, 'utf8')).interactions
    expect(interaction.response.body.content).toEqual({
      motto: 'stay curious',
      served: 1,
      lastCall: 'call-1',
      recent: [0],
    })
    expect(Object.keys(interaction.response.matchingRules.body).sort()).toEqual([
      '$.lastCall',
      '$.recent',
      '$.served',
    ])

    const nextDay = await ws.run(['verify', '--no-alerts'], { LEARN_TOKEN: TOKEN })
    expect(nextDay.code).toBe(0)
    // What did not vary stays literal: --exact still means it.
    motto = 'move fast'
    const changed = await ws.run(['verify', '--no-alerts'], { LEARN_TOKEN: TOKEN })
    expect(changed.code).toBe(1)
    expect(changed.stdout).toContain('$.motto')
  })
})
