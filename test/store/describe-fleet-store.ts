// The fleet part of the shared store suite (slot claims, leases, the worker registry), run by
// `describeStore` on every engine.
import { describe, expect, it } from 'vitest'
import type { SlotClaimRequest, WorkerBeat } from '../../src/model/index.js'
import type { Store } from '../../src/store/index.js'

const T0 = Date.parse('2026-11-25T08:00:00.000Z')
const slotAt = (seconds: number) => new Date(T0 + seconds * 1000).toISOString()
const workerA: WorkerBeat = {
  id: 'host-a-101',
  host: 'host-a',
  pid: 101,
  startedAt: slotAt(-60),
  statusUrl: 'http://127.0.0.1:9001/',
}
const workerB: WorkerBeat = { id: 'host-b-202', host: 'host-b', pid: 202, startedAt: slotAt(-30) }

/** A claim of `posts-api`'s slot at `slot` s, asked at `now` s, leased for 10 s. */
function claimOf(worker: string, slot: number, now = slot): SlotClaimRequest {
  return { task: 'posts-api', slot: slotAt(slot), worker, now: T0 + now * 1000, leaseMs: 10_000 }
}

export function describeFleetStore(current: () => { store: Store; open(): Promise<Store> }) {
  describe('fleet: slot claims and workers', () => {
    it('gives each slot to one worker; the holder asking again still holds it', async () => {
      const { store } = current()
      expect(await store.claimSlot(claimOf(workerA.id, 0))).toBe('claimed')
      expect(await store.claimSlot(claimOf(workerB.id, 0))).toBe('taken')
      expect(await store.claimSlot(claimOf(workerA.id, 0, 1))).toBe('claimed')
      expect(await store.listSlots(slotAt(0))).toEqual([
        {
          task: 'posts-api',
          slot: slotAt(0),
          worker: workerA.id,
          status: 'running',
          claimedAt: slotAt(0),
        },
      ])
    })

    it('records a slot that comes while the previous run holds its lease as skipped, then runs the next one', async () => {
      const { store } = current()
      await store.claimSlot(claimOf(workerA.id, 0))
      expect(await store.claimSlot(claimOf(workerB.id, 2))).toBe('busy')
      await store.finishSlot(
        { task: 'posts-api', slot: slotAt(0), worker: workerA.id },
        { status: 'finished', at: slotAt(3), runId: 'r1' },
      )
      expect(await store.claimSlot(claimOf(workerB.id, 4))).toBe('claimed')
      const slots = await store.listSlots(slotAt(0))
      expect(slots.map((s) => [s.slot, s.worker, s.status, s.runId])).toEqual([
        [slotAt(0), workerA.id, 'finished', 'r1'],
        [slotAt(2), workerB.id, 'skipped', undefined],
        [slotAt(4), workerB.id, 'running', undefined],
      ])
    })

    it('abandons a run whose lease ran out, so the next slot runs; a heartbeat keeps the lease', async () => {
      const { store } = current()
      await store.beatWorker(workerA, T0, 10_000)
      await store.claimSlot(claimOf(workerA.id, 0))
      // Renewed at 8 s: held until 18 s.
      await store.beatWorker(workerA, T0 + 8_000, 10_000)
      expect(await store.claimSlot(claimOf(workerB.id, 12))).toBe('busy')
      expect(await store.abandonExpiredSlots(T0 + 12_000)).toEqual([])
      const abandoned = await store.abandonExpiredSlots(T0 + 18_000)
      expect(abandoned.map((s) => [s.slot, s.worker, s.status])).toEqual([
        [slotAt(0), workerA.id, 'abandoned'],
      ])
      expect(await store.claimSlot(claimOf(workerB.id, 20))).toBe('claimed')
    })

    it('abandons an expired run when the next slot is claimed, without waiting for a sweep', async () => {
      const { store } = current()
      await store.claimSlot(claimOf(workerA.id, 0))
      expect(await store.claimSlot(claimOf(workerB.id, 10))).toBe('claimed')
      const [first] = await store.listSlots(slotAt(0))
      expect(first).toMatchObject({ worker: workerA.id, status: 'abandoned' })
      // The stalled worker finishing late still records its run: nothing finished is lost.
      await store.finishSlot(
        { task: 'posts-api', slot: slotAt(0), worker: workerA.id },
        { status: 'finished', at: slotAt(11), runId: 'late' },
      )
      expect((await store.listSlots(slotAt(0)))[0]).toMatchObject({
        status: 'finished',
        runId: 'late',
      })
    })

    it('lists workers and who last ran each task; a stopped worker abandons what it still ran', async () => {
      const { store } = current()
      await store.beatWorker(workerA, T0, 10_000)
      await store.beatWorker(workerB, T0 + 1_000, 10_000)
      await store.claimSlot(claimOf(workerA.id, 0))
      await store.finishSlot(
        { task: 'posts-api', slot: slotAt(0), worker: workerA.id },
        { status: 'finished', at: slotAt(1), runId: 'r1' },
      )
      await store.claimSlot({ ...claimOf(workerB.id, 2), task: 'users-api' })
      await store.claimSlot(claimOf(workerB.id, 4))
      await store.claimSlot(claimOf(workerA.id, 4))
      expect(
        (await store.listLatestSlots()).map((s) => [s.task, s.slot, s.worker, s.status]),
      ).toEqual([
        ['posts-api', slotAt(4), workerB.id, 'running'],
        ['users-api', slotAt(2), workerB.id, 'running'],
      ])
      await store.stopWorker(workerB.id, slotAt(5))
      expect((await store.listLatestSlots()).map((s) => s.status)).toEqual([
        'abandoned',
        'abandoned',
      ])
      expect(await store.listWorkers()).toEqual([
        { ...workerA, beatAt: slotAt(0) },
        { ...workerB, beatAt: slotAt(1), stoppedAt: slotAt(5) },
      ])
      expect(await store.claimSlot(claimOf(workerA.id, 6))).toBe('claimed')
    })

    it('runs each slot once when two workers claim the same slots at the same moment', async () => {
      const { store, open } = current()
      const other = await open()
      const outcomes = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? other : store).claimSlot(claimOf(i % 2 ? workerB.id : workerA.id, i >> 1)),
        ),
      )
      expect(outcomes.filter((o) => o === 'claimed')).toHaveLength(1)
      const slots = await store.listSlots(slotAt(0))
      expect(slots.filter((s) => s.status === 'running')).toHaveLength(1)
      expect(new Set(slots.map((s) => s.slot)).size).toBe(slots.length)
    })

    it('prunes ended claims and silent workers older than asked, never a running claim', async () => {
      const { store } = current()
      await store.beatWorker(workerA, T0, 10_000)
      await store.beatWorker(workerB, T0 + 60_000, 10_000)
      await store.claimSlot(claimOf(workerA.id, 0))
      await store.finishSlot(
        { task: 'posts-api', slot: slotAt(0), worker: workerA.id },
        { status: 'finished', at: slotAt(1) },
      )
      await store.claimSlot({ ...claimOf(workerB.id, 2), task: 'users-api', leaseMs: 600_000 })
      await store.claimSlot(claimOf(workerB.id, 40, 40))
      expect(await store.pruneSlots(slotAt(30))).toBe(1)
      expect((await store.listSlots(slotAt(0))).map((s) => [s.task, s.slot])).toEqual([
        ['posts-api', slotAt(40)],
        ['users-api', slotAt(2)],
      ])
      expect((await store.listWorkers()).map((w) => w.id)).toEqual([workerB.id])
    })
  })
}
