import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Server, type Connection } from 'ssh2';
import { RemoteError, type Remote } from '../../src/remote/remote.js';
import { connectSsh } from '../../src/remote/ssh.js';
import { RecordingReporter } from '../support/reporter.js';
import { testKeyPair } from '../support/ssh-keys.js';

/**
 * SshRemote.dial against an in-process ssh2 server on loopback: a direct-tcpip channel of the one
 * connection, the refusals told apart (forwarding forbidden vs. nothing listening), and Nagle off
 * on the socket under the SSH connection.
 */
const hostKey = testKeyPair().private;
const clientKey = testKeyPair().private;

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface FakeSshd {
  port: number;
  connections: number;
  /** The source port of each client connection, as the server saw it. */
  clientPorts: number[];
}

/** A server that forwards direct-tcpip to loopback, or (forwarding: false) refuses every one. */
async function sshd(forwarding: boolean): Promise<FakeSshd> {
  const state: FakeSshd = { port: 0, connections: 0, clientPorts: [] };
  const cons: Connection[] = [];
  const server = new Server({ hostKeys: [hostKey] }, (client: Connection, info: { port: number }) => {
    state.connections += 1;
    state.clientPorts.push(info.port);
    client.on('authentication', (ctx) => ctx.accept());
    client.on('error', () => undefined);
    client.on('ready', () => {
      if (!forwarding) return;
      client.on('tcpip', (accept, reject, info) => {
        const upstream = net.connect({ host: '127.0.0.1', port: info.destPort });
        upstream.once('connect', () => {
          const channel = accept();
          channel.pipe(upstream).pipe(channel);
        });
        upstream.once('error', () => reject());
      });
    });
  });
  server.on('connection', (s: Connection) => cons.push(s));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  state.port = (server.address() as net.AddressInfo).port;
  cleanups.push(
    () =>
      new Promise<void>((r) => {
        server.close(() => r());
        for (const c of cons) c.end();
      }),
  );
  return state;
}

async function connect(port: number): Promise<Remote> {
  const remote = await connectSsh(
    {
      host: 'A',
      address: '127.0.0.1',
      port,
      user: 'deploy',
      privateKey: clientKey,
      insecureSkipHostKeyCheck: true,
    },
    new RecordingReporter(),
  );
  cleanups.push(() => remote.close());
  return remote;
}

async function echoServer(): Promise<number> {
  const server = net.createServer((s) => s.pipe(s));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
  return (server.address() as net.AddressInfo).port;
}

async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('SshRemote.dial', () => {
  it('opens channels of the one connection: bytes flow, no second SSH connection', async () => {
    const server = await sshd(true);
    const remote = await connect(server.port);
    const echo = await echoServer();
    for (const text of ['one', 'two', 'three']) {
      const stream = await remote.dial!('127.0.0.1', echo);
      const answer = await new Promise<string>((resolve) => {
        stream.once('data', (d: Buffer) => resolve(d.toString()));
        stream.write(text);
      });
      expect(answer).toBe(text);
      stream.destroy();
    }
    expect(server.connections).toBe(1);
  });

  it('nothing listening on the far side: ECONNREFUSED, as a direct connect says', async () => {
    const server = await sshd(true);
    const remote = await connect(server.port);
    await expect(remote.dial!('127.0.0.1', await closedPort())).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
  });

  it('forwarding forbidden: an error naming the host and the sshd setting', async () => {
    const server = await sshd(false);
    const remote = await connect(server.port);
    const err = await remote.dial!('127.0.0.1', 22).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RemoteError);
    expect(err).toMatchObject({ forwardingRefused: true });
    expect((err as Error).message).toMatch(
      /^A: sshd refuses to forward to 127\.0\.0\.1:22.*AllowTcpForwarding/,
    );
    expect((err as Error).message).toContain('gates.via: direct');
  });

  it('a signal that fires first rejects, and the late channel is closed', async () => {
    const server = await sshd(true);
    const remote = await connect(server.port);
    const ac = new AbortController();
    ac.abort(new Error('too late'));
    await expect(remote.dial!('127.0.0.1', await echoServer(), ac.signal)).rejects.toThrow('too late');
  });

  it('the SSH connection runs with TCP_NODELAY (its socket is ours, Nagle off)', async () => {
    const server = await sshd(true);
    const remote = await connect(server.port);
    const r = await remote.dial!('127.0.0.1', await echoServer());
    r.destroy();
    // The client side: the socket of this process from the port the fake sshd saw. (Matching the
    // server's port alone also found a closing socket of an earlier test whose server had the same
    // ephemeral port.)
    expect(server.clientPorts).toHaveLength(1);
    const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
    const ours = handles.filter(
      (h): h is net.Socket =>
        h instanceof net.Socket && h.remotePort === server.port && h.localPort === server.clientPorts[0],
    );
    expect(ours).toHaveLength(1);
    // net.Socket keeps what setNoDelay was last told (node >= 20).
    expect(noDelayOf(ours[0]!)).toBe(true);
  });
});

function noDelayOf(socket: net.Socket): boolean | undefined {
  const sym = Object.getOwnPropertySymbols(socket).find((s) => s.description === 'kSetNoDelay');
  return sym ? Boolean((socket as unknown as Record<symbol, unknown>)[sym]) : undefined;
}
