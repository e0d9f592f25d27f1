/**
 * --dry-run: a Remote that prints what would run instead of running it. Given a real Remote to
 * observe through, it lets read-only commands through (so a dry-run plan still sees the hosts) and
 * prints only the changes.
 */
import { createHash } from 'node:crypto';
import type { Reporter } from '../report/reporter.js';
import { quoteArgv } from './quote.js';
import type { ExecOptions, ExecResult, Remote } from './remote.js';

/** Commands that only look: docker ps / inspect / image inspect / logs / version, and reading files. */
export function isReadOnly(argv: readonly string[]): boolean {
  const [cmd, sub, third] = argv;
  if (cmd === 'docker') {
    return (
      sub === 'ps' ||
      sub === 'inspect' ||
      sub === 'logs' ||
      sub === 'version' ||
      sub === 'info' ||
      (sub === 'image' && (third === 'inspect' || third === 'ls'))
    );
  }
  return cmd === 'cat' || cmd === 'test' || cmd === 'df' || cmd === 'true';
}

export interface DryRunOptions {
  /** Observe through this Remote: read-only commands and readFile go to it. */
  observe?: Remote;
  /** Override which commands are safe to pass through. */
  readOnly?: (argv: readonly string[]) => boolean;
}

export class DryRunRemote implements Remote {
  readonly host: string;
  /** Everything that would have changed the host, in order. */
  readonly wouldRun: string[] = [];

  constructor(
    host: string,
    private readonly reporter: Reporter,
    private readonly options: DryRunOptions = {},
  ) {
    this.host = host;
  }

  async exec(argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    const readOnly = (this.options.readOnly ?? isReadOnly)(argv);
    if (readOnly && this.options.observe) return this.options.observe.exec(argv, options);
    const line = quoteArgv(options.sudo ? ['sudo', '-n', ...argv] : argv);
    if (!readOnly) {
      this.wouldRun.push(line);
      const stdin =
        options.stdin !== undefined ? ` (with ${Buffer.byteLength(options.stdin)} bytes on stdin)` : '';
      this.reporter.log('info', `would run: ${line}${stdin}`, { code: 'dry-run.exec', host: this.host });
    }
    return { code: 0, stdout: '', stderr: '' };
  }

  async writeFile(path: string, content: string, mode = 0o644): Promise<void> {
    const digest = createHash('sha256').update(content).digest('hex').slice(0, 12);
    const line = `write ${path} (${Buffer.byteLength(content)} bytes, mode ${mode.toString(8)}, sha256 ${digest})`;
    this.wouldRun.push(line);
    this.reporter.log('info', `would ${line}`, { code: 'dry-run.write', host: this.host });
  }

  async readFile(path: string): Promise<string | undefined> {
    return this.options.observe ? this.options.observe.readFile(path) : undefined;
  }

  async close(): Promise<void> {
    await this.options.observe?.close();
  }
}
