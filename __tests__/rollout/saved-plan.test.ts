import { beforeEach, describe, expect, it } from 'vitest';
import {
  makeSavedPlan,
  observationChanges,
  observationOf,
  parseSavedPlan,
  PLAN_FORMAT_VERSION,
} from '../../src/plan/plan-file.js';
import { buildPlan } from '../../src/plan/plan.js';
import { renderCluster, type RenderedCluster } from '../../src/render/render.js';
import { RecordingReporter } from '../support/reporter.js';
import { deploy, observeHost, type HostHandle } from '../../src/rollout/deploy.js';
import type { Spec } from '../../src/spec/schema.js';
import { loadExample } from '../render/helpers.js';
import { FakeGates } from '../support/fake-gates.js';
import { TestHosts } from '../support/lab.js';

const C = 'docker-mq-cluster';
let spec: Spec;
let t: TestHosts;
let hosts: HostHandle[];

beforeEach(() => {
  spec = loadExample('two-host-2m-2s-async.yml');
  t = new TestHosts(['A', 'B'], spec.dataRoot, C);
  hosts = t.handles;
});

const run = (cluster: RenderedCluster, extra: Partial<Parameters<typeof deploy>[0]> = {}) =>
  deploy({
    cluster,
    specText: 'spec',
    hosts,
    gates: new FakeGates(),
    reporter: new RecordingReporter(),
    owner: { owner: 'tester', revision: cluster.revision, pid: 1, since: '2026-12-01T00:00:00Z' },
    lock: { waitMs: 100, pollMs: 10 },
    ...extra,
  });

async function savedPlanOf(cluster: RenderedCluster) {
  const observed = await Promise.all(hosts.map((h) => observeHost(h, cluster)));
  return makeSavedPlan({
    specPath: 'cluster.yml',
    specText: 'the spec text',
    cluster,
    plan: buildPlan(cluster, observed),
    observed,
  });
}

describe('plan files', () => {
  it('round-trip; an edited, foreign or newer-format file is refused', async () => {
    const saved = await savedPlanOf(renderCluster(spec, 'r1'));
    const text = JSON.stringify(saved);
    expect(parseSavedPlan(text, 'p.json')).toEqual(saved);
    expect(saved.formatVersion).toBe(PLAN_FORMAT_VERSION);
    expect(saved.entries.filter((e) => e.action === 'create')).toHaveLength(7);
    const edited = JSON.stringify({ ...saved, specText: 'brokerDefaults: { deleteWhen: "01" }' });
    expect(() => parseSavedPlan(edited, 'p.json')).toThrow(/changed after it was made/);
    const tampered = JSON.stringify({ ...saved, entries: [] });
    expect(() => parseSavedPlan(tampered, 'p.json')).toThrow(/fingerprint does not match/);
    expect(() => parseSavedPlan(JSON.stringify({ ...saved, formatVersion: 2 }), 'p.json')).toThrow(
      /plan format 2; this rocketmq-rollout reads format 1/,
    );
    expect(() => parseSavedPlan('{"a":1}', 'p.json')).toThrow(/not a plan file/);
    expect(() => parseSavedPlan('nope', 'p.json')).toThrow(/not JSON/);
  });

  it('lists each difference between two observations', () => {
    const base = observationOf([
      {
        host: 'A',
        containers: [
          {
            id: 'aaaaaaaaaaaaaaaa',
            name: 'x',
            image: 'i:1',
            running: true,
            status: '',
            exitCode: 0,
            labels: {},
          },
          {
            id: 'bbbbbbbbbbbbbbbb',
            name: 'y',
            image: 'i:1',
            running: true,
            status: '',
            exitCode: 0,
            labels: {},
          },
        ],
        files: { '/d/x/conf/broker.conf': 'a=1\n', '/d/y/conf/broker.conf': undefined },
      },
    ]);
    const now = observationOf([
      {
        host: 'A',
        containers: [
          {
            id: 'aaaaaaaaaaaaaaaa',
            name: 'x',
            image: 'i:1',
            running: false,
            status: '',
            exitCode: 0,
            labels: {},
          },
          {
            id: 'cccccccccccccccc',
            name: 'z',
            image: 'i:1',
            running: true,
            status: '',
            exitCode: 0,
            labels: {},
          },
        ],
        files: { '/d/x/conf/broker.conf': 'a=2\n', '/d/y/conf/broker.conf': 'b=1\n' },
      },
    ]);
    expect(observationChanges(base, base)).toEqual([]);
    expect(observationChanges(base, now)).toEqual([
      'A: container x is stopped now',
      'A: container y was removed',
      'A: container z appeared',
      'A: /d/x/conf/broker.conf was edited since the plan',
      'A: /d/y/conf/broker.conf was created since the plan',
    ]);
  });
});

describe('deploy of a saved plan', () => {
  it('runs when the hosts are as the plan saw them', async () => {
    const cluster = renderCluster(spec, 'r1');
    const saved = await savedPlanOf(cluster);
    const r = await run(cluster, { expectObserved: saved.observed });
    expect(r.ok, JSON.stringify(r.failure)).toBe(true);
    const planned = saved.entries.filter((e) => e.action === 'create').map((e) => `${e.host}/${e.name}`);
    expect(r.steps.map((st) => `${st.host}/${st.name}`).sort()).toEqual(planned.sort());
  });

  it('refuses, listing the change, when a host was edited by hand since the plan; nothing is touched', async () => {
    await run(renderCluster(spec, 'r1'));
    const next = renderCluster(
      {
        ...spec,
        brokers: {
          ...spec.brokers,
          'broker-a': { ...spec.brokers['broker-a']!, config: { fileReservedTime: 96 } },
        },
      },
      'r2',
    );
    const saved = await savedPlanOf(next);
    expect(saved.entries.filter((e) => e.action === 'replace').map((e) => e.name)).toEqual([
      `${C}-broker-a-0`,
      `${C}-broker-a-1`,
    ]);
    // By hand on B: broker-b's master gets another broker.conf.
    const conf = `${spec.dataRoot}/${C}-broker-b-0/conf/broker.conf`;
    t.host.B!.putFile(conf, `${t.host.B!.file(conf) ?? ''}fileReservedTime=12\n`);
    const before = t.lab.mark();
    const writes = t.writes;
    const r = await run(next, { expectObserved: saved.observed });
    expect(r.ok).toBe(false);
    expect(r.failure?.phase).toBe('preflight');
    expect(r.failure?.host).toBe('B');
    expect(r.failure?.message).toContain(`B: ${conf} was edited since the plan`);
    expect(r.steps).toEqual([]);
    expect(t.steps(before)).toEqual([]);
    expect(t.writes).toBe(writes);
  });
});
