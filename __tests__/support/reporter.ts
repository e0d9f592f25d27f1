import type { Level, Reporter } from '../../src/report/reporter.js';

/** A Reporter that keeps every line and group title, masking secrets as the real ones must. */
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
