import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import {
  answerCiProject,
  PLANTED_CI_TOKEN,
  verifyCiProject,
  writeCiProject,
} from '../support/ci-project.js'
import { useLocalUpstream } from '../support/local-upstream.js'
import { useProject } from '../support/project.js'
import { isCi } from '../support/shared-data.js'

const run = promisify(execFile)
const xsd = fileURLToPath(new URL('./jenkins-junit-xsd/junit-10.xsd', import.meta.url))

/** xmllint (Debian's libxml2-utils): `.ci/run` installs it; away from CI its absence skips. */
const xmllint = await run('xmllint', ['--version']).then(
  () => true,
  () => false,
)
if (!xmllint && isCi(process.env))
  throw new Error(
    'Failed to find xmllint: under CI=true the JUnit schema test fails instead of skipping. Install libxml2-utils (.ci/run does).',
  )

const ws = useProject()
const upstream = useLocalUpstream(answerCiProject)

describe.skipIf(!xmllint)(
  `junit.xml against the Jenkins JUnit XSD${xmllint ? '' : ' (skipped: xmllint is not installed)'}`,
  () => {
    it('validates with xmllint after a real verify with broken, passing and skipped cases, each skip with its reason', async () => {
      await writeCiProject(ws, upstream.origin)
      const result = await verifyCiProject(ws)
      expect(result.code).toBe(1)
      const junit = join(ws.dir, 'reports', 'junit.xml')
      const xml = await readFile(junit, 'utf8')
      expect(xml).toContain('<failure ')
      expect(xml).toMatch(
        /<testcase classname="users-api" name="get user" time="[0-9.]+"><\/testcase>/,
      )
      expect(xml).toContain(
        '<skipped message="POST is not replayed, since it could change the live upstream: set probe.allowUnsafe: true in the contract to replay it"/>',
      )
      expect(xml).not.toContain(PLANTED_CI_TOKEN)

      const lint = await run('xmllint', ['--noout', '--schema', xsd, junit]).catch(
        (error: { stderr: string; code: number }) => error,
      )
      expect(lint.stderr).toMatch(/ validates$/m)
    })
  },
)
