import { beforeEach, describe, expect, it } from 'vitest';
import { renderCluster } from '../../src/render/render.js';
import { RecordingReporter } from '../support/reporter.js';
import { deploy, type HostHandle } from '../../src/rollout/deploy.js';
import type { LockOwner } from '../../src/rollout/host-state.js';
import { describeStop, stopContainer } from '../../src/rollout/stop.js';
import type { Spec } from '../../src/spec/schema.js';
import { loadExample } from '../render/helpers.js';
import { FakeGates } from '../support/fake-gates.js';
import { TestHosts } from '../support/lab.js';
import { MemoryHost } from '../support/memory-host.js';
import { DockerClient } from '../../src/remote/docker.js';
import { dockerOnHost } from '../../src/rollout/host-docker.js';

const C = 'docker-mq-cluster';
let spec: Spec;
let t: TestHosts;
let hosts: HostHandle[];
let reporter: RecordingReporter;
const owner = (): LockOwner => ({ owner: 'tester', revision: 'r', pid: 1, since: '2026-11-25T00:00:00Z' });

beforeEach(() => {
  spec = loadExample('two-host-2m-2s-async.yml');
  t = new TestHosts(['A', 'B'], spec.dataRoot, C);
  reporter = new RecordingReporter();
  hosts = t.handles;
});

async function roll(s: Spec, revision: string, gates = new FakeGates()) {
  return deploy({
    cluster: renderCluster(s, revision),
    specText: revision,
    hosts,
    gates,
    reporter,
    owner: owner(),
  });
}

/** Every container changes: a new heap for all of them. */
function everything(s: Spec): Spec {
  return { ...s, heap: { broker: '768m', nameServer: '384m', console: '384m' } };
}

describe('clean stops', () => {
  it('stops name servers and brokers with mqshutdown, the console with docker stop; exit codes recorded', async () => {
    expect((await roll(spec, 'r1')).ok).toBe(true);
    const before = t.lab.mark();
    const r = await roll(everything(spec), 'r2');
    expect(r.ok, JSON.stringify(r.failure)).toBe(true);
    const byName = Object.fromEntries(r.steps.map((s) => [`${s.host}/${s.name}`, s.stop]));
    expect(byName[`A/${C}-namesrv`]).toMatchObject({
      container: `${C}-namesrv-rollout-old`,
      method: 'mqshutdown',
      exitCode: 143,
      killed: false,
    });
    expect(byName[`B/${C}-broker-b-0`]).toMatchObject({ method: 'mqshutdown', exitCode: 143, killed: false });
    expect(byName[`A/${C}-console`]).toMatchObject({ method: 'docker stop', exitCode: 143, killed: false });
    expect(r.steps.every((s) => s.stop && !s.stop.killed)).toBe(true);
    // One command per clean stop (mqshutdown, then docker stop -t 60); the console's is docker stop.
    const stops = t.lines(before).filter((l) => /<shutdown-then-stop>|docker stop/.test(l));
    const clean = (h: string, name: string, server: string) =>
      `${h}: sh -c <shutdown-then-stop> rocketmq-rollout-stop ${C}-${name}-rollout-old ${server} 60`;
    expect(stops).toEqual([
      clean('A', 'namesrv', 'namesrv'),
      clean('B', 'namesrv', 'namesrv'),
      clean('A', 'broker-b-1', 'broker'),
      clean('B', 'broker-a-1', 'broker'),
      clean('A', 'broker-a-0', 'broker'),
      clean('B', 'broker-b-0', 'broker'),
      `A: docker stop -t 60 ${C}-console-rollout-old`,
    ]);
    expect(reporter.lines.filter((l) => l.level === 'warning')).toEqual([]);
    expect(reporter.lines.find((l) => l.code === 'step.stop')?.message).toMatch(
      new RegExp(`^${C}-namesrv-rollout-old stopped with mqshutdown in \\d+\\.\\ds \\(exit 143\\)$`),
    );
  });

  it("holds connections to a broker's old ports while it stops, closed once it has stopped", async () => {
    expect((await roll(spec, 'r1')).ok).toBe(true);
    const before = t.lab.mark();
    const stopsSoFar = () => t.lines(before).filter((l) => l.includes('<shutdown-then-stop>')).length;
    const events: string[] = [];
    const gates = new FakeGates();
    gates.holdDuringStop = async (old) => {
      events.push(`hold ${old.host}/${old.name}:${old.listenPort} after ${stopsSoFar()} stops`);
      return () => events.push(`release ${old.name} after ${stopsSoFar()} stops`);
    };
    // broker-a's slave moves to another port: the hold must reach the one its old process holds.
    const moved: Spec = {
      ...everything(spec),
      brokers: {
        ...spec.brokers,
        'broker-a': { ...spec.brokers['broker-a']!, slaves: [{ host: 'B', listenPort: 12911 }] },
      },
    };
    const r = await roll(moved, 'r2', gates);
    expect(r.ok, JSON.stringify(r.failure)).toBe(true);
    // Every stop asks; the gates decide what to hold (LiveGates: brokers only).
    expect(events).toEqual([
      `hold A/${C}-namesrv:undefined after 0 stops`,
      `release ${C}-namesrv after 1 stops`,
      `hold B/${C}-namesrv:undefined after 1 stops`,
      `release ${C}-namesrv after 2 stops`,
      `hold A/${C}-broker-b-1:11911 after 2 stops`,
      `release ${C}-broker-b-1 after 3 stops`,
      `hold B/${C}-broker-a-1:11911 after 3 stops`,
      `release ${C}-broker-a-1 after 4 stops`,
      `hold A/${C}-broker-a-0:10911 after 4 stops`,
      `release ${C}-broker-a-0 after 5 stops`,
      `hold B/${C}-broker-b-0:10911 after 5 stops`,
      `release ${C}-broker-b-0 after 6 stops`,
      `hold A/${C}-console:undefined after 6 stops`,
      `release ${C}-console after 6 stops`,
    ]);
  });

  it('warns when a broker is SIGKILLed, saying what that means, and records exit 137', async () => {
    expect((await roll(spec, 'r1')).ok).toBe(true);
    t.hangOnStop.add(`${C}-broker-a-0-rollout-old`);
    const r = await roll(everything(spec), 'r2');
    expect(r.ok).toBe(true);
    const step = r.steps.find((s) => s.name === `${C}-broker-a-0`);
    expect(step?.stop).toMatchObject({ method: 'mqshutdown', exitCode: 137, killed: true });
    const warning = reporter.lines.find((l) => l.code === 'step.stop.killed');
    expect(warning).toMatchObject({ level: 'warning', host: 'A' });
    expect(warning?.message).toContain('SIGKILLed after the 60s stop timeout');
    expect(warning?.message).toContain('recovery pass on the next start');
  });

  it('falls back to docker stop when mqshutdown fails, and says so', async () => {
    expect((await roll(spec, 'r1')).ok).toBe(true);
    t.noShutdown.add(`${C}-broker-a-1-rollout-old`);
    const r = await roll(everything(spec), 'r2');
    const step = r.steps.find((s) => s.name === `${C}-broker-a-1`);
    // An image whose PID 1 is sh: the bare docker stop ends in SIGKILL.
    expect(step?.stop).toMatchObject({
      method: 'docker stop',
      exitCode: 137,
      killed: true,
      detail: 'mqshutdown exited 1: No broker running.',
    });
    expect(reporter.lines.find((l) => l.code === 'step.stop.killed')?.message).toContain(
      'mqshutdown exited 1: No broker running., so it fell back to docker stop',
    );
  });
});

describe('stopContainer and describeStop', () => {
  it('reads the exit code after the stop; -1 when the container is gone', async () => {
    const noShutdown = new Set<string>();
    const host = new MemoryHost('A', { images: ['img'], hooks: { noShutdown: (n) => noShutdown.has(n) } });
    const d = dockerOnHost(new DockerClient(host));
    await d.run(['run', '-d', '--name', 'x', '--label', 'rocketmq-rollout.kind=master', 'img']);
    await expect(stopContainer(d, 'x', 'master', 30)).resolves.toMatchObject({
      exitCode: 143,
      killed: false,
    });
    await d.remove('x');
    noShutdown.add('y');
    await d.run(['run', '-d', '--name', 'y', '--label', 'rocketmq-rollout.kind=nameServer', 'img']);
    const s = await stopContainer(d, 'y', 'nameServer', 30);
    expect(s).toMatchObject({ method: 'docker stop', exitCode: 137, killed: true });
  });

  it.each([
    [
      { container: 'c', method: 'mqshutdown' as const, exitCode: 143, killed: false, ms: 2100 },
      false,
      'c stopped with mqshutdown in 2.1s (exit 143)',
    ],
    [
      {
        container: 'c',
        method: 'docker stop' as const,
        exitCode: 0,
        killed: false,
        ms: 900,
        detail: 'mqshutdown exited 2: usage',
      },
      true,
      'c stopped with docker stop in 0.9s (exit 0); mqshutdown exited 2: usage, so it fell back to docker stop',
    ],
  ])('describes %o', (s, warn, text) => {
    expect(describeStop(s, 60)).toEqual({ warn, text });
  });
});

describe('a container its restart policy brought back', () => {
  it('is stopped once more, cleanly (a bare docker stop of the official image ends in SIGKILL)', async () => {
    const calls: string[] = [];
    let restarted = true;
    const docker = {
      stopServer: async () => {
        calls.push('mqshutdown+stop');
        // The first time, the engine started the old server again after its JVM exited.
        if (calls.length > 1) restarted = false;
        return { shutdownCode: 0, output: '' };
      },
      stop: async () => {
        calls.push('stop');
        restarted = false;
      },
      inspect: async () => ({
        running: restarted,
        exitCode: restarted ? 0 : 143,
        status: restarted ? 'running' : 'exited',
      }),
    } as unknown as Parameters<typeof stopContainer>[0];
    const r = await stopContainer(docker, 'x-rollout-old', 'master', 60);
    expect(calls).toEqual(['mqshutdown+stop', 'mqshutdown+stop']);
    expect(r).toMatchObject({ method: 'mqshutdown', exitCode: 143, killed: false });
  });

  it('a console brought back is stopped once more with docker stop', async () => {
    const calls: string[] = [];
    let running = true;
    const docker = {
      stop: async () => {
        calls.push('stop');
        if (calls.length > 1) running = false;
      },
      inspect: async () => ({ running, exitCode: running ? 0 : 143, status: running ? 'running' : 'exited' }),
    } as unknown as Parameters<typeof stopContainer>[0];
    await stopContainer(docker, 'console-rollout-old', 'console', 60);
    expect(calls).toEqual(['stop', 'stop']);
  });
});
