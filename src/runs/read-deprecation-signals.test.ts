import { describe, expect, it } from 'vitest'
import {
  parseDeprecationDate,
  parseHttpDate,
  readDeprecationSignals,
} from './read-deprecation-signals.js'

describe('readDeprecationSignals', () => {
  it('reads RFC 9745 Deprecation as a Structured Field Date', () => {
    expect(readDeprecationSignals({ deprecation: '@1688169599' })).toEqual([
      { kind: 'deprecation', date: '2023-06-30T23:59:59Z' },
    ])
  })

  it("accepts the drafts' Deprecation: true (no date) and an HTTP-date", () => {
    expect(readDeprecationSignals({ deprecation: 'true' })).toEqual([{ kind: 'deprecation' }])
    expect(readDeprecationSignals({ deprecation: 'Fri, 30 Jun 2023 23:59:59 GMT' })).toEqual([
      { kind: 'deprecation', date: '2023-06-30T23:59:59Z' },
    ])
  })

  it('reads Sunset as an HTTP-date (RFC 8594)', () => {
    expect(readDeprecationSignals({ sunset: 'Sat, 31 Dec 2033 23:59:59 GMT' })).toEqual([
      { kind: 'sunset', date: '2033-12-31T23:59:59Z' },
    ])
  })

  it('keeps an unparseable date as a signal without a date', () => {
    expect(readDeprecationSignals({ sunset: '2033-12-31', deprecation: 'soon' })).toEqual([
      { kind: 'deprecation', unparseable: 'soon' },
      { kind: 'sunset', unparseable: '2033-12-31' },
    ])
  })

  it('finds rel="deprecation" and rel="sunset" among several links and rels, in any case', () => {
    const link =
      '<https://api.example/v2>; rel="successor-version", <https://docs.example/dep>; type="text/html"; REL="alternate Deprecation", <https://docs.example/sun>;rel=sunset'
    expect(readDeprecationSignals({ link })).toEqual([
      { kind: 'deprecation', link: 'https://docs.example/dep' },
      { kind: 'sunset', link: 'https://docs.example/sun' },
    ])
  })

  it('reads repeated Link headers and pairs a link with its header', () => {
    expect(
      readDeprecationSignals({
        sunset: 'Sat, 31 Dec 2033 23:59:59 GMT',
        link: ['<https://a.example/>; rel="next"', '<https://docs.example/s>; rel="sunset"'],
      }),
    ).toEqual([{ kind: 'sunset', date: '2033-12-31T23:59:59Z', link: 'https://docs.example/s' }])
  })

  it('says nothing for a response without signals or with unrelated links', () => {
    expect(readDeprecationSignals({})).toEqual([])
    expect(readDeprecationSignals({ link: '<https://a.example/>; rel="next"' })).toEqual([])
    expect(readDeprecationSignals({ link: '<https://a.example/sunset>; title="sunset"' })).toEqual(
      [],
    )
  })
})

describe('parseHttpDate', () => {
  it('parses an IMF-fixdate', () => {
    expect(parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT')?.toISOString()).toBe(
      '1994-11-06T08:49:37.000Z',
    )
  })

  it.each([
    ['the wrong weekday', 'Mon, 06 Nov 1994 08:49:37 GMT'],
    ['a day that does not exist', 'Thu, 31 Feb 2033 00:00:00 GMT'],
    ['a time zone other than GMT', 'Sun, 06 Nov 1994 08:49:37 +0000'],
    ['ISO 8601', '1994-11-06T08:49:37Z'],
    ['an hour out of range', 'Sun, 06 Nov 1994 24:00:00 GMT'],
    ['a loose form', 'Nov 6 1994'],
  ])('rejects %s', (_, value) => {
    expect(parseHttpDate(value)).toBeUndefined()
  })
})

describe('parseDeprecationDate', () => {
  it('parses sf-dates, negative ones too, and rejects malformed ones', () => {
    expect(parseDeprecationDate('@0')?.toISOString()).toBe('1970-01-01T00:00:00.000Z')
    expect(parseDeprecationDate('@-86400')?.toISOString()).toBe('1969-12-31T00:00:00.000Z')
    expect(parseDeprecationDate('@1688169599.5')).toBeUndefined()
    expect(parseDeprecationDate('1688169599')).toBeUndefined()
    expect(parseDeprecationDate('@999999999999999')).toBeUndefined()
  })
})
