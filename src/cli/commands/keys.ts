import { hostname } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { UpcheckError } from '../../model/index.js'
import {
  INSTANCE_KEYS_FOLDER,
  createPersonalKey,
  defaultPersonalKeyFolder,
  instanceKeyFolder,
  personalKeyFileName,
  rotateInstanceKey,
} from '../../receipts/index.js'
import { openStore } from '../../store/index.js'
import type { CliIo } from '../cli-io.js'
import { EXIT } from '../exit-code.js'
import type { GlobalOptions } from '../global-options.js'
import { loadWorkspace } from '../load-workspace.js'

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
    : join(defaultPersonalKeyFolder(io.env), personalKeyFileName(name))
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

/**
 * `upcheck keys rotate`: a new instance key. Every contract's chain gets a `key-rotated`
 * receipt signed by the old key and naming the new one; the old public key stays in
 * `.upcheck/keys/`, so the receipts it signed still verify.
 */
export async function runKeysRotateCommand(flags: GlobalOptions, io: CliIo): Promise<number> {
  const cwd = io.cwd()
  const workspace = await loadWorkspace(flags, cwd)
  const folder = instanceKeyFolder(workspace.config.store, cwd)
  const store = await openStore(workspace.config, io.env)
  let rotation
  try {
    rotation = await rotateInstanceKey(folder, store, {
      by: `upcheck@${hostname()}`,
      now: () => Date.now(),
    })
  } finally {
    await store.close()
  }
  if (!rotation)
    throw new UpcheckError(
      'USAGE',
      `No instance key in ${relative(cwd, folder) || '.'}: one is made by the first verify, so there is nothing to rotate yet.`,
    )
  if (flags.json) io.stdout.write(`${JSON.stringify(rotation)}\n`)
  else if (!flags.quiet) {
    const keys = relative(cwd, join(folder, INSTANCE_KEYS_FOLDER)) || '.'
    io.stdout.write(
      `instance key rotated: ${rotation.oldKeyid.slice(0, 16)}… → ${rotation.newKeyid.slice(0, 16)}…; ${rotation.chains.length} receipt chain(s) record it, signed by the old key.\n` +
        `Both public keys are in ${keys}/; if the team keeps the instance key in keys/, add ${rotation.newKeyid}.pem there too.\n`,
    )
  }
  return EXIT.ok
}
