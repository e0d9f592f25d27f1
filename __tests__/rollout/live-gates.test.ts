import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { allContainers, renderCluster, type RenderedContainer } from '../../src/render/render.js';
import { LiveGates } from '../../src/rollout/live-gates.js';
import { loadExample } from '../render/helpers.js';
import { RecordingReporter } from '../support/reporter.js';

/**
 * The gates of one container run together where they need nothing but the container itself: a
 * step waits for the slowest of them, not for their sum.
 */
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

const cluster = renderCluster(loadExample('two-host-2m-2s-async.yml'), 'r1');
const found = allContainers(cluster).find((c) => c.kind === 'master' && c.group === 'broker-a');
if (!found) throw new Error('the example has no broker-a master');
// Only its ports: no name server runs in this view and the config gate is left out.
const { brokerConfig: _brokerConfig, ...master }: RenderedContainer = found;
const live = { cluster, running: new Set<string>() };

async function listener(): Promise<number> {
  const server = net.createServer((s) => s.destroy());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise((r) => server.close(() => r())));
  return (server.address() as net.AddressInfo).port;
}

const refused = () => Object.assign(new Error('ECONNREFUSED'), { code: 'ECONNREFUSED' });

describe('LiveGates.check', () => {
  it('probes all ports of a container at once: each opens only once every other one was probed', async () => {
    const port = await listener();
    const dialed = new Set<number>();
    const gates = new LiveGates({
      deadlineMs: 2000,
      reporter: new RecordingReporter(),
      // A barrier: run one after another, the first port gate would never see the others dial.
      dial: async (_host, p) => {
        dialed.add(p);
        if (!master.ports.every((q) => dialed.has(q))) throw refused();
        return net.connect(port, '127.0.0.1');
      },
    });
    const results = await gates.check(master, live, new AbortController().signal);
    expect(master.ports).toHaveLength(3);
    expect(results.map((r) => [r.gate, r.ok])).toEqual(master.ports.map((p) => [`port ${p}`, true]));
    for (const r of results) expect(r.at).toEqual(expect.any(Number));
  });

  it('reports every gate of a wave, in plan order, the failing one with its reason', async () => {
    const port = await listener();
    const [never] = master.ports;
    const gates = new LiveGates({
      deadlineMs: 1500,
      reporter: new RecordingReporter(),
      dial: async (_host, p) => {
        if (p === never) throw refused();
        return net.connect(port, '127.0.0.1');
      },
    });
    const results = await gates.check(master, live, new AbortController().signal);
    expect(results.map((r) => [r.gate, r.ok])).toEqual(master.ports.map((p) => [`port ${p}`, p !== never]));
    expect(results[0]?.detail).toMatch(/ECONNREFUSED/);
  });

  it('a failure keeps the gates that build on it from running', async () => {
    const console = allContainers(cluster).find((c) => c.kind === 'console');
    if (!console) throw new Error('the example has no console');
    const dialed: number[] = [];
    const gates = new LiveGates({
      deadlineMs: 500,
      reporter: new RecordingReporter(),
      dial: async (_host, p) => {
        dialed.push(p);
        throw refused();
      },
    });
    expect(gates.plan(console, live).map((g) => g.name)).toEqual([`port ${console.ports[0]}`, 'console']);
    const results = await gates.check(console, live, new AbortController().signal);
    expect(results.map((r) => [r.gate, r.ok])).toEqual([[`port ${console.ports[0]}`, false]]);
  });
});

describe('LiveGates.holdDuringStop', () => {
  /** A server that keeps what connects, and says when each one closes. */
  async function keeper() {
    const open = new Set<net.Socket>();
    let closed = 0;
    const server = net.createServer((s) => {
      open.add(s);
      s.on('close', () => {
        open.delete(s);
        closed++;
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanups.push(
      () =>
        new Promise((r) => {
          for (const s of open) s.destroy();
          server.close(() => r());
        }),
    );
    return { port: (server.address() as net.AddressInfo).port, open, closed: () => closed };
  }

  async function until(what: () => boolean): Promise<void> {
    for (const deadline = Date.now() + 2000; !what();) {
      if (Date.now() > deadline) throw new Error('not in 2 s');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Gates whose every dial reaches `k`, except to the ports in `refusing`; each dial recorded. */
  function gatesTo(k: { port: number }, refusing: number[] = []) {
    const dialed: number[] = [];
    const gates = new LiveGates({
      deadlineMs: 2000,
      reporter: new RecordingReporter(),
      dial: async (_host, port) => {
        dialed.push(port);
        if (refusing.includes(port)) throw refused();
        return net.connect(k.port, '127.0.0.1');
      },
    });
    return { gates, dialed };
  }

  it("keeps idle connections to a broker's listen and fast port until released", async () => {
    const k = await keeper();
    const { gates, dialed } = gatesTo(k);
    const release = await gates.holdDuringStop(master);
    const fast = master.listenPort! - 2;
    expect(dialed.sort()).toEqual([fast, fast, fast, fast, ...Array<number>(4).fill(master.listenPort!)]);
    await until(() => k.open.size === 8);
    release();
    await until(() => k.closed() === 8);
  });

  it('never rejects: a refused port is left alone, and a name server or console is not dialed', async () => {
    const k = await keeper();
    const { gates, dialed } = gatesTo(k, [master.listenPort!]);
    const release = await gates.holdDuringStop(master);
    await until(() => k.open.size === 4);
    release();
    await until(() => k.closed() === 4);
    dialed.length = 0;
    for (const kind of ['nameServer', 'console'] as const) {
      const other = allContainers(cluster).find((c) => c.kind === kind)!;
      (await gates.holdDuringStop(other))();
    }
    expect(dialed).toEqual([]);
  });
});
