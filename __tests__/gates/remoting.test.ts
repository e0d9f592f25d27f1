import { afterEach, describe, expect, it } from 'vitest';
import {
  encodeFrame,
  fetchBrokerConfig,
  fetchBrokerRuntimeInfo,
  fetchClusterInfo,
  invoke,
  parseAddress,
  RemotingError,
  type RemotingCommand,
} from '../../src/gates/remoting.js';
import {
  closedPort,
  clusterInfoBody,
  fixtureBody,
  runtimeInfoBody,
  startFakeServer,
  type FakeServer,
  type Handler,
} from './helpers.js';

const servers: FakeServer[] = [];
async function serve(handler: Handler): Promise<FakeServer> {
  const s = await startFakeServer(handler);
  servers.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** Answers 106/26/28 with the real 4.8.0 bodies. */
const realBroker: Handler = (req) => {
  switch (req.code) {
    case 106:
      return { body: fixtureBody('cluster-info-106.json-header.frame') };
    case 26:
      return {
        body: fixtureBody('broker-config-26.master.frame'),
        extFields: { version: '{"counter":0,"timestamp":1}' },
      };
    case 28:
      return { body: fixtureBody('broker-runtime-info-28.slave.frame') };
    default:
      return { code: 3, remark: `request type ${req.code} not supported` };
  }
};

async function rejection(p: Promise<unknown>): Promise<RemotingError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(RemotingError);
  return e as RemotingError;
}

describe('requests on the wire', () => {
  it('sends a JSON header like the 4.8.0 tools: version 373, JAVA, flag 0, fresh opaque each call', async () => {
    const s = await serve(realBroker);
    await fetchClusterInfo(s.addr);
    await fetchClusterInfo(s.addr);
    const [a, b] = s.requests as [RemotingCommand, RemotingCommand];
    expect(a).toMatchObject({ code: 106, flag: 0, language: 'JAVA', version: 373, serializeType: 'JSON' });
    expect(a.body).toBeUndefined();
    expect(b.opaque).not.toBe(a.opaque);
  });
});

describe('fetchClusterInfo (106)', () => {
  it('parses the real name server answer with unquoted integer keys, in 7-byte pieces', async () => {
    const s = await serve(realBroker);
    s.chunkSize = 7;
    const info = await fetchClusterInfo(s.addr);
    expect(info.brokerAddrTable['broker-a']?.brokerAddrs).toEqual({
      '0': '127.0.0.1:20911',
      '1': '127.0.0.1:21911',
    });
    expect(info.clusterAddrTable).toEqual({ 'gates-lab': ['broker-a'] });
  });

  it('accepts a binary (ROCKETMQ) response header', async () => {
    const body = clusterInfoBody([{ brokerName: 'b', cluster: 'c', brokerAddrs: { 0: '10.0.0.1:10911' } }]);
    const s = await serve(() => ({ body, binary: true, extFields: { a: 'b' } }));
    const info = await fetchClusterInfo(s.addr);
    expect(info.brokerAddrTable.b?.brokerAddrs['0']).toBe('10.0.0.1:10911');
  });

  it('accepts the 5.x shape (extra fields)', async () => {
    const body = Buffer.from(
      '{"brokerAddrTable":{"b":{"brokerAddrs":{0:"10.0.0.1:10911"},"brokerName":"b","cluster":"c","enableActingMaster":false,"zoneName":"z"}},"clusterAddrTable":{"c":["b"]}}',
    );
    const s = await serve(() => ({ body }));
    expect((await fetchClusterInfo(s.addr)).brokerAddrTable.b?.cluster).toBe('c');
  });

  it('a body of the wrong shape or not JSON is a protocol error', async () => {
    const s = await serve(() => ({ body: Buffer.from('{"brokerAddrTable":{"b":{"brokerAddrs":[1]}}}') }));
    expect((await rejection(fetchClusterInfo(s.addr))).kind).toBe('protocol');
    s.handle = () => ({ body: Buffer.from('<html>') });
    const e = await rejection(fetchClusterInfo(s.addr));
    expect(e.kind).toBe('protocol');
    expect(e.message).toMatch(/not JSON/);
    s.handle = () => ({});
    expect((await rejection(fetchClusterInfo(s.addr))).message).toMatch(/empty body/);
  });
});

describe('fetchBrokerConfig (26)', () => {
  it('parses the properties text a real broker sends', async () => {
    const s = await serve(realBroker);
    const config = await fetchBrokerConfig(s.addr);
    expect(config.fileReservedTime).toBe('48');
    expect(config.messageDelayLevel).toBe('1s 5s 10s 30s');
    expect(Object.keys(config)).toHaveLength(163);
  });
});

describe('fetchBrokerRuntimeInfo (28)', () => {
  it('parses the real runtime table', async () => {
    const s = await serve(realBroker);
    const info = await fetchBrokerRuntimeInfo(s.addr);
    expect(info.commitLogMaxOffset).toBe(201);
    expect(info.brokerVersionDesc).toBe('V4_8_0');
    expect(info.table.putMessageSizeTotal).toBe('201');
  });

  it('rejects an offset that is not a number', async () => {
    const s = await serve(() => ({ body: runtimeInfoBody({ commitLogMaxOffset: '12x' }) }));
    expect((await rejection(fetchBrokerRuntimeInfo(s.addr))).kind).toBe('protocol');
  });
});

describe('failures are typed', () => {
  it('a non-zero response code, with the remark', async () => {
    const s = await serve(() => ({ code: 1, remark: 'boom' }));
    const e = await rejection(fetchBrokerConfig(s.addr));
    expect(e).toMatchObject({ kind: 'response', responseCode: 1 });
    expect(e.message).toBe(`${s.addr}: request 26 answered code 1: boom`);
    // invoke itself hands back any response code
    expect((await invoke(s.addr, { code: 26 })).code).toBe(1);
  });

  it('connection refused', async () => {
    const port = await closedPort();
    const e = await rejection(fetchClusterInfo(`127.0.0.1:${port}`));
    expect(e.kind).toBe('connect');
    expect(e.message).toMatch(/ECONNREFUSED/);
  });

  it('no answer within the per-call timeout', async () => {
    const s = await serve(() => 'hang');
    const started = performance.now();
    const e = await rejection(fetchClusterInfo(s.addr, { timeoutMs: 150 }));
    expect(e.kind).toBe('timeout');
    expect(e.message).toMatch(/no answer within 150 ms/);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('closed before an answer, and in the middle of a frame', async () => {
    const s = await serve(() => 'close');
    expect((await rejection(fetchClusterInfo(s.addr))).kind).toBe('closed');
    s.handle = (req) => {
      const whole = encodeFrame({ code: 0, flag: 1, language: 'JAVA', opaque: req.opaque, version: 373 });
      return { raw: whole.subarray(0, 10) };
    };
    const pending = fetchClusterInfo(s.addr, { timeoutMs: 2000 });
    // let the partial frame arrive, then close from the server side
    await expect.poll(() => s.requests.length, { timeout: 2000 }).toBe(2);
    await s.close();
    const e = await rejection(pending);
    expect(e.kind).toBe('closed');
    expect(e.message).toMatch(/middle of a frame \(10 bytes\)/);
  });

  it('garbage on the wire is a protocol error', async () => {
    const huge = Buffer.alloc(8);
    huge.writeInt32BE(0x7fffffff, 0);
    const s = await serve(() => ({ raw: huge }));
    const e = await rejection(fetchClusterInfo(s.addr));
    expect(e.kind).toBe('protocol');
  });

  it('abort', async () => {
    const s = await serve(() => 'hang');
    const controller = new AbortController();
    const pending = fetchClusterInfo(s.addr, { signal: controller.signal, timeoutMs: 10_000 });
    await expect.poll(() => s.requests.length, { timeout: 2000 }).toBe(1);
    controller.abort();
    expect((await rejection(pending)).kind).toBe('aborted');
    expect((await rejection(fetchClusterInfo(s.addr, { signal: AbortSignal.abort() }))).kind).toBe('aborted');
  });

  it('a bad address', async () => {
    for (const bad of ['nohost', 'host:', 'host:0', 'host:99999', ':9876']) {
      expect((await rejection(fetchClusterInfo(bad))).kind).toBe('connect');
    }
  });
});

it('ignores frames that are not the answer to this call', async () => {
  const s = await serve(() => 'hang');
  s.handle = (req) => {
    const other = encodeFrame({
      code: 0,
      flag: 1,
      language: 'JAVA',
      opaque: req.opaque + 1000,
      version: 373,
    });
    const pushed = encodeFrame({ code: 40, flag: 2, language: 'JAVA', opaque: req.opaque, version: 373 });
    const mine = encodeFrame({
      code: 0,
      flag: 1,
      language: 'JAVA',
      opaque: req.opaque,
      version: 373,
      body: clusterInfoBody([]),
    });
    return { raw: Buffer.concat([other, pushed, mine]) };
  };
  const info = await fetchClusterInfo(s.addr);
  expect(info.brokerAddrTable).toEqual({});
});

describe('parseAddress', () => {
  it.each([
    ['10.0.0.1:9876', { host: '10.0.0.1', port: 9876 }],
    ['mq-1.example:10911', { host: 'mq-1.example', port: 10911 }],
    ['[::1]:9876', { host: '::1', port: 9876 }],
  ])('%s', (addr, want) => {
    expect(parseAddress(addr)).toEqual(want);
  });
});
