import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeFramePayload,
  encodeFrame,
  FrameDecoder,
  FrameError,
  MAX_FRAME_BYTES,
  type RemotingCommand,
} from '../../src/gates/remoting.js';
import { fixture } from './helpers.js';

const request = (over: Partial<RemotingCommand> = {}): RemotingCommand => ({
  code: 106,
  flag: 0,
  language: 'JAVA',
  opaque: 42,
  version: 373,
  ...over,
});

/** Splits bytes at the given cut points and feeds the pieces one by one. */
function feed(bytes: Buffer, cuts: number[]): RemotingCommand[] {
  const decoder = new FrameDecoder();
  const out: RemotingCommand[] = [];
  let from = 0;
  for (const cut of [...cuts.filter((c) => c > 0 && c < bytes.length)].sort((a, b) => a - b)) {
    out.push(...decoder.push(bytes.subarray(from, cut)));
    from = cut;
  }
  out.push(...decoder.push(bytes.subarray(from)));
  expect(decoder.pending).toBe(0);
  return out;
}

describe('frame layout', () => {
  it('writes length, serialize type + header length, JSON header, body', () => {
    const frame = encodeFrame(request({ body: Buffer.from('xyz') }));
    const header = '{"code":106,"flag":0,"language":"JAVA","opaque":42,"version":373}';
    expect(frame.readInt32BE(0)).toBe(4 + header.length + 3);
    expect(frame.readUInt8(4)).toBe(0); // JSON
    expect(frame.readUInt32BE(4) & 0xffffff).toBe(header.length);
    expect(frame.subarray(8, 8 + header.length).toString()).toBe(header);
    expect(frame.subarray(8 + header.length).toString()).toBe('xyz');
  });

  it('writes the binary (ROCKETMQ) header as RocketMQSerializable does', () => {
    const frame = encodeFrame(
      request({ serializeType: 'ROCKETMQ', remark: 'hé', extFields: { k: 'v' }, flag: 1, opaque: 7 }),
    );
    expect(frame.readUInt8(4)).toBe(1);
    const h = frame.subarray(8);
    expect(h.readInt16BE(0)).toBe(106); // code
    expect(h.readUInt8(2)).toBe(0); // JAVA
    expect(h.readInt16BE(3)).toBe(373); // version
    expect(h.readInt32BE(5)).toBe(7); // opaque
    expect(h.readInt32BE(9)).toBe(1); // flag
    expect(h.readInt32BE(13)).toBe(3); // remark length in UTF-8 bytes
    expect(h.subarray(17, 20).toString()).toBe('hé');
    expect(h.readInt32BE(20)).toBe(2 + 1 + 4 + 1); // ext: short keyLen, key, int valLen, val
    expect(h.readInt16BE(24)).toBe(1);
    expect(h.readInt32BE(27)).toBe(1);
  });
});

describe('round trips', () => {
  const command = fc.record({
    code: fc.integer({ min: 0, max: 32767 }),
    flag: fc.integer({ min: 0, max: 3 }),
    language: fc.constantFrom('JAVA', 'CPP', 'GO', 'RUST'),
    opaque: fc.integer({ min: 0, max: 0x7fffffff }),
    version: fc.integer({ min: 0, max: 32767 }),
    remark: fc.option(fc.string({ minLength: 1, unit: 'grapheme' }), { nil: undefined }),
    extFields: fc.option(fc.dictionary(fc.string({ minLength: 1 }), fc.string(), { minKeys: 1 }), {
      nil: undefined,
    }),
    body: fc.option(fc.uint8Array({ minLength: 1, maxLength: 300 }).map(Buffer.from), { nil: undefined }),
    serializeType: fc.constantFrom('JSON' as const, 'ROCKETMQ' as const),
  });
  const clean = (c: Record<string, unknown>): RemotingCommand =>
    Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined)) as unknown as RemotingCommand;

  it('decode(encode(x)) = x for both header types', () => {
    fc.assert(
      fc.property(command, (c) => {
        const [back] = feed(encodeFrame(clean(c)), []);
        expect(back).toEqual(clean(c));
      }),
      { numRuns: 300 },
    );
  });

  it('any split of several frames into chunks gives the same frames', () => {
    fc.assert(
      fc.property(
        fc.array(command, { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat(3000), { maxLength: 20 }),
        (commands, cuts) => {
          const all = Buffer.concat(commands.map((c) => encodeFrame(clean(c))));
          expect(feed(all, cuts)).toEqual(commands.map(clean));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('byte by byte, and three frames in one chunk', () => {
    const frames = [1, 2, 3].map((opaque) =>
      encodeFrame(request({ opaque, body: Buffer.from(`b${opaque}`) })),
    );
    const all = Buffer.concat(frames);
    const byteCuts = Array.from({ length: all.length }, (_, i) => i);
    expect(feed(all, byteCuts).map((c) => c.opaque)).toEqual([1, 2, 3]);
    expect(new FrameDecoder().push(all).map((c) => c.body?.toString())).toEqual(['b1', 'b2', 'b3']);
  });

  it('a frame split right after the length field waits for the rest', () => {
    const frame = encodeFrame(request());
    const decoder = new FrameDecoder();
    expect(decoder.push(frame.subarray(0, 4))).toEqual([]);
    expect(decoder.push(frame.subarray(4, 9))).toEqual([]);
    expect(decoder.pending).toBe(9);
    expect(decoder.push(frame.subarray(9))).toHaveLength(1);
  });
});

describe('real 4.8.0 answers', () => {
  it('JSON header with the extra serializeTypeCurrentRPC field', () => {
    const [cmd] = new FrameDecoder().push(fixture('cluster-info-106.json-header.frame'));
    expect(cmd).toMatchObject({
      code: 0,
      flag: 1,
      language: 'JAVA',
      opaque: 7,
      version: 373,
      serializeType: 'JSON',
    });
  });

  it('binary header from a name server started with rocketmq.serialize.type=ROCKETMQ', () => {
    const bytes = fixture('cluster-info-106.binary-header.frame');
    expect(bytes.readUInt8(4)).toBe(1);
    const [cmd] = feed(bytes, [3, 10, 21, 40]);
    expect(cmd).toMatchObject({
      code: 0,
      flag: 1,
      language: 'JAVA',
      opaque: 7,
      version: 373,
      serializeType: 'ROCKETMQ',
    });
    expect(cmd?.remark).toBeUndefined();
    expect(cmd?.body?.toString()).toContain('"brokerAddrs":{0:"127.0.0.1:20911"');
  });

  it('GET_BROKER_CONFIG answer carries the data version in extFields', () => {
    const [cmd] = new FrameDecoder().push(fixture('broker-config-26.master.frame'));
    expect(cmd?.extFields?.version).toMatch(/^\{"counter":\d+,"timestamp":\d+\}$/);
  });

  it('all captures decode whole, whatever the chunking', () => {
    const names = [
      'cluster-info-106.json-header.frame',
      'cluster-info-106.binary-header.frame',
      'broker-config-26.master.frame',
      'broker-config-26.slave.frame',
      'broker-runtime-info-28.master.frame',
      'broker-runtime-info-28.slave.frame',
    ];
    const all = Buffer.concat(names.map(fixture));
    const cuts = Array.from({ length: 40 }, (_, i) => (i * 337) % all.length);
    expect(feed(all, cuts).map((c) => c.opaque)).toEqual(names.map(() => 7));
  });
});

describe('malformed frames', () => {
  it('rejects a length above 16 MiB before buffering it', () => {
    const head = Buffer.alloc(8);
    head.writeInt32BE(MAX_FRAME_BYTES, 0);
    expect(() => new FrameDecoder().push(head)).toThrow(FrameError);
    head.writeInt32BE(-5, 0);
    expect(() => new FrameDecoder().push(head)).toThrow(/outside/);
  });

  it('accepts exactly the largest frame', () => {
    const body = Buffer.alloc(MAX_FRAME_BYTES - 8 - 200);
    const frame = encodeFrame(request({ body }));
    expect(frame.length).toBeLessThanOrEqual(MAX_FRAME_BYTES);
    expect(new FrameDecoder().push(frame)[0]?.body?.length).toBe(body.length);
    expect(() => encodeFrame(request({ body: Buffer.alloc(MAX_FRAME_BYTES) }))).toThrow(RangeError);
  });

  it('rejects a header longer than its frame, an unknown type, and bad headers', () => {
    const payload = (typeAndLen: number, rest: Buffer): Buffer => {
      const b = Buffer.alloc(4);
      b.writeUInt32BE(typeAndLen >>> 0);
      return Buffer.concat([b, rest]);
    };
    expect(() => decodeFramePayload(payload(50, Buffer.from('{}')))).toThrow(/exceeds the frame/);
    expect(() => decodeFramePayload(payload((2 << 24) | 2, Buffer.from('{}')))).toThrow(
      /unknown serialize type 2/,
    );
    expect(() => decodeFramePayload(payload(3, Buffer.from('{x}')))).toThrow(/does not parse/);
    expect(() => decodeFramePayload(payload(2, Buffer.from('{}')))).toThrow(/wrong shape/);
    expect(() => decodeFramePayload(payload((1 << 24) | 5, Buffer.alloc(5)))).toThrow(/truncated/);
    // binary header whose remark length points past the end
    const bin = encodeFrame(request({ serializeType: 'ROCKETMQ' })).subarray(4);
    bin.writeInt32BE(1000, 4 + 13);
    expect(() => decodeFramePayload(bin)).toThrow(/truncated in remark/);
  });
});
