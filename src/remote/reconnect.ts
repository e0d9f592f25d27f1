import type { Duplex } from 'node:stream';
import type { Reporter } from '../report/reporter.js';
import {
  RemoteError,
  readFiles,
  writeFiles,
  type ExecOptions,
  type ExecResult,
  type Remote,
} from './remote.js';
import type { FileToWrite } from './write-files.js';

/**
 * A Remote that survives a lost connection: the call that saw the loss fails (it is never
 * replayed: a command may or may not have run), and the next call reconnects first, retrying with
 * a growing delay for a bounded window. A host that stays away for the whole window is given up for
 * the rest of the run: every later call fails at once, so an undo stops and reports what is left.
 */

export interface ReconnectOptions {
  /** How long a lost host may take to come back. Default 60 s. */
  windowMs?: number;
  /** First delay between attempts, doubled each time up to maxDelayMs. Default 1 s. */
  firstDelayMs?: number;
  maxDelayMs?: number;
}

function isLost(error: unknown): boolean {
  return error instanceof RemoteError && error.code === 'connect';
}

export class ReconnectingRemote implements Remote {
  readonly host: string;
  /** Present when the connection can open channels (SSH), as on the wrapped Remote. */
  readonly dial?: (address: string, port: number, signal?: AbortSignal) => Promise<Duplex>;
  private broken = false;
  private gone: string | undefined;
  private closed = false;
  private reconnecting: Promise<Remote> | undefined;

  constructor(
    private current: Remote,
    private readonly connect: () => Promise<Remote>,
    private readonly reporter: Reporter,
    private readonly options: ReconnectOptions = {},
  ) {
    this.host = current.host;
    if (current.dial) {
      this.dial = async (address, port, signal) => {
        const r = await this.ready();
        if (!r.dial) throw new RemoteError(this.host, 'this connection cannot open channels', 'connect');
        return this.watch(r.dial(address, port, signal));
      };
    }
  }

  private async ready(): Promise<Remote> {
    if (this.gone) throw new RemoteError(this.host, `SSH connection lost for good: ${this.gone}`, 'connect');
    if (!this.broken || this.closed) return this.current;
    // One reconnect at a time, shared by every call waiting for it.
    this.reconnecting ??= this.reconnect().finally(() => (this.reconnecting = undefined));
    return this.reconnecting;
  }

  private async reconnect(): Promise<Remote> {
    const windowMs = this.options.windowMs ?? 60_000;
    const deadline = performance.now() + windowMs;
    let delay = this.options.firstDelayMs ?? 1000;
    let attempts = 0;
    let last: unknown;
    this.reporter.log(
      'warning',
      `SSH connection to ${this.host} lost: reconnecting (up to ${windowMs / 1000}s)`,
      {
        code: 'ssh.reconnect',
        host: this.host,
      },
    );
    for (;;) {
      attempts += 1;
      try {
        const next = await this.connect();
        await this.current.close().catch(() => undefined);
        this.current = next;
        this.broken = false;
        this.reporter.log('info', `SSH connection to ${this.host} back after ${attempts} attempt(s)`, {
          code: 'ssh.reconnected',
          host: this.host,
        });
        return next;
      } catch (error) {
        last = error;
      }
      if (this.closed || performance.now() + delay > deadline) break;
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, this.options.maxDelayMs ?? 10_000);
    }
    const why = last instanceof Error ? last.message : String(last);
    this.gone = `not back within ${windowMs / 1000}s (${attempts} attempts; last: ${why})`;
    throw new RemoteError(this.host, `SSH connection lost for good: ${this.gone}`, 'connect');
  }

  private async watch<T>(p: Promise<T>): Promise<T> {
    try {
      return await p;
    } catch (error) {
      if (isLost(error)) this.broken = true;
      throw error;
    }
  }

  async exec(argv: readonly string[], options?: ExecOptions): Promise<ExecResult> {
    const r = await this.ready();
    return this.watch(r.exec(argv, options));
  }

  async writeFile(path: string, content: string, mode?: number): Promise<void> {
    const r = await this.ready();
    return this.watch(r.writeFile(path, content, mode));
  }

  async writeFiles(files: readonly FileToWrite[]): Promise<void> {
    const r = await this.ready();
    return this.watch(writeFiles(r, files));
  }

  async readFile(path: string): Promise<string | undefined> {
    const r = await this.ready();
    return this.watch(r.readFile(path));
  }

  async readFiles(paths: readonly string[]): Promise<Record<string, string | undefined>> {
    const r = await this.ready();
    return this.watch(readFiles(r, paths));
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.current.close();
  }
}
