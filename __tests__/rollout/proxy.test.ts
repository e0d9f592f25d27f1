import { describe, expect, it } from 'vitest';
import { allContainers, renderCluster } from '../../src/render/render.js';
import { deploy } from '../../src/rollout/deploy.js';
import type { LockOwner } from '../../src/rollout/host-state.js';
import { LiveGates } from '../../src/rollout/live-gates.js';
import { mayStart, runScheduled, type Unit } from '../../src/rollout/schedule.js';
import type { Spec } from '../../src/spec/schema.js';
import { loadExample } from '../render/helpers.js';
import { FakeGates } from '../support/fake-gates.js';
import { TestHosts } from '../support/lab.js';
import { RecordingReporter } from '../support/reporter.js';

const u = (kind: Unit<string>['kind'], item: string, group?: string): Unit<string> => ({
  kind,
  item,
  ...(group !== undefined ? { group } : {}),
});

describe('schedule: proxies', () => {
  const ns = u('nameServer', 'ns');
  const slave = u('slave', 'a-1', 'a');
  const master = u('master', 'a-0', 'a');
  const pA = u('proxy', 'pA');
  const pB = u('proxy', 'pB');
  const consoleU = u('console', 'console');

  it('a proxy waits for every name server and broker, and for the other proxy', () => {
    expect(mayStart(pA, [], [ns, pA])).toBe(false);
    expect(mayStart(pA, [master], [pA])).toBe(false);
    expect(mayStart(pA, [], [slave, pA])).toBe(false);
    expect(mayStart(pA, [], [pA, pB, consoleU])).toBe(true);
    expect(mayStart(pB, [pA], [pB, consoleU])).toBe(false);
    expect(mayStart(consoleU, [pA], [consoleU])).toBe(false);
  });

  it('with parallel 4: brokers, then one proxy at a time, then the console', async () => {
    const order: string[] = [];
    const units = [ns, slave, master, pA, pB, consoleU];
    const failures = await runScheduled(units, 4, async (x) => {
      order.push(`start ${x.item}`);
      await new Promise((r) => setImmediate(r));
      order.push(`end ${x.item}`);
    });
    expect(failures).toEqual([]);
    expect(order.slice(6)).toEqual([
      'start pA',
      'end pA',
      'start pB',
      'end pB',
      'start console',
      'end console',
    ]);
  });
});

describe('deploy with proxies (in-memory hosts)', () => {
  const C = 'docker-mq-cluster';
  const owner = (): LockOwner => ({ owner: 'tester', revision: 'r', pid: 1, since: '2026-11-25T00:00:00Z' });

  it('creates a proxy per host after the masters, and restarts it with mqshutdown proxy', async () => {
    const base = loadExample('two-host-2m-2s-async.yml');
    const spec: Spec = {
      ...base,
      images: { ...base.images, rocketmq: 'apache/rocketmq:5.3.3' },
      proxy: { hosts: ['A', 'B'], remotingPort: 8082, grpcPort: 8081, heap: '256m' },
    };
    const t = new TestHosts(['A', 'B'], spec.dataRoot, C);
    for (const h of Object.values(t.host)) h.addImage('apache/rocketmq:5.3.3');
    const reporter = new RecordingReporter();
    const roll = (s: Spec, revision: string) =>
      deploy({
        cluster: renderCluster(s, revision),
        specText: revision,
        hosts: t.handles,
        gates: new FakeGates(),
        reporter,
        owner: owner(),
      });
    const first = await roll(spec, 'r1');
    expect(first.ok, JSON.stringify(first.failure)).toBe(true);
    const names = first.steps.map((s) => `${s.host}/${s.name.slice(C.length + 1)}`);
    const last = (suffix: string) => Math.max(...names.flatMap((n, i) => (n.includes(suffix) ? [i] : [])));
    expect(names.indexOf('A/proxy')).toBeGreaterThan(last('-0'));
    expect(names.indexOf('B/proxy')).toBeGreaterThan(names.indexOf('A/proxy'));
    expect(names.indexOf('A/console')).toBeGreaterThan(names.indexOf('B/proxy'));
    expect(reporter.groups).toEqual(expect.arrayContaining(['Proxy on host A', 'Proxy on host B']));

    const before = t.lab.mark();
    const second = await roll({ ...spec, proxy: { ...spec.proxy!, heap: '384m' } }, 'r2');
    expect(second.ok, JSON.stringify(second.failure)).toBe(true);
    expect(second.steps.map((s) => s.name)).toEqual([`${C}-proxy`, `${C}-proxy`]);
    expect(second.steps.every((s) => s.stop?.method === 'mqshutdown' && !s.stop.killed)).toBe(true);
    const stops = t.lines(before).filter((l) => l.includes('<shutdown-then-stop>'));
    expect(stops).toEqual([
      `A: sh -c <shutdown-then-stop> rocketmq-rollout-stop ${C}-proxy-rollout-old proxy 60`,
      `B: sh -c <shutdown-then-stop> rocketmq-rollout-stop ${C}-proxy-rollout-old proxy 60`,
    ]);
  });
});

describe('LiveGates: a proxy', () => {
  it('is gated on both its ports, then on its route of the cluster topic over every running master', () => {
    const base = loadExample('two-host-2m-2s-async.yml');
    const spec: Spec = {
      ...base,
      images: { ...base.images, rocketmq: 'apache/rocketmq:5.3.3' },
      proxy: { hosts: ['A', 'B'], remotingPort: 8082, grpcPort: 8081, heap: '256m' },
    };
    const cluster = renderCluster(spec, 'r1');
    const all = allContainers(cluster);
    const proxy = all.find((c) => c.kind === 'proxy' && c.host === 'B');
    if (!proxy) throw new Error('no proxy rendered');
    const running = new Set(all.filter((c) => c.kind === 'master').map((c) => `${c.name}@${c.host}`));
    const gates = new LiveGates({ deadlineMs: 1000, reporter: new RecordingReporter() });
    const planned = gates.plan(proxy, { cluster, running });
    expect(planned.map((g) => g.name)).toEqual(['port 8082', 'port 8081', 'proxy route']);
    expect(planned[2]?.gate.describe).toBe(
      `proxy ${proxy.address}:8082 routes topic docker-mq-cluster through itself`,
    );
  });
});
