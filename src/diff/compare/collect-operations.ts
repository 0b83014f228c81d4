import { appendPointer } from '../json-pointer.js'
import {
  DocumentView,
  entriesOf,
  isObject,
  type JsonObject,
  type Located,
  type Resolved,
} from './document-view.js'

export const HTTP_METHODS = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
] as const

export interface ParameterEntry {
  /** Identity across documents: `query:limit`, `header:x-id` (lower case), `path#0` (by position). */
  key: string
  name: string
  in: string
  /** Where the parameter's content is (after `$ref`). */
  ptr: string
  node: JsonObject
}

export interface OperationEntry {
  method: string
  /** The path as written (`/pets/{petId}`), or the webhook's name. */
  path: string
  /** `GET /pets/{petId}`, or `POST webhook:petCreated`. */
  label: string
  webhook: boolean
  /** Method and path with the servers' path prefix, parameter names erased: `get /v1/pets/{}`. */
  key: string
  /** The same without the prefix, to match operations whose prefix moved. */
  bareKey: string
  /** The path part of the first server URL that applies (`/v1`), or ``. */
  prefix: string
  ptr: string
  node: JsonObject
  /** Path-level parameters overridden by operation-level ones, as the spec says. */
  parameters: ParameterEntry[]
  /** The effective security requirements, and where they were written. */
  security: { ptr: string; requirements: unknown[] } | undefined
}

/** The path part of a server URL, with variables set to their defaults and no trailing slash. */
export function serverPathPrefix(server: unknown): string {
  if (!isObject(server) || typeof server.url !== 'string') return ''
  const variables = isObject(server.variables) ? server.variables : {}
  const url = server.url.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const variable = variables[name]
    return isObject(variable) && typeof variable.default === 'string' ? variable.default : whole
  })
  let path: string
  try {
    path = new URL(url, 'http://relative.invalid').pathname
  } catch {
    path = url
  }
  try {
    path = decodeURI(path)
  } catch {
    // A malformed escape stays as written.
  }
  path = path.replace(/\/+$/, '')
  return path === '/' ? '' : path
}

/** Names of a path template's parameters, in order. */
export function templateParameterNames(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] as string)
}

/** `/pets/{petId}` → `/pets/{}`: templates that differ only in parameter names are one path. */
export function erasePathParameterNames(path: string): string {
  return path.replace(/\{[^}]*\}/g, '{}')
}

function collectParameters(
  view: DocumentView,
  path: string,
  lists: (Located | undefined)[],
): ParameterEntry[] {
  const names = templateParameterNames(path)
  const byKey = new Map<string, ParameterEntry>()
  for (const list of lists) {
    if (!list || !Array.isArray(list.node)) continue
    list.node.forEach((raw, index) => {
      const param = view.resolve<unknown>(appendPointer(list.ptr, index), raw)
      if (
        !isObject(param.node) ||
        typeof param.node.name !== 'string' ||
        typeof param.node.in !== 'string'
      )
        return
      const { name, in: location } = param.node as { name: string; in: string }
      let key = `${location}:${name}`
      if (location === 'header') key = `header:${name.toLowerCase()}`
      else if (location === 'path') {
        const position = names.indexOf(name)
        key = position >= 0 ? `path#${position}` : `path:${name}`
      }
      byKey.set(key, { key, name, in: location, ptr: param.ptr, node: param.node })
    })
  }
  return [...byKey.values()]
}

/** Every operation of a document (paths and 3.1 webhooks). */
export function collectOperations(view: DocumentView): OperationEntry[] {
  const out: OperationEntry[] = []
  const root = view.root
  const rootServers = Array.isArray(root.servers) ? root.servers : undefined
  const rootSecurity = Array.isArray(root.security)
    ? { ptr: '/security', requirements: root.security }
    : undefined
  // Operations share a few server objects: parse each server URL once, not once an operation.
  const prefixes = new Map<unknown, string>()
  const prefixOf = (server: unknown) => {
    let prefix = prefixes.get(server)
    if (prefix === undefined) {
      prefix = serverPathPrefix(server)
      prefixes.set(server, prefix)
    }
    return prefix
  }
  const add = (webhook: boolean, container: string, name: string, rawItem: unknown) => {
    const item: Resolved = view.resolve(appendPointer(container, name), rawItem)
    if (!isObject(item.node)) return
    const itemNode = item.node
    const itemServers = Array.isArray(itemNode.servers) ? itemNode.servers : undefined
    const itemParameters = view.child(item, 'parameters')
    for (const method of HTTP_METHODS) {
      const raw = itemNode[method]
      if (!isObject(raw)) continue
      const opPtr = appendPointer(item.ptr, method)
      const node = raw
      const servers = Array.isArray(node.servers) ? node.servers : (itemServers ?? rootServers)
      const prefix = webhook ? '' : prefixOf(servers?.[0])
      const bare = webhook ? `webhook:${name}` : erasePathParameterNames(name)
      const security = Array.isArray(node.security)
        ? { ptr: appendPointer(opPtr, 'security'), requirements: node.security }
        : rootSecurity
      out.push({
        method,
        path: name,
        label: `${method.toUpperCase()} ${webhook ? `webhook:${name}` : name}`,
        webhook,
        key: `${method} ${prefix}${bare}`,
        bareKey: `${method} ${bare}`,
        prefix,
        ptr: opPtr,
        node,
        parameters: collectParameters(view, name, [
          itemParameters,
          view.child({ ptr: opPtr, node }, 'parameters'),
        ]),
        security,
      })
    }
  }
  for (const [path, item] of entriesOf(root.paths)) add(false, '/paths', path, item)
  for (const [name, item] of entriesOf(root.webhooks)) add(true, '/webhooks', name, item)
  return out
}

/**
 * Pairs the operations of two documents: by method and path (with server prefix, parameter
 * names erased), then, for what is left, by method and path alone when that is unambiguous,
 * so a moved base path is one change per operation rather than every operation removed.
 */
export function matchOperations(
  base: OperationEntry[],
  rev: OperationEntry[],
): {
  pairs: [OperationEntry, OperationEntry][]
  removed: OperationEntry[]
  added: OperationEntry[]
} {
  const pairs: [OperationEntry, OperationEntry][] = []
  const revByKey = new Map<string, OperationEntry>()
  for (const op of rev) if (!revByKey.has(op.key)) revByKey.set(op.key, op)
  const used = new Set<OperationEntry>()
  const leftBase: OperationEntry[] = []
  for (const op of base) {
    const match = revByKey.get(op.key)
    if (match && !used.has(match)) {
      used.add(match)
      pairs.push([op, match])
    } else leftBase.push(op)
  }
  const leftRev = rev.filter((op) => !used.has(op))
  const countBare = (ops: OperationEntry[]) => {
    const counts = new Map<string, number>()
    for (const op of ops) counts.set(op.bareKey, (counts.get(op.bareKey) ?? 0) + 1)
    return counts
  }
  const baseCounts = countBare(leftBase)
  const revCounts = countBare(leftRev)
  const removed: OperationEntry[] = []
  for (const op of leftBase) {
    const match = leftRev.find(
      (candidate) => candidate.bareKey === op.bareKey && !used.has(candidate),
    )
    if (match && baseCounts.get(op.bareKey) === 1 && revCounts.get(op.bareKey) === 1) {
      used.add(match)
      pairs.push([op, match])
    } else removed.push(op)
  }
  return { pairs, removed, added: rev.filter((op) => !used.has(op)) }
}
