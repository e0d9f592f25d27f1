import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Dialer } from '../../src/gates/dialer.js';
import {
  fetchBrokerConfig,
  fetchClusterInfo,
  fetchTopicList,
  fetchTopicRoute,
  PermName,
  routePerm,
  updateBrokerConfig,
} from '../../src/gates/remoting.js';
import { DockerClient } from '../../src/remote/docker.js';
import type { Remote } from '../../src/remote/remote.js';
import { connectSsh } from '../../src/remote/ssh.js';
import { RecordingReporter } from '../../__tests__/support/reporter.js';
import { labUp, type Lab } from './support.js';

/**
 * The drain's remoting calls against a real 4.8.0 name server and broker on lab host A (their own
 * ports, apart from any cluster a test deploys): UPDATE_BROKER_CONFIG (25) sets brokerPermission,
 * GET_ROUTEINFO_BY_TOPIC (105) shows it on the name server, GET_BROKER_CONFIG (26) on the broker,
 * and the read-only conf mount keeps the drained permission out of the broker's -c file.
 */
const IMAGE = 'apacherocketmq/rocketmq:4.8.0-alpine';
const NS = 'rr-drain-namesrv';
const BROKER = 'rr-drain-broker';
const NS_PORT = 19876;
const LISTEN = 20911;

let lab: Lab;
let remote: Remote;
let docker: DockerClient;
let dir: string;
let ns: string;
let broker: string;
let dial: Dialer;

async function waitFor<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`,
      );
    await new Promise((r) => setTimeout(r, 500));
  }
}

const confText = (address: string) =>
  [
    'brokerClusterName=rr-drain',
    'brokerName=rr-drain-a',
    'brokerId=0',
    `brokerIP1=${address}`,
    `listenPort=${LISTEN}`,
    `namesrvAddr=${address}:${NS_PORT}`,
    '',
  ].join('\n');

beforeAll(async () => {
  lab = await labUp();
  const address = lab.hosts.A ?? '';
  remote = await connectSsh(
    {
      host: 'A',
      address,
      port: lab.sshPort,
      user: lab.sshUser,
      privateKey: readFileSync(lab.key, 'utf8'),
      knownHosts: readFileSync(lab.knownHosts, 'utf8'),
      connectTimeoutMs: 20_000,
      commandTimeoutMs: 120_000,
    },
    new RecordingReporter(),
  );
  // Through host A's SSH connection, so field mode (ports closed to this machine) works too.
  dial = (host, port, signal) => remote.dial!(host, port, signal);
  docker = new DockerClient(remote);
  ns = `${address}:${NS_PORT}`;
  broker = `${address}:${LISTEN}`;
  dir = `${lab.dataRoot}/rr-drain`;
  for (const name of [BROKER, NS]) await docker.remove(name).catch(() => undefined);
  await remote.exec(['mkdir', '-p', `${dir}/conf`, `${dir}/store`]);
  await remote.writeFile(`${dir}/conf/broker.conf`, confText(address), 0o644);
  await remote.exec(['chown', '-R', '3000:3000', dir]);
  await docker.run(['run', '-d', '--name', NS, '-p', `${NS_PORT}:9876`, IMAGE, 'sh', 'mqnamesrv']);
  const ports = [LISTEN, LISTEN - 2, LISTEN + 1].flatMap((p) => ['-p', `${p}:${p}`]);
  await docker.run([
    'run',
    '-d',
    '--name',
    BROKER,
    ...ports,
    '-v',
    `${dir}/conf:/home/rocketmq/broker-conf:ro`,
    '-v',
    `${dir}/store:/home/rocketmq/store`,
    IMAGE,
    'sh',
    'mqbroker',
    '-c',
    '/home/rocketmq/broker-conf/broker.conf',
  ]);
  await waitFor('the broker registered on the name server', 90_000, async () => {
    const info = await fetchClusterInfo(ns, { dial });
    return info.brokerAddrTable['rr-drain-a']?.brokerAddrs['0'] === broker ? true : undefined;
  });
});

afterAll(async () => {
  if (!remote) return;
  for (const name of [BROKER, NS]) await docker.remove(name).catch(() => undefined);
  await remote.exec(['rm', '-rf', dir]).catch(() => undefined);
  await remote.close();
});

test('brokerPermission 4 then 6 over UPDATE_BROKER_CONFIG: seen at once in the route and in the broker config', async () => {
  // The broker registers a topic named after its group; its route is what producers read.
  const topic = 'rr-drain-a';
  // That topic's own perm is 7 (read, write, inherit): "writable" is the WRITE bit, not perm 6.
  const before = routePerm((await fetchTopicRoute(ns, topic, { dial }))!, 'rr-drain-a') ?? 0;
  expect(before & PermName.WRITE).toBe(PermName.WRITE);

  await updateBrokerConfig(broker, { brokerPermission: String(PermName.READ) }, { dial });
  expect((await fetchBrokerConfig(broker, { dial })).brokerPermission).toBe('4');
  // The broker re-registers with its name servers within the call (one poll, a short deadline).
  await waitFor('perm 4 on the name server', 5_000, async () =>
    routePerm((await fetchTopicRoute(ns, topic, { dial }))!, 'rr-drain-a') === 4 ? true : undefined,
  );

  // The trap: updateBrokerConfig persists the whole config into the -c file. Mounted read-only
  // (as rendered), the host's file stays the rendered one, so a restart comes up writable.
  expect(await remote.readFile(`${dir}/conf/broker.conf`)).toBe(confText(lab.hosts.A ?? ''));

  await updateBrokerConfig(broker, { brokerPermission: String(PermName.READ | PermName.WRITE) }, { dial });
  expect((await fetchBrokerConfig(broker, { dial })).brokerPermission).toBe('6');
  // Writable again: every topic gets its own perm back.
  await waitFor(`perm ${before} on the name server`, 5_000, async () =>
    routePerm((await fetchTopicRoute(ns, topic, { dial }))!, 'rr-drain-a') === before ? true : undefined,
  );
});

test('the topic list names the group and cluster topics; a topic without a route reads as undefined', async () => {
  expect(await fetchTopicList(ns, { dial })).toEqual(
    expect.arrayContaining(['rr-drain', 'rr-drain-a', 'TBW102']),
  );
  await expect(fetchTopicRoute(ns, 'rr-drain-no-such-topic', { dial })).resolves.toBeUndefined();
});

test('after a restart from the rendered (read-only) conf the broker is writable again', async () => {
  await updateBrokerConfig(broker, { brokerPermission: '4' }, { dial });
  const s = await docker.shutdownThenStop(BROKER, 'broker', 60);
  expect(s.shutdownCode).toBe(0);
  expect((await docker.inspect(BROKER))?.exitCode).toBe(143);
  await docker.start(BROKER);
  const config = await waitFor('the restarted broker to answer', 90_000, async () =>
    fetchBrokerConfig(broker, { dial }),
  );
  expect(config.brokerPermission).toBe('6');
});
