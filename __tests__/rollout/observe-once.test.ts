import { beforeEach, describe, expect, it } from 'vitest';
import { containerFilePaths } from '../../src/plan/plan.js';
import { OBSERVE_SCRIPT } from '../../src/remote/observe.js';
import { renderCluster, type RenderedCluster } from '../../src/render/render.js';
import { RecordingReporter } from '../support/reporter.js';
import { deploy, observeHost, type HostHandle } from '../../src/rollout/deploy.js';
import { stateDir } from '../../src/rollout/host-state.js';
import type { Spec } from '../../src/spec/schema.js';
import { loadExample } from '../render/helpers.js';
import { FakeGates } from '../support/fake-gates.js';
import { TestHosts } from '../support/lab.js';
import { MemoryHost, memoryHandle } from '../support/memory-host.js';

const C = 'docker-mq-cluster';
let spec: Spec;
let t: TestHosts;
let hosts: HostHandle[];
let reporter: RecordingReporter;

beforeEach(() => {
  spec = loadExample('two-host-2m-2s-async.yml');
  t = new TestHosts(['A', 'B'], spec.dataRoot, C);
  reporter = new RecordingReporter();
  hosts = t.handles;
});

const run = (cluster: RenderedCluster, extra: Partial<Parameters<typeof deploy>[0]> = {}) =>
  deploy({
    cluster,
    specText: 'spec',
    hosts,
    gates: new FakeGates(),
    reporter,
    owner: { owner: 'tester', revision: cluster.revision, pid: 1, since: '2026-12-01T00:00:00Z' },
    lock: { waitMs: 100, pollMs: 10 },
    ...extra,
  });

describe('the plan reads each host once', () => {
  it('one host command for every container and file, where the docker port can', async () => {
    const cluster = renderCluster(spec, 'r1');
    const remote = new MemoryHost('A', { files: { '/nowhere/x': 'x' } });
    const host = memoryHandle(remote, spec.dataRoot, C);
    const desired = cluster.hosts.find((h) => h.name === 'A')!.containers;
    const broker = desired.find((c) => c.kind === 'master')!;
    const conf = containerFilePaths(broker)[0]!;
    remote.putFile(conf, 'brokerName=broker-a\n');
    const o = await observeHost(host, cluster);
    expect(remote.executed).toHaveLength(1);
    expect(remote.executed[0]!.argv.slice(0, 6)).toEqual([
      'sh',
      '-c',
      OBSERVE_SCRIPT,
      'rocketmq-rollout-observe',
      '0',
      `label=rocketmq-rollout.cluster=${C}`,
    ]);
    expect(Object.keys(o.files)).toEqual(desired.flatMap((c) => containerFilePaths(c)));
    expect(o.files[conf]).toBe('brokerName=broker-a\n');
    expect(o.containers).toEqual([]);
  });

  it('stops, touching nothing, when another run changed a host between the plan and the lock', async () => {
    const first = await run(renderCluster(spec, 'r1'));
    expect(first.ok, JSON.stringify(first.failure)).toBe(true);
    const target = renderCluster(
      {
        ...spec,
        brokers: {
          ...spec.brokers,
          'broker-a': { ...spec.brokers['broker-a']!, config: { fileReservedTime: 96 } },
        },
      },
      'r2',
    );
    const conf = [...t.host.A!.files.keys()].find((p) => p.endsWith(`${C}-broker-a-0/conf/broker.conf`))!;
    const before = t.lab.mark();
    // checkHost runs after the plan and before the locks: the "other run" edits a file there.
    const r = await run(target, {
      checkHost: async (h) => {
        if (h.name === 'A') t.host.A!.putFile(conf, `${t.host.A!.file(conf)}# edited by hand\n`);
      },
    });
    expect(r.ok).toBe(false);
    expect(r.failure?.message).toMatch(/the hosts changed between the plan and taking the lock/);
    expect(r.failure?.message).toContain(`A: ${conf} was edited since the plan`);
    expect(t.steps(before)).toEqual([]);
    expect(t.host.A!.dirs.has(`${stateDir(spec.dataRoot, C)}/lock`)).toBe(false);
    expect(reporter.lines.some((l) => l.code === 'plan.moved')).toBe(true);
  });

  it('a container that only stopped in between is no reason to stop: the plan under the lock replaces it', async () => {
    await run(renderCluster(spec, 'r1'));
    const docker = t.host.A!;
    const name = `${C}-broker-a-0`;
    // A change elsewhere (broker-b) takes the run down the path with the lock.
    const target = renderCluster(
      {
        ...spec,
        brokers: {
          ...spec.brokers,
          'broker-b': { ...spec.brokers['broker-b']!, config: { fileReservedTime: 96 } },
        },
      },
      'r2',
    );
    const r = await run(target, {
      checkHost: async (h) => {
        if (h.name !== 'A') return;
        const c = docker.containers.get(name)!;
        Object.assign(c, { status: 'exited', exitCode: 1 });
      },
    });
    expect(r.ok, JSON.stringify(r.failure)).toBe(true);
    expect(r.steps.map((s) => s.name)).toContain(name);
    expect(docker.containers.get(name)?.status).toBe('running');
  });
});
