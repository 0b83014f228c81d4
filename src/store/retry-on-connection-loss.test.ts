import { describe, expect, it, vi } from 'vitest'
import { isConnectionLost, retryOnConnectionLoss } from './retry-on-connection-loss.js'

const lost = (code: string) => Object.assign(new Error(`lost (${code})`), { code })

describe('isConnectionLost', () => {
  it('recognises a reset socket, a refused connect, a server shutting down and a dead pool client', () => {
    expect(isConnectionLost(lost('ECONNRESET'))).toBe(true)
    expect(isConnectionLost(lost('ECONNREFUSED'))).toBe(true)
    expect(isConnectionLost(lost('57P01'))).toBe(true)
    expect(isConnectionLost(lost('57P03'))).toBe(true)
    expect(isConnectionLost(lost('08006'))).toBe(true)
    expect(isConnectionLost(new Error('Connection terminated unexpectedly'))).toBe(true)
    expect(isConnectionLost(new AggregateError([lost('ECONNREFUSED'), lost('ECONNREFUSED')]))).toBe(
      true,
    )
  })

  it('leaves errors of the work itself alone: constraint violations, syntax, a plain failure', () => {
    expect(isConnectionLost(lost('23505'))).toBe(false)
    expect(isConnectionLost(lost('42601'))).toBe(false)
    expect(isConnectionLost(new Error('boom'))).toBe(false)
    expect(isConnectionLost(new AggregateError([lost('ECONNREFUSED'), new Error('boom')]))).toBe(
      false,
    )
    expect(isConnectionLost('ECONNRESET')).toBe(false)
  })
})

describe('retryOnConnectionLoss', () => {
  const clock = () => {
    let t = 0
    return { now: () => t, wait: async (ms: number) => void (t += ms) }
  }

  it('tries again with growing waits until the server answers, telling each attempt its number', async () => {
    const { now, wait } = clock()
    const waits: number[] = []
    const work = vi.fn(async (attempt: number) => {
      if (attempt < 4) throw lost('57P01')
      return `done on ${attempt}`
    })
    const result = await retryOnConnectionLoss(work, {
      budgetMs: 10_000,
      now,
      wait,
      onRetry: (_e, _a, ms) => waits.push(ms),
    })
    expect(result).toBe('done on 4')
    expect(waits).toEqual([100, 200, 400])
  })

  it('throws any other error at once', async () => {
    const work = vi.fn(async () => {
      throw new Error('duplicate key')
    })
    await expect(retryOnConnectionLoss(work, { budgetMs: 10_000, ...clock() })).rejects.toThrow(
      'duplicate key',
    )
    expect(work).toHaveBeenCalledTimes(1)
  })

  it('gives up with the last error once the budget is spent', async () => {
    const work = vi.fn(async () => {
      throw lost('ECONNREFUSED')
    })
    await expect(retryOnConnectionLoss(work, { budgetMs: 5_000, ...clock() })).rejects.toThrow(
      'lost (ECONNREFUSED)',
    )
    // 100 + 200 + 400 + 800 + 1600 = 3100 ms waited; a further 2000 would pass 5000.
    expect(work).toHaveBeenCalledTimes(6)
  })
})
