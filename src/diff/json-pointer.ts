/**
 * RFC 6901 JSON pointers, the way every change points into the base and revision documents.
 * `''` is the whole document; `/paths/~1pets/get` is `paths["/pets"].get`.
 */

export function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1')
}

export function unescapePointerToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~')
}

/** Appends tokens to a pointer, escaping each. */
export function appendPointer(pointer: string, ...tokens: (string | number)[]): string {
  let out = pointer
  for (const token of tokens) out += '/' + escapePointerToken(String(token))
  return out
}

/** The tokens of a pointer, unescaped. */
export function splitPointer(pointer: string): string[] {
  if (pointer === '') return []
  return pointer.slice(1).split('/').map(unescapePointerToken)
}

/** The value at `pointer`, or `undefined` when any step is missing. */
export function getAtPointer(document: unknown, pointer: string): unknown {
  let node = document
  for (const token of splitPointer(pointer)) {
    if (node === null || typeof node !== 'object') return undefined
    if (Array.isArray(node)) {
      if (!/^(0|[1-9]\d*)$/.test(token)) return undefined
      node = node[Number(token)]
    } else {
      if (!Object.prototype.hasOwnProperty.call(node, token)) return undefined
      node = (node as Record<string, unknown>)[token]
    }
  }
  return node
}

/**
 * The pointer of a local `$ref` (`#/components/schemas/Pet`), or `undefined` for a ref
 * into another document. Percent-encoding is decoded, as URI fragments require.
 */
export function pointerOfLocalRef(ref: string): string | undefined {
  if (!ref.startsWith('#')) return undefined
  const fragment = ref.slice(1)
  try {
    return decodeURIComponent(fragment)
  } catch {
    return fragment
  }
}
