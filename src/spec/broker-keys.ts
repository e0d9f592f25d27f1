/**
 * Which broker.conf keys a RocketMQ image reads, by version. RocketMQ silently ignores keys it does
 * not know, so the validator, the renderer and the effective-config gate all check against these.
 */
import {
  BROKER_KEYS_4_8_0,
  BROKER_KEYS_4_9_7,
  BROKER_KEYS_4_9_8,
  BROKER_KEYS_5_3_3,
  BROKER_KEY_MATRIX_VERSIONS,
  BROKER_KEY_PRESENCE,
  LEGACY_BROKER_KEYS,
  type BrokerKeyRow,
} from './broker-keys.generated.js';
import { own } from './own.js';

export type KeyFamily = '4.8' | '4.9' | '5';

export interface BrokerKey {
  /** Java type of the setter as in the tables: int, long, boolean, double, float, String, or `enum X (...)`. */
  type: string;
  /** Effective default, as documented in the tables (may be prose for computed defaults). */
  default: string;
  /** Class whose setter reads the key (BrokerConfig, MessageStoreConfig, ...). */
  owner: string;
  /** Allowed values when the setter goes through Enum.valueOf (case-sensitive). */
  enumValues?: readonly string[];
}

export interface KeyTable {
  /** Release the table was read from: 4.8.0, 4.9.7, 4.9.8 or 5.3.3. */
  version: string;
  family: KeyFamily;
  keys: ReadonlyMap<string, BrokerKey>;
  /** Set when the image's version is not exactly the table's (or unknown). */
  note?: string;
}

/** Enum constants, read from RocketMQ's sources (BrokerRole, FlushDiskType, MessageRequestMode). */
const ENUMS: Readonly<Record<string, readonly string[]>> = {
  BrokerRole: ['ASYNC_MASTER', 'SYNC_MASTER', 'SLAVE'],
  FlushDiskType: ['ASYNC_FLUSH', 'SYNC_FLUSH'],
  MessageRequestMode: ['PULL', 'POP'],
};

function toMap(rows: readonly BrokerKeyRow[]): ReadonlyMap<string, BrokerKey> {
  const map = new Map<string, BrokerKey>();
  for (const [key, type, defaultValue, owner] of rows) {
    const enumName = /^enum (\w+)/.exec(type)?.[1];
    const enumValues = enumName ? ENUMS[enumName] : undefined;
    map.set(key, { type, default: defaultValue, owner, ...(enumValues ? { enumValues } : {}) });
  }
  return map;
}

const FAMILY_TABLES: Readonly<Record<KeyFamily, { version: string; keys: ReadonlyMap<string, BrokerKey> }>> =
  {
    '4.8': { version: '4.8.0', keys: toMap(BROKER_KEYS_4_8_0) },
    '4.9': { version: '4.9.8', keys: toMap(BROKER_KEYS_4_9_8) },
    '5': { version: '5.3.3', keys: toMap(BROKER_KEYS_5_3_3) },
  };

/** Releases with a table of their own (the family's table covers the others). */
const RELEASE_TABLES: Readonly<Record<string, ReadonlyMap<string, BrokerKey>>> = {
  '4.8.0': FAMILY_TABLES['4.8'].keys,
  '4.9.7': toMap(BROKER_KEYS_4_9_7),
  '4.9.8': FAMILY_TABLES['4.9'].keys,
  '5.3.3': FAMILY_TABLES['5'].keys,
};

/** Parsed `major.minor[.patch]`; patch is undefined for tags like `4.9`. */
export interface Version {
  major: number;
  minor: number;
  patch?: number;
}

export function parseVersion(text: string): Version | undefined {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), ...(m[3] !== undefined ? { patch: Number(m[3]) } : {}) };
}

/** -1, 0, 1; a missing patch counts as 0. */
export function compareVersions(a: Version, b: Version): number {
  return Math.sign(a.major - b.major || a.minor - b.minor || (a.patch ?? 0) - (b.patch ?? 0));
}

/** The tag of an image reference, without registry, repository or digest; undefined when untagged. */
export function imageTag(image: string): string | undefined {
  const withoutDigest = image.split('@')[0] ?? '';
  const lastSegment = withoutDigest.slice(withoutDigest.lastIndexOf('/') + 1);
  const colon = lastSegment.indexOf(':');
  return colon >= 0 ? lastSegment.slice(colon + 1) : undefined;
}

/**
 * The RocketMQ version in an image's tag: `apacherocketmq/rocketmq:4.8.0-alpine` -> `4.8.0`,
 * `apache/rocketmq:5.3.3` -> `5.3.3`, `x/rocketmq:4.9` -> `4.9`; undefined for `latest` or no tag.
 */
export function rocketmqVersionOf(image: string): string | undefined {
  const tag = imageTag(image);
  if (!tag) return undefined;
  const m = /(?:^|[^\d.])v?(\d+\.\d+(?:\.\d+)?)(?![.\d])/.exec(tag);
  return m?.[1];
}

function familyOf(v: Version): KeyFamily | undefined {
  if (v.major === 5) return '5';
  if (v.major === 4 && v.minor === 9) return '4.9';
  if (v.major === 4 && v.minor <= 8) return '4.8';
  return undefined;
}

/** The key table to check an image's broker.conf against; the newest table (with a note) when unsure. */
export function keyTableFor(image: string): KeyTable {
  const text = rocketmqVersionOf(image);
  const v = text ? parseVersion(text) : undefined;
  const family = v ? familyOf(v) : undefined;
  if (!family || !text) {
    const newest = FAMILY_TABLES['5'];
    const why = text
      ? `RocketMQ ${text} is not a version with a known key table`
      : `no RocketMQ version in '${image}'`;
    return {
      version: newest.version,
      family: '5',
      keys: newest.keys,
      note: `${why}: broker.conf keys checked against RocketMQ ${newest.version}`,
    };
  }
  const release = own(RELEASE_TABLES, text);
  if (release) return { version: text, family, keys: release };
  const table = FAMILY_TABLES[family];
  const exact = text === table.version || (family === '4.8' && text === '4.8');
  return {
    version: table.version,
    family,
    keys: table.keys,
    ...(exact
      ? {}
      : { note: `broker.conf keys of RocketMQ ${text} checked against RocketMQ ${table.version}` }),
  };
}

/** The current spelling of an old key that RocketMQ no longer reads (mapedFile* -> mappedFile*). */
export function legacyKey(key: string): { replacement: string; lastSeenIn: string } | undefined {
  const row = LEGACY_BROKER_KEYS.find(([k]) => k === key);
  return row ? { replacement: row[1], lastSeenIn: row[2] } : undefined;
}

/**
 * Whether RocketMQ `version` reads `key`, from the per-release matrix: undefined when that release is
 * not in the matrix (only the family table is known then).
 */
export function keyReadBy(key: string, version: string): boolean | undefined {
  if (!BROKER_KEY_MATRIX_VERSIONS.includes(version)) return undefined;
  const present = own(BROKER_KEY_PRESENCE, key);
  return present !== undefined && present.split(' ').includes(version);
}

/** Releases (of the matrix) that read `key`, oldest first; empty when none does. */
export function releasesReading(key: string): readonly string[] {
  const present = own(BROKER_KEY_PRESENCE, key);
  return present ? present.split(' ') : [];
}
