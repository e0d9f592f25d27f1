/**
 * The engine never prints: it reports to a Reporter. The CLI writes to a terminal, the action to
 * GitHub (groups, annotations, summary), tests record.
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

export class RecordingReporter implements Reporter {
  readonly lines: { level: Level; message: string; code?: string; host?: string }[] = [];
  readonly groups: string[] = [];
  private readonly secrets: string[] = [];

  log(level: Level, message: string, fields: { code?: string; host?: string } = {}): void {
    this.lines.push({ level, message: this.mask(message), ...fields });
  }

  async group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    this.groups.push(title);
    return fn();
  }

  secret(value: string): void {
    if (value) this.secrets.push(value);
  }

  mask(text: string): string {
    return this.secrets.reduce((t, s) => t.split(s).join('***'), text);
  }

  text(): string {
    return this.lines.map((l) => `${l.level}: ${l.message}`).join('\n');
  }
}
