import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/contracts/index.js'
import { UpcheckError } from '../../src/model/index.js'
import { createTempFolder } from './temp-folder.js'

async function loadConfigError(
  content: string,
  fileName = 'upcheck.config.yaml',
): Promise<UpcheckError> {
  const cwd = await createTempFolder({ [fileName]: content })
  const error = await loadConfig({ cwd, file: fileName }).then(
    () => undefined,
    (thrown: unknown) => thrown,
  )
  expect(error).toBeInstanceOf(UpcheckError)
  const upcheckError = error as UpcheckError
  expect(upcheckError.code).toBe('CONFIG_INVALID')
  expect(upcheckError.message).not.toContain('\n')
  expect(upcheckError.message).not.toMatch(/\bat .+:\d+:\d+\)|Error:/)
  return upcheckError
}

describe('loading the config', () => {
  it('gives the defaults, resolved against the working directory, when there is no config file', async () => {
    const cwd = await createTempFolder({})
    const config = await loadConfig({ cwd })
    expect(config).toEqual({
      store: join(cwd, '.upcheck', 'state.db'),
      reports: join(cwd, 'reports'),
      contracts: join(cwd, 'contracts'),
      smtp: {},
      retentionMs: 90 * 86_400_000,
      defaults: {},
    })
    expect(Object.isFrozen(config)).toBe(true)
  })

  it('resolves its paths against its own folder and freezes it', async () => {
    const cwd = await createTempFolder({
      'ops/upcheck.config.yaml':
        'store: state/db.sqlite\nreports: ../out\nretention: 30d\nsmtp:\n  url: smtp://mail.example.com:587\n  from: upcheck <upcheck@example.com>\ndefaults:\n  probe: { confirm: 2 }\n',
    })
    const config = await loadConfig({ cwd, file: 'ops/upcheck.config.yaml' })
    expect(config).toEqual({
      store: join(cwd, 'ops', 'state', 'db.sqlite'),
      reports: join(cwd, 'out'),
      contracts: join(cwd, 'ops', 'contracts'),
      smtp: { url: 'smtp://mail.example.com:587', from: 'upcheck <upcheck@example.com>' },
      retentionMs: 30 * 86_400_000,
      defaults: { probe: { confirm: 2 } },
      file: join(cwd, 'ops', 'upcheck.config.yaml'),
    })
    expect(Object.isFrozen(config.defaults.probe)).toBe(true)
  })

  it('finds the config in a parent folder, up to the git root, as git finds its own', async () => {
    const cwd = await createTempFolder({
      'repo/upcheck.config.yaml': 'contracts: specs\n',
      'repo/.git/HEAD': 'ref: refs/heads/main\n',
      'repo/services/billing/README.md': '',
      'upcheck.config.yaml': 'contracts: outside\n',
      'other/repo/.git/HEAD': 'ref: refs/heads/main\n',
      'other/repo/sub/README.md': '',
    })
    const found = await loadConfig({ cwd: join(cwd, 'repo', 'services', 'billing') })
    expect(found.contracts).toBe(join(cwd, 'repo', 'specs'))
    expect(found.store).toBe(join(cwd, 'repo', '.upcheck', 'state.db'))
    expect(found.file).toBe(join(cwd, 'repo', 'upcheck.config.yaml'))
    // Not beyond a git root: the outer folder's config belongs to another project.
    const inner = join(cwd, 'other', 'repo', 'sub')
    const none = await loadConfig({ cwd: inner })
    expect(none.contracts).toBe(join(inner, 'contracts'))
    expect(none.file).toBeUndefined()
  })

  it('treats an empty config file as the defaults', async () => {
    const cwd = await createTempFolder({ 'upcheck.config.yaml': '' })
    expect((await loadConfig({ cwd })).defaults).toEqual({})
  })

  it('reports a config file named on the command line that does not exist', async () => {
    const cwd = await createTempFolder({})
    await expect(loadConfig({ cwd, file: 'missing.yaml' })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: 'missing.yaml: the file does not exist. Check the path.',
    })
  })

  it.each([
    [
      'reports a syntax error in the config as CONFIG_INVALID with its place',
      'store: a\n  reports: b\n',
      'upcheck.config.yaml:1:8: the file is not valid YAML: nested mappings are not allowed in compact mappings. Fix the syntax there.',
    ],
    [
      'suggests the nearest field for an unknown config field',
      'defaults:\n  fresness: 2d\n',
      'upcheck.config.yaml:2:3: defaults.fresness is not a known field. Did you mean "freshness"?',
    ],
    [
      'reports a bad value in the probe defaults at its place',
      'defaults:\n  probe:\n    concurrency: 0\n',
      'upcheck.config.yaml:3:18: defaults.probe.concurrency must be at least 1, got the number 0. Raise it.',
    ],
    [
      'reports a bad SMTP URL',
      'smtp:\n  url: mail.example.com\n',
      'upcheck.config.yaml:2:8: smtp.url "mail.example.com" is not an SMTP URL. Write it like "smtp://mail.example.com:587".',
    ],
  ])('%s', async (_title, config, message) => {
    const error = await loadConfigError(config)
    expect(error.message).toBe(message)
  })

  it('reports a retention that is not a duration', async () => {
    const error = await loadConfigError('retention: 0d\n')
    expect(error.message).toMatch(/^upcheck\.config\.yaml:1:12: retention "0d" is not a duration\./)
  })

  it('reports a zero default duration', async () => {
    const error = await loadConfigError('defaults:\n  alerts:\n    remindEvery: 0m\n')
    expect(error.message).toMatch(
      /^upcheck\.config\.yaml:3:18: defaults\.alerts\.remindEvery "0m" is not a duration\./,
    )
  })
})
