import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import type { CronScheduler } from '../../src/schedule/index.js'
import { sendJson, useLocalUpstream } from '../support/local-upstream.js'
import { typedInteraction, useProject } from '../support/project.js'
import { launchChromium, TEST_ARTIFACTS } from '../support/launch-chromium.js'
import { startTestDaemon } from '../support/test-daemon.js'

const project = useProject({ confirm: 0 })
const upstream = useLocalUpstream((_req, res) => sendJson(res, 200, { id: 1 }))

it('shows every contract with its owner, status, last verified time, stale marker and findings in headless Chromium', async () => {
  const interactions = (path: string) => [typedInteraction(`get ${path}`, path, { id: 1 })]
  await project.writeContract('posts-api', {
    baseUrl: upstream.origin,
    interactions: interactions('/posts/1'),
    freshness: '1h',
  })
  await project.writeContract('users-api', {
    baseUrl: upstream.origin,
    interactions: interactions('/users/1'),
    freshness: '24h',
  })
  await project.writeContract('orders-api', {
    baseUrl: 'http://127.0.0.1:9',
    interactions: interactions('/orders/1'),
    freshness: '24h',
    extra: 'schedule: "*/5 * * * *"',
  })
  await project.writeContract('billing-api', {
    baseUrl: upstream.origin,
    interactions: interactions('/bills/1'),
    freshness: '24h',
  })
  const env = { UPCHECK_TEST_TOKEN: 'tok-7e6d5c4b' }
  await project.run(['verify', 'posts-api', 'users-api'], env)
  upstream.handle = (req, res) =>
    sendJson(res, 200, req.url === '/users/1' ? { id: 'u-1' } : { id: 1 })
  await project.run(['verify', 'users-api'], env)

  // Two hours on: posts-api (fresh for 1h) is stale, users-api (24h) is not.
  const now = Date.now() + 2 * 3_600_000
  const fires = new Map<string, () => void>()
  const cron: CronScheduler = {
    schedule: (_expression, name, handlers) => {
      fires.set(name, () => handlers.onFire(new Date(now)))
      return { stop: () => fires.delete(name) }
    },
  }
  const test = await startTestDaemon(project, { env, cron, clock: { now: () => now }, port: 0 })
  const browser = await launchChromium()
  try {
    fires.get('orders-api')!()
    await test.waitFor('recorded')
    const url = test.daemon.url!
    const page = await browser.newPage()
    await page.goto(url)

    // The same page as reports/index.html: one section per contract.
    const row = (name: string) => page.locator(`section[data-contract="${name}"]`)
    const fact = (name: string, which: string) => row(name).locator(`dd.${which}`).innerText()
    expect(await row('posts-api').locator('.status').innerText()).toBe('verified')
    expect(await row('users-api').locator('.status').innerText()).toBe('broken')
    expect(await row('orders-api').locator('.status').innerText()).toBe('unreachable')
    expect(await row('billing-api').locator('.status').innerText()).toBe('never run')
    expect(await fact('posts-api', 'owner')).toBe('Ann Lee <ann@example.com>')
    expect(await fact('posts-api', 'last-verified')).toMatch(/UTC \(2 h ago\)$/)
    expect(await fact('posts-api', 'freshness')).toBe('stale (no verified run within 1h)')
    expect(await fact('users-api', 'last-verified')).toMatch(/UTC \(2 h ago\)$/)
    expect(await fact('users-api', 'freshness')).toBe('fresh (within 24h)')
    expect(await fact('users-api', 'broken-since')).toMatch(/UTC \(2 h ago\)$/)
    expect(await row('users-api').innerText()).toContain('$.id: expected a number')
    expect(await row('users-api').locator('li.run').count()).toBe(2)
    expect(await fact('orders-api', 'last-verified')).toBe('never')
    expect(await row('orders-api').locator('.marker.stale').count()).toBe(1)
    expect(await row('orders-api').locator('dd.schedule').innerText()).toBe('*/5 * * * *')
    expect(await page.locator('meta[http-equiv="refresh"]').getAttribute('content')).toBe('30')
    // The page runs in the browser; this project's types have no DOM, so the window is typed here.
    const colourOf = (el: unknown) =>
      (
        globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }
      ).getComputedStyle(el).color
    expect(await page.locator('.status.status-broken').evaluate(colourOf)).toBe('rgb(207, 34, 46)')
    await mkdir(TEST_ARTIFACTS, { recursive: true })
    await page.screenshot({ path: join(TEST_ARTIFACTS, 'status-page.png'), fullPage: true })

    const status = (await (await fetch(new URL('status.json', url))).json()) as {
      contracts: { name: string; status: string; stale: boolean }[]
    }
    expect(status.contracts.map((c) => [c.name, c.status, c.stale])).toEqual([
      ['billing-api', 'never run', true],
      ['orders-api', 'unreachable', true],
      ['posts-api', 'verified', true],
      ['users-api', 'broken', false],
    ])
    const metrics = await (await fetch(new URL('metrics', url))).text()
    expect(metrics).toContain('upcheck_runs_total{contract="orders-api",status="unreachable"} 1')
    expect(metrics).toMatch(/upcheck_probe_duration_seconds_count\{verdict="unreachable"\} 1/)
    expect(metrics).toMatch(/upcheck_last_verified_timestamp_seconds\{contract="posts-api"\} \d+/)
    expect(metrics).toContain('upcheck_outbox_depth 0')
    expect((await fetch(new URL('healthz', url))).status).toBe(200)
  } finally {
    await browser.close()
    await test.stop()
  }
})
