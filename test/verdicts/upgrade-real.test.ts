import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requireShared } from '../support/shared-data.js'
import { benchDocumentFile, readDocument } from './support/bench-documents.js'
import {
  createDriftWorkspace,
  type ContractVerdict,
  type DriftWorkspace,
} from './support/drift-workspace.js'
import { buildRequestPath } from './support/request-paths.js'
import { startSpecUpstream, templatePattern, type SpecUpstream } from './support/spec-upstream.js'

/**
 * The upgrade test on real documents: a pilot recorded through `upcheck record` against an
 * upstream serving the older document of a real pair from ../shared/bench-specs, then verified
 * after the upstream switches to the newer one. Each recorded operation must be broken exactly
 * when the real upgrade touches what the recording reads (the ground truth below, written by
 * hand from `upcheck diff` on the pair and checked in both documents), and for no other reason.
 */

const benchSpecs = requireShared('bench-specs', 'INDEX.tsv')

/** One recorded operation of a pair, and whether the upgrade breaks it for this pilot. */
interface GroundTruth {
  /** `GET /v1/balance`, as the older document writes the path. */
  operation: string
  /** The newer document's path, where the upgrade renamed it; `null` where it removed it. */
  renamedTo?: string | null
  /** Broken with the older document as the baseline (probes and spec check). */
  broken: boolean
  /** Broken without a baseline (probes alone), where that differs from `broken`. */
  brokenWithoutBaseline?: boolean
  /** Fields (`a.b`, `list[].c`) the pilot's recorded answers hold: what the verdict rests on. */
  reads?: string[]
  /** Fields the upgrade changed that the recorded answers do not hold. */
  unread?: string[]
  /** The spec change, quoted, and why it does or does not touch what the pilot reads. */
  why: string
}

interface Pair {
  /** The folder under bench-specs, and the contract's name. */
  name: string
  /** How likely the upstream is to send each optional property (see the spec upstream). */
  optionalsProbability?: number
  truth: GroundTruth[]
}

const PAIRS: Pair[] = [
  {
    // 2020-07-17 → 2020-07-16 (newer commit): 35,000 changes, 1,102 rated breaking.
    name: 'stripe-2020-07-16',
    // The pilot's order sets each answer's seed, and so which optional fields it holds.
    truth: [
      {
        operation: 'GET /v1/issuing/cards/{card}/details',
        renamedTo: null,
        broken: true,
        why: 'the path is gone from the newer document ("endpoint-removed"): the upstream answers 404',
      },
      {
        operation: 'GET /v1/issuing/disputes/{dispute}',
        broken: true,
        brokenWithoutBaseline: false,
        reads: ['created', 'currency', 'reason'],
        why: 'issuing.dispute lost its optional created, currency, reason … ("optional property … removed", a warning), which the pilot read; without a baseline a vanished key is a warning',
      },
      {
        operation: 'GET /v1/files/{file}',
        broken: false,
        reads: ['purpose'],
        why: 'purpose: {maxLength: 5000} became an enum of eight short words: narrower, every new value fits what was read',
      },
      {
        operation: 'GET /v1/balance',
        broken: false,
        why: 'only "optional property issuing added"',
      },
      {
        operation: 'GET /v1/exchange_rates/{currency}',
        renamedTo: '/v1/exchange_rates/{rate_id}',
        broken: false,
        why: 'path parameter renamed {currency} → {rate_id} ("operationId changed"): the same URLs, the same answers',
      },
      {
        operation: 'GET /v1/issuing/cardholders/{cardholder}',
        broken: false,
        reads: ['type', 'requirements'],
        unread: ['requirements.past_due'],
        why: 'requirements.past_due[] gained "company.tax_id" (a warning), never read (recorded requirements: {}); type lost "business_entity" (narrower)',
      },
      {
        operation: 'GET /v1/checkout/sessions/{session}',
        broken: true,
        brokenWithoutBaseline: false,
        reads: ['locale'],
        why: 'locale: "enum values added: bg, cs, el, en-GB …" (a warning), and the pilot read locale; no new value came back in this run, so the probes alone pass',
      },
      {
        operation: 'GET /v1/subscription_items/{item}',
        broken: false,
        why: '"required property price added": more than before, nothing the pilot read changed',
      },
      {
        operation: 'GET /v1/coupons/{coupon}',
        broken: false,
        why: 'unchanged but for the description of metadata',
      },
    ],
  },
  {
    // 2024-02-09 → 2024-02-27: call feedback retired (5 operations, their 9 parameters).
    name: 'twilio-api-2024-02-27',
    optionalsProbability: 1,
    truth: [
      {
        operation: 'GET /2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}/Feedback.json',
        renamedTo: null,
        broken: true,
        why: 'the path is gone from the newer document ("endpoint-removed"): the upstream answers 404',
      },
      {
        operation: 'GET /2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json',
        broken: false,
        why: 'api.v2010.account.call unchanged; the feedback operations removed beside it were never recorded',
      },
      {
        operation: 'GET /2010-04-01/Accounts/{AccountSid}/Messages/{Sid}.json',
        broken: false,
        why: 'api.v2010.account.message unchanged',
      },
    ],
  },
  {
    // 2025-08-28 → 2025-09-04: the usage categories' 643-value enums dropped (7,073 values).
    name: 'twilio-api-2025-09-04',
    // Twilio's answers carry every field, null where there is nothing to say.
    optionalsProbability: 1,
    truth: [
      {
        operation: 'GET /2010-04-01/Accounts/{AccountSid}/Usage/Records.json',
        broken: true,
        brokenWithoutBaseline: false,
        reads: ['usage_records[].category'],
        why: 'usage_records[].category: the ref to a 643-value enum became {type: string, nullable: true} ("became nullable", "no longer restricted to …"), and the pilot read it; without a baseline a value turned null is a warning',
      },
      {
        operation: 'GET /2010-04-01/Accounts/{Sid}.json',
        broken: false,
        why: 'api.v2010.account unchanged',
      },
      {
        operation: 'GET /2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json',
        broken: false,
        why: 'api.v2010.account.call unchanged (the clean-up touched usage categories only; Usage/Triggers changed too, but was never recorded)',
      },
    ],
  },
]

const get = (operation: string) => operation.slice('GET '.length)

/** The ground truth's operation a finding names (as a template, or as the concrete path). */
function operationOf(pair: Pair, named: string | undefined): string {
  const truth = pair.truth.find(
    (t) => t.operation === named || templatePattern(t.operation).test(named ?? ''),
  )
  return truth?.operation ?? named ?? '(no operation)'
}

const brokenOperations = (pair: Pair, verdict: ContractVerdict) =>
  [
    ...new Set(
      verdict.findings
        .filter((f) => f.severity === 'breaking')
        .map((f) => operationOf(pair, f.operation)),
    ),
  ].sort()

/** Every field an answer holds: `a.b` for objects, `list[].c` for list items. */
function collectFields(value: unknown, prefix: string, into: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const item of value) collectFields(item, `${prefix}[]`, into)
  else if (typeof value === 'object' && value !== null)
    for (const [key, child] of Object.entries(value)) {
      const path = prefix === '' ? key : `${prefix}.${key}`
      into.add(path)
      collectFields(child, path, into)
    }
  return into
}

interface RecordedInteraction {
  request: { method: string; path: string }
  response: { body?: { content?: unknown } }
}

/** The fields the pilot's recorded answers hold, per ground-truth operation. */
function recordedFields(pair: Pair, pact: { interactions: RecordedInteraction[] }) {
  const fields = new Map<string, Set<string>>()
  for (const interaction of pact.interactions) {
    const operation = operationOf(pair, `GET ${interaction.request.path}`)
    fields.set(
      operation,
      collectFields(interaction.response.body?.content, '', fields.get(operation) ?? new Set()),
    )
  }
  return fields
}

describe.skipIf(!benchSpecs.available).each(PAIRS)(
  `the real upgrade $name${benchSpecs.skipNote}`,
  (pair: Pair) => {
    let upstream: SpecUpstream
    let ws: DriftWorkspace
    let fields: Map<string, Set<string>>
    let before: ContractVerdict[]
    let plain: ContractVerdict
    let pinned: ContractVerdict

    beforeAll(async () => {
      const oldFile = benchDocumentFile(pair.name, 'old')
      const older = readDocument(oldFile)
      const newer = readDocument(benchDocumentFile(pair.name, 'new'))
      const operations = pair.truth.map((t) => ({ method: 'GET', path: get(t.operation) }))
      upstream = await startSpecUpstream({
        document: older,
        operations,
        optionalsProbability: pair.optionalsProbability,
      })
      ws = await createDriftWorkspace()
      const name = pair.name
      // One probe at a time: each probe gets the same seeded answer on every run.
      await ws.writeContract(name, { baseUrl: upstream.origin, concurrency: 1 })
      await ws.writeContract(`${name}-pinned`, {
        baseUrl: upstream.origin,
        baseline: oldFile,
        spec: upstream.specUrl,
        concurrency: 1,
      })
      const paths = operations.flatMap((op) => [
        buildRequestPath(older, op, 0),
        buildRequestPath(older, op, 1),
      ])
      fields = recordedFields(
        pair,
        await ws.recordPilot(name, upstream.origin, [...new Set(paths)]),
      )
      await ws.shareInteractions(name, `${name}-pinned`)
      // One contract per verify, so the seeded answers reach the probes in a fixed order.
      before = [...(await ws.verify([name])), ...(await ws.verify([`${name}-pinned`]))]
      upstream.use(
        newer,
        pair.truth
          .filter((t) => t.renamedTo !== null)
          .map((t) => ({ method: 'GET', path: t.renamedTo ?? get(t.operation) })),
      )
      ;[plain] = (await ws.verify([name])) as [ContractVerdict]
      ;[pinned] = (await ws.verify([`${name}-pinned`])) as [ContractVerdict]
    }, 120_000)

    afterAll(async () => {
      await upstream?.close()
      await ws?.cleanup()
    })

    it('records a pilot that reads what the ground truth says it reads', () => {
      for (const truth of pair.truth) {
        const recorded = fields.get(truth.operation) ?? new Set()
        for (const field of truth.reads ?? []) expect(recorded, truth.operation).toContain(field)
        for (const field of truth.unread ?? [])
          expect(recorded, truth.operation).not.toContain(field)
      }
    })

    it('stays verified before the upgrade, with and without a baseline', () => {
      for (const verdict of before)
        expect(verdict.status, JSON.stringify(verdict.findings, null, 1)).toBe('verified')
    })

    it('is broken exactly on the operations the upgrade touches, with the old document as the baseline', () => {
      const expected = pair.truth.filter((t) => t.broken).map((t) => t.operation)
      expect(pinned.status).toBe(expected.length > 0 ? 'broken' : 'verified')
      expect(brokenOperations(pair, pinned), JSON.stringify(pinned.findings, null, 1)).toEqual(
        expected.sort(),
      )
    })

    it('is broken exactly on the operations whose answers break it, without a baseline', () => {
      const expected = pair.truth
        .filter((t) => t.brokenWithoutBaseline ?? t.broken)
        .map((t) => t.operation)
      expect(plain.status).toBe(expected.length > 0 ? 'broken' : 'verified')
      expect(brokenOperations(pair, plain), JSON.stringify(plain.findings, null, 1)).toEqual(
        expected.sort(),
      )
    })
  },
)
