import { getAtPointer, pointerOfLocalRef } from '../json-pointer.js'

export type JsonObject = Record<string, unknown>

/** A value as found in the document, with the pointer where it sits. */
export interface Located<T = unknown> {
  ptr: string
  node: T
}

/**
 * A subschema slot whose pointer is built only when asked: a large document has hundreds of
 * thousands of subschemas and few of them are ever reported.
 */
export class ChildSlot implements Located {
  private built: string | undefined

  constructor(
    readonly node: unknown,
    private readonly owner: Located,
    private readonly keyword: string,
    private readonly name?: string | number,
  ) {}

  get ptr(): string {
    if (this.built === undefined) {
      this.built = `${this.owner.ptr}/${this.keyword}`
      if (this.name !== undefined)
        this.built += `/${String(this.name).replace(/~/g, '~0').replace(/\//g, '~1')}`
    }
    return this.built
  }
}

/** A resolved value: `ptr` is where the content lives, `via` every pointer passed to get there. */
export interface Resolved<T = unknown> extends Located<T> {
  via: readonly string[]
}

export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/**
 * Read access to one OpenAPI 3.x document: follows local `$ref`s lazily, so a document with
 * circular references is never expanded. A `$ref` whose target is missing resolves to an
 * empty object (a lenient document may have one; the strict loader rejects it).
 */
export class DocumentView {
  readonly root: JsonObject
  readonly is31: boolean
  private readonly targets = new Map<string, Located | undefined>()

  constructor(root: JsonObject) {
    this.root = root
    this.is31 = typeof root.openapi === 'string' && root.openapi.startsWith('3.1')
  }

  /** The target of one local `$ref` string, memoised. */
  private target(ref: string): Located | undefined {
    if (this.targets.has(ref)) return this.targets.get(ref)
    const ptr = pointerOfLocalRef(ref)
    const node = ptr === undefined ? undefined : getAtPointer(this.root, ptr)
    const found = ptr !== undefined && node !== undefined ? { ptr, node } : undefined
    this.targets.set(ref, found)
    return found
  }

  /** Follows a chain of `$ref`s from a value at `ptr`, stopping at a loop or a dead end. */
  resolve<T = unknown>(ptr: string, node: unknown): Resolved<T> {
    const via = [ptr]
    let current: Located = { ptr, node }
    for (let hops = 0; hops < 64; hops++) {
      const ref = isObject(current.node) ? current.node.$ref : undefined
      if (typeof ref !== 'string') break
      const next = this.target(ref)
      if (!next) return { ptr: current.ptr, node: {} as T, via }
      if (via.includes(next.ptr)) break
      via.push(next.ptr)
      current = next
    }
    return { ptr: current.ptr, node: current.node as T, via }
  }

  private readonly contents = new Map<string, Located>()

  /**
   * Where a slot's content is: the slot itself, or the end of its `$ref` chain (memoised per
   * ref). A dead or looping chain ends at an empty object.
   */
  content(slot: Located): Located {
    const node = slot.node
    if (!isObject(node) || typeof node.$ref !== 'string') return slot
    const known = this.contents.get(node.$ref)
    if (known) return known
    const resolved = this.resolve(slot.ptr, node)
    const found =
      isObject(resolved.node) && typeof resolved.node.$ref === 'string'
        ? { ptr: resolved.ptr, node: {} }
        : resolved
    const content = { ptr: found.ptr, node: found.node }
    this.contents.set(node.$ref, content)
    return content
  }

  /** Resolves the value at a pointer of the document. */
  at<T = unknown>(ptr: string): Resolved<T> | undefined {
    const node = getAtPointer(this.root, ptr)
    return node === undefined ? undefined : this.resolve<T>(ptr, node)
  }

  /** Resolves a child of an object: `child(parent, 'responses')`. */
  child<T = unknown>(parent: Located, key: string | number): Resolved<T> | undefined {
    if (parent.node === null || typeof parent.node !== 'object') return undefined
    const node = (parent.node as Record<string | number, unknown>)[key]
    if (node === undefined) return undefined
    return this.resolve<T>(
      `${parent.ptr}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`,
      node,
    )
  }
}

/** Own enumerable entries of an object value, or none. */
export function entriesOf(value: unknown): [string, unknown][] {
  return isObject(value) ? Object.entries(value) : []
}
