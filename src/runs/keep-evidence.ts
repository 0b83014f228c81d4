import type {
  ExchangeEvidence,
  ProbeResult,
  ReceivedResponse,
  RunEvidence,
  SentRequest,
} from '../model/index.js'
import type { ProbeExchange } from '../probes/probe-exchange.js'
import { excerptText } from '../text/index.js'

/**
 * Failing exchanges a run keeps. The first few show what broke; a hundred copies of one
 * failure would only grow the store (each holds up to two 4 KiB body excerpts).
 */
export const MAX_EVIDENCE_EXCHANGES = 10

/** What one exchange shows, before the probe's final name and verdict are known. */
type Captured = Omit<ExchangeEvidence, 'probe' | 'interaction' | 'operation' | 'verdict'>

/**
 * Holds the evidence of the lowest-numbered failing probes while a run goes on, at most
 * {@link MAX_EVIDENCE_EXCHANGES}: memory stays flat however many fail, and a probe beyond the
 * cap is not even captured.
 */
export interface EvidenceKeeper {
  /** A probe failed (or again, when confirmed): keep what it showed, if it ranks within the cap. */
  keep(index: number, capture: () => Captured): void
  /** A probe passed (a re-probe, say): its earlier failure is no longer evidence. */
  drop(index: number): void
  /** The evidence of the final verdicts, in probe order; `undefined` when nothing failed. */
  collect(probes: readonly ProbeResult[]): RunEvidence | undefined
}

export function createEvidenceKeeper(cap = MAX_EVIDENCE_EXCHANGES): EvidenceKeeper {
  const kept = new Map<number, Captured>()
  const highest = () => Math.max(...kept.keys())
  return {
    keep(index, capture) {
      if (!kept.has(index) && kept.size >= cap) {
        const last = highest()
        if (index > last) return
        kept.delete(last)
      }
      kept.set(index, capture())
    },
    drop(index) {
      kept.delete(index)
    },
    collect(probes) {
      const failing = probes.flatMap((probe, index) => (isFailing(probe) ? [index] : []))
      if (failing.length === 0) return undefined
      const exchanges: ExchangeEvidence[] = []
      for (const index of failing) {
        const captured = kept.get(index)
        if (!captured) continue
        const probe = probes[index]!
        exchanges.push({
          probe: index,
          interaction: probe.interaction,
          operation: probe.operation,
          verdict: probe.verdict as ExchangeEvidence['verdict'],
          ...captured,
        })
      }
      return { exchanges, omitted: failing.length - exchanges.length }
    },
  }
}

export function isFailing(probe: Pick<ProbeResult, 'verdict'>): boolean {
  return probe.verdict === 'failed' || probe.verdict === 'unreachable'
}

/**
 * What an exchange shows a person: the request as sent and the answer, bodies cut to an
 * excerpt, every string through the run's `scrub` (the client scrubs too; the run's own
 * promise does not rest on it), bodies before they are cut, so no secret is cut in two.
 */
export function captureExchange(
  exchange: ProbeExchange,
  request: SentRequest | undefined,
  scrub: (text: string) => string,
): Captured {
  return scrubCaptured(describeExchange(exchange, request), scrub)
}

function describeExchange(exchange: ProbeExchange, request?: SentRequest): Captured {
  const captured: Captured = {
    attempts: exchange.outcome === 'skipped' ? 0 : exchange.attempts,
    ...(request && { request }),
  }
  switch (exchange.outcome) {
    case 'response':
      return {
        ...captured,
        response: describeResponse(
          exchange.status,
          exchange.headers,
          exchange.bodyText,
          exchange.bodyEncoding,
        ),
      }
    case 'unreachable': {
      const problem = `${exchange.reason}: ${exchange.detail}`
      const { answer, status } = exchange
      if (!answer || status === undefined) return { ...captured, problem }
      const response = describeResponse(
        status,
        answer.headers,
        answer.bodyText,
        answer.bodyEncoding,
      )
      return { ...captured, response, problem }
    }
    case 'body-too-large':
      return {
        ...captured,
        response: { status: exchange.status, headers: exchange.headers },
        problem: `the body is larger than the ${exchange.limitBytes}-byte cap (probe.maxBodyBytes)`,
      }
    case 'cross-origin-redirect':
    case 'too-many-redirects':
      return {
        ...captured,
        response: { status: exchange.status, headers: { location: exchange.location } },
        problem:
          exchange.outcome === 'cross-origin-redirect'
            ? `redirected to another origin (${exchange.locationOrigin}); not followed`
            : `more than ${exchange.redirects} redirects`,
      }
    case 'skipped':
      return { ...captured, problem: exchange.detail }
  }
}

function scrubCaptured(captured: Captured, scrub: (text: string) => string): Captured {
  const headers = (all: Record<string, string | string[]>) =>
    Object.fromEntries(
      Object.entries(all).map(([name, value]) => [
        name,
        typeof value === 'string' ? scrub(value) : value.map(scrub),
      ]),
    )
  const { request, response, problem } = captured
  return {
    ...captured,
    ...(request && {
      request: {
        ...request,
        url: scrub(request.url),
        headers: headers(request.headers),
        ...(request.body && { body: { ...request.body, text: scrub(request.body.text) } }),
      },
    }),
    ...(response && {
      response: {
        ...response,
        headers: headers(response.headers),
        ...(response.body && { body: { ...response.body, text: scrub(response.body.text) } }),
      },
    }),
    ...(problem !== undefined && { problem: scrub(problem) }),
  }
}

/** An answer as evidence shows it: its body, when it has one, cut to an excerpt. */
function describeResponse(
  status: number,
  headers: ReceivedResponse['headers'],
  bodyText: string,
  encoding: 'utf8' | 'base64',
): ReceivedResponse {
  const response: ReceivedResponse = { status, headers }
  if (bodyText.length > 0) response.body = { ...excerptText(bodyText), encoding }
  return response
}
