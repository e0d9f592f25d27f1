/**
 * The probe gate's messages (issue 12): one message through a broker group proves more than ports
 * and offsets. It is sent to the master (SEND_MESSAGE_V2) on a topic of that broker only, and read
 * back by its commit-log offset from the master and from each slave (VIEW_MESSAGE_BY_ID): a slave's
 * commit log is a byte copy of its master's, so finding the probe there proves replication end to
 * end, where equal offsets of 0 prove nothing. Frames as remoting.ts encodes them.
 */
import { FrameCursor } from '../rocketmq/frame-cursor.js';
import { errorMessage } from '../errors.js';
import { call, RemotingError, ResponseCode, type CallOptions } from './remoting.js';
import type { Gate } from './gates.js';

/** UPDATE_AND_CREATE_TOPIC, SEND_MESSAGE_V2, VIEW_MESSAGE_BY_ID. */
export const PROBE_CODES = {
  UPDATE_AND_CREATE_TOPIC: 17,
  SEND_MESSAGE_V2: 310,
  VIEW_MESSAGE_BY_ID: 33,
} as const;

/** Producer group of the probe (any name the broker accepts; it needs no registration). */
export const PROBE_PRODUCER_GROUP = 'rocketmq_rollout_probe';

/** The probe topic of a group: topic names take letters, digits, '_', '-', '%', '|' only. */
export function probeTopic(group: string): string {
  return `rocketmq-rollout-probe-${group.replace(/[^A-Za-z0-9_-]/g, '_')}`.slice(0, 127);
}

/** Message properties as RocketMQ writes them: name \u0001 value \u0002, one after the other. */
export function encodeProperties(props: Record<string, string>): string {
  return Object.entries(props)
    .map(([k, v]) => `${k}\u0001${v}\u0002`)
    .join('');
}

/** UPDATE_AND_CREATE_TOPIC (17) to one broker: the topic exists there only (4 queues, read-write). */
export async function createTopic(broker: string, topic: string, options?: CallOptions): Promise<void> {
  await call(
    broker,
    {
      code: PROBE_CODES.UPDATE_AND_CREATE_TOPIC,
      extFields: {
        topic,
        defaultTopic: 'TBW102',
        readQueueNums: '4',
        writeQueueNums: '4',
        perm: '6',
        topicFilterType: 'SINGLE_TAG',
        topicSysFlag: '0',
        order: 'false',
      },
    },
    options,
  );
}

/** What a broker answers a send with: the offset message id holds the commit-log offset. */
export interface SentMessage {
  msgId: string;
  queueId: number;
  queueOffset: number;
  /** Where the message starts in the commit log (from msgId). */
  commitLogOffset: number;
}

/**
 * The offset message id: hex of the store host (4-byte IPv4 or 16-byte IPv6, then a 4-byte port)
 * and the 8-byte commit-log offset.
 */
export function decodeOffsetMsgId(msgId: string): { host: string; port: number; offset: number } {
  const bytes = /^[0-9A-Fa-f]+$/.test(msgId) ? Buffer.from(msgId, 'hex') : Buffer.alloc(0);
  if (bytes.length !== 16 && bytes.length !== 28) throw new Error(`not an offset message id: ${msgId}`);
  const ipLength = bytes.length - 12;
  const ip = bytes.subarray(0, ipLength);
  const host = ipLength === 4 ? [...ip].join('.') : (ip.toString('hex').match(/.{4}/g) ?? []).join(':');
  const offset = bytes.readBigInt64BE(ipLength + 4);
  if (offset < 0n || offset > BigInt(Number.MAX_SAFE_INTEGER))
    throw new Error(`offset out of range in ${msgId}`);
  return { host, port: bytes.readInt32BE(ipLength), offset: Number(offset) };
}

/** SEND_MESSAGE_V2 (310) to a master: one message, queue 0, no flags; anything but SUCCESS fails. */
export async function sendMessage(
  broker: string,
  message: { topic: string; body: Buffer; properties?: Record<string, string> },
  options?: CallOptions,
): Promise<SentMessage> {
  const response = await call(
    broker,
    {
      code: PROBE_CODES.SEND_MESSAGE_V2,
      // SendMessageRequestHeaderV2: single-letter names keep the header small.
      extFields: {
        a: PROBE_PRODUCER_GROUP,
        b: message.topic,
        c: 'TBW102',
        d: '4',
        e: '0',
        f: '0',
        g: String(Date.now()),
        h: '0',
        i: encodeProperties({ WAIT: 'true', ...message.properties }),
        j: '0',
        k: 'false',
        m: 'false',
      },
      body: message.body,
    },
    options,
  );
  const ext = response.extFields ?? {};
  const msgId = ext.msgId ?? '';
  let decoded: { offset: number };
  try {
    decoded = decodeOffsetMsgId(msgId);
  } catch (e) {
    throw new RemotingError('protocol', broker, `send answered without a usable msgId: ${errorMessage(e)}`);
  }
  return {
    msgId,
    queueId: Number(ext.queueId ?? -1),
    queueOffset: Number(ext.queueOffset ?? -1),
    commitLogOffset: decoded.offset,
  };
}

export interface StoredMessage {
  topic: string;
  body: Buffer;
  queueId: number;
  commitLogOffset: number;
  properties: string;
}

const BORNHOST_V6 = 1 << 4;
const STOREHOST_V6 = 1 << 5;
const COMPRESSED = 1;

/** A message as the commit log stores it (MessageDecoder's layout; IPv4 or IPv6 hosts). */
export function decodeStoredMessage(buf: Buffer): StoredMessage {
  const at = new FrameCursor(buf, 'stored message', (m) => new Error(m));
  at.need(48, 'fixed fields');
  const totalSize = buf.readInt32BE(0);
  if (totalSize > buf.length) throw new Error(`stored message of ${totalSize} bytes, got ${buf.length}`);
  const queueId = buf.readInt32BE(12);
  const commitLogOffset = Number(buf.readBigInt64BE(28));
  const sysFlag = buf.readInt32BE(36);
  at.pos = 48;
  at.pos += sysFlag & BORNHOST_V6 ? 20 : 8; // born host and port
  at.pos += 8; // store timestamp
  at.pos += sysFlag & STOREHOST_V6 ? 20 : 8; // store host and port
  at.pos += 4 + 8; // reconsume times, prepared transaction offset
  const body = at.bytes(at.length(4, 'body'));
  const topic = at.text(at.length(1, 'topic'));
  const properties = at.text(at.length(2, 'properties'));
  if (sysFlag & COMPRESSED) throw new Error('stored message is compressed: not a probe');
  return { topic, body, queueId, commitLogOffset, properties };
}

/** VIEW_MESSAGE_BY_ID (33): the message at a commit-log offset (works on a slave too). */
export async function viewMessage(
  broker: string,
  offset: number,
  options?: CallOptions,
): Promise<StoredMessage> {
  const response = await call(
    broker,
    { code: PROBE_CODES.VIEW_MESSAGE_BY_ID, extFields: { offset: String(offset) } },
    options,
  );
  if (!response.body?.length) throw new RemotingError('protocol', broker, 'view message: empty body');
  try {
    return decodeStoredMessage(response.body);
  } catch (e) {
    throw new RemotingError('protocol', broker, errorMessage(e));
  }
}

export interface ProbeValue {
  topic: string;
  commitLogOffset: number;
  /** Brokers the probe was read back from (master first). */
  readFrom: string[];
}

const why = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * One probe message through the group: the topic created on the master (once), the message sent
 * (once), then read back from the master and every slave until all have it. Each gate instance
 * holds its own message: create one per check.
 */
export function probeGate(
  master: string,
  slaves: readonly string[],
  topic: string,
  options: CallOptions = {},
): Gate<ProbeValue> {
  let created = false;
  let sent: { offset: number; body: Buffer } | undefined;
  return {
    describe: `a probe message through ${master}${slaves.length ? ` to ${slaves.join(', ')}` : ''}`,
    probe: async () => {
      try {
        if (!created) await createTopic(master, topic, options);
        created = true;
        if (!sent) {
          const body = Buffer.from(`rocketmq-rollout probe ${new Date().toISOString()} ${Math.random()}`);
          sent = { offset: (await sendMessage(master, { topic, body }, options)).commitLogOffset, body };
        }
      } catch (e) {
        return { ok: false, message: `probe to ${master}: ${why(e)}` };
      }
      const probe = sent;
      for (const broker of [master, ...slaves]) {
        const role = broker === master ? 'master' : 'slave';
        let found: StoredMessage;
        try {
          found = await viewMessage(broker, probe.offset, options);
        } catch (e) {
          const notYet = e instanceof RemotingError && e.responseCode === ResponseCode.SYSTEM_ERROR;
          return {
            ok: false,
            message: `${role} ${broker} ${notYet ? 'has not got' : 'cannot show'} the probe at offset ${probe.offset}: ${why(e)}`,
          };
        }
        if (found.topic !== topic || !found.body.equals(probe.body)) {
          return {
            ok: false,
            message: `${role} ${broker} holds another message at offset ${probe.offset} (topic ${found.topic})`,
          };
        }
      }
      return {
        ok: true,
        message: `probe at offset ${probe.offset} read back from the master${slaves.length ? ` and ${slaves.length} slave(s)` : ''}`,
        value: { topic, commitLogOffset: probe.offset, readFrom: [master, ...slaves] },
      };
    },
  };
}
