import { beforeEach, describe, expect, it } from 'vitest';
import { renderCluster } from '../../src/render/render.js';
import { deploy, planDeploy, type HostHandle } from '../../src/rollout/deploy.js';
import {
  isSystemTopic,
  MAX_NAMED,
  warnSingleGroupTopics,
  type TopicSource,
} from '../../src/rollout/single-group.js';
import type { Spec } from '../../src/spec/schema.js';
import { loadExample } from '../render/helpers.js';
import { FakeGates } from '../support/fake-gates.js';
import { TestHosts } from '../support/lab.js';
import { RecordingReporter } from '../support/reporter.js';

/**
 * Pre-flight's warning of topics that live on one broker group only (issue 12), through the deploy
 * engine on in-memory hosts: the name servers' topics come from a fake behind the TopicSource port.
 */
const C = 'docker-mq-cluster';
const NS_A = '192.168.5.49:9876';
const NS_B = '192.168.5.50:9876';

/** Topic → the groups its route gives writable queues; every call lands in `calls`. */
class FakeTopics implements TopicSource {
  readonly calls: string[] = [];
  readonly down = new Set<string>();
  /** Moves a fake clock on every route read (the time limit). */
  onRoute?: () => void;
  constructor(readonly routes: Record<string, string[]>) {}
  async topics(ns: string): Promise<string[]> {
    this.calls.push(`topics ${ns}`);
    if (this.down.has(ns)) throw new Error(`${ns}: connect ECONNREFUSED`);
    return Object.keys(this.routes);
  }
  async writableGroups(ns: string, topic: string): Promise<string[]> {
    this.calls.push(`route ${ns} ${topic}`);
    this.onRoute?.();
    return this.routes[topic] ?? [];
  }
}

let t: TestHosts;
let hosts: HostHandle[];
let reporter: RecordingReporter;
let spec: Spec;

async function run(s: Spec, revision: string, topics: TopicSource) {
  return deploy({
    cluster: renderCluster(s, revision),
    specText: `spec of ${revision}`,
    hosts,
    gates: new FakeGates(),
    reporter,
    owner: { owner: 'tester', revision, pid: 1, since: '2026-11-25T00:00:00Z' },
    lock: { waitMs: 100, pollMs: 10 },
    topics,
  });
}

const withDefaults = (s: Spec, extra: Record<string, string | number>): Spec => ({
  ...s,
  brokerDefaults: { ...s.brokerDefaults, ...extra },
});
const withGroup = (s: Spec, group: string, config: Record<string, string | number>): Spec => ({
  ...s,
  brokers: { ...s.brokers, [group]: { ...s.brokers[group]!, config } },
});
const warnings = () =>
  reporter.lines.filter((l) => l.code === 'preflight.single-group').map((l) => l.message);
const codes = () => reporter.lines.map((l) => l.code);

/** The cluster deployed once (no topic check: nothing ran before), then the reporter emptied. */
async function deployed(s: Spec): Promise<void> {
  const first = new FakeTopics({});
  expect((await run(s, 'r1', first)).ok).toBe(true);
  // Only containers created: no master loses its writes, so the name servers are not asked.
  expect(first.calls).toEqual([]);
  reporter.lines.length = 0;
}

beforeEach(() => {
  spec = loadExample('two-host-2m-2s-async.yml');
  t = new TestHosts(['A', 'B'], spec.dataRoot, C);
  hosts = t.handles;
  reporter = new RecordingReporter();
});

describe('pre-flight: topics on one broker group only', () => {
  it('names each application topic alone on a restarting master, before anything stops; system topics left out', async () => {
    await deployed(spec);
    const topics = new FakeTopics({
      orders: ['broker-a'],
      payments: ['broker-a', 'broker-b'],
      audit: ['broker-b'],
      // Read-only everywhere on purpose: no write to fail.
      frozen: [],
      TBW102: ['broker-a'],
      SCHEDULE_TOPIC_XXXX: ['broker-a'],
      BenchmarkTest: ['broker-a'],
      OFFSET_MOVED_EVENT: ['broker-a'],
      RMQ_SYS_TRACE_TOPIC: ['broker-a'],
      '%RETRY%consumers': ['broker-a'],
      '%DLQ%consumers': ['broker-a'],
      'rocketmq-rollout-probe-broker-a': ['broker-a'],
      'broker-a': ['broker-a'],
      [C]: ['broker-a'],
    });
    const r = await run(withDefaults(spec, { deleteWhen: '05' }), 'r2', topics);
    expect(r.ok, JSON.stringify(r.failure)).toBe(true);
    expect(warnings()).toEqual([
      `topic orders lives only on broker-a: its writes fail while broker-a's master restarts, drained or not (to avoid it, create it on another group too: mqadmin updateTopic -c ${C} -t TOPIC)`,
      expect.stringMatching(/^topic audit lives only on broker-b: /),
    ]);
    // One name server's list, and a route read only for the application topics.
    expect(topics.calls.filter((c) => c.startsWith('topics'))).toEqual([`topics ${NS_A}`]);
    expect(topics.calls.filter((c) => c.startsWith('route')).sort()).toEqual(
      ['audit', 'frozen', 'orders', 'payments'].map((x) => `route ${NS_A} ${x}`),
    );
    // Said in pre-flight: before the first container stops.
    const warned = codes().indexOf('preflight.single-group');
    expect(warned).toBeGreaterThanOrEqual(0);
    expect(codes().indexOf('step.stop')).toBeGreaterThan(warned);
  });

  it('only the groups whose master restarts: a change of broker-b names topics alone on broker-b, not on broker-a', async () => {
    await deployed(spec);
    const topics = new FakeTopics({ orders: ['broker-a'], audit: ['broker-b'] });
    expect((await run(withGroup(spec, 'broker-b', { fileReservedTime: 96 }), 'r2', topics)).ok).toBe(true);
    expect(warnings()).toEqual([expect.stringMatching(/^topic audit lives only on broker-b/)]);
  });

  it('a slave change: warned in a SYNC_MASTER group (its master is drained then), not in an ASYNC_MASTER one', async () => {
    const sync = withDefaults(spec, { brokerRole: 'SYNC_MASTER' });
    await deployed(sync);
    // A key of the slaves only: no master is replaced.
    const slaveOnly = (s: Spec): Spec => ({
      ...s,
      brokers: Object.fromEntries(
        Object.entries(s.brokers).map(([g, b]) => [
          g,
          { ...b, slaves: b.slaves.map((x) => ({ ...x, config: { fileReservedTime: 96 } })) },
        ]),
      ) as Spec['brokers'],
    });
    const topics = new FakeTopics({ orders: ['broker-a'] });
    const r = await run(slaveOnly(sync), 'r2', topics);
    expect(r.ok, JSON.stringify(r.failure)).toBe(true);
    expect(r.steps.every((s) => s.name.endsWith('-1'))).toBe(true);
    expect(warnings()).toEqual([expect.stringMatching(/^topic orders lives only on broker-a/)]);
  });

  it('bounded: at most MAX_NAMED topics named per group, then how many more', async () => {
    await deployed(spec);
    const routes = Object.fromEntries(
      Array.from({ length: MAX_NAMED + 5 }, (_, i) => [`t${String(i).padStart(2, '0')}`, ['broker-a']]),
    );
    expect((await run(withDefaults(spec, { deleteWhen: '05' }), 'r2', new FakeTopics(routes))).ok).toBe(true);
    const [line] = warnings();
    expect(line).toMatch(/^topics t00, t01, .*, t19 and 5 more live only on broker-a: their writes fail/);
    expect(line).not.toMatch(/t20/);
  });

  it('an ASYNC_MASTER group restarting only its slave is not warned about: its master keeps its writes', async () => {
    await deployed(spec);
    const topics = new FakeTopics({ orders: ['broker-a'] });
    const slaveA = {
      ...spec.brokers['broker-a']!,
      slaves: [{ ...spec.brokers['broker-a']!.slaves[0]!, config: { fileReservedTime: 96 } }],
    };
    const r = await run({ ...spec, brokers: { ...spec.brokers, 'broker-a': slaveA } }, 'r2', topics);
    expect(r.steps.map((s) => s.name)).toEqual([`${C}-broker-a-1`]);
    expect(topics.calls).toEqual([]);
    expect(warnings()).toEqual([]);
  });

  it('time-limited: the topics not read in time are counted, the ones read are still named', async () => {
    await deployed(spec);
    const routes = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`t${i}`, ['broker-a']]));
    const topics = new FakeTopics(routes);
    let clock = 0;
    topics.onRoute = () => (clock += 300);
    const plan = await planDeploy(renderCluster(withDefaults(spec, { deleteWhen: '05' }), 'r2'), hosts);
    const found = await warnSingleGroupTopics({
      plan,
      source: topics,
      reporter,
      now: () => clock,
      budgetMs: 1000,
    });
    // Reads start until the clock passes the limit: 0, 300, 600, 900.
    expect(found.get('broker-a')).toHaveLength(4);
    expect(reporter.lines.find((l) => l.code === 'preflight.single-group-skipped')?.message).toBe(
      '21 of 25 topics not checked for a single broker group (time limit)',
    );
  });

  it('a warning, never a failure: the first name server down, the second asked; both down, the rollout goes on', async () => {
    await deployed(spec);
    const one = new FakeTopics({ orders: ['broker-a'] });
    one.down.add(NS_A);
    expect((await run(withDefaults(spec, { deleteWhen: '05' }), 'r2', one)).ok).toBe(true);
    expect(one.calls).toEqual([`topics ${NS_A}`, `topics ${NS_B}`, `route ${NS_B} orders`]);
    expect(warnings()).toHaveLength(1);
    reporter.lines.length = 0;
    const none = new FakeTopics({ orders: ['broker-a'] });
    none.down.add(NS_A).add(NS_B);
    const r = await run(withDefaults(spec, { deleteWhen: '06' }), 'r3', none);
    expect(r.ok).toBe(true);
    expect(warnings()).toEqual([]);
    expect(reporter.lines.find((l) => l.code === 'preflight.single-group-skipped')?.message).toMatch(
      /^topics not checked for a single broker group: .*ECONNREFUSED/,
    );
  });
});

describe('system topics', () => {
  it("RocketMQ's own, the tool's probe topics, a group's and the cluster's own names", () => {
    const own = new Set([C, 'broker-a']);
    for (const topic of [
      'TBW102',
      'SCHEDULE_TOPIC_XXXX',
      'BenchmarkTest',
      'OFFSET_MOVED_EVENT',
      'RMQ_SYS_TRANS_HALF_TOPIC',
      'rmq_sys_wheel_timer',
      '%RETRY%g',
      '%DLQ%g',
      'DefaultCluster_REPLY_TOPIC',
      'rocketmq-rollout-probe-broker-a',
      'broker-a',
      C,
    ])
      expect(isSystemTopic(topic, own), topic).toBe(true);
    for (const topic of ['orders', 'broker-b-orders', 'TBW1020', 'MY_RMQ_SYS_COPY'])
      expect(isSystemTopic(topic, own), topic).toBe(false);
  });
});
