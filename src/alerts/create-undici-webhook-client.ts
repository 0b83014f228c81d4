import { UpcheckError } from '../model/index.js'
import { realSleep, type Sleep } from '../probes/index.js'
import type { WebhookClient } from './webhook-client.js'

export interface UndiciWebhookClientOptions {
  /** Per attempt, headers and body. Default 10 s. */
  timeoutMs?: number
  /** Quick re-tries of a network error, 5xx or 429 within one delivery. Default 2. */
  retries?: number
  /** Default a real timer. */
  sleep?: Sleep
}

/**
 * A {@link WebhookClient} over undici. Messages name the URL's origin only: a Slack-style
 * webhook URL carries its secret in the path.
 */
export function createUndiciWebhookClient(options: UndiciWebhookClientOptions = {}): WebhookClient {
  const timeoutMs = options.timeoutMs ?? 10_000
  const retries = options.retries ?? 2
  const sleep = options.sleep ?? realSleep
  return {
    async post(url, body, { idempotencyKey, signal }) {
      const origin = safeOrigin(url)
      let last = ''
      for (let attempt = 0; attempt <= retries && !signal?.aborted; attempt++) {
        if (attempt > 0) await sleep(500 * 2 ** (attempt - 1))
        if (signal?.aborted) break
        try {
          // Loaded on the first webhook only: most runs raise no alert.
          const { request } = await import('undici')
          const response = await request(url, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'user-agent': 'upcheck',
              'idempotency-key': idempotencyKey,
            },
            body: JSON.stringify(body),
            headersTimeout: timeoutMs,
            bodyTimeout: timeoutMs,
            // Alerts are rare: a kept-alive socket would only hold a one-shot `verify` open after it is done.
            reset: true,
            ...(signal ? { signal } : {}),
          })
          await response.body.dump()
          if (response.statusCode >= 200 && response.statusCode < 300) return
          last = `it answered ${response.statusCode}`
          if (
            response.statusCode < 500 &&
            response.statusCode !== 429 &&
            response.statusCode !== 408
          )
            break
        } catch (error) {
          last = (error as { code?: string }).code ?? (error as Error).message
        }
      }
      throw new UpcheckError(
        'ALERT_DELIVERY_FAILED',
        `Failed to post the alert to the webhook at ${origin}: ${last}. The alert stays in the outbox and is retried; check alerts.webhook.`,
      )
    },
  }
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin
  } catch {
    return 'alerts.webhook'
  }
}
