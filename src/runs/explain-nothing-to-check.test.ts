import { describe, expect, it } from 'vitest'
import type { HttpInteraction, Interaction } from '../model/index.js'
import { explainNothingToCheck } from './explain-nothing-to-check.js'

const http = (method: string): HttpInteraction => ({
  type: 'Synchronous/HTTP',
  description: method,
  request: { method, path: '/posts' },
  response: { status: 200 },
})
const message: Interaction = { type: 'Asynchronous/Messages', description: 'm', raw: {} }

describe('explainNothingToCheck', () => {
  it('has nothing to say when one interaction is replayed', () => {
    expect(explainNothingToCheck([http('POST'), http('get')], { allowUnsafe: false }, 'none')).toBe(
      undefined,
    )
    expect(explainNothingToCheck([http('POST')], { allowUnsafe: true }, 'none')).toBe(undefined)
  })

  it('counts the skipped interactions by reason', () => {
    expect(
      explainNothingToCheck(
        [http('POST'), http('post'), http('DELETE'), message, message],
        { allowUnsafe: false },
        'none',
      ),
    ).toBe(
      'all 5 interactions are skipped: 2 POST without probe.allowUnsafe, 1 DELETE without probe.allowUnsafe, 2 message interactions (only HTTP is replayed). There is no spec check either. To check something, record a GET, or set probe.allowUnsafe: true if replaying these requests against the live upstream is safe, or add upstream.spec and a baseline.',
    )
  })

  it('asks for interactions when there are none or only messages', () => {
    expect(explainNothingToCheck([], { allowUnsafe: false }, 'none')).toBe(
      'the Pact file has no interactions. There is no spec check either. To check something, record interactions (upcheck record or upcheck import), or add upstream.spec and a baseline.',
    )
    expect(explainNothingToCheck([message], { allowUnsafe: true }, 'unreadable')).toBe(
      'the only interaction is skipped: 1 message interaction (only HTTP is replayed). The live spec could not be read either (see the spec finding); the spec check counts again once it can be. To probe as well, record interactions (upcheck record or upcheck import).',
    )
  })
})
