/**
 * Lookups keyed by user text. A plain object answers `constructor`, `toString` or `__proto__` from
 * Object.prototype, so a host named like a built-in would look defined: only own keys count.
 */
export function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Every name Object.prototype answers to (for tests and the raw-key check). */
export const PROTOTYPE_NAMES: readonly string[] = Object.getOwnPropertyNames(Object.prototype);
