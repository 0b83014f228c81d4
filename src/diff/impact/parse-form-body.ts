/**
 * Reads an `application/x-www-form-urlencoded` body into the nested value its bracket keys
 * describe (`card[number]=4242&expand[]=customer` → `{card: {number: '4242'}, expand: ['customer']}`),
 * so field paths of form bodies (Stripe's style) can be matched against the schema.
 */
export function parseFormBody(text: string): Record<string, unknown> {
  const root: Record<string, unknown> = {}
  for (const [key, value] of new URLSearchParams(text)) {
    const [head, ...rest] = key.split('[')
    const path = [head ?? '', ...rest.map((part) => part.replace(/\]$/, ''))]
    let node: Record<string, unknown> | unknown[] = root
    path.forEach((segment, index) => {
      const last = index === path.length - 1
      const nextIsList =
        !last && (path[index + 1] === '' || /^\d+$/.test(path[index + 1] as string))
      const container = node as Record<string, unknown> & unknown[]
      if (Array.isArray(node) && segment === '') {
        if (last) node.push(value)
        else {
          const child = nextIsList ? [] : {}
          node.push(child)
          node = child
        }
        return
      }
      if (last) {
        container[segment as never] = value as never
        return
      }
      const existing = container[segment as never] as unknown
      const child =
        existing !== null && typeof existing === 'object' ? existing : nextIsList ? [] : {}
      container[segment as never] = child as never
      node = child as Record<string, unknown>
    })
  }
  return root
}
