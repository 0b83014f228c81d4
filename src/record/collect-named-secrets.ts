import type { Body, HttpRequest, HttpResponse } from '../model/index.js'
import { isJsonContentType } from '../interactions/index.js'
import { isSecretFieldName, isSecretHeaderName, isSecretQueryName } from './secret-names.js'

/** `Bearer abc` → `abc` as well: the credential may be echoed without its scheme. */
function headerSecrets(value: string): string[] {
  const credential = /^\S+\s+(\S.*)$/.exec(value)?.[1]
  return credential === undefined ? [value] : [value, credential]
}

function jsonSecrets(value: unknown, out: string[], named = false): void {
  if (typeof value === 'string') {
    if (named) out.push(value)
    return
  }
  if (Array.isArray(value)) {
    for (const item of value) jsonSecrets(item, out, named)
    return
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value))
      jsonSecrets(child, out, named || isSecretFieldName(key))
  }
}

function bodySecrets(body: Body | undefined, out: string[]): void {
  if (body === undefined || body.encoded === 'base64') return
  const { content } = body
  if (body.encoded === 'json' && typeof content === 'string') {
    try {
      jsonSecrets(JSON.parse(content), out)
    } catch {
      // Not JSON after all: there are no fields to read.
    }
    return
  }
  if (typeof content !== 'string' || isJsonContentType(body.contentType))
    return jsonSecrets(content, out)
  if (/^application\/x-www-form-urlencoded\b/i.test(body.contentType ?? '')) {
    for (const [name, value] of new URLSearchParams(content))
      if (isSecretFieldName(name)) out.push(value)
  }
}

/**
 * The values standing in secret-named places of an exchange (credential headers, secret-named
 * query parameters, form and JSON fields), before anything is redacted: once known, they are
 * cut out wherever else they appear, in this exchange and the ones after it.
 */
export function collectNamedSecrets(request: HttpRequest, response: HttpResponse): string[] {
  const out: string[] = []
  for (const part of [request, response]) {
    for (const [name, values] of Object.entries(part.headers ?? {}))
      if (isSecretHeaderName(name)) for (const value of values) out.push(...headerSecrets(value))
    bodySecrets(part.body, out)
  }
  for (const [name, values] of Object.entries(request.query ?? {}))
    if (isSecretQueryName(name)) out.push(...values)
  return out
}
