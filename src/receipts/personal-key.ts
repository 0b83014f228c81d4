import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import {
  generateSigningKey,
  privateKeyPem,
  publicKeyPem,
  readSigningKey,
  type SigningKey,
} from './receipt-key.js'

/** A person's signing key and the name they sign as (`Ann Lee <ann@example.com>`). */
export interface PersonalKey extends SigningKey {
  name: string
}

const NAME_LINE = /^# name: (.+)$/m

/**
 * Where `keys create` puts a personal key by default: the user's config folder, outside
 * any project, so it is never committed with the contracts.
 */
export function defaultPersonalKeyFolder(env: Record<string, string | undefined>): string {
  const base = env.XDG_CONFIG_HOME || join(env.HOME ?? '.', '.config')
  return join(base, 'upcheck', 'keys')
}

/** The file name `keys create` gives a key: from the e-mail in the name, else the name itself. */
export function personalKeyFileName(name: string): string {
  const email = /<([^>]+)>/.exec(name)?.[1] ?? name
  return `${email.toLowerCase().replace(/[^a-z0-9.@_-]+/g, '-') || 'key'}.pem`
}

/**
 * Writes a new personal key to `file` (mode 0600; refuses to overwrite one): a `# name:`
 * line, then the PKCS#8 PEM. @returns the key, and the public PEM to share (with the same
 * name line, so the team's `keys/` knows whose it is).
 */
export async function createPersonalKey(
  name: string,
  file: string,
): Promise<{ key: PersonalKey; publicPem: string }> {
  const key = { ...generateSigningKey(), name }
  await mkdir(dirname(file), { recursive: true, mode: 0o700 })
  await writeFile(file, `# name: ${name}\n${privateKeyPem(key)}`, { mode: 0o600, flag: 'wx' })
  await chmod(file, 0o600)
  return { key, publicPem: `# name: ${name}\n${publicKeyPem(key.publicKey)}` }
}

/** A personal key file as `keys create` wrote it. */
export async function readPersonalKey(file: string): Promise<PersonalKey> {
  const text = await readFile(file, 'utf8')
  const name = NAME_LINE.exec(text)?.[1]?.trim()
  if (!name) throw new TypeError(`${file} has no "# name: …" line saying whose key it is`)
  return { ...readSigningKey(text), name }
}
