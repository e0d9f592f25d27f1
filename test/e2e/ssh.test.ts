/**
 * ssh.ts against a real OpenSSH sshd started by this file on 127.0.0.1 (no lab needed). Every key
 * is generated here, in a temp dir that is removed at the end; the sshd processes are killed on
 * every exit path.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer, connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CLUSTER_LABEL, DockerClient, DockerError } from '../../src/remote/docker.js';
import { connectSsh, type SshOptions } from '../../src/remote/ssh.js';
import { RemoteError, type Remote } from '../../src/remote/remote.js';
import { RecordingReporter } from '../../__tests__/support/reporter.js';

interface Sshd {
  port: number;
  hostKeyPub: string;
  /** Further host keys the daemon offers, by ssh-keygen type. */
  extraHostKeyPubs: Record<string, string>;
  /** What `ssh-keygen -lf` prints for the host key. */
  hostFingerprint: string;
  process: ChildProcess;
  /** sshd's own log file (-E): with -e, DEBUG lines of the session would reach the client's stderr. */
  logFile: string;
}

let dir: string;
const daemons: Sshd[] = [];
let clientKey: string;
let passphraseKey: string;
let strangerKey: string;
let otherHostKeyPub: string;
const PASSPHRASE = 'correct horse battery staple';

function keygen(name: string, type: string, passphrase = ''): { priv: string; pub: string } {
  const file = join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', type, '-N', passphrase, '-C', `rr-test-${name}`, '-f', file]);
  return { priv: readFileSync(file, 'utf8'), pub: readFileSync(`${file}.pub`, 'utf8').trim() };
}

/** The "type base64" part of a public key line, as known_hosts wants it. */
function keyPart(pubLine: string): string {
  return pubLine.split(' ').slice(0, 2).join(' ');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Neither exited nor killed by a signal (a killed child keeps exitCode null). */
function running(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

async function waitForPort(port: number, child: ChildProcess, deadlineMs: number): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    if (!running(child)) throw new Error(`sshd exited early with ${child.exitCode ?? child.signalCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const s = tcpConnect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`sshd did not listen on ${port} within ${deadlineMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function startSshd(
  name: string,
  keyType: string,
  env: Record<string, string> = {},
  extraHostKeyTypes: string[] = [],
): Promise<Sshd> {
  const hostKey = keygen(`${name}_host`, keyType);
  const extraKeys = extraHostKeyTypes.map((t) => ({
    type: t,
    pub: keyPart(keygen(`${name}_host_${t}`, t).pub),
  }));
  const port = await freePort();
  const config = join(dir, `${name}_sshd_config`);
  writeFileSync(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, `${name}_host`)}`,
      ...extraHostKeyTypes.map((t) => `HostKey ${join(dir, `${name}_host_${t}`)}`),
      `PidFile ${join(dir, `${name}.pid`)}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'PermitRootLogin prohibit-password',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'StrictModes no',
      'AllowTcpForwarding yes',
      // A stand-in `sudo` first on PATH: it records its argv, then runs the command after `-n`.
      [
        'SetEnv',
        `PATH=${join(dir, 'bin')}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`,
        ...Object.entries(env).map(([k, v]) => `${k}=${v}`),
      ].join(' '),
      // DEBUG1 logs channel requests ("req signal"); VERBOSE alone logs logins.
      'LogLevel DEBUG1',
      '',
    ].join('\n'),
  );
  const logFile = join(dir, `${name}_sshd.log`);
  const child = spawn('/usr/sbin/sshd', ['-D', '-E', logFile, '-f', config], { stdio: 'ignore' });
  const sshd: Sshd = {
    port,
    hostKeyPub: keyPart(hostKey.pub),
    extraHostKeyPubs: Object.fromEntries(extraKeys.map((k) => [k.type, k.pub])),
    hostFingerprint:
      execFileSync('ssh-keygen', ['-l', '-f', join(dir, `${name}_host.pub`)], { encoding: 'utf8' }).split(
        ' ',
      )[1] ?? '',
    process: child,
    logFile,
  };
  daemons.push(sshd);
  await waitForPort(port, child, 10_000);
  return sshd;
}

function stopDaemons(): void {
  for (const d of daemons) if (running(d.process)) d.process.kill('SIGTERM');
}
// Also on a crash or an interrupted run: never leave an sshd behind.
process.once('exit', stopDaemons);

let main: Sshd;
let bastion: Sshd;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rr-ssh-e2e-'));
  mkdirSync('/run/sshd', { recursive: true });
  mkdirSync(join(dir, 'bin'));
  writeFileSync(
    join(dir, 'bin', 'sudo'),
    `#!/bin/sh\nprintf '%s\\n' "$*" >> "${join(dir, 'sudo.log')}"\n[ "$1" = -n ] || exit 1\nshift\nexec "$@"\n`,
  );
  chmodSync(join(dir, 'bin', 'sudo'), 0o755);
  const client = keygen('client', 'ed25519');
  const withPassphrase = keygen('client_pass', 'rsa', PASSPHRASE);
  const stranger = keygen('stranger', 'ed25519');
  otherHostKeyPub = keyPart(keygen('other_host', 'ed25519').pub);
  clientKey = client.priv;
  passphraseKey = withPassphrase.priv;
  strangerKey = stranger.priv;
  writeFileSync(join(dir, 'authorized_keys'), `${client.pub}\n${withPassphrase.pub}\n`);
  main = await startSshd('main', 'ed25519');
  bastion = await startSshd('bastion', 'ecdsa');
}, 60_000);

afterAll(async () => {
  stopDaemons();
  await Promise.all(
    daemons.map(
      (d) =>
        new Promise<void>((resolve) =>
          running(d.process) ? d.process.once('exit', () => resolve()) : resolve(),
        ),
    ),
  );
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function knownHostsFor(d: Sshd, key = d.hostKeyPub): string {
  return `[127.0.0.1]:${d.port} ${key}\n`;
}

function options(
  overrides: Partial<SshOptions> | { insecureSkipHostKeyCheck: true; knownHosts: undefined } = {},
): SshOptions {
  return {
    host: 'A',
    address: '127.0.0.1',
    port: main.port,
    user: 'root',
    privateKey: clientKey,
    knownHosts: knownHostsFor(main),
    connectTimeoutMs: 10_000,
    commandTimeoutMs: 30_000,
    ...overrides,
  } as SshOptions;
}

async function withRemote<T>(
  opts: SshOptions,
  fn: (r: Remote, reporter: RecordingReporter) => Promise<T>,
): Promise<T> {
  const reporter = new RecordingReporter();
  const remote = await connectSsh(opts, reporter);
  try {
    return await fn(remote, reporter);
  } finally {
    await remote.close();
  }
}

function sshdLog(d: Sshd): string {
  return existsSync(d.logFile) ? readFileSync(d.logFile, 'utf8') : '';
}

function countInLog(d: Sshd, text: string): number {
  return sshdLog(d).split(text).length - 1;
}

function acceptedLogins(d: Sshd): number {
  return countInLog(d, 'Accepted publickey');
}

async function expectRemoteError(promise: Promise<unknown>, code: RemoteError['code']): Promise<RemoteError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RemoteError);
  const remoteError = err as RemoteError;
  expect(remoteError.code, remoteError.message).toBe(code);
  return remoteError;
}

describe('connectSsh host key verification', () => {
  test('accepts the host key from a plain known_hosts entry', async () => {
    const out = await withRemote(options(), (r) => r.exec(['id', '-u']));
    expect(out).toEqual({ code: 0, stdout: '0\n', stderr: '' });
  });

  test('accepts the host key from a hashed entry (ssh-keygen -H)', async () => {
    const file = join(dir, 'known_hosts_hashed');
    writeFileSync(file, knownHostsFor(main));
    execFileSync('ssh-keygen', ['-q', '-H', '-f', file], { stdio: 'ignore' });
    const hashed = readFileSync(file, 'utf8');
    expect(hashed).not.toContain('127.0.0.1');
    const out = await withRemote(options({ knownHosts: hashed }), (r) => r.exec(['echo', 'hashed ok']));
    expect(out.stdout).toBe('hashed ok\n');
  });

  test('REJECTS a host whose key differs from known_hosts, before authenticating or running anything', async () => {
    const marker = join(dir, 'marker-host-key');
    const loginsBefore = acceptedLogins(main);
    const err = await expectRemoteError(
      connectSsh(options({ knownHosts: knownHostsFor(main, otherHostKeyPub) }), new RecordingReporter()).then(
        (r) => r.exec(['touch', marker]),
      ),
      'host-key',
    );
    expect(err.message).toContain(main.hostFingerprint);
    expect(err.message).toContain('ssh-keygen -R');
    expect(err.message).toMatch(/CHANGED/);
    expect(existsSync(marker)).toBe(false);
    // sshd never saw a successful login for this attempt (its log is VERBOSE).
    expect(acceptedLogins(main)).toBe(loginsBefore);
  });

  test('rejects a host that known_hosts does not list, naming its fingerprint', async () => {
    const err = await expectRemoteError(
      connectSsh(options({ knownHosts: '' }), new RecordingReporter()),
      'host-key',
    );
    expect(err.message).toContain(main.hostFingerprint);
    expect(err.message).toContain('not in known_hosts');
  });

  test('skipping the check is explicit and warned about', async () => {
    const opts = options({ insecureSkipHostKeyCheck: true, knownHosts: undefined });
    await withRemote(opts, async (r, reporter) => {
      expect((await r.exec(['true'])).code).toBe(0);
      const warning = reporter.lines.find((l) => l.code === 'ssh.host-key-unverified');
      expect(warning?.level).toBe('warning');
      expect(warning?.message).toContain(main.hostFingerprint);
    });
  });

  test('offers only the key types known_hosts lists, so a multi-key server shows the recorded one', async () => {
    // ssh2 would pick ed25519 first; known_hosts records only the daemon's RSA key.
    const multi = await startSshd('multikey', 'ed25519', {}, ['rsa']);
    const rsaOnly = `[127.0.0.1]:${multi.port} ${multi.extraHostKeyPubs.rsa}\n`;
    const out = await withRemote(options({ port: multi.port, knownHosts: rsaOnly }), (r) =>
      r.exec(['echo', 'rsa ok']),
    );
    expect(out.stdout).toBe('rsa ok\n');
    const edOnly = knownHostsFor(multi);
    expect(
      (await withRemote(options({ port: multi.port, knownHosts: edOnly }), (r) => r.exec(['true']))).code,
    ).toBe(0);
  });

  test('a key the server does not accept fails with auth', async () => {
    await expectRemoteError(
      connectSsh(options({ privateKey: strangerKey }), new RecordingReporter()),
      'auth',
    );
  });

  test('a closed port fails with connect', async () => {
    const port = await freePort();
    await expectRemoteError(
      connectSsh(
        options({ port, knownHosts: `[127.0.0.1]:${port} ${main.hostKeyPub}` }),
        new RecordingReporter(),
      ),
      'connect',
    );
  });
});

describe('passphrase-protected key and secrets', () => {
  test('connects with the passphrase and masks key and passphrase in every log line', async () => {
    await withRemote(options({ privateKey: passphraseKey, passphrase: PASSPHRASE }), async (r, reporter) => {
      expect((await r.exec(['echo', 'pass ok'])).stdout).toBe('pass ok\n');
      const keyLine = passphraseKey.split('\n')[1] ?? '';
      expect(keyLine.length).toBeGreaterThan(16);
      reporter.log('error', `leak? ${PASSPHRASE} / ${keyLine}`);
      const text = reporter.text();
      expect(text).not.toContain(PASSPHRASE);
      expect(text).not.toContain(keyLine);
      expect(text).toContain('leak? *** / ***');
    });
  });

  test('a wrong passphrase fails with auth', async () => {
    await expectRemoteError(
      connectSsh(options({ privateKey: passphraseKey, passphrase: 'wrong' }), new RecordingReporter()),
      'auth',
    );
  });
});

describe('exec', () => {
  let remote: Remote;
  beforeAll(async () => {
    remote = await connectSsh(options(), new RecordingReporter());
  });
  afterAll(async () => {
    await remote?.close();
  });

  test('hostile argv round-trips exactly (remote shell: bash)', async () => {
    const hostile = [
      '',
      ' ',
      "it's",
      `$(touch ${join(dir, 'pwned')})`,
      `\`touch ${join(dir, 'pwned')}\``,
      '`id`',
      '$HOME',
      'a\nb',
      '*',
      '; echo no',
      '&&',
      '|',
      '--',
      '-e',
      '~',
      '#',
      '!',
      '{a,b}',
      '\\',
      'x=1',
      'é 日本語 🚀',
      "'\\''",
    ];
    const out = await remote.exec(['printf', '%s\\0', 'argv:', ...hostile]);
    expect(out.code).toBe(0);
    const parts = out.stdout.split('\0');
    expect(parts.pop()).toBe('');
    expect(parts).toEqual(['argv:', ...hostile]);
    expect(existsSync(join(dir, 'pwned'))).toBe(false);
  });

  test('feeds stdin and returns exit code, stdout and stderr separately', async () => {
    const input = 'héllo\nwörld\n' + 'x'.repeat(300_000);
    const out = await remote.exec(['sh', '-c', 'cat; echo oops >&2; exit 7'], { stdin: input });
    expect(out.code).toBe(7);
    expect(out.stdout).toBe(input);
    expect(out.stderr).toBe('oops\n');
  });

  test('without stdin the command sees end of file at once', async () => {
    const out = await remote.exec(['cat']);
    expect(out).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  test('a command past its deadline throws timeout, KILL is requested, and the connection stays usable', async () => {
    const pidFile = join(dir, 'sleeper.pid');
    const signalsBefore = countInLog(main, 'req signal');
    const started = Date.now();
    const err = await expectRemoteError(
      // 5 s: the login shell alone may take a second here (this machine's root .bashrc runs pyenv).
      remote.exec(['sh', '-c', 'echo $$ > "$1"; exec sleep 60', 'sh', pidFile], { timeoutMs: 5_000 }),
      'timeout',
    );
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(err.message).toContain('5000 ms');
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    expect(pid).toBeGreaterThan(1);
    // sshd received our KILL request. (It refuses to signal root sessions, "session signalling
    // requires privilege separation", so the sleeper itself is ended below, not by sshd.)
    const deadline = Date.now() + 5_000;
    while (countInLog(main, 'req signal') === signalsBefore && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(countInLog(main, 'req signal')).toBeGreaterThan(signalsBefore);
    if (processAlive(pid)) process.kill(pid, 'SIGKILL');
    expect((await remote.exec(['echo', 'still here'])).stdout).toBe('still here\n');
  });

  test('sudo prefixes sudo -n (per call, and for docker when the host asks for it)', async () => {
    const log = join(dir, 'sudo.log');
    rmSync(log, { force: true });
    expect((await remote.exec(['id', '-u'], { sudo: true })).stdout).toBe('0\n');
    expect(readFileSync(log, 'utf8')).toBe('-n id -u\n');
    await withRemote(options({ sudo: true }), async (r) => {
      await r.exec(['docker', 'version', '--format', '{{.Server.Version}}']);
      await r.exec(['true']);
    });
    expect(readFileSync(log, 'utf8')).toBe('-n id -u\n-n docker version --format {{.Server.Version}}\n');
  });
});

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('files', () => {
  let remote: Remote;
  beforeAll(async () => {
    remote = await connectSsh(options(), new RecordingReporter());
  });
  afterAll(async () => {
    await remote?.close();
  });

  test('writeFile creates parents, sets the mode, and replaces by rename (a reader never sees half a file)', async () => {
    const folder = join(dir, "data root/it's $(here)/conf");
    const path = join(folder, 'broker.conf');
    const first = 'brokerClusterName=DefaultCluster\nbrokerName=broker-a\n';
    await remote.writeFile(path, first, 0o640);
    expect(readFileSync(path, 'utf8')).toBe(first);
    expect(statSync(path).mode & 0o777).toBe(0o640);
    const inodeBefore = statSync(path).ino;

    const second = 'brokerClusterName=DefaultCluster\nbrokerName=broker-a\nlistenPort=10911\n# ü\n';
    await remote.writeFile(path, second);
    expect(readFileSync(path, 'utf8')).toBe(second);
    expect(statSync(path).mode & 0o777).toBe(0o644);
    // A new inode: the file was renamed into place, not truncated and rewritten.
    expect(statSync(path).ino).not.toBe(inodeBefore);
    expect(readdirSync(folder)).toEqual(['broker.conf']);
  });

  test('readFile returns the exact content, and undefined for a missing file', async () => {
    const path = join(dir, 'read-me.txt');
    const content = 'line 1\n\nline 3 with trailing spaces   \n日本語\n';
    writeFileSync(path, content);
    expect(await remote.readFile(path)).toBe(content);
    expect(await remote.readFile(join(dir, 'no such file'))).toBeUndefined();
    expect(await remote.readFile(join(dir, 'no such dir', 'file'))).toBeUndefined();
  });

  test('readFile of something unreadable is an io error, not "missing"', async () => {
    await expectRemoteError(remote.readFile(dir), 'io');
  });

  test('writeFile into a place it cannot write is an io error and leaves no temp file', async () => {
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, 'x');
    await expectRemoteError(remote.writeFile(join(blocker, 'child.conf'), 'y'), 'io');
    const folder = join(dir, 'dir-in-the-way');
    mkdirSync(folder);
    // A directory in place of the target: mv cannot replace it, the temp file must be cleaned.
    mkdirSync(join(folder, 'target.conf'));
    writeFileSync(join(folder, 'target.conf', 'keep'), 'k');
    const err = await expectRemoteError(remote.writeFile(join(folder, 'target.conf'), 'y'), 'io');
    expect(err.message).toContain('is a directory');
    expect(readdirSync(folder)).toEqual(['target.conf']);
    expect(readdirSync(join(folder, 'target.conf'))).toEqual(['keep']);
  });
});

/** Every process below `pid` (sshd's per-connection children, their shells), from /proc. */
function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name may contain spaces and parentheses: ppid is the 2nd field after the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parentOf.set(Number(entry), ppid);
    } catch {
      // The process ended while we looked.
    }
  }
  const found: number[] = [];
  const walk = (p: number) => {
    for (const [child, parent] of parentOf) {
      if (parent === p && !found.includes(child)) {
        found.push(child);
        walk(child);
      }
    }
  };
  walk(pid);
  return found;
}

describe('a host that goes away', () => {
  test('the command in flight and every later call fail with connect, promptly', async () => {
    const sshd = await startSshd('dropping', 'ed25519');
    const remote = await connectSsh(
      options({ port: sshd.port, knownHosts: knownHostsFor(sshd), keepaliveIntervalMs: 1_000 }),
      new RecordingReporter(),
    );
    try {
      const pidFile = join(dir, 'dropping.pid');
      const inFlight = remote.exec(['sh', '-c', 'echo $$ > "$1"; exec sleep 60', 'sh', pidFile]);
      const outcome = inFlight.then(
        () => undefined,
        (e: unknown) => e,
      );
      const deadline = Date.now() + 10_000;
      while (!existsSync(pidFile) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(existsSync(pidFile)).toBe(true);
      const pid = sshd.process.pid ?? 0;
      expect(pid).toBeGreaterThan(1);
      // Kill the connection's sshd processes and the sleeper: to us the host just vanished.
      for (const child of descendants(pid)) {
        try {
          process.kill(child, 'SIGKILL');
        } catch {
          // Already gone with its parent.
        }
      }
      sshd.process.kill('SIGKILL');
      const started = Date.now();
      const err = await outcome;
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(err).toBeInstanceOf(RemoteError);
      expect((err as RemoteError).code).toBe('connect');
      await expectRemoteError(remote.exec(['true']), 'connect');
    } finally {
      await remote.close();
    }
  });
});

describe('jump host', () => {
  test('reaches the target through the bastion and verifies both host keys', async () => {
    const jumpHost = { address: '127.0.0.1', port: bastion.port, user: 'root' };
    const both = knownHostsFor(main) + knownHostsFor(bastion);
    const out = await withRemote(options({ jumpHost, knownHosts: both }), (r) =>
      r.exec(['echo', 'via bastion']),
    );
    expect(out.stdout).toBe('via bastion\n');

    const onlyTarget = await expectRemoteError(
      connectSsh(options({ jumpHost, knownHosts: knownHostsFor(main) }), new RecordingReporter()),
      'host-key',
    );
    expect(onlyTarget.message).toContain('jump host');
    expect(onlyTarget.message).toContain(bastion.hostFingerprint);

    const loginsBefore = acceptedLogins(main);
    const onlyBastion = await expectRemoteError(
      connectSsh(options({ jumpHost, knownHosts: knownHostsFor(bastion) }), new RecordingReporter()),
      'host-key',
    );
    expect(onlyBastion.message).toContain(main.hostFingerprint);
    expect(acceptedLogins(main)).toBe(loginsBefore);
  });
});

/**
 * docker.ts spoken over SSH to the real Docker CLI, served by podman's Docker API (as the lab
 * does): own storage, registry blocked, containers without network (nothing published on this
 * machine), everything removed at the end.
 */
const canRunDocker =
  existsSync('/usr/bin/podman') && ['/usr/local/bin/docker', '/usr/bin/docker'].some((d) => existsSync(d));

describe.skipIf(!canRunDocker)('DockerClient over SSH: the docker CLI against podman', () => {
  const IMAGE = 'localhost/rr-e2e-tiny:1.0';
  let podmanEnv: NodeJS.ProcessEnv;
  let service: ChildProcess | undefined;
  let remote: Remote | undefined;
  let docker: DockerClient;

  function podman(args: string[]): void {
    execFileSync('podman', args, { env: podmanEnv, stdio: 'ignore' });
  }

  beforeAll(async () => {
    const root = join(dir, 'podman');
    mkdirSync(root);
    writeFileSync(
      join(root, 'storage.conf'),
      `[storage]\ndriver = "vfs"\ngraphroot = "${root}/graph"\nrunroot = "${root}/run"\n`,
    );
    writeFileSync(
      join(root, 'containers.conf'),
      '[containers]\ndefault_ulimits = ["nofile=1024:1024", "nproc=4096:4096"]\n[engine]\nruntime = "runc"\ncgroup_manager = "cgroupfs"\n',
    );
    writeFileSync(
      join(root, 'registries.conf'),
      'unqualified-search-registries = []\n[[registry]]\nlocation = "docker.io"\nblocked = true\n',
    );
    podmanEnv = {
      ...process.env,
      CONTAINERS_CONF: join(root, 'containers.conf'),
      CONTAINERS_STORAGE_CONF: join(root, 'storage.conf'),
      CONTAINERS_REGISTRIES_CONF: join(root, 'registries.conf'),
    };
    // A tiny image from this machine's own dash and sleep with their libraries.
    const rootfs = join(root, 'rootfs');
    execFileSync('sh', [
      '-c',
      'set -e; mkdir -p "$1/bin"; cp /bin/dash "$1/bin/sh"; cp /bin/sleep "$1/bin/sleep"; ' +
        'for f in $(ldd /bin/dash /bin/sleep | grep -o "/[^ :]*" | sort -u); do ' +
        '[ -f "$f" ] && mkdir -p "$1$(dirname "$f")" && cp -L "$f" "$1$f"; done',
      'sh',
      rootfs,
    ]);
    execFileSync('sh', ['-c', 'tar -C "$1" -c . | podman import - "$2"', 'sh', rootfs, IMAGE], {
      env: podmanEnv,
      stdio: 'ignore',
    });
    const socket = join(root, 'podman.sock');
    service = spawn('podman', ['system', 'service', '--time=0', `unix://${socket}`], {
      env: podmanEnv,
      stdio: 'ignore',
    });
    process.once('exit', () => service?.kill('SIGTERM'));
    const deadline = Date.now() + 15_000;
    while (!existsSync(socket)) {
      if (!running(service))
        throw new Error(`podman system service exited ${service.exitCode ?? service.signalCode}`);
      if (Date.now() > deadline) throw new Error('podman API socket did not appear within 15 s');
      await new Promise((r) => setTimeout(r, 50));
    }
    const sshd = await startSshd('docker', 'ed25519', { DOCKER_HOST: `unix://${socket}` });
    remote = await connectSsh(
      options({ port: sshd.port, knownHosts: knownHostsFor(sshd) }),
      new RecordingReporter(),
    );
    docker = new DockerClient(remote, { stopGraceMs: 30_000 });
  }, 120_000);

  afterAll(async () => {
    await remote?.close();
    if (podmanEnv) {
      try {
        podman(['rm', '-a', '-f', '-t', '0']);
      } catch {
        // Nothing to remove, or podman already gone: the storage dir is deleted with `dir`.
      }
    }
    if (service && running(service)) {
      const exited = new Promise((r) => service?.once('exit', r));
      service.kill('SIGTERM');
      await exited;
    }
  }, 60_000);

  async function until<T>(
    what: string,
    probe: () => Promise<T | undefined>,
    deadlineMs = 15_000,
  ): Promise<T> {
    const deadline = Date.now() + deadlineMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`${what}: not within ${deadlineMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  test('version, present image, absent image, blocked pull', async () => {
    expect(await docker.version()).toMatch(/^\d+\.\d+/);
    expect(await docker.imagePresent(IMAGE)).toBe(true);
    expect((await docker.imageInspect(IMAGE))?.repoTags).toContain(IMAGE);
    expect(await docker.imageInspect('docker.io/library/nosuch:1')).toBeUndefined();
    const err = await docker.pull('docker.io/library/nosuch:1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DockerError);
    expect((err as DockerError).stderr).toMatch(/blocked/);
  });

  test('run, list by label, logs, stop, rename, start, rm: the whole cycle of a step', async () => {
    const greeting = `it's $(not) run; *`;
    const runArgv = [
      'run',
      '-d',
      '--name',
      'rr-e2e-a',
      '--network',
      'none',
      '--restart',
      'no',
      '--label',
      `${CLUSTER_LABEL}=e2e`,
      '--label',
      'rocketmq-rollout.kind=nameServer',
      '-e',
      `GREETING=${greeting}`,
      IMAGE,
      'sh',
      '-c',
      'echo "$GREETING"; echo second; exec sleep 300',
    ];
    const id = await docker.run(runArgv);
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    const [listed, ...others] = await docker.listManaged('e2e');
    expect(others).toEqual([]);
    expect(listed).toMatchObject({
      id,
      name: 'rr-e2e-a',
      image: IMAGE,
      running: true,
      labels: { [CLUSTER_LABEL]: 'e2e', 'rocketmq-rollout.kind': 'nameServer' },
    });
    expect(listed?.env).toContain(`GREETING=${greeting}`);
    expect(await docker.listManaged('another-cluster')).toEqual([]);

    const logs = await until('both log lines', async () => {
      const l = await docker.logs('rr-e2e-a', 10);
      return l.stdout.includes('second') ? l : undefined;
    });
    expect(logs.stdout).toBe(`${greeting}\nsecond\n`);

    const clash = await docker.run(runArgv).catch((e: unknown) => e);
    expect(clash).toBeInstanceOf(DockerError);
    expect((clash as DockerError).exitCode).toBe(125);
    expect((clash as DockerError).stderr).toMatch(/already in use/);

    await docker.stop('rr-e2e-a', 2);
    expect(await docker.inspect('rr-e2e-a')).toMatchObject({ running: false, status: 'exited' });
    await docker.rename('rr-e2e-a', 'rr-e2e-a-old');
    expect(await docker.inspect('rr-e2e-a')).toBeUndefined();
    await docker.start('rr-e2e-a-old');
    expect((await docker.inspect('rr-e2e-a-old'))?.running).toBe(true);
    await expect(docker.rm('rr-e2e-a-old')).rejects.toThrow(DockerError);
    await docker.rm('rr-e2e-a-old', { force: true });
    expect(await docker.listManaged('e2e')).toEqual([]);
    await expect(docker.stop('rr-e2e-a-old', 1)).rejects.toThrow(/no such container/i);
  });

  test('a container that exits right after start is seen exited, with its code', async () => {
    await docker.run([
      'run',
      '-d',
      '--name',
      'rr-e2e-crash',
      '--network',
      'none',
      IMAGE,
      'sh',
      '-c',
      'exit 3',
    ]);
    const exited = await until('the container to exit', async () => {
      const c = await docker.inspect('rr-e2e-crash');
      return c && !c.running ? c : undefined;
    });
    expect(exited).toMatchObject({ status: 'exited', exitCode: 3 });
    await docker.rm('rr-e2e-crash');
  });

  test('a run with a missing image fails with 125 and the engine’s message', async () => {
    const err = await docker
      .run(['run', '-d', '--name', 'rr-e2e-missing', '--network', 'none', 'docker.io/library/nosuch:1'])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DockerError);
    expect((err as DockerError).exitCode).toBe(125);
  });
});
