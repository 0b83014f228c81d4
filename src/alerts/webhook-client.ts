/**
 * Posts an alert as JSON. Rejects with an `UpcheckError` (`ALERT_DELIVERY_FAILED`) once its
 * own quick retries are spent; the outbox retries later with backoff.
 */
export interface WebhookClient {
  post(
    url: string,
    body: unknown,
    options: {
      idempotencyKey: string
      /** Ends the attempt (and its retries) at once: the delivery pass's budget is over. */
      signal?: AbortSignal
    },
  ): Promise<void>
}
