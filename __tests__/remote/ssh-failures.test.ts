import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { stringify } from 'yaml';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectSsh, type SshOptions } from '../../src/remote/ssh.js';
import { RemoteError } from '../../src/remote/remote.js';
import { ReconnectingRemote } from '../../src/remote/reconnect.js';
import { hostsOf } from '../support/hosts.js';
import { RecordingReporter } from '../support/reporter.js';
import { openHosts } from '../../src/rollout/session.js';
import type { Spec } from '../../src/spec/schema.js';
import { loadExample } from '../render/helpers.js';
import { testKeyPair } from '../support/ssh-keys.js';

/**
 * The three ways a host fails an SSH client, each against a small loopback server made here: one
 * that resets the connection, one that accepts TCP and never speaks SSH (or stops after its
 * banner), one that goes silent mid-session (a real SSH server behind a proxy that stops
 * forwarding). Every one must end in bounded time with the client's socket closed.
 */

const clientKey = testKeyPair();
const hostKey = testKeyPair();
const cleanups: (() => unknown)[] = [];

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Sockets a server accepted and has not seen closed yet. */
interface Listening {
  port: number;
  address: string;
  open: Set<net.Socket>;
}

async function tcpServer(onSocket: (s: net.Socket) => void, address = '127.0.0.1'): Promise<Listening> {
  const open = new Set<net.Socket>();
  const server = net.createServer((s) => {
    open.add(s);
    s.on('error', () => undefined);
    s.on('close', () => open.delete(s));
    // Read (and drop) what the client sends, so that its FIN is seen and the socket closes.
    s.resume();
    onSocket(s);
  });
  await new Promise<void>((resolve) => server.listen(0, address, resolve));
  cleanups.push(() => {
    for (const s of open) s.destroy();
    return new Promise((r) => server.close(r));
  });
  return { port: (server.address() as net.AddressInfo).port, address, open };
}

/** A real SSH server (ssh2's): accepts any key, after `authDelayMs`; `echo` answers, `hang` never does. */
async function sshServer(
  authDelayMs = 0,
  address = '127.0.0.1',
): Promise<Listening & { authenticated: () => number }> {
  const open = new Set<net.Socket>();
  let authenticated = 0;
  const server = new ssh2.Server({ hostKeys: [hostKey.private] }, (client) => {
    client.on('error', () => undefined);
    client.on('authentication', (ctx) => {
      setTimeout(() => {
        authenticated += 1;
        ctx.accept();
      }, authDelayMs);
    });
    client.on('session', (accept) => {
      accept().on('exec', (acceptExec, _reject, info) => {
        const channel = acceptExec();
        if (info.command.includes('hang')) return;
        channel.write('ok\n');
        channel.exit(0);
        channel.end();
      });
    });
  });
  // ssh2's Server wraps a net.Server: count its sockets to see what the client left open.
  const raw = (server as unknown as { _srv: net.Server })._srv;
  raw.prependListener('connection', (s: net.Socket) => {
    open.add(s);
    s.on('close', () => open.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, address, resolve));
  cleanups.push(() => {
    for (const s of open) s.destroy();
    return new Promise((r) => server.close(() => r(undefined)));
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    address,
    open,
    authenticated: () => authenticated,
  };
}

/** Forwards to `target` until frozen: then both directions stop, and no FIN or RST is ever sent. */
async function freezableProxy(
  target: Listening,
): Promise<Listening & { freeze(): void; refuseNew(on: boolean): void }> {
  const pairs: { down: net.Socket; up: net.Socket }[] = [];
  let refusing = false;
  const l = await tcpServer((down) => {
    if (refusing) {
      down.resetAndDestroy();
      return;
    }
    const up = net.connect(target.port, target.address);
    up.on('error', () => undefined);
    down.pipe(up);
    up.pipe(down);
    pairs.push({ down, up });
    down.on('close', () => up.destroy());
  });
  cleanups.push(() => {
    for (const p of pairs) p.up.destroy();
  });
  return {
    ...l,
    refuseNew(on: boolean) {
      refusing = on;
    },
    freeze() {
      for (const { down, up } of pairs) {
        // Unpiped and still flowing: every byte is dropped, as on a path that went dark.
        down.unpipe(up);
        up.unpipe(down);
        down.resume();
        up.resume();
      }
    },
  };
}

function options(l: Listening, extra: Partial<SshOptions> = {}): SshOptions {
  return {
    host: 'A',
    address: l.address,
    port: l.port,
    user: 'deploy',
    privateKey: clientKey.private,
    insecureSkipHostKeyCheck: true,
    connectTimeoutMs: 800,
    keepaliveIntervalMs: 150,
    commandTimeoutMs: 60_000,
    ...extra,
  } as SshOptions;
}

async function timed<T>(p: Promise<T>): Promise<{ ms: number; error: unknown }> {
  const t = performance.now();
  try {
    await p;
    return { ms: performance.now() - t, error: undefined };
  } catch (error) {
    return { ms: performance.now() - t, error };
  }
}

describe('SSH failures end in bounded time with the socket closed', () => {
  it('a host that resets the connection fails the connect at once', async () => {
    const l = await tcpServer((s) => s.resetAndDestroy());
    const { ms, error } = await timed(connectSsh(options(l), new RecordingReporter()));
    expect(error).toBeInstanceOf(RemoteError);
    expect((error as RemoteError).code).toBe('connect');
    expect((error as Error).message).toMatch(/^A: cannot connect to A \(127\.0\.0\.1:\d+\): .*ECONNRESET/);
    expect(ms).toBeLessThan(800);
  });

  it('a host that accepts TCP but never speaks SSH fails within the connect timeout', async () => {
    const l = await tcpServer(() => undefined);
    const { ms, error } = await timed(connectSsh(options(l), new RecordingReporter()));
    expect((error as RemoteError).code).toBe('connect');
    expect((error as Error).message).toMatch(/no SSH handshake with A .* in time/);
    expect(ms).toBeGreaterThanOrEqual(700);
    expect(ms).toBeLessThan(2000);
    await vi.waitFor(() => expect(l.open.size).toBe(0), { timeout: 2000 });
  });

  it('a host that stops after its banner (handshake never completes) fails within the connect timeout', async () => {
    const l = await tcpServer((s) => s.write('SSH-2.0-OpenSSH_9.2p1\r\n'));
    const { ms, error } = await timed(connectSsh(options(l), new RecordingReporter()));
    expect((error as RemoteError).code).toBe('connect');
    expect(ms).toBeLessThan(2000);
    await vi.waitFor(() => expect(l.open.size).toBe(0), { timeout: 2000 });
  });

  it('a host that goes silent mid-session fails the running command and the next one within the keepalive bound', async () => {
    const server = await sshServer();
    const proxy = await freezableProxy(server);
    const remote = await connectSsh(options(proxy), new RecordingReporter());
    cleanups.push(() => remote.close());
    expect((await remote.exec(['echo'])).stdout).toBe('ok\n');
    const running = remote.exec(['hang']);
    proxy.freeze();
    // keepalive 150 ms × 3 unanswered: the connection is declared dead, not the 60 s command timeout.
    const { ms, error } = await timed(running);
    expect((error as RemoteError).code).toBe('connect');
    expect((error as Error).message).toMatch(/SSH connection lost/);
    expect(ms).toBeLessThan(3000);
    const next = await timed(remote.exec(['echo']));
    expect((next.error as Error).message).toMatch(/SSH connection lost/);
    expect(next.ms).toBeLessThan(100);
    await vi.waitFor(() => expect(proxy.open.size).toBe(0), { timeout: 2000 });
  });
});

function loopbackSpec(a: Listening, b: Listening): Spec {
  const spec = loadExample('two-host-2m-2s-async.yml');
  return {
    ...spec,
    hosts: {
      A: { address: a.address, ssh: { port: a.port } },
      B: { address: b.address, ssh: { port: b.port } },
    },
  };
}

describe('openHosts', () => {
  it('closes every other connection when one host fails, also one that opens after the failure', async () => {
    const reset = await tcpServer((s) => s.resetAndDestroy());
    // B authenticates late: its connection is opened only after A has failed.
    const slow = await sshServer(300, '127.0.0.2');
    const spec = loopbackSpec(reset, slow);
    const { ms, error } = await timed(
      openHosts(
        ...hostsOf(spec, ['A', 'B']),
        { privateKey: clientKey.private, insecureSkipHostKeyCheck: true, connectTimeoutMs: 2000 },
        new RecordingReporter(),
      ),
    );
    expect((error as RemoteError).host).toBe('A');
    // openHosts waited for B's late connection (to close it) instead of leaving it behind.
    expect(slow.authenticated()).toBe(1);
    expect(ms).toBeGreaterThanOrEqual(250);
    expect(ms).toBeLessThan(2000);
    await vi.waitFor(() => expect(slow.open.size).toBe(0), { timeout: 2000 });
  });

  it('bounds a host that never answers by the connect timeout and closes the healthy one', async () => {
    const silent = await tcpServer(() => undefined);
    const good = await sshServer(0, '127.0.0.2');
    const { ms, error } = await timed(
      openHosts(
        ...hostsOf(loopbackSpec(silent, good), ['A', 'B']),
        { privateKey: clientKey.private, insecureSkipHostKeyCheck: true, connectTimeoutMs: 600 },
        new RecordingReporter(),
      ),
    );
    expect((error as Error).message).toMatch(/^A: no SSH handshake/);
    expect(ms).toBeLessThan(2000);
    await vi.waitFor(() => expect(good.open.size + silent.open.size).toBe(0), { timeout: 2000 });
  });
});

/**
 * The spec refuses loopback addresses for a cluster of several hosts, so the CLI test listens on
 * this machine's first external IPv4 address (two hosts on one address is only a warning).
 */
const externalAddress = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

describe.skipIf(!externalAddress)('the CLI with one host resetting SSH', () => {
  it('plan exits 1 within seconds, naming the host, and leaves no connection open', async () => {
    const reset = await tcpServer((s) => s.resetAndDestroy(), externalAddress);
    const good = await sshServer(300, externalAddress);
    const dir = mkdtempSync(join(tmpdir(), 'ssh-failures-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    // One machine for both hosts: one name server, and brokers on ports that do not clash.
    const spec = {
      version: 1,
      cluster: 'ssh-failures',
      images: { rocketmq: 'apacherocketmq/rocketmq:4.9.7-alpine' },
      ssh: { user: 'deploy' },
      dataRoot: '/srv/rocketmq',
      hosts: {
        A: { address: reset.address, ssh: { port: reset.port } },
        B: { address: good.address, ssh: { port: good.port } },
      },
      nameServers: { hosts: ['A'] },
      brokers: {
        'broker-a': { master: { host: 'A' } },
        'broker-b': { master: { host: 'B', listenPort: 12911 } },
      },
    };
    writeFileSync(join(dir, 'cluster.yml'), stringify(spec));
    writeFileSync(join(dir, 'key'), clientKey.private, { mode: 0o600 });
    const t = performance.now();
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(import.meta.dirname, '../../src/cli-entry.ts'),
        'plan',
        join(dir, 'cluster.yml'),
        '--key',
        join(dir, 'key'),
        '--insecure-skip-host-key-check',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    cleanups.push(() => child.kill('SIGKILL'));
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    const ms = performance.now() - t;
    expect(code, out).toBe(1);
    expect(out).toMatch(/A: cannot connect to A \([\d.]+:\d+\): .*ECONNRESET/);
    expect(good.authenticated()).toBe(1);
    // tsx start-up included; a leaked connection would keep the process alive forever.
    expect(ms).toBeLessThan(15_000);
    expect(good.open.size).toBe(0);
  }, 20_000);
});

describe('a connection lost mid-run', () => {
  it('is reopened by the next command, with a bounded backoff, while the host comes back', async () => {
    const server = await sshServer();
    const proxy = await freezableProxy(server);
    const reporter = new RecordingReporter();
    const opts = options(proxy);
    const remote = new ReconnectingRemote(
      await connectSsh(opts, reporter),
      () => connectSsh(opts, reporter),
      reporter,
      {
        windowMs: 5000,
        firstDelayMs: 50,
      },
    );
    cleanups.push(() => remote.close());
    proxy.freeze();
    // Away for a moment: the first reconnect attempts are refused.
    proxy.refuseNew(true);
    const lost = await timed(remote.exec(['hang']));
    expect((lost.error as RemoteError).code).toBe('connect');
    setTimeout(() => proxy.refuseNew(false), 300);
    const back = await timed(remote.exec(['echo']));
    expect(back.error).toBeUndefined();
    expect(back.ms).toBeGreaterThanOrEqual(250);
    expect(back.ms).toBeLessThan(3000);
    expect(reporter.lines.map((l) => l.code)).toEqual(
      expect.arrayContaining(['ssh.reconnect', 'ssh.reconnected']),
    );
    expect(server.authenticated()).toBeGreaterThanOrEqual(2);
  });

  it('a host that stays away is given up after the window, and later calls fail at once', async () => {
    const server = await sshServer();
    const proxy = await freezableProxy(server);
    const reporter = new RecordingReporter();
    const opts = options(proxy);
    const remote = new ReconnectingRemote(
      await connectSsh(opts, reporter),
      () => connectSsh(opts, reporter),
      reporter,
      {
        windowMs: 600,
        firstDelayMs: 50,
      },
    );
    cleanups.push(() => remote.close());
    proxy.freeze();
    proxy.refuseNew(true);
    await timed(remote.exec(['hang']));
    const gone = await timed(remote.exec(['echo']));
    expect((gone.error as Error).message).toMatch(
      /^A: SSH connection lost for good: not back within 0.6s \(\d+ attempts; last: .*ECONNRESET/,
    );
    expect(gone.ms).toBeLessThan(1500);
    const after = await timed(remote.writeFile('/tmp/x', 'y'));
    expect((after.error as Error).message).toMatch(/lost for good/);
    expect(after.ms).toBeLessThan(50);
    await vi.waitFor(() => expect(proxy.open.size).toBe(0), { timeout: 2000 });
  });
});
