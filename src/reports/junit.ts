import type { Run } from '../model/index.js'
import { isSpecBreak } from '../runs/index.js'
import type { ReportEntry } from './latest-report.js'
import { escapeXml } from './xml-escape.js'

/**
 * JUnit XML as CI systems read it (Jenkins, GitLab, GitHub test reporters): a testsuite per
 * contract, a testcase per interaction, a `spec` testcase for spec findings.
 * @note Unreachable probes are `<error>`, failed probes `<failure>`, skipped `<skipped>`:
 * CI systems tell "could not run" from "ran and failed" by that distinction.
 */
export function formatJunit(
  entries: readonly ReportEntry[],
  loadErrors: readonly { file?: string; message: string }[],
): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>']
  let tests = 0
  let failures = 0
  let errors = 0
  const suites: string[] = []
  for (const entry of entries) {
    const suite = formatSuite(entry.run)
    tests += suite.tests
    failures += suite.failures
    errors += suite.errors
    suites.push(suite.xml)
  }
  if (loadErrors.length > 0) {
    const cases = loadErrors.map(
      (e) =>
        `    <testcase classname="upcheck.contracts" name="${escapeXml(e.file ?? 'contract')}">\n      <error message="${escapeXml(firstLine(e.message))}">${escapeXml(e.message)}</error>\n    </testcase>`,
    )
    suites.push(
      `  <testsuite name="contracts that could not be loaded" tests="${loadErrors.length}" failures="0" errors="${loadErrors.length}" skipped="0">\n${cases.join('\n')}\n  </testsuite>`,
    )
    tests += loadErrors.length
    errors += loadErrors.length
  }
  lines.push(
    // @note No `skipped` here: the Jenkins JUnit XSD allows it on <testsuite> only.
    `<testsuites name="upcheck" tests="${tests}" failures="${failures}" errors="${errors}">`,
  )
  lines.push(...suites)
  lines.push('</testsuites>', '')
  return lines.join('\n')
}

function formatSuite(run: Run) {
  const cases: string[] = []
  let failures = 0
  let errors = 0
  let skipped = 0
  const seconds = (ms: number) => (ms / 1000).toFixed(3)
  for (const probe of run.probes) {
    const open = `    <testcase classname="${escapeXml(run.contract)}" name="${escapeXml(probe.interaction)}" time="${seconds(probe.durationMs)}">`
    const text = probe.findings.map((f) => f.message).join('\n')
    if (probe.verdict === 'passed') cases.push(`${open}</testcase>`)
    else if (probe.verdict === 'skipped') {
      skipped++
      const reason = probe.skipped?.reason ?? (firstLine(text) || 'skipped')
      cases.push(`${open}\n      <skipped message="${escapeXml(reason)}"/>\n    </testcase>`)
    } else {
      const tag = probe.verdict === 'failed' ? 'failure' : 'error'
      if (tag === 'failure') failures++
      else errors++
      cases.push(
        `${open}\n      <${tag} message="${escapeXml(firstLine(text))}" type="${probe.verdict}">${escapeXml(text)}</${tag}>\n    </testcase>`,
      )
    }
  }
  const spec = run.findings.filter((f) => f.source === 'spec')
  if (spec.length > 0) {
    const breaking = spec.filter(isSpecBreak)
    const text = spec
      .map((f) => `[${f.severity}] ${f.rule ?? ''} ${f.operation ?? ''}: ${f.message}`)
      .join('\n')
    const open = `    <testcase classname="${escapeXml(run.contract)}" name="spec check">`
    if (breaking.length > 0) {
      failures++
      cases.push(
        `${open}\n      <failure message="${escapeXml(firstLine(breaking[0]!.message))}" type="spec">${escapeXml(text)}</failure>\n    </testcase>`,
      )
    } else cases.push(`${open}\n      <system-out>${escapeXml(text)}</system-out>\n    </testcase>`)
  }
  const tests = cases.length
  const duration = (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000
  const xml = [
    `  <testsuite name="${escapeXml(run.contract)}" tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${duration.toFixed(3)}" timestamp="${escapeXml(run.startedAt)}">`,
    ...cases,
    '  </testsuite>',
  ].join('\n')
  return { xml, tests, failures, errors, skipped }
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? ''
}
