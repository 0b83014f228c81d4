import { describe, expect, it } from 'vitest'
import {
  isLearnableSecret,
  isSecretFieldName,
  isSecretHeaderName,
  isSecretQueryName,
} from './secret-names.js'

describe('secret names', () => {
  it('takes the credential headers and any header naming a token, secret, key, signature or session for secret', () => {
    for (const name of [
      'Authorization',
      'proxy-authorization',
      'Cookie',
      'X-API-Key',
      'X-Auth-Token',
      'x-client-secret',
      'X-Hub-Signature-256',
      'X-Session-Id',
      'Set-Cookie',
      'X-Auth',
      'X-Auth-User',
    ]) {
      expect(isSecretHeaderName(name), name).toBe(true)
    }
    for (const name of ['Accept', 'Content-Type', 'User-Agent', 'X-Release', 'WWW-Authenticate'])
      expect(isSecretHeaderName(name), name).toBe(false)
  })

  it('takes body fields for secret whatever their case and separators', () => {
    for (const name of [
      'password',
      'apiKey',
      'api_key',
      'API-KEY',
      'client_secret',
      'access_token',
      'refresh_token',
      'idToken',
      'sessionId',
      'privateKey',
      'pwd',
      'user_pwd',
    ]) {
      expect(isSecretFieldName(name), name).toBe(true)
    }
    for (const name of ['key', 'id', 'title', 'monkey', 'keyboard', 'email'])
      expect(isSecretFieldName(name), name).toBe(false)
  })

  it('takes the conventional credential query parameters for secret too', () => {
    expect(isSecretQueryName('key')).toBe(true)
    expect(isSecretQueryName('sig')).toBe(true)
    expect(isSecretQueryName('X-Amz-Signature')).toBe(true)
    expect(isSecretQueryName('page')).toBe(false)
  })
})

describe('CORS headers', () => {
  it('never takes an Access-Control-* header for a secret, whatever it names', () => {
    for (const name of [
      'Access-Control-Allow-Credentials',
      'access-control-allow-headers',
      'Access-Control-Expose-Headers',
    ])
      expect(isSecretHeaderName(name), name).toBe(false)
  })
})

describe('isLearnableSecret', () => {
  it('does not learn a value that repeats its field name or is made of plain words', () => {
    for (const [name, value] of [
      ['auth_token', 'auth_token'],
      ['apiKey', 'API_KEY'],
      ['token_type', 'bearer'],
      ['api_key', 'YOUR_API_KEY'],
      ['session', 'Session expired'],
      ['password', 'changeme'],
      ['session_ttl', '3600'],
    ] as const)
      expect(isLearnableSecret(name, value), `${name}: ${value}`).toBe(false)
  })

  it('learns values with digits, symbols or mixed case inside a word, and long numbers', () => {
    for (const value of [
      'hunter22',
      'tok-9f8e7d6c5b',
      'aBcDeFgHiJ',
      'p@ssword',
      'sk_live_51Hx',
      '48151623',
    ])
      expect(isLearnableSecret('token', value), value).toBe(true)
  })
})
