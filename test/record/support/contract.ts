import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/**
 * Writes `contracts/<name>.yaml` for a recording test: the base URL as given, the headers as
 * templates (`${VAR}` read from the environment), and whatever extra YAML the test needs.
 */
export async function writeRecordingContract(
  dir: string,
  options: { name?: string; baseUrl: string; headers?: Record<string, string>; extra?: string },
): Promise<string> {
  const name = options.name ?? 'posts-api'
  const headers = Object.entries(options.headers ?? {})
    .map(([header, value]) => `    ${header}: ${value}\n`)
    .join('')
  await writeFile(
    join(dir, 'contracts', `${name}.yaml`),
    `name: ${name}\nowner: Ann Lee <ann@example.com>\nupstream:\n  baseUrl: ${options.baseUrl}\n${headers ? `  headers:\n${headers}` : ''}interactions: ${name}.pact.json\nfreshness: 1h\nprobe:\n  timeoutMs: 5000\n  retries: 0\n${options.extra ?? ''}`,
  )
  return join(dir, 'contracts', `${name}.pact.json`)
}
