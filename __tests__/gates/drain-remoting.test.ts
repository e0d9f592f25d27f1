import { afterEach, describe, expect, it } from 'vitest';
import {
  fetchTopicList,
  fetchTopicRoute,
  PermName,
  RemotingError,
  routePerm,
  updateBrokerConfig,
} from '../../src/gates/remoting.js';
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

/** A route body as a 4.8.0 name server writes it (fastjson: Long map keys unquoted). */
const ROUTE = Buffer.from(
  '{"brokerDatas":[{"brokerAddrs":{0:"10.213.0.2:10911",1:"10.213.0.3:11911"},"brokerName":"broker-a","cluster":"docker-mq-cluster"},' +
    '{"brokerAddrs":{0:"10.213.0.3:10911"},"brokerName":"broker-b","cluster":"docker-mq-cluster"}],"filterServerTable":{},' +
    '"queueDatas":[{"brokerName":"broker-a","perm":4,"readQueueNums":4,"topicSynFlag":0,"writeQueueNums":4},' +
    '{"brokerName":"broker-b","perm":6,"readQueueNums":4,"topicSynFlag":0,"writeQueueNums":4}]}',
);

describe('updateBrokerConfig (25)', () => {
  it('sends the keys as properties lines in the body', async () => {
    const s = await serve(() => ({}));
    await updateBrokerConfig(s.addr, { brokerPermission: String(PermName.READ) });
    expect(s.requests[0]).toMatchObject({ code: 25 });
    expect(s.requests[0]?.body?.toString('utf8')).toBe('brokerPermission=4\n');
  });

  it('fails on a refusal, and refuses keys and values Properties would misread', async () => {
    const s = await serve(() => ({ code: 1, remark: 'update config failed' }));
    const e = await updateBrokerConfig(s.addr, { brokerPermission: '6' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RemotingError);
    expect((e as RemotingError).message).toMatch(/answered code 1: update config failed/);
    const bad: Record<string, string>[] = [
      { 'a b': '1' },
      { k: 'x\ny=1' },
      { k: '=1' },
      { k: 'a\\u0041' },
      {},
    ];
    for (const b of bad) {
      await expect(updateBrokerConfig(s.addr, b)).rejects.toBeInstanceOf(RemotingError);
    }
    expect(s.requests).toHaveLength(1);
  });
});

describe('fetchTopicRoute (105)', () => {
  it('reads the perm of each group from the fastjson body; the topic goes in extFields', async () => {
    const s = await serve(() => ({ body: ROUTE }));
    const route = await fetchTopicRoute(s.addr, 'T1');
    expect(s.requests[0]).toMatchObject({ code: 105, extFields: { topic: 'T1' } });
    expect(routePerm(route!, 'broker-a')).toBe(4);
    expect(routePerm(route!, 'broker-b')).toBe(6);
    expect(routePerm(route!, 'broker-c')).toBeUndefined();
    expect(route?.brokerDatas[0]?.brokerAddrs).toEqual({ '0': '10.213.0.2:10911', '1': '10.213.0.3:11911' });
  });

  it('a topic the name server does not know is undefined; other codes fail', async () => {
    const none = await serve(() => ({
      code: 17,
      remark: 'No topic route info in name server for the topic: T9',
    }));
    await expect(fetchTopicRoute(none.addr, 'T9')).resolves.toBeUndefined();
    const busy = await serve(() => ({ code: 2, remark: 'busy' }));
    await expect(fetchTopicRoute(busy.addr, 'T9')).rejects.toThrow(/answered code 2: busy/);
  });
});

describe('fetchTopicList (206)', () => {
  it('reads the topic names of a name server, sorted', async () => {
    const s = await serve(() => ({ body: Buffer.from('{"topicList":["T2","broker-a","TBW102","T1"]}') }));
    await expect(fetchTopicList(s.addr)).resolves.toEqual(['T1', 'T2', 'TBW102', 'broker-a']);
    expect(s.requests[0]).toMatchObject({ code: 206 });
  });
});
