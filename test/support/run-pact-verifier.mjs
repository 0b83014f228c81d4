// Runs @pact-foundation/pact's Verifier in its own process, because its Rust core prints the
// verification report straight to stdout. Prints one JSON line: the per-interaction results.
// Usage: node run-pact-verifier.mjs <pact file> <provider base URL>
import { Verifier } from '@pact-foundation/pact'

const [pactFile, providerBaseUrl] = process.argv.slice(2)
const marker = '@@UPCHECK-VERIFIER-RESULT@@'
let results
try {
  const out = await new Verifier({
    provider: 'upstream',
    providerBaseUrl,
    pactUrls: [pactFile],
    logLevel: 'error',
  }).verifyProvider()
  results = JSON.parse(typeof out === 'string' ? out : JSON.stringify(out))?.interactionResults
} catch (error) {
  // A failed verification rejects with the JSON report as its message.
  results = JSON.parse(error.message).interactionResults
}
process.stdout.write(`\n${marker}${JSON.stringify(results ?? null)}\n`)
