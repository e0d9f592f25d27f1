import { beforeEach, describe, expect, it, vi } from 'vitest';
import { allContainers, renderCluster, type RenderedCluster } from '../../src/render/render.js';
import { RecordingReporter } from '../../src/report/reporter.js';
import { deploy, type HostHandle } from '../../src/rollout/deploy.js';
import { HostState, previousRevision, stateDir, type LockOwner } from '../../src/rollout/host-state.js';
import type { Spec } from '../../src/spec/schema.js';
import { loadExample } from '../render/helpers.js';
import { FakeDocker, FakeGates, FakeHostFs, Journal } from './fakes.js';

const C = 'docker-mq-cluster';
let spec: Spec;
let journal: Journal;
let fs: Record<string, FakeHostFs>;
let docker: Record<string, FakeDocker>;
let gates: FakeGates;
let hosts: HostHandle[];
let reporter: RecordingReporter;

const owner = (): LockOwner => ({ owner: 'tester', revision: 'r', pid: 1, since: '2026-11-25T00:00:00Z' });

function withGroupConfig(s: Spec, group: string, config: Record<string, number | string>): Spec {
  return { ...s, brokers: { ...s.brokers, [group]: { ...s.brokers[group]!, config } } };
}

async function run(cluster: RenderedCluster, extra: Partial<Parameters<typeof deploy>[0]> = {}) {
  return deploy({
    cluster,
    specText: `spec of ${cluster.revision}`,
    hosts,
    gates,
    reporter,
    owner: owner(),
    ...extra,
  });
}

function steps(lines: string[]): string[] {
  return lines.filter((l) => /docker (run|stop|rename|rm|start)/.test(l));
}

beforeEach(() => {
  spec = loadExample('two-host-2m-2s-async.yml');
  journal = new Journal();
  fs = { A: new FakeHostFs('A', journal), B: new FakeHostFs('B', journal) };
  docker = { A: new FakeDocker('A', journal), B: new FakeDocker('B', journal) };
  gates = new FakeGates();
  reporter = new RecordingReporter();
  hosts = (['A', 'B'] as const).map((name) => ({
    name,
    remote: fs[name]!,
    docker: docker[name]!,
    state: new HostState(fs[name]!, stateDir(spec.dataRoot, C)),
  }));
});

describe('deploy engine', () => {
  it('creates every container: name servers, slaves, masters, console; hosts in spec order per phase', async () => {
    const r = await run(renderCluster(spec, 'r1'));
    expect(r.ok, JSON.stringify(r.failure)).toBe(true);
    expect(r.steps.map((s) => `${s.host}/${s.name}`)).toEqual([
      `A/${C}-namesrv`,
      `B/${C}-namesrv`,
      `A/${C}-broker-b-1`,
      `B/${C}-broker-a-1`,
      `A/${C}-broker-a-0`,
      `B/${C}-broker-b-0`,
      `A/${C}-console`,
    ]);
    expect(gates.checked).toHaveLength(7);
    // Files landed, history recorded, lock released.
    expect(fs.A?.files.get(`${spec.dataRoot}/${C}-broker-a-0/conf/broker.conf`)).toContain(
      'brokerIP2=192.168.5.49',
    );
    expect(await hosts[1]!.state.history()).toMatchObject([
      { revision: 'r1', result: 'success', actor: 'tester' },
    ]);
    expect(fs.B?.dirs.has(`${stateDir(spec.dataRoot, C)}/lock`)).toBe(false);
  });

  it('touches nothing when the spec is unchanged: no write, no stop, no lock', async () => {
    await run(renderCluster(spec, 'r1'));
    const writes = fs.A!.writes + fs.B!.writes;
    const before = journal.lines.length;
    const r = await run(renderCluster(spec, 'r2'));
    expect(r.ok).toBe(true);
    expect(r.noop).toBe(true);
    expect(r.plan.entries.every((e) => e.action === 'unchanged')).toBe(true);
    expect(fs.A!.writes + fs.B!.writes).toBe(writes);
    expect(journal.lines.slice(before)).toEqual([]);
  });

  it('replaces only the changed group, slave before master, keeping then dropping the old ones', async () => {
    await run(renderCluster(spec, 'r1'));
    const ids = Object.fromEntries(
      ['A', 'B'].flatMap((h) => [...docker[h]!.containers.values()].map((c) => [`${h}/${c.name}`, c.id])),
    );
    const before = journal.lines.length;
    const r = await run(renderCluster(withGroupConfig(spec, 'broker-a', { fileReservedTime: 96 }), 'r2'));
    expect(r.ok, JSON.stringify(r.failure)).toBe(true);
    expect(r.steps.map((s) => `${s.host}/${s.name}`)).toEqual([`B/${C}-broker-a-1`, `A/${C}-broker-a-0`]);
    expect(r.plan.entries.find((e) => e.name === `${C}-broker-a-0`)?.reasons).toEqual([
      'fileReservedTime: 48 → 96',
    ]);
    expect(steps(journal.lines.slice(before))).toEqual([
      `B: docker rename ${C}-broker-a-1 ${C}-broker-a-1-rollout-old`,
      `B: docker stop -t 60 ${C}-broker-a-1-rollout-old`,
      `B: docker run ${C}-broker-a-1`,
      `A: docker rename ${C}-broker-a-0 ${C}-broker-a-0-rollout-old`,
      `A: docker stop -t 60 ${C}-broker-a-0-rollout-old`,
      `A: docker run ${C}-broker-a-0`,
      `B: docker rm -f ${C}-broker-a-1-rollout-old`,
      `A: docker rm -f ${C}-broker-a-0-rollout-old`,
    ]);
    const after = Object.fromEntries(
      ['A', 'B'].flatMap((h) => [...docker[h]!.containers.values()].map((c) => [`${h}/${c.name}`, c.id])),
    );
    expect(
      Object.keys(after)
        .filter((k) => after[k] !== ids[k])
        .sort(),
    ).toEqual([`A/${C}-broker-a-0`, `B/${C}-broker-a-1`]);
    expect(previousRevision(await hosts[0]!.state.history())).toBe('r1');
  });

  it('undoes a step whose gate fails: new container removed, old one and its config restored, rollout stopped', async () => {
    await run(renderCluster(spec, 'r1'));
    const confPath = `${spec.dataRoot}/${C}-broker-a-0/conf/broker.conf`;
    const oldConf = fs.A!.files.get(confPath);
    const oldId = docker.A!.containers.get(`${C}-broker-a-0`)?.id;
    gates.failing.set(`${C}-broker-a-0`, 'effective config');
    const r = await run(renderCluster(withGroupConfig(spec, 'broker-a', { fileReservedTime: 96 }), 'r2'));
    expect(r.ok).toBe(false);
    expect(r.failure).toMatchObject({ host: 'A', name: `${C}-broker-a-0`, phase: 'step' });
    expect(r.failure?.message).toBe('gate effective config failed: effective config never passed');
    expect(r.failure?.logTail).toContain('IllegalArgumentException');
    expect(r.failure?.restored).toBe(`old ${C}-broker-a-0 restored, started and healthy again`);
    expect(docker.A!.containers.get(`${C}-broker-a-0`)).toMatchObject({ id: oldId, running: true });
    expect(fs.A!.files.get(confPath)).toBe(oldConf);
    // The slave replaced before the failure stays (it passed its gates); nothing after it ran.
    expect(r.steps.map((s) => `${s.name}:${s.ok}`)).toEqual([
      `${C}-broker-a-1:true`,
      `${C}-broker-a-0:false`,
    ]);
    expect(fs.A!.dirs.has(`${stateDir(spec.dataRoot, C)}/lock`)).toBe(false);
    expect((await hosts[0]!.state.history()).map((h) => h.revision)).toEqual(['r1']);
  });

  it('undoes a container that exits at start without waiting for its gates to time out', async () => {
    await run(renderCluster(spec, 'r1'));
    docker.A!.crashOnStart.add(`${C}-broker-b-1`);
    gates.hang.add(`${C}-broker-b-1`);
    const r = await run(renderCluster(withGroupConfig(spec, 'broker-b', { fileReservedTime: 24 }), 'r2'));
    expect(r.ok).toBe(false);
    expect(r.failure?.message).toBe(`${C}-broker-b-1 exited with code 1 (exited) while its gates ran`);
    expect(docker.A!.containers.get(`${C}-broker-b-1`)).toMatchObject({ running: true, exitCode: 0 });
    expect(r.steps.map((s) => s.name)).toEqual([`${C}-broker-b-1`]);
  });

  it('undoes a container that fails to run', async () => {
    await run(renderCluster(spec, 'r1'));
    docker.B!.failRun.add(`${C}-broker-b-0`);
    const r = await run(renderCluster(withGroupConfig(spec, 'broker-b', { fileReservedTime: 24 }), 'r2'));
    expect(r.ok).toBe(false);
    expect(r.failure?.message).toMatch(/docker run failed: port is already allocated/);
    expect(docker.B!.containers.get(`${C}-broker-b-0`)?.running).toBe(true);
  });

  it('fails pre-flight on a missing image with nothing stopped', async () => {
    await run(renderCluster(spec, 'r1'));
    const before = journal.lines.length;
    const r = await run(
      renderCluster(
        { ...spec, images: { ...spec.images, rocketmq: 'apacherocketmq/rocketmq:4.8.1-nope' } },
        'r2',
      ),
    );
    expect(r.ok).toBe(false);
    expect(r.failure?.phase).toBe('preflight');
    expect(r.failure?.message).toMatch(/image apacherocketmq\/rocketmq:4\.8\.1-nope is not available/);
    expect(steps(journal.lines.slice(before))).toEqual([]);
  });

  it('refuses to start while another run holds the lock, and leaves that lock alone', async () => {
    await run(renderCluster(spec, 'r1'));
    const lock = `${stateDir(spec.dataRoot, C)}/lock`;
    fs.B!.dirs.add(lock);
    fs.B!.files.set(
      `${lock}/owner.json`,
      JSON.stringify({
        owner: 'alice',
        runUrl: 'https://ci/run/9',
        revision: 'x',
        pid: 7,
        since: new Date(Date.now() - 7200_000).toISOString(),
      }),
    );
    // Host A answers slowly: its lock is taken after B's refusal, and must still be released.
    fs.A!.delayMs = 30;
    const before = journal.lines.length;
    const r = await run(renderCluster(withGroupConfig(spec, 'broker-b', { fileReservedTime: 24 }), 'r2'));
    expect(r.ok).toBe(false);
    expect(r.failure?.message).toMatch(
      /B: the deploy lock is held by alice \(https:\/\/ci\/run\/9\), revision x, for 720\ds — it looks stale/,
    );
    expect(fs.B!.dirs.has(lock)).toBe(true);
    await vi.waitFor(() => expect(journal.lines.slice(before)).toContain(`A: mkdir ${lock}`), {
      timeout: 5000,
    });
    await fs.A!.idle();
    expect(fs.A!.dirs.has(lock)).toBe(false);
    const broken = await run(
      renderCluster(withGroupConfig(spec, 'broker-b', { fileReservedTime: 24 }), 'r2'),
      { breakLock: true },
    );
    expect(broken.ok).toBe(true);
  });

  it('on a signal mid-step undoes that container and touches no other', async () => {
    await run(renderCluster(spec, 'r1'));
    const abort = new AbortController();
    gates.during.set(`${C}-broker-b-1`, () => abort.abort());
    const r = await run(renderCluster(withGroupConfig(spec, 'broker-b', { fileReservedTime: 24 }), 'r2'), {
      signal: abort.signal,
    });
    expect(r.ok).toBe(false);
    expect(r.failure?.phase).toBe('interrupted');
    expect(r.failure?.restored).toMatch(/restored and started \(not re-gated: interrupted\)/);
    expect(r.steps.map((s) => s.name)).toEqual([`${C}-broker-b-1`]);
    expect(docker.B!.containers.get(`${C}-broker-b-0`)?.labels['rocketmq-rollout.revision']).toBe('r1');
    expect(fs.A!.dirs.has(`${stateDir(spec.dataRoot, C)}/lock`)).toBe(false);
  });

  it('refuses to stop a broker whose group mate is down', async () => {
    await run(renderCluster(spec, 'r1'));
    gates.refuseStop.set(`${C}-broker-a-1`, 'broker-a-0 is not registered');
    const r = await run(renderCluster(withGroupConfig(spec, 'broker-a', { fileReservedTime: 96 }), 'r2'));
    expect(r.ok).toBe(false);
    expect(r.failure?.message).toBe(`refusing to stop ${C}-broker-a-1: broker-a-0 is not registered`);
    expect(docker.B!.containers.get(`${C}-broker-a-1`)?.running).toBe(true);
  });

  it('reports containers the spec no longer has as orphaned and leaves them', async () => {
    await run(renderCluster(spec, 'r1'));
    const { console: _c, ...noConsole } = spec;
    const r = await run(renderCluster(noConsole as Spec, 'r2'));
    expect(r.plan.entries.filter((e) => e.action === 'orphaned').map((e) => e.name)).toEqual([
      `${C}-console`,
    ]);
    expect(docker.A!.containers.has(`${C}-console`)).toBe(true);
    expect(allContainers(renderCluster(noConsole as Spec, 'r2'))).toHaveLength(6);
  });
});
