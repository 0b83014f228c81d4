import type { ErrorObject } from 'ajv'
import { createRequire } from 'node:module'
import { formatFieldPath, type FieldPath, type Problem } from './problem.js'
import { suggestClosest } from './suggest-closest.js'

/** What to add when a required field is missing, by field path. */
const MISSING_HINTS: Readonly<Record<string, string>> = {
  name: 'Add a name of lower-case letters, digits and hyphens, like "name: posts-api".',
  owner: 'Add who gets paged, like "owner: Ann Lee <ann@example.com>".',
  upstream:
    'Add the upstream API, with at least its baseUrl, like "upstream: { baseUrl: http://127.0.0.1:4017 }".',
  'upstream.baseUrl': `Add the upstream's base URL, like "baseUrl: http://127.0.0.1:4017".`,
}

/**
 * Turns ajv's errors into one problem per field, each saying what is wrong and what to do.
 * `subject` names the document in messages about its root ("the contract").
 */
/** How a numeric bound reads in a message, and which way the value must move to meet it. */
const NUMERIC_BOUNDS = {
  minimum: { bound: 'at least', fix: 'Raise it.' },
  exclusiveMinimum: { bound: 'greater than', fix: 'Raise it.' },
  maximum: { bound: 'at most', fix: 'Lower it.' },
  exclusiveMaximum: { bound: 'less than', fix: 'Lower it.' },
} as const

export function describeSchemaErrors(
  errors: readonly ErrorObject[],
  data: unknown,
  subject: string,
): Problem[] {
  const problems = new Map<string, Problem>()
  for (const error of errors) {
    // The inner error of propertyNames repeats the outer one with less to say.
    if (error.propertyName !== undefined) continue
    const problem = describeError(error, data, subject)
    const key = `${problem.at}:${JSON.stringify(problem.path)}`
    // ajv reports a field's type before its pattern or format; the first is the useful one.
    if (!problems.has(key)) problems.set(key, problem)
  }
  return [...problems.values()]
}

function describeError(error: ErrorObject, data: unknown, subject: string): Problem {
  const path = toFieldPath(error.instancePath, data)
  const field = formatFieldPath(path) || subject
  const value = error.data
  switch (error.keyword) {
    case 'required': {
      const missing = [...path, String(error.params.missingProperty)]
      const name = formatFieldPath(missing)
      return {
        path: missing,
        at: 'value',
        message: `${name} is missing. ${MISSING_HINTS[name] ?? 'Add it.'}`,
      }
    }
    case 'additionalProperties': {
      const unknown = String(error.params.additionalProperty)
      const allowed = Object.keys((error.parentSchema?.properties ?? {}) as object).filter(
        (key) => key !== '$schema',
      )
      const suggestion = suggestClosest(unknown, allowed)
      const fix = suggestion
        ? `Did you mean "${suggestion}"?`
        : `Remove it; the fields allowed ${path.length ? 'here' : 'at the top'} are ${allowed.join(', ')}.`
      return {
        path: [...path, unknown],
        at: 'key',
        message: `${formatFieldPath([...path, unknown])} is not a known field. ${fix}`,
      }
    }
    case 'propertyNames': {
      const name = String(error.params.propertyName)
      return {
        path: [...path, name],
        at: 'key',
        message: `${field} has ${JSON.stringify(name)}, which is not an HTTP header name. Use letters, digits and "-" only, like "X-Api-Key".`,
      }
    }
    case 'type':
      return {
        path,
        at: 'value',
        message: describeTypeError(field, String(error.params.type), value, path),
      }
    case 'enum': {
      const allowed = (error.params.allowedValues as unknown[]).map(String)
      return {
        path,
        at: 'value',
        message: `${field} is ${describeValue(value, path)}, which is not known. Write one of ${allowed.join(', ')}.`,
      }
    }
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum': {
      const { bound, fix } = NUMERIC_BOUNDS[error.keyword]
      return {
        path,
        at: 'value',
        message: `${field} must be ${bound} ${error.params.limit}, got ${describeValue(value, path)}. ${fix}`,
      }
    }
    default:
      return {
        path,
        at: 'value',
        message: describeFormatError(
          field,
          definitionOf(error.schemaPath),
          value,
          path,
          error.message,
        ),
      }
  }
}

/** The name of the schema definition a failing keyword belongs to, like `duration`. */
function definitionOf(schemaPath: string): string | undefined {
  return /definitions\/([^/]+)\/(?:pattern|format|minLength)$/.exec(schemaPath)?.[1]
}

/** The message for a value of the right type that breaks a definition's rule. */
export function describeFormatError(
  field: string,
  definition: string | undefined,
  value: unknown,
  path: FieldPath,
  fallback = 'is not valid',
): string {
  const shown = quoteValue(value, path)
  switch (definition) {
    case 'name':
      return `${field} ${shown} may hold only lower-case letters, digits and hyphens. Rename it, like ${JSON.stringify(slugify(String(value)) || 'posts-api')}.`
    case 'mailbox':
      return `${field} ${shown} is not an e-mail address. Write a name and address like "Ann Lee <ann@example.com>", or just the address.`
    case 'email':
      return `${field} ${shown} is not an e-mail address. Write it like "ann@example.com".`
    case 'httpUrl':
      return `${field} ${shown} is not an http(s) URL. Write a full URL starting with http:// or https://.${environmentNote(value)}`
    case 'templatedHttpUrl':
      return `${field} ${shown} is not an http(s) URL. Write it like "http://127.0.0.1:4017"; \${VAR} may stand for a part read from the environment.`
    case 'cron':
      return `${field} ${shown} is not a cron expression: ${describeCronError(String(value))}. Write five fields (minute hour day-of-month month day-of-week), like "*/15 * * * *".`
    case 'duration':
      return `${field} ${shown} is not a duration. Write a whole number above zero and a unit (ms, s, m, h or d), like "24h" or "90m".`
    case 'jsonPath':
      return `${field} ${shown} is not a JSON path. Start it with "$", like "$.customer.email".`
    case 'filePath':
      return `${field} is empty. Write a path relative to this file's folder.`
    default:
      if (field.endsWith('smtp.url'))
        return `${field} ${shown} is not an SMTP URL. Write it like "smtp://mail.example.com:587".`
      return `${field} ${shown} ${fallback}.`
  }
}

function describeTypeError(
  field: string,
  expected: string,
  value: unknown,
  path: FieldPath,
): string {
  const wanted: Record<string, string> = {
    string: 'a string',
    integer: 'a whole number',
    number: 'a number',
    boolean: 'true or false',
    object: 'a map of fields',
    array: 'a list',
  }
  let fix = ''
  if (value === null) fix = ' Give it a value or remove the line.'
  else if (
    (expected === 'integer' || expected === 'number') &&
    typeof value === 'string' &&
    value.trim() !== '' &&
    !Number.isNaN(Number(value))
  ) {
    fix = ' Write it without quotes.'
  } else if (expected === 'integer' && typeof value === 'number') fix = ' Drop the fraction.'
  else if (expected === 'boolean' && typeof value === 'string')
    fix = ' Write true or false without quotes.'
  else if (expected === 'string' && (typeof value === 'number' || typeof value === 'boolean'))
    fix = ' Put it in quotes.'
  else if (expected === 'array' && typeof value === 'string')
    fix = ` Write it as a list, like [${value}].`
  else if (expected === 'object' && path.length === 0)
    fix = ' Write its fields at the top level, like "name: posts-api".'
  else if (expected === 'object') fix = ' Write its fields on indented lines below it.'
  return `${field} must be ${wanted[expected] ?? expected}, got ${describeValue(value, path)}.${fix}`
}

/** Describes a value after "got"; header values are never echoed, as they may be secrets. */
export function describeValue(value: unknown, path: FieldPath): string {
  if (value === null || value === undefined) return 'nothing'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a map'
  if (isHeaderValue(path)) return `a ${typeof value}`
  if (typeof value === 'string') return `the string ${quoteValue(value, path)}`
  if (typeof value === 'number') return `the number ${value}`
  return String(value)
}

/** Quotes a string value for a message, shortened; header values are never echoed. */
export function quoteValue(value: unknown, path: FieldPath): string {
  if (isHeaderValue(path)) return '(value not shown)'
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 60 ? `${text.slice(0, 56)}…"` : text
}

function isHeaderValue(path: FieldPath): boolean {
  if (path[0] !== 'upstream' || path.length < 3) return false
  return path[1] === 'headers' || (path[1] === 'auth' && path[2] !== 'type')
}

function describeCronError(expression: string): string {
  // Loaded only to explain a bad expression: most runs never need it.
  const load = createRequire(import.meta.url)
  const steps = (
    load('../../schema/validator-formats.cjs') as {
      explainCronSteps(value: string): string | undefined
    }
  ).explainCronSteps(expression)
  if (steps) return steps
  const cron = load('node-cron') as typeof import('node-cron')
  const detail = cron.validateDetailed(expression).errors[0]
  return detail ? detail.message.replace(/\ba invalid\b/, 'an invalid') : 'it does not parse'
}

function environmentNote(value: unknown): string {
  return typeof value === 'string' && value.includes('${')
    ? ' Only upstream.baseUrl, upstream.headers and upstream.auth read ${VAR} from the environment.'
    : ''
}

function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}

/** `/alerts/email/0` → `['alerts', 'email', 0]`, with list indexes as numbers. */
function toFieldPath(pointer: string, data: unknown): (string | number)[] {
  if (!pointer) return []
  const path: (string | number)[] = []
  let node = data
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    if (Array.isArray(node)) {
      path.push(Number(segment))
      node = node[Number(segment)]
    } else {
      path.push(segment)
      node =
        node && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined
    }
  }
  return path
}
