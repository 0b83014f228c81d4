import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // @note The machine has two cores; more workers only contend.
    maxWorkers: 2,
    reporters: ['default', './test/support/summary-line-reporter.ts'],
  },
})
