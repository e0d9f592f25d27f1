import { changes, type Plan } from './plan.js';

/**
 * What the plan says about draining (issue 12): which running masters go read-only before they
 * stop, and how long the waits for the clients' route refresh add up to.
 */
export interface DrainPlan {
  drain: boolean;
  drainSeconds: number;
  /** Running masters the plan replaces, in plan order. */
  masters: { host: string; name: string }[];
  /** drainSeconds before each master stops, and again between two masters (none after the last). */
  waitSeconds: number;
}

export function drainPlan(plan: Plan, settings: { drain: boolean; drainSeconds: number }): DrainPlan {
  const masters = changes(plan)
    .filter((e) => e.kind === 'master' && e.action === 'replace' && e.observed?.running)
    .map((e) => ({ host: e.host, name: e.name }));
  const n = settings.drain ? masters.length : 0;
  return {
    drain: settings.drain,
    drainSeconds: settings.drainSeconds,
    masters,
    waitSeconds: n === 0 ? 0 : (2 * n - 1) * settings.drainSeconds,
  };
}
