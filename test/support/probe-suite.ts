import { afterAll, afterEach, beforeEach } from 'vitest'
import {
  createProbeClient,
  type ProbeClient,
  type ProbeClientOptions,
} from '../../src/probes/index.js'
import { useLocalUpstream, type Handler, type LocalUpstream } from './local-upstream.js'
import { probeSettings } from './probe-fixtures.js'

export interface ProbeSuite {
  /** The suite's upstream (see `useLocalUpstream`). */
  upstream: LocalUpstream
  /**
   * A probe client for the upstream's origin, no headers, `probeSettings()`, unless `options`
   * say otherwise. Opened in a test, it is closed after that test; opened in `beforeAll`,
   * after the suite.
   */
  openClient(options?: Partial<ProbeClientOptions>): ProbeClient
}

/** The setup every probe suite shares: one local upstream, and clients closed for the suite. */
export function useProbeSuite(handle?: Handler): ProbeSuite {
  const upstream = useLocalUpstream(handle)
  const forTest: ProbeClient[] = []
  const forSuite: ProbeClient[] = []
  let inTest = false
  beforeEach(() => {
    inTest = true
  })
  // @note Registered after the upstream's hooks, so these run first: clients close, then the
  // upstream resets or closes.
  afterEach(async () => {
    inTest = false
    await Promise.all(forTest.splice(0).map((client) => client.close()))
  })
  afterAll(() => Promise.all(forSuite.splice(0).map((client) => client.close())))
  return {
    upstream,
    openClient(options = {}) {
      const client = createProbeClient({
        upstream: { baseUrl: upstream.origin, headers: {}, secrets: [] },
        settings: probeSettings(),
        ...options,
      })
      ;(inTest ? forTest : forSuite).push(client)
      return client
    },
  }
}
