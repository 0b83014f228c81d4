import { expect, it } from 'vitest'
import { startCliProcess } from '../support/cli-process.js'
import { sendJson, useLocalUpstream } from '../support/local-upstream.js'
import { typedInteraction, useProject } from '../support/project.js'

const project = useProject({ confirm: 0 })
// The id comes back a string: every run is broken.
const upstream = useLocalUpstream((_req, res) => sendJson(res, 200, { id: 'one' }))

it('warns at start that alerts have nowhere to go, and logs a raised alert as not sent', async () => {
  await project.writeContract('posts-api', {
    baseUrl: upstream.origin,
    headers: {},
    interactions: [typedInteraction('one', '/posts/1', { id: 1 })],
    extra: 'schedule: "* * * * * *"',
  })
  const daemon = startCliProcess(['schedule'], { cwd: project.dir })
  await daemon.waitFor(/posts-api: broken alert raised, but not sent: it has nowhere to go/)
  const { stderr, stdout } = await daemon.stop('SIGTERM')
  expect(stderr).toMatch(
    /warning: alerts have nowhere to go for posts-api: no e-mail is sent without SMTP_URL and ALERT_FROM .* and it has no alerts\.webhook/,
  )
  // Nothing claims a send that cannot happen.
  expect(stdout).not.toMatch(/alert \(\w+\) sent/)
})
