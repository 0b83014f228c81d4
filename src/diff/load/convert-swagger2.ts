import { UpcheckError } from '../../model/upcheck-error.js'

/**
 * Converts a Swagger 2.0 document to OpenAPI 3.0 with swagger2openapi, so both versions are
 * compared in one model: `basePath` becomes a server, body and formData parameters become
 * request bodies, `definitions` become `components.schemas` (pointers follow the 3.0 layout).
 * External refs are bundled before this runs, so it never fetches anything.
 */
export async function convertSwagger2(
  document: Record<string, unknown>,
  where: string,
): Promise<Record<string, unknown>> {
  // Loaded only for 2.0 documents: it and its dependencies cost every diff a tenth of a second.
  const { default: swagger2openapi } = await import('swagger2openapi')
  try {
    const result = await swagger2openapi.convertObj(
      structuredClone(document) as never,
      {
        patch: true,
        warnOnly: true,
        resolve: false,
        resolveInternal: false,
      } as never,
    )
    return result.openapi as unknown as Record<string, unknown>
  } catch (error) {
    throw new UpcheckError(
      'SPEC_INVALID',
      `${where}: failed to convert the Swagger 2.0 document to OpenAPI 3: ${(error as Error).message}.`,
      {
        cause: error,
        location: { file: where },
      },
    )
  }
}
