import type { Finding, Mismatch } from '../model/index.js'

/**
 * What a mismatch means when nothing says the difference is allowed: the recording never saw
 * it, and no baseline speaks for it.
 *
 * A value that turned `null`, a key that is gone, a list that came back empty are `warning`s:
 * that is what data drift looks like (a nullable field, an optional property, a search with no
 * results), and one answer cannot tell it from a field the upstream stopped sending. A value of
 * another type, another shape or another status is `breaking`: no data drift does that.
 *
 * @note Measured on the drift test (random data valid against five documents, ten verifies
 * each): treating these as breaking made every verify broken; as warnings, every verify is
 * verified. A field the upstream stops sending is caught by the spec check and by the
 * baseline's rules when the contract pins one; without a baseline it is a warning on every run.
 */
export function gradeMismatch(mismatch: Mismatch): Finding['severity'] {
  if (mismatch.part !== 'body') return 'breaking'
  if (mismatch.actual === 'null' || mismatch.actual === 'nothing') return 'warning'
  if (mismatch.actual === '0 items' && /^at least /.test(mismatch.expected)) return 'warning'
  return 'breaking'
}
