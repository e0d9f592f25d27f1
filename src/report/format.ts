import type { DrainPlan } from '../plan/drain-plan.js';
import type { Plan, PlanEntry } from '../plan/plan.js';
import type { RenderedCluster } from '../render/render.js';
import type { DeployResult } from '../rollout/deploy.js';
import type { Leftover } from '../rollout/journal.js';
import { printable } from '../spec/findings.js';

/** Plain-text and JSON views of plans and results; the GitHub summary builds on the same rows. */

const SYMBOL: Record<PlanEntry['action'], string> = {
  unchanged: '=',
  create: '+',
  replace: '~',
  orphaned: '?',
};

export function planRows(plan: Plan): { container: string; host: string; action: string; reason: string }[] {
  return plan.entries.map((e) => ({
    container: e.name,
    host: e.host,
    action: e.action,
    reason: e.reasons.join('; '),
  }));
}

export function planCounts(plan: Plan): Record<PlanEntry['action'], number> {
  const counts = { unchanged: 0, create: 0, replace: 0, orphaned: 0 };
  for (const e of plan.entries) counts[e.action] += 1;
  return counts;
}

export function formatPlanText(plan: Plan): string {
  const lines = [`Plan for cluster ${plan.cluster} at revision ${plan.revision}:`];
  let host = '';
  for (const e of plan.entries) {
    if (e.host !== host) {
      host = e.host;
      lines.push(`  host ${host}`);
    }
    lines.push(
      `    ${SYMBOL[e.action]} ${e.name} (${e.kind}) ${e.action}${e.reasons.length ? ': ' + e.reasons.join('; ') : ''}`,
    );
  }
  const c = planCounts(plan);
  lines.push(
    `${c.create} to create, ${c.replace} to replace, ${c.unchanged} unchanged, ${c.orphaned} orphaned`,
  );
  for (const n of plan.notes ?? []) lines.push(`${n.severity}: ${n.message}`);
  // Reasons quote values from the spec and the hosts: none may start a line of its own.
  return `${lines.map(printable).join('\n')}\n`;
}

export function planJson(plan: Plan): unknown {
  return {
    cluster: plan.cluster,
    revision: plan.revision,
    counts: planCounts(plan),
    entries: plan.entries.map((e) => ({
      host: e.host,
      name: e.name,
      kind: e.kind,
      action: e.action,
      reasons: e.reasons,
      configChanges: e.configChanges,
      ...(e.observed
        ? { observed: { id: e.observed.id, image: e.observed.image, running: e.observed.running } }
        : {}),
      ...(e.desired ? { desired: { image: e.desired.image, configHash: e.desired.configHash } } : {}),
      ...(e.version ? { version: e.version } : {}),
      ...(e.commitLogPin ? { commitLogPin: e.commitLogPin } : {}),
    })),
    notes: plan.notes ?? [],
  };
}

/** hosts × containers × ports, the picture of the cluster a reviewer wants first. */
export function topologyRows(
  cluster: RenderedCluster,
): { host: string; address: string; container: string; kind: string; ports: string }[] {
  return cluster.hosts.flatMap((h) =>
    h.containers.map((c) => ({
      host: h.name,
      address: h.address,
      container: c.name,
      kind: c.kind + (c.group ? ` ${c.group}${c.brokerId === 0 ? '' : ` #${c.brokerId}`}` : ''),
      ports: c.ports.join(', '),
    })),
  );
}

export function formatResultText(r: DeployResult): string {
  const lines: string[] = [];
  for (const s of r.steps) {
    lines.push(
      `  ${s.ok ? 'ok  ' : 'FAIL'} ${s.host} ${s.name} ${s.action} in ${(s.elapsedMs / 1000).toFixed(1)}s` +
        (s.stop
          ? ` — old one stopped with ${s.stop.method}, exit ${s.stop.exitCode}${s.stop.killed ? ' (SIGKILLed)' : ''}`
          : '') +
        (s.gates.length
          ? ` — gates: ${s.gates.map((g) => `${g.gate} ${g.ok ? 'ok' : 'FAILED'}`).join(', ')}`
          : ''),
    );
  }
  if (r.failure) {
    lines.push(
      `FAILED on ${r.failure.host}${r.failure.name ? ` (${r.failure.name})` : ''}, ${r.failure.phase}: ${r.failure.message}`,
    );
    if (r.failure.restored) lines.push(`Restored: ${r.failure.restored}`);
    // Steps that ran in parallel with the first failure and failed too.
    for (const f of r.failures?.slice(1) ?? []) {
      lines.push(`Also FAILED on ${f.host}${f.name ? ` (${f.name})` : ''}, ${f.phase}: ${f.message}`);
      if (f.restored) lines.push(`Restored: ${f.restored}`);
    }
    if (r.failure.logTail)
      lines.push(
        'Last log lines of the new container:',
        ...r.failure.logTail
          .trimEnd()
          .split('\n')
          .map((l) => `  | ${l}`),
      );
  } else if (r.noop) {
    lines.push('Nothing changed.');
  } else {
    lines.push(
      `Rollout healthy: ${r.steps.length} containers changed; ${r.hostTimings.map((t) => `${t.host} ${(t.ms / 1000).toFixed(1)}s`).join(', ')}`,
    );
  }
  // Messages and log lines come from hosts and containers: each stays on its own line.
  return `${lines.map(printable).join('\n')}\n`;
}

/** plan's section on what an unfinished run left behind (and locks held); empty when nothing. */
export function formatLeftovers(list: readonly Leftover[]): string {
  if (!list.length) return '';
  const lines = ['Interrupted (the next deploy repairs this first):'];
  for (const i of list) {
    if (i.summary) lines.push(`  ${i.summary}`);
    if (i.lock) lines.push(`  ${i.host}: ${i.lock}`);
  }
  return `${lines.join('\n')}\n`;
}

/** One line for the plan's text; empty when no running master is replaced. */
export function drainPlanLine(d: DrainPlan): string {
  if (!d.masters.length) return '';
  const names = d.masters
    .map((m) => `${m.name} (host ${m.host}${m.forSlave ? `, while its slave ${m.forSlave} restarts` : ''})`)
    .join(', ');
  if (!d.drain) {
    return `Drain: off (rollout.drain: false): ${names} stop while producers may still write to them\n`;
  }
  const between = d.masters.length > 1 ? `, and again between masters` : '';
  return (
    `Drain: ${names} go read-only before they stop; ${d.drainSeconds} s for producers to move their writes${between}: ` +
    `${d.waitSeconds} s of waits in all\n`
  );
}
