/** "Did you mean" for misspelt keys, host names and values. */

/** Optimal string alignment distance: Levenshtein plus adjacent transpositions (`prot` -> `port` is 1). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i < rows; i++) {
    const row = d[i];
    if (!row) continue;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, at(i - 2, j - 2) + 1);
      row[j] = best;
    }
  }
  return at(a.length, b.length);
}

/**
 * The closest candidate, or undefined when none is close enough to be a likely typo. Case is
 * ignored for closeness (brokerrole -> brokerRole) and used only to break ties.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  // Roughly one edit per three characters: catches typos without suggesting unrelated short keys.
  // One- and two-letter names (hosts A, B) are all one edit apart: only a case slip counts there.
  const limit = word.length <= 2 ? 0 : Math.min(4, Math.max(1, Math.round(word.length / 3)));
  let best: { candidate: string; score: number; exact: number } | undefined;
  for (const candidate of candidates) {
    if (candidate === word) continue;
    const score = editDistance(lower, candidate.toLowerCase());
    if (score > limit) continue;
    const exact = editDistance(word, candidate);
    if (
      !best ||
      score < best.score ||
      (score === best.score && (exact < best.exact || (exact === best.exact && candidate < best.candidate)))
    ) {
      best = { candidate, score, exact };
    }
  }
  return best?.candidate;
}

/** `did you mean 'x'?` or undefined. */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const c = closest(word, candidates);
  return c === undefined ? undefined : `did you mean '${c}'?`;
}

/** `'a', 'b' or 'c'` for messages listing allowed values. */
export function listWords(words: readonly string[]): string {
  const quoted = words.map((w) => `'${w}'`);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}
