import type {
  Finding,
  HttpInteraction,
  Mismatch,
  ProbeResult,
  ProbeVerdict,
} from '../model/index.js'
import type { ActualResponse } from '../matching/index.js'
import type { ProbeExchange } from '../probes/probe-exchange.js'
import { collapseMismatches } from './collapse-mismatches.js'
import { gradeMismatch } from './grade-mismatch.js'
import { readDeprecationSignals, type DeprecationSignal } from './read-deprecation-signals.js'
import type { BaselineJudge } from './weigh-against-baseline.js'

/** Matches an expected response against what the upstream sent; see src/matching. */
export type MatchResponse = (
  expected: HttpInteraction['response'],
  actual: ActualResponse,
) => Mismatch[]

/**
 * Turns what a probe saw into a verdict with findings, by the rules of the verify loop:
 * faults that leave no verdict are unreachable; a recorded 2xx now 401/403 means the
 * credentials were rejected (unreachable: nothing is known about the contract); 404/410
 * means the endpoint is gone (failed). A mismatch is weighed against the pinned baseline
 * (`baseline`, when the contract has one): a live value it allows is data drift, an `info`.
 * Without one, a mismatch fails unless {@link gradeMismatch} calls it a warning (a value
 * turned null, a key gone, a list emptied: drift one answer cannot rule out).
 */
export function judgeProbe(
  interaction: HttpInteraction,
  operation: string,
  exchange: ProbeExchange,
  matchResponse: MatchResponse,
  baseline?: BaselineJudge,
): ProbeResult {
  if (exchange.outcome === 'skipped')
    return {
      interaction: interaction.description,
      operation,
      verdict: 'skipped',
      durationMs: 0,
      attempts: 0,
      findings: [],
      skipped: { code: exchange.reason, reason: exchange.detail },
    }
  // What the probe saw, with its timing, under a verdict.
  const result = (verdict: ProbeVerdict, findings: Finding[] = []): ProbeResult => ({
    interaction: interaction.description,
    operation,
    verdict,
    durationMs: exchange.durationMs,
    attempts: exchange.attempts,
    ...(exchange.status === undefined ? {} : { status: exchange.status }),
    findings,
  })
  const finding = (severity: Finding['severity'], message: string, extra?: Partial<Finding>) =>
    createFinding(interaction, operation, severity, message, extra)
  const recorded = interaction.response.status
  const recordedOk = recorded >= 200 && recorded < 300

  switch (exchange.outcome) {
    case 'unreachable': {
      const tries = exchange.attempts === 1 ? 'try' : 'tries'
      return result('unreachable', [
        finding(
          'warning',
          `unreachable (${exchange.reason}) after ${exchange.attempts} ${tries}: ${exchange.detail}`,
          { actual: exchange.reason },
        ),
      ])
    }
    case 'body-too-large':
      return result('unreachable', [
        finding(
          'warning',
          `the response body is larger than the ${formatBytes(exchange.limitBytes)} cap (probe.maxBodyBytes); reading stopped and no verdict is possible`,
          { actual: 'body-too-large' },
        ),
      ])
    case 'cross-origin-redirect':
      if (exchange.status === recorded) return result('passed')
      return result('failed', [
        finding(
          'breaking',
          `now redirects (${exchange.status}) to another origin, ${exchange.location}; not followed, so the contract's credentials were not sent there`,
          { expected: String(recorded), actual: `${exchange.status} → ${exchange.locationOrigin}` },
        ),
      ])
    case 'too-many-redirects':
      return result('failed', [
        finding(
          'breaking',
          `redirects more than ${exchange.redirects} times (last to ${exchange.location})`,
          { expected: String(recorded), actual: `${exchange.status}` },
        ),
      ])
    case 'response': {
      // The upstream's own deprecation notices are warnings next to whatever the verdict is.
      const judged = judgeResponse(exchange)
      const notices = readDeprecationSignals(exchange.headers).map((signal) =>
        finding('warning', describeSignal(signal, operation), {
          rule: DEPRECATION_RULES[signal.kind],
          path: signal.kind,
          ...(signal.date !== undefined && { actual: signal.date }),
        }),
      )
      return notices.length === 0
        ? judged
        : { ...judged, findings: [...judged.findings, ...notices] }
    }
  }

  function judgeResponse(exchange: Extract<ProbeExchange, { outcome: 'response' }>): ProbeResult {
    if (recordedOk && (exchange.status === 401 || exchange.status === 403))
      return result('unreachable', [
        finding(
          'warning',
          `credentials rejected (${exchange.status}) where the recording got ${recorded}; check the token in upstream.headers`,
          { expected: String(recorded), actual: String(exchange.status), path: 'status' },
        ),
      ])
    if (recordedOk && (exchange.status === 404 || exchange.status === 410))
      return result('failed', [
        finding(
          'breaking',
          `endpoint gone: ${exchange.status} where the recording got ${recorded}`,
          { expected: String(recorded), actual: String(exchange.status), path: 'status' },
        ),
      ])
    const body =
      exchange.bodyEncoding === 'base64'
        ? Buffer.from(exchange.bodyText, 'base64')
        : exchange.bodyText
    const mismatches = matchResponse(interaction.response, {
      status: exchange.status,
      headers: exchange.headers,
      body,
    })
    const toFindings = (list: readonly Mismatch[], severity: Finding['severity'], why = '') =>
      collapseMismatches(list).map((m) =>
        finding(severity, m.message + why, {
          path: m.path,
          expected: m.expected,
          actual: m.actual,
        }),
      )
    if (!baseline) {
      const findings = collapseMismatches(mismatches).map((m) =>
        finding(gradeMismatch(m), m.message, {
          path: m.path,
          expected: m.expected,
          actual: m.actual,
        }),
      )
      return result(findings.some((f) => f.severity === 'breaking') ? 'failed' : 'passed', findings)
    }
    const weighed = baseline.weigh(
      {
        interaction,
        operation,
        status: exchange.status,
        contentType: [exchange.headers['content-type'] ?? []].flat()[0],
        body,
      },
      mismatches,
    )
    return result(weighed.breaking.length === 0 ? 'passed' : 'failed', [
      ...toFindings(weighed.breaking, 'breaking'),
      ...toFindings(weighed.offDocument, 'warning'),
      ...toFindings(weighed.drift, 'info', '; the baseline allows this (data drift)'),
    ])
  }
}

/** The rule ids of the upstream's deprecation notices, by which a run tells each once per operation. */
export const DEPRECATION_RULES = {
  deprecation: 'upstream-deprecation',
  sunset: 'upstream-sunset',
} as const

function describeSignal(signal: DeprecationSignal, operation: string): string {
  const when =
    signal.date !== undefined
      ? signal.kind === 'sunset'
        ? ` on ${signal.date}`
        : `, effective ${signal.date}`
      : signal.unparseable !== undefined
        ? ` (unparseable date ${JSON.stringify(signal.unparseable)})`
        : ' (no date given)'
  const link = signal.link === undefined ? '' : `; see ${signal.link}`
  return `the upstream announces ${signal.kind} of ${operation}${when}${link}`
}

function createFinding(
  interaction: HttpInteraction,
  operation: string,
  severity: Finding['severity'],
  message: string,
  extra?: Partial<Finding>,
): Finding {
  return {
    source: 'probe',
    severity,
    interaction: interaction.description,
    operation,
    ...extra,
    message: `${interaction.request.method.toUpperCase()} ${interaction.request.path}: ${message}`,
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${bytes} bytes`
}
