import { describe, expect, it } from 'vitest'
import { forEachConcurrently } from './for-each-concurrently.js'

/** A call that finishes when the test says so. */
function deferred() {
  let resolve!: () => void
  let reject!: (error: unknown) => void
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)))
  return { promise, resolve, reject }
}

describe('forEachConcurrently', () => {
  it('keeps at most `limit` calls pending, reaches that limit, and starts them in input order', async () => {
    const items = ['a', 'b', 'c', 'd', 'e', 'f', 'g']
    const started: [string, number][] = []
    const pending = new Map<string, ReturnType<typeof deferred>>()
    let inFlight = 0
    let maxInFlight = 0
    const done = forEachConcurrently(items, 3, async (item, index) => {
      started.push([item, index])
      maxInFlight = Math.max(maxInFlight, ++inFlight)
      const call = deferred()
      pending.set(item, call)
      await call.promise
      inFlight--
    })
    // @note Finishing the latest started call first shows a free slot goes to the next item.
    while (started.length < items.length || pending.size > 0) {
      await Promise.resolve()
      const last = [...pending.keys()].pop()
      if (last === undefined) continue
      pending.get(last)!.resolve()
      pending.delete(last)
    }
    await done
    expect(started).toEqual(items.map((item, index) => [item, index]))
    expect(maxInFlight).toBe(3)
  })

  it('starts nothing new after a call rejects, lets the started ones settle, then rejects with the first error', async () => {
    const started: number[] = []
    const settled: number[] = []
    const calls: ReturnType<typeof deferred>[] = []
    const done = forEachConcurrently(
      Array.from({ length: 50 }, (_, i) => i),
      2,
      async (index) => {
        started.push(index)
        const call = deferred()
        calls[index] = call
        await call.promise.finally(() => settled.push(index))
      },
    )
    let outcome: unknown = 'pending'
    done.then(
      () => (outcome = 'resolved'),
      (error: Error) => (outcome = error.message),
    )
    await Promise.resolve()
    calls[0]!.reject(new Error('first'))
    for (let i = 0; i < 10; i++) await Promise.resolve()
    expect(outcome).toBe('pending')
    calls[1]!.reject(new Error('second'))
    await done.catch(() => {})
    expect(outcome).toBe('first')
    expect(started).toEqual([0, 1])
    expect(settled.sort()).toEqual([0, 1])
  })

  it('resolves at once given nothing to do', async () => {
    await expect(forEachConcurrently([], 4, async () => {})).resolves.toBeUndefined()
  })

  it('refuses a limit that is not a whole number above 0', async () => {
    await expect(forEachConcurrently([1], 0, async () => {})).rejects.toThrow(RangeError)
    await expect(forEachConcurrently([1], 1.5, async () => {})).rejects.toThrow(RangeError)
  })
})
