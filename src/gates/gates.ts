/**
 * The health gates of a rollout step (README, "Safety model"). Each gate is a described probe:
 * one check with a human message, meant to be polled with pollUntil (runGate does both) so that a
 * step passes only on several successes in a row.
 */
import { errorMessage } from '../errors.js';
import { z } from 'zod';
import { dialFailure, dialWithin, directDialer, httpGet, type Dialer, type HttpAnswer } from './dialer.js';
import { parseFastjson, type JsonValue } from './fastjson.js';
import { pollUntil, type GateOutcome, type PollOptions, type Probe, type ProbeResult } from './poll.js';
import {
  DEFAULT_CALL_TIMEOUT_MS,
  fetchBrokerConfig,
  fetchBrokerRuntimeInfo,
  fetchClusterInfo,
  RemotingError,
  type ClusterInfo,
} from './remoting.js';

export interface Gate<T> {
  /** What the gate waits for, e.g. "broker-a/1 registered on every name server". */
  describe: string;
  probe: Probe<T>;
}

export interface GateCallOptions {
  /** Per network call (connect + answer). Default 3000 ms. */
  timeoutMs?: number;
  /** How to reach the target; default plain TCP from this process. */
  dial?: Dialer;
}

/** Polls a gate; options as pollUntil's, the description defaults to the gate's. */
export function runGate<T>(
  gate: Gate<T>,
  options: Omit<PollOptions, 'describe'> & { describe?: string },
): Promise<GateOutcome<T>> {
  return pollUntil(gate.probe, { ...options, describe: options.describe ?? gate.describe });
}

const reasonOf = (e: unknown): string => {
  if (e instanceof RemotingError) {
    switch (e.kind) {
      case 'connect':
        return `no answer: ${e.message}`;
      case 'timeout':
        return `too slow: ${e.message}`;
      default:
        return e.message;
    }
  }
  return e instanceof Error ? e.message : String(e);
};

// ---------------------------------------------------------------------------------------------
// Port gate

export interface TcpGateValue {
  address: string;
  port: number;
  connectMs: number;
}

/** A connection to a published port (through the dialer: over SSH, as the host itself sees it). */
export function tcpGate(address: string, port: number, options: GateCallOptions = {}): Gate<TcpGateValue> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
  const dial = options.dial ?? directDialer;
  const where = address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
  return {
    describe: `port ${where} accepts connections`,
    probe: async (): Promise<ProbeResult<TcpGateValue>> => {
      const started = performance.now();
      const signal = AbortSignal.timeout(timeoutMs);
      try {
        (await dialWithin(dial, address, port, signal)).destroy();
        const connectMs = Math.round(performance.now() - started);
        return { ok: true, message: `${where} accepts connections`, value: { address, port, connectMs } };
      } catch (e) {
        if (signal.aborted)
          return { ok: false, message: `${where}: connect did not complete within ${timeoutMs} ms` };
        return { ok: false, message: `${where}: ${dialFailure(e)}` };
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Name server gates

/** One broker as a name server lists it. */
export interface BrokerRegistration {
  cluster: string;
  brokerName: string;
  brokerId: number;
  /** brokerIP1:listenPort */
  addr: string;
}

/** Flattens a cluster-info answer into one row per broker instance, sorted. */
export function registrationsOf(info: ClusterInfo): BrokerRegistration[] {
  const rows: BrokerRegistration[] = [];
  for (const [brokerName, data] of Object.entries(info.brokerAddrTable)) {
    for (const [id, addr] of Object.entries(data.brokerAddrs)) {
      rows.push({ cluster: data.cluster, brokerName, brokerId: Number(id), addr });
    }
  }
  return rows.sort(
    (a, b) =>
      a.cluster.localeCompare(b.cluster) ||
      a.brokerName.localeCompare(b.brokerName) ||
      a.brokerId - b.brokerId,
  );
}

const label = (r: Pick<BrokerRegistration, 'brokerName' | 'brokerId'>): string =>
  `${r.brokerName}/${r.brokerId}`;

/** The name server answers GET_BROKER_CLUSTER_INFO. */
export function nameServerGate(addr: string, options: GateCallOptions = {}): Gate<ClusterInfo> {
  return {
    describe: `name server ${addr} answers`,
    probe: async () => {
      try {
        const info = await fetchClusterInfo(addr, options);
        const brokers = registrationsOf(info).length;
        const groups = Object.keys(info.brokerAddrTable).length;
        return {
          ok: true,
          message: `name server ${addr} answers (knows ${brokers} broker(s) in ${groups} group(s))`,
          value: info,
        };
      } catch (e) {
        return { ok: false, message: `name server ${addr}: ${reasonOf(e)}` };
      }
    },
  };
}

/** Why one name server does not list the broker as expected; undefined when it does. */
export function registrationProblem(info: ClusterInfo, expected: BrokerRegistration): string | undefined {
  const data = info.brokerAddrTable[expected.brokerName];
  if (!data) {
    const known = Object.keys(info.brokerAddrTable);
    return `does not list ${expected.brokerName} (knows ${known.length ? known.join(', ') : 'no broker'})`;
  }
  if (data.cluster !== expected.cluster) {
    return `lists ${expected.brokerName} in cluster ${data.cluster}, expected ${expected.cluster}`;
  }
  const listed = data.brokerAddrs[String(expected.brokerId)];
  if (listed !== expected.addr) {
    const otherId = Object.entries(data.brokerAddrs).find(([, a]) => a === expected.addr)?.[0];
    if (otherId !== undefined) {
      return (
        `lists ${expected.addr} as ${expected.brokerName}/${otherId}, expected brokerId ${expected.brokerId}` +
        (expected.brokerId > 0 && otherId === '0'
          ? ' (the slave runs as a master: check brokerRole, it is case-sensitive)'
          : '')
      );
    }
    if (listed !== undefined) {
      return `lists ${label(expected)} at ${listed}, expected ${expected.addr} (check brokerIP1 and listenPort)`;
    }
    const ids = Object.entries(data.brokerAddrs)
      .map(([id, a]) => `${id}=${a}`)
      .join(', ');
    return `does not list ${label(expected)} at ${expected.addr} (${expected.brokerName} has ${ids || 'no broker'})`;
  }
  if (!(info.clusterAddrTable[expected.cluster] ?? []).includes(expected.brokerName)) {
    return `does not list ${expected.brokerName} under cluster ${expected.cluster}`;
  }
  return undefined;
}

export interface NameServerView {
  nameServer: string;
  ok: boolean;
  detail: string;
}

/** EVERY name server lists the broker at brokerIP1:listenPort with the right brokerId in the right cluster. */
export function brokerRegisteredGate(
  nameServers: readonly string[],
  broker: BrokerRegistration,
  options: GateCallOptions = {},
): Gate<NameServerView[]> {
  const who = `${label(broker)} at ${broker.addr}`;
  return {
    describe: `${who} registered on every name server`,
    probe: async () => {
      if (nameServers.length === 0) return { ok: false, message: 'no name server to ask', value: [] };
      const views = await Promise.all(
        nameServers.map(async (nameServer): Promise<NameServerView> => {
          try {
            const problem = registrationProblem(await fetchClusterInfo(nameServer, options), broker);
            return { nameServer, ok: problem === undefined, detail: problem ?? 'lists it' };
          } catch (e) {
            return { nameServer, ok: false, detail: reasonOf(e) };
          }
        }),
      );
      const bad = views.filter((v) => !v.ok);
      const good = views.length - bad.length;
      if (bad.length === 0) {
        return {
          ok: true,
          message: `${who} listed on ${good} of ${views.length} name server(s)`,
          value: views,
        };
      }
      return {
        ok: false,
        message: `${who} listed on ${good} of ${views.length} name server(s); ${bad.map((v) => `${v.nameServer} ${v.detail}`).join('; ')}`,
        value: views,
      };
    },
  };
}

export interface CaughtUpValue {
  /** Brokers the other name servers know and the restarted one does not (yet). */
  missing: BrokerRegistration[];
  known: number;
}

const registrationKey = (r: BrokerRegistration): string =>
  `${r.cluster}\u0000${r.brokerName}\u0000${r.brokerId}\u0000${r.addr}`;

/**
 * After a name server restart: it knows every broker the other name servers know. Brokers
 * re-register every 30 s, so give this gate a deadline above that. An unreachable other name
 * server fails the probe: without its view "caught up" cannot be judged.
 */
export function nameServerCaughtUpGate(
  restarted: string,
  others: readonly string[],
  options: GateCallOptions = {},
): Gate<CaughtUpValue> {
  return {
    describe: `name server ${restarted} knows every broker the others know`,
    probe: async () => {
      const [mine, ...theirs] = await Promise.allSettled([
        fetchClusterInfo(restarted, options),
        ...others.map((o) => fetchClusterInfo(o, options)),
      ]);
      if (mine?.status !== 'fulfilled') {
        return { ok: false, message: `name server ${restarted}: ${reasonOf(mine?.reason)}` };
      }
      const unreachable = theirs.flatMap((r, i) =>
        r.status === 'rejected' ? [`${others[i]}: ${reasonOf(r.reason)}`] : [],
      );
      if (unreachable.length > 0) {
        return {
          ok: false,
          message: `cannot compare with the other name servers: ${unreachable.join('; ')}`,
        };
      }
      const have = new Set(registrationsOf(mine.value).map(registrationKey));
      const wanted = new Map<string, BrokerRegistration>();
      for (const r of theirs) {
        if (r.status === 'fulfilled')
          for (const reg of registrationsOf(r.value)) wanted.set(registrationKey(reg), reg);
      }
      const missing = [...wanted.entries()].filter(([k]) => !have.has(k)).map(([, reg]) => reg);
      const value = { missing, known: wanted.size - missing.length };
      if (missing.length === 0) {
        const basis =
          others.length === 0 ? 'no other name server to compare with' : `${wanted.size} broker(s)`;
        return { ok: true, message: `name server ${restarted} caught up (${basis})`, value };
      }
      return {
        ok: false,
        message: `name server ${restarted} knows ${value.known} of ${wanted.size} broker(s); missing ${missing.map((m) => `${label(m)} at ${m.addr}`).join(', ')} (brokers re-register every registerNameServerPeriod, 30 s by default)`,
        value,
      };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Console gate

export interface ExpectedConsoleBroker {
  brokerName: string;
  brokerId: number;
  /** When given, the console must show this address too. */
  addr?: string;
}

const ConsoleAnswerSchema = z.looseObject({
  status: z.number(),
  errMsg: z.string().nullish(),
  data: z
    .looseObject({
      clusterInfo: z
        .looseObject({
          brokerAddrTable: z.record(
            z.string(),
            z.looseObject({ brokerAddrs: z.record(z.string(), z.string()) }),
          ),
        })
        .nullish(),
    })
    .nullish(),
});

export type ConsoleGateOptions = GateCallOptions;

/** `http://host:8080` (or a full `.../cluster/list.query` URL) → the cluster list URL. */
export function consoleClusterUrl(url: string): string {
  if (/\/cluster\/list\.query(\?.*)?$/.test(url)) return url;
  return `${url.replace(/\/+$/, '')}/cluster/list.query`;
}

/** The console's cluster page lists every expected broker (status 0, HTTP 200). */
export function consoleGate(
  url: string,
  expected: readonly ExpectedConsoleBroker[],
  options: ConsoleGateOptions = {},
): Gate<JsonValue> {
  const target = consoleClusterUrl(url);
  const dial = options.dial ?? directDialer;
  const timeoutMs = options.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
  return {
    describe: `console ${url} lists ${expected.length} broker(s)`,
    probe: async () => {
      let response: HttpAnswer;
      try {
        response = await httpGet(target, dial, timeoutMs);
      } catch (e) {
        const timedOut = e instanceof Error && e.name === 'TimeoutError';
        const why = timedOut ? `no answer within ${timeoutMs} ms` : dialFailure(e);
        return { ok: false, message: `console ${target}: ${why}` };
      }
      const text = response.body;
      if (response.status >= 300 && response.status < 400) {
        const to = response.headers.location;
        return {
          ok: false,
          message: `console ${target}: HTTP ${response.status} redirect${to ? ` to ${to}` : ''}: the console requires a login (rocketmq.config.loginRequired=true), so the gate cannot read the cluster; turn the login off or give the gate a console it can read`,
        };
      }
      if (response.status !== 200) {
        return { ok: false, message: `console ${target}: HTTP ${response.status}` };
      }
      let body: JsonValue;
      try {
        body = parseFastjson(text);
      } catch (e) {
        return { ok: false, message: `console ${target}: answer is not JSON (${errorMessage(e)})` };
      }
      const parsed = ConsoleAnswerSchema.safeParse(body);
      if (!parsed.success) {
        return {
          ok: false,
          message: `console ${target}: unexpected answer: ${z.prettifyError(parsed.error)}`,
          value: body,
        };
      }
      if (parsed.data.status !== 0) {
        return {
          ok: false,
          message: `console ${target}: status ${parsed.data.status}: ${parsed.data.errMsg ?? '(no errMsg)'}`,
          value: body,
        };
      }
      const table = parsed.data.data?.clusterInfo?.brokerAddrTable ?? {};
      const problems: string[] = [];
      for (const e of expected) {
        const listed = table[e.brokerName]?.brokerAddrs[String(e.brokerId)];
        if (listed === undefined) problems.push(`${label(e)} missing`);
        else if (e.addr !== undefined && listed !== e.addr)
          problems.push(`${label(e)} at ${listed}, expected ${e.addr}`);
      }
      const found = expected.length - problems.length;
      if (problems.length > 0) {
        return {
          ok: false,
          message: `console ${url} lists ${found} of ${expected.length} expected broker(s): ${problems.join(', ')} (the console reads only its first name server)`,
          value: body,
        };
      }
      return {
        ok: true,
        message: `console ${url} lists all ${expected.length} expected broker(s)`,
        value: body,
      };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Effective-config gate

export interface ConfigMismatch {
  key: string;
  rendered: string;
  /** Undefined when the broker's loaded config has no such key. */
  loaded?: string;
  kind: 'different' | 'missing';
  message: string;
}

const PLAIN_NUMBER = /^[+-]?[0-9]+(\.[0-9]+)?$/;

/**
 * Keys whose setter fills a field of another name. GET_BROKER_CONFIG reports fields, and echoes the
 * file's raw text under the key itself, so the field is the proof (seen on 4.8.0).
 */
const REPORTED_AS: Readonly<Record<string, string>> = { enableBatchPush: 'isEnableBatchPush' };

/**
 * Whether a rendered value is what the broker loaded, normalised as Java reads it: numbers by value
 * (`048` loads as 48), booleans case-insensitively (Boolean.parseBoolean). Whitespace is never
 * normalised: 4.x does not trim, so `true ` loads as false and `10911 ` keeps the default.
 */
export function sameConfigValue(rendered: string, loaded: string): boolean {
  if (rendered === loaded) return true;
  if (PLAIN_NUMBER.test(rendered) && PLAIN_NUMBER.test(loaded)) return Number(rendered) === Number(loaded);
  if (loaded === 'true' || loaded === 'false') return rendered.toLowerCase() === loaded;
  return false;
}

/**
 * Compares the rendered broker.conf with the config a broker reports, key by key. A key missing
 * from the loaded config is a mismatch. 4.x echoes every key of its file (even ones it ignores), so
 * a key the version does not read cannot show here: validate checks keys against the version's table.
 */
export function compareBrokerConfig(
  rendered: Readonly<Record<string, string | number | boolean>>,
  loaded: Readonly<Record<string, string>>,
): ConfigMismatch[] {
  const mismatches: ConfigMismatch[] = [];
  for (const key of Object.keys(rendered).sort()) {
    const want = String(rendered[key]);
    const field = REPORTED_AS[key];
    const reportedKey = field !== undefined && Object.hasOwn(loaded, field) ? field : key;
    const got = Object.hasOwn(loaded, reportedKey) ? loaded[reportedKey] : undefined;
    const show = (v: string): string => (/^\S(.*\S)?$/.test(v) ? v : JSON.stringify(v));
    if (got === undefined) {
      mismatches.push({
        key,
        rendered: want,
        kind: 'missing',
        message: `${key}: rendered ${show(want)}, missing from the loaded config (RocketMQ dropped it)`,
      });
    } else if (!sameConfigValue(want, got)) {
      mismatches.push({
        key,
        rendered: want,
        loaded: got,
        kind: 'different',
        message: `${key}: rendered ${show(want)}, loaded ${show(got)}`,
      });
    }
  }
  return mismatches;
}

export interface EffectiveConfigValue {
  mismatches: ConfigMismatch[];
  loaded: Record<string, string>;
}

/** GET_BROKER_CONFIG and compare with the rendered broker.conf: the only proof the file took effect. */
export function effectiveConfigGate(
  brokerAddr: string,
  rendered: Readonly<Record<string, string | number | boolean>>,
  options: GateCallOptions = {},
): Gate<EffectiveConfigValue> {
  const count = Object.keys(rendered).length;
  return {
    describe: `broker ${brokerAddr} loaded the rendered broker.conf`,
    probe: async () => {
      let loaded: Record<string, string>;
      try {
        loaded = await fetchBrokerConfig(brokerAddr, options);
      } catch (e) {
        return { ok: false, message: `broker ${brokerAddr}: ${reasonOf(e)}` };
      }
      const mismatches = compareBrokerConfig(rendered, loaded);
      const value = { mismatches, loaded };
      if (mismatches.length === 0) {
        return {
          ok: true,
          message: `broker ${brokerAddr} loaded all ${count} rendered key(s) as written`,
          value,
        };
      }
      return {
        ok: false,
        message: `broker ${brokerAddr} did not load ${mismatches.length} of ${count} rendered key(s): ${mismatches.map((m) => m.message).join('; ')}`,
        value,
      };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Replication gate

export interface ReplicationOffsets {
  masterAddr: string;
  slaveAddr: string;
  /** The master's commitLogMaxOffset when the gate first saw it: the slave must reach it. */
  target: number;
  master: number;
  slave: number;
  /** master - slave, now. */
  behind: number;
  /** False while the master has written nothing: equal zeros prove no replication. */
  proven: boolean;
}

/** Both brokers' commitLogMaxOffset (GET_BROKER_RUNTIME_INFO), for reports. */
export async function fetchReplicationOffsets(
  masterAddr: string,
  slaveAddr: string,
  options: GateCallOptions = {},
): Promise<{ master: number; slave: number }> {
  const [m, s] = await Promise.all([
    fetchBrokerRuntimeInfo(masterAddr, options),
    fetchBrokerRuntimeInfo(slaveAddr, options),
  ]);
  if (m.commitLogMaxOffset === undefined)
    throw new Error(`master ${masterAddr} reports no commitLogMaxOffset`);
  if (s.commitLogMaxOffset === undefined) throw new Error(`slave ${slaveAddr} reports no commitLogMaxOffset`);
  return { master: m.commitLogMaxOffset, slave: s.commitLogMaxOffset };
}

/**
 * The slave really syncs: it passes once the slave's commitLogMaxOffset reaches the master's offset
 * as first observed by this gate. "Connected" is no proof (docs/rocketmq-notes.md: a slave can keep a dead HA
 * address and silently stop); write to the master before polling to make the proof meaningful.
 * Each gate instance keeps its own target: create a new one per check.
 */
export function replicationGate(
  masterAddr: string,
  slaveAddr: string,
  options: GateCallOptions = {},
): Gate<ReplicationOffsets> {
  let target: number | undefined;
  return {
    describe: `slave ${slaveAddr} replicates master ${masterAddr}`,
    probe: async () => {
      let offsets: { master: number; slave: number };
      try {
        offsets = await fetchReplicationOffsets(masterAddr, slaveAddr, options);
      } catch (e) {
        return { ok: false, message: `replication ${masterAddr} -> ${slaveAddr}: ${reasonOf(e)}` };
      }
      target ??= offsets.master;
      const value: ReplicationOffsets = {
        masterAddr,
        slaveAddr,
        target,
        master: offsets.master,
        slave: offsets.slave,
        behind: offsets.master - offsets.slave,
        proven: target > 0,
      };
      const now = `master at ${offsets.master}, slave at ${offsets.slave}`;
      if (offsets.slave < target) {
        return {
          ok: false,
          message: `slave ${slaveAddr} behind: ${now}, needs ${target} (${target - offsets.slave} bytes to go)`,
          value,
        };
      }
      if (offsets.master < target) {
        // A master that goes backwards lost its store: the slave holds data the master does not.
        return {
          ok: false,
          message: `master ${masterAddr} went back from ${target} to ${offsets.master}: its store was replaced?`,
          value,
        };
      }
      let note = value.proven ? '' : ' (the master has written nothing yet: write before trusting this)';
      // Seen for a moment between the two reads; lasting, it means the master lost its store.
      if (offsets.slave > offsets.master) note += ' (slave ahead of master)';
      return { ok: true, message: `slave ${slaveAddr} reached ${target}: ${now}${note}`, value };
    },
  };
}
