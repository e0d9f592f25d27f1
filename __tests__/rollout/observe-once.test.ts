import { beforeEach, describe, expect, it } from 'vitest';
import { containerFilePaths } from '../../src/plan/plan.js';
import { DockerClient } from '../../src/remote/docker.js';
import { MemoryRemote } from '../../src/remote/memory.js';
import { renderCluster, type RenderedCluster } from '../../src/render/render.js';
import { RecordingReporter } from '../../src/report/reporter.js';
import { deploy, observeHost, type HostHandle } from '../../src/rollout/deploy.js';
import { HostState, stateDir } from '../../src/rollout/host-state.js';
import { dockerOnHost } from '../../src/rollout/host-docker.js';
import type { Spec } from '../../src/spec/schema.js';
import { loadExample } from '../render/helpers.js';
import { FakeDocker, FakeGates, FakeHostFs, Journal } from './fakes.js';

const C = 'docker-mq-cluster';
let spec: Spec;
let journal: Journal;
let fs: Record<string, FakeHostFs>;
let hosts: HostHandle[];
let reporter: RecordingReporter;

beforeEach(() => {
  spec = loadExample('two-host-2m-2s-async.yml');
  journal = new Journal();
  fs = { A: new FakeHostFs('A', journal), B: new FakeHostFs('B', journal) };
  reporter = new RecordingReporter();
  hosts = (['A', 'B'] as const).map((name) => ({
    name,
    remote: fs[name]!,
    docker: new FakeDocker(name, journal),
    state: new HostState(fs[name]!, stateDir(spec.dataRoot, C)),
  }));
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
    const remote = new MemoryRemote('A', { files: { '/nowhere/x': 'x' } });
    const host: HostHandle = {
      name: 'A',
      remote,
      docker: dockerOnHost(new DockerClient(remote)),
      state: new HostState(remote, stateDir(spec.dataRoot, C)),
    };
    const desired = cluster.hosts.find((h) => h.name === 'A')!.containers;
    const broker = desired.find((c) => c.kind === 'master')!;
    const conf = containerFilePaths(broker)[0]!;
    remote.files.set(conf, { content: 'brokerName=broker-a\n', mode: 0o644 });
    const o = await observeHost(host, cluster);
    expect(remote.executed).toHaveLength(1);
    expect(remote.executed[0]!.argv.slice(0, 2)).toEqual(['sh', '-c']);
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
    const conf = [...fs.A!.files.keys()].find((p) => p.endsWith(`${C}-broker-a-0/conf/broker.conf`))!;
    const before = journal.lines.length;
    // checkHost runs after the plan and before the locks: the "other run" edits a file there.
    const r = await run(target, {
      checkHost: async (h) => {
        if (h.name === 'A') fs.A!.files.set(conf, `${fs.A!.files.get(conf)}# edited by hand\n`);
      },
    });
    expect(r.ok).toBe(false);
    expect(r.failure?.message).toMatch(/the hosts changed between the plan and taking the lock/);
    expect(r.failure?.message).toContain(`A: ${conf} was edited since the plan`);
    expect(journal.lines.slice(before).filter((l) => /docker (run|stop|rename|rm|exec)/.test(l))).toEqual([]);
    expect(fs.A!.dirs.has(`${stateDir(spec.dataRoot, C)}/lock`)).toBe(false);
    expect(reporter.lines.some((l) => l.code === 'plan.moved')).toBe(true);
  });

  it('a container that only stopped in between is no reason to stop: the plan under the lock replaces it', async () => {
    await run(renderCluster(spec, 'r1'));
    const docker = hosts[0]!.docker as FakeDocker;
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
        Object.assign(c, { running: false, status: 'exited', exitCode: 1 });
      },
    });
    expect(r.ok, JSON.stringify(r.failure)).toBe(true);
    expect(r.steps.map((s) => s.name)).toContain(name);
    expect(docker.containers.get(name)?.running).toBe(true);
  });
});
