import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadConfig, loadContract, loadContracts } from '../../src/contracts/index.js'
import { GOOD_CONTRACT, createTempFolder } from './temp-folder.js'

describe('loading good contracts', () => {
  it('fills every default of a minimal contract', async () => {
    const cwd = await createTempFolder({ 'contracts/posts-api.yaml': GOOD_CONTRACT })
    const contract = await loadContract('contracts/posts-api.yaml', { cwd })
    expect(contract).toEqual({
      name: 'posts-api',
      owner: 'Ann Lee <ann@example.com>',
      upstream: { baseUrl: 'http://127.0.0.1:4017', headers: {} },
      interactionsFile: join(cwd, 'contracts', 'posts-api.pact.json'),
      freshness: '24h',
      freshnessMs: 86_400_000,
      alerts: {
        email: [],
        unreachableAfter: 3,
        remindEveryMs: 86_400_000,
        sunsetNoticeMs: 30 * 86_400_000,
      },
      probe: {
        timeoutMs: 10_000,
        retries: 2,
        concurrency: 4,
        ratePerSecond: 10,
        allowUnsafe: false,
        confirm: 1,
        maxBodyBytes: 10_485_760,
      },
      redact: [],
      file: join(cwd, 'contracts', 'posts-api.yaml'),
    })
  })

  it('resolves interactions, baseline and a spec path against the contract folder', async () => {
    const cwd = await createTempFolder({
      'contracts/posts-api.yaml': `${GOOD_CONTRACT}  spec: ../specs/live.json\ninteractions: pacts/posts.pact.json\nbaseline: posts-api.openapi.json\n`,
    })
    const contract = await loadContract(join(cwd, 'contracts', 'posts-api.yaml'), { cwd: '/' })
    expect(contract.interactionsFile).toBe(join(cwd, 'contracts', 'pacts', 'posts.pact.json'))
    expect(contract.baselineFile).toBe(join(cwd, 'contracts', 'posts-api.openapi.json'))
    expect(contract.upstream.spec).toBe(join(cwd, 'specs', 'live.json'))
  })

  it('keeps a spec URL as written', async () => {
    const cwd = await createTempFolder({
      'c.yaml': `${GOOD_CONTRACT}  spec: http://127.0.0.1:4017/openapi.json\n`,
    })
    expect((await loadContract('c.yaml', { cwd })).upstream.spec).toBe(
      'http://127.0.0.1:4017/openapi.json',
    )
  })

  it('inherits the config defaults where the contract is silent, and keeps its own values', async () => {
    const cwd = await createTempFolder({
      'upcheck.config.yaml': [
        'defaults:',
        '  freshness: 7d',
        '  probe: { retries: 5, timeoutMs: 2000 }',
        '  alerts:',
        '    email: [team@example.com]',
        '    webhook: https://hooks.example.com/team',
        '    unreachableAfter: 6',
        '    remindEvery: 12h',
        '    sunsetNotice: 14d',
        '',
      ].join('\n'),
      'contracts/a.yaml': GOOD_CONTRACT.replace('posts-api', 'a'),
      'contracts/b.yaml': `${GOOD_CONTRACT.replace('posts-api', 'b')}freshness: 90m\nprobe:\n  retries: 0\nalerts:\n  email: [b@example.com]\n  remindEvery: 30m\n  sunsetNotice: 2d\n`,
    })
    const config = await loadConfig({ cwd })
    const { contracts, errors } = await loadContracts(config.contracts, { cwd, config })
    expect(errors).toEqual([])
    const [a, b] = contracts
    expect(a).toMatchObject({
      freshness: '7d',
      freshnessMs: 604_800_000,
      probe: { retries: 5, timeoutMs: 2000, concurrency: 4 },
      alerts: {
        email: ['team@example.com'],
        webhook: 'https://hooks.example.com/team',
        unreachableAfter: 6,
        remindEveryMs: 43_200_000,
        sunsetNoticeMs: 14 * 86_400_000,
      },
    })
    expect(b).toMatchObject({
      freshness: '90m',
      freshnessMs: 5_400_000,
      probe: { retries: 0, timeoutMs: 2000 },
      alerts: {
        email: ['b@example.com'],
        webhook: 'https://hooks.example.com/team',
        unreachableAfter: 6,
        remindEveryMs: 1_800_000,
        sunsetNoticeMs: 2 * 86_400_000,
      },
    })
  })

  it('freezes the contract all the way down', async () => {
    const cwd = await createTempFolder({
      'c.yaml': `${GOOD_CONTRACT}  headers: { X-Team: core }\nalerts: { email: [a@example.com] }\nredact: [$.a]\n`,
    })
    const contract = await loadContract('c.yaml', { cwd })
    for (const part of [
      contract,
      contract.upstream,
      contract.upstream.headers,
      contract.alerts,
      contract.alerts.email,
      contract.probe,
      contract.redact,
    ]) {
      expect(Object.isFrozen(part)).toBe(true)
    }
    expect(() => {
      ;(contract.probe as { retries: number }).retries = 9
    }).toThrow(TypeError)
  })

  it('reads a JSON contract like a YAML one', async () => {
    const json = {
      $schema: '../schema/contract.schema.json',
      name: 'posts-api',
      owner: 'ann@example.com',
      upstream: { baseUrl: 'https://api.example.com/v1' },
    }
    const cwd = await createTempFolder({
      'contracts/posts-api.json': JSON.stringify(json, null, 2),
    })
    const { contracts, errors } = await loadContracts('contracts', { cwd })
    expect(errors).toEqual([])
    expect(contracts[0]).toMatchObject({
      name: 'posts-api',
      upstream: { baseUrl: 'https://api.example.com/v1' },
    })
  })

  it('reads only contract files of the folder itself, sorted by name', async () => {
    const cwd = await createTempFolder({
      'contracts/b.yml': GOOD_CONTRACT.replace('posts-api', 'b'),
      'contracts/a.yaml': GOOD_CONTRACT.replace('posts-api', 'a'),
      'contracts/c.json': JSON.stringify({
        name: 'c',
        owner: 'c@example.com',
        upstream: { baseUrl: 'http://c.example.com' },
      }),
      'contracts/a.pact.json': '{"not": "a contract"}',
      'contracts/a.openapi.json': '{"openapi": "3.1.0"}',
      'contracts/a.openapi.yaml': 'openapi: 3.1.0\n',
      'contracts/notes.md': '# notes',
      'contracts/upcheck.config.yaml': 'defaults: {}\n',
      'contracts/.hidden.yaml': 'garbage: [',
      'contracts/nested/d.yaml': GOOD_CONTRACT.replace('posts-api', 'd'),
    })
    const { contracts, errors } = await loadContracts('contracts', { cwd })
    expect(errors).toEqual([])
    expect(contracts.map((contract) => contract.name)).toEqual(['a', 'b', 'c'])
  })

  it('never reads a file a contract names as its baseline or interactions as a contract, whatever it is called', async () => {
    const cwd = await createTempFolder({
      'contracts/posts-api.yaml': `${GOOD_CONTRACT}interactions: recorded.json\nbaseline: foo.yaml\n`,
      'contracts/foo.yaml': 'openapi: 3.0.3\ninfo: { title: posts, version: "1" }\npaths: {}\n',
      'contracts/recorded.json': '{"consumer": {"name": "app"}, "interactions": []}',
      // A broken contract still keeps its baseline out of the list of errors.
      'contracts/broken.yaml': 'name: broken\nupstrem: {}\nbaseline: broken-spec.yml\n',
      'contracts/broken-spec.yml': 'swagger: "2.0"\n',
    })
    const { contracts, errors } = await loadContracts('contracts', { cwd })
    expect(contracts.map((contract) => contract.name)).toEqual(['posts-api'])
    expect(errors.map((error) => error.location?.file)).toEqual(['contracts/broken.yaml'])
  })

  it('loads the example contract of the repository', async () => {
    const contract = await loadContract(
      join(import.meta.dirname, '..', '..', 'contracts', 'posts-api.yaml'),
    )
    expect(contract).toMatchObject({
      name: 'posts-api',
      upstream: {
        baseUrl: 'http://127.0.0.1:4017',
        headers: { Authorization: 'Bearer ${POSTS_TOKEN}' },
      },
      schedule: '*/15 * * * *',
      redact: ['$.customer.email'],
    })
  })
})
