/** Small figures helpers the benches share. */

/** The upper median (the element at length / 2 of the sorted copy); NaN when empty. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

/** Two decimals, for ratios and for latencies measured to the microsecond. */
export const round2 = (x: number): number => Math.round(x * 100) / 100;
