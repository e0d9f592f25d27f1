import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DockerClient } from '../../src/remote/docker.js';
import type { Remote } from '../../src/remote/remote.js';
import { connectSsh } from '../../src/remote/ssh.js';
import { RecordingReporter } from '../../__tests__/support/reporter.js';
import { readFileSync } from 'node:fs';
import { labUp, type Lab } from './support.js';

/**
 * The lab images behave like the official ones where a rollout can tell: `sh mqbroker` /
 * `sh mqnamesrv` is PID 1 and java its grandchild, so a bare `docker stop` never reaches the JVM
 * and ends in SIGKILL — and the engine's clean stop (mqshutdown, then docker stop at once) ends
 * the JVM on SIGTERM without the restart policy bringing it back. Real sshd, podman, RocketMQ.
 */
const IMAGES = ['apacherocketmq/rocketmq:4.8.0-alpine', 'apache/rocketmq:4.9.7', 'apache/rocketmq:5.3.3'];
const PREFIX = 'rr-image-test';

let lab: Lab;
let remote: Remote;
let docker: DockerClient;
let conf: string;
const made: string[] = [];

async function sh(argv: string[], timeoutMs = 60_000): Promise<string> {
  const r = await remote.exec(argv, { timeoutMs });
  if (r.code !== 0) throw new Error(`${argv.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}

/** Poll until `check` returns a value, or fail with the last thing seen. */
async function waitFor<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function run(name: string, args: string[]): Promise<void> {
  await docker.remove(name).catch(() => undefined);
  made.push(name);
  await docker.run(['run', '-d', '--name', name, ...args]);
}

async function booted(name: string, server: string): Promise<void> {
  await waitFor(`${name} to log "${server} boot success"`, 90_000, async () => {
    const { stdout } = await docker.logs(name, 200);
    return stdout.includes('boot success') ? true : undefined;
  });
}

function processes(ps: string): { pid: number; ppid: number; args: string }[] {
  return ps
    .trim()
    .split('\n')
    .map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => !!m)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3] ?? '' }));
}

beforeAll(async () => {
  lab = await labUp();
  remote = await connectSsh(
    {
      host: 'A',
      address: lab.hosts.A ?? '',
      port: lab.sshPort,
      user: lab.sshUser,
      privateKey: readFileSync(lab.key, 'utf8'),
      knownHosts: readFileSync(lab.knownHosts, 'utf8'),
      connectTimeoutMs: 20_000,
      commandTimeoutMs: 120_000,
    },
    new RecordingReporter(),
  );
  docker = new DockerClient(remote);
  // A minimal broker.conf on host A, mounted read-only as the engine mounts it.
  conf = `${lab.dataRoot}/${PREFIX}`;
  await sh(['mkdir', '-p', conf]);
  await remote.writeFile(`${conf}/broker.conf`, 'brokerClusterName=c\nbrokerName=b\nbrokerId=0\n', 0o644);
});

afterAll(async () => {
  if (!remote) return;
  for (const name of made) await docker.remove(name).catch(() => undefined);
  await remote.exec(['rm', '-rf', conf]).catch(() => undefined);
  await remote.close();
});

describe.each(IMAGES)('lab image %s', (image) => {
  const tag = image.split(':')[1] ?? '';

  test('PID 1 is `sh mqbroker`, java its grandchild; a bare docker stop -t 5 ends in SIGKILL (137)', async () => {
    const name = `${PREFIX}-broker-${tag}`;
    await run(name, [
      '-v',
      `${conf}:/home/rocketmq/broker-conf:ro`,
      image,
      'sh',
      'mqbroker',
      '-c',
      '/home/rocketmq/broker-conf/broker.conf',
    ]);
    await booted(name, 'broker');
    const ps = processes(await sh(['docker', 'exec', name, 'ps', '-eo', 'pid=,ppid=,args=']));
    expect(ps.find((p) => p.pid === 1)?.args).toBe('sh mqbroker -c /home/rocketmq/broker-conf/broker.conf');
    const java = ps.filter((p) => /^java /.test(p.args));
    expect(java).toHaveLength(1);
    const parent = ps.find((p) => p.pid === java[0]?.ppid);
    expect(parent?.args).toMatch(
      /^sh \S+\/bin\/runbroker\.sh .*org\.apache\.rocketmq\.broker\.BrokerStartup -c /,
    );
    expect(parent?.ppid).toBe(1);
    expect(java[0]?.args).toContain(
      `-Drocketmq.home.dir=/home/rocketmq/rocketmq-${tag.replace('-alpine', '')}`,
    );

    const t0 = Date.now();
    await docker.stop(name, 5);
    const took = Date.now() - t0;
    const state = await docker.inspect(name);
    expect(state?.running).toBe(false);
    expect(state?.exitCode).toBe(137);
    // The whole timeout was spent: SIGTERM to PID 1 did nothing.
    expect(took).toBeGreaterThanOrEqual(5_000);
  });

  test('the clean stop (mqshutdown, then docker stop) ends the JVM on SIGTERM, and --restart always leaves it down', async () => {
    const name = `${PREFIX}-namesrv-${tag}`;
    await run(name, ['--restart', 'always', image, 'sh', 'mqnamesrv']);
    await booted(name, 'name server');
    const t0 = Date.now();
    const r = await docker.shutdownThenStop(name, 'namesrv', 60);
    const took = Date.now() - t0;
    expect(r.shutdownCode, r.output).toBe(0);
    expect(r.output).toMatch(/Send shutdown request to namesrv \(\d+\) OK/);
    const state = await docker.inspect(name);
    expect(state).toMatchObject({ running: false, exitCode: 143 });
    expect(took).toBeLessThan(30_000);
    // Stopped by the user as far as the engine is concerned: it stays down (observed for 5 s).
    const until = Date.now() + 5_000;
    while (Date.now() < until) {
      expect((await docker.inspect(name))?.running).toBe(false);
      await new Promise((res) => setTimeout(res, 1_000));
    }
  });
});

test('mqshutdown alone: --restart always starts the old server again (why docker stop must follow at once)', async () => {
  const name = `${PREFIX}-restart`;
  await run(name, ['--restart', 'always', IMAGES[0] ?? '', 'sh', 'mqnamesrv']);
  await booted(name, 'name server');
  const before = (await docker.inspect(name))?.state.startedAt;
  expect(await sh(['docker', 'exec', name, 'sh', 'mqshutdown', 'namesrv'])).toContain(
    'Send shutdown request',
  );
  const again = await waitFor('a restart by the restart policy', 30_000, async () => {
    const s = await docker.inspect(name);
    return s?.running && s.state.startedAt !== before ? s : undefined;
  });
  expect(again.running).toBe(true);
});
