/** broker.conf keys in every layer: derived, unknown, read by another release, unsupported modes. */
import { keyReadBy, legacyKey, parseVersion, releasesReading, type KeyTable } from '../broker-keys.js';
import type { Finding, SpecPath } from '../findings.js';
import { own } from '../own.js';
import { didYouMean } from '../suggest.js';
import { checkBrokerValue, type Layer } from './broker-values.js';
import { finding, type Scalar } from './common.js';
import type { Context } from './context.js';
import { derivedKeyHint } from './derived-keys.js';

/** Modes where RocketMQ elects roles itself: incompatible with derived roles and brokerIds. */
const UNSUPPORTED_MODES: Readonly<Record<string, string>> = {
  enableDLegerCommitLog: 'DLedger mode',
  enableControllerMode: 'controller mode',
};

/** A key the layer's key table does not hold: an old spelling, another release's key, or a typo. */
function keyNotInTable(key: string, path: SpecPath, table: KeyTable, versionName: string): Finding {
  const legacy = legacyKey(key);
  const elsewhere = releasesReading(key);
  if (legacy) {
    return finding(
      'error',
      'legacy-broker-key',
      path,
      `broker.conf key ${key} is an old spelling (read until ${legacy.lastSeenIn}): RocketMQ ${versionName} ignores it silently`,
      `rename it to ${legacy.replacement}`,
      'key',
    );
  }
  if (elsewhere.length > 0) {
    return finding(
      'error',
      'broker-key-version',
      path,
      `RocketMQ ${versionName} does not read broker.conf key ${key} (read by ${elsewhere[0]}${elsewhere.length > 1 ? ` to ${elsewhere[elsewhere.length - 1]}` : ''}): it would be ignored silently`,
      'remove it, or use an image of a version that reads it',
      'key',
    );
  }
  const guess = didYouMean(key, table.keys.keys());
  return finding(
    'error',
    'unknown-broker-key',
    path,
    `unknown broker.conf key ${key}: RocketMQ ${versionName} ignores it silently`,
    guess ?? `remove it; only keys RocketMQ ${table.version} reads are allowed`,
    'key',
  );
}

/** Why the key itself is wrong in this layer (its value aside); undefined when it may be set. */
function keyFinding(
  key: string,
  value: Scalar,
  path: SpecPath,
  table: KeyTable,
  imageVersion: string | undefined,
): Finding | undefined {
  const derived = derivedKeyHint(key, imageVersion ? parseVersion(imageVersion) : undefined);
  if (derived) {
    return finding(
      'error',
      'derived-key',
      path,
      `broker.conf key ${key} ${derived.why}`,
      derived.hint,
      'key',
    );
  }
  if (!table.keys.has(key)) return keyNotInTable(key, path, table, imageVersion ?? table.version);
  // The family table may be newer than the exact release: the per-release matrix knows better.
  if (imageVersion && keyReadBy(key, imageVersion) === false) {
    const since = releasesReading(key)[0];
    return finding(
      'error',
      'broker-key-version',
      path,
      `RocketMQ ${imageVersion} does not read broker.conf key ${key}${since ? ` (read from ${since})` : ''}: it would be ignored silently`,
      'remove it, or use an image of a version that reads it',
      'key',
    );
  }
  const mode = own(UNSUPPORTED_MODES, key);
  if (mode && (value === true || value === 'true')) {
    return finding(
      'error',
      'unsupported-mode',
      path,
      `${key}: ${mode} elects masters itself, but this tool derives roles and brokerIds (master 0, slaves 1..n)`,
      `remove ${key}; DLedger and controller clusters are out of scope for now`,
    );
  }
  return undefined;
}

function checkBrokerConfigLayer(
  values: Record<string, Scalar> | undefined,
  layer: Layer,
  table: KeyTable,
  imageVersion: string | undefined,
  out: Finding[],
): void {
  if (!values) return;
  for (const [key, value] of Object.entries(values)) {
    const path = [...layer.path, key];
    const wrongKey = keyFinding(key, value, path, table, imageVersion);
    if (wrongKey) out.push(wrongKey);
    else checkBrokerValue(key, value, path, layer, table, out);
  }
}

/** Every broker.conf layer: brokerDefaults, group config, instance config. */
export function checkBrokerConfigs(ctx: Context, table: KeyTable, imageVersion: string | undefined): void {
  const { spec, out } = ctx;
  const layer = (values: Record<string, Scalar> | undefined, path: SpecPath, slave = false): void =>
    checkBrokerConfigLayer(values, { path, slave }, table, imageVersion, out);
  layer(spec.brokerDefaults, ['brokerDefaults']);
  for (const [group, g] of Object.entries(spec.brokers ?? {})) {
    layer(g.config, ['brokers', group, 'config']);
    layer(g.master.config, ['brokers', group, 'master', 'config']);
    g.slaves.forEach((s, i) => layer(s.config, ['brokers', group, 'slaves', i, 'config'], true));
  }
}
