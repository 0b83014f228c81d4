import { beforeEach, expect } from 'vitest'
import { sendJson, useLocalUpstream } from './local-upstream.js'
import { typedInteraction, useProject, type Project } from './project.js'

/**
 * A fresh project for every test whose one contract, `posts-api`, was verified `verifies`
 * times against a local upstream that answers as recorded: a chain of that many run receipts.
 */
export function useVerifiedProject(verifies: number): Project {
  const project = useProject()
  const upstream = useLocalUpstream((_req, res) => sendJson(res, 200, { id: 1, title: 'x' }))
  beforeEach(async () => {
    await project.writeContract('posts-api', {
      baseUrl: upstream.origin,
      interactions: [typedInteraction('get post', '/posts/1', { id: 1, title: 'hello' })],
    })
    for (let i = 0; i < verifies; i++) expect((await project.run(['verify'])).code).toBe(0)
  })
  return project
}

/** A receipt's DSSE envelope with its in-toto statement changed by `edit` and the signature kept: a tampered receipt. */
export function editStatement<T extends { payload: string }>(
  envelope: T,
  edit: (statement: { predicate: Record<string, unknown> }) => void,
): T {
  const statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8'))
  edit(statement)
  return { ...envelope, payload: Buffer.from(JSON.stringify(statement)).toString('base64') }
}
