import { printable } from '../spec/findings.js';
import type { Level, Reporter } from './reporter.js';

/** Reporter for the CLI: progress to stderr (so stdout stays the command's result), secrets masked. */
export class TerminalReporter implements Reporter {
  private readonly secrets: string[] = [];
  private depth = 0;

  constructor(
    private readonly out: NodeJS.WritableStream = process.stderr,
    private readonly verbose = false,
  ) {}

  log(level: Level, message: string, fields: { code?: string; host?: string } = {}): void {
    if (level === 'debug' && !this.verbose) return;
    const tag = level === 'info' || level === 'debug' ? '' : `${level}: `;
    const host = fields.host ? `[${fields.host}] ` : '';
    this.out.write(`${'  '.repeat(this.depth)}${host}${tag}${this.mask(message)}\n`);
  }

  async group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    this.out.write(`${'  '.repeat(this.depth)}== ${this.mask(title)}\n`);
    this.depth += 1;
    try {
      return await fn();
    } finally {
      this.depth -= 1;
    }
  }

  secret(value: string): void {
    if (value) this.secrets.push(value);
  }

  private mask(text: string): string {
    // Masked first (a secret may span a line break), then kept on one line.
    return printable(this.secrets.reduce((t, s) => t.split(s).join('***'), text));
  }
}
