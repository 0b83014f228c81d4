/**
 * Writes every control character but tab and line feed as a visible `\u001b`-style escape.
 * @note Finding text quotes what an upstream answered: a NUL or an ESC in it would reach
 * summary.md, junit.xml (XML 1.0 forbids most C0 controls), the console (where ESC starts a
 * terminal command) and alert e-mails. Escaping it once, where findings are made, keeps every
 * report clean while still showing that the byte was there.
 */
export function escapeControlBytes(text: string): string {
  return text.replace(
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}
