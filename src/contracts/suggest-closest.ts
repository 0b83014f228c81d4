/**
 * The candidate nearest to `word` by edit distance (ignoring case), when it is near enough
 * to be a likely typo: at most a third of the word's length, and never more than 3 edits.
 */
export function suggestClosest(word: string, candidates: readonly string[]): string | undefined {
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)))
  let best: string | undefined
  let bestDistance = Infinity
  for (const candidate of candidates) {
    const distance = measureEditDistance(word.toLowerCase(), candidate.toLowerCase())
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  return bestDistance <= limit ? best : undefined
}

/** Levenshtein distance with adjacent transpositions counted as one edit (`shcedule`). */
export function measureEditDistance(a: string, b: string): number {
  // Three rolling rows keep memory linear; the transposition step needs the row two back.
  let twoBack: number[] = []
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, twoBack[j - 2]! + 1)
      }
      current.push(value)
    }
    twoBack = previous
    previous = current
  }
  return previous[b.length]!
}
