/**
 * Did-you-mean is bounded (length and character-count filters, edit distance with a cut-off) and
 * must still pick what the plain, unbounded algorithm picks. Timing lives in `npm run bench`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyTableFor } from '../../src/spec/broker-keys.js';
import { closest, editDistance } from '../../src/spec/suggest.js';
import { validateSpecText } from '../../src/spec/validate.js';

/** The definition, without shortcuts: full matrix, every candidate. */
function referenceDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => d[i]?.[j] ?? Infinity;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      let best = Math.min(
        at(i - 1, j) + 1,
        at(i, j - 1) + 1,
        at(i - 1, j - 1) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = best;
    }
  }
  return at(a.length, b.length);
}

function referenceClosest(word: string, candidates: readonly string[]): string | undefined {
  const limit = word.length <= 2 ? 0 : Math.min(4, Math.max(1, Math.round(word.length / 3)));
  let best: { candidate: string; score: number; exact: number } | undefined;
  for (const candidate of candidates) {
    if (candidate === word) continue;
    const score = referenceDistance(word.toLowerCase(), candidate.toLowerCase());
    if (score > limit) continue;
    const exact = referenceDistance(word, candidate);
    if (
      !best ||
      score < best.score ||
      (score === best.score && (exact < best.exact || (exact === best.exact && candidate < best.candidate)))
    )
      best = { candidate, score, exact };
  }
  return best?.candidate;
}

const KEYS = [...keyTableFor('apacherocketmq/rocketmq:4.9.7').keys.keys()];

/** Typos of real keys (typo -> key): a letter dropped, doubled, swapped with the next, or its case flipped. */
function typos(count: number): Map<string, string> {
  const out = new Map<string, string>();
  for (let round = 0; out.size < count; round++) {
    for (const key of KEYS) {
      const p = (round * 7 + key.length) % key.length;
      const variants = [
        key.slice(0, p) + key.slice(p + 1),
        key.slice(0, p) + key.charAt(p) + key.slice(p),
        key.slice(0, p) + key.charAt(p + 1) + key.charAt(p) + key.slice(p + 2),
        key.slice(0, p) + key.charAt(p).toUpperCase() + key.slice(p + 1) + 'x'.repeat(round % 3),
      ];
      for (const v of variants) if (!KEYS.includes(v) && !out.has(v) && out.size < count) out.set(v, key);
    }
  }
  return out;
}

describe('did-you-mean', () => {
  it('gives the distance with a cut-off, or cut-off + 1 beyond it', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), fc.nat(6), (a, b, max) => {
        const d = referenceDistance(a, b);
        expect(editDistance(a, b)).toBe(d);
        expect(editDistance(a, b, max)).toBe(d <= max ? d : max + 1);
      }),
      { numRuns: 2000 },
    );
  });

  it('picks what the unbounded algorithm picks', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'A', 'B', 'd'), maxLength: 9 });
    fc.assert(
      fc.property(word, fc.array(word, { maxLength: 12 }), (w, candidates) => {
        expect(closest(w, candidates)).toBe(referenceClosest(w, candidates));
      }),
      { numRuns: 3000 },
    );
  });

  it('suggests the right key for each of 4,000 unknown broker.conf keys in one spec', () => {
    const origins = typos(4000);
    const words = [...origins.keys()];
    expect(words).toHaveLength(4000);
    const text = `version: 1
cluster: c
images: { rocketmq: apacherocketmq/rocketmq:4.9.7 }
ssh: { user: deploy }
dataRoot: /srv/rocketmq
hosts: { A: { address: 10.0.0.1 }, B: { address: 10.0.0.2 } }
nameServers: { hosts: [A, B] }
brokerDefaults:
${words.map((w) => `  ${w}: 1`).join('\n')}
brokers:
  broker-a: { master: { host: A }, slaves: [ { host: B, listenPort: 11911 } ] }
`;
    const result = validateSpecText(text, 'x.yml');
    const byKey = new Map(
      result.findings
        .filter((f) => ['unknown-broker-key', 'broker-key-version', 'legacy-broker-key'].includes(f.code))
        .map((f) => [String(f.path[1]), f]),
    );
    expect(byKey.size).toBe(4000);
    let suggested = 0;
    words.forEach((w, i) => {
      const f = byKey.get(w);
      expect(f?.line, w).toBe(9 + i);
      if (f?.code !== 'unknown-broker-key') return;
      const origin = origins.get(w) ?? '';
      const guess = /^did you mean '(.+)'\?$/.exec(f.hint ?? '')?.[1];
      const lower = (x: string) => x.toLowerCase();
      const originDistance = referenceDistance(lower(w), lower(origin));
      // A key at least as close as the one the typo came from (often that very key).
      if (originDistance <= Math.min(4, Math.round(w.length / 3))) {
        expect(guess, w).toBeDefined();
        expect(referenceDistance(lower(w), lower(guess ?? '')), w).toBeLessThanOrEqual(originDistance);
        suggested += 1;
      }
      // Every 20th word against the unbounded algorithm over the whole table.
      if (i % 20 === 0) {
        const want = referenceClosest(w, KEYS);
        expect(f.hint, w).toBe(
          want ? `did you mean '${want}'?` : 'remove it; only keys RocketMQ 4.9.8 reads are allowed',
        );
      }
    });
    expect(suggested).toBeGreaterThan(3500);
  });

  it('suggests nothing for a key of 40,000 characters, and says so at its line', () => {
    const result = validateSpecText(
      `version: 1\ncluster: c\nimages: { rocketmq: apacherocketmq/rocketmq:4.9.7 }\nbrokerDefaults:\n  ? ${'fileReservedTime'.repeat(2500)}\n  : 1\n`,
      'x.yml',
    );
    const f = result.findings.find((x) => x.code === 'unknown-broker-key');
    expect(f).toMatchObject({ line: 5, column: 5 });
    expect(f?.hint).toMatch(/^remove it/);
  });
});
