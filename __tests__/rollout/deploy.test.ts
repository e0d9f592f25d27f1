import { beforeEach, describe, expect, it, vi } from 'vitest';
import { allContainers, renderCluster, type RenderedCluster } from '../../src/render/render.js';
import { RecordingReporter } from '../support/reporter.js';
import { deploy, type HostHandle } from '../../src/rollout/deploy.js';
import { previousRevision, stateDir, type LockOwner } from '../../src/rollout/host-state.js';
import type { Spec } from '../../src/spec/schema.js';
import { formatLeftovers } from '../../src/report/format.js';
import { RemoteError } from '../../src/remote/remote.js';
import { leftovers } from '../../src/rollout/journal.js';
import { DEFAULT_LOCK_SETTINGS } from '../../src/rollout/lock.js';
import { loadExample } from '../render/helpers.js';
import { FakeGates } from '../support/fake-gates.js';
import { TestHosts } from '../support/lab.js';

const C = 'docker-mq-cluster';
let spec: Spec;
let t: TestHosts;
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
    // Short waits for a held lock: these tests must not sit out the production default.
    lock: { waitMs: 100, pollMs: 10 },
    ...extra,
  });
}

beforeEach(() => {
  spec = loadExample('two-host-2m-2s-async.yml');
  t = new TestHosts(['A', 'B'], spec.dataRoot, C);
  gates = new FakeGates();
  reporter = new RecordingReporter();
  hosts = t.handles;
});

describe('deploy engine', () => {
  it('creates every container: name servers, masters, slaves, console; hosts in spec order per phase', async () => {
    const r = await run(renderCluster(spec, 'r1'));
    expect(r.ok, JSON.stringify(r.failure)).toBe(true);
    // Nothing runs yet: masters before their slaves, which then find them when they register.
    expect(r.steps.map((s) => `${s.host}/${s.name}`)).toEqual([
      `A/${C}-namesrv`,
      `B/${C}-namesrv`,
      `A/${C}-broker-a-0`,
      `B/${C}-broker-b-0`,
      `A/${C}-broker-b-1`,
      `B/${C}-broker-a-1`,
      `A/${C}-console`,
    ]);
    expect(reporter.groups).toContain('Masters of new groups on host A');
    expect(gates.checked).toHaveLength(7);
    // Files landed, history recorded, lock released.
    expect(t.host.A!.file(`${spec.dataRoot}/${C}-broker-a-0/conf/broker.conf`)).toContain(
      'brokerIP2=192.168.5.49',
    );
    expect(await hosts[1]!.state.history()).toMatchObject([
      { revision: 'r1', result: 'success', actor: 'tester' },
    ]);
    expect(t.host.B!.dirs.has(`${stateDir(spec.dataRoot, C)}/lock`)).toBe(false);
  });

  it('a group added to a running cluster starts master first; a changed group keeps slave first', async () => {
    await run(renderCluster(spec, 'r1'));
    const grown = withGroupConfig(
      {
        ...spec,
        brokers: {
          ...spec.brokers,
          'broker-c': {
            master: { host: 'A', listenPort: 12911 },
            slaves: [{ host: 'B', listenPort: 13911 }],
          },
        },
      },
      'broker-a',
      { fileReservedTime: 96 },
    );
    const r = await run(renderCluster(grown, 'r2'));
    expect(r.ok, JSON.stringify(r.failure)).toBe(true);
    expect(r.steps.map((s) => `${s.host}/${s.name}`)).toEqual([
      `A/${C}-broker-c-0`,
      `B/${C}-broker-a-1`,
      `B/${C}-broker-c-1`,
      `A/${C}-broker-a-0`,
    ]);
  });

  it('a group with a member left from an earlier spec is not new: its slave goes first', async () => {
    const twoSlaves = {
      ...spec,
      brokers: {
        ...spec.brokers,
        'broker-c': {
          master: { host: 'A', listenPort: 12911 },
          slaves: [
            { host: 'B', listenPort: 13911 },
            { host: 'A', listenPort: 14911 },
          ],
        },
      },
    };
    await run(renderCluster(twoSlaves, 'r1'));
    // broker-c's master and first slave removed by hand; its second slave is an orphan in the next spec.
    for (const [h, n] of [
      ['A', `${C}-broker-c-0`],
      ['B', `${C}-broker-c-1`],
    ] as const)
      await t.handles.find((x) => x.name === h)!.docker.remove(n);
    const oneSlave = {
      ...twoSlaves,
      brokers: {
        ...twoSlaves.brokers,
        'broker-c': { master: { host: 'A', listenPort: 12911 }, slaves: [{ host: 'B', listenPort: 13911 }] },
      },
    };
    const r = await run(renderCluster(oneSlave, 'r2'));
    expect(r.ok, JSON.stringify(r.failure)).toBe(true);
    expect(r.plan.entries.find((e) => e.name === `${C}-broker-c-2`)?.action).toBe('orphaned');
    expect(r.steps.map((s) => `${s.host}/${s.name}`)).toEqual([`B/${C}-broker-c-1`, `A/${C}-broker-c-0`]);
  });

  it('touches nothing when the spec is unchanged: no write, no stop, no lock', async () => {
    await run(renderCluster(spec, 'r1'));
    const writes = t.writes;
    const before = t.lab.mark();
    const r = await run(renderCluster(spec, 'r2'));
    expect(r.ok).toBe(true);
    expect(r.noop).toBe(true);
    expect(r.plan.entries.every((e) => e.action === 'unchanged')).toBe(true);
    expect(t.writes).toBe(writes);
    // Only reads, one look per host: what runs and its files, the lock, the journal.
    const stateDirPath = stateDir(spec.dataRoot, C);
    expect(t.lines(before).map((l) => l.replace(/ rocketmq-rollout-observe 0 .*$/, ' …'))).toEqual(
      ['A', 'B']
        .flatMap((h) => [`${h}: sh -c <observe> …`])
        .concat(
          ['A', 'B'].map((h) => `${h}: sh -c <read-file> sh ${stateDirPath}/lock/owner.json`),
          ['A', 'B'].map((h) => `${h}: sh -c <read-file> sh ${stateDirPath}/journal.jsonl`),
        ),
    );
  });

  it('replaces only the changed group, slave before master, keeping then dropping the old ones', async () => {
    await run(renderCluster(spec, 'r1'));
    const ids = Object.fromEntries(
      ['A', 'B'].flatMap((h) => [...t.host[h]!.containers.values()].map((c) => [`${h}/${c.name}`, c.id])),
    );
    const before = t.lab.mark();
    const r = await run(renderCluster(withGroupConfig(spec, 'broker-a', { fileReservedTime: 96 }), 'r2'));
    expect(r.ok, JSON.stringify(r.failure)).toBe(true);
    expect(r.steps.map((s) => `${s.host}/${s.name}`)).toEqual([`B/${C}-broker-a-1`, `A/${C}-broker-a-0`]);
    expect(r.plan.entries.find((e) => e.name === `${C}-broker-a-0`)?.reasons).toEqual([
      'fileReservedTime: 48 → 96',
    ]);
    // Per step: a leftover old copy removed (none here), the old one set aside and stopped
    // cleanly (mqshutdown, then docker stop in one command), the new one run.
    const stop = (host: string, name: string) =>
      `${host}: sh -c <shutdown-then-stop> rocketmq-rollout-stop ${name}-rollout-old broker 60`;
    const rm = (host: string, name: string) => `${host}: sh -c <kill-then-rm> rocketmq-rollout-rm ${name}`;
    expect(t.steps(before)).toEqual([
      rm('B', `${C}-broker-a-1-rollout-old`),
      `B: docker rename ${C}-broker-a-1 ${C}-broker-a-1-rollout-old`,
      stop('B', `${C}-broker-a-1`),
      `B: docker run ${C}-broker-a-1`,
      rm('A', `${C}-broker-a-0-rollout-old`),
      `A: docker rename ${C}-broker-a-0 ${C}-broker-a-0-rollout-old`,
      stop('A', `${C}-broker-a-0`),
      `A: docker run ${C}-broker-a-0`,
      rm('B', `${C}-broker-a-1-rollout-old`),
      rm('A', `${C}-broker-a-0-rollout-old`),
    ]);
    // The run argv is exactly the rendered one.
    const master = r.plan.entries.find((e) => e.name === `${C}-broker-a-0`)!.desired!;
    expect(
      t.lab.calls
        .slice(before)
        .filter((x) => x.argv[1] === 'run')
        .map((x) => [x.host, x.argv]),
    ).toEqual([
      ['B', ['docker', ...r.plan.entries.find((e) => e.name === `${C}-broker-a-1`)!.desired!.runArgs]],
      ['A', ['docker', ...master.runArgs]],
    ]);
    const after = Object.fromEntries(
      ['A', 'B'].flatMap((h) => [...t.host[h]!.containers.values()].map((c) => [`${h}/${c.name}`, c.id])),
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
    const oldConf = t.host.A!.file(confPath);
    const oldId = t.host.A!.containers.get(`${C}-broker-a-0`)?.id;
    gates.failing.set(`${C}-broker-a-0`, 'effective config');
    const r = await run(renderCluster(withGroupConfig(spec, 'broker-a', { fileReservedTime: 96 }), 'r2'));
    expect(r.ok).toBe(false);
    expect(r.failure).toMatchObject({ host: 'A', name: `${C}-broker-a-0`, phase: 'step' });
    expect(r.failure?.message).toBe('gate effective config failed: effective config never passed');
    expect(r.failure?.logTail).toContain('IllegalArgumentException');
    expect(r.failure?.restored).toBe(`old ${C}-broker-a-0 restored, started and healthy again`);
    expect(t.host.A!.containers.get(`${C}-broker-a-0`)).toMatchObject({ id: oldId, status: 'running' });
    expect(t.host.A!.file(confPath)).toBe(oldConf);
    // The slave replaced before the failure stays (it passed its gates); nothing after it ran.
    expect(r.steps.map((s) => `${s.name}:${s.ok}`)).toEqual([
      `${C}-broker-a-1:true`,
      `${C}-broker-a-0:false`,
    ]);
    expect(t.host.A!.dirs.has(`${stateDir(spec.dataRoot, C)}/lock`)).toBe(false);
    expect((await hosts[0]!.state.history()).map((h) => h.revision)).toEqual(['r1']);
  });

  it('undoes a container that exits at start without waiting for its gates to time out', async () => {
    await run(renderCluster(spec, 'r1'));
    t.crashOnStart.add(`${C}-broker-b-1`);
    gates.hang.add(`${C}-broker-b-1`);
    const r = await run(renderCluster(withGroupConfig(spec, 'broker-b', { fileReservedTime: 24 }), 'r2'));
    expect(r.ok).toBe(false);
    expect(r.failure?.message).toBe(`${C}-broker-b-1 exited with code 1 (exited) while its gates ran`);
    expect(t.host.A!.containers.get(`${C}-broker-b-1`)).toMatchObject({ status: 'running', exitCode: 0 });
    expect(r.steps.map((s) => s.name)).toEqual([`${C}-broker-b-1`]);
  });

  it('undoes a container that fails to run', async () => {
    await run(renderCluster(spec, 'r1'));
    t.failRun.add(`${C}-broker-b-0`);
    const r = await run(renderCluster(withGroupConfig(spec, 'broker-b', { fileReservedTime: 24 }), 'r2'));
    expect(r.ok).toBe(false);
    expect(r.failure?.message).toMatch(
      new RegExp(
        `^docker run failed: B: docker run -d --name ${C}-broker-b-0 .* exited 125: .*port is already allocated`,
      ),
    );
    expect(t.host.B!.containers.get(`${C}-broker-b-0`)?.status).toBe('running');
  });

  it('fails pre-flight on a missing image with nothing stopped', async () => {
    await run(renderCluster(spec, 'r1'));
    const before = t.lab.mark();
    const r = await run(
      renderCluster(
        { ...spec, images: { ...spec.images, rocketmq: 'apacherocketmq/rocketmq:4.8.1-nope' } },
        'r2',
      ),
    );
    expect(r.ok).toBe(false);
    expect(r.failure?.phase).toBe('preflight');
    expect(r.failure?.message).toMatch(/image apacherocketmq\/rocketmq:4\.8\.1-nope is not available/);
    expect(t.steps(before)).toEqual([]);
  });

  it('refuses while another live run holds a lock, naming that run, and leaves its lock alone', async () => {
    await run(renderCluster(spec, 'r1'));
    const lock = `${stateDir(spec.dataRoot, C)}/lock`;
    t.host.B!.putFile(
      `${lock}/owner.json`,
      JSON.stringify({
        owner: 'alice',
        runUrl: 'https://ci/run/9',
        revision: 'x',
        pid: 7,
        since: new Date(Date.now() - 7200_000).toISOString(),
        heartbeat: new Date(Date.now() - 3000).toISOString(),
      }),
    );
    // Host A answers slowly; its lock (taken first: sorted order) must still be released.
    t.host.A!.delayMs = 30;
    const before = t.lab.mark();
    const r = await run(renderCluster(withGroupConfig(spec, 'broker-b', { fileReservedTime: 24 }), 'r2'));
    expect(r.ok).toBe(false);
    expect(r.failure).toMatchObject({ host: 'B', phase: 'preflight' });
    expect(r.failure?.message).toMatch(
      /^another run \(alice, https:\/\/ci\/run\/9, started 720\ds ago, revision x\) is changing this cluster: it holds the deploy lock on host B, last heartbeat [34]s ago/,
    );
    expect(t.host.B!.dirs.has(lock)).toBe(true);
    expect(t.lines(before)).toContain(`A: mkdir ${lock}`);
    expect(t.host.A!.dirs.has(lock)).toBe(false);
    expect(t.steps(before)).toEqual([]);
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
    expect(t.host.B!.containers.get(`${C}-broker-b-0`)?.labels['rocketmq-rollout.revision']).toBe('r1');
    expect(t.host.A!.dirs.has(`${stateDir(spec.dataRoot, C)}/lock`)).toBe(false);
  });

  it('refuses to stop a broker whose group mate is down', async () => {
    await run(renderCluster(spec, 'r1'));
    gates.refuseStop.set(`${C}-broker-a-1`, 'broker-a-0 is not registered');
    const r = await run(renderCluster(withGroupConfig(spec, 'broker-a', { fileReservedTime: 96 }), 'r2'));
    expect(r.ok).toBe(false);
    expect(r.failure?.message).toBe(`refusing to stop ${C}-broker-a-1: broker-a-0 is not registered`);
    expect(t.host.B!.containers.get(`${C}-broker-a-1`)?.status).toBe('running');
  });

  it('reports containers the spec no longer has as orphaned and leaves them', async () => {
    await run(renderCluster(spec, 'r1'));
    const { console: _c, ...noConsole } = spec;
    const r = await run(renderCluster(noConsole as Spec, 'r2'));
    expect(r.plan.entries.filter((e) => e.action === 'orphaned').map((e) => e.name)).toEqual([
      `${C}-console`,
    ]);
    expect(t.host.A!.containers.has(`${C}-console`)).toBe(true);
    expect(allContainers(renderCluster(noConsole as Spec, 'r2'))).toHaveLength(6);
  });
});

describe('moves the engine refuses', () => {
  /** broker-a's master on host B (port 12911: B's 10911 is broker-b's), or its master on 12911. */
  function moved(to: 'B' | 'A', slaves = true): Spec {
    const g = spec.brokers['broker-a']!;
    const group = { ...g, master: { host: to, listenPort: 12911 }, ...(slaves ? {} : { slaves: [] }) };
    return { ...spec, brokers: { ...spec.brokers, 'broker-a': group } };
  }

  it('a master moved to another host while the old one runs: refused, nothing touched', async () => {
    await run(renderCluster(spec, 'r1'));
    const r = await run(renderCluster(moved('B'), 'r2'));
    expect(r.ok).toBe(false);
    expect(r.failure?.message).toMatch(/^the plan has 1 error .*nothing was touched$/);
    expect(r.plan.notes?.filter((n) => n.severity === 'error').map((n) => n.message)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^broker-a/0 moves from host A \\(${C}-broker-a-0, still running\\) to host B: both would register`,
        ),
      ),
    ]);
    expect(r.steps).toEqual([]);
    expect(t.host.A!.containers.get(`${C}-broker-a-0`)?.status).toBe('running');
    expect(t.host.B!.containers.has(`${C}-broker-a-0`)).toBe(false);
  });

  it('a master moved away from a stopped old one: a warning (its store stays), and the move runs', async () => {
    await run(renderCluster(spec, 'r1'));
    t.host.A!.containers.get(`${C}-broker-a-0`)!.status = 'exited';
    const r = await run(renderCluster(moved('B'), 'r2'));
    expect(r.plan.notes).toContainEqual({
      severity: 'warning',
      message: expect.stringMatching(/^broker-a\/0 moves from host A .*stopped.* empty message store/),
    });
    expect(r.ok, JSON.stringify(r.failure)).toBe(true);
    expect(t.host.B!.containers.get(`${C}-broker-a-0`)?.status).toBe('running');
  });

  it("a master's listenPort change: refused while its group has slaves, rolled when it has none", async () => {
    await run(renderCluster(spec, 'r1'));
    const refused = await run(renderCluster(moved('A'), 'r2'));
    expect(refused.ok).toBe(false);
    expect(refused.plan.notes?.map((n) => n.severity)).toContain('error');
    expect(refused.plan.notes?.find((n) => n.severity === 'error')?.message).toMatch(
      /^broker-a\/0 .* moves from listenPort 10911 to 12911 while it has slaves .* two deploys/,
    );
    expect(refused.steps).toEqual([]);
    // The way through the note gives: first without the group's slaves, then with them back.
    const first = await run(renderCluster(moved('A', false), 'r3'));
    expect(first.ok, JSON.stringify(first.failure)).toBe(true);
    expect(first.steps.map((x) => x.name)).toEqual([`${C}-broker-a-0`]);
  });
});

describe('deploy lock', () => {
  const lockDir = () => `${stateDir(spec.dataRoot, C)}/lock`;
  function plantLock(host: 'A' | 'B', holder: Record<string, unknown>): void {
    t.host[host]!.putFile(`${lockDir()}/owner.json`, JSON.stringify(holder));
  }
  const dead = () => ({
    owner: 'bob',
    runUrl: 'https://ci/run/41',
    revision: 'r0',
    pid: 99,
    since: new Date(Date.now() - 600_000).toISOString(),
    heartbeat: new Date(Date.now() - 300_000).toISOString(),
  });

  it('takes over the lock of a run whose heartbeat expired, without --break-lock, saying which run died', async () => {
    await run(renderCluster(spec, 'r1'));
    plantLock('B', dead());
    const r = await run(renderCluster(withGroupConfig(spec, 'broker-a', { fileReservedTime: 96 }), 'r2'));
    expect(r.ok, JSON.stringify(r.failure)).toBe(true);
    expect(reporter.lines.find((e) => e.code === 'lock.dead' && e.host === 'B')?.message).toMatch(
      /B: the deploy lock of bob \(https:\/\/ci\/run\/41, revision r0, pid 99, .*\) has not beaten for 300s: that run died/,
    );
    expect(t.host.B!.dirs.has(lockDir())).toBe(false);
    expect([...t.host.B!.dirs].filter((d) => d.includes('lock.dead'))).toEqual([]);
  });

  it('an unchanged spec is a failure, not "nothing changed", while another live run holds a lock', async () => {
    await run(renderCluster(spec, 'r1'));
    plantLock('A', { ...dead(), heartbeat: new Date().toISOString() });
    const r = await run(renderCluster(spec, 'r1'));
    expect(r.ok).toBe(false);
    expect(r.failure).toMatchObject({ host: 'A', phase: 'preflight' });
    expect(r.failure?.message).toMatch(
      /^another run \(bob, https:\/\/ci\/run\/41, .*\) is changing this cluster/,
    );
    expect(t.host.A!.dirs.has(lockDir())).toBe(true);
  });

  it("an unchanged spec with a dead run's lock removes that lock and succeeds", async () => {
    await run(renderCluster(spec, 'r1'));
    plantLock('A', dead());
    const r = await run(renderCluster(spec, 'r1'));
    expect(r.ok, JSON.stringify(r.failure)).toBe(true);
    expect(t.host.A!.dirs.has(lockDir())).toBe(false);
  });

  it('rewrites the heartbeat while the run holds the lock', async () => {
    await run(renderCluster(spec, 'r1'));
    const beats: string[] = [];
    gates.during.set(`${C}-broker-a-1`, () => undefined);
    gates.hang.add(`${C}-broker-a-1`);
    const abort = new AbortController();
    const pending = run(renderCluster(withGroupConfig(spec, 'broker-a', { fileReservedTime: 96 }), 'r2'), {
      lock: { heartbeatMs: 20, waitMs: 100, pollMs: 10 },
      signal: abort.signal,
    });
    await vi.waitFor(
      () => {
        const text = t.host.A!.file(`${lockDir()}/owner.json`);
        if (text) beats.push(JSON.parse(text).heartbeat as string);
        expect(new Set(beats).size).toBeGreaterThanOrEqual(3);
      },
      { timeout: 3000, interval: 15 },
    );
    abort.abort();
    await pending;
    expect(t.host.A!.dirs.has(lockDir())).toBe(false);
  });

  it('10 pairs of simultaneous deploys with different specs: exactly one proceeds, the other names it', async () => {
    await run(renderCluster(spec, 'r1'));
    // Each rollout outlasts the other's wait for the lock (30 ms): the second cannot slip in after it.
    gates.delayMs = 50;
    for (let i = 0; i < 10; i++) {
      const specs = [96 + i, 200 + i].map((t, k) =>
        renderCluster(withGroupConfig(spec, 'broker-a', { fileReservedTime: t }), `p${i}-${k}`),
      );
      const results = await Promise.all(
        specs.map((cluster, k) =>
          deploy({
            cluster,
            specText: 'x',
            hosts,
            gates,
            reporter,
            owner: {
              owner: `run-${k}`,
              revision: cluster.revision,
              pid: 100 + k,
              since: new Date().toISOString(),
            },
            lock: { waitMs: 30, pollMs: 5 },
          }),
        ),
      );
      const winners = results.filter((r) => r.ok);
      expect(winners, JSON.stringify(results.map((r) => r.failure))).toHaveLength(1);
      const w = results.indexOf(winners[0]!);
      const loser = results[1 - w]!;
      expect(loser.failure?.message).toMatch(new RegExp(`^another run \\(run-${w}, `));
      expect(t.host.A!.containers.get(`${C}-broker-a-0`)?.labels['rocketmq-rollout.revision']).toBe(
        `p${i}-${w}`,
      );
      expect(t.host.A!.dirs.has(lockDir()) || t.host.B!.dirs.has(lockDir())).toBe(false);
    }
  });
});

describe('kill anywhere, then a plain deploy repairs', () => {
  const POINTS = ['write-files', 'keep-old', 'stop', 'run', 'gate', 'gated-ok', 'drop-old'] as const;
  const members = [`${C}-broker-a-1`, `${C}-broker-a-0`];
  const later = () => new Date(Date.now() + 10 * 60_000);

  for (const victim of members) {
    for (const point of POINTS) {
      it(`killed at "${point}" of ${victim.endsWith('-0') ? 'the master' : 'the slave'}`, async () => {
        await run(renderCluster(spec, 'r1'));
        const target = renderCluster(withGroupConfig(spec, 'broker-a', { fileReservedTime: 96 }), 'r2');
        t.lab.killAt = new RegExp(`"action":"${point}","container":"${victim}"`);
        // What this run returns does not matter: a killed process returns nothing, nor cleans up.
        await run(target);
        expect(t.lab.killed, 'the kill point was reached').toBe(true);
        // The dead run's lock is still there; its heartbeat is old by the time the next run looks.
        t.lab.killed = false;
        t.lab.killAt = undefined;
        expect(t.host.A!.dirs.has(`${stateDir(spec.dataRoot, C)}/lock`)).toBe(true);
        gates.checked.length = 0;
        const r = await run(target, { now: later });
        expect(r.ok, JSON.stringify(r.failure)).toBe(true);
        expect(reporter.lines.some((l) => l.code === 'lock.dead')).toBe(true);
        const victimHost = victim.endsWith('-0') ? 'A' : 'B';
        expect(
          reporter.lines.find((l) => l.code === 'journal.interrupted' && l.host === victimHost)?.message,
        ).toMatch(new RegExp(`did not finish at "${point}" of ${victim}`));
        for (const h of ['A', 'B'] as const) {
          const names = [...t.host[h]!.containers.keys()];
          expect(
            names.filter((n) => n.endsWith('-rollout-old')),
            h,
          ).toEqual([]);
          for (const c of t.host[h]!.containers.values()) expect(c.status, c.name).toBe('running');
          expect(t.host[h]!.dirs.has(`${stateDir(spec.dataRoot, C)}/lock`)).toBe(false);
        }
        for (const m of members) {
          const host = m.endsWith('-0') ? 'A' : 'B';
          expect(t.host[host]!.containers.get(m)?.labels['rocketmq-rollout.revision'], m).toBe('r2');
        }
        // A container the dead run started and never saw pass is gated before it counts.
        if (point === 'gate')
          expect(gates.checked).toContain(`${victim.endsWith('-0') ? 'A' : 'B'}/${victim}`);
        // The plan after recovery is empty.
        const again = await run(target, { now: later });
        expect(again.noop).toBe(true);
      });
    }
  }
});

describe('after a kill: plan shows what is left, and an unhealthy leftover is replaced', () => {
  const master = `${C}-broker-a-0`;
  const target = () => renderCluster(withGroupConfig(spec, 'broker-a', { fileReservedTime: 96 }), 'r2');
  const later = () => new Date(Date.now() + 10 * 60_000);

  it('plan: the dead run, its step, the kept old container and the one never gated', async () => {
    await run(renderCluster(spec, 'r1'));
    t.lab.killAt = new RegExp(`"action":"gate","container":"${master}"`);
    await run(target());
    t.lab.killed = false;
    const text = formatLeftovers(await leftovers(hosts, C, DEFAULT_LOCK_SETTINGS, later));
    expect(text).toContain('Interrupted (the next deploy repairs this first):');
    expect(text).toMatch(
      new RegExp(
        `A: the run of tester \\(no run URL, revision r\\) did not finish at "gate" of ${master} \\(.*\\); ` +
          `old containers kept aside: ${master}-rollout-old; started but never gated: ${master}\n`,
      ),
    );
    expect(text).toMatch(/A: locked by tester .*: that run is dead; the next deploy takes its lock over/);
    expect(text).toMatch(
      new RegExp(
        `B: the run of tester .* did not finish at "gated-ok" of ${C}-broker-a-1 .*; old containers kept aside: ${C}-broker-a-1-rollout-old\n`,
      ),
    );
  });

  it('no lock left but an unfinished journal: a container never gated is gated, not called unchanged', async () => {
    await run(renderCluster(spec, 'r1'));
    t.lab.killAt = new RegExp(`"action":"gate","container":"${master}"`);
    await run(target());
    t.lab.killed = false;
    t.lab.killAt = undefined;
    for (const h of ['A', 'B'] as const)
      await t.host[h]!.exec(['rm', '-rf', `${stateDir(spec.dataRoot, C)}/lock`]);
    gates.checked.length = 0;
    const r = await run(target());
    expect(r.ok, JSON.stringify(r.failure)).toBe(true);
    expect(r.noop).toBe(false);
    expect(gates.checked).toContain(`A/${master}`);
    expect([...t.host.A!.containers.keys()].filter((n) => n.endsWith('-rollout-old'))).toEqual([]);
  });

  it('a container the dead run started for another spec is not judged by this one: the plan replaces it', async () => {
    await run(renderCluster(spec, 'r1'));
    t.lab.killAt = new RegExp(`"action":"gate","container":"${master}"`);
    await run(target());
    t.lab.killed = false;
    t.lab.killAt = undefined;
    const r3 = renderCluster(withGroupConfig(spec, 'broker-a', { fileReservedTime: 120 }), 'r3');
    const r = await run(r3, { now: () => new Date(Date.now() + 10 * 60_000) });
    expect(r.ok, JSON.stringify(r.failure)).toBe(true);
    expect(reporter.lines.filter((l) => l.code === 'repair')).toEqual([]);
    for (const m of [master, `${C}-broker-a-1`]) {
      const host = m === master ? 'A' : 'B';
      expect(t.host[host]!.containers.get(m)?.labels['rocketmq-rollout.revision'], m).toBe('r3');
      expect([...t.host[host]!.containers.keys()].filter((n) => n.endsWith('-rollout-old'))).toEqual([]);
    }
  });

  it('plan: files written but not used', async () => {
    await run(renderCluster(spec, 'r1'));
    t.lab.killAt = new RegExp(`"action":"write-files","container":"${master}"`);
    await run(target());
    t.lab.killed = false;
    const text = formatLeftovers(await leftovers(hosts, C, DEFAULT_LOCK_SETTINGS, later));
    expect(text).toContain(`files written but not used: ${master}`);
  });

  it('killed before the old container stopped: its own files are put back, and the plan says what really changes', async () => {
    await run(renderCluster(spec, 'r1'));
    const conf = `${spec.dataRoot}/${master}/conf/broker.conf`;
    const old = t.host.A!.file(conf);
    t.lab.killAt = new RegExp(`"action":"stop","container":"${master}"`);
    await run(target());
    t.lab.killed = false;
    t.lab.killAt = undefined;
    // The new files are on disk, the old container (kept aside, still running) never used them.
    expect(t.host.A!.file(conf)).not.toBe(old);
    const text = formatLeftovers(await leftovers(hosts, C, DEFAULT_LOCK_SETTINGS, later));
    expect(text).toContain(
      `files written but not used: ${master} (the next deploy puts back the files the old ${master} ran with)`,
    );
    const r = await run(target(), { now: later });
    expect(r.ok, JSON.stringify(r.failure)).toBe(true);
    expect(reporter.lines.map((l) => l.message)).toContainEqual(
      `repair: ${master}: the files the interrupted run wrote for its successor are put back as they were`,
    );
    // Planned from what runs: the real change, not "container definition changed".
    expect(
      reporter.lines.find((l) => l.code === 'step.replace' && l.message.startsWith(`replace ${master}`))
        ?.message,
    ).toMatch(/fileReservedTime: \d+ → 96/);
    expect(t.host.A!.containers.get(master)?.labels['rocketmq-rollout.revision']).toBe('r2');
  });

  it('a container started by the dead run that now fails its gate is removed, the old one restored, then replaced', async () => {
    await run(renderCluster(spec, 'r1'));
    t.lab.killAt = new RegExp(`"action":"gate","container":"${master}"`);
    await run(target());
    t.lab.killed = false;
    t.lab.killAt = undefined;
    gates.failing.set(master, 'registered');
    const r = await run(target(), { now: later });
    expect(r.ok, JSON.stringify(r.failure)).toBe(true);
    expect(reporter.lines.filter((l) => l.code === 'repair').map((l) => l.message)).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^repair: ${master} was started by the interrupted run and is not healthy \\(gate registered failed: .*\\): removed, its old container is back`,
        ),
      ),
    );
    expect(r.steps.map((s) => s.name)).toEqual([master]);
    expect(t.host.A!.containers.get(master)?.labels['rocketmq-rollout.revision']).toBe('r2');
    expect([...t.host.A!.containers.keys()].filter((n) => n.endsWith('-rollout-old'))).toEqual([]);
  });
});

describe('SSH lost mid-step', () => {
  const master = `${C}-broker-a-0`;
  const target = () => renderCluster(withGroupConfig(spec, 'broker-a', { fileReservedTime: 96 }), 'r2');

  it('a short loss during the gates: the same run reconnects and finishes the undo', async () => {
    await run(renderCluster(spec, 'r1'));
    gates.during.set(master, () => {
      gates.during.delete(master);
      t.lab.dropOnce.add('A');
      gates.failing.set(master, 'registered');
    });
    const r = await run(target());
    expect(r.ok).toBe(false);
    expect(r.failure).toMatchObject({ host: 'A', name: master, phase: 'step' });
    expect(r.failure?.restored).toBe(`old ${master} restored, started and healthy again`);
    expect(t.host.A!.containers.get(master)?.labels['rocketmq-rollout.revision']).toBe('r1');
    expect([...t.host.A!.containers.keys()].filter((n) => n.endsWith('-rollout-old'))).toEqual([]);
    expect(t.host.A!.dirs.has(`${stateDir(spec.dataRoot, C)}/lock`)).toBe(false);
  });

  it("a loss at the gate's journal line: the same run reconnects and undoes the step", async () => {
    await run(renderCluster(spec, 'r1'));
    // Host A's connection drops once, as the gate's line is written (that call fails, the next reconnects).
    const a = hosts.find((h) => h.name === 'A')!;
    const real = a.remote;
    let dropped = false;
    const remote: typeof real = Object.create(real) as typeof real;
    remote.exec = async (argv, options) => {
      if (!dropped && argv.some((x) => x.includes(`"action":"gate","container":"${master}"`))) {
        dropped = true;
        throw new RemoteError('A', 'SSH connection lost: Keepalive timeout', 'connect');
      }
      return real.exec(argv, options);
    };
    hosts = hosts.map((h) => (h.name === 'A' ? { ...h, remote } : h));
    const r = await run(target());
    expect(dropped).toBe(true);
    expect(r.ok).toBe(false);
    expect(r.failure).toMatchObject({ host: 'A', name: master, phase: 'step' });
    expect(r.failure?.restored).toBe(`old ${master} restored, started and healthy again`);
    expect(t.host.A!.containers.get(master)?.labels['rocketmq-rollout.revision']).toBe('r1');
    expect([...t.host.A!.containers.keys()].filter((n) => n.endsWith('-rollout-old'))).toEqual([]);
  });

  it('a host that stays away: the run stops, says what is left there, and the next run repairs it', async () => {
    await run(renderCluster(spec, 'r1'));
    gates.during.set(master, () => {
      gates.during.delete(master);
      t.lab.down.add('A');
      gates.failing.set(master, 'registered');
    });
    const r = await run(target());
    expect(r.ok).toBe(false);
    expect(r.failure).toMatchObject({ host: 'A', name: master, phase: 'step' });
    expect(r.failure?.restored).toMatch(
      new RegExp(
        `^NOT restored: the undo stopped \\(A: SSH connection lost: .*\\)\\. Left on A: the new ${master} \\(started, never gated; maybe removed\\), ` +
          `the old container as ${master}-rollout-old \\(stopped, or stopping\\), the new config files \\(maybe restored\\); ` +
          `the journal there records the step, and the next deploy repairs it$`,
      ),
    );
    t.lab.down.delete('A');
    const again = await run(target(), { now: () => new Date(Date.now() + 10 * 60_000) });
    expect(again.ok, JSON.stringify(again.failure)).toBe(true);
    expect(reporter.lines.find((l) => l.code === 'journal.interrupted' && l.host === 'A')?.message).toMatch(
      // The undo could not even be journaled there: the last line is the gate.
      new RegExp(`did not finish at "gate" of ${master} .*started but never gated: ${master}`),
    );
    expect(t.host.A!.containers.get(master)?.labels['rocketmq-rollout.revision']).toBe('r2');
    expect([...t.host.A!.containers.keys()].filter((n) => n.endsWith('-rollout-old'))).toEqual([]);
  });
});
