import { compareVersions, keyTableFor, parseVersion, rocketmqVersionOf } from '../spec/broker-keys.js';

/**
 * A change of RocketMQ version is its own kind of change: the plan names it ("upgrade 4.8.0 →
 * 4.9.7"), warns about a downgrade, lists the defaults that move under the spec's feet and keeps the
 * commit log where the running version has it.
 */

export interface VersionChange {
  from: string;
  to: string;
  direction: 'upgrade' | 'downgrade';
}

/** The version change between two RocketMQ images; undefined when either tag has no version or both match. */
export function versionChange(oldImage: string, newImage: string): VersionChange | undefined {
  const from = rocketmqVersionOf(oldImage);
  const to = rocketmqVersionOf(newImage);
  const a = from ? parseVersion(from) : undefined;
  const b = to ? parseVersion(to) : undefined;
  if (!from || !to || !a || !b) return undefined;
  const order = compareVersions(a, b);
  if (order === 0) return undefined;
  return { from, to, direction: order < 0 ? 'upgrade' : 'downgrade' };
}

export function describeVersionChange(c: VersionChange): string {
  return `${c.direction} ${c.from} → ${c.to}`;
}

/** Why a downgrade can lose data, or undefined when it cannot (as far as known). */
export function downgradeHazard(c: VersionChange): string | undefined {
  if (c.direction !== 'downgrade') return undefined;
  const from = parseVersion(c.from);
  const to = parseVersion(c.to);
  if (from && to && from.major >= 5 && to.major < 5) {
    return (
      `downgrade ${c.from} → ${c.to}: safe only if no topic name is longer than 127 characters ` +
      `(RocketMQ 5 stores messages of such topics in a format ${c.to} cannot read)`
    );
  }
  // Within 4.x the store format did not change (commit log, consume queue, index, checkpoint).
  return undefined;
}

export interface DefaultChange {
  key: string;
  from: string;
  to: string;
}

/** A default as the tables write it, without the prose that says where a JVM property overrides it. */
function bareDefault(text: string): string {
  return text.replace(/\s+\(.*\)$/, '');
}

/**
 * Keys both versions read whose default differs, leaving out keys in `setKeys` (written in broker.conf,
 * so the default does not apply). From the key tables of the two releases.
 */
export function changedDefaults(c: VersionChange, setKeys: ReadonlySet<string>): DefaultChange[] {
  const before = keyTableFor(`rocketmq:${c.from}`).keys;
  const after = keyTableFor(`rocketmq:${c.to}`).keys;
  const out: DefaultChange[] = [];
  for (const [key, entry] of after) {
    const old = before.get(key);
    if (!old || setKeys.has(key)) continue;
    if (bareDefault(old.default) !== bareDefault(entry.default))
      out.push({ key, from: bareDefault(old.default), to: bareDefault(entry.default) });
  }
  return out.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
}

/** The image's rocketmq user's home: `${user.home}` in RocketMQ's defaults. */
const CONTAINER_HOME = '/home/rocketmq';
/** Before 4.9.4 the commit log defaulted to ~/store/commitlog whatever storePathRootDir said. */
const ROOT_RELATIVE_SINCE = { major: 4, minor: 9, patch: 4 };

/** Where RocketMQ `version` keeps the commit log for a broker.conf; undefined when the version is unknown. */
export function commitLogPath(version: string, conf: Readonly<Record<string, string>>): string | undefined {
  const explicit = conf.storePathCommitLog;
  if (explicit !== undefined && explicit !== '') return explicit;
  const v = parseVersion(version);
  if (!v) return undefined;
  if (compareVersions(v, ROOT_RELATIVE_SINCE) < 0) return `${CONTAINER_HOME}/store/commitlog`;
  const root =
    conf.storePathRootDir !== undefined && conf.storePathRootDir !== '' ? conf.storePathRootDir : undefined;
  return `${root ?? `${CONTAINER_HOME}/store`}/commitlog`;
}

export interface CommitLogPin {
  /** The path the running broker uses, now written as storePathCommitLog. */
  path: string;
  /** Where the new broker.conf would have put the commit log without the pin. */
  unpinned: string;
  why: string;
}

/**
 * Whether the new broker.conf must name the commit log explicitly so that it stays where the
 * running broker keeps it: the spec does not set storePathCommitLog and the path would move, because
 * the version changes (4.9.4 moved the default under storePathRootDir) or because an earlier
 * deploy pinned it. Undefined when nothing would move or a version is unknown.
 */
export function commitLogPin(
  running: { image: string; conf: Readonly<Record<string, string>> },
  next: { image: string; conf: Readonly<Record<string, string>> },
): CommitLogPin | undefined {
  if (next.conf.storePathCommitLog !== undefined) return undefined;
  const from = rocketmqVersionOf(running.image);
  const to = rocketmqVersionOf(next.image);
  if (!from || !to) return undefined;
  const path = commitLogPath(from, running.conf);
  const unpinned = commitLogPath(to, next.conf);
  if (!path || !unpinned || path === unpinned) return undefined;
  const pinnedBefore = running.conf.storePathCommitLog !== undefined;
  if (from === to && !pinnedBefore) return undefined;
  const why = pinnedBefore
    ? `storePathCommitLog kept at ${path}, as the running broker.conf has it (without it the broker would read ${unpinned}, an empty commit log)`
    : `storePathCommitLog pinned to ${path}, where RocketMQ ${from} keeps this commit log (${to} would read ${unpinned}, an empty one)`;
  return { path, unpinned, why };
}
