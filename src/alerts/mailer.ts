/** One alert e-mail, ready to send. */
export interface MailMessage {
  from: string
  to: string[]
  subject: string
  text: string
  html: string
  /** Stable per alert, so a mail system drops the duplicate of a re-sent alert. */
  messageId: string
  /** Message-IDs this one follows (a recovery follows the broken alert), for threading. */
  references?: string[]
  headers?: Record<string, string>
}

/**
 * Sends e-mail. Rejects with an `UpcheckError`: `SMTP_UNAVAILABLE` when the server cannot
 * take any mail now (the sender stops trying others), `ALERT_DELIVERY_FAILED` when this
 * message was refused.
 */
export interface Mailer {
  send(message: MailMessage): Promise<void>
  close(): void
}
