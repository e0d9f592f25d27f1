import type { Duplex } from 'node:stream';
import type { FileToWrite } from './write-files.js';
import { RolloutError } from '../errors.js';

/**
 * The one seam between the engine and a host. Implementations: SSH (ssh.ts), in-memory (tests),
 * and a printer for --dry-run. Every command is an argv; quoting happens in exactly one place.
 */
export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface ExecOptions {
  /** Text fed to the command's standard input. */
  stdin?: string;
  /** Fail the call (RemoteError) when the command runs longer. */
  timeoutMs?: number;
  /** Prefix the command with `sudo -n` (docker for users outside the docker group). */
  sudo?: boolean;
}

export interface Remote {
  /** The host's name in the spec (A, B, ...). */
  readonly host: string;
  /** Run one argv; never throws for a non-zero exit, only for transport failures or timeouts. */
  exec(argv: readonly string[], options?: ExecOptions): Promise<ExecResult>;
  /** Write a file atomically (temp file in the same directory, then rename). */
  writeFile(path: string, content: string, mode?: number): Promise<void>;
  /** Read a file; undefined when it does not exist. */
  readFile(path: string): Promise<string | undefined>;
  /** Several files written in one command; absent for remotes without it (see writeFiles below). */
  writeFiles?(files: readonly FileToWrite[]): Promise<void>;
  /** Several files in one command; absent for remotes without it (see readFiles below). */
  readFiles?(paths: readonly string[]): Promise<Record<string, string | undefined>>;
  close(): Promise<void>;
  /**
   * A TCP stream to `address:port` opened by the host itself (over SSH: a direct-tcpip channel of
   * this connection), so ports closed to the runner stay reachable. Absent for remotes without one.
   */
  dial?(address: string, port: number, signal?: AbortSignal): Promise<Duplex>;
}

export class RemoteError extends RolloutError {
  declare readonly host: string;
  declare readonly code: 'connect' | 'host-key' | 'auth' | 'timeout' | 'exec' | 'io';

  constructor(host: string, message: string, code: RemoteError['code']) {
    super(code, `${host}: ${message}`, { host });
  }
}

/** Several files at once: in one command where the Remote can, else one readFile each. */
export async function readFiles(
  remote: Remote,
  paths: readonly string[],
): Promise<Record<string, string | undefined>> {
  if (paths.length === 0) return {};
  if (remote.readFiles) return remote.readFiles(paths);
  const texts = await Promise.all(paths.map((p) => remote.readFile(p)));
  return Object.fromEntries(paths.map((p, i) => [p, texts[i]]));
}

/**
 * Several files at once: in one command where the Remote can (all written, then all renamed into
 * place), else one writeFile each, in order.
 */
export async function writeFiles(remote: Remote, files: readonly FileToWrite[]): Promise<void> {
  if (files.length === 0) return;
  if (remote.writeFiles) return remote.writeFiles(files);
  for (const f of files) await remote.writeFile(f.path, f.content, f.mode);
}
