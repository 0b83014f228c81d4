import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { readTrustedKey, type TrustedKey } from './receipt-key.js'

/**
 * The public keys a verifier trusts, by keyid: every `*.pem` in each folder (the team's
 * `keys/` beside `contracts/`, the instance's `.upcheck/keys/`). A missing folder holds none.
 * A personal key's PEM may carry its owner's name on a `# name: …` line above the key.
 */
export async function loadTrustedKeys(
  folders: readonly string[],
): Promise<Map<string, TrustedKey>> {
  const keys = new Map<string, TrustedKey>()
  for (const folder of folders) {
    const names = await readdir(folder).catch(() => [] as string[])
    for (const name of names.filter((n) => n.endsWith('.pem')).sort()) {
      const text = await readFile(join(folder, name), 'utf8')
      const owner = /^# name: (.+)$/m.exec(text)?.[1]?.trim()
      const key = readTrustedKey(text, owner)
      if (!keys.has(key.keyid) || owner !== undefined) keys.set(key.keyid, key)
    }
  }
  return keys
}
