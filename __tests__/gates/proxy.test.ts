import { afterEach, describe, expect, it } from 'vitest';
import { proxyRouteGate, proxyRouteProblem } from '../../src/gates/proxy.js';
import { startFakeServer, type FakeServer, type Handler } from './helpers.js';

const servers: FakeServer[] = [];
async function serve(handler: Handler): Promise<FakeServer> {
  const s = await startFakeServer(handler);
  servers.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A route as a 5.x proxy in cluster mode writes it for a 4.8.0 client: every broker at `addr`. */
function routeVia(addrs: Record<string, string>): Buffer {
  const brokers = Object.entries(addrs).map(
    ([group, addr]) =>
      `{"brokerAddrs":{0:${JSON.stringify(addr)},1:${JSON.stringify(addr)}},"brokerName":"${group}","cluster":"c1"}`,
  );
  const queues = Object.keys(addrs).map(
    (g) => `{"brokerName":"${g}","perm":6,"readQueueNums":16,"topicSysFlag":0,"writeQueueNums":16}`,
  );
  return Buffer.from(`{"brokerDatas":[${brokers.join(',')}],"queueDatas":[${queues.join(',')}]}`);
}

describe('proxyRouteProblem', () => {
  const route = (addrs: Record<string, string>) => ({
    queueDatas: [],
    brokerDatas: Object.entries(addrs).map(([brokerName, a]) => ({
      cluster: 'c1',
      brokerName,
      brokerAddrs: { '0': a },
    })),
  });
  it('is undefined when every expected group is routed through the proxy itself', () => {
    expect(proxyRouteProblem(route({ a: 'p:8082', b: 'p:8082' }), 'p:8082', ['a', 'b'])).toBeUndefined();
  });
  it('names a missing route, a missing group, and a broker reached around the proxy', () => {
    expect(proxyRouteProblem(undefined, 'p:8082', ['a'])).toMatch(/no route/);
    expect(proxyRouteProblem(route({ a: 'p:8082' }), 'p:8082', ['a', 'b'])).toMatch(/does not route to b/);
    expect(proxyRouteProblem(route({ a: '172.17.0.5:8082' }), 'p:8082', ['a'])).toMatch(
      /routes a to 172\.17\.0\.5:8082, not through itself/,
    );
  });
});

describe('proxyRouteGate', () => {
  it('asks the proxy GET_ROUTEINFO_BY_TOPIC for the cluster topic and passes when it routes through itself', async () => {
    let addr = '';
    const s = await serve(() => ({ body: routeVia({ 'broker-a': addr, 'broker-b': addr }) }));
    addr = s.addr;
    const r = await proxyRouteGate(s.addr, 'c1', ['broker-a', 'broker-b']).probe();
    expect(s.requests[0]).toMatchObject({ code: 105, extFields: { topic: 'c1' } });
    expect(r.ok).toBe(true);
    expect(r.value?.groups).toEqual(['broker-a', 'broker-b']);
    expect(r.message).toContain('routes c1 to broker-a, broker-b through itself');
  });

  it('fails on an unknown topic, on a route that bypasses it, and when nothing answers', async () => {
    const none = await serve(() => ({ code: 17, remark: 'topic not exist' }));
    expect((await proxyRouteGate(none.addr, 'c1', ['broker-a']).probe()).message).toMatch(
      /no route of it yet/,
    );
    // remotingAccessAddr left to the container's own address: clients could not reach it.
    const wrong = await serve(() => ({ body: routeVia({ 'broker-a': '10.88.0.7:8082' }) }));
    const r = await proxyRouteGate(wrong.addr, 'c1', ['broker-a']).probe();
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/routes broker-a to 10\.88\.0\.7:8082/);
    const closed = await serve(() => 'close');
    expect((await proxyRouteGate(closed.addr, 'c1', [], { timeoutMs: 500 }).probe()).ok).toBe(false);
  });
});
