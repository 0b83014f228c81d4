/**
 * `npm run demo`: the main job on the bundled example. Starts the example upstream on
 * 127.0.0.1:4017, verifies the example contract (verified), switches the upstream to its next
 * release — a realistic breaking update — verifies again (broken), shows the e-mail the owner
 * gets (caught by a local SMTP server), and leaves reports/ to open.
 */
import { spawn } from 'node:child_process'
import type { Server } from 'node:http'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startMailCatcher } from '../examples/mail-catcher/start-mail-catcher.js'
import { startPostsUpstream } from '../examples/posts-upstream/server.js'
import type { Release } from '../examples/posts-upstream/releases.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const port = 4017
const token = 'demo-token-not-a-secret'

/** Prints the alerts upcheck e-mailed during the last verify: subjects, and the text of the first. */
async function showMail(full: boolean): Promise<void> {
  const mails = await mail.take(full ? 2000 : 300)
  for (const [i, m] of mails.entries()) {
    const to = Array.isArray(m.to) ? m.to.map((a) => a.text).join(', ') : (m.to?.text ?? '')
    console.log(`\n✉ e-mail to ${to}\n  Subject: ${m.subject ?? ''}`)
    if (full && i === 0)
      console.log(
        `${(m.text ?? '')
          .trimEnd()
          .split('\n')
          .map((line) => `  │ ${line}`)
          .join('\n')}`,
      )
  }
}

async function start(release: Release, day: number): Promise<Server> {
  try {
    return await startPostsUpstream({ release, port, day, token })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(
        `demo: port ${port} on 127.0.0.1 is in use; the example contract expects its upstream there. Stop what listens on it and run the demo again.`,
      )
      process.exit(2)
    }
    throw error
  }
}

const mail = await startMailCatcher()

function verify(): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'bin/upcheck.js'), 'verify', 'posts-api'], {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        POSTS_TOKEN: token,
        SMTP_URL: mail.url,
        ALERT_FROM: 'upcheck demo <upcheck@example.com>',
      },
    })
    child.on('exit', (code) => resolve(code ?? 1))
  })
}

function stop(server: Server): Promise<void> {
  server.closeAllConnections()
  return new Promise((resolve) => server.close(() => resolve()))
}

console.log(
  `\n▶ The example upstream, release 2026.10, listens on http://127.0.0.1:${port}. Its data drifts daily; its shapes do not.\n`,
)
let server = await start('2026.10', 1)
const before = await verify()
await showMail(false)
await stop(server)

console.log(
  `\n▶ The upstream ships release 2026.11: a post's id becomes a string, body is renamed content,`,
)
console.log(
  `  the author endpoint is gone, and comments gain a "likes" field (which must not alarm).\n`,
)
server = await start('2026.11', 2)
const after = await verify()
await showMail(true)
await stop(server)
await mail.close()

console.log(
  `\n▶ exit codes: ${before} before the update (0 = verified), ${after} after it (1 = broken).`,
)
console.log(
  `  Reports: reports/index.html (open it in a browser), latest.json, junit.xml, summary.md, badges/; history in .upcheck/state.db.`,
)
console.log(`  Try: node bin/upcheck.js status\n`)
process.exitCode = before === 0 && after === 1 ? 0 : 1
