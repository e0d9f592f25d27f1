import * as core from '@actions/core';
import type { Plan } from '../plan/plan.js';
import type { RenderedCluster } from '../render/render.js';
import type { DeployResult } from '../rollout/deploy.js';
import type { Finding } from '../spec/findings.js';
import { countBySeverity } from '../spec/findings.js';
import { escapeHtml } from './github.js';
import { planCounts, planRows, topologyRows } from './format.js';

/** What one run of the action has to show; each part is optional. */
export interface SummaryInput {
  command: string;
  spec: string;
  findings: readonly Finding[];
  topology?: { summary: string; tradeoff: string };
  cluster?: RenderedCluster;
  plan?: Plan;
  result?: DeployResult;
  /** Final view of the cluster as the name servers see it: broker → addresses. */
  clusterStatus?: { nameServer: string; brokers: { name: string; id: string; addr: string }[] }[];
  manifest?: string;
}

type Cell = string | { data: string; header?: boolean };

function table(headers: string[], rows: string[][]): Cell[][] {
  return [headers.map((h) => ({ data: h, header: true })), ...rows.map((r) => r.map((c) => escapeHtml(c)))];
}

export async function writeSummary(s: SummaryInput): Promise<void> {
  const sum = core.summary;
  const c = countBySeverity(s.findings);
  const status = s.result
    ? s.result.ok
      ? s.result.noop
        ? 'no change'
        : 'healthy'
      : 'FAILED'
    : c.error
      ? 'invalid'
      : 'valid';
  sum.addHeading(`rocketmq-rollout ${s.command}: ${escapeHtml(s.spec)} — ${status}`, 2);
  if (s.topology)
    sum.addRaw(`<p><b>${escapeHtml(s.topology.summary)}</b>. ${escapeHtml(s.topology.tradeoff)}</p>`, true);

  if (s.cluster) {
    sum.addHeading('Topology', 3);
    sum.addTable(
      table(
        ['Host', 'Address', 'Container', 'Role', 'Ports'],
        topologyRows(s.cluster).map((r) => [r.host, r.address, r.container, r.kind, r.ports]),
      ),
    );
  }

  sum.addHeading(`Findings: ${c.error} errors, ${c.warning} warnings, ${c.notice} notices`, 3);
  if (s.findings.length) {
    sum.addTable(
      table(
        ['Where', 'Severity', 'What', 'Fix'],
        s.findings.map((f) => [
          `${f.file ?? ''}:${f.line ?? ''}:${f.column ?? ''}`,
          f.severity,
          f.message,
          f.hint ?? '',
        ]),
      ),
    );
  }

  if (s.plan) {
    const pc = planCounts(s.plan);
    sum.addHeading(
      `Plan: ${pc.create} create, ${pc.replace} replace, ${pc.unchanged} unchanged, ${pc.orphaned} orphaned`,
      3,
    );
    sum.addTable(
      table(
        ['Container', 'Host', 'Action', 'Reason'],
        planRows(s.plan).map((r) => [r.container, r.host, r.action, r.reason]),
      ),
    );
  }

  if (s.result && s.result.steps.length) {
    sum.addHeading('Rollout', 3);
    sum.addTable(
      table(
        ['Host', 'Container', 'Action', 'Result', 'Time', 'Gates'],
        s.result.steps.map((st) => [
          st.host,
          st.name,
          st.action,
          st.ok ? 'ok' : 'failed',
          `${(st.elapsedMs / 1000).toFixed(1)} s`,
          st.gates
            .map((g) => `${g.gate} ${g.ok ? '✓' : '✗'} (${(g.elapsedMs / 1000).toFixed(1)} s)`)
            .join(', '),
        ]),
      ),
    );
    if (s.result.hostTimings.length) {
      sum.addRaw(
        `<p>Per host: ${s.result.hostTimings.map((t) => `${escapeHtml(t.host)} ${(t.ms / 1000).toFixed(1)} s`).join(' · ')}</p>`,
        true,
      );
    }
  }

  const f = s.result?.failure;
  if (f) {
    sum.addHeading('What failed', 3);
    sum.addRaw(
      `<p><b>${escapeHtml(f.host)}${f.name ? ` / ${escapeHtml(f.name)}` : ''}</b>: ${escapeHtml(f.message)}</p>`,
      true,
    );
    if (f.restored) sum.addRaw(`<p>Restored: ${escapeHtml(f.restored)}</p>`, true);
    if (f.logTail)
      sum.addDetails('Last log lines of the new container', `<pre>${escapeHtml(f.logTail)}</pre>`);
  }

  if (s.clusterStatus?.length) {
    sum.addHeading('Cluster status (as each name server sees it)', 3);
    sum.addTable(
      table(
        ['Name server', 'Broker', 'brokerId', 'Address'],
        s.clusterStatus.flatMap((ns) =>
          ns.brokers.length
            ? ns.brokers.map((b) => [ns.nameServer, b.name, b.id, b.addr])
            : [[ns.nameServer, '(none)', '', '']],
        ),
      ),
    );
  }
  if (s.manifest) sum.addRaw(`<p>Rendered files: <code>${escapeHtml(s.manifest)}</code></p>`, true);
  await sum.write();
}
