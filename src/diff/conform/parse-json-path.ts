const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*/

/**
 * Reads back a path as the matcher writes it (`$.items[2]['first name']`) into segments
 * (`['items', 2, 'first name']`); `undefined` for anything else, such as a collapsed
 * `$.items[*].id` or a header name.
 */
export function parseJsonPath(path: string): (string | number)[] | undefined {
  if (!path.startsWith('$')) return undefined
  const segments: (string | number)[] = []
  let i = 1
  while (i < path.length) {
    const c = path[i]
    if (c === '.') {
      const name = IDENTIFIER.exec(path.slice(i + 1))?.[0]
      if (!name) return undefined
      segments.push(name)
      i += 1 + name.length
    } else if (c === '[' && path[i + 1] === "'") {
      let name = ''
      let j = i + 2
      for (; j < path.length && path[j] !== "'"; j++) {
        if (path[j] === '\\') j++
        name += path[j] ?? ''
      }
      if (path[j + 1] !== ']') return undefined
      segments.push(name)
      i = j + 2
    } else if (c === '[') {
      const digits = /^\[(\d+)\]/.exec(path.slice(i))
      if (!digits) return undefined
      segments.push(Number(digits[1]))
      i += digits[0].length
    } else return undefined
  }
  return segments
}
