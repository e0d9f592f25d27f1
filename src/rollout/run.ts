import { readFile } from 'node:fs/promises';
import { fetchClusterInfo } from '../gates/remoting.js';
import { registrationsOf } from '../gates/gates.js';
import type { Plan } from '../plan/plan.js';
import { renderCluster, type RenderedCluster } from '../render/render.js';
import type { Reporter } from '../report/reporter.js';
import { hasErrors } from '../spec/findings.js';
import { specRevision } from '../spec/revision.js';
import type { Spec } from '../spec/schema.js';
import { validateSpecText, type ValidationResult } from '../spec/validate.js';
import { deploy, planDeploy, type DeployResult, type HostHandle } from './deploy.js';
import { previousRevision, type LockOwner } from './host-state.js';
import { LiveGates } from './live-gates.js';
import { closeHosts, openHosts, type ConnectionSettings } from './session.js';

/**
 * The commands that reach hosts (plan, deploy, rollback), shared by the CLI and the action: both
 * only parse their inputs and present what this returns.
 */
export interface RemoteRunSettings {
  connection: ConnectionSettings;
  onlyHosts?: string[];
  gateTimeoutMs: number;
  breakLock: boolean;
  dryRun: boolean;
  revision?: string;
  owner: { owner: string; runUrl?: string };
  signal?: AbortSignal;
  /** rollback only: `previous` (from the hosts' history) or undefined (the spec file as given). */
  rollbackTo?: string;
}

export interface ClusterStatusRow {
  nameServer: string;
  error?: string;
  brokers: { name: string; id: string; addr: string }[];
}

export interface RemoteRunResult {
  validation: ValidationResult;
  specPath: string;
  cluster?: RenderedCluster;
  plan?: Plan;
  result?: DeployResult;
  clusterStatus?: ClusterStatusRow[];
  /** Set when the run could not start (bad spec, unreachable host, no previous revision...). */
  error?: string;
}

export class RunError extends Error {}

function checkOnlyHosts(spec: Spec, only: string[] | undefined): Set<string> | undefined {
  if (!only?.length) return undefined;
  const unknown = only.filter((h) => !spec.hosts[h]);
  if (unknown.length) {
    throw new RunError(
      `only-hosts names hosts that are not in the spec: ${unknown.join(', ')} (hosts: ${Object.keys(spec.hosts).join(', ')})`,
    );
  }
  return new Set(only);
}

export async function clusterStatus(cluster: RenderedCluster): Promise<ClusterStatusRow[]> {
  return Promise.all(
    cluster.nameServers.map(async (ns) => {
      try {
        const info = await fetchClusterInfo(ns, { timeoutMs: 3000 });
        return {
          nameServer: ns,
          brokers: registrationsOf(info)
            .filter((r) => r.cluster === cluster.cluster)
            .sort((a, b) => a.brokerName.localeCompare(b.brokerName) || a.brokerId - b.brokerId)
            .map((r) => ({ name: r.brokerName, id: String(r.brokerId), addr: r.addr })),
        };
      } catch (error) {
        return { nameServer: ns, error: (error as Error).message, brokers: [] };
      }
    }),
  );
}

async function withHosts<T>(
  spec: Spec,
  s: RemoteRunSettings,
  reporter: Reporter,
  fn: (hosts: HostHandle[]) => Promise<T>,
): Promise<T> {
  const hosts = await reporter.group('Connecting to the hosts', () =>
    openHosts(spec, Object.keys(spec.hosts), s.connection, reporter),
  );
  try {
    return await fn(hosts);
  } finally {
    await closeHosts(hosts);
  }
}

export async function runRemoteCommand(
  command: 'plan' | 'deploy' | 'rollback',
  specPath: string,
  s: RemoteRunSettings,
  reporter: Reporter,
): Promise<RemoteRunResult> {
  let specText = await readFile(specPath, 'utf8');
  let validation = validateSpecText(specText, specPath);
  if (!validation.spec || hasErrors(validation.findings))
    return { validation, specPath, error: 'the spec has errors' };
  let spec: Spec = validation.spec;
  const only = checkOnlyHosts(spec, s.onlyHosts);
  let revision = await specRevision(specPath, specText, s.revision);

  return withHosts(spec, s, reporter, async (hosts) => {
    if (command === 'rollback' && s.rollbackTo === 'previous') {
      // The hosts remember what was deployed: take the revision before the current one and its spec.
      const first = hosts[0];
      const history = first ? await first.state.history() : [];
      const previous = previousRevision(history);
      if (!previous || !first) {
        return {
          validation,
          specPath,
          error: `no previous revision recorded on host ${first?.name ?? '?'}: nothing to roll back to`,
        };
      }
      const text = await first.state.specOf(previous);
      if (!text)
        return {
          validation,
          specPath,
          error: `host ${first.name} has no spec stored for revision ${previous}`,
        };
      reporter.log('info', `rolling back to revision ${previous} (recorded on ${first.name})`, {
        code: 'rollback.previous',
      });
      specText = text;
      validation = validateSpecText(text, `${specPath}@${previous}`);
      if (!validation.spec)
        return { validation, specPath, error: `the spec of revision ${previous} no longer validates` };
      spec = validation.spec;
      revision = previous;
      if (Object.keys(spec.hosts).join() !== hosts.map((h) => h.name).join()) {
        return {
          validation,
          specPath,
          error: `revision ${previous} has other hosts than the current spec: deploy it from its git ref instead`,
        };
      }
    }
    const cluster = renderCluster(spec, revision);
    if (command === 'plan') {
      const plan = await planDeploy(cluster, hosts, only);
      return { validation, specPath, cluster, plan };
    }
    const owner: LockOwner = { ...s.owner, revision, pid: process.pid, since: new Date().toISOString() };
    const result = await deploy({
      cluster,
      specText,
      hosts,
      gates: new LiveGates({ deadlineMs: s.gateTimeoutMs, reporter }),
      reporter,
      owner,
      breakLock: s.breakLock,
      dryRun: s.dryRun,
      pullPolicy: spec.images.pull,
      sudo: spec.ssh.sudo,
      ...(only ? { onlyHosts: only } : {}),
      ...(s.signal ? { signal: s.signal } : {}),
    });
    const status = result.noop && !result.plan.entries.length ? [] : await clusterStatus(cluster);
    return { validation, specPath, cluster, plan: result.plan, result, clusterStatus: status };
  });
}
