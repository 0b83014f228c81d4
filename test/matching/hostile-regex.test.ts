import { execFile } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'

/**
 * @note A backtracking regex engine takes exponential time on `(a+)+` against a long run of
 * `a`s that does not match; one such rule in one Pact file used to freeze `verify` and the
 * daemon. Matching runs in a child process here so that, if it hangs, the test fails at the
 * time limit instead of hanging the suite.
 */
const here = dirname(fileURLToPath(import.meta.url))
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href
const LIMIT_MS = 20_000

function matchInChild(regex: string, unit: string, times: number) {
  return new Promise<{ killed: boolean; messages: string[] }>((resolve, reject) => {
    execFile(
      process.execPath,
      [
        '--import',
        TSX,
        join(here, '../support/match-hostile-regex.ts'),
        regex,
        unit,
        String(times),
      ],
      { timeout: LIMIT_MS, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => {
        if (error && !error.killed) return reject(new Error(`${error.message}\n${stderr}`))
        resolve({ killed: Boolean(error?.killed), messages: error ? [] : JSON.parse(stdout) })
      },
    )
  })
}

describe('a regex rule with nested quantifiers', () => {
  it(
    'reports a 50,000-character value that does not match, instead of hanging',
    async () => {
      const result = await matchInChild('(a+)+', 'a', 50_000)
      expect(result.killed).toBe(false)
      expect(result.messages).toEqual([
        expect.stringMatching(/^\$\.name: expected a value matching \/\(a\+\)\+\/, got the/),
      ])
    },
    LIMIT_MS + 5_000,
  )

  it(
    'matches a long value that does match, as quickly',
    async () => {
      const result = await matchInChild('(a|aa)+!', 'a', 50_000)
      expect(result).toEqual({ killed: false, messages: [] })
    },
    LIMIT_MS + 5_000,
  )
})
