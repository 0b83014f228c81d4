import { EventEmitter, once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'
import { afterEach } from 'vitest'

export interface ReceivedMail {
  parsed: ParsedMail
  /** The message exactly as it came over the wire, to search for anything that must not be there. */
  raw: string
  /** SMTP envelope recipients. */
  rcptTo: string[]
  /** Whether the session was upgraded with STARTTLS. */
  secure: boolean
  /** The user the client logged in as, if any. */
  user?: string
}

export interface SmtpSinkOptions {
  /** Offer STARTTLS (smtp-server's built-in test certificate). Default false. */
  starttls?: boolean
  /** Credentials the server accepts; without them any login (or none) is accepted. */
  credentials?: { user: string; pass: string }
  /** Listen on this port: a server "coming back" after being down. Default 0. */
  port?: number
}

/** A real SMTP server on 127.0.0.1 in the test process; every message is parsed with mailparser. */
export async function startSmtpSink(options: SmtpSinkOptions = {}) {
  const mails: ReceivedMail[] = []
  const events = new EventEmitter()
  const server = new SMTPServer({
    logger: false,
    authOptional: true,
    disabledCommands: options.starttls ? [] : ['STARTTLS'],
    onAuth(auth, _session, callback) {
      const { credentials } = options
      if (
        credentials &&
        (auth.username !== credentials.user || auth.password !== credentials.pass)
      ) {
        callback(new Error('Invalid username or password'))
        return
      }
      callback(null, { user: auth.username })
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8')
        simpleParser(raw).then(
          (parsed) => {
            mails.push({
              parsed,
              raw,
              rcptTo: session.envelope.rcptTo.map((r) => r.address),
              secure: session.secure,
              ...(typeof session.user === 'string' ? { user: session.user } : {}),
            })
            events.emit('mail')
            callback()
          },
          (error: Error) => callback(error),
        )
      })
    },
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const port = (server.server.address() as AddressInfo).port
  return {
    port,
    mails,
    /** Resolves once `count` messages have arrived in all. */
    async waitForMails(count: number): Promise<ReceivedMail[]> {
      while (mails.length < count) await once(events, 'mail')
      return mails
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

export type SmtpSink = Awaited<ReturnType<typeof startSmtpSink>>

/**
 * A sink per test, started when the test asks (`const smtp = await sinks.start()`) and closed
 * after it, so a suite needs no `let` and `afterEach` of its own.
 */
export function useSmtpSink() {
  let current: SmtpSink | undefined
  afterEach(async () => {
    await current?.close()
    current = undefined
  })
  return {
    async start(options?: SmtpSinkOptions): Promise<SmtpSink> {
      current = await startSmtpSink(options)
      return current
    },
  }
}
