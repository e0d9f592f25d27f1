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
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, notice: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}

/** `file:line:col: severity: message (hint)` — the shape compilers and problem matchers expect. */
export function formatFinding(f: Finding): string {
  const where = `${f.file ?? '<spec>'}:${f.line ?? 1}:${f.column ?? 1}`;
  const hint = f.hint ? ` (${f.hint})` : '';
  return `${where}: ${f.severity}: ${f.message}${hint}`;
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
