/**
 * Stable error codes. A code never changes meaning once published: scripts and CI
 * jobs match on it. Add new codes; never rename one.
 */
export type UpcheckErrorCode =
  | 'USAGE' // bad command-line usage
  | 'CONTRACT_UNREADABLE' // a contract file cannot be read or parsed (YAML/JSON syntax)
  | 'CONTRACT_INVALID' // a contract parses but breaks the schema or a field rule
  | 'CONTRACT_DUPLICATE' // two contracts share a name
  | 'CONFIG_INVALID' // upcheck.config.yaml is unreadable or invalid
  | 'ENV_UNSET' // a ${VAR} the contract needs is not set
  | 'PACT_UNREADABLE' // a Pact file cannot be read or is not JSON
  | 'PACT_INVALID' // a Pact file is JSON but not a valid Pact document
  | 'RULE_INVALID' // a matching rule cannot be applied (bad regex, unknown matcher)
  | 'SPEC_UNREADABLE' // an OpenAPI document cannot be fetched or parsed
  | 'SPEC_INVALID' // an OpenAPI document parses but fails validation
  | 'SPEC_REF_REFUSED' // an external $ref pointed somewhere it may not
  | 'STORE_FAILED' // the state database cannot be opened or written
  | 'REPORTS_UNWRITABLE' // the reports folder cannot be created or written
  | 'ALERT_DELIVERY_FAILED' // an alert e-mail or webhook could not be delivered (it stays in the outbox)
  | 'SMTP_INVALID' // SMTP_URL / ALERT_FROM (or the config's smtp) is missing a part or malformed
  | 'SMTP_UNAVAILABLE' // the SMTP server cannot be reached, refused the connection, TLS or the login
  | 'RECORD_FAILED' // recording could not start or go on (port taken, command not found, Pact file not writable)
  | 'IMPORT_INVALID' // a file given to import is not a HAR 1.2 or Pact file, or an entry of it is malformed
  | 'HANDOFF_REFUSED' // owner accept with a key that is not the new owner's (exit 1)
  | 'AUTH_FAILED' // upstream.auth gave no token: the token endpoint refused or the command failed
  | 'INTERNAL' // a bug: please report it

/** Where in a file an error was found. Every field is optional: say what is known. */
export interface ErrorLocation {
  file?: string
  line?: number
  column?: number
  /** JSON path into the document, like `$.interactions[2].response` or `upstream.baseUrl`. */
  path?: string
}

/**
 * The one error type of upcheck. The message says what failed, where and what to do;
 * `code` is stable; `cause` keeps the low-level error that was translated.
 */
export class UpcheckError extends Error {
  override readonly name = 'UpcheckError'
  readonly code: UpcheckErrorCode
  readonly location?: ErrorLocation

  constructor(
    code: UpcheckErrorCode,
    message: string,
    options: { cause?: unknown; location?: ErrorLocation } = {},
  ) {
    super(message, { cause: options.cause })
    this.code = code
    this.location = options.location
  }
}

/** Throws an {@link UpcheckError} when `condition` is falsy. */
export function invariant(
  condition: unknown,
  code: UpcheckErrorCode,
  message: string,
  options?: { cause?: unknown; location?: ErrorLocation },
): asserts condition {
  if (!condition) throw new UpcheckError(code, message, options)
}

/** Formats `file:line:column` (or as much of it as is known) for the start of a message. */
export function formatLocation(location: ErrorLocation): string {
  let out = location.file ?? ''
  if (location.line !== undefined) out += `:${location.line}`
  if (location.line !== undefined && location.column !== undefined) out += `:${location.column}`
  return out
}
