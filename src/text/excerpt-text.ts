/** How much of a body evidence keeps: enough to see the shape of an answer, little enough per run. */
export const EXCERPT_LIMIT_BYTES = 4096

export interface TextExcerpt {
  /** The text, or its longest start of whole characters within the limit. */
  text: string
  /** Length of the whole text in UTF-8 bytes. */
  bytes: number
  truncated: boolean
}

/**
 * The start of `text`, at most `limitBytes` of UTF-8, cut between characters.
 * @note Scrub before cutting: a secret cut in two at the limit would no longer be recognised.
 */
export function excerptText(text: string, limitBytes = EXCERPT_LIMIT_BYTES): TextExcerpt {
  const encoded = new TextEncoder().encode(text)
  if (encoded.length <= limitBytes) return { text, bytes: encoded.length, truncated: false }
  let end = limitBytes
  // Back up over continuation bytes (10xxxxxx) to the start of the character cut in two.
  while (end > 0 && (encoded[end]! & 0xc0) === 0x80) end--
  return {
    text: new TextDecoder().decode(encoded.subarray(0, end)),
    bytes: encoded.length,
    truncated: true,
  }
}
