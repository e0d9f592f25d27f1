/**
 * The SSH Remote: node-ssh opens the connection (ssh2 underneath), we verify the host key ourselves
 * against known_hosts before ssh2 authenticates or runs anything, and run every argv through
 * quoteArgv. Commands go straight to the ssh2 channel so that output stays byte-exact (node-ssh's
 * execCommand decodes chunk by chunk and trims) and a timeout can kill the channel.
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { constants as osConstants } from 'node:os';
import type { Duplex } from 'node:stream';
import { NodeSSH } from 'node-ssh';
import type { Client, ClientChannel, ConnectConfig, ServerHostKeyAlgorithm } from 'ssh2';
import type { Reporter } from '../report/reporter.js';
import {
  fingerprint,
  knownKeyTypes,
  parseKnownHosts,
  verifyHostKey,
  type ParsedKnownHosts,
} from './known-hosts.js';
import { MISSING_FILE_STATUS, hostArgv } from './host-commands.js';
import { OBSERVE_UNSUPPORTED, observeArgv, parseReadFiles } from './observe.js';
import { quoteArgv } from './quote.js';
import { WRITE_FILES_UNSUPPORTED, writeFilesCommand, type FileToWrite } from './write-files.js';
import { RemoteError, type ExecOptions, type ExecResult, type Remote } from './remote.js';

export interface JumpHost {
  address: string;
  port: number;
  user: string;
}

interface SshCommonOptions {
  /** The host's name in the spec (A, B, ...): used in messages and as Remote.host. */
  host: string;
  address: string;
  port: number;
  user: string;
  /** The private key itself (OpenSSH or PEM text), never a path. */
  privateKey?: string;
  /** An ssh-agent's socket (SSH_AUTH_SOCK) to authenticate with, besides or instead of privateKey. */
  agent?: string;
  passphrase?: string;
  /** Handshake deadline, TCP connect included. Default 20 s. */
  connectTimeoutMs?: number;
  /** Default deadline of one command. Default 15 min (a pull of a large image). */
  commandTimeoutMs?: number;
  /** SSH keepalive so that a dead host fails a command instead of hanging. Default 10 s. */
  keepaliveIntervalMs?: number;
  /** Reach the host through this bastion (same key); both host keys are verified. */
  jumpHost?: JumpHost;
  /** Run `docker ...` argvs as `sudo -n docker ...` unless a call says otherwise. */
  sudo?: boolean;
}

/** Host key checking is on unless switched off explicitly; there is no silent default. */
export type SshOptions = SshCommonOptions &
  (
    | { knownHosts: string; insecureSkipHostKeyCheck?: false }
    | { knownHosts?: string; insecureSkipHostKeyCheck: true }
  );

const DEFAULT_CONNECT_TIMEOUT_MS = 20_000;
const DEFAULT_COMMAND_TIMEOUT_MS = 15 * 60_000;
const DEFAULT_KEEPALIVE_MS = 10_000;
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Host key algorithms ssh2 may negotiate for each key type that known_hosts can record. */
const ALGORITHMS_BY_KEY_TYPE: Record<string, ServerHostKeyAlgorithm[]> = {
  'ssh-ed25519': ['ssh-ed25519'],
  'ecdsa-sha2-nistp256': ['ecdsa-sha2-nistp256'],
  'ecdsa-sha2-nistp384': ['ecdsa-sha2-nistp384'],
  'ecdsa-sha2-nistp521': ['ecdsa-sha2-nistp521'],
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
};

interface Endpoint {
  /** How messages name it: "A (10.0.0.5:22)" or "jump host 10.0.0.1:22 for A". */
  label: string;
  address: string;
  port: number;
  user: string;
}

/** Connect to one host and return a Remote that reuses this one connection for the whole run. */
export async function connectSsh(options: SshOptions, reporter: Reporter): Promise<Remote> {
  if (options.privateKey) reporter.secret(options.privateKey);
  // A log line may carry one line of a multi-line key; mask each body line as well.
  for (const line of (options.privateKey ?? '').split(/\r?\n/)) {
    const l = line.trim();
    if (l.length >= 16 && !l.startsWith('-----')) reporter.secret(l);
  }
  if (options.passphrase) reporter.secret(options.passphrase);

  const knownHosts = options.insecureSkipHostKeyCheck ? undefined : parseKnownHosts(options.knownHosts);
  if (knownHosts) {
    for (const p of knownHosts.problems) {
      reporter.log('warning', `known_hosts line ${p.line} ignored: ${p.message}`, {
        code: 'ssh.known-hosts-line',
        host: options.host,
      });
    }
  }

  const target: Endpoint = {
    label: `${options.host} (${options.address}:${options.port})`,
    address: options.address,
    port: options.port,
    user: options.user,
  };
  let jump: NodeSSH | undefined;
  try {
    let sock: Duplex | undefined;
    if (options.jumpHost) {
      const j = options.jumpHost;
      jump = await openConnection(
        { label: `jump host ${j.address}:${j.port} for ${options.host}`, ...j },
        options,
        knownHosts,
        reporter,
      );
      sock = await forwardThrough(jump, options);
    }
    const ssh = await openConnection(target, options, knownHosts, reporter, sock);
    return new SshRemote(options, ssh, jump, reporter);
  } catch (err) {
    jump?.dispose();
    throw err;
  }
}

async function forwardThrough(jump: NodeSSH, options: SshOptions): Promise<Duplex> {
  try {
    return await jump.forwardOut('127.0.0.1', 0, options.address, options.port);
  } catch (err) {
    const j = options.jumpHost;
    const why =
      (err as { reason?: unknown }).reason === OPEN_PROHIBITED
        ? `its sshd refuses TCP forwarding (administratively prohibited): set AllowTcpForwarding yes (or local) for ${j?.user} in the jump host's sshd_config`
        : messageOf(err);
    throw new RemoteError(
      options.host,
      `the jump host ${j?.address}:${j?.port} cannot reach ${options.address}:${options.port}: ${why}`,
      'connect',
    );
  }
}

async function openConnection(
  endpoint: Endpoint,
  options: SshOptions,
  knownHosts: ParsedKnownHosts | undefined,
  reporter: Reporter,
  sock?: Duplex,
): Promise<NodeSSH> {
  let refusal: string | undefined;
  let acceptedWith: string | undefined;
  const hostVerifier = (key: Buffer): boolean => {
    if (!knownHosts) {
      acceptedWith = `NOT verified (insecureSkipHostKeyCheck)`;
      reporter.log(
        'warning',
        `host key of ${endpoint.label} NOT verified because insecureSkipHostKeyCheck is set; it presented ` +
          `${fingerprint(key)}. Anyone on the path can ` +
          `impersonate this host: pass known_hosts instead.`,
        { code: 'ssh.host-key-unverified', host: options.host },
      );
      return true;
    }
    const verdict = verifyHostKey(knownHosts, endpoint.address, endpoint.port, key);
    if (verdict.ok) {
      acceptedWith = `${verdict.fingerprint} matches known_hosts line ${verdict.line}`;
      return true;
    }
    refusal = verdict.reason;
    return false;
  };

  const config: ConnectConfig & { privateKey?: string } = {
    host: endpoint.address,
    port: endpoint.port,
    username: endpoint.user,
    ...(options.privateKey ? { privateKey: options.privateKey } : {}),
    ...(options.agent ? { agent: options.agent } : {}),
    readyTimeout: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    keepaliveInterval: options.keepaliveIntervalMs ?? DEFAULT_KEEPALIVE_MS,
    keepaliveCountMax: 3,
    hostVerifier,
  };
  if (options.passphrase) config.passphrase = options.passphrase;
  // Our own socket so that Nagle is off: each command and each gate's request is a small write
  // waiting for an answer, and Nagle plus delayed ACKs adds tens of ms to many of them. Through a
  // jump host the stream is a channel of the bastion's connection, whose socket has it off already.
  const own = sock
    ? undefined
    : net.connect({ host: endpoint.address, port: endpoint.port }).setNoDelay(true);
  // ssh2 reports the socket's errors; this listener only keeps one before it listens from crashing us.
  own?.on('error', () => undefined);
  const socket = sock ?? own;
  if (socket) config.sock = socket;
  if (knownHosts) {
    // Offer only algorithms whose keys known_hosts records, as ssh does, so the server cannot pick
    // a key type we would have to refuse although the file lists the host.
    const algorithms = knownKeyTypes(knownHosts, endpoint.address, endpoint.port).flatMap(
      (t) => ALGORITHMS_BY_KEY_TYPE[t] ?? [],
    );
    if (algorithms.length > 0) config.algorithms = { serverHostKey: algorithms };
  }

  const ssh = new NodeSSH();
  try {
    await ssh.connect(config);
  } catch (err) {
    ssh.dispose();
    own?.destroy();
    throw connectError(options.host, endpoint, err, refusal);
  }
  // node-ssh drops its error listener once connected; an unheard 'error' would crash the process.
  ssh.connection?.on('error', () => undefined);
  reporter.log('debug', `connected to ${endpoint.user}@${endpoint.label}; host key ${acceptedWith ?? '?'}`, {
    code: 'ssh.connected',
    host: options.host,
  });
  return ssh;
}

function connectError(
  host: string,
  endpoint: Endpoint,
  err: unknown,
  refusal: string | undefined,
): RemoteError {
  if (refusal !== undefined) {
    return new RemoteError(
      host,
      `host key verification failed for ${endpoint.label}: ${refusal}`,
      'host-key',
    );
  }
  const message = messageOf(err);
  const level = err instanceof Error && 'level' in err ? String(err.level) : '';
  if (level === 'client-authentication') {
    return new RemoteError(
      host,
      `${endpoint.user}@${endpoint.label} refused the key (is its public key in ~${endpoint.user}/.ssh/authorized_keys?)`,
      'auth',
    );
  }
  if (/privateKey|passphrase/i.test(message)) {
    return new RemoteError(host, `cannot use the private key: ${message}`, 'auth');
  }
  if (level === 'client-timeout') {
    return new RemoteError(host, `no SSH handshake with ${endpoint.label} in time: ${message}`, 'connect');
  }
  return new RemoteError(host, `cannot connect to ${endpoint.label}: ${message}`, 'connect');
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Feeds `stdin` to a command's channel and collects what it writes; `done` gets the result, or
 * undefined when the channel closed without an exit status. sshd always reports how a command
 * ended, so that is a lost connection (ssh2 may close the channels before it reports the
 * connection itself).
 */
function collect(
  channel: ClientChannel,
  stdin: string | undefined,
  done: (result: ExecResult | undefined) => void,
): void {
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  let code: number | null = null;
  let signal: string | undefined;
  channel.on('data', (chunk: Buffer) => stdout.push(chunk));
  channel.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  channel.on('exit', (exitCode: number | null, signalName?: string) => {
    code = exitCode;
    signal = signalName ?? undefined;
  });
  channel.on('close', () => {
    if (code === null && signal === undefined) {
      done(undefined);
      return;
    }
    done({
      code: code ?? signalStatus(signal),
      stdout: Buffer.concat(stdout).toString('utf8'),
      stderr: Buffer.concat(stderr).toString('utf8'),
    });
  });
  channel.end(stdin !== undefined ? Buffer.from(stdin, 'utf8') : undefined);
}

class SshRemote implements Remote {
  readonly host: string;
  private readonly client: Client;
  private lost: string | undefined;
  private readonly pending = new Set<(err: RemoteError) => void>();

  constructor(
    private readonly options: SshOptions,
    private readonly ssh: NodeSSH,
    private readonly jump: NodeSSH | undefined,
    private readonly reporter: Reporter,
  ) {
    this.host = options.host;
    if (!ssh.connection)
      throw new RemoteError(this.host, 'connection closed right after it opened', 'connect');
    this.client = ssh.connection;
    // Without a listener a late socket error would crash the process; fail the calls in flight instead.
    const onLost = (why: string) => {
      this.lost ??= why;
      const err = new RemoteError(this.host, `SSH connection lost: ${this.lost}`, 'connect');
      for (const reject of this.pending) reject(err);
      this.pending.clear();
    };
    this.client.on('error', (err: Error) => onLost(err.message));
    this.client.on('close', () => onLost('closed'));
  }

  async exec(argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    const sudo = options.sudo ?? (this.options.sudo === true && argv[0] === 'docker');
    const command = quoteArgv(sudo ? ['sudo', '-n', ...argv] : argv);
    const timeoutMs = options.timeoutMs ?? this.options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
    this.reporter.log('debug', `$ ${command}`, { code: 'remote.exec', host: this.host });
    if (this.lost) throw new RemoteError(this.host, `SSH connection lost: ${this.lost}`, 'connect');

    return new Promise<ExecResult>((resolve, reject) => {
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      let channel: ClientChannel | undefined;
      const fail = (err: RemoteError) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.pending.delete(fail);
        reject(err);
      };
      this.pending.add(fail);
      // The deadline covers opening the channel too (a server at MaxSessions may never answer).
      // setTimeout fires at once for delays past 2^31-1 ms: treat those (and Infinity) as none.
      if (timeoutMs > 0 && timeoutMs <= MAX_TIMER_MS) {
        timer = setTimeout(() => {
          if (channel) {
            sendKill(channel);
            channel.close();
          }
          fail(
            new RemoteError(
              this.host,
              `${argv[0]} did not finish within ${timeoutMs} ms; killed: ${command}`,
              'timeout',
            ),
          );
        }, timeoutMs);
      }
      const onChannel = (err: Error | undefined, opened: ClientChannel) => {
        if (err) {
          fail(new RemoteError(this.host, `cannot start ${argv[0]}: ${err.message}`, 'exec'));
          return;
        }
        if (settled) {
          opened.close();
          return;
        }
        channel = opened;
        collect(opened, options.stdin, (result) => {
          if (settled) return;
          if (!result) {
            fail(
              new RemoteError(
                this.host,
                `SSH connection lost while ${argv[0]} ran (no exit status)${this.lost ? `: ${this.lost}` : ''}`,
                'connect',
              ),
            );
            return;
          }
          settled = true;
          clearTimeout(timer);
          this.pending.delete(fail);
          resolve(result);
        });
      };
      try {
        this.client.exec(command, onChannel);
      } catch (err) {
        fail(new RemoteError(this.host, `cannot start ${argv[0]}: ${messageOf(err)}`, 'exec'));
      }
    });
  }

  async writeFile(path: string, content: string, mode = 0o644): Promise<void> {
    assertAbsolute(this.host, path);
    const tmp = `${path}.tmp-${randomBytes(6).toString('hex')}`;
    const result = await this.exec(hostArgv.writeFile(path, tmp, mode), { stdin: content });
    if (result.code !== 0) {
      throw new RemoteError(
        this.host,
        `cannot write ${path}: ${result.stderr.trim() || `exit ${result.code}`}`,
        'io',
      );
    }
  }

  /** Every file in one command (see write-files.ts); one writeFile each on a host without base64. */
  async writeFiles(files: readonly FileToWrite[]): Promise<void> {
    const { argv, stdin } = writeFilesCommand(files);
    const result = await this.exec(argv, { stdin });
    if (result.code === WRITE_FILES_UNSUPPORTED) {
      for (const f of files) await this.writeFile(f.path, f.content, f.mode);
      return;
    }
    if (result.code !== 0) {
      throw new RemoteError(
        this.host,
        `cannot write ${files.map((f) => f.path).join(', ')}: ${result.stderr.trim() || `exit ${result.code}`}`,
        'io',
      );
    }
  }

  async readFile(path: string): Promise<string | undefined> {
    assertAbsolute(this.host, path);
    const result = await this.exec(hostArgv.readFile(path));
    if (result.code === MISSING_FILE_STATUS) return undefined;
    if (result.code !== 0) {
      throw new RemoteError(
        this.host,
        `cannot read ${path}: ${result.stderr.trim() || `exit ${result.code}`}`,
        'io',
      );
    }
    return result.stdout;
  }

  /** Every file in one command (see observe.ts); one readFile each on a host without base64. */
  async readFiles(paths: readonly string[]): Promise<Record<string, string | undefined>> {
    for (const p of paths) assertAbsolute(this.host, p);
    const result = await this.exec(observeArgv.readFiles(paths));
    if (result.code === OBSERVE_UNSUPPORTED) {
      const texts = await Promise.all(paths.map((p) => this.readFile(p)));
      return Object.fromEntries(paths.map((p, i) => [p, texts[i]]));
    }
    if (result.code !== 0) {
      throw new RemoteError(
        this.host,
        `cannot read ${paths.join(', ')}: ${result.stderr.trim() || `exit ${result.code}`}`,
        'io',
      );
    }
    return parseReadFiles(result.stdout, paths);
  }

  /**
   * A direct-tcpip channel of this connection to `address:port` as the host sees it: no new SSH
   * connection, no port opened anywhere. A channel that opens after `signal` fired is closed again.
   */
  dial(address: string, port: number, signal?: AbortSignal): Promise<Duplex> {
    return new Promise<Duplex>((resolve, reject) => {
      if (this.lost) {
        reject(new RemoteError(this.host, `SSH connection lost: ${this.lost}`, 'connect'));
        return;
      }
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      let done = false;
      const onAbort = (): void => {
        if (done) return;
        done = true;
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        this.client.forwardOut('127.0.0.1', 0, address, port, (err, channel) => {
          signal?.removeEventListener('abort', onAbort);
          if (done) {
            channel?.close();
            return;
          }
          done = true;
          if (err) reject(forwardError(this.host, address, port, err));
          else resolve(channel);
        });
      } catch (err) {
        signal?.removeEventListener('abort', onAbort);
        done = true;
        reject(forwardError(this.host, address, port, err));
      }
    });
  }

  async close(): Promise<void> {
    this.lost ??= 'closed by us';
    this.ssh.dispose();
    this.jump?.dispose();
  }
}

/** SSH_OPEN_ADMINISTRATIVELY_PROHIBITED: what sshd answers when AllowTcpForwarding forbids it. */
const OPEN_PROHIBITED = 1;
/** SSH_OPEN_CONNECT_FAILED: the host itself could not connect (nothing listens, or a firewall). */
const OPEN_CONNECT_FAILED = 2;

/**
 * Why a channel did not open, in words a gate can print: `code` ECONNREFUSED for a port the host
 * cannot connect to (as a direct connect would say); `forwardingRefused` for an sshd that forbids it.
 */
function forwardError(host: string, address: string, port: number, err: unknown): Error {
  const reason = (err as { reason?: unknown } | undefined)?.reason;
  if (reason === OPEN_PROHIBITED) {
    const e = new RemoteError(
      host,
      `sshd refuses to forward to ${address}:${port} (administratively prohibited): allow TCP forwarding ` +
        `for the deploy user on this host (sshd_config: AllowTcpForwarding local or yes, and no ` +
        `DisableForwarding or PermitOpen that excludes it), or run the gates with gates.via: direct`,
      'connect',
    );
    return Object.assign(e, { forwardingRefused: true });
  }
  if (reason === OPEN_CONNECT_FAILED) {
    // sshd's own connect failed; name it as a direct connect would (it is almost always refused).
    const description = messageOf(err).replace(/^\(SSH\) Channel open failure: /, '');
    const code = /refused/i.test(description) || description === '' ? 'ECONNREFUSED' : description;
    return Object.assign(new Error(`${code} (from ${host})`), { code });
  }
  return new RemoteError(host, `cannot open a channel to ${address}:${port}: ${messageOf(err)}`, 'connect');
}

/**
 * Ask sshd to KILL the command. ssh2's channel.signal() silently does nothing once our side of the
 * channel is ended, which it always is here (stdin sent), so the request goes to the protocol
 * directly. OpenSSH honours it for non-root users only ("session signalling requires privilege
 * separation"); for root the closed channel is all that remains, and the process may run on.
 */
function sendKill(channel: ClientChannel): void {
  const internals = channel as unknown as {
    outgoing?: { id?: number; state?: string };
    _client?: { _protocol?: { signal?: (id: number, signal: string) => void } };
  };
  const id = internals.outgoing?.id;
  const protocol = internals._client?._protocol;
  const state = internals.outgoing?.state;
  // 'eof' = we ended stdin; the channel itself is still open.
  if (
    typeof id !== 'number' ||
    (state !== 'open' && state !== 'eof') ||
    typeof protocol?.signal !== 'function'
  )
    return;
  try {
    protocol.signal(id, 'KILL');
  } catch {
    // The channel is closing anyway; close() is what the caller relies on.
  }
}

function assertAbsolute(host: string, path: string): void {
  if (!path.startsWith('/'))
    throw new RemoteError(host, `remote paths must be absolute, got ${JSON.stringify(path)}`, 'io');
}

/** A process killed by a signal reports 128 + its number, as a shell would. */
function signalStatus(signal: string | undefined): number {
  if (!signal) return -1;
  const signals: Record<string, number | undefined> = osConstants.signals;
  const n = signals[`SIG${signal}`];
  return n === undefined ? -1 : 128 + n;
}
