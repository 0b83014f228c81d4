/** A place in a text, as editors show it: both 1-based. */
export interface TextPosition {
  line: number
  column: number
}

/**
 * The line and column of a character offset, for messages that name `file:line:column`. An
 * offset past the end is counted from the start of the last line.
 */
export function locateOffset(text: string, offset: number): TextPosition {
  let line = 1
  let lineStart = 0
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++
      lineStart = i + 1
    }
  }
  return { line, column: offset - lineStart + 1 }
}
