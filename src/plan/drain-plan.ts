import { changes, type Plan } from './plan.js';

/**
 * What the plan says about draining (issue 12): which running masters go read-only before they
 * stop, and how long the waits for the clients' route refresh add up to.
 */
export interface DrainPlan {
  drain: boolean;
  drainSeconds: number;
  /**
   * Each drain, in plan order: a running master the plan replaces, or the running master of a
   * SYNC_MASTER group while its slave restarts (`forSlave`; such a master fails writes then).
   */
  masters: { host: string; name: string; forSlave?: string }[];
  /** drainSeconds before each drain's stop, and again between two drains (none after the last). */
  waitSeconds: number;
}

export function drainPlan(plan: Plan, settings: { drain: boolean; drainSeconds: number }): DrainPlan {
  const masters: DrainPlan['masters'] = [];
  for (const e of changes(plan)) {
    if (e.action !== 'replace' || !e.observed?.running) continue;
    if (e.kind === 'master') masters.push({ host: e.host, name: e.name });
    const m = e.kind === 'slave' ? syncMasterOf(plan, e.desired?.group) : undefined;
    if (m) masters.push({ host: m.host, name: m.name, forSlave: e.name });
  }
  const n = settings.drain ? masters.length : 0;
  return {
    drain: settings.drain,
    drainSeconds: settings.drainSeconds,
    masters,
    waitSeconds: n === 0 ? 0 : (2 * n - 1) * settings.drainSeconds,
  };
}

/** The running master of `group` when the group replicates synchronously. */
function syncMasterOf(plan: Plan, group: string | undefined): { host: string; name: string } | undefined {
  if (!group) return undefined;
  const m = plan.entries.find((x) => x.kind === 'master' && x.desired?.group === group);
  const running = m?.action === 'unchanged' || m?.observed?.running === true;
  return m && running && m.desired?.brokerConfig?.brokerRole === 'SYNC_MASTER' ? m : undefined;
}
