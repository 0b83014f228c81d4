import type { Contract } from '../model/index.js'
import type { Recording } from './create-recording.js'
import { REDACTED } from './redaction-policy.js'

/**
 * Request headers and query parameters this recording redacted that the contract does not
 * supply: probes would send the placeholder, so the user must be told what to add.
 */
export function findUnsuppliedPlaceholders(
  recording: Recording,
  contract: Contract,
): { headers: string[]; params: string[] } {
  const supplied = new Set(Object.keys(contract.upstream.headers).map((n) => n.toLowerCase()))
  const headers = new Set<string>()
  const params = new Set<string>()
  for (const key of recording.recordedKeys()) {
    const request = recording.recorder.book.find(key)?.request
    for (const [name, values] of Object.entries(request?.headers ?? {})) {
      if (!supplied.has(name.toLowerCase()) && values.some((v) => v.includes(REDACTED)))
        headers.add(name)
    }
    for (const [name, values] of Object.entries(request?.query ?? {}))
      if (values.some((v) => v.includes(REDACTED))) params.add(name)
  }
  return { headers: [...headers], params: [...params] }
}
