import { UpcheckError } from '../model/index.js'
import { readPersonalKey, type PersonalKey } from '../receipts/index.js'

/** The personal key a `--key` flag names, or a usage error saying why it cannot sign. */
export async function readKeyFlag(file: string): Promise<PersonalKey> {
  try {
    return await readPersonalKey(file)
  } catch (error) {
    throw new UpcheckError(
      'USAGE',
      `--key ${file} cannot sign: ${(error as Error).message}. Make one with "upcheck keys create --name ...".`,
      { cause: error },
    )
  }
}
