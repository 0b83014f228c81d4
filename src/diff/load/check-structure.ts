import { appendPointer, getAtPointer, pointerOfLocalRef } from '../json-pointer.js'
import { hasExternalRefs } from './find-external-refs.js'

export interface StructureProblem {
  /** JSON pointer of the offending value. */
  pointer: string
  reason: string
}

export interface StructureCheck {
  /** At most 20. */
  problems: StructureProblem[]
  /** Whether a `$ref` points outside the document: it must be bundled (and checked again). */
  externalRefs: boolean
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
 * resolves. It catches the mistakes that would make a diff wrong in one walk of the document,
 * which also finds whether the document has external refs; swagger-parser's full validation
 * (`validation: 'full'`) checks everything, slower.
 */
export function checkStructure(document: unknown): StructureCheck {
  const problems: StructureProblem[] = []
  const report = (pointer: string, reason: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ pointer, reason })
  }
  if (!isObject(document))
    return {
      problems: [{ pointer: '', reason: 'the document is not an object' }],
      externalRefs: false,
    }
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
    return { problems, externalRefs: hasExternalRefs(document) }
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
  const walk = new StructureWalk(document, report)
  walk.visit(document, '', '', false)
  return { problems, externalRefs: walk.externalRefs }
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
/** Deeper than any real document; a deeper one is reported rather than overflowing the stack. */
const MAX_DEPTH = 1000

type Report = (pointer: string, reason: string) => void

/** One walk of the document, recursive with one shared key path: no object per node. */
class StructureWalk {
  /** The keys from the root to the node being visited. */
  private readonly keys: (string | number)[] = []
  private readonly resolves = new Map<string, boolean>()
  externalRefs = false

  constructor(
    private readonly root: unknown,
    private readonly report: Report,
  ) {}

  /** The pointer of the node being visited, built only for what is reported. */
  private pointer(): string {
    let out = ''
    for (const key of this.keys)
      out += `/${typeof key === 'number' ? key : key.replace(/~/g, '~0').replace(/\//g, '~1')}`
    return out
  }

  /**
   * Every local `$ref` must resolve; schema keywords must have the right kinds. `names`: the
   * node maps names to things (`properties`), so its keys are not keywords.
   */
  visit(value: object, key: string | number, parentKey: string | number, names: boolean): void {
    if (this.keys.length > MAX_DEPTH) {
      this.report(this.pointer(), `nested deeper than ${MAX_DEPTH} levels`)
      return
    }
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) {
        const item: unknown = value[index]
        if (item === null || typeof item !== 'object') continue
        this.keys.push(index)
        this.visit(item, index, key, false)
        this.keys.pop()
      }
      return
    }
    const node = value as Record<string, unknown>
    const ref = node.$ref
    if (typeof ref === 'string') {
      if (ref.startsWith('#')) this.checkRef(ref)
      else this.externalRefs = true
    }
    if (!names) this.checkKeywords(node, key, parentKey)
    for (const child in node) {
      // Examples are data, not schema: never look inside them.
      if (child === 'example' || child === 'examples' || child === 'x-examples') continue
      const inner = node[child]
      if (inner === null || typeof inner !== 'object') continue
      this.keys.push(child)
      // The value of a name map is a thing, whatever its name: never a name map itself.
      this.visit(inner, child, key, !names && NAME_MAPS.has(child))
      this.keys.pop()
    }
  }

  private checkRef(ref: string): void {
    let ok = this.resolves.get(ref)
    if (ok === undefined) {
      const target = pointerOfLocalRef(ref)
      ok = target !== undefined && getAtPointer(this.root, target) !== undefined
      this.resolves.set(ref, ok)
    }
    if (!ok) this.report(`${this.pointer()}/$ref`, `$ref ${ref} points at nothing`)
  }

  /** The kinds of `type` and `required`, on an object that is not a name map. */
  private checkKeywords(
    node: Record<string, unknown>,
    key: string | number,
    parentKey: string | number,
  ): void {
    const type = node.type
    // Where a schema goes, judged by its key and its parent's.
    const inSchemaSlot =
      SCHEMA_SLOTS.has(key as string) ||
      SCHEMA_MAPS.has(parentKey as string) ||
      SCHEMA_LISTS.has(parentKey as string)
    if (typeof type === 'string' && !TYPES.includes(type) && inSchemaSlot)
      this.report(`${this.pointer()}/type`, `unknown type "${type}"`)
    const required = node.required
    if (required !== undefined && !Array.isArray(required) && typeof required !== 'boolean')
      this.report(
        `${this.pointer()}/required`,
        'required must be an array of names (or a boolean on a parameter)',
      )
  }
}
