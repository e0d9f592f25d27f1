import { readFile } from 'node:fs/promises';
import type { Dialer } from '../gates/dialer.js';
import { fetchClusterInfo } from '../gates/remoting.js';
import { registrationsOf } from '../gates/gates.js';
import { buildPlan, type Plan } from '../plan/plan.js';
import { makeSavedPlan, renderedDigest, type SavedPlan } from '../plan/plan-file.js';
import { renderCluster, type RenderedCluster } from '../render/render.js';
import type { Reporter } from '../report/reporter.js';
import { hasErrors } from '../spec/findings.js';
import { specRevision } from '../spec/revision.js';
import type { Spec } from '../spec/schema.js';
import { validateSpecText, type ValidationResult } from '../spec/validate.js';
import { deploy, observeHost, type DeployResult, type HostHandle } from './deploy.js';
import { previousRevision, type LockOwner } from './host-state.js';
import { LiveGates } from './live-gates.js';
import { lockSettingsFromEnv } from './lock.js';
import { leftovers } from './journal.js';
import {
  closeHosts,
  gateDialer,
  openHosts,
  proveForwarding,
  type ConnectionSettings,
  type GatesVia,
} from './session.js';

/**
 * The commands that reach hosts (plan, deploy, rollback), shared by the CLI and the action: both
 * only parse their inputs and present what this returns.
 */
export interface RemoteRunSettings {
  connection: ConnectionSettings;
  onlyHosts?: string[];
  gateTimeoutMs: number;
  /** Overrides the spec's gates.via (flag or action input). */
  gatesVia?: GatesVia;
  breakLock: boolean;
  dryRun: boolean;
  revision?: string;
  owner: { owner: string; runUrl?: string };
  signal?: AbortSignal;
  /** rollback only: `previous` (from the hosts' history) or undefined (the spec file as given). */
  rollbackTo?: string;
  /** deploy only: run this saved plan (plan --out), refusing if the hosts changed since. */
  savedPlan?: SavedPlan;
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
  /** plan: what an unfinished run left on the hosts, and locks held (see journal.ts). */
  interrupted?: Awaited<ReturnType<typeof leftovers>>;
  /** plan: the plan as a file to approve and hand to deploy --plan. */
  savedPlan?: SavedPlan;
  /** Set when the run could not start (bad spec, unreachable host, no previous revision...). */
  error?: string;
}

export class RunError extends Error {}

function checkOnlyHosts(spec: Spec, only: string[] | undefined): Set<string> | undefined {
  if (!only?.length) return undefined;
  const unknown = only.filter((h) => !Object.hasOwn(spec.hosts, h));
  if (unknown.length) {
    throw new RunError(
      `only-hosts names hosts that are not in the spec: ${unknown.join(', ')} (hosts: ${Object.keys(spec.hosts).join(', ')})`,
    );
  }
  return new Set(only);
}

export async function clusterStatus(cluster: RenderedCluster, dial?: Dialer): Promise<ClusterStatusRow[]> {
  return Promise.all(
    cluster.nameServers.map(async (ns) => {
      try {
        const info = await fetchClusterInfo(ns, { timeoutMs: 3000, ...(dial ? { dial } : {}) });
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
  const saved = command === 'deploy' ? s.savedPlan : undefined;
  // A saved plan carries its spec: deploy exactly what was planned, whatever is checked out now.
  let specText = saved ? saved.specText : await readFile(specPath, 'utf8');
  let validation = validateSpecText(specText, saved ? `${saved.specPath} (from the plan)` : specPath);
  if (!validation.spec || hasErrors(validation.findings))
    return { validation, specPath, error: 'the spec has errors' };
  let spec: Spec = validation.spec;
  if (saved && s.onlyHosts?.length && s.onlyHosts.join() !== (saved.onlyHosts ?? []).join()) {
    return {
      validation,
      specPath,
      error: 'only-hosts differs from the plan: the plan says which hosts it touches',
    };
  }
  const only = checkOnlyHosts(spec, saved ? saved.onlyHosts : s.onlyHosts);
  let revision = saved ? saved.revision : await specRevision(specPath, specText, s.revision);

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
      const observed = await Promise.all(hosts.map((h) => observeHost(h, cluster)));
      const plan = buildPlan(cluster, observed, only);
      const interrupted = await leftovers(hosts, cluster.cluster, lockSettingsFromEnv());
      const savedPlan = makeSavedPlan({
        specPath,
        specText,
        cluster,
        plan,
        observed,
        ...(only ? { onlyHosts: [...only] } : {}),
      });
      return { validation, specPath, cluster, plan, interrupted, savedPlan };
    }
    if (saved && JSON.stringify(renderedDigest(cluster)) !== JSON.stringify(saved.rendered)) {
      return {
        validation,
        specPath,
        cluster,
        error:
          'this rocketmq-rollout renders the planned spec differently from the one that made the plan: make the plan again with this version',
      };
    }
    const owner: LockOwner = { ...s.owner, revision, pid: process.pid, since: new Date().toISOString() };
    const via = s.gatesVia ?? spec.gates.via;
    const dial = gateDialer(spec, hosts, via);
    reporter.log(
      'info',
      via === 'ssh'
        ? "gates reach the cluster through each host's SSH connection (gates.via: ssh)"
        : 'gates connect to the cluster from this runner (gates.via: direct)',
      { code: 'gates.via' },
    );
    const result = await deploy({
      cluster,
      specText,
      hosts,
      gates: new LiveGates({ deadlineMs: s.gateTimeoutMs, reporter, dial }),
      ...(via === 'ssh' ? { checkHost: (h: HostHandle) => proveForwarding(spec, h) } : {}),
      reporter,
      owner,
      breakLock: s.breakLock,
      lock: lockSettingsFromEnv(),
      dryRun: s.dryRun,
      ...(saved ? { expectObserved: saved.observed } : {}),
      pullPolicy: spec.images.pull,
      sudo: spec.ssh.sudo,
      ...(only ? { onlyHosts: only } : {}),
      ...(s.signal ? { signal: s.signal } : {}),
    });
    const status = result.noop && !result.plan.entries.length ? [] : await clusterStatus(cluster, dial);
    return { validation, specPath, cluster, plan: result.plan, result, clusterStatus: status };
  });
}
