import type { IncomingMessage, ServerResponse } from 'node:http'
import { startCliProcess } from './cli-process.js'
import { sendJson } from './local-upstream.js'
import type { Project } from './project.js'
import { typedInteraction } from './project.js'

/** The value of `CI_TOKEN` in {@link writeCiProject}'s contracts: it must reach no report or output. */
export const PLANTED_CI_TOKEN = 'planted-ci-token-7f3a91c2'

/**
 * The upstream of {@link writeCiProject}: a post whose id comes back as the caller's token (a
 * string: breaking, and a planted secret) and whose title turned null (a warning); a user as
 * recorded.
 */
export function answerCiProject(req: IncomingMessage, res: ServerResponse): void {
  if (req.url === '/posts/1') return sendJson(res, 200, { id: req.headers['x-token'], title: null })
  if (req.url === '/users/1') return sendJson(res, 200, { id: 7, name: 'Bo' })
  sendJson(res, 404, {})
}

/**
 * A project with the three cases CI output must carry: `posts-api` broken (and warned) with a
 * skipped POST, `users-api` verified. Its interaction names hold `,` and `:`, which workflow
 * command properties must escape.
 */
export async function writeCiProject(ws: Project, origin: string): Promise<void> {
  const headers = { 'X-Token': '${CI_TOKEN}' }
  await ws.writeContract('posts-api', {
    baseUrl: origin,
    headers,
    confirm: 0,
    interactions: [
      typedInteraction('get post, by id: 1', '/posts/1', { id: 1, title: 'hello' }),
      typedInteraction('create post', '/posts', { id: 1 }, 'POST'),
    ],
  })
  await ws.writeContract('users-api', {
    baseUrl: origin,
    headers,
    interactions: [typedInteraction('get user', '/users/1', { id: 1, name: 'Ann' })],
  })
}

/** `upcheck verify --no-alerts [args]` of {@link writeCiProject}'s project, in a real CLI process. */
export function verifyCiProject(
  ws: Project,
  args: string[] = [],
  env: Record<string, string> = {},
) {
  return startCliProcess(['verify', '--no-alerts', ...args], {
    cwd: ws.dir,
    env: { CI_TOKEN: PLANTED_CI_TOKEN, ...env },
  }).exited
}
