/**
 * The wall clock, in epoch milliseconds. Passed in, never read deep inside a layer, so waits,
 * durations, timestamps and staleness are testable with a fake.
 */
export interface Clock {
  now(): number
}
