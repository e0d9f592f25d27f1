/** "Did you mean" for misspelt keys, host names and values. */

/**
 * Optimal string alignment distance: Levenshtein plus adjacent transpositions (`prot` -> `port` is 1).
 * With `max`, gives up as soon as the distance must exceed it and returns max + 1: a typo check
 * only needs to know "close or not", and a 40,000-character key must not cost 40,000 x n steps.
 */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const cols = b.length + 1;
  // Three rolling rows (two back for transpositions) instead of the whole matrix.
  let before = new Array<number>(cols).fill(0);
  let previous = Array.from({ length: cols }, (_, j) => j);
  let current = new Array<number>(cols).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, (before[j - 2] ?? 0) + 1);
      current[j] = best;
      if (best < rowMin) rowMin = best;
    }
    if (rowMin > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  const d = previous[b.length] ?? 0;
  return d > max ? max + 1 : d;
}

/**
 * A cheap lower bound of the edit distance from character counts: what one word has more of than
 * the other must be inserted, deleted or substituted (a transposition keeps the counts). `counts`
 * holds the word's counts by char code (mod 128) and is left as it was found.
 */
function countBound(counts: Int32Array, wordLength: number, candidate: string): number {
  let missing = 0;
  for (let i = 0; i < candidate.length; i++) {
    const c = candidate.charCodeAt(i) & 127;
    if (--counts[c]! < 0) missing += 1;
  }
  for (let i = 0; i < candidate.length; i++) counts[candidate.charCodeAt(i) & 127]! += 1;
  // missing: candidate characters the word lacks; the word's surplus follows from the lengths.
  return Math.max(missing, wordLength - candidate.length + missing);
}

/** Longer than any key, host or value name a suggestion is made from (broker keys are under 60). */
const MAX_CANDIDATE_LENGTH = 200;

/**
 * The closest candidate, or undefined when none is close enough to be a likely typo. Case is
 * ignored for closeness (brokerrole -> brokerRole) and used only to break ties. Candidates are
 * filtered by length and character counts before the (cut-off) edit distance: cost stays linear in
 * the word's length and the number of candidates.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  // Roughly one edit per three characters: catches typos without suggesting unrelated short keys.
  // One- and two-letter names (hosts A, B) are all one edit apart: only a case slip counts there.
  const limit = word.length <= 2 ? 0 : Math.min(4, Math.max(1, Math.round(word.length / 3)));
  // No candidate is longer than this: a longer word is more than `limit` edits from all of them.
  if (word.length > MAX_CANDIDATE_LENGTH + limit) return undefined;
  const lower = word.toLowerCase();
  const counts = new Int32Array(128);
  for (let i = 0; i < lower.length; i++) counts[lower.charCodeAt(i) & 127]! += 1;
  let best: { candidate: string; score: number; exact: number } | undefined;
  for (const candidate of candidates) {
    if (candidate === word || Math.abs(candidate.length - word.length) > limit) continue;
    const candidateLower = candidate.toLowerCase();
    if (countBound(counts, lower.length, candidateLower) > limit) continue;
    const score = editDistance(lower, candidateLower, best ? Math.min(limit, best.score) : limit);
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
