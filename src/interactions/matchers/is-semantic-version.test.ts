import { describe, expect, it } from 'vitest'
import { isSemanticVersion } from './is-semantic-version.js'

/** semver.org's own pattern, the reference this check must agree with. */
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/

const samples = [
  '1.0.0',
  '0.0.0',
  '10.20.30',
  '1.0.0-alpha',
  '1.0.0-alpha.1',
  '1.0.0-0.3.7',
  '1.0.0-x.7.z.92',
  '1.0.0-x-y-z.--',
  '1.0.0-alpha+001',
  '1.0.0+20130313144700',
  '1.0.0-beta+exp.sha.5114f85',
  '1.0.0+21AF26D3----117B344092BD',
  '2.10.3-beta.1+build.5',
  '1.0',
  '1.0.0.0',
  '01.0.0',
  '1.01.0',
  '1.0.0-01',
  '1.0.0-',
  '1.0.0+',
  '1.0.0-alpha..1',
  '1.0.0+a+b',
  '1.0.0-a_b',
  '-1.0.0',
  '1.0.0\n',
  'v1.0.0',
  '',
  '1.0.0-00a',
  '1.0.0-0a',
]

describe('isSemanticVersion', () => {
  it('accepts exactly what semver.org’s regex accepts', () => {
    for (const sample of samples)
      expect([sample, isSemanticVersion(sample)]).toEqual([sample, SEMVER.test(sample)])
  })
})
