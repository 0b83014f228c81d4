import { join, resolve } from 'node:path'
import { UpcheckError } from '../../model/index.js'
import { createPersonalKey, defaultPersonalKeyFolder } from '../../receipts/index.js'
import type { CliIo } from '../cli-io.js'
import { EXIT } from '../exit-code.js'
import type { GlobalOptions } from '../global-options.js'

export interface KeysCreateFlags extends GlobalOptions {
  name?: string
  out?: string
}

/**
 * `upcheck keys create --name "Ann Lee <ann@example.com>" [--out FILE]`: a personal signing
 * key, outside the project by default; prints only its public half and keyid.
 */
export async function runKeysCreateCommand(flags: KeysCreateFlags, io: CliIo): Promise<number> {
  const name = flags.name?.trim()
  if (!name)
    throw new UpcheckError('USAGE', 'keys create needs --name "Your Name <you@example.com>".')
  const file = flags.out
    ? resolve(io.cwd(), flags.out)
    : join(defaultPersonalKeyFolder(io.env), `${slugOf(name)}.pem`)
  let created
  try {
    created = await createPersonalKey(name, file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      throw new UpcheckError('USAGE', `${file} exists already; give another --out.`)
    throw error
  }
  if (flags.json)
    io.stdout.write(
      `${JSON.stringify({ file, keyid: created.key.keyid, name, publicKey: created.publicPem })}\n`,
    )
  else {
    io.stdout.write(`${created.publicPem}keyid ${created.key.keyid}\n`)
    if (!flags.quiet)
      io.stderr.write(
        `private key written to ${file} (mode 0600). Commit the public key above to keys/ so others trust it.\n`,
      )
  }
  return EXIT.ok
}

/** A file name from the e-mail in the name, else the name itself. */
function slugOf(name: string): string {
  const email = /<([^>]+)>/.exec(name)?.[1] ?? name
  return email.toLowerCase().replace(/[^a-z0-9.@_-]+/g, '-') || 'key'
}
