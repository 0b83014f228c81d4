import type { Release } from './releases.js'

/** The OpenAPI document each release publishes at /openapi.json. */
export function specFor(release: Release) {
  const next = release === '2026.11'
  const json = (schema: object) => ({ content: { 'application/json': { schema } } })
  const post = {
    type: 'object',
    required: ['id', 'title', next ? 'content' : 'body', 'authorId', 'publishedAt'],
    properties: {
      id: next ? { type: 'string' } : { type: 'integer' },
      title: { type: 'string' },
      ...(next ? { content: { type: 'string' } } : { body: { type: 'string' } }),
      authorId: { type: 'integer' },
      tags: { type: 'array', items: { type: 'string' } },
      publishedAt: { type: 'string', format: 'date-time' },
      views: { type: 'integer' },
    },
  }
  const comment = {
    type: 'object',
    required: ['id', 'postId', 'author', 'text'],
    properties: {
      id: { type: 'integer' },
      postId: { type: 'integer' },
      author: { type: 'string' },
      text: { type: 'string' },
      ...(next ? { likes: { type: 'integer' } } : {}),
    },
  }
  const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'integer' } }
  return {
    openapi: '3.0.3',
    info: { title: 'Posts API', version: release },
    servers: [{ url: 'http://127.0.0.1:4017' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Post: post, Comment: comment },
    },
    paths: {
      '/posts': {
        get: {
          operationId: 'listPosts',
          responses: {
            '200': {
              description: 'posts',
              ...json({
                type: 'object',
                required: ['items', 'total'],
                properties: {
                  items: { type: 'array', items: { $ref: '#/components/schemas/Post' } },
                  total: { type: 'integer' },
                },
              }),
            },
          },
        },
        post: {
          operationId: 'createPost',
          requestBody: {
            required: true,
            ...json({
              type: 'object',
              required: ['title'],
              properties: { title: { type: 'string' }, body: { type: 'string' } },
            }),
          },
          responses: {
            '201': { description: 'created', ...json({ $ref: '#/components/schemas/Post' }) },
          },
        },
      },
      '/posts/{id}': {
        get: {
          operationId: 'getPost',
          parameters: [idParam],
          responses: {
            '200': { description: 'a post', ...json({ $ref: '#/components/schemas/Post' }) },
            '404': { description: 'no such post' },
          },
        },
      },
      '/posts/{id}/comments': {
        get: {
          operationId: 'listComments',
          parameters: [idParam],
          responses: {
            '200': {
              description: 'comments',
              ...json({ type: 'array', items: { $ref: '#/components/schemas/Comment' } }),
            },
          },
        },
      },
      ...(next
        ? {}
        : {
            '/authors/{id}': {
              get: {
                operationId: 'getAuthor',
                parameters: [idParam],
                responses: {
                  '200': {
                    description: 'an author',
                    ...json({
                      type: 'object',
                      required: ['id', 'name'],
                      properties: {
                        id: { type: 'integer' },
                        name: { type: 'string' },
                        email: { type: 'string' },
                        followers: { type: 'integer' },
                      },
                    }),
                  },
                },
              },
            },
          }),
    },
  }
}
