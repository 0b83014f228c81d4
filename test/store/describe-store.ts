// The behaviour every Store must have, whatever its engine. A new engine is done when its
// test file calls `describeStore` and passes; engine-only behaviour (pragmas, crash safety
// of one file) is tested beside it, not here.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type {
  AlertState,
  AlertTransition,
  BuildReceipt,
  OutboxAlert,
  ReceiptLink,
  Run,
} from '../../src/model/index.js'
import { UpcheckError } from '../../src/model/index.js'
import type { Store } from '../../src/store/index.js'
import { sampleEvidence, sampleRun } from '../support/store-fixtures.js'
import { describeFleetStore } from './describe-fleet-store.js'

/** One empty store location (a file, a database); `open` may be called more than once on it. */
export interface StoreLocation {
  /** A new connection to the location, migrated: call twice for two workers. */
  open(): Promise<Store>
  dispose(): Promise<void>
}

export function describeStore(engine: string, createLocation: () => Promise<StoreLocation>) {
  describe(`the ${engine} store`, () => {
    let location: StoreLocation
    const opened: Store[] = []
    let store: Store
    const open = async () => {
      const next = await location.open()
      opened.push(next)
      return next
    }

    beforeEach(async () => {
      location = await createLocation()
      store = await open()
    })
    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close()
      await location.dispose()
    })

    describe('runs', () => {
      it('returns a recorded run with its probes and findings intact', async () => {
        const run = sampleRun('r1', 'posts-api', '2026-11-25T08:00:00.000Z', 'broken')
        await store.recordRun(run)
        expect(await store.latestRun('posts-api')).toEqual(run)
      })

      it('keeps lastVerifiedAt at the latest verified run while later runs are broken', async () => {
        await store.recordRun(sampleRun('r1', 'posts-api', '2026-11-24T08:00:00.000Z', 'verified'))
        await store.recordRun(sampleRun('r2', 'posts-api', '2026-11-25T08:00:00.000Z', 'broken'))
        await store.recordRun(sampleRun('r3', 'other-api', '2026-11-25T09:00:00.000Z', 'verified'))
        expect(await store.lastVerifiedAt('posts-api')).toBe('2026-11-24T08:00:00.000Z')
        expect((await store.latestRun('posts-api'))?.status).toBe('broken')
        expect(await store.listLatest()).toEqual([
          {
            contract: 'other-api',
            status: 'verified',
            finishedAt: '2026-11-25T09:00:00.000Z',
            lastVerifiedAt: '2026-11-25T09:00:00.000Z',
          },
          {
            contract: 'posts-api',
            status: 'broken',
            finishedAt: '2026-11-25T08:00:00.000Z',
            lastVerifiedAt: '2026-11-24T08:00:00.000Z',
          },
        ])
        expect(await store.lastVerifiedAt('never-run')).toBeUndefined()
        expect(await store.latestRun('never-run')).toBeUndefined()
      })

      it('lists runs newest first, up to the limit, without probes', async () => {
        for (let i = 1; i <= 4; i++)
          await store.recordRun(
            sampleRun(`r${i}`, 'posts-api', `2026-11-2${i}T08:00:00.000Z`, 'verified'),
          )
        const runs = await store.listRuns('posts-api', 3)
        expect(runs.map((r) => r.id)).toEqual(['r4', 'r3', 'r2'])
        expect(runs[0]).toEqual({
          id: 'r4',
          contract: 'posts-api',
          status: 'verified',
          startedAt: '2026-11-24T07:59:59.000Z',
          finishedAt: '2026-11-24T08:00:00.000Z',
          counts: { total: 3, passed: 3, failed: 0, skipped: 0, unreachable: 0 },
        })
      })

      it('says since when a contract is broken: its first broken run after the last verified one', async () => {
        const runs: [string, Run['status']][] = [
          ['2026-11-20T08:00:00.000Z', 'broken'],
          ['2026-11-21T08:00:00.000Z', 'verified'],
          ['2026-11-22T08:00:00.000Z', 'unreachable'],
          ['2026-11-23T08:00:00.000Z', 'broken'],
          ['2026-11-24T08:00:00.000Z', 'unreachable'],
          ['2026-11-25T08:00:00.000Z', 'broken'],
        ]
        for (const [i, [at, status]] of runs.entries())
          await store.recordRun(sampleRun(`r${i}`, 'posts-api', at, status))
        expect(await store.brokenSince('posts-api')).toBe('2026-11-23T08:00:00.000Z')
        await store.recordRun(sampleRun('r9', 'posts-api', '2026-11-26T08:00:00.000Z', 'verified'))
        expect(await store.brokenSince('posts-api')).toBeUndefined()
        expect(await store.brokenSince('never-run')).toBeUndefined()
      })

      it('keeps data across reopening', async () => {
        await store.recordRun(sampleRun('r1', 'posts-api', '2026-11-24T08:00:00.000Z', 'verified'))
        await store.close()
        opened.splice(opened.indexOf(store), 1)
        const second = await open()
        expect((await second.listRuns('posts-api')).map((r) => r.id)).toEqual(['r1'])
      })

      it('keeps the slot, host and process of a run, and names the receipt written with it', async () => {
        const scheduled = {
          ...sampleRun('r1', 'posts-api', '2026-11-24T08:00:01.500Z', 'verified'),
          slot: '2026-11-24T08:00:00.000Z',
          host: 'worker-7',
          pid: 4242,
        }
        await store.recordRun(scheduled, undefined, receiptOf('run', scheduled.finishedAt))
        await store.recordRun(sampleRun('r2', 'posts-api', '2026-11-25T08:00:00.000Z', 'verified'))
        const [plain, first] = await store.listRuns('posts-api')
        expect(first).toMatchObject({
          id: 'r1',
          slot: '2026-11-24T08:00:00.000Z',
          host: 'worker-7',
          pid: 4242,
          receiptDigest: digestOf('run', scheduled.finishedAt),
        })
        // A plain verify has no slot, and a run without a receipt names none.
        expect(Object.keys(plain!)).not.toContain('slot')
        expect(Object.keys(plain!)).not.toContain('receiptDigest')
        expect((await store.latestRun('posts-api'))?.id).toBe('r2')
      })

      it('returns one run with its evidence and its receipt, and nothing for an id it does not have', async () => {
        const run = {
          ...sampleRun('r1', 'posts-api', '2026-11-25T08:00:00.000Z', 'broken'),
          evidence: sampleEvidence(),
        }
        await store.recordRun(run, undefined, receiptOf('run', run.finishedAt))
        await store.recordRun(sampleRun('r2', 'posts-api', '2026-11-25T09:00:00.000Z', 'verified'))
        const record = await store.readRun('posts-api', 'r1')
        expect(record?.run).toEqual(run)
        expect(record?.receipt).toMatchObject({
          sequence: 1,
          kind: 'run',
          digest: digestOf('run', run.finishedAt),
        })
        // Evidence is for failing runs only; a passing one has none and no receipt here.
        expect(await store.readRun('posts-api', 'r2')).toEqual({
          run: sampleRun('r2', 'posts-api', '2026-11-25T09:00:00.000Z', 'verified'),
        })
        expect(await store.readRun('posts-api', 'nope')).toBeUndefined()
        expect(await store.readRun('other-api', 'r1')).toBeUndefined()
        // Listing never carries the evidence.
        expect((await store.listRuns('posts-api'))[1]).not.toHaveProperty('evidence')
      })

      it('writes nothing of a run whose insert fails halfway', async () => {
        const run = sampleRun('r1', 'posts-api', '2026-11-25T08:00:00.000Z', 'broken')
        // A probe without an operation violates NOT NULL after the run row was inserted.
        ;(run.probes[1] as { operation: unknown }).operation = null
        await expect(store.recordRun(run)).rejects.toThrow(/Failed to record run r1/)
        expect(await store.latestRun('posts-api')).toBeUndefined()
      })
    })

    describe('alert state and outbox', () => {
      const at = '2026-11-25T08:00:00.000Z'
      const brokenAlert = (id: string, createdAt = at): OutboxAlert => ({
        id,
        contract: 'posts-api',
        kind: 'broken',
        runId: 'r1',
        createdAt,
        facts: { kind: 'broken', summary: 'GET /posts/1 $.id number → string' },
        deliveries: [
          { channel: 'email', target: '["team@example.com"]' },
          { channel: 'webhook', target: 'http://127.0.0.1:1/hook' },
        ],
      })
      const toBroken =
        (alerts: OutboxAlert[], seen: unknown[] = []): AlertTransition =>
        (current) => {
          seen.push(current)
          return {
            state: {
              contract: 'posts-api',
              status: 'broken',
              since: at,
              openedBy: alerts[0]?.id,
              unreachableStreak: 0,
              remindedAt: at,
              staleAlerted: false,
            } as AlertState,
            alerts,
          }
        }
      const claim = (
        s: Store,
        now: number,
        extra: Partial<Parameters<Store['claimDeliveries']>[0]> = {},
      ) =>
        s.claimDeliveries({
          now,
          leaseMs: 60_000,
          limit: 10,
          channels: ['email', 'webhook'],
          dueOnly: true,
          ...extra,
        })

      it('writes a run, the alert state and its alerts together, giving the transition what it needs', async () => {
        await store.recordRun(sampleRun('r0', 'posts-api', '2026-11-24T08:00:00.000Z', 'verified'))
        const seen: unknown[] = []
        const run = sampleRun('r1', 'posts-api', at, 'broken')
        const written = await store.recordRun(run, toBroken([brokenAlert('a1')], seen))
        expect(written.map((a) => a.id)).toEqual(['a1'])
        expect(seen).toEqual([{ previous: undefined, lastVerifiedAt: '2026-11-24T08:00:00.000Z' }])
        expect(await store.alertState('posts-api')).toEqual({
          contract: 'posts-api',
          status: 'broken',
          since: at,
          openedBy: 'a1',
          unreachableStreak: 0,
          remindedAt: at,
          staleAlerted: false,
        })
        expect(await store.listAlerts('posts-api')).toEqual([brokenAlert('a1')])
        expect(await store.outboxDepth()).toBe(2)
      })

      it('writes neither run nor alerts when the alerts cannot be written', async () => {
        await store.recordRun(
          sampleRun('r1', 'posts-api', at, 'broken'),
          toBroken([brokenAlert('a1')]),
        )
        const run = sampleRun('r2', 'posts-api', '2026-11-26T08:00:00.000Z', 'broken')
        await expect(store.recordRun(run, toBroken([brokenAlert('a1')]))).rejects.toThrow(
          UpcheckError,
        )
        expect((await store.listRuns('posts-api')).map((r) => r.id)).toEqual(['r1'])
        expect(await store.listAlerts('posts-api')).toHaveLength(1)
      })

      it('changes nothing when the transition returns nothing', async () => {
        const written = await store.recordRun(
          sampleRun('r1', 'posts-api', at, 'verified'),
          () => undefined,
        )
        expect(written).toEqual([])
        expect(await store.alertState('posts-api')).toBeUndefined()
      })

      it('applies a transition no run raised, seeing the state left by the last one', async () => {
        await store.recordRun(
          sampleRun('r1', 'posts-api', at, 'broken'),
          toBroken([brokenAlert('a1')]),
        )
        const seen: unknown[] = []
        const stale = brokenAlert('a2', '2026-11-26T08:00:00.000Z')
        await store.applyAlertTransition('posts-api', (current) => {
          seen.push(current)
          return {
            state: { ...current.previous!, staleAlerted: true },
            alerts: [{ ...stale, kind: 'stale' }],
          }
        })
        expect(seen).toEqual([
          {
            previous: expect.objectContaining({ status: 'broken', openedBy: 'a1' }),
            lastVerifiedAt: undefined,
          },
        ])
        expect((await store.alertState('posts-api'))?.staleAlerted).toBe(true)
        expect((await store.listAlerts('posts-api')).map((a) => [a.id, a.kind])).toEqual([
          ['a2', 'stale'],
          ['a1', 'broken'],
        ])
      })

      it('leases each delivery to one sender until it is marked or the lease runs out', async () => {
        await store.recordRun(
          sampleRun('r1', 'posts-api', at, 'broken'),
          toBroken([brokenAlert('a1')]),
        )
        const other = await open()
        const now = Date.parse(at)
        const [first, second] = await Promise.all([claim(store, now), claim(other, now)])
        const claimed = [...first!, ...second!].map((d) => `${d.alertId}/${d.channel}`).sort()
        expect(claimed).toEqual(['a1/email', 'a1/webhook'])
        expect(await claim(store, now + 59_000)).toEqual([])
        const again = await claim(other, now + 60_000)
        expect(again.map((d) => d.channel).sort()).toEqual(['email', 'webhook'])
        expect(again.find((d) => d.channel === 'email')).toEqual({
          alertId: 'a1',
          channel: 'email',
          target: '["team@example.com"]',
          contract: 'posts-api',
          kind: 'broken',
          createdAt: at,
          facts: brokenAlert('a1').facts,
          attempts: 0,
        })
      })

      it('gives released deliveries back to the next claim at once, unchanged, and leaves others leased', async () => {
        await store.recordRun(
          sampleRun('r1', 'posts-api', at, 'broken'),
          toBroken([brokenAlert('a1')]),
        )
        const now = Date.parse(at)
        expect(await claim(store, now)).toHaveLength(2)
        await store.releaseDeliveries([{ alertId: 'a1', channel: 'email' }])
        await store.releaseDeliveries([])
        const other = await open()
        // Well inside the lease: only the released delivery is claimable, its attempts untouched.
        const again = await claim(other, now + 1000)
        expect(again.map((d) => [d.alertId, d.channel, d.attempts])).toEqual([['a1', 'email', 0]])
        await store.markDelivered({ alertId: 'a1', channel: 'email' }, at)
        // Releasing a delivery already sent never makes it go out again.
        await store.releaseDeliveries([{ alertId: 'a1', channel: 'email' }])
        expect(await claim(other, now + 2000)).toEqual([])
        expect(await store.outboxDepth()).toBe(1)
      })

      it('claims only the channels asked for, oldest alert first, up to the limit', async () => {
        await store.recordRun(
          sampleRun('r1', 'posts-api', at, 'broken'),
          toBroken([brokenAlert('a2', '2026-11-25T08:00:01.000Z'), brokenAlert('a1')]),
        )
        const now = Date.parse(at) + 1000
        const emails = await claim(store, now, { channels: ['email'], limit: 1 })
        expect(emails.map((d) => [d.alertId, d.channel])).toEqual([['a1', 'email']])
      })

      it('holds a failed delivery back until its next attempt, and forever once given up', async () => {
        await store.recordRun(
          sampleRun('r1', 'posts-api', at, 'broken'),
          toBroken([brokenAlert('a1')]),
        )
        const now = Date.parse(at)
        await claim(store, now)
        await store.markDeliveryFailed(
          { alertId: 'a1', channel: 'email' },
          { error: 'SMTP down', nextAttemptAt: now + 30_000 },
        )
        await store.markDeliveryFailed(
          { alertId: 'a1', channel: 'webhook' },
          { error: '410 Gone', nextAttemptAt: now + 30_000, givenUpAt: at },
        )
        expect(await store.outboxDepth()).toBe(1)
        expect(await claim(store, now + 1000)).toEqual([])
        expect(
          (await claim(store, now + 1000, { dueOnly: false })).map((d) => [d.channel, d.attempts]),
        ).toEqual([['email', 1]])
        const due = await claim(store, now + 120_000)
        expect(due.map((d) => [d.channel, d.attempts])).toEqual([['email', 1]])
        await store.markDelivered({ alertId: 'a1', channel: 'email' }, at)
        expect(await store.outboxDepth()).toBe(0)
        expect(await claim(store, now + 999_999, { dueOnly: false })).toEqual([])
      })

      it('keeps a sunset alert and the sunsets already told', async () => {
        const sunset: OutboxAlert = {
          ...brokenAlert('s1'),
          kind: 'sunset',
          facts: { kind: 'sunset', summary: 'GET /posts/{id} sunsets on 2026-12-20' },
        }
        const state: AlertState = {
          contract: 'posts-api',
          status: 'verified',
          since: at,
          unreachableStreak: 0,
          staleAlerted: false,
          sunsetsAlerted: ['GET /posts/{id} 2026-12-20'],
        }
        await store.recordRun(sampleRun('r1', 'posts-api', at, 'verified'), () => ({
          state,
          alerts: [sunset],
        }))
        expect(await store.alertState('posts-api')).toEqual(state)
        expect((await store.listAlerts('posts-api')).map((a) => a.kind)).toEqual(['sunset'])
      })

      it('prunes old runs oldest first, keeping the latest, the last verified and those alerts point at', async () => {
        const day = (d: number) => `2026-11-${String(d).padStart(2, '0')}T08:00:00.000Z`
        await store.recordRun(sampleRun('r1', 'posts-api', day(1), 'verified'))
        await store.recordRun(sampleRun('r2', 'posts-api', day(2), 'verified'))
        await store.recordRun(
          sampleRun('r3', 'posts-api', day(3), 'broken'),
          toBroken([{ ...brokenAlert('a1'), runId: 'r3' }]),
        )
        await store.recordRun(sampleRun('r4', 'posts-api', day(4), 'broken'))
        await store.recordRun(sampleRun('r5', 'posts-api', day(10), 'broken'))
        await store.recordRun(sampleRun('o1', 'other-api', day(1), 'verified'))
        await store.appendReceipt('posts-api', receiptOf('first-seen', day(1)))

        const prune = () => store.pruneRuns({ before: day(9), limit: 1 })
        expect([await prune(), await prune(), await prune()]).toEqual([1, 1, 0])
        // r2 is the last verified run, r3 the incident's and an unsent alert's, r5 the latest.
        expect((await store.listRuns('posts-api')).map((r) => r.id)).toEqual(['r5', 'r3', 'r2'])
        expect((await store.listRuns('other-api')).map((r) => r.id)).toEqual(['o1'])
        expect(await store.lastVerifiedAt('posts-api')).toBe(day(2))
        expect(await store.listReceipts('posts-api')).toHaveLength(1)

        // Once its alert went out and the incident closed, r3 may go too.
        await store.markDelivered({ alertId: 'a1', channel: 'email' }, day(3))
        await store.markDelivered({ alertId: 'a1', channel: 'webhook' }, day(3))
        await store.applyAlertTransition('posts-api', () => ({
          state: {
            contract: 'posts-api',
            status: 'broken',
            unreachableStreak: 0,
            staleAlerted: false,
          },
          alerts: [],
        }))
        expect(await store.pruneRuns({ before: day(9), limit: 100 })).toBe(1)
        expect((await store.listRuns('posts-api')).map((r) => r.id)).toEqual(['r5', 'r2'])
        // Its probes and findings went with it: the same ids can be written again.
        await store.recordRun(sampleRun('r1', 'posts-api', day(1), 'broken'))
        await store.recordRun(sampleRun('r3', 'posts-api', day(3), 'broken'))
      })
    })

    describe('baselines', () => {
      const acceptance = (acceptedAt: string, sha256: string) => ({
        contract: 'posts-api',
        acceptedAt,
        acceptedBy: 'ann',
        source: 'http://127.0.0.1:4017/openapi.json',
        baselineFile: 'contracts/posts-api.openapi.json',
        sha256,
        changes: { breaking: 1, warning: 0, info: 2 },
      })

      it('lists a contract’s acceptances newest first', async () => {
        await store.recordBaselineAcceptance(acceptance('2026-11-24T08:00:00.000Z', 'aa'))
        await store.recordBaselineAcceptance(acceptance('2026-11-25T08:00:00.000Z', 'bb'))
        expect(await store.listBaselineAcceptances('posts-api')).toEqual([
          acceptance('2026-11-25T08:00:00.000Z', 'bb'),
          acceptance('2026-11-24T08:00:00.000Z', 'aa'),
        ])
        expect(await store.listBaselineAcceptances('other-api')).toEqual([])
      })

      it('writes an acceptance and its receipt together, or neither', async () => {
        await store.recordBaselineAcceptance(
          acceptance('2026-11-24T08:00:00.000Z', 'aa'),
          receiptOf('baseline-accepted', '2026-11-24T08:00:00.000Z'),
        )
        await expect(
          store.recordBaselineAcceptance(acceptance('2026-11-25T08:00:00.000Z', 'bb'), () => {
            throw new Error('no key')
          }),
        ).rejects.toThrow(/no key/)
        expect((await store.listBaselineAcceptances('posts-api')).map((a) => a.sha256)).toEqual([
          'aa',
        ])
        expect((await store.listReceipts('posts-api')).map((r) => r.kind)).toEqual([
          'baseline-accepted',
        ])
      })
    })

    describe('receipts', () => {
      it('chains each contract’s receipts: every builder sees the head it follows', async () => {
        const seen: (ReceiptLink | undefined)[] = []
        const run1 = sampleRun('r1', 'posts-api', '2026-11-24T08:00:00.000Z', 'verified')
        await store.recordRun(run1, undefined, receiptOf('run', run1.finishedAt, seen))
        await store.appendReceipt(
          'posts-api',
          receiptOf('owner-changed', '2026-11-24T09:00:00.000Z', seen),
        )
        await store.appendReceipt(
          'other-api',
          receiptOf('first-seen', '2026-11-24T09:30:00.000Z', seen),
        )
        const run2 = sampleRun('r2', 'posts-api', '2026-11-25T08:00:00.000Z', 'broken')
        await store.recordRun(run2, undefined, receiptOf('run', run2.finishedAt, seen))

        const head = await store.receiptHead('posts-api')
        expect(seen).toEqual([
          undefined,
          { sequence: 1, digest: digestOf('run', run1.finishedAt) },
          undefined,
          { sequence: 2, digest: digestOf('owner-changed', '2026-11-24T09:00:00.000Z') },
        ])
        expect(head).toEqual({ sequence: 3, digest: digestOf('run', run2.finishedAt) })
        const chain = await store.listReceipts('posts-api')
        expect(chain.map((r) => [r.sequence, r.kind, r.createdAt])).toEqual([
          [1, 'run', run1.finishedAt],
          [2, 'owner-changed', '2026-11-24T09:00:00.000Z'],
          [3, 'run', run2.finishedAt],
        ])
        expect(chain[2]).toEqual({
          contract: 'posts-api',
          sequence: 3,
          kind: 'run',
          digest: digestOf('run', run2.finishedAt),
          createdAt: run2.finishedAt,
          envelope: envelopeOf('run', run2.finishedAt, chain[1]!.digest),
        })
        const recent = await store.listRecentReceipts('posts-api', 2)
        expect(recent).toEqual([chain[2], chain[1]])
        expect(await store.listRecentReceipts('never-seen', 5)).toEqual([])
        expect(await store.listReceiptContracts()).toEqual(['other-api', 'posts-api'])
        expect(await store.receiptHead('never-seen')).toBeUndefined()
        expect(await store.listReceipts('never-seen')).toEqual([])
      })

      it('stores neither run nor receipt when the receipt cannot be built', async () => {
        const run = sampleRun('r1', 'posts-api', '2026-11-24T08:00:00.000Z', 'verified')
        await expect(
          store.recordRun(run, undefined, () => {
            throw new Error('signing key unreadable')
          }),
        ).rejects.toThrow(/signing key unreadable/)
        expect(await store.listRuns('posts-api')).toEqual([])
        expect(await store.receiptHead('posts-api')).toBeUndefined()
      })

      it('chains without a fork when two workers write receipts of one contract at once', async () => {
        const other = await open()
        const writes = Array.from({ length: 10 }, (_, i) => {
          const run = sampleRun(`r${i}`, 'posts-api', `2026-11-24T08:00:0${i}.000Z`, 'verified')
          return (i % 2 ? other : store).recordRun(run, undefined, receiptOf('run', run.finishedAt))
        })
        await Promise.all(writes)
        const chain = await store.listReceipts('posts-api')
        expect(chain.map((r) => r.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
        chain.forEach((receipt, i) => {
          const previous = i === 0 ? null : chain[i - 1]!.digest
          expect(JSON.parse(receipt.envelope.payload).previous).toBe(previous)
        })
      })
    })

    describe('known contracts and handoffs', () => {
      const ann = 'Ann Lee <ann@example.com>'
      const bo = 'Bo Chen <bo@example.com>'
      const seen = {
        contract: 'posts-api',
        owner: ann,
        file: '/p/contracts/posts-api.yaml',
        firstSeenAt: '2026-11-24T08:00:00.000Z',
      }
      const handoff = {
        contract: 'posts-api',
        fromOwner: ann,
        toOwner: bo,
        startedAt: '2026-11-25T08:00:00.000Z',
      }
      const change = { contract: 'posts-api', previousOwner: ann, owner: bo, at: handoff.startedAt }
      const handoffMail = (id: string, createdAt: string): OutboxAlert => ({
        id,
        contract: 'posts-api',
        kind: 'handoff',
        createdAt,
        facts: { kind: 'handoff' },
        deliveries: [{ channel: 'email', target: '["bo@example.com"]' }],
      })
      const kinds = async () => (await store.listReceipts('posts-api')).map((r) => r.kind)

      it('records a first sighting once, with its receipt, and a removal once', async () => {
        expect(
          await store.recordContractSeen(
            seen,
            receiptOf('contract-added', '2026-11-24T08:00:00.000Z'),
          ),
        ).toBe(true)
        const moved = {
          ...seen,
          file: '/q/posts-api.yaml',
          firstSeenAt: '2026-11-24T09:00:00.000Z',
        }
        expect(
          await store.recordContractSeen(
            moved,
            receiptOf('contract-added', '2026-11-24T09:00:00.000Z'),
          ),
        ).toBe(false)
        expect(await store.listKnownContracts()).toEqual([{ ...seen, file: '/q/posts-api.yaml' }])
        const at = '2026-11-26T08:00:00.000Z'
        expect(await store.recordContractRemoved('posts-api', at, receiptOf('removed', at))).toBe(
          true,
        )
        expect(await store.recordContractRemoved('posts-api', at, receiptOf('removed', at))).toBe(
          false,
        )
        expect(await store.listKnownContracts()).toEqual([])
        // Back in the folder: a sighting again, on the same chain.
        expect(
          await store.recordContractSeen(
            seen,
            receiptOf('contract-added', '2026-11-27T08:00:00.000Z'),
          ),
        ).toBe(true)
        expect(await kinds()).toEqual(['contract-added', 'removed', 'contract-added'])
      })

      it('writes the owner, handoff, receipt and e-mails of an owner change together, once', async () => {
        await store.recordContractSeen(seen)
        const receipts: (string | undefined)[] = []
        const writes = {
          handoff,
          receipt: receiptOf('owner-changed', handoff.startedAt),
          alerts: (receipt: { digest: string } | undefined) => {
            receipts.push(receipt?.digest)
            return [handoffMail('h1', handoff.startedAt)]
          },
        }
        expect(await store.recordOwnerChange(change, writes)).toBe(true)
        // A second worker that read the old owner writes nothing.
        expect(await store.recordOwnerChange(change, writes)).toBe(false)
        expect(receipts).toEqual([`owner-changed@${handoff.startedAt}`])
        expect(await store.pendingHandoff('posts-api')).toEqual(handoff)
        expect((await store.listKnownContracts())[0]?.owner).toBe(bo)
        expect((await store.listAlerts('posts-api')).map((a) => a.kind)).toEqual(['handoff'])
        expect(await kinds()).toEqual(['owner-changed'])
      })

      it('keeps a handoff pending, reminded once per reminder, until the new owner accepts it with a receipt', async () => {
        await store.recordContractSeen(seen)
        await store.recordOwnerChange(change, { handoff })
        const at = '2026-11-26T08:00:00.000Z'
        const remind = { after: handoff.startedAt, alerts: [handoffMail('r1', at)] }
        expect(await store.markHandoffReminded('posts-api', at, remind)).toBe(true)
        expect(await store.markHandoffReminded('posts-api', at, remind)).toBe(false)
        expect(await store.listPendingHandoffs()).toEqual([{ ...handoff, remindedAt: at }])
        expect((await store.listAlerts('posts-api')).map((a) => a.id)).toEqual(['r1'])
        const accepted = await store.acceptHandoff(
          'posts-api',
          '2026-11-26T09:00:00.000Z',
          receiptOf('handoff-accepted', '2026-11-26T09:00:00.000Z'),
        )
        expect(accepted).toEqual({
          ...handoff,
          remindedAt: at,
          acceptedAt: '2026-11-26T09:00:00.000Z',
        })
        expect(await store.pendingHandoff('posts-api')).toBeUndefined()
        expect(await store.listPendingHandoffs()).toEqual([])
        expect(await store.markHandoffReminded('posts-api', '2026-11-27T08:00:00.000Z')).toBe(false)
        expect(await kinds()).toEqual(['handoff-accepted'])
      })

      it('accepts nothing, and writes no receipt, when no handoff is pending', async () => {
        expect(
          await store.acceptHandoff(
            'posts-api',
            '2026-11-26T09:00:00.000Z',
            receiptOf('handoff-accepted', 'x'),
          ),
        ).toBeUndefined()
        expect(await store.listReceipts('posts-api')).toEqual([])
      })

      it('replaces a pending handoff when the owner changes again, and withdraws it without one', async () => {
        await store.recordContractSeen(seen)
        await store.recordOwnerChange(change, { handoff })
        const cy = 'Cy Diaz <cy@example.com>'
        const again = { ...handoff, toOwner: cy, startedAt: '2026-11-27T08:00:00.000Z' }
        const second = { ...change, previousOwner: bo, owner: cy, at: again.startedAt }
        expect(await store.recordOwnerChange(second, { handoff: again })).toBe(true)
        expect(await store.listPendingHandoffs()).toEqual([again])
        const back = { ...change, previousOwner: cy, owner: ann, at: '2026-11-28T08:00:00.000Z' }
        expect(await store.recordOwnerChange(back, {})).toBe(true)
        expect(await store.listPendingHandoffs()).toEqual([])
      })
    })

    describeFleetStore(() => ({ store, open }))
  })
}

/** A deterministic stand-in for a signed receipt: its payload names its kind, time and link. */
function envelopeOf(kind: string, at: string, previous: string | null) {
  return {
    payloadType: 'application/vnd.in-toto+json',
    payload: JSON.stringify({ kind, at, previous }),
    signatures: [{ keyid: 'k1', sig: `${kind}@${at}` }],
  }
}

function digestOf(kind: string, at: string) {
  return `${kind}@${at}`
}

function receiptOf(kind: string, at: string, seen?: (ReceiptLink | undefined)[]): BuildReceipt {
  return (previous) => {
    seen?.push(previous)
    return {
      kind,
      digest: digestOf(kind, at),
      createdAt: at,
      envelope: envelopeOf(kind, at, previous?.digest ?? null),
    }
  }
}
