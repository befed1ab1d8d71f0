/** Edits between two words: insertions, deletions, substitutions, and swaps of neighbours ("titel" for "title"). */
function distance(a: string, b: string): number {
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (before[j - 2] as number) + 1);
      current[j] = d;
    }
    before = previous;
    previous = current;
  }
  return previous[b.length] as number;
}

/** `; did you mean "segments"?` for a near miss, or an empty string. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  let best: string | undefined;
  // One slip in a short word, two in a longer one: `$foo` is not a near miss of `$not`.
  let bestDistance = (word.length <= 5 ? 1 : word.length <= 10 ? 2 : 3) + 1;
  for (const candidate of candidates) {
    // The distance is at least the difference in length: a 1 MB key is compared with nothing.
    const d = word.length - candidate.length < bestDistance ? distance(word.toLowerCase(), candidate.toLowerCase()) : bestDistance;
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best ? `; did you mean "${best}"?` : '';
}
