import {
  UpcheckError,
  formatLocation,
  type Contract,
  type ErrorLocation,
  type UpstreamAuth,
} from '../model/index.js'
import { isHttpUrl } from './check-values.js'
import { locateField } from './contract-sources.js'
import { expandTemplate, parseTemplate } from './env-template.js'

/** A contract's upstream with every `${VAR}` filled in. Lives in memory only: never write it out. */
export interface ResolvedUpstream {
  baseUrl: string
  /** URL or absolute path of the live spec, when set. */
  spec?: string
  headers: Record<string, string>
  /**
   * Auth that needs a token fetched at run time, filled in. `basic` auth is not here: it is
   * already an `Authorization` header in `headers`.
   */
  auth?: TokenAuth
  /**
   * Every value that came from the environment, longest first, so that a later layer can
   * scrub them from whatever it writes (a shorter secret may be part of a longer one).
   */
  secrets: string[]
}

/** `upstream.auth` whose token is fetched (oauth2) or printed (command) at run time. */
export type TokenAuth = Exclude<UpstreamAuth, { type: 'basic' }>

/** The environment, passed in rather than read from `process.env`. */
export type Environment = Readonly<Record<string, string | undefined>>

/**
 * Fills the `${VAR}` templates of `upstream.baseUrl` and `upstream.headers` from `env`.
 * Throws `ENV_UNSET` naming every unset (or empty) variable with its file, line, column and
 * field, and `CONTRACT_INVALID` when a filled value is unusable; messages never show a value
 * that came from the environment.
 */
export function resolveUpstream(contract: Contract, env: Environment): ResolvedUpstream {
  const secrets = new Set<string>()
  const unset: { where: ErrorLocation; message: string }[] = []
  const fill = (
    value: string,
    path: (string | number)[],
    encode?: (value: string, before: string) => string,
  ): string => {
    const parsed = parseTemplate(value)
    // The loader rejects bad templates; a hand-built contract keeps its value literally.
    if (!parsed.ok) return value
    const expanded = expandTemplate(parsed.parts, env, encode)
    for (const secret of expanded.secrets) secrets.add(secret)
    for (const name of expanded.unset) {
      const where = locateField(contract, path, name)
      const message = `${formatLocation(where)}: ${where.path} needs the environment variable ${name}, which is not set. Set ${name} before running upcheck.`
      unset.push({ where, message })
    }
    return expanded.value
  }

  const baseUrl = fill(contract.upstream.baseUrl, ['upstream', 'baseUrl'], encodeInQuery)
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(contract.upstream.headers)) {
    headers[name] = fill(value, ['upstream', 'headers', name])
  }
  const auth = fillAuth(contract.upstream.auth, fill)
  if (auth?.type === 'basic') {
    // @note The encoded pair is what goes on the wire, so it is a secret of its own.
    const credentials = Buffer.from(`${auth.username}:${auth.password}`).toString('base64')
    headers.Authorization = `Basic ${credentials}`
    secrets.add(credentials)
    secrets.add(auth.password)
  }
  if (auth?.type === 'oauth2-client-credentials') secrets.add(auth.clientSecret)
  if (unset.length > 0) {
    throw new UpcheckError('ENV_UNSET', unset.map((entry) => entry.message).join('\n'), {
      location: unset[0]!.where,
    })
  }
  if (!isHttpUrl(baseUrl)) {
    throw unusable(
      contract,
      ['upstream', 'baseUrl'],
      'is not an http(s) URL once its variables are filled in. Check the variables it reads',
    )
  }
  if (auth?.type === 'oauth2-client-credentials' && !isHttpUrl(auth.tokenUrl)) {
    throw unusable(
      contract,
      ['upstream', 'auth', 'tokenUrl'],
      'is not an http(s) URL once its variables are filled in. Check the variables it reads',
    )
  }
  for (const [name, value] of Object.entries(headers)) {
    // A line break from the environment would smuggle another header into every probe.
    if (/[\r\n\0]/.test(value)) {
      throw unusable(
        contract,
        ['upstream', 'headers', name],
        'holds a line break once its variables are filled in. Remove it from the variable',
      )
    }
  }
  return {
    baseUrl,
    ...(contract.upstream.spec !== undefined && { spec: contract.upstream.spec }),
    headers,
    ...(auth && auth.type !== 'basic' && { auth }),
    secrets: [...secrets].sort((a, b) => b.length - a.length),
  }
}

/** Fills the `${VAR}` templates of `upstream.auth`; a literal secret is still a secret. */
function fillAuth(
  auth: UpstreamAuth | undefined,
  fill: (value: string, path: (string | number)[]) => string,
): UpstreamAuth | undefined {
  if (!auth) return undefined
  const at = (field: string) => ['upstream', 'auth', field]
  switch (auth.type) {
    case 'basic':
      return {
        type: 'basic',
        username: fill(auth.username, at('username')),
        password: fill(auth.password, at('password')),
      }
    case 'oauth2-client-credentials':
      return {
        ...auth,
        tokenUrl: fill(auth.tokenUrl, at('tokenUrl')),
        clientId: fill(auth.clientId, at('clientId')),
        clientSecret: fill(auth.clientSecret, at('clientSecret')),
      }
    case 'command':
      return {
        ...auth,
        argv: auth.argv.map((arg, index) => fill(arg, ['upstream', 'auth', 'argv', index])),
      }
  }
}

/**
 * A variable in the base URL's query stands for one value: `+`, `%`, `&` and `#` in it would
 * change the query on the wire (or cut it off), so it is percent-encoded. One in the origin or
 * path is a location (`${API_ORIGIN}/v1`) and goes in as written.
 */
function encodeInQuery(value: string, before: string): string {
  return before.includes('?') ? encodeURIComponent(value) : value
}

function unusable(contract: Contract, path: (string | number)[], problem: string): UpcheckError {
  const where = locateField(contract, path)
  return new UpcheckError(
    'CONTRACT_INVALID',
    `${formatLocation(where)}: ${where.path} ${problem}.`,
    { location: where },
  )
}
