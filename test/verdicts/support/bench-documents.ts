import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { load } from 'js-yaml'

/** The real Stripe, Plaid and Twilio documents live beside the repository, never in it. */
const folder = fileURLToPath(new URL('../../../../shared/bench-specs/', import.meta.url))

/**
 * Whether `../shared/bench-specs` is there. Under CI=true its absence is an error, not a skip:
 * a CI job that silently skips the real documents proves nothing.
 */
export function benchSpecsAvailable(): boolean {
  const available = existsSync(`${folder}INDEX.tsv`)
  if (!available && process.env.CI === 'true')
    throw new Error(
      `../shared/bench-specs is missing (looked in ${folder}); CI must have the real documents. Check out the shared test data beside the repository.`,
    )
  return available
}

/** The path of `old` or `new` document of a pair, like `stripe-2022-04-01`. */
export function benchDocumentFile(pair: string, role: 'old' | 'new'): string {
  const file = readdirSync(`${folder}${pair}`).find((name) => name.startsWith(`${role}.`))
  if (!file) throw new Error(`${folder}${pair} has no ${role}.json or ${role}.yaml`)
  return `${folder}${pair}/${file}`
}

/** Reads and parses an OpenAPI document (JSON or YAML) from a file. */
export function readDocument(file: string): Record<string, unknown> {
  const text = readFileSync(file, 'utf8')
  return (file.endsWith('.json') ? JSON.parse(text) : load(text)) as Record<string, unknown>
}
