/**
 * Reads a Pact whose regex rule is `process.argv[2]` and matches a response whose value is
 * `process.argv[3]` repeated `process.argv[4]` times then `!`. Prints the mismatch messages as
 * JSON. Run in a child process so a test can kill it if matching never ends.
 */
import { readPact } from '../../src/interactions/index.js'
import { matchResponse } from '../../src/matching/index.js'
import { isHttpInteraction } from '../../src/model/index.js'
import { jsonInteraction, pactDocument } from './pact-files.js'

const [regex = '(a+)+', unit = 'a', times = '50000'] = process.argv.slice(2)
const pact = readPact(
  JSON.stringify(
    pactDocument(
      [
        jsonInteraction(
          'hostile regex',
          '/',
          { name: 'aaa' },
          { '$.name': { matchers: [{ match: 'regex', regex }] } },
        ),
      ],
      { consumer: 'web', provider: 'api' },
    ),
  ),
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
