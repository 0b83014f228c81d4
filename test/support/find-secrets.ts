import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'

/** Every file under `dir` (dotfiles included) with its text, for looking for secrets. */
export async function readEveryFile(dir: string): Promise<{ path: string; text: string }[]> {
  const out: { path: string; text: string }[] = []
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name)
    out.push({ path, text: (await readFile(path)).toString('latin1') })
  }
  return out
}

/** The secrets found in any of the texts, with where: empty when none leaked. */
export function findSecrets(
  texts: { path: string; text: string }[],
  secrets: readonly string[],
): string[] {
  const found: string[] = []
  for (const { path, text } of texts)
    for (const secret of secrets) if (text.includes(secret)) found.push(`${secret} in ${path}`)
  return found
}

/** The secrets found in any file under `dir` or in a command's output, with where: empty when none leaked. */
export async function findLeaks(
  dir: string,
  output: { stdout?: string; stderr?: string },
  secrets: readonly string[],
): Promise<string[]> {
  const printed = (['stdout', 'stderr'] as const).flatMap((path) =>
    output[path] === undefined ? [] : [{ path, text: output[path] }],
  )
  return findSecrets([...(await readEveryFile(dir)), ...printed], secrets)
}
