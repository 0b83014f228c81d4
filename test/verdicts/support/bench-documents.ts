import { readdirSync, readFileSync } from 'node:fs'
import { load } from 'js-yaml'
import { requireShared } from '../../support/shared-data.js'

/**
 * The real Stripe, Plaid and Twilio documents, beside the repository, never in it. Asked for
 * when a suite reads them, so a suite of our own documents does not depend on them.
 */
const benchSpecs = () => requireShared('bench-specs', 'INDEX.tsv')

/**
 * Whether `../shared/bench-specs` is there. Under CI=true its absence is an error, not a skip
 * (see `requireShared`): a CI job that silently skips the real documents proves nothing.
 */
export function benchSpecsAvailable(): boolean {
  return benchSpecs().available
}

/** The path of `old` or `new` document of a pair, like `stripe-2022-04-01`. */
export function benchDocumentFile(pair: string, role: 'old' | 'new'): string {
  const { folder } = benchSpecs()
  const file = readdirSync(`${folder}${pair}`).find((name) => name.startsWith(`${role}.`))
  if (!file) throw new Error(`${folder}${pair} has no ${role}.json or ${role}.yaml`)
  return `${folder}${pair}/${file}`
}

/** Reads and parses an OpenAPI document (JSON or YAML) from a file. */
export function readDocument(file: string): Record<string, unknown> {
  const text = readFileSync(file, 'utf8')
  return (file.endsWith('.json') ? JSON.parse(text) : load(text)) as Record<string, unknown>
}
