import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { UNREGISTER_BROKER } from '../../src/gates/remoting.js';
import { allContainers, renderCluster } from '../../src/render/render.js';
import { RecordingReporter } from '../support/reporter.js';
import { LiveGates } from '../../src/rollout/live-gates.js';
import { loadExample } from '../render/helpers.js';
import { clusterInfoBody, startFakeServer, type FakeServer } from '../gates/helpers.js';

/**
 * The stale-registration guard: after the old broker stopped, every name server that still lists
 * it is told to forget it (UNREGISTER_BROKER) and checked again, so the "registered" gate can only
 * pass for the new process.
 */
const servers: FakeServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

const cluster = renderCluster(loadExample('two-host-2m-2s-async.yml'), 'r1');
const master = allContainers(cluster).find((c) => c.kind === 'master' && c.group === 'broker-a')!;
const masterAddr = `${master.address}:${master.listenPort}`;
const running = new Set(allContainers(cluster).map((c) => `${c.name}@${c.host}`));

/** A name server that lists broker-a's master until told to forget it (if `obeys`). */
async function nameServer(obeys: boolean): Promise<FakeServer> {
  let listed = true;
  const s = await startFakeServer((req) => {
    if (req.code === UNREGISTER_BROKER) {
      if (obeys) listed = false;
      return {};
    }
    return {
      body: clusterInfoBody([
        {
          brokerName: 'broker-a',
          cluster: cluster.cluster,
          brokerAddrs: listed ? { 0: masterAddr, 1: '10.0.0.2:11911' } : { 1: '10.0.0.2:11911' },
        },
      ]),
    };
  });
  servers.push(s);
  return s;
}

function gatesThrough(
  route: (host: string, port: number) => FakeServer | undefined,
  reporter = new RecordingReporter(),
) {
  return new LiveGates({
    deadlineMs: 2000,
    reporter,
    // Every name server address of the spec leads to one of the fakes.
    dial: async (host, port) => {
      const s = route(host, port);
      if (!s) throw Object.assign(new Error('ECONNREFUSED'), { code: 'ECONNREFUSED' });
      return net.connect(s.port, '127.0.0.1');
    },
  });
}

describe('forgetStopped', () => {
  it('unregisters the old broker where it is still listed, then sees it gone', async () => {
    const ns = await nameServer(true);
    const reporter = new RecordingReporter();
    await gatesThrough(() => ns, reporter).forgetStopped(master, { cluster, running });
    const unregisters = ns.requests.filter((r) => r.code === UNREGISTER_BROKER);
    // Two name servers in the spec, both routed to this fake: the first forgets, the second sees it gone.
    expect(unregisters).toHaveLength(1);
    expect(unregisters[0]?.extFields).toEqual({
      clusterName: cluster.cluster,
      brokerName: 'broker-a',
      brokerAddr: masterAddr,
      brokerId: '0',
    });
    expect(reporter.lines.map((l) => l.message)).toContainEqual(
      expect.stringMatching(/stale registration of broker-a\/0 at .* removed/),
    );
  });

  it('fails when a name server keeps listing it', async () => {
    const ns = await nameServer(false);
    await expect(gatesThrough(() => ns).forgetStopped(master, { cluster, running })).rejects.toThrow(
      /still lists broker-a\/0 at .* after 3 UNREGISTER_BROKER/,
    );
    expect(ns.requests.filter((r) => r.code === UNREGISTER_BROKER)).toHaveLength(3);
  });

  it('skips a name server that does not answer, with a warning', async () => {
    const reporter = new RecordingReporter();
    await gatesThrough(() => undefined, reporter).forgetStopped(master, { cluster, running });
    expect(reporter.lines.filter((l) => l.level === 'warning')).toHaveLength(2);
  });
});
