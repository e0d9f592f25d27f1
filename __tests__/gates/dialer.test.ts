import net from 'node:net';
import type { Duplex } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { directDialer, routedDialer, type Dialer } from '../../src/gates/dialer.js';
import { brokerRegisteredGate, consoleGate, runGate, tcpGate } from '../../src/gates/gates.js';
import { fetchClusterInfo } from '../../src/gates/remoting.js';
import { closedPort, startFakeConsole, startFakeNameServer, type Registration } from './helpers.js';

/**
 * Every gate reaches its target through the dialer it is given: a probe asks the dialer, never
 * the network itself, so over SSH the runner needs no path to the RocketMQ ports.
 */
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

const quick = { deadlineMs: 3000, consecutive: 2, initialIntervalMs: 10, maxIntervalMs: 50 };
const brokerA: Registration = {
  brokerName: 'broker-a',
  cluster: 'c',
  brokerAddrs: { 0: '10.9.9.1:10911' },
};

/** A dialer that reaches `real` whatever it is asked for, and records what it was asked. */
function redirecting(real: number): { dial: Dialer; asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    dial: (host, port, signal) => {
      asked.push(`${host}:${port}`);
      return directDialer('127.0.0.1', real, signal);
    },
  };
}

describe('gates over a dialer', () => {
  it('the port gate opens its connection through the dialer, to the address as given', async () => {
    const listener = net.createServer((s) => s.destroy());
    await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise((r) => listener.close(() => r())));
    const { dial, asked } = redirecting((listener.address() as net.AddressInfo).port);
    // 10.9.9.1 is not reachable from here: only the dialer can make this pass.
    const outcome = await runGate(tcpGate('10.9.9.1', 9876, { dial }), quick);
    expect(outcome.ok).toBe(true);
    expect(asked).toEqual(['10.9.9.1:9876', '10.9.9.1:9876']);
  });

  it('a refusal the dialer reports reads as a refused port', async () => {
    const port = await closedPort();
    const { dial } = redirecting(port);
    expect(await tcpGate('10.9.9.1', 9876, { dial }).probe()).toEqual({
      ok: false,
      message: '10.9.9.1:9876: ECONNREFUSED',
    });
  });

  it('a dialer that never answers fails the probe at its timeout', async () => {
    const hang: Dialer = () => new Promise<Duplex>(() => undefined);
    const started = performance.now();
    const result = await tcpGate('10.9.9.1', 9876, { dial: hang, timeoutMs: 100 }).probe();
    expect(result.message).toBe('10.9.9.1:9876: connect did not complete within 100 ms');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('dials that stall for a while (a channel that never opens) cost a bounded wait each, then the gate passes', async () => {
    const real = await startFakeNameServer([brokerA]);
    cleanups.push(real.close);
    const port = Number(real.addr.split(':')[1]);
    let stalls = 2;
    const abandoned: boolean[] = [];
    const dial: Dialer = (host, p, signal) => {
      if (stalls-- > 0) {
        const stalled = abandoned.push(false) - 1;
        return new Promise<Duplex>(() => {
          signal?.addEventListener('abort', () => (abandoned[stalled] = true), { once: true });
        });
      }
      return directDialer('127.0.0.1', port, signal);
    };
    const gate = brokerRegisteredGate(
      ['10.9.9.1:9876'],
      { cluster: 'c', brokerName: 'broker-a', brokerId: 0, addr: '10.9.9.1:10911' },
      { dial, timeoutMs: 150 },
    );
    const outcome = await runGate(gate, { ...quick, consecutive: 3 });
    expect(outcome.ok).toBe(true);
    // Two probes failed on the stalled dials, each given up at its own timeout; three in a row passed.
    expect(outcome.attempts).toBe(5);
    expect(abandoned).toEqual([true, true]);
  });

  it('remoting calls go through the dialer (name server on 10.9.9.1 answered from here)', async () => {
    const ns = await startFakeNameServer([brokerA]);
    cleanups.push(() => ns.close());
    const { dial, asked } = redirecting(Number(ns.addr.split(':')[1]));
    const info = await fetchClusterInfo('10.9.9.1:9876', { dial });
    expect(Object.keys(info.brokerAddrTable)).toEqual(['broker-a']);
    const gate = brokerRegisteredGate(
      ['10.9.9.1:9876', '10.9.9.2:9876'],
      { cluster: 'c', brokerName: 'broker-a', brokerId: 0, addr: '10.9.9.1:10911' },
      { dial },
    );
    expect((await gate.probe()).ok).toBe(true);
    expect(asked.sort()).toEqual(['10.9.9.1:9876', '10.9.9.1:9876', '10.9.9.2:9876']);
  });

  it('a dial that fails is a connect failure of the call', async () => {
    const refuse: Dialer = () => Promise.reject(Object.assign(new Error('nope'), { code: 'ECONNREFUSED' }));
    await expect(fetchClusterInfo('10.9.9.1:9876', { dial: refuse })).rejects.toMatchObject({
      kind: 'connect',
      message: '10.9.9.1:9876: cannot connect: ECONNREFUSED',
    });
  });

  it('the console gate speaks HTTP over the dialled stream', async () => {
    const body = JSON.stringify({
      status: 0,
      data: { clusterInfo: { brokerAddrTable: { 'broker-a': { brokerAddrs: { '0': '10.9.9.1:10911' } } } } },
    });
    const c = await startFakeConsole(() => ({ status: 200, body }));
    cleanups.push(() => c.close());
    const { dial, asked } = redirecting(Number(new URL(c.url).port));
    const result = await consoleGate('http://10.9.9.1:8080', [{ brokerName: 'broker-a', brokerId: 0 }], {
      dial,
    }).probe();
    expect(result).toMatchObject({
      ok: true,
      message: 'console http://10.9.9.1:8080 lists all 1 expected broker(s)',
    });
    expect(asked).toEqual(['10.9.9.1:8080']);
  });
});

describe('routedDialer', () => {
  it('dials each address through the dialer of the host that owns it', async () => {
    const used: string[] = [];
    const via =
      (name: string): Dialer =>
      (host, port) => {
        used.push(`${name}->${host}:${port}`);
        return Promise.reject(new Error('test'));
      };
    const dial = routedDialer(
      new Map([
        ['10.0.0.1', via('A')],
        ['10.0.0.2', via('B')],
      ]),
    );
    await dial('10.0.0.2', 10911).catch(() => undefined);
    await dial('10.0.0.1', 9876).catch(() => undefined);
    expect(used).toEqual(['B->10.0.0.2:10911', 'A->10.0.0.1:9876']);
    await expect(dial('10.0.0.3', 9876)).rejects.toThrow(/no host of the spec has address 10\.0\.0\.3/);
  });
});
