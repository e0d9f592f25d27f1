/** broker.conf values: what RocketMQ would ignore silently, misread, or die on at start. */
import { posix } from 'node:path';
import type { BrokerKey, KeyTable } from '../broker-keys.js';
import type { Finding, SpecPath } from '../findings.js';
import { closest, listWords } from '../suggest.js';
import { CONTAINER_STORE, finding, hasControlCharacter, padded, show, type Scalar } from './common.js';

const INT_RANGE = [-(2n ** 31n), 2n ** 31n - 1n] as const;
const LONG_RANGE = [-(2n ** 63n), 2n ** 63n - 1n] as const;

/** Store paths must stay inside the mounted store, or `docker rm` deletes what they hold. */
const STORE_PATH_KEYS = new Set([
  'storePathRootDir',
  'storePathCommitLog',
  'storePathDLedgerCommitLog',
  'storePathEpochFile',
  'storePathBrokerIdentity',
  'readOnlyCommitLogStorePaths',
]);

const DELETE_WHEN = /^([01][0-9]|2[0-3])(;([01][0-9]|2[0-3]))*$/;
const DELAY_TOKEN = /^[0-9]+[smhd]$/;
const JAVA_DOUBLE = /^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?[fFdD]?$/;
const DEFAULT_DELAY_LEVELS = 18;

export interface Layer {
  /** Path of the config map: ['brokerDefaults'] or ['brokers', G, 'config'] or an instance's config. */
  path: SpecPath;
  /** A slave's own config: its role is derived. */
  slave: boolean;
}

function integerProblem(value: Scalar, range: readonly [bigint, bigint], type: string): string | undefined {
  let n: bigint | undefined;
  if (typeof value === 'number' && Number.isInteger(value)) n = BigInt(value);
  else if (typeof value === 'string' && /^[+-]?[0-9]+$/.test(value)) n = BigInt(value);
  if (n === undefined) return `${show(value)} is not a whole number`;
  if (n < range[0] || n > range[1]) return `${show(value)} does not fit a Java ${type}`;
  return undefined;
}

/** One broker.conf value being judged, and where its findings go. */
interface Value {
  key: string;
  value: Scalar;
  path: SpecPath;
  entry: BrokerKey;
  out: Finding[];
  /** An error at the value's path. */
  err: (code: string, message: string, hint: string) => void;
}

/** Keys whose values RocketMQ reads as an enum: case-sensitive, and brokerRole SLAVE is derived. */
function checkEnumValue(v: Value, layer: Layer, enumValues: readonly string[]): void {
  const { key, value, entry, err } = v;
  const allowed = key === 'brokerRole' ? enumValues.filter((x) => x !== 'SLAVE') : enumValues;
  if (key === 'brokerRole' && layer.slave) {
    err(
      'derived-key',
      "a slave's brokerRole is derived (SLAVE)",
      "remove brokerRole from this slave's config",
    );
    return;
  }
  if (key === 'brokerRole' && value === 'SLAVE') {
    err(
      'slave-role',
      'brokerRole SLAVE is not set by hand: every entry under `slaves` runs as SLAVE',
      `list the broker under brokers.<group>.slaves and use ${listWords(allowed)} here`,
    );
    return;
  }
  if (typeof value !== 'string' || !allowed.includes(value)) {
    const guess = closest(String(value), allowed);
    err(
      'broker-value',
      `${key} ${show(value)} is not one of ${listWords(allowed)} (case matters: RocketMQ keeps the default ${entry.default})`,
      guess ? `did you mean '${guess}'?` : `use one of ${listWords(allowed)}`,
    );
  }
}

function checkDelayLevels({ value, path, out, err }: Value): true {
  const text = String(value);
  const tokens = text.split(' ');
  const bad = tokens.filter((t) => !DELAY_TOKEN.test(t));
  if (bad.length > 0) {
    const what = bad.includes('')
      ? 'an empty level (two spaces in a row, or a space at an end)'
      : show(bad[0] ?? '');
    err(
      'delay-level',
      `messageDelayLevel has ${what}: each level is a number and s, m, h or d, separated by single spaces; the broker exits at start`,
      'e.g. "1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h" (the default)',
    );
  } else if (tokens.length < DEFAULT_DELAY_LEVELS) {
    out.push(
      finding(
        'notice',
        'delay-level-short',
        path,
        `messageDelayLevel has ${tokens.length} levels (the default has ${DEFAULT_DELAY_LEVELS}): consumer retries use level 3 + retry count, so every retry past level ${tokens.length} waits ${tokens[tokens.length - 1]}`,
        'fine if intended; delayed messages can only use these levels',
      ),
    );
  }
  return true;
}

function checkDeleteWhen({ value, path, out, err }: Value): true {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 23) {
    out.push(
      finding(
        'warning',
        'delete-when',
        path,
        `deleteWhen is the number ${value} (YAML reads an unquoted 04 as 4): it works, but it is not the "HH" string RocketMQ documents`,
        `quote it: deleteWhen: "${String(value).padStart(2, '0')}"`,
      ),
    );
    return true;
  }
  if (!DELETE_WHEN.test(String(value))) {
    err(
      'delete-when',
      `deleteWhen ${show(value)} is not hours 00-23 (two digits) joined by ';': expired commit log files would not be deleted on schedule and the disk fills up`,
      'e.g. deleteWhen: "04" or "04;16"',
    );
  }
  return true;
}

function checkReservedTime({ value, path, out, err }: Value): true {
  const problem = integerProblem(value, INT_RANGE, 'int');
  const hours = Number(value);
  if (problem || hours < 1) {
    err(
      'reserved-time',
      `fileReservedTime ${show(value)} must be a whole number of hours, at least 1`,
      'e.g. 48 or 72',
    );
  } else if (hours > 8760) {
    out.push(
      finding(
        'warning',
        'reserved-time',
        path,
        `fileReservedTime ${hours} keeps messages for more than a year`,
        'make sure the disk under dataRoot holds that much, or lower it (hours; default 72)',
      ),
    );
  }
  return true;
}

/** Judged here only when RocketMQ would clamp it; otherwise it goes on to the type check. */
function checkDiskRatio({ value, path, out }: Value): boolean {
  const n = Number(value);
  if (integerProblem(value, INT_RANGE, 'int') || (n >= 10 && n <= 95)) return false;
  out.push(
    finding(
      'warning',
      'broker-value',
      path,
      `diskMaxUsedSpaceRatio ${n} is clamped by RocketMQ to 10-95`,
      'use 10 to 95',
    ),
  );
  return true;
}

/** Keys with rules of their own; true when the value needs no further check. */
const KEY_RULES: ReadonlyMap<string, (v: Value) => boolean> = new Map([
  ['messageDelayLevel', checkDelayLevels],
  ['deleteWhen', checkDeleteWhen],
  ['fileReservedTime', checkReservedTime],
  ['diskMaxUsedSpaceRatio', checkDiskRatio],
]);

function checkStorePath({ key, value, err }: Value): void {
  const outside = String(value)
    .split(/[;,]/)
    .filter((p) => p !== '' && !(posix.normalize(p) + '/').startsWith(`${CONTAINER_STORE}/`));
  if (outside.length > 0) {
    err(
      'store-path',
      `${key} ${show(value)} is outside the mounted store ${CONTAINER_STORE}: what it holds is lost on docker rm`,
      `use a path below ${CONTAINER_STORE}/, or remove the key`,
    );
  }
}

/** The value against the Java type of its setter. */
function checkJavaType({ key, value, entry, err }: Value): void {
  const fallback = `RocketMQ ignores it silently and keeps the default (${entry.default})`;
  switch (entry.type) {
    case 'int':
    case 'long': {
      const problem = integerProblem(value, entry.type === 'int' ? INT_RANGE : LONG_RANGE, entry.type);
      if (problem)
        err('broker-value', `${key}: ${problem}: ${fallback}`, `write a whole number (a Java ${entry.type})`);
      return;
    }
    case 'boolean':
      if (typeof value !== 'boolean' && value !== 'true' && value !== 'false') {
        err(
          'broker-value',
          `${key}: ${show(value)} is not true or false: RocketMQ reads anything but exactly 'true' as false`,
          'write true or false (lower case, no quotes needed)',
        );
      }
      return;
    case 'double':
    case 'float':
      if (typeof value === 'boolean' || (typeof value === 'string' && !JAVA_DOUBLE.test(value))) {
        err(
          'broker-value',
          `${key}: ${show(value)} is not a number: ${fallback}`,
          'write a number, e.g. 0.8',
        );
      }
      return;
    default:
      return;
  }
}

/** One known key's value: control characters, then enum, key rules, store paths, Java type. */
export function checkBrokerValue(
  key: string,
  value: Scalar,
  path: SpecPath,
  layer: Layer,
  table: KeyTable,
  out: Finding[],
): void {
  const entry = table.keys.get(key);
  if (!entry || padded(value)) return;
  const err = (code: string, message: string, hint: string): void => {
    out.push(finding('error', code, path, message, hint));
  };
  const v: Value = { key, value, path, entry, out, err };
  if (typeof value === 'string' && hasControlCharacter(value)) {
    err(
      'unsafe-value',
      `${key} contains a line break or control character: no RocketMQ setting takes one, and it would show in every log line that prints the value`,
      'write the value on one line, without control characters',
    );
    return;
  }
  if (entry.enumValues) return checkEnumValue(v, layer, entry.enumValues);
  if (KEY_RULES.get(key)?.(v)) return;
  if (STORE_PATH_KEYS.has(key)) return checkStorePath(v);
  checkJavaType(v);
}
