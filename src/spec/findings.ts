/** A finding is a value, not an exception: every check reports all it sees in one run. */
export type Severity = 'error' | 'warning' | 'notice';

export type SpecPath = ReadonlyArray<string | number>;

export interface Finding {
  severity: Severity;
  /** Stable identifier, e.g. `unknown-key`, `port-clash`; used by tests and JSON consumers. */
  code: string;
  /** What is wrong, in the user's words. */
  message: string;
  /** How to fix it. */
  hint?: string;
  /** Where in the spec: path of keys from the document root. */
  path: SpecPath;
  /** Point at the key itself rather than its value (unknown keys, duplicate keys). */
  at?: 'key' | 'value';
  file?: string;
  line?: number;
  column?: number;
  /**
   * The other place involved (e.g. the first user of a clashing port): validation appends
   * ` (<text> line N)` to the message and fills in its line and column.
   */
  related?: { path: SpecPath; at?: 'key' | 'value'; text: string; line?: number; column?: number };
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, notice: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}

/**
 * Control characters (C0, DEL, C1), Unicode line and paragraph separators and bidirectional
 * overrides: in a terminal or a CI log they start a line, move the cursor or reorder text.
 */
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Text safe to print as part of one line: every character above is written as an escape (`\n`,
 * `\u001b`), so a value from the spec (or a host) can never start a line of its own, e.g. a forged
 * `::error` workflow command or a fake `file:1:1: error:` line.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `file:line:col: severity: message (hint)` — the shape compilers and problem matchers expect. */
export function formatFinding(f: Finding): string {
  const where = `${f.file ?? '<spec>'}:${f.line ?? 1}:${f.column ?? 1}`;
  const hint = f.hint ? ` (${f.hint})` : '';
  return printable(`${where}: ${f.severity}: ${f.message}${hint}`);
}

/** Sort by position so output reads top to bottom like the file. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      a.code.localeCompare(b.code) ||
      a.message.localeCompare(b.message),
  );
}
