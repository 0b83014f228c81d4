/** Response headers as undici gives them: lower-case names, repeated headers as arrays. */
export type SignalHeaders = Readonly<Record<string, string | readonly string[] | undefined>>

/** One announcement by the upstream that an operation is going away. */
export interface DeprecationSignal {
  kind: 'deprecation' | 'sunset'
  /** The announced date (ISO 8601), when the header carried one that parses. */
  date?: string
  /** The header value as sent, when it carried a date that does not parse. */
  unparseable?: string
  /** The target of a `Link` with `rel="deprecation"` or `rel="sunset"`, when one was sent. */
  link?: string
}

/**
 * What a response's `Deprecation` (RFC 9745, and its drafts' `true` and HTTP-date forms),
 * `Sunset` (RFC 8594) and `Link` (`rel="deprecation"` / `rel="sunset"`) headers announce: at
 * most one signal per kind, with its date and link. Dates are parsed strictly; a value that
 * does not parse is still a signal, without a date, since the upstream meant to say something.
 */
export function readDeprecationSignals(headers: SignalHeaders): DeprecationSignal[] {
  const links = readLinkTargets(values(headers['link']))
  const signals: DeprecationSignal[] = []
  for (const kind of ['deprecation', 'sunset'] as const) {
    const raw = values(headers[kind]).join(', ').trim()
    const link = links.get(kind)
    if (raw === '' && link === undefined) continue
    const signal: DeprecationSignal = { kind }
    if (raw !== '') {
      const date = kind === 'deprecation' ? parseDeprecationDate(raw) : parseHttpDate(raw)
      if (date !== undefined) signal.date = date.toISOString().replace('.000Z', 'Z')
      // `Deprecation: true` (the drafts) says "deprecated" without a date: nothing is wrong with it.
      else if (!(kind === 'deprecation' && raw.toLowerCase() === 'true')) signal.unparseable = raw
    }
    if (link !== undefined) signal.link = link
    signals.push(signal)
  }
  return signals
}

/** RFC 9745's Structured Field Date (`@1688169599`), or the drafts' HTTP-date. */
export function parseDeprecationDate(value: string): Date | undefined {
  const sfDate = /^@(-?\d{1,15})$/.exec(value.trim())
  if (sfDate) {
    const date = new Date(Number(sfDate[1]) * 1000)
    return Number.isNaN(date.getTime()) ? undefined : date
  }
  return parseHttpDate(value)
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']

/**
 * An IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`, RFC 9110 §5.6.7), strictly: the right
 * weekday for the date, a real calendar day, GMT. `Date.parse` would take almost anything.
 */
export function parseHttpDate(value: string): Date | undefined {
  const m = /^(\w{3}), (\d{2}) (\w{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/.exec(value.trim())
  if (!m) return undefined
  const [, day, dd, mon, yyyy, hh, mi, ss] = m
  const month = MONTHS.indexOf(mon!)
  if (month < 0 || Number(hh) > 23 || Number(mi) > 59 || Number(ss) > 60) return undefined
  const date = new Date(
    Date.UTC(Number(yyyy), month, Number(dd), Number(hh), Number(mi), Math.min(59, Number(ss))),
  )
  if (date.getUTCDate() !== Number(dd) || DAYS[date.getUTCDay()] !== day) return undefined
  return date
}

/** The first target of each of `rel="deprecation"` and `rel="sunset"` among the Link values. */
function readLinkTargets(linkValues: readonly string[]): Map<string, string> {
  const targets = new Map<string, string>()
  for (const value of linkValues) {
    // link-value = "<" URI ">" *( ";" param ); commas split values except inside <> or quotes.
    for (const m of value.matchAll(
      /<([^>]*)>((?:\s*;\s*[^;,="]+(?:=(?:"(?:[^"\\]|\\.)*"|[^;,]*))?)*)/g,
    )) {
      const target = m[1]!.trim()
      for (const p of m[2]!.matchAll(/;\s*([^;,="\s]+)\s*(?:=\s*("(?:[^"\\]|\\.)*"|[^;,]*))?/g)) {
        if (p[1]!.toLowerCase() !== 'rel' || p[2] === undefined) continue
        const rels = p[2].replace(/^"|"$/g, '').toLowerCase().split(/\s+/)
        for (const rel of rels)
          if ((rel === 'deprecation' || rel === 'sunset') && !targets.has(rel))
            targets.set(rel, target)
      }
    }
  }
  return targets
}

function values(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return []
  return typeof value === 'string' ? [value] : [...value]
}
