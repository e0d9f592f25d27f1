/**
 * The engine never prints: it reports to a Reporter. The CLI writes to a terminal, the action to
 * GitHub (groups, annotations, summary).
 */
export type Level = 'debug' | 'info' | 'warning' | 'error';

export interface Reporter {
  /** A line of progress or diagnosis. `code` is stable (e.g. `gate.pass`), `host` scopes it. */
  log(level: Level, message: string, fields?: { code?: string; host?: string }): void;
  /** Work on one host or one phase; returns when fn does, closing the group even on failure. */
  group<T>(title: string, fn: () => Promise<T>): Promise<T>;
  /** A value that must never appear in any log line (keys, passphrases). */
  secret(value: string): void;
}
