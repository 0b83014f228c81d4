import { parseDuration } from './duration.js'
import { describeFormatError, quoteValue } from './describe-schema-errors.js'
import { parseTemplate, type TemplatePart } from './env-template.js'
import { formatFieldPath, type FieldPath, type Problem } from './problem.js'

/**
 * Rules a JSON Schema cannot say: durations above zero, `${VAR}` syntax, URLs with
 * variables in them, and a spec that is either an http(s) URL or a path. Each check looks
 * only at values of the right type, so it can run beside the schema's own errors.
 */
export function checkContractValues(data: unknown): Problem[] {
  const problems: Problem[] = []
  checkDuration(data, ['freshness'], problems)
  checkDuration(data, ['alerts', 'remindEvery'], problems)
  checkDuration(data, ['alerts', 'sunsetNotice'], problems)
  const baseUrl = valueAt(data, ['upstream', 'baseUrl'])
  if (typeof baseUrl === 'string') checkBaseUrl(baseUrl, problems)
  const headers = valueAt(data, ['upstream', 'headers'])
  if (headers && typeof headers === 'object' && !Array.isArray(headers)) {
    for (const [name, value] of Object.entries(headers)) {
      if (typeof value === 'string') parseChecked(value, ['upstream', 'headers', name], problems)
    }
  }
  for (const field of ['username', 'password', 'tokenUrl', 'clientId', 'clientSecret'] as const) {
    const value = valueAt(data, ['upstream', 'auth', field])
    if (typeof value === 'string') parseChecked(value, ['upstream', 'auth', field], problems)
  }
  const argv = valueAt(data, ['upstream', 'auth', 'argv'])
  if (Array.isArray(argv)) {
    argv.forEach((value: unknown, index) => {
      if (typeof value === 'string')
        parseChecked(value, ['upstream', 'auth', 'argv', index], problems)
    })
  }
  const spec = valueAt(data, ['upstream', 'spec'])
  if (typeof spec === 'string' && /^[a-z][a-z0-9+.-]*:\/\//i.test(spec) && !isHttpUrl(spec)) {
    problems.push({
      path: ['upstream', 'spec'],
      at: 'value',
      message: `upstream.spec ${quoteValue(spec, [])} is neither an http(s) URL nor a path. Write a URL starting with http:// or https://, or a path relative to this file's folder.`,
    })
  }
  return problems
}

/** The checks of the config file the schema cannot say. */
export function checkConfigValues(data: unknown): Problem[] {
  const problems: Problem[] = []
  checkDuration(data, ['retention'], problems)
  checkDuration(data, ['defaults', 'freshness'], problems)
  checkDuration(data, ['defaults', 'alerts', 'remindEvery'], problems)
  checkDuration(data, ['defaults', 'alerts', 'sunsetNotice'], problems)
  return problems
}

function checkDuration(data: unknown, path: FieldPath, problems: Problem[]): void {
  const value = valueAt(data, path)
  // The schema's pattern already reports strings of the wrong shape.
  if (
    typeof value === 'string' &&
    /^(?:\d+(?:ms|s|m|h|d))+$/.test(value) &&
    parseDuration(value) === undefined
  ) {
    problems.push({
      path,
      at: 'value',
      message: describeFormatError(formatFieldPath(path), 'duration', value, path),
    })
  }
}

function checkBaseUrl(baseUrl: string, problems: Problem[]): void {
  const path = ['upstream', 'baseUrl']
  const parts = parseChecked(baseUrl, path, problems)
  // A URL that starts with a variable can only be checked once the environment is known.
  if (!parts || parts[0]?.kind !== 'text') return
  // A digit stands in for each variable so a host or a port made of one still parses.
  const sample = parts.map((part) => (part.kind === 'text' ? part.text : '1')).join('')
  if (!isHttpUrl(sample)) {
    problems.push({
      path,
      at: 'value',
      message: describeFormatError('upstream.baseUrl', 'templatedHttpUrl', baseUrl, path),
    })
  }
}

function parseChecked(
  value: string,
  path: FieldPath,
  problems: Problem[],
): TemplatePart[] | undefined {
  const parsed = parseTemplate(value)
  if (parsed.ok) return parsed.parts
  problems.push({
    path,
    at: 'value',
    message: `${formatFieldPath(path)} ${parsed.problem}. Write \${NAME} with letters, digits and underscores, or $\${ for a literal "\${".`,
  })
  return undefined
}

/** True for an absolute http or https URL with a host. */
export function isHttpUrl(text: string): boolean {
  if (!URL.canParse(text)) return false
  const url = new URL(text)
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== ''
}

function valueAt(data: unknown, path: FieldPath): unknown {
  let node = data
  for (const segment of path) {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return undefined
    node = (node as Record<string, unknown>)[segment]
  }
  return node
}
