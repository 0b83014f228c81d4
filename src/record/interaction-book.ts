import { isHttpInteraction, type HttpInteraction, type Interaction } from '../model/index.js'
import { describeOperation } from '../runs/index.js'
import { computeRequestKey } from './request-key.js'

/** What became of a recorded interaction. */
export type AddOutcome =
  /** A request not seen before: appended. */
  | 'added'
  /** The same request (after normalisation) was recorded before: the newer response replaced it. */
  | 'replaced'
  /** `maxPerOperation` interactions of this operation and status are kept already: dropped. */
  | 'capped'

export interface BookOptions {
  /** At most this many interactions per operation (method and path template) and status. Default: no cap. */
  maxPerOperation?: number
}

/** The interactions of one Pact file, deduplicated as recordings come in. */
export interface InteractionBook {
  add(interaction: HttpInteraction): AddOutcome
  /** Every interaction, message interactions included, in file order. */
  readonly interactions: readonly Interaction[]
  /** The HTTP interaction recorded for this key, when there is one. */
  find(key: string): HttpInteraction | undefined
}

/** A description upcheck generated, like `GET /posts/{id} → 200 #2`. */
const GENERATED = /^[A-Z]+ \S* → \d{3}( #\d+)?$/

/** `GET /posts/{id} → 200`: the unit the cap counts in. */
function capGroup(interaction: HttpInteraction): string {
  return `${describeOperation(interaction.request.method, interaction.request.path)} → ${interaction.response.status}`
}

/**
 * Starts from the interactions already in the file. Each HTTP interaction is indexed by the
 * key of its request (recomputed, so hand-written and imported ones deduplicate too).
 * Descriptions stay unique: a second `GET /posts/{id} → 200` becomes `… #2`.
 */
export function createInteractionBook(
  existing: readonly Interaction[],
  options: BookOptions = {},
): InteractionBook {
  const list: Interaction[] = [...existing]
  const byKey = new Map<string, number>()
  const perGroup = new Map<string, number>()
  const descriptions = new Set<string>()
  const count = (group: string, delta: number) =>
    perGroup.set(group, (perGroup.get(group) ?? 0) + delta)

  list.forEach((interaction, i) => {
    descriptions.add(interaction.description)
    if (!isHttpInteraction(interaction)) return
    byKey.set(computeRequestKey(interaction.request), i)
    count(capGroup(interaction), 1)
  })

  const unique = (description: string): string => {
    if (!descriptions.has(description)) return description
    for (let n = 2; ; n++)
      if (!descriptions.has(`${description} #${n}`)) return `${description} #${n}`
  }

  return {
    interactions: list,
    find(key) {
      const at = byKey.get(key)
      const found = at === undefined ? undefined : list[at]
      return found && isHttpInteraction(found) ? found : undefined
    },
    add(interaction) {
      const key = interaction.key ?? computeRequestKey(interaction.request)
      const at = byKey.get(key)
      if (at !== undefined) {
        const old = list[at] as HttpInteraction
        descriptions.delete(old.description)
        // A name someone chose stays; so does a generated one that still says the same thing.
        const keep =
          !GENERATED.test(old.description) ||
          old.description === interaction.description ||
          old.description.startsWith(`${interaction.description} #`)
        const description = keep ? old.description : unique(interaction.description)
        descriptions.add(description)
        count(capGroup(old), -1)
        count(capGroup(interaction), 1)
        list[at] = { ...interaction, key, description }
        return 'replaced'
      }
      const group = capGroup(interaction)
      if (
        options.maxPerOperation !== undefined &&
        (perGroup.get(group) ?? 0) >= options.maxPerOperation
      )
        return 'capped'
      const description = unique(interaction.description)
      descriptions.add(description)
      count(group, 1)
      byKey.set(key, list.length)
      list.push({ ...interaction, key, description })
      return 'added'
    },
  }
}
