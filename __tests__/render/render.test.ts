import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allContainers, brokerPorts, renderCluster } from '../../src/render/render.js';
import { writeRendered } from '../../src/render/write.js';
import { loadExample } from './helpers.js';

const GOLDEN = new URL('../fixtures/golden/two-host/', import.meta.url).pathname;

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

describe('render of the classic two-host layout', () => {
  const spec = loadExample('two-host-2m-2s-async.yml');
  const cluster = renderCluster(spec, 'git-0123456789ab');

  it('orders each host: name server, slaves, masters, console', () => {
    expect(cluster.hosts.map((h) => [h.name, h.containers.map((c) => c.name)])).toEqual([
      [
        'A',
        [
          'docker-mq-cluster-namesrv',
          'docker-mq-cluster-broker-b-1',
          'docker-mq-cluster-broker-a-0',
          'docker-mq-cluster-console',
        ],
      ],
      ['B', ['docker-mq-cluster-namesrv', 'docker-mq-cluster-broker-a-1', 'docker-mq-cluster-broker-b-0']],
    ]);
  });

  it('derives every broker.conf value and layers user keys', () => {
    const a0 = allContainers(cluster).find((c) => c.name === 'docker-mq-cluster-broker-a-0');
    const b1 = allContainers(cluster).find((c) => c.name === 'docker-mq-cluster-broker-b-1');
    expect(a0?.brokerConfig).toEqual({
      brokerClusterName: 'docker-mq-cluster',
      brokerName: 'broker-a',
      brokerId: '0',
      brokerRole: 'ASYNC_MASTER',
      brokerIP1: '192.168.5.49',
      brokerIP2: '192.168.5.49',
      listenPort: '10911',
      namesrvAddr: '192.168.5.49:9876;192.168.5.50:9876',
      deleteWhen: '04',
      fileReservedTime: '48',
      flushDiskType: 'ASYNC_FLUSH',
      messageDelayLevel: '1s 5s 10s 30s',
    });
    // The slave of broker-b sits on A, gets SLAVE and id 1, no brokerIP2, and the group's override.
    expect(b1?.brokerConfig).toMatchObject({
      brokerName: 'broker-b',
      brokerId: '1',
      brokerRole: 'SLAVE',
      brokerIP1: '192.168.5.49',
      listenPort: '11911',
      fileReservedTime: '72',
    });
    expect(b1?.brokerConfig).not.toHaveProperty('brokerIP2');
    expect(a0?.brokerConfig).not.toHaveProperty('haMasterAddress');
  });

  it("names each slave's master HA address (host address, listenPort+1), following the master", () => {
    const b1 = allContainers(cluster).find((c) => c.name === 'docker-mq-cluster-broker-b-1');
    expect(b1?.brokerConfig?.haMasterAddress).toBe('192.168.5.50:10912');
    const moved = renderCluster(
      {
        ...spec,
        brokers: {
          ...spec.brokers,
          'broker-b': { ...spec.brokers['broker-b']!, master: { host: 'B', listenPort: 12911 } },
        },
      },
      'r2',
    );
    const b1Moved = allContainers(moved).find((c) => c.name === 'docker-mq-cluster-broker-b-1');
    expect(b1Moved?.brokerConfig?.haMasterAddress).toBe('192.168.5.50:12912');
    expect(b1Moved?.configHash).not.toBe(b1?.configHash);
  });

  it.each([
    ['apache/rocketmq:4.9.7', true],
    ['apacherocketmq/rocketmq:4.8.0-alpine', true],
    ['apache/rocketmq:5.3.3', false],
    ['apache/rocketmq:latest', false],
  ])('%s: haMasterAddress rendered on slaves: %s', (image, rendered) => {
    const c = renderCluster({ ...spec, images: { ...spec.images, rocketmq: image } }, 'r3');
    const b1 = allContainers(c).find((x) => x.name === 'docker-mq-cluster-broker-b-1');
    expect(b1?.brokerConfig?.haMasterAddress).toBe(rendered ? '192.168.5.50:10912' : undefined);
  });

  it.each([
    ['apache/rocketmq:4.9.7', '1000'],
    ['apache/rocketmq:5.3.3', undefined],
  ])('%s: a slave reports its HA offset every %s ms; masters keep the default', (image, value) => {
    const c = renderCluster({ ...spec, images: { ...spec.images, rocketmq: image } }, 'r4');
    const b1 = allContainers(c).find((x) => x.name === 'docker-mq-cluster-broker-b-1');
    const b0 = allContainers(c).find((x) => x.name === 'docker-mq-cluster-broker-b-0');
    expect(b1?.brokerConfig?.haSendHeartbeatInterval).toBe(value);
    expect(b0?.brokerConfig).not.toHaveProperty('haSendHeartbeatInterval');
  });

  it("a user's haSendHeartbeatInterval wins over ours, from any layer", () => {
    const fromDefaults = renderCluster(
      { ...spec, brokerDefaults: { ...spec.brokerDefaults, haSendHeartbeatInterval: 5000 } },
      'r5',
    );
    const fromSlave = renderCluster(
      {
        ...spec,
        brokers: {
          ...spec.brokers,
          'broker-b': {
            ...spec.brokers['broker-b']!,
            slaves: [{ ...spec.brokers['broker-b']!.slaves[0]!, config: { haSendHeartbeatInterval: 2500 } }],
          },
        },
      },
      'r6',
    );
    const slave = (c: typeof cluster) =>
      allContainers(c).find((x) => x.name === 'docker-mq-cluster-broker-b-1')?.brokerConfig;
    expect(slave(fromDefaults)?.haSendHeartbeatInterval).toBe('5000');
    expect(slave(fromSlave)?.haSendHeartbeatInterval).toBe('2500');
  });

  it('publishes listen, fast and HA ports and mounts conf, logs and the store', () => {
    const b1 = allContainers(cluster).find((c) => c.name === 'docker-mq-cluster-broker-b-1');
    expect(b1?.ports).toEqual([11911, 11909, 11912]);
    expect(brokerPorts(11911)).toEqual({ listen: 11911, fast: 11909, ha: 11912 });
    const vols = b1?.runArgs.filter((_, i, a) => a[i - 1] === '-v');
    expect(vols).toEqual([
      '/home/docker/rocketmq/docker-mq-cluster-broker-b-1/conf:/home/rocketmq/broker-conf:ro',
      '/home/docker/rocketmq/docker-mq-cluster-broker-b-1/logs:/home/rocketmq/logs',
      '/home/docker/rocketmq/docker-mq-cluster-broker-b-1/store:/home/rocketmq/store',
    ]);
  });

  it('keeps the config hash when only the revision changes, and changes it with a key', () => {
    const again = renderCluster(spec, 'git-fedcba987654');
    expect(allContainers(again).map((c) => c.configHash)).toEqual(
      allContainers(cluster).map((c) => c.configHash),
    );
    const changed = renderCluster(
      {
        ...spec,
        brokers: {
          ...spec.brokers,
          'broker-a': { ...spec.brokers['broker-a']!, config: { fileReservedTime: 96 } },
        },
      },
      'git-0123456789ab',
    );
    const differs = allContainers(changed)
      .filter((c, i) => c.configHash !== allContainers(cluster)[i]?.configHash)
      .map((c) => c.name);
    expect(differs).toEqual(['docker-mq-cluster-broker-a-0', 'docker-mq-cluster-broker-a-1']);
  });

  it('gives the console the name server list and turns the VIP channel off', () => {
    const console = allContainers(cluster).find((c) => c.kind === 'console');
    const env = console?.runArgs[console.runArgs.indexOf('-e') + 1];
    expect(env).toContain('-Drocketmq.config.namesrvAddr=192.168.5.49:9876;192.168.5.50:9876');
    expect(env).toContain('-Drocketmq.config.isVIPChannel=false');
    expect(console?.ports).toEqual([8080]);
  });

  it('matches the golden files byte for byte', async () => {
    const out = await mkdtemp(join(tmpdir(), 'render-'));
    try {
      await writeRendered(cluster, out);
      const files = await listFiles(out);
      if (process.env.UPDATE_GOLDEN) {
        await rm(GOLDEN, { recursive: true, force: true });
        await writeRendered(cluster, GOLDEN);
      }
      expect(files).toEqual(await listFiles(GOLDEN));
      for (const f of files) {
        expect(await readFile(join(out, f), 'utf8'), f).toBe(await readFile(join(GOLDEN, f), 'utf8'));
      }
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});

describe('render of every example', () => {
  it.each([
    ['single-node.yml', 3],
    ['two-masters.yml', 4],
    ['two-host-2m-2s-async.yml', 7],
    ['two-host-2m-2s-sync.yml', 7],
    ['three-hosts.yml', 10],
    ['two-host-5x-proxy.yml', 9],
  ])('%s renders %i containers with unique names per host', (file, count) => {
    const cluster = renderCluster(loadExample(file), 'r1');
    expect(allContainers(cluster)).toHaveLength(count);
    for (const h of cluster.hosts) {
      const names = h.containers.map((c) => c.name);
      expect(new Set(names).size).toBe(names.length);
    }
  });
});
