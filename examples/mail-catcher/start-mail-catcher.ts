import { once, EventEmitter } from 'node:events'
import type { AddressInfo } from 'node:net'
import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'

/**
 * A local SMTP server for the demo: it takes every message upcheck sends and keeps it, so the
 * demo can show the e-mail an integration owner would get. Loopback only; nothing is relayed.
 */
export async function startMailCatcher() {
  const mails: ParsedMail[] = []
  const arrived = new EventEmitter()
  const server = new SMTPServer({
    logger: false,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          mails.push(mail)
          arrived.emit('mail')
          callback()
        },
        (error: Error) => callback(error),
      )
    },
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    /** Takes the messages that arrived so far, waiting up to `ms` for at least one. */
    async take(ms = 2000): Promise<ParsedMail[]> {
      if (mails.length === 0)
        await Promise.race([
          once(arrived, 'mail'),
          new Promise((resolve) => setTimeout(resolve, ms).unref()),
        ])
      return mails.splice(0)
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
