import type { Finding } from '../../src/model/index.js'

/** The probe finding the samples share: `$.id` of `GET /posts/{id}` recorded a number, now a string. */
export function idBecameString(message: string, interaction = 'get post 1'): Finding {
  return {
    source: 'probe',
    severity: 'breaking',
    interaction,
    operation: 'GET /posts/{id}',
    path: '$.id',
    expected: 'number',
    actual: 'string',
    message,
  }
}
