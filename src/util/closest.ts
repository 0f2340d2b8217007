// "Did you mean" suggestions: the candidate within a small edit distance of a misspelt word.

/** Levenshtein distance, case-insensitive. */
export function editDistance(a: string, b: string): number {
  return boundedDistance(a.toLowerCase(), b.toLowerCase(), Infinity);
}

/**
 * Levenshtein distance of two lower-cased words, or some value at least `bound` once the distance surely
 * reaches it (every cell of a row at `bound` or more): a document of 100,000 unknown keys asks for as many
 * suggestions, and most candidates are ruled out within a row or two.
 */
function boundedDistance(a: string, b: string, bound: number): number {
  let previous = new Array<number>(b.length + 1);
  let current = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    const c = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cell = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (c === b.charCodeAt(j - 1) ? 0 : 1));
      current[j] = cell;
      if (cell < rowMin) rowMin = cell;
    }
    if (rowMin >= bound) return rowMin;
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}

/** Candidate lists as closest() scans them: sorted, each with its lower-case form (built once per list). */
const prepared = new WeakMap<readonly string[], { name: string; lower: string }[]>();

function prepare(candidates: readonly string[]): { name: string; lower: string }[] {
  let list = prepared.get(candidates);
  if (!list) {
    list = [...candidates].sort().map((name) => ({ name, lower: name.toLowerCase() }));
    prepared.set(candidates, list);
  }
  return list;
}

/**
 * The candidate closest to `word`, if it is close enough to be a likely typo: the only candidate that starts
 * with it (3 characters or more), else the first in sorted order at the smallest distance under the bound.
 * Pass the same array for the same candidates: its sorted form is kept.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  if (word.length > 64) return undefined;
  const lower = word.toLowerCase();
  const list = prepare(candidates);
  if (word.length >= 3) {
    let only: string | undefined;
    let count = 0;
    for (const c of list) if (c.lower.startsWith(lower) && count++ === 0) only = c.name;
    if (count === 1) return only;
  }
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(word.length / 3)) + 1;
  for (const candidate of list) {
    // The distance is at least the difference in length.
    if (Math.abs(candidate.lower.length - lower.length) >= bestDistance) continue;
    const distance = boundedDistance(lower, candidate.lower, bestDistance);
    if (distance < bestDistance) {
      best = candidate.name;
      bestDistance = distance;
    }
  }
  return best;
}
