import type { Body, HttpRequest, HttpResponse } from '../model/index.js'
import { isJsonContentType } from '../interactions/index.js'
import {
  isLearnableSecret,
  isSecretFieldName,
  isSecretHeaderName,
  isSecretQueryName,
} from './secret-names.js'
import { parseJson } from '../text/index.js'

/** Takes a value found in the place `name`, if it may be a secret at all. */
type Learn = (name: string, value: string) => void

/** `Bearer abc` → `abc` as well: the credential may be echoed without its scheme. */
function headerSecrets(value: string): string[] {
  const credential = /^\S+\s+(\S.*)$/.exec(value)?.[1]
  return credential === undefined ? [value] : [value, credential]
}

/** @param named the nearest secret-named field above `value`, if any. */
function jsonSecrets(value: unknown, learn: Learn, named?: string): void {
  if (typeof value === 'string') {
    if (named !== undefined) learn(named, value)
    return
  }
  if (Array.isArray(value)) {
    for (const item of value) jsonSecrets(item, learn, named)
    return
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value))
      jsonSecrets(child, learn, isSecretFieldName(key) ? key : named)
  }
}

/** A body's parsed JSON, or `undefined` when it is not JSON. */
function readJsonBody(body: Body): { value: unknown } | undefined {
  const { content } = body
  if (body.encoded === 'json' && typeof content === 'string') {
    try {
      return { value: parseJson(content) }
    } catch {
      // Not JSON after all: there are no fields to read.
      return undefined
    }
  }
  if (typeof content !== 'string' || isJsonContentType(body.contentType)) return { value: content }
  return undefined
}

function bodySecrets(body: Body | undefined, learn: Learn): void {
  if (body === undefined || body.encoded === 'base64') return
  const json = readJsonBody(body)
  if (json !== undefined) return jsonSecrets(json.value, learn)
  const { content } = body
  if (typeof content !== 'string') return
  if (/^application\/x-www-form-urlencoded\b/i.test(body.contentType ?? '')) {
    for (const [name, value] of new URLSearchParams(content))
      if (isSecretFieldName(name)) learn(name, value)
  }
}

/**
 * The values standing in secret-named places of an exchange (credential headers, secret-named
 * query parameters, form and JSON fields), before anything is redacted: once known, they are
 * cut out wherever else they appear, in this exchange and the ones after it.
 */
export function collectNamedSecrets(request: HttpRequest, response: HttpResponse): string[] {
  const out: string[] = []
  const learn: Learn = (name, value) => {
    if (isLearnableSecret(name, value)) out.push(value)
  }
  for (const part of [request, response]) {
    for (const [name, values] of Object.entries(part.headers ?? {}))
      if (isSecretHeaderName(name))
        for (const value of values) for (const secret of headerSecrets(value)) learn(name, secret)
    bodySecrets(part.body, learn)
  }
  for (const [name, values] of Object.entries(request.query ?? {}))
    if (isSecretQueryName(name)) for (const value of values) learn(name, value)
  return out
}

/**
 * The strings and numbers at the contract's `redact:` paths of a JSON body, before they are
 * blanked: the user declared them private, so an echo of one inside another string (`"mail
 * sent to ann@example.com"`) is cut out too.
 */
export function collectRedactPathValues(
  body: Body | undefined,
  isRedactedPath: (segments: readonly (string | number)[]) => boolean,
): string[] {
  if (body === undefined || body.encoded === 'base64') return []
  const json = readJsonBody(body)
  if (json === undefined) return []
  const out: string[] = []
  const segments: (string | number)[] = []
  const visit = (node: unknown, declared: boolean): void => {
    if (typeof node === 'string' || typeof node === 'number') {
      if (declared) out.push(String(node))
    } else if (Array.isArray(node)) {
      node.forEach((item, i) => visitChild(i, item, declared))
    } else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) visitChild(key, child, declared)
    }
  }
  const visitChild = (segment: string | number, node: unknown, declared: boolean): void => {
    segments.push(segment)
    visit(node, declared || isRedactedPath(segments))
    segments.pop()
  }
  visit(json.value, isRedactedPath(segments))
  return out
}
