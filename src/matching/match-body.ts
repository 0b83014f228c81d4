import {
  detectContentType,
  isJsonType,
  isXmlType,
  parseMediaType,
  sameBodyKind,
} from '../interactions/content-type.js'
import type {
  CompiledMatcher,
  CompiledRuleList,
  CompiledRuleSet,
} from '../interactions/matchers/compile-matcher.js'
import { showValue } from '../interactions/matchers/describe-value.js'
import type { Failure } from '../interactions/matchers/matcher-failure.js'
import type { Body, Mismatch } from '../model/index.js'
import { checkMatcher } from './check-rule-list.js'
import { compareJsonBody, createJsonWalk } from './compare-json.js'
import { parseJson } from '../text/index.js'

/** What the matcher knows about the expected body, worked out once per interaction. */
export interface ExpectedBody {
  body: Body
  /** The media type: the body's own, else the Content-Type header, else judged from the content. */
  contentType: string | undefined
  kind: 'json' | 'xml' | 'text' | 'binary'
  /** The content decoded: parsed JSON, text, or bytes. */
  value: unknown
  /** True when the expected body is `null` or empty: any empty body (or JSON null) matches. */
  empty: boolean
}

export interface BodyContext {
  rules: CompiledRuleSet
  /** The rule list at `$`, for text and binary bodies. */
  rootRules: CompiledRuleList | undefined
  allowUnexpectedKeys: boolean
  /** A Content-Type header rule exists: differing media types are that rule's business. */
  contentTypeRuled: boolean
}

/** The bytes of base64 text, or undefined when it is not base64 (the reader rejects that; rules built in code may not). */
function decodeBase64(text: string): Uint8Array | undefined {
  let binary: string
  try {
    binary = atob(text)
  } catch {
    return undefined
  }
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

function looksLikeJson(text: string): boolean {
  const t = text.trimStart()
  if (!t.startsWith('{') && !t.startsWith('[')) return false
  try {
    parseJson(text)
    return true
  } catch {
    return false
  }
}

function parseOr(text: string): unknown {
  try {
    return parseJson(text)
  } catch {
    return text
  }
}

/** Decides once how an expected body is to be compared. */
export function prepareExpectedBody(
  body: Body,
  headerContentType: string | undefined,
): ExpectedBody {
  const declared = body.contentType ?? headerContentType
  const base = declared === undefined ? undefined : parseMediaType(declared).base
  const { content, encoded } = body
  if (encoded === 'base64' && typeof content === 'string') {
    const bytes = decodeBase64(content)
    if (!bytes)
      return { body, contentType: declared, kind: 'text', value: content, empty: content === '' }
    const kind = base && isJsonType(base) ? 'json' : 'binary'
    if (kind === 'json') {
      const text = new TextDecoder().decode(bytes)
      return {
        body,
        contentType: declared,
        kind,
        value: text === '' ? null : parseOr(text),
        empty: text === '',
      }
    }
    return {
      body,
      contentType: declared ?? detectContentType(bytes),
      kind,
      value: bytes,
      empty: bytes.length === 0,
    }
  }
  if (encoded === 'json' && typeof content === 'string') {
    return {
      body,
      contentType: declared ?? 'application/json',
      kind: 'json',
      value: content === '' ? null : parseOr(content),
      empty: content === '',
    }
  }
  const empty = content === null || content === undefined || content === ''
  if (typeof content !== 'string')
    return {
      body,
      contentType: declared ?? 'application/json',
      kind: 'json',
      value: content ?? null,
      empty,
    }
  if (base !== undefined) {
    const kind = isJsonType(base) ? 'json' : isXmlType(base) ? 'xml' : 'text'
    // A JSON body held as a string is the raw body text, as Pact reads it.
    if (kind === 'json' && !empty)
      return { body, contentType: declared, kind, value: parseOr(content), empty }
    return { body, contentType: declared, kind, value: content, empty }
  }
  if (looksLikeJson(content))
    return {
      body,
      contentType: 'application/json',
      kind: 'json',
      value: parseJson(content),
      empty,
    }
  if (/^\s*<(\?xml|[A-Za-z])/.test(content))
    return { body, contentType: 'application/xml', kind: 'xml', value: content, empty }
  return { body, contentType: 'text/plain', kind: 'text', value: content, empty }
}

function bytesOf(actual: string | Uint8Array): Uint8Array {
  return typeof actual === 'string' ? new TextEncoder().encode(actual) : actual
}

function textOf(actual: string | Uint8Array): string {
  return typeof actual === 'string' ? actual : new TextDecoder().decode(actual)
}

function bodyMismatch(failure: Failure): Mismatch {
  return {
    part: 'body',
    path: '$',
    expected: failure.expected,
    actual: failure.actual,
    rule: failure.rule,
    message: `$: ${failure.text}`,
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** A matcher meant for text, on a whole body: judged on the body's text. */
function checkBodyAsText(m: CompiledMatcher, example: unknown, actual: string | Uint8Array) {
  return checkMatcher(m, typeof example === 'string' ? example : undefined, textOf(actual), 'text')
}

/** Rules at `$` on a text or binary body: each matcher judges the body as its entry says. */
function checkWholeBody(
  list: CompiledRuleList,
  example: unknown,
  actual: string | Uint8Array,
): Failure[] {
  const failures: Failure[] = []
  for (const m of list.matchers) {
    const failure = (m.definition.checkBody ?? checkBodyAsText)(m, example, actual)
    if (!failure) {
      if (list.combine === 'OR') return []
    } else failures.push(failure)
  }
  return failures
}

/**
 * Matches an actual body against the expected one, as Pact does: an absent expected body
 * matches anything; a null or empty one matches only an empty body; otherwise the media types
 * must agree and the content is compared by kind (JSON tree, text, bytes).
 * XML is compared as text for now; {@link findUnsupportedBody} tells callers to skip it.
 */
export function matchBody(
  expected: ExpectedBody | undefined,
  actual: string | Uint8Array | undefined,
  actualContentType: string | undefined,
  context: BodyContext,
  mismatches: Mismatch[],
): void {
  if (!expected) return
  const actualEmpty = actual === undefined || actual.length === 0
  if (expected.empty) {
    if (actualEmpty) return
    const text = textOf(actual)
    if (expected.kind === 'json' && text.trim() === 'null') return
    mismatches.push(
      bodyMismatch({
        rule: 'body',
        expected: 'no body',
        actual: showValue(text),
        text: `expected an empty body, got ${showValue(text)}`,
      }),
    )
    return
  }
  if (actualEmpty) {
    const example =
      expected.kind === 'binary'
        ? `${(expected.value as Uint8Array).length} bytes`
        : showValue(expected.value)
    mismatches.push(
      bodyMismatch({
        rule: 'body',
        expected: example,
        actual: 'nothing',
        text: `expected a body like ${example}, got no body`,
      }),
    )
    return
  }
  if (
    expected.contentType &&
    actualContentType &&
    !context.contentTypeRuled &&
    !sameBodyKind(expected.contentType, actualContentType)
  ) {
    const want = parseMediaType(expected.contentType).base
    const got = parseMediaType(actualContentType).base
    mismatches.push(
      bodyMismatch({
        rule: 'contentType',
        expected: want,
        actual: got,
        text: `expected a body of type ${want}, got ${got}`,
      }),
    )
    return
  }
  switch (expected.kind) {
    case 'json': {
      const text = textOf(actual)
      let parsed: unknown
      try {
        parsed = parseJson(text)
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error)
        mismatches.push(
          bodyMismatch({
            rule: 'body',
            expected: 'JSON',
            actual: showValue(text),
            text: `expected a JSON body, got text that is not JSON (${why}): ${showValue(text)}`,
          }),
        )
        return
      }
      compareJsonBody(
        expected.value,
        parsed,
        context.rules,
        createJsonWalk(context.allowUnexpectedKeys, mismatches, text),
      )
      return
    }
    case 'binary': {
      if (context.rootRules) {
        for (const f of checkWholeBody(context.rootRules, undefined, actual))
          mismatches.push(bodyMismatch(f))
        return
      }
      const bytes = bytesOf(actual)
      const want = expected.value as Uint8Array
      if (!sameBytes(want, bytes)) {
        mismatches.push(
          bodyMismatch({
            rule: 'equality',
            expected: `${want.length} bytes`,
            actual: `${bytes.length} bytes`,
            text: `expected the same ${want.length} bytes as recorded, got ${bytes.length} different bytes`,
          }),
        )
      }
      return
    }
    default: {
      const text = textOf(actual)
      if (context.rootRules) {
        for (const f of checkWholeBody(context.rootRules, expected.value, actual))
          mismatches.push(bodyMismatch(f))
        return
      }
      if (text !== expected.value) {
        mismatches.push(
          bodyMismatch({
            rule: 'equality',
            expected: showValue(expected.value),
            actual: showValue(text),
            text: `expected the text ${showValue(expected.value)}, got ${showValue(text)}`,
          }),
        )
      }
    }
  }
}
