/**
 * Reads a Pact whose regex rule is `process.argv[2]` and matches a response whose value is
 * `process.argv[3]` repeated `process.argv[4]` times then `!`. Prints the mismatch messages as
 * JSON. Run in a child process so a test can kill it if matching never ends.
 */
import { readPact } from '../../src/interactions/index.js'
import { matchResponse } from '../../src/matching/index.js'
import { isHttpInteraction } from '../../src/model/index.js'

const [regex = '(a+)+', unit = 'a', times = '50000'] = process.argv.slice(2)
const pact = readPact(
  JSON.stringify({
    consumer: { name: 'web' },
    provider: { name: 'api' },
    interactions: [
      {
        type: 'Synchronous/HTTP',
        description: 'hostile regex',
        request: { method: 'GET', path: '/' },
        response: {
          status: 200,
          headers: { 'Content-Type': ['application/json'] },
          body: { contentType: 'application/json', encoded: false, content: { name: 'aaa' } },
          matchingRules: { body: { '$.name': { matchers: [{ match: 'regex', regex }] } } },
        },
      },
    ],
    metadata: { pactSpecification: { version: '4.0' } },
  }),
  'hostile.pact.json',
)
const interaction = pact.interactions[0]!
if (!isHttpInteraction(interaction)) throw new Error('expected an HTTP interaction')
const mismatches = matchResponse(interaction.response, {
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ name: `${unit.repeat(Number(times))}!` }),
})
console.log(JSON.stringify(mismatches.map((m) => m.message.slice(0, 80))))
