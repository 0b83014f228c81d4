import { describe, expect, it } from 'vitest'
import { compileBaselineRules } from '../diff/conform/index.js'
import type { HttpInteraction, Mismatch } from '../model/index.js'
import { createBaselineJudge, type ProbeResponse } from './weigh-against-baseline.js'

const rules = compileBaselineRules({
  source: 'posts.openapi.json',
  version: '3.0',
  problems: [],
  document: {
    openapi: '3.0.3',
    info: { title: 'posts', version: '1' },
    paths: {
      '/posts/{id}': {
        get: {
          responses: {
            '200': {
              description: 'ok',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      id: { type: 'integer' },
                      next: { type: 'string', nullable: true },
                      views: { type: 'integer' },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
})

const interaction: HttpInteraction = {
  type: 'Synchronous/HTTP',
  description: 'get post',
  request: { method: 'GET', path: '/posts/1' },
  response: { status: 200 },
}

const response = (body: unknown, status = 200): ProbeResponse => ({
  interaction,
  operation: 'GET /posts/{id}',
  status,
  contentType: 'application/json',
  body: typeof body === 'string' ? body : JSON.stringify(body),
})

const mismatch = (path: string, part: Mismatch['part'] = 'body'): Mismatch => ({
  part,
  path,
  expected: 'string',
  actual: 'null',
  rule: 'type',
  message: `${path}: expected a string, got null`,
})

describe('createBaselineJudge', () => {
  it('sorts mismatches into drift the baseline allows and breaks it does not', () => {
    const judge = createBaselineJudge(rules)
    const weighed = judge.weigh(response({ id: 'x', next: null }), [
      mismatch('$.next'),
      mismatch('$.id'),
    ])
    expect(weighed.drift.map((m) => m.path)).toEqual(['$.next'])
    expect(weighed.breaking.map((m) => m.path)).toEqual(['$.id'])
    // The place already broken is not told twice as off the document.
    expect(weighed.offDocument).toEqual([])
  })

  it('tells each kind of drift once per run, with every place of the answer it was first seen in', () => {
    const judge = createBaselineJudge(rules)
    const twice = [mismatch('$.next'), mismatch('$.next')]
    expect(judge.weigh(response({ id: 1, next: null }), twice).drift).toHaveLength(2)
    const again = judge.weigh(response({ id: 2, next: null }), [mismatch('$.next')])
    expect(again).toEqual({ breaking: [], drift: [], offDocument: [] })
  })

  it('checks the whole body once per operation and status, and warns where it is off the document', () => {
    const judge = createBaselineJudge(rules)
    const first = judge.weigh(response({ id: 1, views: 'many' }), [])
    expect(first.offDocument).toEqual([
      expect.objectContaining({ path: '$.views', expected: 'integer', actual: 'string' }),
    ])
    expect(judge.weigh(response({ id: 2, views: 'many' }), []).offDocument).toEqual([])
  })

  it('leaves everything to the recording on a status change, a header or a body that is not JSON', () => {
    const judge = createBaselineJudge(rules)
    const status = mismatch('status', 'status')
    expect(
      judge.weigh(response({ next: null }, 500), [status, mismatch('$.next')]).breaking,
    ).toEqual([status, mismatch('$.next')])
    const header = mismatch('x-total', 'header')
    expect(judge.weigh(response({ next: null }), [header]).breaking).toEqual([header])
    expect(judge.weigh(response('not json'), [mismatch('$.next')]).breaking).toHaveLength(1)
  })
})
