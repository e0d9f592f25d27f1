import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { Server, type Connection } from 'ssh2';
import { connectSsh } from '../../src/remote/ssh.js';
import { RecordingReporter } from '../support/reporter.js';
import { testKeyPair } from '../support/ssh-keys.js';

/**
 * SshRemote.readFiles through a real SSH channel and a real sh: an in-process ssh2 server on
 * loopback runs each command with /bin/sh -c, as sshd does, so quoting and framing are exercised.
 */
const hostKey = testKeyPair().private;
const clientKey = testKeyPair().private;
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function sshd(commands: string[]): Promise<number> {
  const cons: Connection[] = [];
  const server = new Server({ hostKeys: [hostKey] }, (client: Connection) => {
    cons.push(client);
    client.on('authentication', (ctx) => ctx.accept());
    client.on('error', () => undefined);
    client.on('session', (accept) => {
      accept().on('exec', (acceptExec, _reject, info) => {
        commands.push(info.command);
        const channel = acceptExec();
        const child = spawn('/bin/sh', ['-c', info.command], { stdio: ['pipe', 'pipe', 'pipe'] });
        channel.pipe(child.stdin);
        child.stdout.pipe(channel, { end: false });
        child.stderr.pipe(channel.stderr, { end: false });
        child.on('close', (code) => {
          channel.exit(code ?? 1);
          channel.end();
        });
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  cleanups.push(
    () =>
      new Promise<void>((r) => {
        server.close(() => r());
        for (const c of cons) c.end();
      }),
  );
  return (server.address() as net.AddressInfo).port;
}

it('reads every file in one command, byte for byte, absent ones as undefined', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'read-files-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const texts: Record<string, string> = {
    'broker.conf': 'brokerName=broker-a\nlistenPort=10911\n\n',
    "it's $HOME.json": '["docker","run"]',
    empty: '',
  };
  for (const [name, text] of Object.entries(texts)) await writeFile(join(dir, name), text);
  const paths = [...Object.keys(texts), 'missing'].map((n) => join(dir, n));
  const commands: string[] = [];
  const port = await sshd(commands);
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
  const files = await remote.readFiles!(paths);
  expect(commands).toHaveLength(1);
  expect(files).toEqual({
    [paths[0]!]: texts['broker.conf'],
    [paths[1]!]: texts["it's $HOME.json"],
    [paths[2]!]: '',
    [paths[3]!]: undefined,
  });
  for (const p of paths) expect(await remote.readFile(p)).toBe(files[p]);
});

it('writes several files in one command, byte for byte, and reads them back the same', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'write-files-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const files = [
    { path: join(dir, 'conf/broker.conf'), content: 'brokerName=broker-a\nlistenPort=10911\n\n' },
    { path: join(dir, "it's $HOME.json"), content: '["docker","run"]', mode: 0o600 },
    { path: join(dir, 'empty'), content: '' },
  ];
  const commands: string[] = [];
  const port = await sshd(commands);
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
  await remote.writeFiles!(files);
  expect(commands).toHaveLength(1);
  const back = await remote.readFiles!(files.map((f) => f.path));
  expect(back).toEqual(Object.fromEntries(files.map((f) => [f.path, f.content])));
});
