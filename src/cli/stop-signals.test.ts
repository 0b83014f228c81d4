import { describe, expect, it } from 'vitest'
import { listenForStopSignals, waitForStopSignal } from './stop-signals.js'

const listeners = () => process.listenerCount('SIGINT') + process.listenerCount('SIGTERM')

describe('listenForStopSignals', () => {
  it('resolves on the first signal, passes every signal on, and lets go when disposed', async () => {
    const before = listeners()
    const seen: string[] = []
    const signals = listenForStopSignals((signal) => seen.push(signal))
    process.emit('SIGTERM', 'SIGTERM')
    process.emit('SIGINT', 'SIGINT')
    expect(await signals.stopped).toBe('SIGTERM')
    expect(seen).toEqual(['SIGTERM', 'SIGINT'])
    expect(listeners()).toBe(before + 2)
    signals.dispose()
    expect(listeners()).toBe(before)
  })
})

describe('waitForStopSignal', () => {
  it('stops listening after the first signal, so a second one ends the process', async () => {
    const before = listeners()
    const stopped = waitForStopSignal()
    process.emit('SIGINT', 'SIGINT')
    expect(await stopped).toBe('SIGINT')
    expect(listeners()).toBe(before)
  })
})
