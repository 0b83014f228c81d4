import type { Transporter } from 'nodemailer'
import { UpcheckError } from '../model/index.js'
import { createSecretScrubber } from '../text/index.js'
import type { Mailer } from './mailer.js'
import { describeSmtpServer, type SmtpSettings } from './smtp-settings.js'

export interface SmtpMailerOptions {
  /** Connect and greeting timeout. Default 10 s: a one-shot `verify` must not hang on a dead server. */
  connectionTimeoutMs?: number
  /** Inactivity timeout once connected. Default 30 s. */
  socketTimeoutMs?: number
}

/** Failures that say the server takes no mail right now, whatever the message. */
const serverCodes = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ETLS',
  'EPROTOCOL',
  'EAUTH',
  'ENOAUTH',
  'EPROXY',
])

/**
 * A {@link Mailer} over SMTP through nodemailer: one connection per message, upgraded with
 * STARTTLS whenever the server offers it (`smtp://`), or TLS from the start (`smtps://`).
 * Settings in the URL's query are passed to nodemailer, like `?tls.rejectUnauthorized=false`
 * for a server with a self-signed certificate.
 */
export function createSmtpMailer(settings: SmtpSettings, options: SmtpMailerOptions = {}): Mailer {
  const connectionTimeout = options.connectionTimeoutMs ?? 10_000
  // @note nodemailer is loaded on the first send: most verify runs send nothing and need not pay for it.
  let transport: Promise<Transporter> | undefined
  const openTransport = async () =>
    (await import('nodemailer')).default.createTransport({
      url: settings.url,
      connectionTimeout,
      greetingTimeout: connectionTimeout,
      socketTimeout: options.socketTimeoutMs ?? 30_000,
      // Alert content is data: never let it make nodemailer read a file or fetch a URL.
      disableFileAccess: true,
      disableUrlAccess: true,
    })
  const scrub = createSecretScrubber(settings.secrets).scrub
  const server = describeSmtpServer(settings.url)

  return {
    async send(message) {
      try {
        transport ??= openTransport()
        await (
          await transport
        ).sendMail({
          from: message.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          messageId: message.messageId,
          ...(message.references?.length
            ? { references: message.references, inReplyTo: message.references.at(-1)! }
            : {}),
          ...(message.headers ? { headers: message.headers } : {}),
        })
      } catch (error) {
        const { code, responseCode } = error as { code?: string; responseCode?: number }
        const detail = scrub((error as Error).message ?? String(error))
        if ((code !== undefined && serverCodes.has(code)) || responseCode === 421) {
          throw new UpcheckError(
            'SMTP_UNAVAILABLE',
            `Failed to send alert e-mail: ${server} is unavailable (${detail}). The alert stays in the outbox and is retried; check SMTP_URL and that the server is up.`,
            { cause: error },
          )
        }
        throw new UpcheckError(
          'ALERT_DELIVERY_FAILED',
          `Failed to send alert e-mail through ${server}: ${detail}. The alert stays in the outbox and is retried.`,
          { cause: error },
        )
      }
    },
    close() {
      void transport?.then((t) => t.close())
    },
  }
}
