import { execFile } from 'node:child_process'
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sendJson, startLocalUpstream } from '../support/local-upstream.js'

const run = promisify(execFile)
const root = new URL('../..', import.meta.url).pathname

/**
 * What a new user does: pack upcheck, install the tarball into an empty project, and use the
 * CLI and the API from there. Async children throughout: the upstream lives in this process.
 */
describe('the packed package, installed in a fresh project', () => {
  let dir: string
  let tarball: string
  let files: string[]
  // Answers the example interaction that `upcheck init` writes, with other values of the same types.
  const upstream = startLocalUpstream((req, res) => {
    if (req.url !== '/posts/1') return sendJson(res, 404, {})
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
    res.end(JSON.stringify({ userId: 7, id: 1, title: 'live title', body: 'live body' }))
  })

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'upcheck-pack-'))
    // `npm pack` runs `prepare`, which builds dist/ first.
    const packed = await run('npm', ['pack', '--json', '--pack-destination', dir], { cwd: root })
    const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[]
    tarball = join(dir, info!.filename)
    files = info!.files.map((f) => f.path)
    const project = join(dir, 'project')
    await run('mkdir', [project])
    await writeFile(join(project, 'package.json'), '{ "name": "fresh", "private": true }\n')
    // @note Install scripts are off and better-sqlite3's native build is copied from this
    // checkout: compiling SQLite takes minutes on a machine that cannot download the prebuilt binary.
    await run(
      'npm',
      ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', tarball],
      { cwd: project },
    )
    await cp(
      join(root, 'node_modules', 'better-sqlite3', 'build'),
      join(project, 'node_modules', 'better-sqlite3', 'build'),
      { recursive: true },
    )
  }, 300_000)

  afterAll(async () => {
    await (await upstream).close()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('ships its types and licence, and no source map pointing at unshipped sources', () => {
    expect(files).toContain('LICENSE')
    expect(files).toContain('dist/index.js')
    expect(files).toContain('dist/index.d.ts')
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([])
    expect(files.filter((f) => f.startsWith('src/'))).toEqual([])
  })

  it('runs npx upcheck --version and init', async () => {
    const project = join(dir, 'project')
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {
      version: string
    }
    const version = await run('npx', ['upcheck', '--version'], { cwd: project })
    expect(version.stdout.trim()).toBe(pkg.version)
    const init = await run('npx', ['upcheck', 'init'], { cwd: project })
    expect(init.stdout).toContain('wrote contracts/example-api.yaml')
    expect((await readdir(join(project, 'contracts'))).sort()).toEqual([
      'example-api.pact.json',
      'example-api.yaml',
    ])
  })

  it('imports the API with its types and verifies, diffs and loads contracts with it', async () => {
    const project = join(dir, 'project')
    const { origin: url } = await upstream
    const contractFile = join(project, 'contracts', 'example-api.yaml')
    const contract = await readFile(contractFile, 'utf8')
    await writeFile(
      contractFile,
      contract.replace(/baseUrl: .*/, `baseUrl: ${url}`).replace(/schedule: .*\n/, ''),
    )
    const spec = (version: string, extra = {}) =>
      JSON.stringify({
        openapi: '3.0.3',
        info: { title: 'posts', version },
        paths: {
          '/posts/{id}': {
            get: {
              parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
              responses: { '200': { description: 'a post' } },
            },
          },
          ...extra,
        },
      })
    await writeFile(join(project, 'base.json'), spec('1'))
    await writeFile(
      join(project, 'revision.json'),
      spec('2', { '/users': { get: { responses: { '200': { description: 'users' } } } } }),
    )
    await writeFile(
      join(project, 'use-api.mjs'),
      `import { verify, diff, loadContracts } from 'upcheck'
const loaded = await loadContracts('contracts')
const report = await verify()
const changes = await diff('base.json', 'revision.json')
console.log(JSON.stringify({
  names: loaded.contracts.map((c) => c.name),
  statuses: report.contracts.map((c) => [c.name, c.status]),
  changes: changes.changes.length,
}))
`,
    )
    const used = await run('node', ['use-api.mjs'], { cwd: project })
    expect(JSON.parse(used.stdout)).toEqual({
      names: ['example-api'],
      statuses: [['example-api', 'verified']],
      changes: 1,
    })
    const latest = JSON.parse(await readFile(join(project, 'reports', 'latest.json'), 'utf8'))
    expect(latest.contracts.map((c: { status: string }) => c.status)).toEqual(['verified'])
    // The declarations resolve through `exports` for a TypeScript user.
    await writeFile(
      join(project, 'typed.ts'),
      `import { verify, type LatestReport } from 'upcheck'\nconst r: Promise<LatestReport> = verify({ cwd: '.' })\nvoid r\n`,
    )
    await writeFile(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: [],
        },
        files: ['typed.ts'],
      }),
    )
    await run(
      process.execPath,
      [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'],
      { cwd: project },
    )
  }, 120_000)
})
