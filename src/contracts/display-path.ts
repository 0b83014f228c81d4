import { isAbsolute, relative, sep } from 'node:path'

/** Names a file for messages: relative to `cwd` when inside it, so messages stay short. */
export function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file)
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return file
  return rel.split(sep).join('/')
}
