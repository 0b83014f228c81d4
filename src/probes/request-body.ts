import type { Body } from '../model/index.js'

const JSON_MEDIA_TYPE = /^[^;]*[/+]json\b/i

/** Whether a media type is JSON (`application/json`, `application/problem+json`, …). */
export function isJsonMediaType(contentType: string | undefined): boolean {
  return contentType !== undefined && JSON_MEDIA_TYPE.test(contentType)
}

/**
 * The bytes to send for a recorded body: JSON content re-serialised, text as is, base64
 * decoded. `null` when the recording had no body.
 */
export function serialiseBody(body: Body | undefined): string | Buffer | null {
  if (body === undefined || body.content === undefined) return null
  const { content, encoded } = body
  if (encoded === 'base64') return Buffer.from(String(content), 'base64')
  if (encoded === 'json') return typeof content === 'string' ? content : JSON.stringify(content)
  // @note For a JSON body the model holds the parsed value, so a string there is a JSON string.
  if (typeof content === 'string' && !isJsonMediaType(body.contentType)) return content
  return JSON.stringify(content)
}
