import type { BaselineRules } from '../diff/conform/index.js'
import { parseJsonPath } from '../diff/conform/parse-json-path.js'
import { formatPath } from '../matching/format-path.js'
import type { HttpInteraction, Mismatch } from '../model/index.js'
import { parseJson } from '../text/index.js'

/** A probe's mismatches sorted by what the pinned baseline says of them. */
export interface WeighedMismatches {
  /** The recording's expectation broke and the baseline does not allow the difference. */
  breaking: Mismatch[]
  /**
   * Differences the baseline allows: data drift, reported as `info`, each kind once per run
   * (the same field drifting in 500 answers is one thing to know, not 500).
   */
  drift: Mismatch[]
  /** Values the baseline does not allow where the recording expects nothing: `warning`s. */
  offDocument: Mismatch[]
}

/** What the judge knows of one probe's response when it asks the baseline. */
export interface ProbeResponse {
  interaction: HttpInteraction
  /** Groups probes of one operation (`GET /posts/{id}`) for the once-per-run document check. */
  operation: string
  status: number
  contentType: string | undefined
  body: string | Uint8Array
}

/** Judges a probe's mismatches against the pinned baseline; one per run (it keeps a little state). */
export interface BaselineJudge {
  weigh(response: ProbeResponse, mismatches: readonly Mismatch[]): WeighedMismatches
}

/** The document check reports at most this many places per response. */
const maxOffDocument = 20

/** Mismatches the baseline has nothing to say about: no JSON value to judge. */
const unjudged = new Set(['contentType', 'body'])

/**
 * Creates the judge that applies a baseline's rules to probes: a mismatch at a place where
 * the baseline allows the live value is data drift; anything else stays breaking. The
 * baseline is consulted only when a probe has mismatches, and once per operation and status
 * in a run for a whole-document check (the `warning`s): the first answer of each operation
 * stands for the rest, so the hot path of a run whose answers all match stays a plain match.
 */
export function createBaselineJudge(rules: BaselineRules): BaselineJudge {
  const checked = new Set<string>()
  const told = new Set<string>()
  const keep = (mismatches: readonly Mismatch[]): WeighedMismatches => ({
    breaking: [...mismatches],
    drift: [],
    offDocument: [],
  })
  return {
    weigh(response, mismatches) {
      const sampleKey = `${response.operation}\u0000${response.status}`
      const sample = !checked.has(sampleKey)
      if (mismatches.length === 0 && !sample) return keep(mismatches)
      // A status the recording did not get is the recording's business: the body was
      // compared against another answer's.
      if (mismatches.some((m) => m.part === 'status')) return keep(mismatches)
      checked.add(sampleKey)
      const documented = rules.responseFor(
        response.interaction,
        response.status,
        response.contentType,
      )
      if (!documented) return keep(mismatches)
      const body = parseBodyJson(response.body)
      if (body === undefined) return keep(mismatches)
      const weighed: WeighedMismatches = { breaking: [], drift: [], offDocument: [] }
      // Kinds of drift first seen in this answer: told here, with every place it drifted.
      const fresh = new Set<string>()
      for (const mismatch of mismatches) {
        const path =
          mismatch.part === 'body' && !unjudged.has(mismatch.rule)
            ? parseJsonPath(mismatch.path)
            : undefined
        if (!path || documented.judge(body.value, path) !== 'allowed') {
          weighed.breaking.push(mismatch)
          continue
        }
        const kind = `${response.operation}\u0000${mismatch.path.replace(/\[\d+\]/g, '[*]')}\u0000${mismatch.rule}`
        if (told.has(kind)) continue
        fresh.add(kind)
        weighed.drift.push(mismatch)
      }
      for (const kind of fresh) told.add(kind)
      if (sample) {
        const reported = weighed.breaking.map((m) => m.path)
        for (const violation of documented.violations(body.value, maxOffDocument)) {
          const path = formatPath(violation.path)
          if (
            reported.some((p) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`))
          )
            continue
          weighed.offDocument.push({
            part: 'body',
            path,
            expected: violation.expected,
            actual: violation.actual,
            rule: 'baseline',
            message: `${path}: the upstream no longer matches its own document (the baseline's ${documented.operation} ${documented.status}): expected ${violation.expected}, got ${violation.actual}`,
          })
        }
      }
      return weighed
    },
  }
}

function parseBodyJson(body: string | Uint8Array): { value: unknown } | undefined {
  const text = typeof body === 'string' ? body : new TextDecoder().decode(body)
  try {
    return { value: parseJson(text) }
  } catch {
    return undefined
  }
}
