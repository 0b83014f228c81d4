// Plain JavaScript, so the floor pays no TypeScript loader at start-up.
// The floor: a raw undici loop at the same concurrency that sends each recorded request,
// reads the body, parses it and deep-compares it with the recording. No rules, no reports.
import { readFile } from 'node:fs/promises'
import { isDeepStrictEqual } from 'node:util'
import { Pool } from 'undici'

const [pactFile, baseUrl, concurrencyText] = process.argv.slice(2)
const concurrency = Number(concurrencyText)
const pact = JSON.parse(await readFile(pactFile, 'utf8'))
const pool = new Pool(baseUrl, { connections: concurrency, pipelining: 1 })
let next = 0
let equal = 0
async function worker() {
  while (next < pact.interactions.length) {
    const interaction = pact.interactions[next++]
    const { statusCode, body } = await pool.request({
      method: interaction.request.method,
      path: interaction.request.path,
      headers: { 'content-type': 'application/json', authorization: 'Bearer bench' },
      body: interaction.request.body ? JSON.stringify(interaction.request.body.content) : null,
    })
    const actual = await body.json()
    if (
      statusCode === interaction.response.status &&
      isDeepStrictEqual(actual, interaction.response.body.content)
    )
      equal++
  }
}
await Promise.all(Array.from({ length: concurrency }, worker))
await pool.close()
process.stdout.write(`${equal}\n`)
