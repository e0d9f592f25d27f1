import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { directDialer, type Dialer } from '../../src/gates/dialer.js';
import {
  brokerRegisteredGate,
  compareBrokerConfig,
  consoleClusterUrl,
  consoleGate,
  effectiveConfigGate,
  nameServerCaughtUpGate,
  nameServerGate,
  replicationGate,
  runGate,
  sameConfigValue,
  tcpGate,
} from '../../src/gates/gates.js';
import { parseProperties } from '../../src/rocketmq/properties.js';
import {
  closedPort,
  fixtureBody,
  runtimeInfoBody,
  startFakeConsole,
  startFakeNameServer,
  startFakeServer,
  type FakeConsole,
  type FakeServer,
  type Registration,
} from './helpers.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});
async function nameServer(groups: Registration[]) {
  const s = await startFakeNameServer(groups);
  cleanups.push(() => s.close());
  return s;
}
async function server(handler: Parameters<typeof startFakeServer>[0]): Promise<FakeServer> {
  const s = await startFakeServer(handler);
  cleanups.push(() => s.close());
  return s;
}
async function consoleServer(respond: FakeConsole['respond']): Promise<FakeConsole> {
  const c = await startFakeConsole(respond);
  cleanups.push(() => c.close());
  return c;
}

/** Real timers, short intervals: these gates talk to real sockets. */
const quick = { deadlineMs: 3000, consecutive: 3, initialIntervalMs: 10, maxIntervalMs: 50 };

const brokerA: Registration = {
  brokerName: 'broker-a',
  cluster: 'docker-mq-cluster',
  brokerAddrs: { 0: '10.0.0.1:10911', 1: '10.0.0.2:11911' },
};
const brokerB: Registration = {
  brokerName: 'broker-b',
  cluster: 'docker-mq-cluster',
  brokerAddrs: { 0: '10.0.0.2:10911', 1: '10.0.0.1:11911' },
};
const slaveA1 = { cluster: 'docker-mq-cluster', brokerName: 'broker-a', brokerId: 1, addr: '10.0.0.2:11911' };

describe('tcpGate', () => {
  it('passes on a listening port', async () => {
    const listener = net.createServer((s) => s.destroy());
    await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise((r) => listener.close(() => r())));
    const port = (listener.address() as net.AddressInfo).port;
    const outcome = await runGate(tcpGate('127.0.0.1', port), quick);
    expect(outcome.ok).toBe(true);
    expect(outcome.value).toMatchObject({ address: '127.0.0.1', port });
    expect(outcome.describe).toBe(`port 127.0.0.1:${port} accepts connections`);
  });

  it('a flapping port never passes: one success between refusals is not a run of three', async () => {
    // A real port that goes away right after every accepted connection and comes back after every
    // refused one: each probe sees the opposite of the one before.
    const listener = net.createServer((s) => s.destroy());
    await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
    const port = (listener.address() as net.AddressInfo).port;
    cleanups.push(() => new Promise((r) => (listener.listening ? listener.close(() => r()) : r())));
    const seen: boolean[] = [];
    const dial: Dialer = async (host, p, signal) => {
      try {
        const socket = await directDialer(host, p, signal);
        seen.push(true);
        listener.close();
        return socket;
      } catch (e) {
        seen.push(false);
        await new Promise<void>((r) => listener.listen(port, '127.0.0.1', r));
        throw e;
      }
    };
    const flapping = await runGate(tcpGate('127.0.0.1', port, { dial }), { ...quick, deadlineMs: 1000 });
    expect(flapping.ok).toBe(false);
    expect(seen.filter(Boolean).length).toBeGreaterThan(3);
    expect(seen.some((ok, i) => ok && seen[i + 1] === true)).toBe(false);
    // The same port, the same gate, only one success asked: it passes at once. The run is the rule.
    const one = await runGate(tcpGate('127.0.0.1', port, { dial }), { ...quick, consecutive: 1 });
    expect(one).toMatchObject({ ok: true });
  });

  it('fails on a closed port, saying why', async () => {
    const port = await closedPort();
    const result = await tcpGate('127.0.0.1', port).probe();
    expect(result).toEqual({ ok: false, message: `127.0.0.1:${port}: ECONNREFUSED` });
  });
});

describe('nameServerGate', () => {
  it('passes when the name server answers 106', async () => {
    const ns = await nameServer([brokerA, brokerB]);
    const outcome = await runGate(nameServerGate(ns.addr), quick);
    expect(outcome.ok).toBe(true);
    expect(outcome.lastMessage).toBe(`name server ${ns.addr} answers (knows 4 broker(s) in 2 group(s))`);
    expect(ns.requests.map((r) => r.code)).toEqual([106, 106, 106]);
  });

  it('an empty name server (just restarted) still answers', async () => {
    const ns = await nameServer([]);
    expect((await nameServerGate(ns.addr).probe()).ok).toBe(true);
  });

  it('fails when nothing listens or it answers an error code', async () => {
    const port = await closedPort();
    const refused = await nameServerGate(`127.0.0.1:${port}`).probe();
    expect(refused.ok).toBe(false);
    expect(refused.message).toMatch(/^name server 127\.0\.0\.1:\d+: no answer: .*ECONNREFUSED/);
    const broken = await server(() => ({ code: 1, remark: 'system error' }));
    const answer = await nameServerGate(broken.addr).probe();
    expect(answer).toMatchObject({ ok: false });
    expect(answer.message).toContain('answered code 1: system error');
  });
});

describe('brokerRegisteredGate', () => {
  it('passes when every name server lists the broker with its brokerId', async () => {
    const [n1, n2] = [await nameServer([brokerA, brokerB]), await nameServer([brokerB, brokerA])];
    const outcome = await runGate(brokerRegisteredGate([n1.addr, n2.addr], slaveA1), quick);
    expect(outcome.ok).toBe(true);
    expect(outcome.lastMessage).toBe('broker-a/1 at 10.0.0.2:11911 listed on 2 of 2 name server(s)');
    expect(outcome.value?.map((v) => v.ok)).toEqual([true, true]);
  });

  it('fails when one of two name servers misses the broker, naming it', async () => {
    const n1 = await nameServer([brokerA, brokerB]);
    const n2 = await nameServer([brokerB]);
    const result = await brokerRegisteredGate([n1.addr, n2.addr], slaveA1).probe();
    expect(result.ok).toBe(false);
    expect(result.message).toBe(
      `broker-a/1 at 10.0.0.2:11911 listed on 1 of 2 name server(s); ${n2.addr} does not list broker-a (knows broker-b)`,
    );
  });

  it('fails on a wrong brokerId: the slave registered as a master', async () => {
    // brokerRole=slave (wrong case) leaves the role ASYNC_MASTER and forces brokerId 0
    const asMaster: Registration = { ...brokerA, brokerAddrs: { 0: '10.0.0.2:11911' } };
    const n1 = await nameServer([asMaster]);
    const result = await brokerRegisteredGate([n1.addr], slaveA1).probe();
    expect(result.ok).toBe(false);
    expect(result.message).toContain(
      'lists 10.0.0.2:11911 as broker-a/0, expected brokerId 1 (the slave runs as a master: check brokerRole, it is case-sensitive)',
    );
  });

  it('real capture: brokerRole=slave (wrong case) registered the slave as broker-b/0', async () => {
    const n1 = await server(() => ({ body: fixtureBody('cluster-info-106.slave-as-master.frame') }));
    const expected = { cluster: 'gates-lab', brokerName: 'broker-b', brokerId: 1, addr: '127.0.0.1:22911' };
    const result = await brokerRegisteredGate([n1.addr], expected).probe();
    expect(result.message).toBe(
      `broker-b/1 at 127.0.0.1:22911 listed on 0 of 1 name server(s); ${n1.addr} lists 127.0.0.1:22911 as broker-b/0, expected brokerId 1 (the slave runs as a master: check brokerRole, it is case-sensitive)`,
    );
    const master = { cluster: 'gates-lab', brokerName: 'broker-a', brokerId: 0, addr: '127.0.0.1:20911' };
    expect((await brokerRegisteredGate([n1.addr], master).probe()).ok).toBe(true);
  });

  it('fails on a wrong address, a wrong cluster, an absent id and an unreachable name server', async () => {
    const wrongAddr = await nameServer([
      { ...brokerA, brokerAddrs: { 0: '10.0.0.1:10911', 1: '172.17.0.3:11911' } },
    ]);
    expect((await brokerRegisteredGate([wrongAddr.addr], slaveA1).probe()).message).toContain(
      'lists broker-a/1 at 172.17.0.3:11911, expected 10.0.0.2:11911 (check brokerIP1 and listenPort)',
    );
    const wrongCluster = await nameServer([{ ...brokerA, cluster: 'DefaultCluster' }]);
    expect((await brokerRegisteredGate([wrongCluster.addr], slaveA1).probe()).message).toContain(
      'lists broker-a in cluster DefaultCluster, expected docker-mq-cluster',
    );
    const masterOnly = await nameServer([{ ...brokerA, brokerAddrs: { 0: '10.0.0.1:10911' } }]);
    expect((await brokerRegisteredGate([masterOnly.addr], slaveA1).probe()).message).toContain(
      'does not list broker-a/1 at 10.0.0.2:11911 (broker-a has 0=10.0.0.1:10911)',
    );
    const port = await closedPort();
    const good = await nameServer([brokerA]);
    const down = await brokerRegisteredGate([good.addr, `127.0.0.1:${port}`], slaveA1).probe();
    expect(down.ok).toBe(false);
    expect(down.message).toMatch(
      /listed on 1 of 2 name server\(s\); 127\.0\.0\.1:\d+ no answer: .*ECONNREFUSED/,
    );
    expect((await brokerRegisteredGate([], slaveA1).probe()).ok).toBe(false);
  });

  it('times out cleanly when the broker never registers', async () => {
    const n1 = await nameServer([brokerB]);
    const outcome = await runGate(brokerRegisteredGate([n1.addr], slaveA1), { ...quick, deadlineMs: 300 });
    expect(outcome.ok).toBe(false);
    expect(outcome.attempts).toBeGreaterThan(1);
    expect(outcome.reason).toContain('does not list broker-a');
  });
});

describe('nameServerCaughtUpGate', () => {
  it('fails while the restarted name server misses brokers, passes once they re-register', async () => {
    const restarted = await nameServer([]);
    const other = await nameServer([brokerA, brokerB]);
    const gate = nameServerCaughtUpGate(restarted.addr, [other.addr]);
    const first = await gate.probe();
    expect(first.ok).toBe(false);
    expect(first.value?.missing).toHaveLength(4);
    expect(first.message).toBe(
      `name server ${restarted.addr} knows 0 of 4 broker(s); missing broker-a/0 at 10.0.0.1:10911, broker-a/1 at 10.0.0.2:11911, broker-b/0 at 10.0.0.2:10911, broker-b/1 at 10.0.0.1:11911 (brokers re-register every registerNameServerPeriod, 30 s by default)`,
    );
    restarted.state.groups = [brokerA];
    const half = await gate.probe();
    expect(half.value?.missing.map((m) => `${m.brokerName}/${m.brokerId}`)).toEqual([
      'broker-b/0',
      'broker-b/1',
    ]);

    const polling = runGate(gate, { ...quick, deadlineMs: 5000 });
    await expect.poll(() => restarted.requests.length, { timeout: 3000 }).toBeGreaterThan(3);
    restarted.state.groups = [brokerB, brokerA];
    const outcome = await polling;
    expect(outcome.ok).toBe(true);
    expect(outcome.lastMessage).toBe(`name server ${restarted.addr} caught up (4 broker(s))`);
  });

  it('knows the union of all other name servers', async () => {
    const restarted = await nameServer([brokerA]);
    const o1 = await nameServer([brokerA]);
    const o2 = await nameServer([brokerA, brokerB]);
    const result = await nameServerCaughtUpGate(restarted.addr, [o1.addr, o2.addr]).probe();
    expect(result.ok).toBe(false);
    expect(result.value?.missing).toHaveLength(2);
  });

  it('fails when it or another name server cannot be asked', async () => {
    const port = await closedPort();
    const ok = await nameServer([brokerA]);
    const otherDown = await nameServerCaughtUpGate(ok.addr, [`127.0.0.1:${port}`]).probe();
    expect(otherDown.ok).toBe(false);
    expect(otherDown.message).toMatch(
      /^cannot compare with the other name servers: 127\.0\.0\.1:\d+: no answer/,
    );
    const selfDown = await nameServerCaughtUpGate(`127.0.0.1:${port}`, [ok.addr]).probe();
    expect(selfDown.ok).toBe(false);
    expect(selfDown.message).toMatch(/^name server 127\.0\.0\.1:\d+: no answer/);
  });

  it('with no other name server there is nothing to wait for', async () => {
    const only = await nameServer([]);
    const result = await nameServerCaughtUpGate(only.addr, []).probe();
    expect(result).toMatchObject({
      ok: true,
      message: `name server ${only.addr} caught up (no other name server to compare with)`,
    });
  });
});

describe('consoleGate', () => {
  const consoleAnswer = (groups: Registration[]) =>
    JSON.stringify({
      status: 0,
      data: {
        clusterInfo: {
          brokerAddrTable: Object.fromEntries(
            groups.map((g) => [
              g.brokerName,
              { brokerAddrs: g.brokerAddrs, brokerName: g.brokerName, cluster: g.cluster },
            ]),
          ),
          clusterAddrTable: { 'docker-mq-cluster': groups.map((g) => g.brokerName) },
        },
        brokerServer: Object.fromEntries(
          groups.map((g) => [
            g.brokerName,
            Object.fromEntries(Object.keys(g.brokerAddrs).map((id) => [id, { brokerVersionDesc: 'V4_8_0' }])),
          ]),
        ),
      },
      errMsg: null,
    });
  const expected = [
    { brokerName: 'broker-a', brokerId: 0, addr: '10.0.0.1:10911' },
    { brokerName: 'broker-a', brokerId: 1 },
    { brokerName: 'broker-b', brokerId: 0 },
    { brokerName: 'broker-b', brokerId: 1 },
  ];

  it('passes when the console lists every expected broker', async () => {
    const c = await consoleServer(() => ({ status: 200, body: consoleAnswer([brokerA, brokerB]) }));
    const outcome = await runGate(consoleGate(c.url, expected), quick);
    expect(outcome.ok).toBe(true);
    expect(outcome.lastMessage).toBe(`console ${c.url} lists all 4 expected broker(s)`);
    expect(c.requests).toEqual(['/cluster/list.query', '/cluster/list.query', '/cluster/list.query']);
  });

  it('reads the lab console stand-in answers (status 0 and status -1)', async () => {
    const here = path.dirname(fileURLToPath(import.meta.url));
    const read = (name: string) =>
      fs.readFileSync(path.join(here, '..', 'fixtures', 'remoting', name), 'utf8');
    const c = await consoleServer(() => ({ status: 200, body: read('console-cluster-list.status-0.json') }));
    const lab = [
      { brokerName: 'broker-a', brokerId: 0, addr: '127.0.0.1:20911' },
      { brokerName: 'broker-a', brokerId: 1, addr: '127.0.0.1:21911' },
      { brokerName: 'broker-b', brokerId: 0 },
    ];
    expect((await runGate(consoleGate(c.url, lab), quick)).ok).toBe(true);
    expect(
      (await consoleGate(c.url, [...lab, { brokerName: 'broker-b', brokerId: 1 }]).probe()).message,
    ).toContain('lists 3 of 4 expected broker(s): broker-b/1 missing');
    c.respond = () => ({ status: 200, body: read('console-cluster-list.status-minus-1.json') });
    expect((await consoleGate(c.url, lab).probe()).message).toBe(
      `console ${c.url}/cluster/list.query: status -1: connect to [127.0.0.1:19999] failed`,
    );
  });

  it('fails on status -1 even though HTTP says 200', async () => {
    const c = await consoleServer(() => ({
      status: 200,
      body: JSON.stringify({
        status: -1,
        data: null,
        errMsg:
          'org.apache.rocketmq.remoting.exception.RemotingConnectException: connect to <10.0.0.1:9876> failed',
      }),
    }));
    const result = await consoleGate(c.url, expected).probe();
    expect(result.ok).toBe(false);
    expect(result.message).toBe(
      `console ${c.url}/cluster/list.query: status -1: org.apache.rocketmq.remoting.exception.RemotingConnectException: connect to <10.0.0.1:9876> failed`,
    );
  });

  it('fails when a broker is missing or at another address', async () => {
    const c = await consoleServer(() => ({
      status: 200,
      body: consoleAnswer([{ ...brokerA, brokerAddrs: { 0: '172.17.0.2:10911' } }, brokerB]),
    }));
    const result = await consoleGate(c.url, expected).probe();
    expect(result.ok).toBe(false);
    expect(result.message).toBe(
      `console ${c.url} lists 2 of 4 expected broker(s): broker-a/0 at 172.17.0.2:10911, expected 10.0.0.1:10911, broker-a/1 missing (the console reads only its first name server)`,
    );
  });

  it('reports a login-protected console (302) clearly', async () => {
    const c = await consoleServer(() => ({ status: 302, headers: { location: '/#/login' } }));
    const result = await consoleGate(c.url, expected).probe();
    expect(result.ok).toBe(false);
    expect(result.message).toContain('HTTP 302 redirect to /#/login: the console requires a login');
  });

  it('fails on other HTTP errors, non-JSON, a wrong shape, no answer and no server', async () => {
    const c = await consoleServer(() => ({ status: 500, body: 'oops' }));
    expect((await consoleGate(c.url, expected).probe()).message).toBe(
      `console ${c.url}/cluster/list.query: HTTP 500`,
    );
    c.respond = () => ({ status: 200, body: '<html>login</html>' });
    expect((await consoleGate(c.url, expected).probe()).message).toMatch(/answer is not JSON/);
    c.respond = () => ({ status: 200, body: '{"data":{}}' });
    expect((await consoleGate(c.url, expected).probe()).message).toMatch(/unexpected answer/);
    c.respond = () => 'hang';
    expect((await consoleGate(c.url, expected, { timeoutMs: 100 }).probe()).message).toBe(
      `console ${c.url}/cluster/list.query: no answer within 100 ms`,
    );
    const port = await closedPort();
    expect((await consoleGate(`http://127.0.0.1:${port}`, expected).probe()).message).toBe(
      `console http://127.0.0.1:${port}/cluster/list.query: ECONNREFUSED`,
    );
  });

  it('builds the cluster list URL', () => {
    expect(consoleClusterUrl('http://h:8080')).toBe('http://h:8080/cluster/list.query');
    expect(consoleClusterUrl('http://h:8080/')).toBe('http://h:8080/cluster/list.query');
    expect(consoleClusterUrl('http://h:8080/rocketmq/')).toBe('http://h:8080/rocketmq/cluster/list.query');
    expect(consoleClusterUrl('http://h:8080/cluster/list.query')).toBe('http://h:8080/cluster/list.query');
  });
});

describe('effectiveConfigGate', () => {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const rendered = parseProperties(
    fs.readFileSync(path.join(here, '..', 'fixtures', 'remoting', 'broker-a-master.rendered.conf'), 'utf8'),
  );
  const realMaster = () => ({ body: fixtureBody('broker-config-26.master.frame') });

  it('passes against the real 4.8.0 answer for the broker.conf it was started with', async () => {
    const b = await server(realMaster);
    const outcome = await runGate(effectiveConfigGate(b.addr, rendered), quick);
    expect(outcome.ok).toBe(true);
    expect(outcome.lastMessage).toBe(`broker ${b.addr} loaded all 16 rendered key(s) as written`);
    expect(b.requests.map((r) => r.code)).toEqual([26, 26, 26]);
  });

  it('reports every mismatch, like fileReservedTime: rendered 72, loaded 48', async () => {
    const b = await server(realMaster);
    const result = await effectiveConfigGate(b.addr, {
      ...rendered,
      fileReservedTime: 72,
      flushDiskType: 'SYNC_FLUSH',
      brokerRole: 'SLAVE',
    }).probe();
    expect(result.ok).toBe(false);
    expect(result.value?.mismatches.map((m) => m.message)).toEqual([
      'brokerRole: rendered SLAVE, loaded ASYNC_MASTER',
      'fileReservedTime: rendered 72, loaded 48',
      'flushDiskType: rendered SYNC_FLUSH, loaded ASYNC_FLUSH',
    ]);
    expect(result.message).toBe(
      `broker ${b.addr} did not load 3 of 16 rendered key(s): brokerRole: rendered SLAVE, loaded ASYNC_MASTER; fileReservedTime: rendered 72, loaded 48; flushDiskType: rendered SYNC_FLUSH, loaded ASYNC_FLUSH`,
    );
  });

  it('real capture: catches the wrong-case role and the trailing spaces 4.x does not trim', async () => {
    const bad = parseProperties(
      fs.readFileSync(
        path.join(here, '..', 'fixtures', 'remoting', 'broker-b-slave-as-master.rendered.conf'),
        'utf8',
      ),
    );
    const b = await server(() => ({ body: fixtureBody('broker-config-26.slave-as-master.frame') }));
    const result = await effectiveConfigGate(b.addr, bad).probe();
    expect(result.ok).toBe(false);
    expect(result.value?.mismatches.map((m) => m.message)).toEqual([
      'autoCreateTopicEnable: rendered "true ", loaded false',
      'brokerId: rendered 1, loaded 0',
      'brokerRole: rendered slave, loaded ASYNC_MASTER',
      'fileReservedTime: rendered "72 ", loaded 72',
    ]);
  });

  it('a key the broker does not report is a mismatch', async () => {
    const b = await server(realMaster);
    const missing = await effectiveConfigGate(b.addr, { ...rendered, notAKeyAtAll: 'x' }).probe();
    expect(missing.value?.mismatches).toEqual([
      {
        key: 'notAKeyAtAll',
        rendered: 'x',
        kind: 'missing',
        message: 'notAKeyAtAll: rendered x, missing from the loaded config (RocketMQ dropped it)',
      },
    ]);
  });

  it('fails when the broker cannot be asked', async () => {
    const port = await closedPort();
    const result = await effectiveConfigGate(`127.0.0.1:${port}`, rendered).probe();
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/^broker 127\.0\.0\.1:\d+: no answer/);
  });

  it.each([
    ['72', '72', true],
    ['048', '48', true],
    ['0.5', '0.50', true],
    ['72', '48', false],
    ['true', 'true', true],
    ['TRUE', 'true', true],
    ['yes', 'false', false],
    // 4.x does not trim: these did not take effect
    ['true ', 'false', false],
    // strict even where the effect happens to match: the file is still wrong
    ['false ', 'false', false],
    ['10911 ', '10911', false],
    ['ASYNC_MASTER', 'ASYNC_MASTER', true],
    ['slave', 'ASYNC_MASTER', false],
    ['1s 5s', '1s  5s', false],
  ])('sameConfigValue(%j, %j) = %s', (rendered, loaded, same) => {
    expect(sameConfigValue(rendered, loaded)).toBe(same);
  });

  it('reads enableBatchPush from the isEnableBatchPush field, not from the echo of the file', () => {
    const echoed = { enableBatchPush: 'true', isEnableBatchPush: 'false' };
    expect(compareBrokerConfig({ enableBatchPush: true }, echoed).map((m) => m.message)).toEqual([
      'enableBatchPush: rendered true, loaded false',
    ]);
    expect(
      compareBrokerConfig({ enableBatchPush: 'true' }, { ...echoed, isEnableBatchPush: 'true' }),
    ).toEqual([]);
  });

  it('shows values with surrounding whitespace quoted', () => {
    expect(compareBrokerConfig({ brokerIP1: 'REPLACE_IT ' }, { brokerIP1: 'REPLACE_IT' })[0]?.message).toBe(
      'brokerIP1: rendered "REPLACE_IT ", loaded REPLACE_IT',
    );
  });
});

describe('replicationGate', () => {
  /** Two fake brokers whose commitLogMaxOffset the test moves. */
  async function pair(master: number, slave: number) {
    const offsets = { master, slave };
    const m = await server(() => ({
      body: runtimeInfoBody({ commitLogMaxOffset: String(offsets.master), brokerVersionDesc: 'V4_8_0' }),
    }));
    const s = await server(() => ({
      body: runtimeInfoBody({ commitLogMaxOffset: String(offsets.slave), brokerVersionDesc: 'V4_8_0' }),
    }));
    return { m, s, offsets };
  }

  it('passes on the real captures: master and slave both at 201', async () => {
    const m = await server(() => ({ body: fixtureBody('broker-runtime-info-28.master.frame') }));
    const s = await server(() => ({ body: fixtureBody('broker-runtime-info-28.slave.frame') }));
    const outcome = await runGate(replicationGate(m.addr, s.addr), quick);
    expect(outcome.ok).toBe(true);
    expect(outcome.value).toEqual({
      masterAddr: m.addr,
      slaveAddr: s.addr,
      target: 201,
      master: 201,
      slave: 201,
      behind: 0,
      proven: true,
    });
  });

  it('real captures: a restarted slave behind (591 < 786), then caught up', async () => {
    const m = await server(() => ({ body: fixtureBody('broker-runtime-info-28.master-ahead.frame') }));
    const slaveAnswer = { name: 'broker-runtime-info-28.slave-behind.frame' };
    const s = await server(() => ({ body: fixtureBody(slaveAnswer.name) }));
    const gate = replicationGate(m.addr, s.addr);
    const behind = await gate.probe();
    expect(behind).toMatchObject({ ok: false, value: { target: 786, master: 786, slave: 591, behind: 195 } });
    slaveAnswer.name = 'broker-runtime-info-28.slave-caught-up.frame';
    const outcome = await runGate(gate, quick);
    expect(outcome).toMatchObject({ ok: true, value: { target: 786, slave: 786, proven: true } });
  });

  it('fails while the slave is behind, passes once it reaches the master offset seen at the start', async () => {
    const { m, s, offsets } = await pair(2436, 1827);
    const gate = replicationGate(m.addr, s.addr);
    const behind = await gate.probe();
    expect(behind.ok).toBe(false);
    expect(behind.message).toBe(
      `slave ${s.addr} behind: master at 2436, slave at 1827, needs 2436 (609 bytes to go)`,
    );
    expect(behind.value).toMatchObject({ target: 2436, master: 2436, slave: 1827, behind: 609 });

    // new writes keep coming: the target stays the offset observed at the start
    offsets.master = 3000;
    offsets.slave = 2436;
    const reached = await gate.probe();
    expect(reached.ok).toBe(true);
    expect(reached.message).toBe(`slave ${s.addr} reached 2436: master at 3000, slave at 2436`);
    expect(reached.value).toMatchObject({ target: 2436, master: 3000, slave: 2436, behind: 564 });
  });

  it('a stuck slave fails the gate at the deadline with the offsets', async () => {
    const { m, s } = await pair(2436, 1827);
    const outcome = await runGate(replicationGate(m.addr, s.addr), { ...quick, deadlineMs: 300 });
    expect(outcome.ok).toBe(false);
    expect(outcome.reason).toBe(
      `slave ${s.addr} behind: master at 2436, slave at 1827, needs 2436 (609 bytes to go)`,
    );
    expect(outcome.value).toMatchObject({ master: 2436, slave: 1827 });
  });

  it('catches up while polling', async () => {
    const { m, s, offsets } = await pair(500, 100);
    const polling = runGate(replicationGate(m.addr, s.addr), { ...quick, deadlineMs: 5000 });
    await expect.poll(() => s.requests.length, { timeout: 3000 }).toBeGreaterThan(2);
    offsets.slave = 500;
    const outcome = await polling;
    expect(outcome.ok).toBe(true);
    expect(outcome.attempts).toBeGreaterThan(3);
  });

  it('says when nothing was written yet (equal zeros prove nothing)', async () => {
    const { m, s } = await pair(0, 0);
    const result = await replicationGate(m.addr, s.addr).probe();
    expect(result.ok).toBe(true);
    expect(result.value?.proven).toBe(false);
    expect(result.message).toContain('the master has written nothing yet');
  });

  it('fails when a broker cannot be asked or the master went backwards', async () => {
    const port = await closedPort();
    const { m, offsets } = await pair(100, 100);
    const down = await replicationGate(m.addr, `127.0.0.1:${port}`).probe();
    expect(down.ok).toBe(false);
    expect(down.message).toMatch(/^replication 127\.0\.0\.1:\d+ -> 127\.0\.0\.1:\d+: no answer/);

    const { m: m2, s: s2, offsets: o2 } = await pair(100, 100);
    const gate = replicationGate(m2.addr, s2.addr);
    expect((await gate.probe()).ok).toBe(true);
    o2.master = 0;
    const back = await gate.probe();
    expect(back.ok).toBe(false);
    expect(back.message).toContain('went back from 100 to 0');
    expect(offsets.master).toBe(100);
  });
});
