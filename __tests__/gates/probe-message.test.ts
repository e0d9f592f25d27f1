import { afterEach, describe, expect, it } from 'vitest';
import { runGate } from '../../src/gates/gates.js';
import {
  decodeOffsetMsgId,
  decodeStoredMessage,
  probeGate,
  probeTopic,
  sendMessage,
  viewMessage,
} from '../../src/gates/probe-message.js';
import type { RemotingCommand } from '../../src/gates/remoting.js';
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

/** A message in the commit log's layout (MessageDecoder.encode of 4.8.0, IPv4 hosts). */
function storedMessage(m: { topic: string; body: Buffer; offset: number; queueId?: number; props?: string }) {
  const topic = Buffer.from(m.topic);
  const props = Buffer.from(m.props ?? 'WAIT\u0001true\u0002');
  const size =
    4 +
    4 +
    4 +
    4 +
    4 +
    8 +
    8 +
    4 +
    8 +
    8 +
    8 +
    8 +
    4 +
    8 +
    4 +
    m.body.length +
    1 +
    topic.length +
    2 +
    props.length;
  const b = Buffer.alloc(size);
  let p = 0;
  p = b.writeInt32BE(size, p);
  p = b.writeInt32BE(0xdaa320a7 | 0, p); // magic
  p = b.writeInt32BE(0, p); // body CRC
  p = b.writeInt32BE(m.queueId ?? 0, p);
  p = b.writeInt32BE(0, p); // flag
  p = b.writeBigInt64BE(7n, p); // queue offset
  p = b.writeBigInt64BE(BigInt(m.offset), p);
  p = b.writeInt32BE(0, p); // sysFlag
  p = b.writeBigInt64BE(1n, p); // born timestamp
  p += 8; // born host
  p = b.writeBigInt64BE(2n, p); // store timestamp
  p += 8; // store host
  p = b.writeInt32BE(0, p); // reconsume times
  p = b.writeBigInt64BE(0n, p); // prepared transaction offset
  p = b.writeInt32BE(m.body.length, p);
  p += m.body.copy(b, p);
  p = b.writeUInt8(topic.length, p);
  p += topic.copy(b, p);
  p = b.writeInt16BE(props.length, p);
  props.copy(b, p);
  return b;
}

/** The offset message id a broker at 10.213.0.2:10911 answers for a message at `offset`. */
function msgId(offset: number): string {
  const b = Buffer.alloc(16);
  Buffer.from([10, 213, 0, 2]).copy(b, 0);
  b.writeInt32BE(10911, 4);
  b.writeBigInt64BE(BigInt(offset), 8);
  return b.toString('hex').toUpperCase();
}

/** A master that stores what it is sent at a growing offset, and a slave that copies it when told. */
function brokerPair() {
  const log = new Map<number, Buffer>();
  let next = 13_130;
  const master: Handler = (req: RemotingCommand) => {
    if (req.code === 17) return {};
    if (req.code === 310) {
      const offset = next;
      const stored = storedMessage({
        topic: req.extFields?.b ?? '',
        body: req.body ?? Buffer.alloc(0),
        offset,
      });
      log.set(offset, stored);
      next += stored.length;
      return { extFields: { msgId: msgId(offset), queueId: '0', queueOffset: '7' } };
    }
    if (req.code === 33) {
      const m = log.get(Number(req.extFields?.offset));
      return m ? { body: m } : { code: 1, remark: 'can not find message by the offset' };
    }
    return { code: 3 };
  };
  const slaveLog = new Map<number, Buffer>();
  const slave: Handler = (req) => {
    if (req.code !== 33) return { code: 3 };
    const m = slaveLog.get(Number(req.extFields?.offset));
    return m
      ? { body: m }
      : { code: 1, remark: `can not find message by the offset, ${req.extFields?.offset}` };
  };
  return { log, slaveLog, master, slave, replicate: () => log.forEach((v, k) => slaveLog.set(k, v)) };
}

describe('probe messages over remoting', () => {
  it('decodes the offset message id and the stored message layout', () => {
    expect(decodeOffsetMsgId(msgId(13_130))).toEqual({ host: '10.213.0.2', port: 10911, offset: 13_130 });
    expect(() => decodeOffsetMsgId('C0A8')).toThrow(/not an offset message id/);
    const m = decodeStoredMessage(
      storedMessage({ topic: 'T', body: Buffer.from('hi'), offset: 99, queueId: 2 }),
    );
    expect(m).toMatchObject({
      topic: 'T',
      queueId: 2,
      commitLogOffset: 99,
      properties: 'WAIT\u0001true\u0002',
    });
    expect(m.body.toString()).toBe('hi');
    expect(() =>
      decodeStoredMessage(storedMessage({ topic: 'T', body: Buffer.from('hi'), offset: 1 }).subarray(0, 70)),
    ).toThrow(/truncated|bytes, got/);
    // A negative length is refused, not read as an empty field: body length sits at 84 (IPv4 hosts).
    const hostile = storedMessage({ topic: 'T', body: Buffer.from('hi'), offset: 1 });
    hostile.writeInt32BE(-2, 84);
    expect(() => decodeStoredMessage(hostile)).toThrow(/negative body length -2/);
  });

  it('SEND_MESSAGE_V2 carries the V2 header and the body; the answer gives the commit-log offset', async () => {
    const pair = brokerPair();
    const s = await serve(pair.master);
    const sent = await sendMessage(s.addr, { topic: 'rocketmq-rollout-probe-a', body: Buffer.from('x') });
    expect(sent).toMatchObject({ commitLogOffset: 13_130, queueId: 0, queueOffset: 7 });
    const req = s.requests[0]!;
    expect(req.code).toBe(310);
    expect(req.extFields).toMatchObject({
      a: 'rocketmq_rollout_probe',
      b: 'rocketmq-rollout-probe-a',
      c: 'TBW102',
      e: '0',
      f: '0',
    });
    expect(req.extFields?.i).toBe('WAIT\u0001true\u0002');
    expect(req.body?.toString()).toBe('x');
    const back = await viewMessage(s.addr, sent.commitLogOffset);
    expect(back.body.toString()).toBe('x');
    expect(s.requests[1]).toMatchObject({ code: 33, extFields: { offset: '13130' } });
  });

  it('a slave refusing a send: the status is the failure', async () => {
    const s = await serve(() => ({ code: 11, remark: 'slave not available' }));
    await expect(sendMessage(s.addr, { topic: 'T', body: Buffer.from('x') })).rejects.toThrow(
      /answered code 11: slave not available/,
    );
  });
});

describe('the probe gate', () => {
  it('creates the topic on the master, sends once, passes when the master and the slave hold it', async () => {
    const pair = brokerPair();
    const m = await serve(pair.master);
    const s = await serve(pair.slave);
    const gate = probeGate(m.addr, [s.addr], probeTopic('broker-a'));
    const first = await gate.probe();
    expect(first.ok).toBe(false);
    expect(first.message).toMatch(/^slave 127.0.0.1:\d+ has not got the probe at offset 13130/);
    pair.replicate();
    const second = await gate.probe();
    expect(second).toMatchObject({
      ok: true,
      message: 'probe at offset 13130 read back from the master and 1 slave(s)',
    });
    // Polled to consecutive successes: still one topic creation and one message.
    const outcome = await runGate(gate, { deadlineMs: 2000, consecutive: 3 });
    expect(outcome.ok).toBe(true);
    expect(m.requests.filter((r) => r.code === 17)).toHaveLength(1);
    expect(m.requests.filter((r) => r.code === 310)).toHaveLength(1);
    expect(m.requests[0]?.extFields).toMatchObject({ topic: 'rocketmq-rollout-probe-broker-a', perm: '6' });
  });

  it('a slave whose HA connection is cut never gets it: the gate fails at its deadline', async () => {
    const pair = brokerPair();
    const m = await serve(pair.master);
    const s = await serve(pair.slave);
    const outcome = await runGate(probeGate(m.addr, [s.addr], probeTopic('broker-a')), {
      deadlineMs: 800,
      consecutive: 1,
    });
    expect(outcome.ok).toBe(false);
    expect(outcome.lastMessage ?? outcome.reason ?? outcome.message).toMatch(
      /has not got the probe at offset 13130/,
    );
  });

  it('another message at that offset on the slave (a store not copied from this master): fails', async () => {
    const pair = brokerPair();
    const m = await serve(pair.master);
    const s = await serve(() => ({
      body: storedMessage({ topic: 'other', body: Buffer.from('?'), offset: 13_130 }),
    }));
    const r = await probeGate(m.addr, [s.addr], 'rocketmq-rollout-probe-a').probe();
    expect(r.message).toMatch(/slave .* holds another message at offset 13130 \(topic other\)/);
  });

  it('names only what a topic may hold', () => {
    expect(probeTopic('broker.a/1')).toBe('rocketmq-rollout-probe-broker_a_1');
  });
});

describe('the probe gate in a broker step', () => {
  it('after the ports, registration and config; before replication; only where a slave runs', async () => {
    const { LiveGates } = await import('../../src/rollout/live-gates.js');
    const { allContainers, renderCluster } = await import('../../src/render/render.js');
    const { loadExample } = await import('../render/helpers.js');
    const { RecordingReporter } = await import('../support/reporter.js');
    const cluster = renderCluster(loadExample('two-host-2m-2s-async.yml'), 'r1');
    const all = allContainers(cluster);
    const gates = new LiveGates({ deadlineMs: 1000, reporter: new RecordingReporter() });
    const live = { cluster, running: new Set(all.map((c) => `${c.name}@${c.host}`)) };
    const names = (name: string) =>
      gates
        .plan(
          all.find((c) => c.name === name)!,
          live,
        )
        .map((g) => g.name.replace(/ .*-broker-/, ' broker-'));
    expect(names('docker-mq-cluster-broker-a-1').slice(-2)).toEqual(['probe message', 'replication']);
    expect(names('docker-mq-cluster-broker-a-0').slice(-2)).toEqual([
      'probe message',
      'replication broker-a-1',
    ]);
    const alone = { cluster, running: new Set<string>() };
    expect(
      gates
        .plan(
          all.find((c) => c.name === 'docker-mq-cluster-broker-a-0')!,
          alone,
        )
        .map((g) => g.name),
    ).not.toContain('probe message');
  });
});
