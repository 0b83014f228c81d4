import { readFileSync } from 'node:fs'

/**
 * The installed package's version, from its package.json: `src/cli` and `dist/cli` both sit
 * two folders below it, so one relative path serves the sources and the build.
 */
export function readVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8')
  return (JSON.parse(text) as { version: string }).version
}
