/**
 * A small pilot app: the kind of Node client whose traffic `upcheck record -- <command>`
 * turns into a contract. It talks to a posts API with `fetch` and with the `http`/`https`
 * modules, sends its credentials three ways (a bearer token, an API key header and a query
 * parameter), logs in with a password, and calls one other service that is not the contract's.
 *
 * Environment:
 * - PILOT_API_URL   the posts API's base URL, like http://127.0.0.1:4017/api
 * - PILOT_TOKEN     bearer token for the posts API
 * - PILOT_API_KEY   API key, sent as X-Api-Key and as ?api_key=
 * - PILOT_PASSWORD  the password of the login call
 * - PILOT_OTHER_URL optional: another service's URL, called once
 *
 * Run it recorded: upcheck record posts-api -- node --import tsx examples/pilot-app/main.ts
 */
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'

interface Post {
  id: number
  title: string
}

function required(name: string): string {
  const value = process.env[name]
  if (!value)
    throw new Error(`Set ${name}: see the comment at the top of examples/pilot-app/main.ts`)
  return value
}

const base = required('PILOT_API_URL').replace(/\/+$/, '')
const token = required('PILOT_TOKEN')
const apiKey = required('PILOT_API_KEY')
const password = required('PILOT_PASSWORD')

/** GET with the `http`/`https` modules, as older SDKs do. */
function getWithHttpModule(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  const send = url.startsWith('https:') ? httpsRequest : httpRequest
  return new Promise((resolve, reject) => {
    const req = send(url, { method: 'GET', headers }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

async function getJson<T>(response: Response, what: string): Promise<T> {
  if (!response.ok) throw new Error(`${what} answered ${response.status}`)
  return (await response.json()) as T
}

const auth = { authorization: `Bearer ${token}`, accept: 'application/json' }

const posts = await getJson<Post[]>(
  await fetch(`${base}/posts`, { headers: auth }),
  'listing posts',
)
console.log(`listed ${posts.length} posts`)

const first = posts[0]
if (first) {
  const { status, body } = await getWithHttpModule(`${base}/posts/${first.id}`, {
    ...auth,
    'x-api-key': apiKey,
  })
  console.log(`post ${first.id}: ${status} ${(JSON.parse(body) as Post).title}`)
}

const search = await getJson<{ total: number }>(
  await fetch(`${base}/search?q=hello&api_key=${encodeURIComponent(apiKey)}`, { headers: auth }),
  'searching',
)
console.log(`search found ${search.total}`)

const login = await fetch(`${base}/sessions`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', accept: 'application/json' },
  body: JSON.stringify({ username: 'ann', password }),
})
const session = await getJson<{ user: { name: string } }>(login, 'logging in')
console.log(`logged in as ${session.user.name}`)

const other = process.env.PILOT_OTHER_URL
if (other) console.log(`other service: ${(await fetch(other)).status}`)
