import path from 'node:path';
import * as core from '@actions/core';
import type { Plan } from '../plan/plan.js';
import type { RenderedCluster } from '../render/render.js';
import type { DeployResult } from '../rollout/deploy.js';
import type { Finding, Severity } from '../spec/findings.js';
import { countBySeverity } from '../spec/findings.js';
import { escapeHtml } from './github.js';
import { drainPlanLine, planCounts, planRows, topologyRows } from './format.js';
import type { DrainPlan } from '../plan/drain-plan.js';

/** What one run of the action has to show; each part is optional. */
export interface SummaryInput {
  command: string;
  spec: string;
  findings: readonly Finding[];
  topology?: { summary: string; tradeoff: string };
  cluster?: RenderedCluster;
  plan?: Plan;
  /** Which masters are drained, and the waits (drain-plan.ts). */
  drain?: DrainPlan;
  result?: DeployResult;
  /** The run stopped before or outside a rollout (lock held, host unreachable, ...). */
  error?: string;
  /** Final view of the cluster as the name servers see it: broker → addresses. */
  clusterStatus?: { nameServer: string; brokers: { name: string; id: string; addr: string }[] }[];
  manifest?: string;
}

/** Where the spec's lines can be linked to: the repository's file view at the run's commit. */
export interface LinkBase {
  serverUrl: string;
  repository: string;
  sha: string;
  /** The checkout the spec paths are relative to. */
  workspace: string;
}

export function linkBaseFromEnv(env: NodeJS.ProcessEnv = process.env): LinkBase | undefined {
  const { GITHUB_SERVER_URL: serverUrl, GITHUB_REPOSITORY: repository, GITHUB_SHA: sha } = env;
  if (!serverUrl || !repository || !sha) return undefined;
  return { serverUrl, repository, sha, workspace: env.GITHUB_WORKSPACE ?? process.cwd() };
}

type Cell = string | { data: string; header?: boolean };

function table(headers: string[], rows: string[][]): Cell[][] {
  return [headers.map((h) => ({ data: h, header: true })), ...rows];
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "1 error, 2 warnings" — only the kinds there are; "no findings" when none. */
export function countsInWords(findings: readonly Finding[]): string {
  const c = countBySeverity(findings);
  const parts = [
    c.error ? plural(c.error, 'error') : '',
    c.warning ? plural(c.warning, 'warning') : '',
    c.notice ? plural(c.notice, 'notice') : '',
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'no findings';
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, notice: 2 };
// A no-break space: the mark and its word stay on one line in a narrow column.
const MARK: Record<Severity, string> = {
  error: '❌&nbsp;error',
  warning: '⚠️&nbsp;warning',
  notice: 'ℹ️&nbsp;notice',
};

/** Errors first, then warnings, then notices; in line order within each. */
export function bySeverity(findings: readonly Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => RANK[a.f.severity] - RANK[b.f.severity] || a.i - b.i)
    .map(({ f }) => f);
}

/** The topology is shown once, as the summary's own line: not as a finding row or annotation. */
export const isTopologyNotice = (f: Finding): boolean => f.code === 'topology';

function location(f: Finding, links: LinkBase | undefined): string {
  const text = escapeHtml(`${f.file ?? '<spec>'}:${f.line ?? 1}:${f.column ?? 1}`);
  if (!links || !f.file || !f.line) return text;
  const file = path
    .relative(links.workspace, path.resolve(links.workspace, f.file))
    .split(path.sep)
    .map(encodeURIComponent)
    .join('/');
  if (file.startsWith('..')) return text;
  const url = `${links.serverUrl}/${links.repository}/blob/${links.sha}/${file}#L${f.line}`;
  return `<a href="${escapeHtml(url)}">${text}</a>`;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

interface Outcome {
  mark: string;
  title: string;
  line: string;
}

/** The status mark, the heading and the one line a reader needs when nothing else is read. */
function outcome(s: SummaryInput): Outcome {
  const spec = `<code>${escapeHtml(s.spec)}</code>`;
  const findings = countsInWords(s.findings.filter((f) => !isTopologyNotice(f)));
  const c = countBySeverity(s.findings);
  const containers = s.cluster?.hosts.reduce((n, h) => n + h.containers.length, 0);
  const shape = s.cluster
    ? `${plural(containers ?? 0, 'container')} on ${plural(s.cluster.hosts.length, 'host')}`
    : '';
  if (c.error) {
    return {
      mark: '❌',
      title: `${spec} is invalid`,
      line: `${findings}: fix the errors below. Nothing was ${s.command === 'validate' || s.command === 'render' ? 'rendered' : 'changed on any host'}.`,
    };
  }
  const f = s.result?.failure;
  if (f) {
    const where = `${escapeHtml(f.host)}${f.name ? ` / ${escapeHtml(f.name)}` : ''}`;
    const planned = s.result?.plan ? planCounts(s.result.plan) : undefined;
    const done = s.result?.steps.filter((st) => st.ok).length ?? 0;
    return {
      mark: '❌',
      title: `${escapeHtml(s.command)} of ${spec} failed on ${where}`,
      line:
        f.phase === 'preflight'
          ? 'Stopped in pre-flight: nothing was stopped or changed.'
          : `Stopped at the first failure, ${done} of ${planned ? planned.create + planned.replace : '?'} planned changes done; ${f.restored ? 'the failed step was undone' : 'nothing needed undoing'}.`,
    };
  }
  if (s.error) {
    return {
      mark: '❌',
      title: `${escapeHtml(s.command)} of ${spec} stopped`,
      line: `${escapeHtml(s.error)}. Nothing was changed by this step.`,
    };
  }
  if (s.result) {
    if (s.result.noop) {
      return {
        mark: '✅',
        title: `${spec}: nothing to change`,
        line: `The hosts already run this spec. ${findings}.`,
      };
    }
    const hosts = s.result.hostTimings.map((t) => `${escapeHtml(t.host)} ${seconds(t.ms)}`).join(' · ');
    return {
      mark: '✅',
      title: `${escapeHtml(s.command)} of ${spec}: healthy`,
      line: `${plural(s.result.steps.length, 'container')} changed, every gate passed${hosts ? ` (${hosts})` : ''}. ${findings}.`,
    };
  }
  if (s.plan) {
    const pc = planCounts(s.plan);
    const changes = pc.create + pc.replace;
    const parts = [
      pc.create ? `${pc.create} to create` : '',
      pc.replace ? `${pc.replace} to replace` : '',
      `${pc.unchanged} unchanged`,
      pc.orphaned ? `${pc.orphaned} orphaned (reported, never removed)` : '',
    ].filter(Boolean);
    return {
      mark: changes ? '📝' : '✅',
      title: changes ? `${spec}: ${plural(changes, 'change')} planned` : `${spec}: the hosts match the spec`,
      line: `${parts.join(', ')}. ${findings}.`,
    };
  }
  return {
    mark: '✅',
    title: `${spec} is valid`,
    line: `${findings}${shape ? `; ${shape}` : ''}${s.manifest ? `, rendered to <code>${escapeHtml(s.manifest)}</code>` : ''}.`,
  };
}

type Summary = typeof core.summary;

type Failure = NonNullable<DeployResult['failure']>;

/**
 * On a failure the reader wants what broke first: where, what was restored, what was not touched;
 * then any step that ran beside it (parallel rollout) and failed too.
 */
function addFailure(sum: Summary, f: Failure, also: readonly Failure[] = []): void {
  sum.addHeading('What failed, what was restored', 3);
  const failed = (x: Failure, label: string): string[] => [
    `<b>${label}:</b> ${escapeHtml(x.host)}${x.name ? ` / <code>${escapeHtml(x.name)}</code>` : ''} (${escapeHtml(x.phase)}): ${escapeHtml(x.message)}`,
    `<b>Restored:</b> ${x.restored ? escapeHtml(x.restored) : 'nothing needed restoring'}`,
  ];
  sum.addList(
    [
      ...failed(f, 'Failed'),
      ...also.flatMap((x) => failed(x, 'Also failed')),
      f.phase === 'preflight'
        ? '<b>Not touched:</b> every container (pre-flight stops before anything is stopped)'
        : '<b>Not touched:</b> every container not yet started (the rollout starts nothing after a failure)',
    ],
    false,
  );
  if (f.logTail)
    sum.addDetails(
      'Last log lines of the new container',
      `\n\n<pre>${escapeHtml(f.logTail.trimEnd())}</pre>\n\n`,
    );
}

function addFindings(sum: Summary, s: SummaryInput, links: ReturnType<typeof linkBaseFromEnv>): void {
  const shown = bySeverity(s.findings.filter((x) => !isTopologyNotice(x)));
  if (shown.length) {
    sum.addHeading(`Findings: ${countsInWords(shown)}`, 3);
    sum.addTable(
      table(
        ['Severity', 'Where', 'What', 'Fix'],
        shown.map((x) => [
          MARK[x.severity],
          location(x, links),
          escapeHtml(x.message),
          escapeHtml(x.hint ?? ''),
        ]),
      ),
    );
  }
}

function addPlan(sum: Summary, plan: Plan): void {
  const pc = planCounts(plan);
  sum.addHeading(
    `Plan: ${pc.create} to create, ${pc.replace} to replace, ${pc.unchanged} unchanged, ${pc.orphaned} orphaned`,
    3,
  );
  sum.addTable(
    table(
      ['Container', 'Host', 'Action', 'Reason'],
      planRows(plan).map((r) => [r.container, r.host, r.action, r.reason].map(escapeHtml)),
    ),
  );
  // Version changes: a downgrade's hazard and the defaults that move, once for the plan.
  if (plan.notes?.length) sum.addList(plan.notes.map((n) => escapeHtml(`${n.severity}: ${n.message}`)));
}

function addRollout(sum: Summary, result: DeployResult): void {
  if (!result.steps.length) return;
  sum.addHeading('Rollout', 3);
  sum.addTable(
    table(
      ['Host', 'Container', 'Action', 'Result', 'Time', 'Gates'],
      result.steps.map((st) => [
        escapeHtml(st.host),
        escapeHtml(st.name),
        st.action,
        st.ok ? '✅ ok' : '❌ failed',
        seconds(st.elapsedMs),
        st.gates.map((g) => `${escapeHtml(g.gate)} ${g.ok ? '✓' : '✗'} (${seconds(g.elapsedMs)})`).join(', '),
      ]),
    ),
  );
}

function addClusterStatus(sum: Summary, clusterStatus: NonNullable<SummaryInput['clusterStatus']>): void {
  if (!clusterStatus.length) return;
  sum.addHeading('Cluster status (as each name server sees it)', 3);
  sum.addTable(
    table(
      ['Name server', 'Broker', 'brokerId', 'Address'],
      clusterStatus.flatMap((ns) =>
        ns.brokers.length
          ? ns.brokers.map((b) => [ns.nameServer, b.name, b.id, b.addr].map(escapeHtml))
          : [[escapeHtml(ns.nameServer), '(none)', '', '']],
      ),
    ),
  );
}

function addTopology(sum: Summary, cluster: RenderedCluster): void {
  sum.addHeading('Topology', 3);
  sum.addTable(
    table(
      ['Host', 'Address', 'Container', 'Role', 'Ports'],
      topologyRows(cluster).map((r) => [r.host, r.address, r.container, r.kind, r.ports].map(escapeHtml)),
    ),
  );
}

/** The job summary, most important first: outcome, what failed, findings, plan, rollout, details. */
export function buildSummary(s: SummaryInput, links = linkBaseFromEnv()): Summary {
  const sum = core.summary;
  const o = outcome(s);
  sum.addHeading(`${o.mark} ${o.title}`, 2);
  sum.addRaw(`<p>${o.line}</p>`, true);
  const f = s.result?.failure;
  // On a failure the reader wants what broke first; the topology is in the table further down.
  if (s.topology && !f && !s.error) {
    const tradeoff = s.topology.tradeoff.charAt(0).toUpperCase() + s.topology.tradeoff.slice(1);
    sum.addRaw(`<p><b>Topology:</b> ${escapeHtml(s.topology.summary)}. ${escapeHtml(tradeoff)}.</p>`, true);
  }
  if (f) addFailure(sum, f, s.result?.failures?.slice(1));
  addFindings(sum, s, links);
  if (s.plan) addPlan(sum, s.plan);
  const drainLine = s.drain ? drainPlanLine(s.drain).trim() : '';
  if (drainLine) sum.addList([escapeHtml(drainLine)]);
  if (s.result) addRollout(sum, s.result);
  if (s.clusterStatus) addClusterStatus(sum, s.clusterStatus);
  if (s.cluster) addTopology(sum, s.cluster);
  return sum;
}

export async function writeSummary(s: SummaryInput): Promise<void> {
  await buildSummary(s).write();
}
