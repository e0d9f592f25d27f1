import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readSettings } from '../../src/action/inputs.js';
import { runCli } from '../../src/cli.js';
import { LABELS, renderCluster, type RenderedCluster } from '../../src/render/render.js';
import { deploy } from '../../src/rollout/deploy.js';
import { SpecSchema, type Spec } from '../../src/spec/schema.js';
import { loadExample } from '../render/helpers.js';
import { FakeGates } from '../support/fake-gates.js';
import { TestHosts } from '../support/lab.js';
import { RecordingReporter } from '../support/reporter.js';

/**
 * rollout.parallel over the in-memory hosts: the real engine, DockerClient and journal; the
 * group rule checked against the hosts' own container state before every command they receive.
 */
const C = 'docker-mq-cluster';
let spec: Spec;
let t: TestHosts;
let gates: FakeGates;
let reporter: RecordingReporter;

beforeEach(() => {
  spec = loadExample('two-host-2m-2s-async.yml');
  t = new TestHosts(['A', 'B'], spec.dataRoot, C);
  gates = new FakeGates();
  reporter = new RecordingReporter();
});

const run = (cluster: RenderedCluster, parallel: number) =>
  deploy({
    cluster,
    specText: cluster.revision,
    hosts: t.handles,
    gates,
    reporter,
    owner: { owner: 'tester', revision: cluster.revision, pid: 1, since: '2026-12-01T00:00:00Z' },
    lock: { waitMs: 100, pollMs: 10 },
    parallel,
  });

/** A parsed spec back as schema input (the defaults stay filled in: they parse the same). */
const toSpecInput = (s: Spec): Record<string, unknown> =>
  JSON.parse(JSON.stringify(s)) as Record<string, unknown>;

/** Every group and every container gets a change. */
const everything = (s: Spec): Spec => ({
  ...s,
  brokers: Object.fromEntries(
    Object.entries(s.brokers).map(([g, b]) => [g, { ...b, config: { ...b.config, fileReservedTime: 96 } }]),
  ),
  heap: { broker: '768m', nameServer: '384m', console: '384m' },
});

/** Before every command on any host: which members of each group run, across hosts. */
function watchGroups(): { worst: Map<string, number>; bothNameServersDown: boolean } {
  const seen = { worst: new Map<string, number>(), bothNameServersDown: false };
  const check = () => {
    const running = Object.values(t.host).flatMap((h) =>
      [...h.containers.values()].filter((c) => c.status === 'running'),
    );
    for (const g of Object.keys(spec.brokers)) {
      const up = running.filter((c) => c.labels[LABELS.group] === g).length;
      seen.worst.set(g, Math.min(seen.worst.get(g) ?? up, up));
    }
    if (!running.some((c) => c.labels[LABELS.kind] === 'nameServer')) seen.bothNameServersDown = true;
  };
  for (const h of Object.values(t.host))
    h.hooks.onExec = () => {
      check();
      return undefined;
    };
  return seen;
}

/** How many gate checks ran at once, at most. */
function countOverlap(): { most: number } {
  const seen = { most: 0 };
  let open = 0;
  const check = gates.check.bind(gates);
  gates.check = async (...args) => {
    open++;
    seen.most = Math.max(seen.most, open);
    try {
      return await check(...args);
    } finally {
      open--;
    }
  };
  return seen;
}

describe('parallel rollout', () => {
  it('parallel 2 over two groups: both slaves at once, then both masters; a member of every group always runs', async () => {
    expect((await run(renderCluster(spec, 'r1'), 1)).ok).toBe(true);
    gates.delayMs = 20;
    const overlap = countOverlap();
    const groups = watchGroups();
    const before = t.lab.mark();
    const r = await run(renderCluster(everything(spec), 'r2'), 2);
    expect(r.ok, JSON.stringify(r.failure)).toBe(true);
    expect(r.steps).toHaveLength(7);
    expect(overlap.most).toBe(2);
    expect(Object.fromEntries(groups.worst)).toEqual({ 'broker-a': 1, 'broker-b': 1 });
    expect(groups.bothNameServersDown).toBe(false);
    const runs = t.steps(before).filter((l) => l.includes('docker run'));
    // Name servers one after the other, the console last; slaves before masters per group.
    expect(runs.slice(0, 2)).toEqual([`A: docker run ${C}-namesrv`, `B: docker run ${C}-namesrv`]);
    expect(runs.at(-1)).toBe(`A: docker run ${C}-console`);
    for (const g of ['a', 'b'])
      expect(runs.indexOf(runs.find((l) => l.endsWith(`broker-${g}-1`))!)).toBeLessThan(
        runs.indexOf(runs.find((l) => l.endsWith(`broker-${g}-0`))!),
      );
    // Lines are not grouped per host while steps interleave; each names its host and container.
    expect(reporter.groups).toContain('Rolling 7 containers, up to 2 at once (never two of one group)');
    for (const l of reporter.lines.filter((x) => x.code?.startsWith('step.')))
      expect(l.host && new RegExp(`${C}-`).test(l.message), l.message).toBe(true);
  });

  it('parallel 1 keeps the one-at-a-time order and its groups per host', async () => {
    expect((await run(renderCluster(spec, 'r1'), 1)).ok).toBe(true);
    const overlap = countOverlap();
    const r = await run(renderCluster(everything(spec), 'r2'), 1);
    expect(r.ok).toBe(true);
    expect(overlap.most).toBe(1);
    expect(r.steps.map((s) => `${s.host}/${s.name}`)).toEqual([
      `A/${C}-namesrv`,
      `B/${C}-namesrv`,
      `A/${C}-broker-b-1`,
      `B/${C}-broker-a-1`,
      `A/${C}-broker-a-0`,
      `B/${C}-broker-b-0`,
      `A/${C}-console`,
    ]);
    expect(reporter.groups).toContain('Slaves on host A');
  });

  it('a failure stops new steps, the one in flight finishes, and every failure is reported', async () => {
    expect((await run(renderCluster(spec, 'r1'), 1)).ok).toBe(true);
    gates.failing.set(`${C}-broker-a-1`, 'registered');
    // broker-b's slave is still gating when broker-a's fails.
    const check = gates.check.bind(gates);
    gates.check = async (c, live, signal) => {
      if (c.name === `${C}-broker-b-1`) await new Promise((r) => setTimeout(r, 100));
      return check(c, live, signal);
    };
    const r = await run(renderCluster(everything(spec), 'r2'), 2);
    expect(r.ok).toBe(false);
    expect(r.failure).toMatchObject({ host: 'B', name: `${C}-broker-a-1`, phase: 'step' });
    expect(r.failures).toHaveLength(1);
    // broker-b's slave was in flight beside it: it finished. Nothing started once the undo began:
    // no master, no console was touched.
    expect(r.steps.map((s) => `${s.name}:${s.ok}`).sort()).toEqual(
      [`${C}-namesrv:true`, `${C}-namesrv:true`, `${C}-broker-b-1:true`, `${C}-broker-a-1:false`].sort(),
    );
    expect(t.host.B!.container(`${C}-broker-a-1`)?.labels[LABELS.revision]).toBe('r1');
    for (const m of [`${C}-broker-a-0`, `${C}-broker-b-0`]) {
      const host = m.endsWith('a-0') ? t.host.A! : t.host.B!;
      expect(host.container(m)?.labels[LABELS.revision], m).toBe('r1');
    }
  });

  it('two steps failing at once: both undone, both in the result', async () => {
    expect((await run(renderCluster(spec, 'r1'), 1)).ok).toBe(true);
    gates.delayMs = 20;
    gates.failing.set(`${C}-broker-a-1`, 'registered');
    gates.failing.set(`${C}-broker-b-1`, 'effective config');
    const r = await run(renderCluster(everything(spec), 'r2'), 2);
    expect(r.ok).toBe(false);
    expect(r.failures?.map((f) => `${f.host}/${f.name}: ${f.message}`).sort()).toEqual([
      `A/${C}-broker-b-1: gate effective config failed: effective config never passed`,
      `B/${C}-broker-a-1: gate registered failed: registered never passed`,
    ]);
    expect(r.failures?.every((f) => f.restored?.endsWith('restored, started and healthy again'))).toBe(true);
    expect(r.failure).toEqual(r.failures?.[0]);
    // Both undone: the next run replaces both, and no old copy is left.
    gates.delayMs = 0;
    const again = await run(renderCluster(everything(spec), 'r2'), 2);
    expect(again.ok, JSON.stringify(again.failure)).toBe(true);
    expect(t.host.A!.container(`${C}-broker-b-1`)?.labels[LABELS.revision]).toBe('r2');
    expect(t.host.B!.container(`${C}-broker-a-1`)?.labels[LABELS.revision]).toBe('r2');
    for (const h of Object.values(t.host))
      expect([...h.containers.keys()].filter((n) => n.endsWith('-rollout-old'))).toEqual([]);
  });
});

describe('parallel: spec, flag and action input', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('the spec defaults rollout.parallel to 1 and takes 1..64', () => {
    expect(SpecSchema.parse(toSpecInput(spec)).rollout.parallel).toBe(1);
    const withParallel = (n: unknown) =>
      SpecSchema.safeParse({ ...toSpecInput(spec), rollout: { parallel: n } }).success;
    expect([withParallel(4), withParallel(0), withParallel(1.5), withParallel(65)]).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });

  it('--parallel takes a whole number from 1 to 64; anything else is a usage error (exit 2)', async () => {
    for (const bad of ['0', 'two', '65']) {
      const stderr = new PassThrough();
      let err = '';
      stderr.on('data', (d: Buffer) => (err += d.toString()));
      const code = await runCli(['deploy', 'examples/single-node.yml', '--parallel', bad], {
        stdout: new PassThrough(),
        stderr,
      });
      expect(code, bad).toBe(2);
      expect(err).toContain(`--parallel must be a whole number from 1 to 64, got '${bad}'`);
    }
  });

  it('the action input parallel: a whole number, or empty for the spec', () => {
    const ssh = { INPUT_COMMAND: 'deploy', 'INPUT_SSH-KEY': 'KEY', 'INPUT_KNOWN-HOSTS': 'k' };
    for (const [k, v] of Object.entries(ssh)) vi.stubEnv(k, v);
    expect(readSettings().parallel).toBeUndefined();
    vi.stubEnv('INPUT_PARALLEL', '3');
    expect(readSettings().parallel).toBe(3);
    vi.stubEnv('INPUT_PARALLEL', '0');
    expect(() => readSettings()).toThrow(/Invalid parallel '0'/);
  });
});
