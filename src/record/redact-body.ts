import type { Body } from '../model/index.js'
import { isJsonContentType } from '../interactions/index.js'
import { redactJson } from './redact-json.js'
import { REDACTED, type RedactionPolicy } from './redaction-policy.js'
import { isSecretFieldName } from './secret-names.js'
import { parseJson } from '../text/index.js'

export interface RedactedBody {
  body: Body
  /** Body rule paths of the replaced values; `$` when a text body had a secret cut out. */
  paths: string[]
}

const FORM = /^application\/x-www-form-urlencoded\b/i

/**
 * Redacts a body: JSON by field names, `redact:` paths and secret values; a form by field
 * names and values (OAuth token requests carry `client_secret` and `password` this way); any
 * other text by secret values. Base64 (binary) bodies are kept as they are.
 */
export function redactBody(body: Body, policy: RedactionPolicy): RedactedBody {
  const { content, encoded } = body
  if (encoded === 'base64') return { body, paths: [] }
  if (encoded === 'json' && typeof content === 'string') {
    const redacted = redactJson(parseJson(content), policy)
    return { body: { ...body, content: JSON.stringify(redacted.value) }, paths: redacted.paths }
  }
  if (typeof content !== 'string' || isJsonContentType(body.contentType)) {
    const redacted = redactJson(content, policy)
    return { body: { ...body, content: redacted.value }, paths: redacted.paths }
  }
  const text = FORM.test(body.contentType ?? '')
    ? redactForm(content, policy)
    : policy.scrub(content)
  return { body: { ...body, content: text }, paths: text === content ? [] : ['$'] }
}

function redactForm(text: string, policy: RedactionPolicy): string {
  const fields = new URLSearchParams(text)
  let changed = false
  const out = new URLSearchParams()
  for (const [name, value] of fields) {
    const replaced = isSecretFieldName(name) ? REDACTED : policy.redactValue(value)
    if (replaced !== value) changed = true
    out.append(name, replaced)
  }
  // @note Re-encoding changes `%20` to `+`; a form without secrets keeps its bytes.
  return changed ? out.toString() : policy.scrub(text)
}
