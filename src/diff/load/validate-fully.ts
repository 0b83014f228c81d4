/**
 * swagger-parser's full validation: the OpenAPI JSON Schema and the spec's own rules. It
 * dereferences a copy of the document, which takes seconds on multi-megabyte documents, so it
 * runs only when asked for. Returns the problems, empty when valid.
 */
export async function validateFully(document: Record<string, unknown>): Promise<string[]> {
  // Loaded only when asked for: it and its dependencies cost every diff a tenth of a second.
  const { default: SwaggerParser } = await import('@apidevtools/swagger-parser')
  try {
    await new SwaggerParser().validate(
      structuredClone(document) as never,
      { dereference: { circular: 'ignore' } } as never,
    )
    return []
  } catch (error) {
    return [(error as Error).message.replace(/\s+/g, ' ').trim()]
  }
}
