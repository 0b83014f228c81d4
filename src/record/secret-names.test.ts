import { describe, expect, it } from 'vitest'
import { isSecretFieldName, isSecretHeaderName, isSecretQueryName } from './secret-names.js'

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
    ]) {
      expect(isSecretHeaderName(name), name).toBe(true)
    }
    for (const name of ['Accept', 'Content-Type', 'User-Agent', 'X-Release'])
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
