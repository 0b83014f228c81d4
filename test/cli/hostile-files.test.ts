import { execFileSync } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startCliProcess } from '../support/cli-process.js'
import { sendJson, useLocalUpstream } from '../support/local-upstream.js'
import { typedInteraction, useProject } from '../support/project.js'

// One hostile file must be that file's exit-2 error while every other contract still runs
// (issue 14, item 4). Real processes: before the fix these ended with exit 70, or never ended.

const project = useProject({ confirm: 0 })
const upstream = useLocalUpstream((_req, res) => sendJson(res, 200, { id: 1 }))
const DEEP = 100_000

/** `upcheck <args>` in a child process; killed, and the test failed, if it has not exited in 60 s. */
async function runCli(args: string[]) {
  const child = startCliProcess(args, {
    cwd: project.dir,
    env: { UPCHECK_TEST_TOKEN: 'test-token' },
  })
  let timer: NodeJS.Timeout | undefined
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void child.stop('SIGKILL')
      reject(new Error(`upcheck ${args.join(' ')} did not exit within 60 s`))
    }, 60_000)
  })
  try {
    return await Promise.race([child.exited, hung])
  } finally {
    clearTimeout(timer)
  }
}

/** The contract every test keeps beside the hostile one: it must be verified regardless. */
async function writeGoodContract() {
  await project.writeContract('good', {
    baseUrl: upstream.origin,
    interactions: [typedInteraction('get post 1', '/posts/1', { id: 1 })],
  })
}

async function reportedStatuses(): Promise<Record<string, string>> {
  const report = JSON.parse(await readFile(join(project.dir, 'reports', 'latest.json'), 'utf8'))
  return Object.fromEntries(
    (report.contracts as { name: string; status: string }[]).map((c) => [c.name, c.status]),
  )
}

/** `depth` arrays, one inside the other. */
const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth)

/** Contract `deep`, whose one interaction expects `GET /deep` to answer `body` (JSON text). */
async function writeDeepContract(body: string) {
  const pactFile = await project.writeContract('deep', {
    baseUrl: upstream.origin,
    interactions: [typedInteraction('deep', '/deep', 'BODY')],
  })
  // Too deep for JSON.stringify: the body goes into the written text.
  await writeFile(pactFile, (await readFile(pactFile, 'utf8')).replace('"BODY"', body))
}

/** The upstream answers `GET /deep` with JSON `depth` levels deep, and `{id: 1}` elsewhere. */
function answerDeepAt(depth: number) {
  upstream.handle = (req, res) => {
    if (req.url !== '/deep') return sendJson(res, 200, { id: 1 })
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(nested(depth))
  }
}

const BILLION_LAUGHS = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  'name: bomb',
].join('\n')

// Each test starts up to three CLI processes; on a loaded machine that takes a while.
describe('one hostile file never stops the others', { timeout: 180_000 }, () => {
  it("reports a YAML alias bomb as that contract's error, exit 2, and verifies the rest", async () => {
    await writeGoodContract()
    await project.writeFile('contracts/bomb.yaml', BILLION_LAUGHS)
    const verify = await runCli(['verify'])
    expect(verify.stderr).toContain(
      'error: contracts/bomb.yaml:1:1: the YAML expands its aliases (*name) more than 100 times',
    )
    expect(verify.stderr).toMatch(/\[CONTRACT_UNREADABLE\]\n/)
    expect(verify.code).toBe(2)
    expect(await reportedStatuses()).toEqual({ good: 'verified' })

    const status = await runCli(['status'])
    expect(status.code).toBe(2)
    expect(status.stdout).toMatch(/^good\s+Ann Lee/m)
    expect(status.stderr).toContain('error: contracts/bomb.yaml:1:1:')
  })

  it("reports YAML nested thousands of levels deep as that contract's error, where it nests too deep", async () => {
    await writeGoodContract()
    // 6 KB of `- - - …` once crashed the YAML parser's process outright, past any catch.
    await project.writeFile(
      'contracts/nested.yaml',
      `name: nested\nredact:\n${'- '.repeat(3000)}x\n`,
    )
    await project.writeFile('contracts/flow.yaml', `name: flow\nx: ${nested(10_000)}\n`)
    const verify = await runCli(['verify'])
    expect(verify.stderr).toContain(
      'error: contracts/nested.yaml:3:255: the file nests lists and maps deeper than 128 levels here',
    )
    expect(verify.stderr).toContain('error: contracts/flow.yaml:2:131: the file nests lists')
    expect(verify.code).toBe(2)
    expect(await reportedStatuses()).toEqual({ good: 'verified' })
  })

  it("reports a Pact body 100,000 levels deep as that contract's error, with its place, and verifies the rest", async () => {
    await writeGoodContract()
    await writeDeepContract(nested(DEEP))
    // The live answer is the recorded one: comparing the two once overflowed the stack (exit 70).
    answerDeepAt(DEEP)
    const verify = await runCli(['verify'])
    expect(verify.stderr).toMatch(
      /error: deep: .*deep\.pact\.json:\d+:\d+: the JSON nests arrays and objects deeper than 128 levels here.* \[PACT_UNREADABLE\]/,
    )
    expect(verify.code).toBe(2)
    expect(await reportedStatuses()).toEqual({ good: 'verified' })
  })

  it('judges a live answer 100,000 levels deep as a broken body, saying it nests too deep', async () => {
    await writeGoodContract()
    await writeDeepContract(nested(100))
    answerDeepAt(DEEP)
    const verify = await runCli(['verify'])
    expect(verify.stdout).toContain(
      'expected a JSON body, got text that is not JSON (it nests arrays and objects deeper than 128 levels',
    )
    expect(verify.code).toBe(1)
    expect(await reportedStatuses()).toEqual({ good: 'verified', deep: 'broken' })
  })

  it('refuses to import a HAR file or a HAR body nested 100,000 levels deep, naming the place', async () => {
    await writeGoodContract()
    const entry = (text: string) => ({
      request: { method: 'GET', url: `${upstream.origin}/posts/2`, headers: [] },
      response: {
        status: 200,
        headers: [{ name: 'Content-Type', value: 'application/json' }],
        content: { mimeType: 'application/json', text },
      },
    })
    const deepText = nested(DEEP)
    await project.writeFile(
      'body.har',
      JSON.stringify({ log: { version: '1.2', entries: [entry('{}'), entry(deepText)] } }),
    )
    const body = await runCli(['import', 'good', 'body.har'])
    expect(body.stderr).toContain(
      'error: body.har: $.log.entries[1].response.content.text: the body is JSON that it nests arrays and objects deeper than 128 levels',
    )
    expect(body.code).toBe(2)

    await project.writeFile(
      'file.har',
      JSON.stringify({ log: { version: '1.2', entries: ['DEEP'] } }).replace('"DEEP"', deepText),
    )
    const file = await runCli(['import', 'good', 'file.har'])
    expect(file.stderr).toMatch(
      /error: file\.har:1:\d+: the JSON nests arrays and objects deeper than 128 levels here.*\[IMPORT_INVALID\]/,
    )
    expect(file.code).toBe(2)
  })

  it('refuses a contract file over the 1 MiB cap, and verifies the rest', async () => {
    await writeGoodContract()
    await project.writeFile('contracts/huge.yaml', `name: huge\n# ${'x'.repeat(1024 * 1024)}\n`)
    const verify = await runCli(['verify'])
    expect(verify.stderr).toContain(
      'error: contracts/huge.yaml: it is larger than 1048576 bytes (1048590 bytes), the cap for this kind of file.',
    )
    expect(verify.code).toBe(2)
    expect(await reportedStatuses()).toEqual({ good: 'verified' })
  })
})

describe('a FIFO or other special file is refused, never waited on', { timeout: 180_000 }, () => {
  const mkfifo = (relative: string) => execFileSync('mkfifo', [join(project.dir, relative)])

  it('refuses a FIFO as contract file and as interactions file, and verifies the rest', async () => {
    await writeGoodContract()
    mkfifo('contracts/pipe.yaml')
    await project.writeContract('piped', { baseUrl: upstream.origin })
    mkfifo('contracts/piped.pact.json')
    const verify = await runCli(['verify'])
    expect(verify.stderr).toContain(
      'error: contracts/pipe.yaml: it is a named pipe (FIFO), not a regular file, and reading it could wait forever. Name a regular file. [CONTRACT_UNREADABLE]',
    )
    expect(verify.stderr).toMatch(
      /error: piped: .*piped\.pact\.json: it is a named pipe \(FIFO\).*\[PACT_UNREADABLE\]/,
    )
    expect(verify.code).toBe(2)
    expect(await reportedStatuses()).toEqual({ good: 'verified' })

    // A command given the contract by its path reads that file alone.
    const imported = await runCli(['import', 'contracts/pipe.yaml', 'none.har'])
    expect(imported.stderr).toContain('error: contracts/pipe.yaml: it is a named pipe (FIFO)')
    expect(imported.code).toBe(2)
  })

  it('refuses a FIFO or a device as an argument of upcheck diff', async () => {
    mkfifo('base.json')
    await project.writeFile(
      'revision.json',
      '{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{}}',
    )
    const fifo = await runCli(['diff', 'base.json', 'revision.json'])
    expect(fifo.stderr).toContain('base.json: it is a named pipe (FIFO), not a regular file')
    expect(fifo.code).toBe(2)

    const device = await runCli(['diff', 'revision.json', '/dev/zero'])
    expect(device.stderr).toContain('/dev/zero: it is a device, not a regular file')
    expect(device.code).toBe(2)

    mkfifo('interactions.pact.json')
    const interactions = await runCli([
      'diff',
      'revision.json',
      'revision.json',
      '--interactions',
      'interactions.pact.json',
    ])
    expect(interactions.stderr).toContain('interactions.pact.json: it is a named pipe (FIFO)')
    expect(interactions.code).toBe(2)
  })

  it('refuses a spec document nested 100,000 levels deep', async () => {
    await project.writeFile(
      'revision.json',
      '{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{}}',
    )
    await project.writeFile('deep.json', `{"openapi":"3.0.3","x":${nested(DEEP)}}`)
    const diff = await runCli(['diff', 'revision.json', 'deep.json'])
    expect(diff.stderr).toContain('deep.json:1:')
    expect(diff.stderr).toContain('nests arrays and objects deeper than 128 levels here')
    expect(diff.code).toBe(2)
  })
})
