import { expect } from 'vitest'
import { loadSpec } from '../../src/diff/load/load-spec.js'
import { UpcheckError } from '../../src/model/upcheck-error.js'

/** The `UpcheckError` loading `source` fails with; the test fails when it loads or fails otherwise. */
export async function loadError(
  source: string,
  options?: Parameters<typeof loadSpec>[1],
): Promise<UpcheckError> {
  const error = await loadSpec(source, options).catch((caught: unknown) => caught)
  expect(error).toBeInstanceOf(UpcheckError)
  return error as UpcheckError
}
