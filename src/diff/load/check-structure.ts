import { appendPointer, getAtPointer, pointerOfLocalRef } from '../json-pointer.js'

export interface StructureProblem {
  /** JSON pointer of the offending value. */
  pointer: string
  reason: string
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']
const LOCATIONS_3 = ['query', 'header', 'path', 'cookie']
const LOCATIONS_2 = ['query', 'header', 'path', 'formData', 'body']
const TYPES = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null', 'file']
const MAX_PROBLEMS = 20

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

/**
 * A fast check of what the diff relies on: the version field, `info`, `paths`, operations,
 * parameters, responses, schema keywords of the right kinds, and that every local `$ref`
 * resolves. It catches the mistakes that would make a diff wrong in one walk of the document;
 * swagger-parser's full validation (`validation: 'full'`) checks everything, slower.
 */
export function checkStructure(document: unknown): StructureProblem[] {
  const problems: StructureProblem[] = []
  const report = (pointer: string, reason: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ pointer, reason })
  }
  if (!isObject(document)) return [{ pointer: '', reason: 'the document is not an object' }]
  const swagger2 = document.swagger !== undefined
  if (swagger2) {
    if (document.swagger !== '2.0')
      report(
        '/swagger',
        `unsupported Swagger version ${JSON.stringify(document.swagger)}; expected "2.0"`,
      )
  } else if (typeof document.openapi !== 'string' || !/^3\.[01]\.\d+$/.test(document.openapi)) {
    report(
      '/openapi',
      `unsupported or missing OpenAPI version ${JSON.stringify(document.openapi)}; expected 3.0.x or 3.1.x`,
    )
    return problems
  }
  const is31 = !swagger2 && String(document.openapi).startsWith('3.1')
  if (!isObject(document.info)) report('/info', 'info is missing')
  else {
    if (typeof document.info.title !== 'string')
      report('/info/title', 'info.title must be a string')
    if (typeof document.info.version !== 'string')
      report('/info/version', 'info.version must be a string')
  }
  if (document.paths === undefined) {
    if (!is31 || (document.webhooks === undefined && document.components === undefined))
      report('/paths', 'paths is missing')
  } else if (!isObject(document.paths)) report('/paths', 'paths must be an object')
  else {
    for (const [path, item] of Object.entries(document.paths)) {
      const itemPtr = appendPointer('/paths', path)
      if (!path.startsWith('/') && !path.startsWith('x-'))
        report(itemPtr, 'a path must start with "/"')
      if (!isObject(item)) {
        report(itemPtr, 'a path item must be an object')
        continue
      }
      checkParameters(item.parameters, appendPointer(itemPtr, 'parameters'), swagger2, report)
      const collect = (into: Set<string>, list: unknown) => {
        if (!Array.isArray(list)) return
        for (const param of list)
          if (isObject(param) && param.in === 'path' && typeof param.name === 'string')
            into.add(param.name)
      }
      for (const method of METHODS) {
        const op = item[method]
        if (op === undefined) continue
        const opPtr = appendPointer(itemPtr, method)
        if (!isObject(op)) {
          report(opPtr, 'an operation must be an object')
          continue
        }
        checkParameters(op.parameters, appendPointer(opPtr, 'parameters'), swagger2, report)
        if (op.responses === undefined) {
          if (!is31) report(appendPointer(opPtr, 'responses'), 'responses is missing')
        } else if (!isObject(op.responses))
          report(appendPointer(opPtr, 'responses'), 'responses must be an object')
        if (item.$ref === undefined && !hasRefParameters(item.parameters, op.parameters)) {
          const names = new Set<string>()
          collect(names, item.parameters)
          collect(names, op.parameters)
          for (const match of path.matchAll(/\{([^}]+)\}/g)) {
            if (!names.has(match[1] as string))
              report(opPtr, `path parameter {${match[1]}} is not declared in parameters`)
          }
        }
      }
    }
  }
  walk(document, '', document, report)
  return problems
}

function hasRefParameters(...lists: unknown[]): boolean {
  return lists.some(
    (list) =>
      Array.isArray(list) &&
      list.some((param) => isObject(param) && typeof param.$ref === 'string'),
  )
}

function checkParameters(
  list: unknown,
  ptr: string,
  swagger2: boolean,
  report: (pointer: string, reason: string) => void,
): void {
  if (list === undefined) return
  if (!Array.isArray(list)) {
    report(ptr, 'parameters must be an array')
    return
  }
  list.forEach((param, index) => {
    const paramPtr = appendPointer(ptr, index)
    if (!isObject(param)) return report(paramPtr, 'a parameter must be an object')
    if (typeof param.$ref === 'string') return
    if (typeof param.name !== 'string')
      report(appendPointer(paramPtr, 'name'), 'a parameter needs a name')
    const locations = swagger2 ? LOCATIONS_2 : LOCATIONS_3
    if (!locations.includes(param.in as string))
      report(appendPointer(paramPtr, 'in'), `"in" must be one of ${locations.join(', ')}`)
    if (param.in === 'path' && param.required !== true)
      report(appendPointer(paramPtr, 'required'), 'a path parameter must be required: true')
  })
}

interface Visit {
  value: unknown
  parent: Visit | undefined
  key: string
  /** A map from names to values (`properties`, `schemas`, …): its keys are names, not keywords. */
  names: boolean
}

function pointerOf(visit: Visit): string {
  const keys: string[] = []
  for (let at: Visit | undefined = visit; at?.parent; at = at.parent)
    keys.push(at.key.replace(/~/g, '~0').replace(/\//g, '~1'))
  return keys.length === 0 ? '' : `/${keys.reverse().join('/')}`
}

const SCHEMA_SLOTS = new Set(['schema', 'items', 'additionalProperties', 'not'])
const SCHEMA_MAPS = new Set(['properties', 'schemas', 'definitions'])
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf'])
/**
 * Keys whose value maps names to things. A schema may have a property called `required` or
 * `type` (GitHub's REST description has several), and that is a name, not the keyword.
 */
const NAME_MAPS = new Set([
  'properties',
  'patternProperties',
  'schemas',
  'definitions',
  '$defs',
  'parameters',
  'responses',
  'headers',
  'requestBodies',
  'securitySchemes',
  'links',
  'callbacks',
  'pathItems',
  'webhooks',
  'content',
  'encoding',
])

/** Whether a value sits where a schema goes, judged by its key and its parent's. */
function isSchemaSlot(visit: Visit): boolean {
  const parentKey = visit.parent?.key ?? ''
  return SCHEMA_SLOTS.has(visit.key) || SCHEMA_MAPS.has(parentKey) || SCHEMA_LISTS.has(parentKey)
}

/**
 * Every local `$ref` must resolve; schema keywords must have the right kinds. Pointers are
 * built only for what is reported: a large document has hundreds of thousands of nodes.
 */
function walk(
  node: unknown,
  _ptr: string,
  root: unknown,
  report: (pointer: string, reason: string) => void,
): void {
  const stack: Visit[] = [{ value: node, parent: undefined, key: '', names: false }]
  const resolves = new Map<string, boolean>()
  while (stack.length > 0) {
    const visit = stack.pop() as Visit
    const value = visit.value
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) {
        const item = value[index]
        if (item !== null && typeof item === 'object')
          stack.push({ value: item, parent: visit, key: String(index), names: false })
      }
      continue
    }
    if (!isObject(value)) continue
    const ref = value.$ref
    if (typeof ref === 'string' && ref.startsWith('#')) {
      let ok = resolves.get(ref)
      if (ok === undefined) {
        const target = pointerOfLocalRef(ref)
        ok = target !== undefined && getAtPointer(root, target) !== undefined
        resolves.set(ref, ok)
      }
      if (!ok) report(`${pointerOf(visit)}/$ref`, `$ref ${ref} points at nothing`)
    }
    if (!visit.names) checkKeywords(visit, value, report)
    for (const key in value) {
      // Examples are data, not schema: never look inside them.
      if (key === 'example' || key === 'examples' || key === 'x-examples') continue
      const child = value[key]
      if (child !== null && typeof child === 'object')
        // The value of a name map is a thing, whatever its name: never a name map itself.
        stack.push({ value: child, parent: visit, key, names: !visit.names && NAME_MAPS.has(key) })
    }
  }
}

/** The kinds of `type` and `required`, on an object that is not a name map. */
function checkKeywords(
  visit: Visit,
  value: Record<string, unknown>,
  report: (pointer: string, reason: string) => void,
): void {
  const type = value.type
  if (typeof type === 'string' && !TYPES.includes(type) && isSchemaSlot(visit))
    report(`${pointerOf(visit)}/type`, `unknown type "${type}"`)
  if (
    value.required !== undefined &&
    !Array.isArray(value.required) &&
    typeof value.required !== 'boolean'
  ) {
    report(
      `${pointerOf(visit)}/required`,
      'required must be an array of names (or a boolean on a parameter)',
    )
  }
}
