import { writeFileAtomically } from '../files/index.js'
import { readPactFile, writePact } from '../interactions/index.js'
import { UpcheckError } from '../model/index.js'
import { suggestClosest } from '../contracts/index.js'

/**
 * Removes from a Pact file the interactions whose V4 key or description is `which`, rewriting
 * the file atomically (as Pact V4; everything else in it is kept as it was).
 * @returns the descriptions removed.
 * @throws UpcheckError `USAGE` when none matches, naming the closest description.
 */
export async function removeInteractions(file: string, which: string): Promise<string[]> {
  const pact = await readPactFile(file)
  const matches = (i: { key?: string; description: string }) =>
    i.key === which || i.description === which
  const removed = pact.interactions.filter(matches)
  if (removed.length === 0) {
    const closest = suggestClosest(
      which,
      pact.interactions.map((i) => i.description),
    )
    throw new UpcheckError(
      'USAGE',
      `No interaction with the key or description "${which}" in ${file}.${closest ? ` Did you mean "${closest}"?` : ' List them with upcheck interactions <contract>.'}`,
    )
  }
  await writeFileAtomically(
    file,
    writePact({ ...pact, interactions: pact.interactions.filter((i) => !matches(i)) }),
  )
  return removed.map((i) => i.description)
}
