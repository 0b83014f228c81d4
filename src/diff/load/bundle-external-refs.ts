import { UpcheckError } from '../../model/upcheck-error.js'
import { parseDocument } from './parse-document.js'
import { checkRef, type RefPolicy } from './ref-policy.js'
import { readText } from './read-text.js'
import type { SpecReader } from './spec-reader.js'

export interface BundleOptions {
  reader: SpecReader
  policy: RefPolicy
  maxBytes: number
  maxAliasCount: number
  signal: AbortSignal
}

/**
 * Pulls the external `$ref`s of a document into it with swagger-parser's bundler, so every
 * ref left is local. Every file or URL it reads goes through `checkRef` first and through the
 * same size cap and timeout as the root document. Circular refs stay refs.
 */
export async function bundleExternalRefs(
  document: object,
  location: string,
  options: BundleOptions,
): Promise<Record<string, unknown>> {
  // swagger-parser wraps resolver errors; keep ours to rethrow them as they were.
  let refusal: UpcheckError | undefined
  let budget = options.maxBytes
  // Loaded only for a document with external refs: most documents have none.
  const { default: SwaggerParser } = await import('@apidevtools/swagger-parser')
  const parser = new SwaggerParser()
  try {
    const bundled = await parser.bundle(
      location,
      document as never,
      {
        resolve: {
          file: false,
          http: false,
          external: true,
          upcheck: {
            order: 1,
            canRead: true,
            read: async (file: { url: string }) => {
              try {
                checkRef(options.policy, file.url, location)
                const { text } = await readText(options.reader, file.url, {
                  maxBytes: budget,
                  signal: options.signal,
                  check: (url) => checkRef(options.policy, url, location),
                })
                budget -= text.length
                return text
              } catch (error) {
                if (error instanceof UpcheckError) refusal ??= error
                throw error
              }
            },
          },
        },
        parse: {
          json: false,
          text: false,
          binary: false,
          yaml: {
            order: 1,
            canParse: true,
            parse: (file: { url: string; data: string | Uint8Array }) =>
              parseDocument(
                typeof file.data === 'string' ? file.data : new TextDecoder().decode(file.data),
                file.url,
                {
                  maxAliasCount: options.maxAliasCount,
                },
              ),
          },
        },
      } as never,
    )
    return bundled as unknown as Record<string, unknown>
  } catch (error) {
    if (refusal) throw refusal
    if (error instanceof UpcheckError) throw error
    throw new UpcheckError(
      'SPEC_UNREADABLE',
      `${location}: failed to resolve an external $ref: ${(error as Error).message}`,
      {
        cause: error,
        location: { file: location },
      },
    )
  }
}
