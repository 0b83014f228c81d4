import { describe, expect, it } from 'vitest'
import { collectOperations } from '../compare/collect-operations.js'
import { DocumentView } from '../compare/document-view.js'
import type { HttpInteraction } from '../../model/interaction.js'
import { createOperationMatcher } from './match-operation.js'

const view = new DocumentView({
  openapi: '3.0.3',
  servers: [{ url: 'https://api.example.com/v1' }],
  paths: {
    '/pets/{id}': { get: {} },
    '/pets/mine': { get: {} },
    '/files/{name}.json': { get: {} },
  },
})
const match = createOperationMatcher(collectOperations(view))
const call = (method: string, path: string) =>
  match({
    type: 'Synchronous/HTTP',
    description: '',
    request: { method, path },
    response: { status: 200 },
  } as HttpInteraction)?.label

describe('createOperationMatcher', () => {
  it('matches a path against the templates under the server prefix', () => {
    expect(call('GET', '/v1/pets/42')).toBe('GET /pets/{id}')
  })

  it('prefers the most literal template', () => {
    expect(call('GET', '/v1/pets/mine')).toBe('GET /pets/mine')
  })

  it('matches a template parameter inside a segment', () => {
    expect(call('get', '/v1/files/report.json')).toBe('GET /files/{name}.json')
  })

  it('matches without the prefix when the recording already had it in its base URL', () => {
    expect(call('GET', '/pets/42?x=1')).toBe('GET /pets/{id}')
  })

  it('matches nothing for another method', () => {
    expect(call('DELETE', '/v1/pets/42')).toBeUndefined()
  })
})
