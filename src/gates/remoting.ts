/**
 * A small client for RocketMQ's remoting protocol: just enough to ask a name server for the cluster
 * and a broker for its loaded config and runtime stats. No Node library speaks it well, so the frame
 * codec is ours (docs/rocketmq-notes.md, "The remoting protocol").
 */
import type { Duplex } from 'node:stream';
import { z } from 'zod';
import { dialFailure, directDialer, type Dialer } from './dialer.js';
import { parseFastjson, type JsonValue } from './fastjson.js';
import { parseBrokerConfigReport } from '../rocketmq/properties.js';
import { FrameCursor } from '../rocketmq/frame-cursor.js';
import { RolloutError, errorMessage } from '../errors.js';

export const RequestCode = {
  GET_BROKER_CONFIG: 26,
  GET_BROKER_RUNTIME_INFO: 28,
  GET_BROKER_CLUSTER_INFO: 106,
} as const;

export const ResponseCode = {
  SUCCESS: 0,
  SYSTEM_ERROR: 1,
  SYSTEM_BUSY: 2,
  REQUEST_CODE_NOT_SUPPORTED: 3,
} as const;

/** The header's serialize type, the top byte of the second int32. */
export const SerializeType = { JSON: 0, ROCKETMQ: 1 } as const;
export type SerializeTypeName = keyof typeof SerializeType;

/** RocketMQ's LanguageCode enum, index = wire byte in the binary header. */
const LANGUAGES = [
  'JAVA',
  'CPP',
  'DOTNET',
  'PYTHON',
  'DELPHI',
  'ERLANG',
  'RUBY',
  'OTHER',
  'HTTP',
  'GO',
  'PHP',
  'OMS',
  'RUST',
  'NODE_JS',
] as const;

/** MQVersion.Version.V4_8_0.ordinal(): what the 4.8.0 tools send. */
export const VERSION_4_8_0 = 373;
/** Netty's frame limit in RocketMQ (com.rocketmq.remoting.frameMaxLength), length field included. */
export const MAX_FRAME_BYTES = 16 * 1024 * 1024;

const FLAG_RESPONSE = 1;

export interface RemotingCommand {
  code: number;
  flag: number;
  language: string;
  opaque: number;
  version: number;
  remark?: string;
  extFields?: Record<string, string>;
  body?: Buffer;
  /** How the header travelled; encodeFrame uses it (default JSON). */
  serializeType?: SerializeTypeName;
}

export const isResponse = (cmd: Pick<RemotingCommand, 'flag'>): boolean => (cmd.flag & FLAG_RESPONSE) !== 0;

export type RemotingErrorKind = 'connect' | 'timeout' | 'closed' | 'protocol' | 'response' | 'aborted';

/** Every failure of a remoting call, typed so a gate can say what went wrong in plain words. */
export class RemotingError extends RolloutError {
  constructor(
    readonly kind: RemotingErrorKind,
    readonly addr: string,
    message: string,
    /** The server's response code when kind is 'response'. */
    readonly responseCode?: number,
    options?: { cause?: unknown },
  ) {
    super(`remoting-${kind}`, `${addr}: ${message}`, { phase: 'gate', ...options });
  }
}

// ---------------------------------------------------------------------------------------------
// Frame codec

/** One frame: int32 length (4 + header + body), int32 type<<24 | headerLength, header, body. */
export function encodeFrame(cmd: RemotingCommand): Buffer {
  const type = cmd.serializeType ?? 'JSON';
  const header = type === 'JSON' ? encodeJsonHeader(cmd) : encodeBinaryHeader(cmd);
  if (header.length > 0xffffff) throw new RangeError(`header of ${header.length} bytes exceeds 24 bits`);
  const body = cmd.body ?? Buffer.alloc(0);
  const length = 4 + header.length + body.length;
  if (length + 4 > MAX_FRAME_BYTES)
    throw new RangeError(`frame of ${length + 4} bytes exceeds ${MAX_FRAME_BYTES}`);
  const prefix = Buffer.alloc(8);
  prefix.writeInt32BE(length, 0);
  prefix.writeUInt32BE(((SerializeType[type] << 24) | header.length) >>> 0, 4);
  return Buffer.concat([prefix, header, body]);
}

function encodeJsonHeader(cmd: RemotingCommand): Buffer {
  const header: Record<string, unknown> = {
    code: cmd.code,
    flag: cmd.flag,
    language: cmd.language,
    opaque: cmd.opaque,
    version: cmd.version,
  };
  if (cmd.remark !== undefined) header.remark = cmd.remark;
  if (cmd.extFields !== undefined) header.extFields = cmd.extFields;
  return Buffer.from(JSON.stringify(header), 'utf8');
}

/** RocketMQSerializable: short code, byte language, short version, int opaque, int flag, remark, ext. */
function encodeBinaryHeader(cmd: RemotingCommand): Buffer {
  const remark = cmd.remark ? Buffer.from(cmd.remark, 'utf8') : Buffer.alloc(0);
  const extParts: Buffer[] = [];
  for (const [key, value] of Object.entries(cmd.extFields ?? {})) {
    const k = Buffer.from(key, 'utf8');
    const v = Buffer.from(value, 'utf8');
    const lens = Buffer.alloc(6);
    lens.writeInt16BE(k.length, 0);
    extParts.push(lens.subarray(0, 2), k);
    lens.writeInt32BE(v.length, 2);
    extParts.push(lens.subarray(2, 6), v);
  }
  const ext = Buffer.concat(extParts);
  const fixed = Buffer.alloc(13);
  fixed.writeInt16BE(cmd.code, 0);
  const language = LANGUAGES.indexOf(cmd.language as (typeof LANGUAGES)[number]);
  fixed.writeUInt8(language < 0 ? LANGUAGES.indexOf('OTHER') : language, 2);
  fixed.writeInt16BE(cmd.version, 3);
  fixed.writeInt32BE(cmd.opaque, 5);
  fixed.writeInt32BE(cmd.flag, 9);
  const remarkLen = Buffer.alloc(4);
  remarkLen.writeInt32BE(remark.length);
  const extLen = Buffer.alloc(4);
  extLen.writeInt32BE(ext.length);
  return Buffer.concat([fixed, remarkLen, remark, extLen, ext]);
}

/** A record without a prototype: any key, even __proto__, is plain data. */
function ownRecord(entries: Array<[string, string]>): Record<string, string> {
  const record = Object.create(null) as Record<string, string>;
  for (const [k, v] of entries) record[k] = v;
  return record;
}

export class FrameError extends RolloutError {
  constructor(message: string) {
    super('frame', message);
  }
}

const JsonHeaderSchema = z.looseObject({
  code: z.number().int(),
  flag: z.number().int().default(0),
  language: z.string().default('JAVA'),
  opaque: z.number().int(),
  version: z.number().int().default(0),
  remark: z.string().nullish(),
  extFields: z.record(z.string(), z.string()).nullish(),
});

/** Decodes one complete frame without its leading length field (what follows the int32 length). */
export function decodeFramePayload(payload: Buffer): RemotingCommand {
  if (payload.length < 4) throw new FrameError(`frame of ${payload.length} bytes has no header length`);
  const mark = payload.readUInt32BE(0);
  const typeByte = mark >>> 24;
  const headerLength = mark & 0xffffff;
  if (4 + headerLength > payload.length) {
    throw new FrameError(
      `header length ${headerLength} exceeds the frame (${payload.length - 4} bytes left)`,
    );
  }
  const header = payload.subarray(4, 4 + headerLength);
  const body = payload.subarray(4 + headerLength);
  let cmd: RemotingCommand;
  if (typeByte === SerializeType.JSON) cmd = decodeJsonHeader(header);
  else if (typeByte === SerializeType.ROCKETMQ) cmd = decodeBinaryHeader(header);
  else throw new FrameError(`unknown serialize type ${typeByte}`);
  if (body.length > 0) cmd.body = Buffer.from(body);
  return cmd;
}

function decodeJsonHeader(header: Buffer): RemotingCommand {
  let raw: JsonValue;
  try {
    raw = parseFastjson(header.toString('utf8'));
  } catch (e) {
    throw new FrameError(`JSON header does not parse: ${errorMessage(e)}`);
  }
  const parsed = JsonHeaderSchema.safeParse(raw);
  if (!parsed.success)
    throw new FrameError(`JSON header has the wrong shape: ${z.prettifyError(parsed.error)}`);
  const h = parsed.data;
  const cmd: RemotingCommand = {
    code: h.code,
    flag: h.flag,
    language: h.language,
    opaque: h.opaque,
    version: h.version,
    serializeType: 'JSON',
  };
  if (h.remark != null) cmd.remark = h.remark;
  // From the parsed JSON, not zod's copy: a key named __proto__ must survive as data.
  const ext = (raw as { extFields?: Record<string, string> | null }).extFields;
  if (ext != null) cmd.extFields = ownRecord(Object.entries(ext));
  return cmd;
}

function decodeBinaryHeader(header: Buffer): RemotingCommand {
  const at = new FrameCursor(header, 'binary header', (m) => new FrameError(m));
  at.need(13, 'fixed fields');
  const code = header.readInt16BE(0);
  const languageByte = header.readUInt8(2);
  const version = header.readInt16BE(3);
  const opaque = header.readInt32BE(5);
  const flag = header.readInt32BE(9);
  at.pos = 13;
  const remark = at.text(at.length(4, 'remark'));
  const extLength = at.length(4, 'extFields');
  let pos = at.pos;
  const extEnd = pos + extLength;
  const extFields = ownRecord([]);
  while (pos < extEnd) {
    if (pos + 2 > extEnd) throw new FrameError('binary header truncated in an extFields key length');
    const keyLength = header.readInt16BE(pos);
    pos += 2;
    if (keyLength < 0 || pos + keyLength > extEnd)
      throw new FrameError('binary header truncated in an extFields key');
    const key = header.toString('utf8', pos, pos + keyLength);
    pos += keyLength;
    if (pos + 4 > extEnd) throw new FrameError('binary header truncated in an extFields value length');
    const valueLength = header.readInt32BE(pos);
    pos += 4;
    if (valueLength < 0 || pos + valueLength > extEnd) {
      throw new FrameError('binary header truncated in an extFields value');
    }
    extFields[key] = header.toString('utf8', pos, pos + valueLength);
    pos += valueLength;
  }
  const cmd: RemotingCommand = {
    code,
    flag,
    language: LANGUAGES[languageByte] ?? `UNKNOWN(${languageByte})`,
    opaque,
    version,
    serializeType: 'ROCKETMQ',
  };
  if (remark !== '') cmd.remark = remark;
  if (extLength > 0) cmd.extFields = extFields;
  return cmd;
}

/**
 * Reassembles frames from a byte stream: a chunk may hold part of a frame or several frames.
 * Rejects a frame longer than MAX_FRAME_BYTES before buffering it.
 */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;

  push(chunk: Buffer): RemotingCommand[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const out: RemotingCommand[] = [];
    for (;;) {
      if (this.buffered < 4) return out;
      const head = this.peek(4);
      const length = head.readInt32BE(0);
      if (length < 4 || length + 4 > MAX_FRAME_BYTES) {
        throw new FrameError(`frame length ${length} outside 4..${MAX_FRAME_BYTES - 4}`);
      }
      if (this.buffered < 4 + length) return out;
      const frame = this.take(4 + length);
      out.push(decodeFramePayload(frame.subarray(4)));
    }
  }

  /** Bytes received but not yet a whole frame. */
  get pending(): number {
    return this.buffered;
  }

  private peek(n: number): Buffer {
    if ((this.chunks[0]?.length ?? 0) < n) this.chunks = [Buffer.concat(this.chunks)];
    return (this.chunks[0] as Buffer).subarray(0, n);
  }

  private take(n: number): Buffer {
    const all = this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks);
    const frame = all.subarray(0, n);
    const rest = all.subarray(n);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
    return frame;
  }
}

// ---------------------------------------------------------------------------------------------
// Client

export interface CallOptions {
  /** Whole call: connect, send, answer. Default 3000 ms. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** How to reach the server; default plain TCP from this process. */
  dial?: Dialer;
}

export const DEFAULT_CALL_TIMEOUT_MS = 3000;

/** `host:port` or `[v6]:port` → parts. */
export function parseAddress(addr: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+)):([0-9]{1,5})$/.exec(addr.trim());
  const port = match ? Number(match[3]) : NaN;
  if (!match || !(port >= 1 && port <= 65535)) {
    throw new RemotingError('connect', addr, `not an address of the form host:port`);
  }
  return { host: (match[1] ?? match[2]) as string, port };
}

let nextOpaque = 1;
const newOpaque = (): number => {
  const opaque = nextOpaque;
  nextOpaque = nextOpaque >= 0x7fffffff ? 1 : nextOpaque + 1;
  return opaque;
};

export interface RemotingRequest {
  code: number;
  extFields?: Record<string, string>;
  body?: Buffer;
  serializeType?: SerializeTypeName;
}

function requestCommand(request: RemotingRequest, opaque: number): RemotingCommand {
  const cmd: RemotingCommand = {
    code: request.code,
    flag: 0,
    language: 'JAVA',
    opaque,
    version: VERSION_4_8_0,
    serializeType: request.serializeType ?? 'JSON',
  };
  if (request.extFields) cmd.extFields = request.extFields;
  if (request.body) cmd.body = request.body;
  return cmd;
}

type Finish = (error: RemotingError | undefined, response?: RemotingCommand) => void;

/** Sends `cmd` on the stream; our answer (matched by opaque), or how the stream ended, finishes the call. */
function converse(stream: Duplex, addr: string, cmd: RemotingCommand, finish: Finish): void {
  const decoder = new FrameDecoder();
  stream.on('data', (chunk: Buffer) => {
    let frames: RemotingCommand[];
    try {
      frames = decoder.push(chunk);
    } catch (e) {
      finish(new RemotingError('protocol', addr, errorMessage(e), undefined, { cause: e }));
      return;
    }
    for (const frame of frames) {
      // Servers may push unrelated requests (oneway notifications); only our answer counts.
      if (isResponse(frame) && frame.opaque === cmd.opaque) {
        finish(undefined, frame);
        return;
      }
    }
  });
  stream.on('error', (e: NodeJS.ErrnoException) => {
    finish(
      new RemotingError('closed', addr, `connection failed: ${dialFailure(e)}`, undefined, { cause: e }),
    );
  });
  stream.on('close', () => {
    finish(
      new RemotingError(
        'closed',
        addr,
        decoder.pending > 0
          ? `connection closed in the middle of a frame (${decoder.pending} bytes)`
          : 'connection closed before an answer',
      ),
    );
  });
  stream.write(encodeFrame(cmd));
}

/**
 * Sends one request on a fresh connection (from the dialer: a TCP socket or an SSH channel) and
 * resolves with the matching response (by opaque), whatever its code. Rejects only with
 * RemotingError. One connection per call keeps gates independent and leaves nothing open between
 * probes.
 */
export function invoke(
  addr: string,
  request: RemotingRequest,
  options: CallOptions = {},
): Promise<RemotingCommand> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
  return new Promise<RemotingCommand>((resolve, reject) => {
    let target: { host: string; port: number };
    try {
      target = parseAddress(addr);
    } catch (e) {
      reject(e);
      return;
    }
    const cmd = requestCommand(request, newOpaque());
    let connected = false;
    let settled = false;
    let socket: Duplex | undefined;
    // Ends a dial still under way when the call is over (timeout, abort).
    const dialing = new AbortController();
    const finish: Finish = (error, response) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      dialing.abort();
      socket?.destroy();
      if (error) reject(error);
      else resolve(response as RemotingCommand);
    };
    const onAbort = (): void => finish(new RemotingError('aborted', addr, 'call aborted'));
    const timer = setTimeout(
      () =>
        finish(
          new RemotingError(
            'timeout',
            addr,
            connected
              ? `no answer within ${timeoutMs} ms`
              : `connect did not complete within ${timeoutMs} ms`,
          ),
        ),
      timeoutMs,
    );
    if (options.signal?.aborted) {
      onAbort();
      return;
    }
    options.signal?.addEventListener('abort', onAbort, { once: true });

    const onConnected = (stream: Duplex): void => {
      if (settled) {
        stream.destroy();
        return;
      }
      socket = stream;
      connected = true;
      converse(stream, addr, cmd, finish);
    };
    (options.dial ?? directDialer)(target.host, target.port, dialing.signal).then(onConnected, (e: unknown) =>
      finish(
        new RemotingError('connect', addr, `cannot connect: ${dialFailure(e)}`, undefined, { cause: e }),
      ),
    );
  });
}

/** invoke, then insist on response code 0 (SUCCESS). */
export async function call(
  addr: string,
  request: Parameters<typeof invoke>[1],
  options?: CallOptions,
): Promise<RemotingCommand> {
  const response = await invoke(addr, request, options);
  if (response.code !== ResponseCode.SUCCESS) {
    throw new RemotingError(
      'response',
      addr,
      `request ${request.code} answered code ${response.code}${response.remark ? `: ${response.remark}` : ''}`,
      response.code,
    );
  }
  return response;
}

// ---------------------------------------------------------------------------------------------
// Typed requests

const BrokerDataSchema = z.looseObject({
  cluster: z.string(),
  brokerName: z.string(),
  /** brokerId (decimal text: fastjson writes the Long keys unquoted) → `ip:port`. */
  brokerAddrs: z.record(z.string(), z.string()),
});

export const ClusterInfoSchema = z.looseObject({
  brokerAddrTable: z.record(z.string(), BrokerDataSchema).default({}),
  clusterAddrTable: z.record(z.string(), z.array(z.string())).default({}),
});
export type ClusterInfo = z.infer<typeof ClusterInfoSchema>;

const KVTableSchema = z.looseObject({ table: z.record(z.string(), z.string()) });

function parseBody<T>(addr: string, what: string, body: Buffer | undefined, schema: z.ZodType<T>): T {
  if (!body || body.length === 0) throw new RemotingError('protocol', addr, `${what}: empty body`);
  let raw: JsonValue;
  try {
    raw = parseFastjson(body.toString('utf8'));
  } catch (e) {
    throw new RemotingError('protocol', addr, `${what}: body is not JSON: ${errorMessage(e)}`, undefined, {
      cause: e,
    });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new RemotingError('protocol', addr, `${what}: unexpected body: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

/** GET_BROKER_CLUSTER_INFO (106) to a name server. */
export async function fetchClusterInfo(addr: string, options?: CallOptions): Promise<ClusterInfo> {
  const response = await call(addr, { code: RequestCode.GET_BROKER_CLUSTER_INFO }, options);
  return parseBody(addr, 'cluster info', response.body, ClusterInfoSchema);
}

/** GET_BROKER_CONFIG (26) to a broker: the configuration it actually loaded. */
export async function fetchBrokerConfig(
  addr: string,
  options?: CallOptions,
): Promise<Record<string, string>> {
  const response = await call(addr, { code: RequestCode.GET_BROKER_CONFIG }, options);
  return parseBrokerConfigReport(response.body?.toString('utf8') ?? '');
}

export interface BrokerRuntimeInfo {
  /** The raw `table` (all values are strings on the wire). */
  table: Record<string, string>;
  brokerVersionDesc?: string;
  commitLogMaxOffset?: number;
}

/** GET_BROKER_RUNTIME_INFO (28) to a broker. */
export async function fetchBrokerRuntimeInfo(
  addr: string,
  options?: CallOptions,
): Promise<BrokerRuntimeInfo> {
  const response = await call(addr, { code: RequestCode.GET_BROKER_RUNTIME_INFO }, options);
  const { table } = parseBody(addr, 'broker runtime info', response.body, KVTableSchema);
  const info: BrokerRuntimeInfo = { table: { ...table } };
  if (table.brokerVersionDesc !== undefined) info.brokerVersionDesc = table.brokerVersionDesc;
  const offset = table.commitLogMaxOffset;
  if (offset !== undefined) {
    if (!/^[0-9]+$/.test(offset) || !Number.isSafeInteger(Number(offset))) {
      throw new RemotingError(
        'protocol',
        addr,
        `commitLogMaxOffset ${JSON.stringify(offset)} is not an offset`,
      );
    }
    info.commitLogMaxOffset = Number(offset);
  }
  return info;
}

/** UNREGISTER_BROKER: what a broker sends each name server when it shuts down cleanly. */
export const UNREGISTER_BROKER = 104;

export interface BrokerIdentity {
  clusterName: string;
  brokerName: string;
  /** `brokerIP1:listenPort`, as the broker registered it. */
  brokerAddr: string;
  brokerId: number;
}

/**
 * UNREGISTER_BROKER (104) to a name server: forget one broker's registration now rather than
 * after the 120 s a name server waits for a broker that stopped without saying so.
 */
export async function unregisterBroker(
  addr: string,
  broker: BrokerIdentity,
  options?: CallOptions,
): Promise<void> {
  await call(
    addr,
    {
      code: UNREGISTER_BROKER,
      extFields: {
        clusterName: broker.clusterName,
        brokerName: broker.brokerName,
        brokerAddr: broker.brokerAddr,
        brokerId: String(broker.brokerId),
      },
    },
    options,
  );
}

// ---------------------------------------------------------------------------------------------
// Draining a master: its write permission, and the routes clients read

/** RocketMQ's PermName bits: a topic's (and a broker's brokerPermission) read and write rights. */
export const PermName = { READ: 4, WRITE: 2, INHERIT: 1 } as const;

/** UPDATE_BROKER_CONFIG: what `mqadmin updateBrokerConfig -b ADDR -k KEY -v VALUE` sends. */
export const UPDATE_BROKER_CONFIG = 25;
/** GET_ROUTEINFO_BY_TOPIC: a name server's route of one topic, as producers poll it. */
export const GET_ROUTEINFO_BY_TOPIC = 105;
/** The name server's answer for a topic it has no route of. */
export const TOPIC_NOT_EXIST = 17;

/**
 * UPDATE_BROKER_CONFIG (25) to a broker: change keys of its running configuration (the body is
 * `key=value` lines, as java.util.Properties reads them). A brokerPermission change re-registers
 * the broker with every name server at once. The broker also writes its whole configuration back to
 * its `-c` file: a read-only mount (as rendered) keeps a drained permission from outliving the
 * container.
 */
export async function updateBrokerConfig(
  addr: string,
  changes: Record<string, string>,
  options?: CallOptions,
): Promise<void> {
  const lines = Object.entries(changes).map(([k, v]) => {
    // Properties.load would read these as escapes, separators or line breaks.
    if (!/^[A-Za-z][A-Za-z0-9_.]*$/.test(k) || /[\\\r\n]/.test(v) || /^[\s=:]/.test(v)) {
      throw new RemotingError(
        'protocol',
        addr,
        `cannot send ${JSON.stringify(k)}=${JSON.stringify(v)} as a property`,
      );
    }
    return `${k}=${v}\n`;
  });
  if (lines.length === 0) throw new RemotingError('protocol', addr, 'updateBrokerConfig: nothing to change');
  await call(addr, { code: UPDATE_BROKER_CONFIG, body: Buffer.from(lines.join(''), 'utf8') }, options);
}

const QueueDataSchema = z.looseObject({
  brokerName: z.string(),
  readQueueNums: z.number().int(),
  writeQueueNums: z.number().int(),
  perm: z.number().int(),
});

const TopicRouteSchema = z.looseObject({
  queueDatas: z.array(QueueDataSchema).default([]),
  brokerDatas: z.array(BrokerDataSchema).default([]),
});
export type TopicRoute = z.infer<typeof TopicRouteSchema>;

/**
 * GET_ROUTEINFO_BY_TOPIC (105) to a name server: the queues of each broker group that serves the
 * topic, with the perm producers go by. Undefined when the name server has no route of it.
 */
export async function fetchTopicRoute(
  addr: string,
  topic: string,
  options?: CallOptions,
): Promise<TopicRoute | undefined> {
  const response = await invoke(addr, { code: GET_ROUTEINFO_BY_TOPIC, extFields: { topic } }, options);
  if (response.code === TOPIC_NOT_EXIST) return undefined;
  if (response.code !== ResponseCode.SUCCESS) {
    throw new RemotingError(
      'response',
      addr,
      `request ${GET_ROUTEINFO_BY_TOPIC} answered code ${response.code}${response.remark ? `: ${response.remark}` : ''}`,
      response.code,
    );
  }
  return parseBody(addr, `route of ${topic}`, response.body, TopicRouteSchema);
}

/** The perm a route gives one broker group's queues; undefined when that group does not serve it. */
export function routePerm(route: TopicRoute, brokerName: string): number | undefined {
  return route.queueDatas.find((q) => q.brokerName === brokerName)?.perm;
}

/** GET_ALL_TOPIC_LIST_FROM_NAMESERVER: every topic a name server has a route of. */
export const GET_ALL_TOPIC_LIST_FROM_NAMESERVER = 206;

const TopicListSchema = z.looseObject({ topicList: z.array(z.string()).default([]) });

/** GET_ALL_TOPIC_LIST_FROM_NAMESERVER (206) to a name server: the topics, sorted. */
export async function fetchTopicList(addr: string, options?: CallOptions): Promise<string[]> {
  const response = await call(addr, { code: GET_ALL_TOPIC_LIST_FROM_NAMESERVER }, options);
  return [...parseBody(addr, 'topic list', response.body, TopicListSchema).topicList].sort();
}
