/** A contract is stale when it has no verified run within its freshness window. */
export function isStale(
  lastVerifiedAt: string | undefined,
  freshnessMs: number,
  now: number,
): boolean {
  if (lastVerifiedAt === undefined) return true
  return now - Date.parse(lastVerifiedAt) > freshnessMs
}
