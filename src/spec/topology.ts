/** Names the cluster's shape back to the user, with what that shape trades away. */
import type { SpecPath } from './findings.js';
import { own } from './own.js';
import type { Spec } from './schema.js';

/** A spec whose broken sections were dropped: every present section is valid. */
export type SpecDraft = { [K in keyof Spec]?: Spec[K] | undefined };

export type TopologyKind =
  | 'single-node'
  | 'master-slave'
  | 'multi-master'
  | 'multi-master-multi-slave-async'
  | 'multi-master-multi-slave-sync';

export interface Topology {
  kind: TopologyKind;
  /** e.g. "2 masters, 2 slaves, async replication". */
  summary: string;
  tradeoff: string;
}

/** A broker.conf value and the spec path that set it (most specific layer wins). */
export interface LayeredValue {
  value: string | number | boolean;
  path: SpecPath;
}

/**
 * The value of a broker.conf key for one member of a group, layered like the renderer does:
 * brokerDefaults < group config < instance config.
 */
export function layeredValue(
  spec: SpecDraft,
  group: string,
  member: 'master' | number,
  key: string,
): LayeredValue | undefined {
  const g = own(spec.brokers, group);
  const instance = member === 'master' ? g?.master : g?.slaves[member];
  const instancePath: SpecPath =
    member === 'master' ? ['brokers', group, 'master'] : ['brokers', group, 'slaves', member];
  const layers: [Record<string, string | number | boolean> | undefined, SpecPath][] = [
    [instance?.config, [...instancePath, 'config', key]],
    [g?.config, ['brokers', group, 'config', key]],
    [spec.brokerDefaults, ['brokerDefaults', key]],
  ];
  for (const [values, path] of layers) {
    const value = own(values, key);
    if (value !== undefined) return { value, path };
  }
  return undefined;
}

/** The role a group's master runs with: ASYNC_MASTER unless a layer says otherwise. */
export function masterRole(spec: SpecDraft, group: string): LayeredValue {
  return layeredValue(spec, group, 'master', 'brokerRole') ?? { value: 'ASYNC_MASTER', path: [] };
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function describeTopology(spec: SpecDraft): Topology | undefined {
  const groups = Object.entries(spec.brokers ?? {});
  if (groups.length === 0) return undefined;
  const masters = groups.length;
  const slaves = groups.reduce((n, [, g]) => n + g.slaves.length, 0);
  const withoutSlave = groups.filter(([, g]) => g.slaves.length === 0).map(([name]) => name);
  const replicated = groups.filter(([, g]) => g.slaves.length > 0).map(([name]) => name);
  const syncGroups = replicated.filter((name) => masterRole(spec, name).value === 'SYNC_MASTER');
  const allSync = replicated.length > 0 && syncGroups.length === replicated.length;
  const replication =
    syncGroups.length === 0
      ? 'async replication'
      : allSync
        ? 'sync replication'
        : `mixed replication (sync: ${syncGroups.join(', ')}; async: ${replicated.filter((n) => !syncGroups.includes(n)).join(', ')})`;

  const asyncTradeoff =
    'a slave copies the commit log shortly after each write: if a master host dies, messages written in the ' +
    'last moments before may be lost, and that group takes no writes until its master is back (slaves serve reads)';
  const syncTradeoff =
    'a send succeeds only once the slave holds the message, so losing a master loses nothing acknowledged; ' +
    'sends are slower by a network round trip and report SLAVE_NOT_AVAILABLE while the slave is down';

  if (slaves === 0 && masters === 1) {
    return {
      kind: 'single-node',
      summary: '1 master, no slave',
      tradeoff:
        'the simplest shape: when its host is down the whole cluster is down, and a lost disk loses every ' +
        'message; fine for development, not for production',
    };
  }
  if (slaves === 0) {
    return {
      kind: 'multi-master',
      summary: `${plural(masters, 'master')}, no slaves`,
      tradeoff:
        'full write throughput and the simplest operations; while a host is down its unconsumed messages ' +
        'cannot be read until it is back, and a lost disk loses them (there is no copy)',
    };
  }
  const missing = withoutSlave.length > 0 ? `; no slave for ${withoutSlave.join(', ')}` : '';
  const summary = `${plural(masters, 'master')}, ${plural(slaves, 'slave')}, ${replication}${missing}`;
  if (masters === 1) {
    return {
      kind: 'master-slave',
      summary,
      tradeoff: `${allSync ? syncTradeoff : asyncTradeoff}; with one master, writes stop while it is down`,
    };
  }
  return allSync
    ? { kind: 'multi-master-multi-slave-sync', summary, tradeoff: syncTradeoff }
    : { kind: 'multi-master-multi-slave-async', summary, tradeoff: asyncTradeoff };
}
