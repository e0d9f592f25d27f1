import { beforeEach, describe, expect, it } from 'vitest';
import {
  allContainers,
  renderCluster,
  type RenderedCluster,
  type RenderedContainer,
} from '../../src/render/render.js';
import { deploy, type HostHandle } from '../../src/rollout/deploy.js';
import { drainPlan } from '../../src/plan/drain-plan.js';
import type { Plan, PlanEntry } from '../../src/plan/plan.js';
import { drainPlanLine } from '../../src/report/format.js';
import { Drainer, DrainError, drainHooks, drainSettings, type DrainAdmin } from '../../src/rollout/drain.js';
import type { LiveView } from '../../src/rollout/ports.js';
import { loadExample } from '../render/helpers.js';
import { RecordingReporter } from '../support/reporter.js';
import { FakeGates } from '../support/fake-gates.js';
import { TestHosts } from '../support/lab.js';

/**
 * A cluster behind the drain's remoting calls: brokers with a permission and a commit-log offset,
 * name servers whose routes follow a broker's permission after `routeLag` reads (a re-register in
 * flight), slaves that catch up after `slaveLag` reads. Every call lands in `calls`.
 */
class FakeCluster implements DrainAdmin {
  readonly calls: string[] = [];
  readonly perm = new Map<string, number>();
  readonly offset = new Map<string, number>();
  /** Slave address → its master's address. */
  readonly masterOf = new Map<string, string>();
  /** Group → master address. */
  readonly masters = new Map<string, string>();
  readonly topicNames = ['TBW102', 'orders', 'broker-a', 'broker-b'];
  routeLag = 0;
  slaveLag = new Map<string, number>();
  /** What the name servers show per group until the lag is read off. */
  private shown = new Map<string, number>();
  private pending = new Map<string, number>();
  /** Refuses UPDATE_BROKER_CONFIG (a broker that answers code 1). */
  refuseUpdate = false;
  /** A topic whose route is read-only whatever the broker's permission (updateTopicPerm -p 4). */
  readOnlyTopic = '';

  constructor(cluster: RenderedCluster) {
    for (const c of allContainers(cluster)) {
      const addr = `${c.address}:${c.listenPort}`;
      if (c.kind === 'master' && c.group) {
        this.masters.set(c.group, addr);
        this.perm.set(addr, 6);
        this.offset.set(addr, 1000);
        this.shown.set(c.group, 6);
      }
    }
    for (const c of allContainers(cluster)) {
      if (c.kind === 'slave' && c.group)
        this.masterOf.set(`${c.address}:${c.listenPort}`, this.masters.get(c.group)!);
    }
  }

  private groupOf(addr: string): string | undefined {
    return [...this.masters].find(([, a]) => a === addr)?.[0];
  }

  async setPermission(broker: string, perm: number): Promise<void> {
    this.calls.push(`set ${broker} ${perm}`);
    if (this.refuseUpdate) throw new Error(`${broker}: request 25 answered code 1`);
    this.perm.set(broker, perm);
    const g = this.groupOf(broker);
    if (g) this.pending.set(g, this.routeLag);
  }
  async brokerPermission(broker: string): Promise<number | undefined> {
    return this.perm.get(broker);
  }
  async topics(): Promise<string[]> {
    return this.topicNames;
  }
  async routePerm(ns: string, topic: string, group: string): Promise<number | undefined> {
    this.calls.push(`route ${ns} ${topic}`);
    if (topic === 'orders' && group === 'broker-b') return undefined;
    if (topic === this.readOnlyTopic) return 4;
    const left = this.pending.get(group) ?? 0;
    if (left > 0) this.pending.set(group, left - 1);
    else this.shown.set(group, this.perm.get(this.masters.get(group)!) ?? 6);
    const p = this.shown.get(group) ?? 6;
    // A read-only broker registers every topic with its own permission; a writable one keeps 7 on its own topic.
    return (p & 2) === 0 ? p : topic === group ? 7 : 6;
  }
  async commitLogOffset(broker: string): Promise<number> {
    const master = this.masterOf.get(broker);
    if (!master) return this.offset.get(broker) ?? 0;
    const lag = this.slaveLag.get(broker) ?? 0;
    this.slaveLag.set(broker, Math.max(0, lag - 1));
    return (this.offset.get(master) ?? 0) - (lag > 0 ? 100 : 0);
  }
}

let cluster: RenderedCluster;
let live: LiveView;
let fake: FakeCluster;
let reporter: RecordingReporter;
let clock: number;
let slept: number[];

const find = (name: string): RenderedContainer => allContainers(cluster).find((c) => c.name === name)!;
const masterA = () => find('docker-mq-cluster-broker-a-0');
const masterB = () => find('docker-mq-cluster-broker-b-0');

function drainer(extra: Partial<ConstructorParameters<typeof Drainer>[0]> = {}): Drainer {
  return new Drainer({
    settings: { drain: true, drainSeconds: 45 },
    reporter,
    admin: fake,
    deadlineMs: 20_000,
    now: () => clock,
    // The clock moves only by the drain's own waits: no test sleeps through them.
    sleep: async (ms) => {
      slept.push(ms);
      clock += ms;
    },
    ...extra,
  });
}

const codes = () => reporter.lines.map((l) => l.code);
const messages = (code: string) => reporter.lines.filter((l) => l.code === code).map((l) => l.message);

beforeEach(() => {
  cluster = renderCluster(loadExample('two-host-2m-2s-async.yml'), 'r1');
  live = { cluster, running: new Set(allContainers(cluster).map((c) => `${c.name}@${c.host}`)) };
  fake = new FakeCluster(cluster);
  reporter = new RecordingReporter();
  clock = 0;
  slept = [];
});

describe('SYNC_MASTER groups: the slave restarts only while its master is drained', () => {
  const member = (kind: 'master' | 'slave', group = 'broker-a') =>
    allContainers(cluster).find((c) => c.kind === kind && c.group === group)!;
  const slaveA = () => member('slave');
  const syncLab = () => {
    cluster = renderCluster(loadExample('two-host-2m-2s-sync.yml'), 'r1');
    live = { cluster, running: new Set(allContainers(cluster).map((c) => `${c.name}@${c.host}`)) };
    fake = new FakeCluster(cluster);
  };

  it('drains the master before its slave stops and gives the writes back once the slave is gated', async () => {
    syncLab();
    const master = `${member('master').address}:${member('master').listenPort}`;
    const d = drainer();
    expect(d.drainTarget(slaveA(), live)?.name).toBe(member('master').name);
    await d.beforeStop(slaveA(), live);
    expect(fake.perm.get(master)).toBe(4);
    expect(messages('drain.proven')).toEqual([expect.stringMatching(/^broker-a read-only on every route/)]);
    fake.perm.set(master, 4);
    const gate = await d.afterStart(slaveA(), live);
    expect(gate).toMatchObject({ gate: 'writable', ok: true });
    expect(fake.perm.get(master)).toBe(6);
    // The master never restarted: read-only on purpose, no "came up with brokerPermission=4".
    expect(codes()).not.toContain('drain.persisted');
  });

  it('an undo of the slave step gives the master its writes back', async () => {
    syncLab();
    const d = drainer();
    await d.beforeStop(slaveA(), live);
    expect(await d.restoreOld(slaveA(), live)).toMatch(/^broker-a writable again/);
    expect(fake.perm.get(`${member('master').address}:${member('master').listenPort}`)).toBe(6);
  });

  it('an ASYNC_MASTER group restarts its slave without a drain; the plan names the sync drains', () => {
    expect(drainer().drainTarget(slaveA(), live)).toBeUndefined();
    syncLab();
    const sync = cluster;
    const entries: PlanEntry[] = allContainers(sync)
      .filter((c) => c.kind === 'master' || c.kind === 'slave')
      .map((c) => ({
        action: c.kind === 'slave' ? 'replace' : 'unchanged',
        host: c.host,
        name: c.name,
        kind: c.kind,
        reasons: [],
        configChanges: [],
        desired: c,
        ...(c.kind === 'slave' ? { observed: { running: true } as NonNullable<PlanEntry['observed']> } : {}),
      }));
    const dp = drainPlan({ cluster: sync.cluster, revision: 'r1', entries } as Plan, {
      drain: true,
      drainSeconds: 45,
    });
    expect(dp.masters.map((m) => m.forSlave).sort()).toEqual(
      [member('slave').name, member('slave', 'broker-b').name].sort(),
    );
    expect(dp.masters.map((m) => m.name).sort()).toEqual(
      [member('master').name, member('master', 'broker-b').name].sort(),
    );
    expect(drainPlanLine(dp)).toContain(
      `${member('master').name} (host ${member('master').host}, while its slave ${member('slave').name} restarts)`,
    );
    expect(dp.waitSeconds).toBe(135);
  });

  it('a new SYNC_MASTER master is set read-only as soon as its port answers, and writable once gated, with no warning', async () => {
    syncLab();
    const master = `${member('master').address}:${member('master').listenPort}`;
    const d = drainer();
    await d.beforeStop(member('master'), live);
    // The new broker starts writable from its rendered file; its port refuses twice while the JVM starts.
    fake.perm.set(master, 6);
    let refusals = 2;
    const set = fake.setPermission.bind(fake);
    fake.setPermission = async (b, perm) => {
      if (b === master && refusals-- > 0) throw new Error(`${b}: connect ECONNREFUSED`);
      return set(b, perm);
    };
    reporter.lines.length = 0;
    await d.holdSyncMaster(member('master'));
    expect(fake.perm.get(master)).toBe(4);
    expect(messages('drain.hold')).toEqual([
      'new broker-a master held read-only until its slave replicates (SYNC_MASTER)',
    ]);
    const gate = await d.afterStart(member('master'), live);
    expect(gate).toMatchObject({ gate: 'writable', ok: true });
    expect(fake.perm.get(master)).toBe(6);
    expect(codes()).not.toContain('drain.persisted');
  });

  it('not held: an ASYNC_MASTER master, a slave, a master that was not drained; a port that never answers is a warning', async () => {
    const async = `${masterA().address}:${masterA().listenPort}`;
    const d = drainer();
    await d.beforeStop(masterA(), live);
    fake.perm.set(async, 6);
    await d.holdSyncMaster(masterA());
    expect(fake.perm.get(async)).toBe(6);
    syncLab();
    const s = drainer();
    await s.holdSyncMaster(member('master'));
    await s.holdSyncMaster(member('slave'));
    expect(fake.calls.filter((c) => c.startsWith('set'))).toEqual([]);
    await s.beforeStop(member('master'), live);
    fake.refuseUpdate = true;
    await s.holdSyncMaster(member('master'));
    expect(messages('drain.hold-failed')).toEqual([
      expect.stringMatching(
        /^new broker-a master not set read-only as it started: .*code 1; writes until its slave reconnects may get SLAVE_NOT_AVAILABLE$/,
      ),
    ]);
  });
});

describe('drain before a master stops', () => {
  it('sets brokerPermission 4, proves no write bit on every route of both name servers, counts down, checks the slave', async () => {
    fake.routeLag = 3;
    fake.slaveLag.set('192.168.5.50:11911', 2);
    const d = drainer();
    await d.beforeStop(masterA(), live);
    expect(fake.perm.get('192.168.5.49:10911')).toBe(4);
    // The routes are read once before (what is writable now), then the permission changes.
    expect(fake.calls[0]).toMatch(/^route /);
    expect(fake.calls.filter((c) => c.startsWith('set'))).toEqual(['set 192.168.5.49:10911 4']);
    // Both name servers were read for every topic the group serves, after the lag was over.
    for (const ns of ['192.168.5.49:9876', '192.168.5.50:9876'])
      expect(fake.calls).toContain(`route ${ns} orders`);
    expect(messages('drain.proven')).toEqual([
      'broker-a read-only on every route: 4 topics at 2 name servers',
    ]);
    // The countdown: a line at the start and every 10 s, never one past the total.
    expect(messages('drain.wait')).toEqual([
      'draining broker-a: 0 s of 45',
      'draining broker-a: 10 s of 45',
      'draining broker-a: 20 s of 45',
      'draining broker-a: 30 s of 45',
      'draining broker-a: 40 s of 45',
    ]);
    expect(messages('drain.replicated')[0]).toMatch(
      /^docker-mq-cluster-broker-a-1 holds the master's commit log \(offset 1000\); 0 bytes written during the wait$/,
    );
    expect(codes()).not.toContain('drain.busy');
  });

  it('gives the writes back after the new master is gated, and waits the refresh before the next master', async () => {
    const d = drainer();
    await d.beforeStop(masterA(), live);
    // The new broker-a: the rendered conf has no brokerPermission, so it starts writable.
    fake.perm.set('192.168.5.49:10911', 6);
    const before = clock;
    const gate = await d.afterStart(masterA(), live);
    expect(gate).toMatchObject({ gate: 'writable', ok: true });
    expect(gate?.detail).toBe(
      'broker-a writable again: brokerPermission=6, write bit on 4 topics at 2 name servers',
    );
    expect(codes()).not.toContain('drain.persisted');
    // The next master waits the clients' refresh from the moment broker-a was writable again.
    reporter.lines.length = 0;
    await d.beforeStop(masterB(), live);
    expect(messages('drain.wait').slice(0, 2)).toEqual([
      'waiting for clients to see broker-a writable before draining broker-b: 0 s of 45',
      'waiting for clients to see broker-a writable before draining broker-b: 10 s of 45',
    ]);
    expect(fake.calls.indexOf('set 192.168.5.50:10911 4')).toBeGreaterThan(-1);
    // Both waits of 45 s, one after the other, before broker-b's slave check.
    expect(clock - before).toBeGreaterThanOrEqual(90_000);
    // Only the group's own topics count: broker-b does not serve "orders".
    expect(messages('drain.proven')).toEqual([
      'broker-b read-only on every route: 3 topics at 2 name servers',
    ]);
  });

  it('a new master that came up read-only (the drained permission persisted): reported and corrected', async () => {
    const d = drainer();
    await d.beforeStop(masterA(), live);
    const gate = await d.afterStart(masterA(), live);
    expect(gate?.ok).toBe(true);
    expect(messages('drain.persisted')[0]).toMatch(/came up with brokerPermission=4 .*setting 6/);
    expect(fake.perm.get('192.168.5.49:10911')).toBe(6);
  });

  it('routes that never lose the write bit: DrainError before anything waits', async () => {
    fake.routeLag = 1_000_000;
    const d = drainer();
    const e = await d.beforeStop(masterA(), live).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DrainError);
    expect((e as Error).message).toMatch(/routes of broker-a not read-only within 20 s: .*perm 6/);
    expect(codes()).not.toContain('drain.wait');
    // The undo gives the writes back (the old master never stopped).
    fake.routeLag = 0;
    const restored = await d.restoreOld(masterA(), live);
    expect(restored).toMatch(/^broker-a writable again: brokerPermission=6/);
    expect(fake.perm.get('192.168.5.49:10911')).toBe(6);
    expect(codes()).not.toContain('drain.persisted');
  });

  it('a slave that never reaches the master: DrainError naming both offsets', async () => {
    fake.slaveLag.set('192.168.5.50:11911', 1_000_000);
    const e = await drainer()
      .beforeStop(masterA(), live)
      .catch((x: unknown) => x);
    expect((e as Error).message).toMatch(
      /slave 192.168.5.50:11911 at the master's commit-log offset not within 20 s: master at 1000, slave at 900 \(100 bytes behind\)/,
    );
  });

  it('a master that keeps writing: waits at most the quiet cap, warns, and goes on', async () => {
    const realOffset = fake.commitLogOffset.bind(fake);
    let n = 0;
    fake.commitLogOffset = async (b) => (b === '192.168.5.49:10911' ? 1000 + 10 * n++ : realOffset(b));
    fake.masterOf.set('192.168.5.50:11911', 'nowhere');
    fake.offset.set('nowhere', 1_000_000);
    await drainer().beforeStop(masterA(), live);
    expect(messages('drain.busy')[0]).toMatch(/^broker-a still writes after 15 s more/);
  });

  it('a topic read-only on purpose before the drain does not hold up the restore', async () => {
    fake.readOnlyTopic = 'orders';
    const d = drainer();
    await d.beforeStop(masterA(), live);
    fake.perm.set('192.168.5.49:10911', 6);
    const gate = await d.afterStart(masterA(), live);
    expect(gate?.detail).toBe(
      'broker-a writable again: brokerPermission=6, write bit on 3 topics at 2 name servers',
    );
  });

  it('groups rolling in parallel: a second master waits until the first is writable again', async () => {
    const d = drainer();
    await d.beforeStop(masterA(), live);
    let bDrained = false;
    const b = d.beforeStop(masterB(), live).then(() => (bDrained = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(bDrained).toBe(false);
    expect(messages('drain.queue')).toEqual([
      'broker-b waits: broker-a is drained now (one master at a time)',
    ]);
    expect(fake.perm.get('192.168.5.50:10911')).toBe(6);
    fake.perm.set('192.168.5.49:10911', 6);
    await d.afterStart(masterA(), live);
    await b;
    expect(fake.perm.get('192.168.5.50:10911')).toBe(4);
  });

  it("a refused UPDATE_BROKER_CONFIG fails the drain with the broker's answer", async () => {
    fake.refuseUpdate = true;
    const e = await drainer()
      .beforeStop(masterA(), live)
      .catch((x: unknown) => x);
    expect((e as Error).message).toMatch(
      /brokerPermission=4 on the master not within 20 s: .*answered code 1/,
    );
    const restored = await drainer().restoreOld(masterA(), live);
    // Another drainer never drained it: nothing to give back.
    expect(restored).toBeUndefined();
  });

  it('off, a slave, or a master never drained: no remoting call at all', async () => {
    const off = drainer({ settings: { drain: false, drainSeconds: 45 } });
    await off.beforeStop(masterA(), live);
    await off.beforeStop(find('docker-mq-cluster-broker-a-1'), live);
    expect(await off.afterStart(masterA(), live)).toBeUndefined();
    expect(await drainer().afterStart(masterA(), live)).toBeUndefined();
    expect(fake.calls).toEqual([]);
    expect(slept).toEqual([]);
  });

  it('an abort during the wait ends it at once with DrainError', async () => {
    const abort = new AbortController();
    const d = drainer({
      sleep: async (ms) => {
        clock += ms;
        if (clock > 15_000) abort.abort();
      },
    });
    const e = await d.beforeStop(masterA(), live, abort.signal).catch((x: unknown) => x);
    expect((e as Error).message).toMatch(/interrupted by a signal while waiting/);
    expect(clock).toBeLessThan(45_000);
  });
});

describe('drain in the rollout engine (step hooks)', () => {
  const C = 'docker-mq-cluster';
  let t: TestHosts;
  let hosts: HostHandle[];
  let gates: FakeGates;
  /** Each brokerPermission change with where the hosts' calls were at that moment. */
  let changes: { at: number; line: string }[];

  beforeEach(() => {
    t = new TestHosts(['A', 'B'], loadExample('two-host-2m-2s-async.yml').dataRoot, C);
    hosts = t.handles;
    gates = new FakeGates();
    changes = [];
    const set = fake.setPermission.bind(fake);
    fake.setPermission = async (b, p) => {
      changes.push({ at: t.lab.mark(), line: `${b} ${p}` });
      return set(b, p);
    };
  });

  const deployWith = (c: RenderedCluster, d: Drainer) =>
    deploy({
      cluster: c,
      specText: 'spec',
      hosts,
      gates,
      reporter,
      owner: { owner: 'tester', revision: c.revision, pid: 1, since: '2026-11-25T00:00:00Z' },
      lock: { waitMs: 100, pollMs: 10 },
      hooks: drainHooks(d),
    });

  const changed = () => {
    const spec = loadExample('two-host-2m-2s-async.yml');
    spec.brokerDefaults = { ...spec.brokerDefaults, deleteWhen: '05' };
    return renderCluster(spec, 'r2');
  };
  const stopAt = (group: string) =>
    t.lines().findIndex((l) => l.includes('shutdown-then-stop') && l.includes(`${group}-0`));
  const changeAt = (line: string) => changes.find((c) => c.line === line)?.at ?? -1;

  it('both masters: drained before their stop, writable after their gates, one after the other', async () => {
    const first = await deployWith(cluster, drainer());
    expect(first.ok, JSON.stringify(first.failure)).toBe(true);
    // A first deploy stops no master: nothing drained.
    expect(changes).toEqual([]);
    const r = await deployWith(changed(), drainer());
    expect(r.ok, JSON.stringify(r.failure)).toBe(true);
    expect(stopAt('broker-a')).toBeGreaterThan(0);
    expect(changeAt('192.168.5.49:10911 4')).toBeGreaterThan(0);
    expect(changeAt('192.168.5.49:10911 4')).toBeLessThanOrEqual(stopAt('broker-a'));
    expect(changeAt('192.168.5.50:10911 4')).toBeGreaterThan(stopAt('broker-a'));
    expect(changeAt('192.168.5.50:10911 4')).toBeLessThanOrEqual(stopAt('broker-b'));
    // Slaves are not drained; the fake's new masters came up read-only, so each was corrected.
    expect(changes.map((c) => c.line)).toEqual([
      '192.168.5.49:10911 4',
      '192.168.5.49:10911 6',
      '192.168.5.50:10911 4',
      '192.168.5.50:10911 6',
    ]);
    expect(messages('drain.restored')).toEqual([
      expect.stringMatching(/^broker-a writable again/),
      expect.stringMatching(/^broker-b writable again/),
    ]);
    // Waits: broker-a's drain, the refresh after it, broker-b's drain; none after the last master.
    expect(messages('drain.wait').filter((m) => / 0 s of 45$/.test(m))).toEqual([
      'draining broker-a: 0 s of 45',
      'waiting for clients to see broker-a writable before draining broker-b: 0 s of 45',
      'draining broker-b: 0 s of 45',
    ]);
  });

  it('a new master that fails its gates: the old one is started again and given its writes back', async () => {
    expect((await deployWith(cluster, drainer())).ok).toBe(true);
    gates.failing.set(`${C}-broker-a-0`, 'registered');
    const r = await deployWith(changed(), drainer());
    expect(r.ok).toBe(false);
    expect(r.failure?.restored).toMatch(/old .*broker-a-0 restored, started and healthy again/);
    expect(changes.map((c) => c.line)).toEqual(['192.168.5.49:10911 4', '192.168.5.49:10911 6']);
    expect(fake.perm.get('192.168.5.49:10911')).toBe(6);
    expect(messages('drain.restored')).toEqual([expect.stringMatching(/^broker-a writable again/)]);
  });

  it('a drain that cannot be proven: the step is undone before the master stops, its writes given back', async () => {
    expect((await deployWith(cluster, drainer())).ok).toBe(true);
    fake.routeLag = 1_000_000;
    const r = await deployWith(changed(), drainer());
    expect(r.ok).toBe(false);
    expect(r.failure?.message).toMatch(/routes of broker-a not read-only/);
    expect(stopAt('broker-a')).toBe(-1);
    fake.routeLag = 0;
    expect(changes.map((c) => c.line)).toEqual(['192.168.5.49:10911 4', '192.168.5.49:10911 6']);
    expect(fake.perm.get('192.168.5.49:10911')).toBe(6);
  });
});

describe('the plan says which masters are drained and how long the waits are', () => {
  const entry = (name: string, kind: string, running: boolean, action: PlanEntry['action'] = 'replace') =>
    ({
      action,
      host: 'A',
      name,
      kind,
      reasons: [],
      configChanges: [],
      observed: { running } as PlanEntry['observed'],
    }) as PlanEntry;
  const plan = (entries: PlanEntry[]): Plan => ({ cluster: 'c', revision: 'r', entries });

  it('running masters replaced: drainSeconds before each, and again between them', () => {
    const d = drainPlan(
      plan([
        entry('c-broker-a-1', 'slave', true),
        entry('c-broker-a-0', 'master', true),
        entry('c-broker-b-0', 'master', true),
        entry('c-broker-c-0', 'master', false),
        entry('c-broker-d-0', 'master', true, 'unchanged'),
      ]),
      { drain: true, drainSeconds: 45 },
    );
    expect(d.masters.map((m) => m.name)).toEqual(['c-broker-a-0', 'c-broker-b-0']);
    expect(d.waitSeconds).toBe(135);
    expect(drainPlanLine(d)).toBe(
      'Drain: c-broker-a-0 (host A), c-broker-b-0 (host A) go read-only before they stop; 45 s for producers to move their writes, and again between masters: 135 s of waits in all\n',
    );
  });

  it('off says so; nothing to drain says nothing', () => {
    const masters = plan([entry('c-broker-a-0', 'master', true)]);
    const off = drainPlan(masters, { drain: false, drainSeconds: 45 });
    expect(off.waitSeconds).toBe(0);
    expect(drainPlanLine(off)).toMatch(
      /^Drain: off \(rollout.drain: false\): c-broker-a-0 \(host A\) stop while/,
    );
    expect(drainPlanLine(drainPlan(plan([]), { drain: true, drainSeconds: 45 }))).toBe('');
    expect(drainPlan(masters, { drain: true, drainSeconds: 3 }).waitSeconds).toBe(3);
  });

  it('the spec: on by default with 45 s, the flag over the spec', () => {
    const spec = loadExample('two-host-2m-2s-async.yml');
    expect(spec.rollout).toMatchObject({ drain: true, drainSeconds: 45 });
    expect(drainSettings(spec, 5)).toEqual({ drain: true, drainSeconds: 5 });
  });
});
