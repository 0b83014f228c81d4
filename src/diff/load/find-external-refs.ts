/** Whether any `$ref` in the document points outside it (anything not starting with `#`). */
export function hasExternalRefs(document: unknown): boolean {
  const stack: unknown[] = [document]
  while (stack.length > 0) {
    const node = stack.pop()
    if (node === null || typeof node !== 'object') continue
    if (Array.isArray(node)) {
      for (const item of node) if (item !== null && typeof item === 'object') stack.push(item)
      continue
    }
    for (const key in node) {
      const value = (node as Record<string, unknown>)[key]
      if (key === '$ref' && typeof value === 'string' && !value.startsWith('#')) return true
      if (value !== null && typeof value === 'object') stack.push(value)
    }
  }
  return false
}
