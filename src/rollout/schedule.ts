import type { ContainerKind } from '../render/render.js';

/**
 * Which steps may run at the same time (rollout.parallel > 1). The rules that keep the cluster
 * serving, whatever the number:
 * - never two members of one broker group at once (one of them always serves the group);
 * - one name server at a time, and every name server before any broker (brokers register there);
 * - a group's slaves before its master (the master stops last, with a fresh slave beside it), but
 *   in a group of which nothing runs yet the master first (deploy.ts, newGroups);
 * - proxies after every broker, one at a time (clients move to another proxy meanwhile);
 * - the console after everything else.
 * Within those rules steps start in the rollout order, so parallel 1 is that order exactly.
 */

export interface Unit<T> {
  kind: ContainerKind;
  /** The broker group; absent for name servers, proxies and the console. */
  group?: string;
  /** A master of a group of which nothing runs yet: it starts before the group's slaves. */
  masterFirst?: boolean;
  item: T;
}

/** May `u` start, given the units in flight and those not started yet (in order, `u` among them)? */
export function mayStart<T>(u: Unit<T>, inFlight: readonly Unit<T>[], pending: readonly Unit<T>[]): boolean {
  const others = (list: readonly Unit<T>[]) => list.filter((x) => x !== u);
  if (u.kind === 'nameServer') return !inFlight.some((x) => x.kind === 'nameServer');
  if (u.kind === 'console') return inFlight.length === 0 && others(pending).length === 0;
  const before = [...inFlight, ...others(pending)];
  if (before.some((x) => x.kind === 'nameServer')) return false;
  if (u.kind === 'proxy')
    return (
      !before.some((x) => x.kind === 'master' || x.kind === 'slave') &&
      !inFlight.some((x) => x.kind === 'proxy')
    );
  if (inFlight.some((x) => x.group === u.group)) return false;
  const sameGroup = (x: Unit<T>) => x.group === u.group;
  if (u.kind === 'master' && !u.masterFirst && before.some((x) => x.kind === 'slave' && sameGroup(x)))
    return false;
  if (u.kind === 'slave' && before.some((x) => x.kind === 'master' && x.masterFirst && sameGroup(x)))
    return false;
  return true;
}

/**
 * Run every unit through `run`, at most `limit` at once, under mayStart. After the first failure
 * (or once `failing` says one began) nothing new starts; the units in flight finish (or undo) on their own. Resolves with every
 * failure, in the order they happened (empty: all ran).
 */
export async function runScheduled<T>(
  units: readonly Unit<T>[],
  limit: number,
  run: (u: Unit<T>) => Promise<void>,
  /** True once a step began to fail (its undo runs): start nothing new from then on either. */
  failing: () => boolean = () => false,
): Promise<unknown[]> {
  const pending = [...units];
  const inFlight = new Map<Unit<T>, Promise<void>>();
  const failures: unknown[] = [];
  for (;;) {
    for (const u of [...pending]) {
      if (failures.length > 0 || failing() || inFlight.size >= Math.max(1, limit)) break;
      if (!mayStart(u, [...inFlight.keys()], pending)) continue;
      pending.splice(pending.indexOf(u), 1);
      const done = run(u)
        .catch((error: unknown) => {
          failures.push(error);
        })
        .finally(() => inFlight.delete(u));
      inFlight.set(u, done);
    }
    if (inFlight.size === 0) break;
    await Promise.race(inFlight.values());
  }
  if (failures.length === 0 && pending.length > 0 && !failing())
    throw new Error(`the rollout schedule cannot go on: ${pending.length} steps can never start`);
  return failures;
}
