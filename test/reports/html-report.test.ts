import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { findSecrets, readEveryFile } from '../support/find-secrets.js'
import { launchChromium, TEST_ARTIFACTS } from '../support/launch-chromium.js'
import { sendJson, useLocalUpstream } from '../support/local-upstream.js'
import { typedInteraction, useProject } from '../support/project.js'

const project = useProject({ confirm: 0 })
const upstream = useLocalUpstream((_req, res) => sendJson(res, 200, { id: 1 }))
const token = 'tok-9a8b7c6d5e4f'
const env = { UPCHECK_TEST_TOKEN: token }

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})

/** Two verifies green, then users-api's upstream answers with the bearer token as its id: two red. */
async function verifyGreenThenRed() {
  for (const [name, path] of [
    ['posts-api', '/posts/1'],
    ['users-api', '/users/1'],
    ['orders-api', '/orders/1'],
  ] as const)
    await project.writeContract(name, {
      baseUrl: upstream.origin,
      interactions: [typedInteraction(`get ${path}`, path, { id: 1 })],
      freshness: '24h',
    })
  const verify = () => project.run(['verify', 'posts-api', 'users-api'], env)
  for (let i = 0; i < 2; i++) expect((await verify()).code).toBe(0)
  upstream.handle = (req, res) =>
    sendJson(res, 200, req.url === '/users/1' ? { id: req.headers.authorization } : { id: 1 })
  for (let i = 0; i < 2; i++) expect((await verify()).code).toBe(1)
  return join(project.dir, 'reports')
}

it('writes reports/index.html that shows every contract, its run strip, findings and receipts in headless Chromium with JavaScript off', async () => {
  const reports = await verifyGreenThenRed()
  const receipts = JSON.parse((await project.run(['receipts', 'users-api', '--json'], env)).stdout)
    .receipts as { digest: string }[]
  const context = await browser.newContext({ javaScriptEnabled: false })
  try {
    const page = await context.newPage()
    await page.goto(pathToFileURL(join(reports, 'index.html')).href)
    const contract = (name: string) => page.locator(`section[data-contract="${name}"]`)
    const fact = (name: string, which: string) => contract(name).locator(`dd.${which}`).innerText()

    expect(await page.locator('section.contract').count()).toBe(3)
    expect(await page.locator('script').count()).toBe(0)
    expect(await contract('posts-api').locator('.status').innerText()).toBe('verified')
    expect(await contract('users-api').locator('.status').innerText()).toBe('broken')
    // Not verified by this command, but part of the workspace: the report shows it too.
    expect(await contract('orders-api').locator('.status').innerText()).toBe('never run')
    expect(await fact('users-api', 'owner')).toBe('Ann Lee <ann@example.com>')
    expect(await fact('users-api', 'last-verified')).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d UTC/)
    expect(await fact('users-api', 'broken-since')).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d UTC/)
    expect(await contract('posts-api').locator('dd.broken-since').count()).toBe(0)
    expect(await fact('orders-api', 'freshness')).toBe('stale (no verified run within 24h)')

    const cells = contract('users-api').locator('ol.strip li.run')
    const classes = []
    for (let i = 0; i < (await cells.count()); i++)
      classes.push(await cells.nth(i).getAttribute('class'))
    expect(classes).toEqual([
      'run status-verified',
      'run status-verified',
      'run status-broken',
      'run status-broken',
    ])
    expect(await cells.last().getAttribute('title')).toMatch(
      /^\d{4}-\d\d-\d\d \d\d:\d\d UTC: broken$/,
    )
    expect(await contract('posts-api').locator('li.run.status-verified').count()).toBe(4)

    expect(await contract('users-api').locator('h4.interaction').allInnerTexts()).toEqual([
      'get /users/1',
    ])
    expect(await contract('users-api').locator('ul.findings').innerText()).toContain(
      'Bearer <redacted>',
    )
    expect(await contract('users-api').locator('code.digest').allInnerTexts()).toEqual(
      receipts.map((r) => r.digest),
    )

    await mkdir(TEST_ARTIFACTS, { recursive: true })
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.screenshot({ path: join(TEST_ARTIFACTS, 'report-index.png'), fullPage: true })
    // A phone: nothing may stick out sideways.
    await page.setViewportSize({ width: 360, height: 740 })
    await page.screenshot({ path: join(TEST_ARTIFACTS, 'report-index-phone.png'), fullPage: true })
    const widths = await page.evaluate(() => {
      const root = (
        globalThis as unknown as {
          document: { documentElement: { scrollWidth: number; clientWidth: number } }
        }
      ).document.documentElement
      return { scroll: root.scrollWidth, client: root.clientWidth }
    })
    expect(widths.scroll).toBeLessThanOrEqual(widths.client)
    const widest = await page
      .locator('section.contract')
      .evaluateAll((sections) =>
        Math.max(
          ...sections.map(
            (s) =>
              (
                s as unknown as { getBoundingClientRect(): { right: number } }
              ).getBoundingClientRect().right,
          ),
        ),
      )
    expect(widest).toBeLessThanOrEqual(360)
  } finally {
    await context.close()
  }
})

it('writes a valid SVG badge per contract, and no report holds the token an upstream echoed', async () => {
  const reports = await verifyGreenThenRed()
  const titles: Record<string, string> = {}
  for (const name of ['posts-api', 'users-api', 'orders-api']) {
    const svg = await readFile(join(reports, 'badges', `${name}.svg`), 'utf8')
    expect(XMLValidator.validate(svg)).toBe(true)
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(svg)
    expect(parsed.svg.xmlns).toBe('http://www.w3.org/2000/svg')
    titles[name] = parsed.svg.title
  }
  expect(titles).toEqual({
    'posts-api': 'upcheck: verified just now',
    'users-api': 'upcheck: broken for under a minute',
    'orders-api': 'upcheck: unknown',
  })
  const files = await readEveryFile(reports)
  expect(files.map((f) => f.path.slice(reports.length + 1)).sort()).toEqual([
    'badges/orders-api.svg',
    'badges/posts-api.svg',
    'badges/users-api.svg',
    'index.html',
    'junit.xml',
    'latest.json',
    'summary.md',
  ])
  expect(findSecrets(files, [token, encodeURIComponent(token)])).toEqual([])
})
