import { beforeAll, expect, it } from 'vitest'
import type { HttpInteraction, Mismatch, PactDocument } from '../../src/model/index.js'
import type { ProbeClient } from '../../src/probes/index.js'
import { runContract } from '../../src/runs/index.js'
import { interaction, probeSettings } from '../support/probe-fixtures.js'
import { useProbeSuite } from '../support/probe-suite.js'

// @note The upstream holds requests until four are in (or all seven that are sent), then
// answers them last first, so completion order differs from input order.
const held: (() => void)[] = []
let received = 0
const { upstream, openClient } = useProbeSuite((req, res) => {
  received++
  held.push(() => res.end(req.url?.split('/').pop()))
  if (held.length === 4 || received === 7) for (const answer of held.splice(0).reverse()) answer()
})
let client: ProbeClient

beforeAll(() => {
  client = openClient({ settings: probeSettings({ concurrency: 4, confirm: 0 }) })
})

/** Expects the body the recording shows, as plain text. */
function matchText(expected: HttpInteraction['response'], actual: { body?: unknown }): Mismatch[] {
  const want = String(expected.body?.content)
  const got = String(actual.body)
  if (got === want) return []
  return [
    {
      part: 'body',
      path: '$',
      expected: want,
      actual: got,
      rule: 'equality',
      message: `got ${got}`,
    },
  ]
}

it('keeps the probes of a run in input order while reporting each as it finishes', async () => {
  const interactions = Array.from({ length: 8 }, (_, i) => ({
    ...(i === 3
      ? interaction({ method: 'POST', path: `/items/${i}` })
      : interaction({ path: `/items/${i}` })),
    response: { status: 200, body: { contentType: 'text/plain', content: String(i) } },
  }))
  const pact: PactDocument = {
    consumer: 'c',
    provider: 'p',
    specVersion: '4.0',
    metadata: {},
    interactions,
  }
  const finished: string[] = []

  const run = await runContract('items', pact, {
    client,
    matchResponse: matchText,
    clock: { now: () => 0 },
    createRunId: () => 'run-1',
    scrub: (text) => text,
    onProbe: (probe) => finished.push(probe.interaction),
  })

  // Each probe passes only on its own body, so a verdict at the wrong place would fail.
  expect(run.probes.map((p) => [p.interaction, p.verdict])).toEqual(
    interactions.map((i, index) => [i.description, index === 3 ? 'skipped' : 'passed']),
  )
  expect(upstream.seen).toHaveLength(7)
  const inputOrder = interactions.map((i) => i.description)
  expect(finished).not.toEqual(inputOrder)
  expect([...finished].sort()).toEqual([...inputOrder].sort())
})
