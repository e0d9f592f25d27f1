/**
 * Rules that need the whole spec: host references, port clashes, HA, broker.conf keys and values,
 * names, paths, images and heaps. Every check reports all it sees; nothing throws. Findings carry a
 * path (and `at`); validate.ts turns paths into lines and columns.
 */
import { isIP } from 'node:net';
import { posix } from 'node:path';
import {
  compareVersions,
  imageTag,
  keyReadBy,
  keyTableFor,
  legacyKey,
  parseVersion,
  releasesReading,
  rocketmqVersionOf,
  type KeyTable,
  type Version,
} from './broker-keys.js';
import type { Finding, Severity, SpecPath } from './findings.js';
import { own } from './own.js';
import { HEAP } from './schema.js';
import { closest, didYouMean, listWords } from './suggest.js';
import { masterRole, type SpecDraft } from './topology.js';

export type { SpecDraft } from './topology.js';

export interface CheckOptions {
  /** Hosts whose entries were dropped for schema errors: references to them are not judged again. */
  brokenHosts?: ReadonlySet<string>;
  /** The RocketMQ image when `images` itself was dropped for a schema error elsewhere in it. */
  rocketmqImage?: string;
}

/** Where the official image keeps its message store; the renderer mounts the host's store there. */
export const CONTAINER_STORE = '/home/rocketmq/store';

type Scalar = string | number | boolean;

function finding(
  severity: Severity,
  code: string,
  path: SpecPath,
  message: string,
  hint?: string,
  at?: 'key' | 'value',
): Finding {
  return { severity, code, message, ...(hint ? { hint } : {}), path, ...(at ? { at } : {}) };
}

/** A path as one string, to group findings by the place they point at. */
const pathText = (path: SpecPath): string => path.map(String).join('\u0000');

const show = (value: Scalar): string => (typeof value === 'string' ? `'${value}'` : String(value));

/**
 * Line breaks and other control characters: broker.conf could carry them (escaped), but in a
 * setting they are a paste mistake, and they would break every log line and report that shows them.
 */
const hasControlCharacter = (value: string): boolean =>
  [...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

/** Leading or trailing whitespace: reported once by checkWhitespace, so value checks skip it. */
const padded = (value: unknown): boolean => typeof value === 'string' && value !== value.trim();

// ---------------------------------------------------------------------------------------------
// Names, addresses, paths, images

const DNS_LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const DNS_NAME = new RegExp(`^(?=.{1,253}\\.?$)${DNS_LABEL}(?:\\.${DNS_LABEL})*\\.?$`);

/** `10.0.0.5:22`, `mq-1:22`, `[fd00::5]:22`: an address with a port appended. */
const WITH_PORT = /^(?:\[[^\]]*\]|[^:[\]]+):[0-9]+$/;

/** Why an address is not an IPv4/IPv6 literal or DNS name; undefined when it is fine. */
export function addressProblem(address: string): string | undefined {
  if (isIP(address) !== 0) return undefined;
  if (WITH_PORT.test(address))
    return `ends in a port (${address.slice(address.lastIndexOf(':'))}): an address has no port`;
  if (/^\[.*\]$/.test(address)) return 'IPv6 addresses are written without brackets';
  if (/^[0-9.]+$/.test(address)) return 'is not a valid IPv4 address (four numbers 0-255)';
  if (address.includes(':')) return 'is not a valid IPv6 address';
  if (!DNS_NAME.test(address))
    return 'is neither an IP address nor a DNS name (letters, digits, - and . only)';
  return undefined;
}

/**
 * Addresses that mean "this machine" (or one network link) wherever they are used: as brokerIP1 a
 * broker would advertise them, and no other host could reach it.
 */
export function localAddressKind(address: string): string | undefined {
  const lower = address.toLowerCase().replace(/\.$/, '');
  if (lower === 'localhost' || lower.endsWith('.localhost')) return 'a name for the loopback address';
  const mapped = /^::ffff:([0-9.]+)$/.exec(lower)?.[1];
  const v4 = isIP(lower) === 4 ? lower : mapped !== undefined && isIP(mapped) === 4 ? mapped : undefined;
  if (v4 !== undefined) {
    const [a, b] = v4.split('.').map(Number);
    if (a === 127) return 'a loopback address';
    if (v4 === '0.0.0.0') return 'the unspecified address';
    if (a === 169 && b === 254) return 'a link-local address';
    return undefined;
  }
  if (isIP(lower) !== 6) return undefined;
  const canonical = canonicalAddress(lower);
  if (canonical === '::1') return 'a loopback address';
  if (canonical === '::') return 'the unspecified address';
  if (/^fe[89ab][0-9a-f]:/.test(canonical)) return 'a link-local address';
  return undefined;
}

/**
 * One spelling per machine: DNS names ignore case and a trailing dot, IPv6 has many spellings of one
 * address. Two host names whose addresses agree here are the same machine.
 */
export function canonicalAddress(address: string): string {
  if (isIP(address) === 6) {
    try {
      return new URL(`http://[${address}]/`).hostname.slice(1, -1);
    } catch {
      return address.toLowerCase();
    }
  }
  return address.toLowerCase().replace(/\.$/, '');
}

/** Top-level system directories: chowning or filling them breaks the host. */
const SYSTEM_DIRS = new Set([
  '/bin',
  '/boot',
  '/dev',
  '/etc',
  '/home',
  '/lib',
  '/lib32',
  '/lib64',
  '/opt',
  '/proc',
  '/root',
  '/run',
  '/sbin',
  '/srv',
  '/sys',
  '/tmp',
  '/usr',
  '/var',
]);

/** Why a dataRoot is unsafe; undefined when it is an absolute, normalised path of plain characters. */
export function dataRootProblem(path: string): string | undefined {
  if (!path.startsWith('/')) return 'must be an absolute path (start with /)';
  const bad = [...new Set(path.replace(/[A-Za-z0-9._/-]/g, ''))];
  if (bad.length > 0) {
    return `contains ${bad.map((c) => (c === ' ' ? 'a space' : `'${c}'`)).join(', ')}: use only letters, digits, '.', '_', '-' and '/'`;
  }
  if (path.split('/').some((s) => s === '..' || s === '.')) return "must not contain '.' or '..' segments";
  if (path === '/') return 'must not be / itself';
  if (posix.normalize(path) !== path || path.endsWith('/'))
    return 'must be normalised (no // and no trailing /)';
  if (SYSTEM_DIRS.has(path) || /^\/(proc|sys|dev)\//.test(path)) return 'is a system directory';
  return undefined;
}

/** `[registry[:port]/]repo[/repo...][:tag][@sha256:digest]` in the characters docker itself allows. */
const REPO_PATH = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;
const REGISTRY = /^(?:localhost|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)(?::[0-9]{1,5})?$/;

export function isImageReference(image: string): boolean {
  const [name = '', digest, ...more] = image.split('@');
  if (more.length > 0 || (digest !== undefined && !DIGEST.test(digest))) return false;
  const slash = name.indexOf('/');
  const first = slash >= 0 ? name.slice(0, slash) : '';
  // Like docker: the first part is a registry only when it has a '.', a ':' or is localhost.
  const hasRegistry = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (hasRegistry && !REGISTRY.test(first)) return false;
  const rest = hasRegistry ? name.slice(slash + 1) : name;
  const colon = rest.lastIndexOf(':');
  const repo = colon >= 0 && !rest.slice(colon).includes('/') ? rest.slice(0, colon) : rest;
  const tag = repo === rest ? undefined : rest.slice(colon + 1);
  return REPO_PATH.test(repo) && (tag === undefined || TAG.test(tag));
}

function checkImage(image: string, path: SpecPath, out: Finding[]): boolean {
  if (padded(image)) return false;
  if (!isImageReference(image)) {
    out.push(
      finding(
        'error',
        'image-invalid',
        path,
        `image '${image}' is not a plain image reference`,
        'write repository[:tag] in lower case, e.g. apacherocketmq/rocketmq:4.8.0-alpine',
      ),
    );
    return false;
  }
  const tag = imageTag(image);
  if (!image.includes('@') && (tag === undefined || tag === 'latest')) {
    out.push(
      finding(
        'warning',
        'image-unpinned',
        path,
        `image '${image}' ${tag === undefined ? 'has no tag (docker takes latest)' : "uses the moving tag 'latest'"}: a rollback cannot bring back what 'latest' meant yesterday`,
        'pin a version tag, e.g. apacherocketmq/rocketmq:4.9.7',
      ),
    );
  }
  return true;
}

interface Cve {
  id: string;
  servers: string;
  affected: (v: Version) => boolean;
  fixed: string;
  what: string;
}

const atMost = (v: Version, text: string): boolean => {
  const limit = parseVersion(text);
  return limit !== undefined && compareVersions(v, limit) <= 0;
};

/** Remote-code-execution flaws reachable on the ports a cluster exposes (from the Apache advisories). */
const CVES: readonly Cve[] = [
  {
    id: 'CVE-2023-33246',
    servers: 'brokers and name servers',
    affected: (v) => (v.major === 4 && atMost(v, '4.9.5')) || (v.major === 5 && atMost(v, '5.1.0')),
    fixed: '4.9.6 / 5.1.1',
    what: 'anyone who reaches their ports can change the configuration and run commands',
  },
  {
    id: 'CVE-2023-37582',
    servers: 'name servers',
    affected: (v) => (v.major === 4 && atMost(v, '4.9.6')) || (v.major === 5 && atMost(v, '5.1.1')),
    fixed: '4.9.7 / 5.1.2',
    what: 'anyone who reaches the name server port can write files and run commands',
  },
];

function checkCves(version: string | undefined, path: SpecPath, out: Finding[]): void {
  const v = version ? parseVersion(version) : undefined;
  // A tag like `4.9` moves between patch releases: nothing certain can be said about it.
  if (!v || v.patch === undefined) return;
  for (const cve of CVES) {
    if (!cve.affected(v)) continue;
    out.push(
      finding(
        'warning',
        'cve',
        path,
        `RocketMQ ${version} has ${cve.id} (remote code execution on ${cve.servers}: ${cve.what}); fixed in ${cve.fixed}`,
        'use RocketMQ 4.9.7+ or 5.1.2+, and keep ports 9876 and the broker ports reachable only from trusted hosts',
      ),
    );
  }
}

/** Topics RocketMQ creates itself: a broker or cluster of that name would collide with them. */
const SYSTEM_TOPICS = new Set([
  'TBW102',
  'SCHEDULE_TOPIC_XXXX',
  'BenchmarkTest',
  'RMQ_SYS_TRANS_HALF_TOPIC',
  'RMQ_SYS_TRACE_TOPIC',
  'RMQ_SYS_TRANS_OP_HALF_TOPIC',
  'TRANS_CHECK_MAX_TIME_TOPIC',
  'SELF_TEST_TOPIC',
  'OFFSET_MOVED_EVENT',
  'DefaultCluster',
]);

/**
 * A broker (and its cluster) registers a topic named after itself, and clients accept only topic
 * names of letters, digits, '_', '-', '|' and '%': a '.' breaks that topic for every client.
 */
function nameProblem(name: string): string | undefined {
  if (name.includes('.')) {
    return "contains '.': RocketMQ creates a topic named after it, and clients reject topic names with '.'";
  }
  if (SYSTEM_TOPICS.has(name) || name.toLowerCase().startsWith('rmq_sys_')) {
    return 'is the name of a topic RocketMQ uses itself';
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// broker.conf keys and values

const INT_RANGE = [-(2n ** 31n), 2n ** 31n - 1n] as const;
const LONG_RANGE = [-(2n ** 63n), 2n ** 63n - 1n] as const;

/** Keys the tool writes itself, with what to set in the spec instead. */
function derivedKeyHint(
  key: string,
  version: Version | undefined,
): { why: string; hint: string } | undefined {
  const store = `the store is the container's ${CONTAINER_STORE}, mounted from the host under dataRoot`;
  switch (key) {
    case 'brokerClusterName':
      return { why: 'is derived from the spec', hint: 'set the top-level `cluster` instead' };
    case 'brokerName':
      return {
        why: 'is derived from the spec',
        hint: 'the name of the group under `brokers` is the brokerName',
      };
    case 'brokerId':
      return { why: 'is derived: the master is 0, slaves are 1..n in list order', hint: 'remove it' };
    case 'brokerIP1':
    case 'brokerIP2':
      return { why: "is derived from the host's address", hint: 'set hosts.<name>.address instead' };
    case 'listenPort':
      return { why: 'is derived from the spec', hint: 'set listenPort on the master or slave entry instead' };
    case 'namesrvAddr':
      return {
        why: 'is derived from the name servers',
        hint: 'list their hosts under nameServers.hosts instead',
      };
    case 'haListenPort': {
      const configurable = version ? compareVersions(version, { major: 5, minor: 1, patch: 1 }) >= 0 : false;
      return configurable
        ? {
            why: 'is derived: the tool publishes listenPort+1 as the HA port, so another one would be unreachable',
            hint: 'remove it; choose listenPort instead',
          }
        : {
            why: 'is ignored by RocketMQ before 5.1.1 (the HA port is always listenPort+1)',
            hint: 'remove it; choose listenPort instead',
          };
    }
    case 'haMasterAddress':
      return {
        why: "is derived: a slave learns its master's HA address (brokerIP2:listenPort+1) from the name servers, and a fixed one goes stale when the master moves",
        hint: 'remove it; the master of the group is brokers.<group>.master',
      };
    case 'brokerConfigPath':
      return {
        why: 'is derived: the tool starts every broker with -c on the broker.conf it renders',
        hint: 'remove it',
      };
    case 'storePathRootDir':
    case 'storePathCommitLog':
      return {
        why: `is derived: ${store}`,
        hint: 'remove it; set dataRoot (or hosts.<name>.dataRoot) to move the store',
      };
    default:
      return undefined;
  }
}

/** Other store paths must stay inside the mounted store, or `docker rm` deletes what they hold. */
const STORE_PATH_KEYS = new Set([
  'storePathDLedgerCommitLog',
  'storePathEpochFile',
  'storePathBrokerIdentity',
  'readOnlyCommitLogStorePaths',
]);

const DELETE_WHEN = /^([01][0-9]|2[0-3])(;([01][0-9]|2[0-3]))*$/;
const DELAY_TOKEN = /^[0-9]+[smhd]$/;
const JAVA_DOUBLE = /^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?[fFdD]?$/;
const DEFAULT_DELAY_LEVELS = 18;

interface Layer {
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

function checkBrokerValue(
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
  if (typeof value === 'string' && hasControlCharacter(value)) {
    err(
      'unsafe-value',
      `${key} contains a line break or control character: no RocketMQ setting takes one, and it would show in every log line that prints the value`,
      'write the value on one line, without control characters',
    );
    return;
  }
  const fallback = `RocketMQ ignores it silently and keeps the default (${entry.default})`;

  if (entry.enumValues) {
    const allowed = key === 'brokerRole' ? entry.enumValues.filter((v) => v !== 'SLAVE') : entry.enumValues;
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
    return;
  }

  switch (key) {
    case 'messageDelayLevel': {
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
      return;
    }
    case 'deleteWhen': {
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
        return;
      }
      if (!DELETE_WHEN.test(String(value))) {
        err(
          'delete-when',
          `deleteWhen ${show(value)} is not hours 00-23 (two digits) joined by ';': expired commit log files would not be deleted on schedule and the disk fills up`,
          'e.g. deleteWhen: "04" or "04;16"',
        );
      }
      return;
    }
    case 'fileReservedTime': {
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
      return;
    }
    case 'diskMaxUsedSpaceRatio': {
      const n = Number(value);
      if (!integerProblem(value, INT_RANGE, 'int') && (n < 10 || n > 95)) {
        out.push(
          finding(
            'warning',
            'broker-value',
            path,
            `diskMaxUsedSpaceRatio ${n} is clamped by RocketMQ to 10-95`,
            'use 10 to 95',
          ),
        );
        return;
      }
      break;
    }
  }

  if (STORE_PATH_KEYS.has(key)) {
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
    return;
  }

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

/** Modes where RocketMQ elects roles itself: incompatible with derived roles and brokerIds. */
const UNSUPPORTED_MODES: Readonly<Record<string, string>> = {
  enableDLegerCommitLog: 'DLedger mode',
  enableControllerMode: 'controller mode',
};

function checkBrokerConfigLayer(
  values: Record<string, Scalar> | undefined,
  layer: Layer,
  table: KeyTable,
  imageVersion: string | undefined,
  out: Finding[],
): void {
  if (!values) return;
  const version = imageVersion ? parseVersion(imageVersion) : undefined;
  const versionName = imageVersion ?? table.version;
  for (const [key, value] of Object.entries(values)) {
    const path = [...layer.path, key];
    const derived = derivedKeyHint(key, version);
    if (derived) {
      out.push(
        finding('error', 'derived-key', path, `broker.conf key ${key} ${derived.why}`, derived.hint, 'key'),
      );
      continue;
    }
    if (!table.keys.has(key)) {
      const legacy = legacyKey(key);
      const elsewhere = releasesReading(key);
      if (legacy) {
        out.push(
          finding(
            'error',
            'legacy-broker-key',
            path,
            `broker.conf key ${key} is an old spelling (read until ${legacy.lastSeenIn}): RocketMQ ${versionName} ignores it silently`,
            `rename it to ${legacy.replacement}`,
            'key',
          ),
        );
      } else if (elsewhere.length > 0) {
        out.push(
          finding(
            'error',
            'broker-key-version',
            path,
            `RocketMQ ${versionName} does not read broker.conf key ${key} (read by ${elsewhere[0]}${elsewhere.length > 1 ? ` to ${elsewhere[elsewhere.length - 1]}` : ''}): it would be ignored silently`,
            'remove it, or use an image of a version that reads it',
            'key',
          ),
        );
      } else {
        const guess = didYouMean(key, table.keys.keys());
        out.push(
          finding(
            'error',
            'unknown-broker-key',
            path,
            `unknown broker.conf key ${key}: RocketMQ ${versionName} ignores it silently`,
            guess ?? `remove it; only keys RocketMQ ${table.version} reads are allowed`,
            'key',
          ),
        );
      }
      continue;
    }
    // The family table may be newer than the exact release: the per-release matrix knows better.
    if (imageVersion && keyReadBy(key, imageVersion) === false) {
      const since = releasesReading(key)[0];
      out.push(
        finding(
          'error',
          'broker-key-version',
          path,
          `RocketMQ ${imageVersion} does not read broker.conf key ${key}${since ? ` (read from ${since})` : ''}: it would be ignored silently`,
          'remove it, or use an image of a version that reads it',
          'key',
        ),
      );
      continue;
    }
    const mode = own(UNSUPPORTED_MODES, key);
    if (mode && (value === true || value === 'true')) {
      out.push(
        finding(
          'error',
          'unsupported-mode',
          path,
          `${key}: ${mode} elects masters itself, but this tool derives roles and brokerIds (master 0, slaves 1..n)`,
          `remove ${key}; DLedger and controller clusters are out of scope for now`,
        ),
      );
      continue;
    }
    checkBrokerValue(key, value, path, layer, table, out);
  }
}

// ---------------------------------------------------------------------------------------------
// Ports

interface PortUse {
  port: number;
  what: string;
  path: SpecPath;
  host: string;
  /** Set for brokers: the hint then suggests another listenPort. */
  listenPort?: number;
  /** The broker using the port, e.g. `broker-a slave 1`. */
  owner?: string;
}

function heapMb(heap: string): number {
  const m = HEAP.test(heap) ? /^([0-9]+)([mMgG])$/.exec(heap) : null;
  if (!m) return 0;
  return Number(m[1]) * (m[2] === 'g' || m[2] === 'G' ? 1024 : 1);
}

function memberLabel(group: string, member: 'master' | number): string {
  return member === 'master' ? `${group} master` : `${group} slave ${member + 1}`;
}

interface Member {
  group: string;
  member: 'master' | number;
  host: string;
  listenPort: number;
  heap?: string;
  path: SpecPath;
}

function membersOf(spec: SpecDraft): Member[] {
  const members: Member[] = [];
  for (const [group, g] of Object.entries(spec.brokers ?? {})) {
    members.push({
      group,
      member: 'master',
      host: g.master.host,
      listenPort: g.master.listenPort,
      heap: g.master.heap ?? g.heap,
      path: ['brokers', group, 'master'],
    });
    g.slaves.forEach((s, i) =>
      members.push({
        group,
        member: i,
        host: s.host,
        listenPort: s.listenPort,
        heap: s.heap ?? g.heap,
        path: ['brokers', group, 'slaves', i],
      }),
    );
  }
  return members;
}

// ---------------------------------------------------------------------------------------------

/** What the whole-spec checks share: the draft, its brokers flattened, and where findings go. */
interface Context {
  spec: SpecDraft;
  hostNames: string[];
  members: Member[];
  /** Name server hosts, each once, in spec order. */
  nameServerHosts: string[];
  out: Finding[];
}

/** The machine behind a host name: two names for one address are one machine. */
const machineOf = (ctx: Context, host: string): string => {
  const address = own(ctx.spec.hosts, host)?.address;
  return address === undefined ? `host ${host}` : canonicalAddress(address);
};

const hostLabel = (ctx: Context, host: string): string => {
  const address = own(ctx.spec.hosts, host)?.address;
  return address ? `host ${host} (${address})` : `host ${host}`;
};

function checkHosts(ctx: Context): void {
  const { spec, out } = ctx;
  const byAddress = new Map<string, { name: string; address: string }>();
  const hostCount = Object.keys(spec.hosts ?? {}).length;
  for (const [name, host] of Object.entries(spec.hosts ?? {})) {
    const problem = padded(host.address) ? undefined : addressProblem(host.address);
    if (problem) {
      const withPort = WITH_PORT.test(host.address);
      out.push(
        finding(
          'error',
          'address-invalid',
          ['hosts', name, 'address'],
          `address '${host.address}' of host ${name} ${problem}`,
          withPort
            ? `set ssh.port or hosts.${name}.ssh.port for the SSH port, and write the address alone: ${host.address.slice(0, host.address.lastIndexOf(':')).replace(/^\[(.*)\]$/, '$1')}`
            : 'write an IPv4 address (10.0.0.5), an IPv6 address (fd00::5) or a DNS name (mq-1.example.com)',
        ),
      );
    }
    const local = problem || padded(host.address) ? undefined : localAddressKind(host.address);
    if (local && hostCount > 1) {
      out.push(
        finding(
          'error',
          'address-local',
          ['hosts', name, 'address'],
          `address '${host.address}' of host ${name} is ${local}: it becomes brokerIP1 (and the name server address), and no other host of this ${hostCount}-host cluster can reach it`,
          'write the address the other hosts reach this host on, e.g. 10.0.0.5 or mq-1.example.com',
        ),
      );
    }
    const other = byAddress.get(canonicalAddress(host.address));
    if (other === undefined) {
      byAddress.set(canonicalAddress(host.address), { name, address: host.address });
    } else if (other.address !== host.address) {
      const how = isIP(host.address) === 6 ? 'one IPv6 address written two ways' : 'DNS names ignore case';
      out.push(
        finding(
          'error',
          'address-spelling',
          ['hosts', name, 'address'],
          `hosts ${other.name} and ${name} have the addresses '${other.address}' and '${host.address}', one machine (${how}): they would share ports and fail together`,
          'give each host its own machine; write each address once, in one spelling (lower case)',
        ),
      );
    } else {
      out.push(
        finding(
          'warning',
          'address-shared',
          ['hosts', name, 'address'],
          `hosts ${other.name} and ${name} have the same address ${host.address}: they are one machine, so they share ports and fail together`,
          'give each host its own machine, or use one host name',
        ),
      );
    }
    const rootProblem =
      host.dataRoot === undefined || padded(host.dataRoot) ? undefined : dataRootProblem(host.dataRoot);
    if (rootProblem) {
      const message = `dataRoot '${host.dataRoot}' of host ${name} ${rootProblem}`;
      out.push(finding('error', 'unsafe-path', ['hosts', name, 'dataRoot'], message, 'e.g. /srv/rocketmq'));
    }
  }
  const rootProblem =
    spec.dataRoot === undefined || padded(spec.dataRoot) ? undefined : dataRootProblem(spec.dataRoot);
  if (rootProblem) {
    const message = `dataRoot '${spec.dataRoot}' ${rootProblem}`;
    out.push(finding('error', 'unsafe-path', ['dataRoot'], message, 'e.g. /home/docker/rocketmq'));
  }
}

function checkReferences(ctx: Context, brokenHosts: ReadonlySet<string>): void {
  const { spec, out, hostNames } = ctx;
  const used = new Set<string>();
  const reference = (host: string, path: SpecPath, what: string): void => {
    used.add(host);
    if (!spec.hosts || own(spec.hosts, host) || brokenHosts.has(host)) return;
    const hint =
      didYouMean(host, hostNames) ??
      (hostNames.length > 0
        ? `use one of ${listWords(hostNames)}, or add '${host}' under hosts`
        : `add '${host}' under hosts`);
    const message = `${what} is on host '${host}', which is not defined under hosts`;
    out.push(finding('error', 'host-undefined', path, message, hint));
  };

  spec.nameServers?.hosts.forEach((h, i) => {
    reference(h, ['nameServers', 'hosts', i], 'a name server');
    if (!ctx.nameServerHosts.includes(h)) {
      ctx.nameServerHosts.push(h);
      return;
    }
    out.push(
      finding(
        'error',
        'name-server-duplicate',
        ['nameServers', 'hosts', i],
        `host ${h} is listed twice under nameServers.hosts: a host runs one name server`,
        'list each host once',
      ),
    );
  });
  for (const m of ctx.members)
    reference(m.host, [...m.path, 'host'], `broker ${memberLabel(m.group, m.member)}`);
  if (spec.console) reference(spec.console.host, ['console', 'host'], 'the console');

  if (spec.nameServers && spec.brokers) {
    for (const name of hostNames.filter((n) => !used.has(n))) {
      const hint = 'remove it, or place a name server or broker on it';
      out.push(finding('notice', 'host-unused', ['hosts', name], `host ${name} runs nothing`, hint, 'key'));
    }
  }
  if (ctx.nameServerHosts.length === 1) {
    out.push(
      finding(
        'warning',
        'single-name-server',
        ['nameServers', 'hosts'],
        `only one name server (on host ${ctx.nameServerHosts[0]}): no HA — while it is down, producers and consumers cannot look up routes and brokers cannot register`,
        'list two or more hosts under nameServers.hosts',
      ),
    );
  }
}

/** Image references, CVEs, and the broker.conf key table the rocketmq image's version implies. */
function checkImages(
  ctx: Context,
  fallbackImage: string | undefined,
): { table?: KeyTable; imageVersion?: string } {
  const { spec, out } = ctx;
  const image = spec.images?.rocketmq ?? fallbackImage;
  if (spec.images?.console !== undefined) checkImage(spec.images.console, ['images', 'console'], out);
  if (spec.console && spec.images && spec.images.console === undefined) {
    out.push(
      finding(
        'error',
        'console-image-missing',
        ['console'],
        'console is set but images.console is not: no console would be deployed',
        'add images.console, e.g. styletang/rocketmq-console-ng:1.0.0',
        'key',
      ),
    );
  }
  if (image === undefined) return {};

  const imageVersion = rocketmqVersionOf(image);
  const table = keyTableFor(image);
  if (spec.images) {
    checkImage(image, ['images', 'rocketmq'], out);
    checkCves(imageVersion, ['images', 'rocketmq'], out);
  }
  // Releases in the per-release matrix are checked exactly (keyReadBy): the family note would mislead.
  const exact = imageVersion !== undefined && keyReadBy('brokerName', imageVersion) !== undefined;
  if (table.note && !exact) {
    const hint = imageVersion
      ? `keys that RocketMQ ${imageVersion} reads differently from ${table.version} are not caught`
      : 'pin a tag with the RocketMQ version, e.g. apacherocketmq/rocketmq:4.9.7';
    out.push(finding('notice', 'key-table', ['images', 'rocketmq'], table.note, hint));
  }
  return { table, ...(imageVersion !== undefined ? { imageVersion } : {}) };
}

/** Cluster and broker group names RocketMQ would misparse. */
function checkNames(ctx: Context): void {
  const { spec, out } = ctx;
  const clusterProblem = spec.cluster === undefined ? undefined : nameProblem(spec.cluster);
  if (clusterProblem) {
    const message = `cluster name '${spec.cluster}' ${clusterProblem}`;
    out.push(finding('error', 'unsafe-name', ['cluster'], message, 'use letters, digits, - and _'));
  }
  for (const group of Object.keys(spec.brokers ?? {})) {
    const problem = nameProblem(group);
    if (problem) {
      out.push(
        finding(
          'error',
          'unsafe-name',
          ['brokers', group],
          `broker group name '${group}' ${problem}`,
          'use letters, digits, - and _, e.g. broker-a',
          'key',
        ),
      );
    }
    if (group === spec.cluster) {
      out.push(
        finding(
          'warning',
          'unsafe-name',
          ['brokers', group],
          `broker group '${group}' has the cluster's name: the topics RocketMQ creates for both collide`,
          'rename the group, e.g. broker-a',
          'key',
        ),
      );
    }
  }
}

/** Broker groups: at least one, members on different machines, HA said plainly. */
function checkGroups(ctx: Context): void {
  const { spec, out } = ctx;
  if (spec.brokers && Object.keys(spec.brokers).length === 0) {
    out.push(
      finding(
        'error',
        'no-brokers',
        ['brokers'],
        'brokers is empty: a cluster needs at least one broker group',
        'add e.g. broker-a: { master: { host: A } }',
        'key',
      ),
    );
  }
  for (const [group, g] of Object.entries(spec.brokers ?? {})) {
    const seen = new Map<string, Member>();
    for (const m of ctx.members.filter((x) => x.group === group && own(spec.hosts, x.host))) {
      const first = seen.get(machineOf(ctx, m.host));
      if (!first) {
        seen.set(machineOf(ctx, m.host), m);
        continue;
      }
      const where =
        first.host === m.host ? `host ${m.host}` : `hosts ${first.host} and ${m.host} (one address)`;
      out.push(
        finding(
          'error',
          'group-same-host',
          [...m.path, 'host'],
          `${memberLabel(group, first.member)} and ${memberLabel(group, m.member)} are both on ${where}: one host failure takes the whole group down`,
          'put every member of a broker group on a different host',
        ),
      );
    }
    if (g.slaves.length > 0) continue;
    const role = masterRole(spec, group);
    if (role.value === 'SYNC_MASTER') {
      out.push(
        finding(
          'error',
          'sync-master-without-slave',
          role.path,
          `broker group ${group} is a SYNC_MASTER without a slave: every send waits for a copy that cannot happen and reports SLAVE_NOT_AVAILABLE`,
          `add a slave to ${group}, or use ASYNC_MASTER`,
        ),
      );
    }
    out.push(
      finding(
        'warning',
        'no-slave',
        ['brokers', group],
        `broker group ${group} has no slave: no HA — while ${hostLabel(ctx, g.master.host)} is down its messages cannot be read, and a lost disk loses them`,
        `add a slave on another host, e.g. slaves: [ { host: <other host>, listenPort: ${g.master.listenPort + 1000} } ]`,
        'key',
      ),
    );
  }
}

/** Every broker.conf layer: brokerDefaults, group config, instance config. */
function checkBrokerConfigs(ctx: Context, table: KeyTable, imageVersion: string | undefined): void {
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

/** Every port each machine must publish (plus its sshd), after checking the derived broker ports. */
function portUses(ctx: Context): PortUse[] {
  const { spec, out } = ctx;
  const uses: PortUse[] = [];
  // sshd already listens on the host: a container publishing its port would cut the tool off.
  const sshSeen = new Set<string>();
  for (const [name, host] of Object.entries(spec.hosts ?? {})) {
    const port = host.ssh?.port ?? spec.ssh?.port;
    // Two host names for one machine share one sshd.
    const machine = `${canonicalAddress(host.address)}:${port}`;
    if (port === undefined || sshSeen.has(machine)) continue;
    sshSeen.add(machine);
    const path = host.ssh?.port !== undefined ? ['hosts', name, 'ssh', 'port'] : ['ssh', 'port'];
    uses.push({ port, what: 'the SSH server (ssh.port)', path, host: name });
  }
  const nameServerPort = spec.nameServers?.port;
  if (nameServerPort !== undefined) {
    for (const host of ctx.nameServerHosts) {
      uses.push({ port: nameServerPort, what: 'the name server port', path: ['nameServers', 'port'], host });
    }
  }
  for (const m of ctx.members) {
    const owner = memberLabel(m.group, m.member);
    const path = [...m.path, 'listenPort'];
    const ports: [number, string][] = [
      [m.listenPort, `${owner} listenPort`],
      [m.listenPort - 2, `${owner} fast port (listenPort-2)`],
      [m.listenPort + 1, `${owner} HA port (listenPort+1)`],
    ];
    const outside = ports.filter(([port]) => port < 1 || port > 65535);
    for (const [port, what] of outside) {
      out.push(
        finding(
          'error',
          'port-range',
          path,
          `${what} ${port} is outside 1-65535 (a broker also listens on listenPort-2 and listenPort+1)`,
          'use a listenPort between 3 and 65534',
        ),
      );
    }
    if (outside.length > 0) continue;
    for (const [port, what] of ports)
      uses.push({ port, what, path, host: m.host, owner, listenPort: m.listenPort });
  }
  if (spec.console) {
    const { port, host } = spec.console;
    uses.push({ port, what: 'the console port', path: ['console', 'port'], host });
  }
  return uses;
}

/** Two containers (or a container and sshd) publishing one port on one machine: one finding per pair. */
function checkPorts(ctx: Context): void {
  const taken = new Map<string, Map<number, PortUse>>();
  const clashes = new Map<string, { first: PortUse; use: PortUse; ports: [number, string, string][] }>();
  for (const use of portUses(ctx)) {
    if (ctx.spec.hosts && !own(ctx.spec.hosts, use.host)) continue;
    const machine = machineOf(ctx, use.host);
    const ports = taken.get(machine) ?? new Map<number, PortUse>();
    taken.set(machine, ports);
    const first = ports.get(use.port);
    if (!first) {
      ports.set(use.port, use);
      continue;
    }
    const pair = [machine, pathText(first.path), first.host, pathText(use.path), use.host].join('\u0001');
    const clash = clashes.get(pair) ?? { first, use, ports: [] };
    clash.ports.push([use.port, first.what, use.what]);
    clashes.set(pair, clash);
  }

  for (const { first, use, ports } of clashes.values()) {
    const occupied = taken.get(machineOf(ctx, use.host)) ?? new Map<number, PortUse>();
    const free = (p: number): boolean =>
      p - 2 >= 1 && p + 1 <= 65535 && ![p - 2, p, p + 1].some((q) => occupied.has(q));
    let hint = 'choose another nameServers.port, or move a broker';
    const listenPort = use.listenPort;
    if (listenPort !== undefined) {
      const candidate = [1, 2, 3, 4, 5].map((k) => listenPort + 1000 * k).find(free);
      hint = `a broker takes listenPort-2, listenPort and listenPort+1: choose a listenPort whose three ports are free${candidate ? `, e.g. ${candidate}` : ''}`;
    } else if (use.what === 'the console port') {
      hint = 'choose another console port';
    }
    const where = hostLabel(ctx, use.host);
    const elsewhere = first.host !== use.host ? ` (host ${first.host})` : '';
    const numbers = ports.map(([p]) => p).sort((a, b) => a - b);
    let message: string;
    if (ports.length === 1) {
      message = `port ${numbers[0]} on ${where} is published twice: ${ports[0]?.[1]}${elsewhere} and ${ports[0]?.[2]}`;
    } else if (first.owner && use.owner && first.listenPort === use.listenPort) {
      message = `${first.owner}${elsewhere} and ${use.owner} both use listenPort ${use.listenPort} on ${where}: ports ${numbers.join(', ')} are published twice`;
    } else {
      const each = ports.map(([p, a, b]) => `${p} by ${a}${elsewhere} and ${b}`).join('; ');
      message = `ports ${numbers.join(', ')} on ${where} are published twice: ${each}`;
    }
    const error = finding('error', 'port-clash', use.path, message, hint);
    if (pathText(first.path) === pathText(use.path)) {
      ctx.out.push(error);
      continue;
    }
    // Both places get a line: the error where the second use is, a pointer back at the first.
    ctx.out.push({
      ...error,
      related: {
        path: first.path,
        text: `also used by ${ports.length === 1 ? first.what : (first.owner ?? first.what)}${elsewhere} at`,
      },
    });
    const also = ports.length === 1 ? `port ${numbers[0]}` : `ports ${numbers.join(', ')}`;
    ctx.out.push({
      ...finding(
        'notice',
        'port-clash-also',
        first.path,
        `${also} on ${where} (${first.what} here) ${ports.length === 1 ? 'is' : 'are'} also published by ${use.what}`,
        'change one of the two; the port-clash error there says how',
      ),
      related: { path: use.path, text: 'port-clash error at' },
    });
  }
}

function checkHeaps(ctx: Context): void {
  const { spec, out } = ctx;
  const defaults = spec.heap;
  if (!defaults) return;
  for (const [name, host] of Object.entries(spec.hosts ?? {})) {
    if (host.memoryMb === undefined) continue;
    const parts: [string, string][] = [];
    if (ctx.nameServerHosts.includes(name)) {
      parts.push(['name server', spec.nameServers?.heap ?? defaults.nameServer]);
    }
    for (const m of ctx.members.filter((x) => x.host === name)) {
      parts.push([memberLabel(m.group, m.member), m.heap ?? defaults.broker]);
    }
    if (spec.console?.host === name) parts.push(['console', spec.console.heap ?? defaults.console]);
    const total = parts.reduce((n, [, h]) => n + heapMb(h), 0);
    const detail = parts.map(([what, h]) => `${what} ${h}`).join(', ');
    const path = ['hosts', name, 'memoryMb'];
    if (total > host.memoryMb) {
      out.push(
        finding(
          'error',
          'heap-too-big',
          path,
          `the heaps on host ${name} add up to ${total} MB (${detail}), more than its memoryMb ${host.memoryMb}: the kernel kills a JVM (exit 137)`,
          'lower heap (heap.broker, brokers.<group>.heap) or move containers to another host',
        ),
      );
    } else if (total > host.memoryMb * 0.75) {
      out.push(
        finding(
          'warning',
          'heap-too-big',
          path,
          `the heaps on host ${name} take ${total} of ${host.memoryMb} MB (${detail}): little is left for direct memory and the page cache brokers rely on`,
          'keep heaps under three quarters of memoryMb',
        ),
      );
    }
  }
}

/** Every whole-spec rule over a (possibly partial) spec; findings carry paths, not positions. */
export function checkSpec(spec: SpecDraft, options: CheckOptions = {}): Finding[] {
  const ctx: Context = {
    spec,
    hostNames: Object.keys(spec.hosts ?? {}),
    members: membersOf(spec),
    nameServerHosts: [],
    out: [],
  };
  checkHosts(ctx);
  checkReferences(ctx, options.brokenHosts ?? new Set());
  const { table, imageVersion } = checkImages(ctx, options.rocketmqImage);
  checkNames(ctx);
  checkGroups(ctx);
  if (table) checkBrokerConfigs(ctx, table, imageVersion);
  checkPorts(ctx);
  checkHeaps(ctx);
  return ctx.out;
}

/**
 * Strings with leading or trailing whitespace, anywhere in the raw document. RocketMQ 4.x does not
 * trim broker.conf values: `true ` reads as false and `10911 ` falls back to the default.
 */
export function checkWhitespace(data: unknown): Finding[] {
  const out: Finding[] = [];
  const visit = (value: unknown, path: (string | number)[], depth: number): void => {
    if (depth > 64) return;
    if (typeof value === 'string') {
      if (padded(value)) {
        const inBrokerConf = path[0] === 'brokerDefaults' || path.includes('config');
        out.push(
          finding(
            'error',
            'whitespace',
            path,
            `'${value}' has leading or trailing whitespace${inBrokerConf ? ': RocketMQ 4.x does not trim it, so `true ` reads as false and `10911 ` falls back to the default' : ''}`,
            'remove the spaces (they are inside quotes)',
          ),
        );
      }
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => visit(v, [...path, i], depth + 1));
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) visit(v, [...path, k], depth + 1);
    }
  };
  visit(data, [], 0);
  return out;
}

/**
 * `__proto__` as a key: JavaScript maps of names (and the schema's records) drop it without a word,
 * so a host, group or broker.conf key of that name would vanish. Reported from the raw document.
 */
export function checkReservedKeys(data: unknown): Finding[] {
  const out: Finding[] = [];
  const visit = (value: unknown, path: (string | number)[], depth: number): void => {
    if (depth > 64) return;
    if (Array.isArray(value)) {
      value.forEach((v, i) => visit(v, [...path, i], depth + 1));
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (k === '__proto__') {
          out.push(
            finding(
              'error',
              'reserved-key',
              [...path, k],
              "key '__proto__' is not allowed: it names the prototype of a JavaScript object, so the entry would be dropped silently",
              'rename or remove it',
              'key',
            ),
          );
          continue;
        }
        visit(v, [...path, k], depth + 1);
      }
    }
  };
  visit(data, [], 0);
  return out;
}
