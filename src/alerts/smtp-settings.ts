import { UpcheckError, type UpcheckConfig } from '../model/index.js'

/** Where alert e-mail goes out. Lives in memory only: the URL may hold a password. */
export interface SmtpSettings {
  /** `smtp://user:pass@host:587` (STARTTLS when the server offers it) or `smtps://…:465`. */
  url: string
  /** The From address, like `upcheck <upcheck@example.com>`. */
  from: string
  /** The URL's password, to keep it out of every message upcheck writes. */
  secrets: string[]
}

/**
 * Reads `SMTP_URL` and `ALERT_FROM` from the environment, else `smtp.url` and `smtp.from`
 * from the config. `undefined` when no SMTP server is set: e-mail alerts are off.
 * Throws `SMTP_INVALID` for a half-set or malformed setting; messages never show the password.
 */
export function resolveSmtpSettings(
  config: UpcheckConfig['smtp'],
  env: Readonly<Record<string, string | undefined>>,
): SmtpSettings | undefined {
  const url = env.SMTP_URL || config.url
  const from = env.ALERT_FROM || config.from
  if (!url) return undefined
  const where = env.SMTP_URL ? 'SMTP_URL' : 'smtp.url in upcheck.config.yaml'
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch (error) {
    throw new UpcheckError(
      'SMTP_INVALID',
      `${where} is not a URL. Write it like smtp://user:password@mail.example.com:587.`,
      { cause: error },
    )
  }
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') {
    throw new UpcheckError(
      'SMTP_INVALID',
      `${where} starts with ${parsed.protocol}//; it must be smtp:// (STARTTLS when offered) or smtps:// (TLS from the start).`,
    )
  }
  if (!parsed.hostname)
    throw new UpcheckError(
      'SMTP_INVALID',
      `${where} names no host. Write it like smtp://mail.example.com:587.`,
    )
  if (!from) {
    throw new UpcheckError(
      'SMTP_INVALID',
      `${where} is set but the From address is not. Set ALERT_FROM (or smtp.from in upcheck.config.yaml), like upcheck@example.com.`,
    )
  }
  const secrets = [parsed.password, safeDecode(parsed.password)].filter((s) => s.length > 0)
  return { url, from, secrets: [...new Set(secrets)] }
}

/** The URL without its credentials, for messages. */
export function describeSmtpServer(url: string): string {
  try {
    const parsed = new URL(url)
    return `${parsed.protocol}//${parsed.host}`
  } catch {
    return 'the SMTP server'
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
