import { UpcheckError } from '../../model/upcheck-error.js'

/**
 * Where a document's external `$ref`s may point:
 * - a document fetched from a URL may reach only its own origin (scheme, host and port), over
 *   http(s); never a `file:` path, so a remote document cannot read the local disk;
 * - a document read from a file may reach other files (a multi-file spec on disk is the
 *   user's own), but no URL unless its origin is listed in `allowedOrigins`: reading a local
 *   file should not make requests nobody asked for.
 */
export interface RefPolicy {
  /** The root document's URL, or undefined for a file. */
  rootOrigin?: string
  /** Origins (like `https://specs.example.com`) a document may also fetch refs from. */
  allowedOrigins: readonly string[]
}

export function isUrl(source: string): boolean {
  return /^https?:\/\//i.test(source)
}

/** Throws SPEC_REF_REFUSED when `target` (an absolute URL or path) is out of bounds. */
export function checkRef(policy: RefPolicy, target: string, from: string): void {
  const refuse = (why: string) => {
    throw new UpcheckError(
      'SPEC_REF_REFUSED',
      `${from}: refused the external $ref to ${target}: ${why}. Bundle the document into one file, or serve the referenced part from the same origin.`,
      { location: { file: from } },
    )
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(target)?.[1]?.toLowerCase()
  // One letter is a Windows drive, not a scheme.
  const isPath = scheme === undefined || scheme.length === 1
  if (policy.rootOrigin !== undefined) {
    if (isPath || scheme === 'file')
      refuse('a document fetched from a URL may not read local files')
    if (scheme !== 'http' && scheme !== 'https') refuse(`the ${scheme}: scheme is not allowed`)
    const origin = new URL(target).origin
    if (origin !== policy.rootOrigin && !policy.allowedOrigins.includes(origin)) {
      refuse(`it is on ${origin}, not on the document's own origin ${policy.rootOrigin}`)
    }
    return
  }
  if (isPath || scheme === 'file') return
  if (scheme !== 'http' && scheme !== 'https') refuse(`the ${scheme}: scheme is not allowed`)
  const origin = new URL(target).origin
  if (!policy.allowedOrigins.includes(origin))
    refuse(
      `a document read from a file may fetch refs only from allowed origins, and ${origin} is not one`,
    )
}
