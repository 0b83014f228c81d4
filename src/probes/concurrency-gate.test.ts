import { expect, it } from 'vitest'
import { createConcurrencyGate } from './concurrency-gate.js'

it('admits up to the limit and then one waiter per release, in arrival order', async () => {
  const gate = createConcurrencyGate(2)
  const admitted: number[] = []
  const entries = [0, 1, 2, 3].map((i) => gate.acquire().then(() => void admitted.push(i)))

  await Promise.all(entries.slice(0, 2))
  await Promise.resolve()
  expect(admitted).toEqual([0, 1])
  expect(gate.active).toBe(2)

  gate.release()
  await entries[2]
  expect(admitted).toEqual([0, 1, 2])
  gate.release()
  await entries[3]
  gate.release()
  gate.release()
  expect(gate.active).toBe(0)
})

it('refuses a limit that is not a whole number above 0', () => {
  expect(() => createConcurrencyGate(0)).toThrow(RangeError)
  expect(() => createConcurrencyGate(1.5)).toThrow(RangeError)
})
