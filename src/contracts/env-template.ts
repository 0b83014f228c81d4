/** A piece of a `${VAR}` template: literal text or a variable read from the environment. */
export type TemplatePart = { kind: 'text'; text: string } | { kind: 'variable'; name: string }

export type ParsedTemplate =
  { ok: true; parts: TemplatePart[] } | { ok: false; offset: number; problem: string }

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/**
 * Splits a value like `Bearer ${POSTS_TOKEN}` into text and variables. `$${` stands for a
 * literal `${`, so a value can hold one without reading the environment.
 */
export function parseTemplate(value: string): ParsedTemplate {
  const parts: TemplatePart[] = []
  let text = ''
  let i = 0
  while (i < value.length) {
    if (value.startsWith('$${', i)) {
      text += '${'
      i += 3
    } else if (value.startsWith('${', i)) {
      const close = value.indexOf('}', i + 2)
      if (close === -1) return { ok: false, offset: i, problem: 'has a "${" without a closing "}"' }
      const name = value.slice(i + 2, close)
      if (!VARIABLE_NAME.test(name)) {
        return { ok: false, offset: i, problem: `has "\${${name}}", which is not a variable name` }
      }
      if (text) parts.push({ kind: 'text', text })
      text = ''
      parts.push({ kind: 'variable', name })
      i = close + 1
    } else {
      text += value[i]
      i += 1
    }
  }
  if (text) parts.push({ kind: 'text', text })
  return { ok: true, parts }
}

/** The names of the variables a parsed template reads, in order of appearance. */
export function listVariables(parts: readonly TemplatePart[]): string[] {
  return parts.flatMap((part) => (part.kind === 'variable' ? [part.name] : []))
}

export interface ExpandedTemplate {
  value: string
  /** The values that came from `env`. */
  secrets: string[]
  /** Variables that are unset or empty in `env`. */
  unset: string[]
}

/**
 * Fills a parsed template from `env`; an empty variable counts as unset.
 * @param encode turns a variable's value into what is inserted, given the text filled in before
 * it (a URL's query wants it percent-encoded). `secrets` keeps the raw values.
 */
export function expandTemplate(
  parts: readonly TemplatePart[],
  env: Readonly<Record<string, string | undefined>>,
  encode: (value: string, before: string) => string = (value) => value,
): ExpandedTemplate {
  let value = ''
  const secrets: string[] = []
  const unset: string[] = []
  for (const part of parts) {
    if (part.kind === 'text') {
      value += part.text
      continue
    }
    const found = Object.hasOwn(env, part.name) ? env[part.name] : undefined
    if (found === undefined || found === '') {
      unset.push(part.name)
      continue
    }
    value += encode(found, value)
    secrets.push(found)
  }
  return { value, secrets, unset }
}
