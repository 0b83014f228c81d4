import type { Finding, Mismatch } from '../../src/model/index.js'

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

/** The body mismatch of a number recorded at `path` (as `like`) that came back as that number's string. */
export function numberBecameString(path: string, like: number): Mismatch {
  return {
    part: 'body',
    path,
    expected: 'number',
    actual: 'string',
    rule: 'type',
    message: `${path}: expected a number (like ${like}), got the string "${like}"`,
  }
}
