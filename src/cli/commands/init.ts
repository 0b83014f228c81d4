import { access, mkdir, writeFile } from 'node:fs/promises'
import { join, relative, resolve } from 'node:path'
import { UpcheckError } from '../../model/index.js'
import type { CliIo } from '../cli-io.js'
import { EXIT } from '../exit-code.js'
import type { GlobalOptions } from '../global-options.js'

const exampleContract = `# yaml-language-server: $schema=../node_modules/upcheck/schema/contract.schema.json
# An upcheck contract: one upstream API this product depends on.
name: example-api
owner: Your Name <you@example.com>
upstream:
  baseUrl: https://jsonplaceholder.typicode.com
  # headers:
  #   Authorization: Bearer \${EXAMPLE_TOKEN}   # read from the environment at run time, never stored
interactions: example-api.pact.json
freshness: 24h
schedule: "*/15 * * * *"
probe:
  timeoutMs: 10000
  retries: 2
  concurrency: 4
  ratePerSecond: 10
`

const examplePact = {
  consumer: { name: 'my-product' },
  provider: { name: 'example-api' },
  interactions: [
    {
      type: 'Synchronous/HTTP',
      description: 'GET /posts/{id} → 200',
      key: 'get-post',
      request: { method: 'GET', path: '/posts/1', headers: { Accept: ['application/json'] } },
      response: {
        status: 200,
        headers: { 'Content-Type': ['application/json; charset=utf-8'] },
        body: {
          contentType: 'application/json',
          encoded: false,
          content: { userId: 1, id: 1, title: 'a title', body: 'a body' },
        },
        matchingRules: { body: { $: { combine: 'AND', matchers: [{ match: 'type' }] } } },
      },
    },
  ],
  metadata: { pactSpecification: { version: '4.0' } },
}

const exampleConfig = `# upcheck settings shared by every contract. All optional.
store: .upcheck/state.db
reports: reports
contracts: contracts
defaults:
  freshness: 24h
`

/** `upcheck init`: writes an example contract, its interactions and a config; never overwrites. */
export async function runInitCommand(options: GlobalOptions, io: CliIo): Promise<number> {
  const cwd = io.cwd()
  const dir = resolve(cwd, options.contracts ?? 'contracts')
  const files: [string, string][] = [
    [join(dir, 'example-api.yaml'), exampleContract],
    [join(dir, 'example-api.pact.json'), `${JSON.stringify(examplePact, null, 2)}\n`],
    [resolve(cwd, options.config ?? 'upcheck.config.yaml'), exampleConfig],
  ]
  for (const [file] of files) {
    if (await exists(file)) {
      throw new UpcheckError(
        'USAGE',
        `${relative(cwd, file)} already exists; upcheck init never overwrites. Remove it or run init in another folder.`,
      )
    }
  }
  await mkdir(dir, { recursive: true })
  for (const [file, content] of files) {
    await writeFile(file, content, { flag: 'wx' })
    if (!options.quiet) io.stdout.write(`wrote ${relative(cwd, file)}\n`)
  }
  if (!options.quiet)
    io.stdout.write(`\nNext: edit ${relative(cwd, files[0]![0])}, then run \`upcheck verify\`.\n`)
  return EXIT.ok
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file)
    return true
  } catch {
    return false
  }
}
