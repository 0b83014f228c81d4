import { expect, it } from 'vitest'
import { classifyNetworkError } from './classify-network-error.js'

const withCode = (code: string, cause?: unknown) =>
  Object.assign(new Error(`boom ${code}`), { code, cause })

it.each([
  ['ECONNREFUSED', 'connection-refused'],
  ['ENOTFOUND', 'dns'],
  ['EAI_AGAIN', 'dns'],
  ['UND_ERR_CONNECT_TIMEOUT', 'timeout'],
  ['ECONNRESET', 'reset'],
  ['UND_ERR_SOCKET', 'reset'],
  ['EHOSTUNREACH', 'network'],
  ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls'],
  ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls'],
  ['HPE_INVALID_CONSTANT', 'network'],
  ['UND_ERR_INVALID_ARG', 'invalid-request'],
] as const)('classifies %s as %s', (code, reason) => {
  expect(classifyNetworkError(withCode(code)).reason).toBe(reason)
})

it('looks through causes and the AggregateError of several addresses', () => {
  expect(
    classifyNetworkError(new Error('fetch failed', { cause: withCode('ENOTFOUND') })).reason,
  ).toBe('dns')
  expect(
    classifyNetworkError(new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')]))
      .reason,
  ).toBe('connection-refused')
})

it('describes a known fault in its own words, not the error message', () => {
  expect(classifyNetworkError(withCode('ECONNREFUSED')).detail).toBe(
    'connection refused (ECONNREFUSED)',
  )
})

it('falls back to network with the message for an unknown error', () => {
  expect(classifyNetworkError(withCode('EWEIRD'))).toEqual({
    reason: 'network',
    detail: 'boom EWEIRD (EWEIRD)',
  })
})
