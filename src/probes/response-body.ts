const TEXTUAL_MEDIA_TYPE =
  /^\s*(?:text\/|[^;]*[/+](?:json|xml)\b|application\/(?:javascript|ecmascript|x-www-form-urlencoded|yaml|x-yaml|graphql|csv|x-ndjson)\b)/i

/** How a response body is carried in a probe result. */
export interface DecodedBody {
  text: string
  encoding: 'utf8' | 'base64'
}

/**
 * Turns response bytes into text: UTF-8 for textual media types and for a response that
 * names none, base64 otherwise, as Pact records binary bodies.
 */
export function decodeResponseBody(
  body: Buffer,
  contentType: string | string[] | undefined,
): DecodedBody {
  const type = Array.isArray(contentType) ? contentType[0] : contentType
  if (type === undefined || TEXTUAL_MEDIA_TYPE.test(type))
    return { text: body.toString('utf8'), encoding: 'utf8' }
  return { text: body.toString('base64'), encoding: 'base64' }
}
