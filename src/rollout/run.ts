import type { Dialer } from '../gates/dialer.js';
import { fetchClusterInfo } from '../gates/remoting.js';
import { registrationsOf } from '../gates/gates.js';
import { drainPlan, type DrainPlan } from '../plan/drain-plan.js';
import { buildPlan, planRefusals, type Plan } from '../plan/plan.js';
import { makeSavedPlan, renderedDigest, type SavedPlan } from '../plan/plan-file.js';
import { hostConnections, renderCluster, type RenderedCluster, type RenderedHost } from '../render/render.js';
import type { Reporter } from '../report/reporter.js';
import { hasErrors } from '../spec/findings.js';
import type { Spec } from '../spec/schema.js';
import { validateSpecText, type ValidationResult } from '../spec/validate.js';
import { deploy, observeHost, type DeployResult, type HostHandle } from './deploy.js';
import { previousRevision, type LockOwner } from './host-state.js';
import { LiveGates } from './live-gates.js';
import { Drainer, drainHooks, drainSettings, remotingAdmin } from './drain.js';
import { remotingTopics } from './single-group.js';
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
import { RolloutError, errorMessage } from '../errors.js';

/**
 * The commands that reach hosts (plan, deploy, rollback), shared by the CLI and the action: both
 * only parse their inputs and present what this returns.
 */
export interface RemoteRunSettings {
  connection: ConnectionSettings;
  onlyHosts?: string[];
  gateTimeoutMs: number;
  /** Overrides the spec's rollout.drainSeconds (flag). */
  drainSeconds?: number;
  /** Overrides the spec's rollout.parallel (flag or action input). */
  parallel?: number;
  /** Overrides the spec's gates.via (flag or action input). */
  gatesVia?: GatesVia;
  breakLock: boolean;
  dryRun: boolean;
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
  /** plan, deploy: which masters are drained and how long the waits are (drain-plan.ts). */
  drain?: DrainPlan;
  /** Set when the run could not start (bad spec, unreachable host, no previous revision...). */
  error?: string;
}

/** The run cannot start as asked (e.g. only-hosts names unknown hosts). */
export class RunError extends RolloutError {
  constructor(message: string) {
    super('run', message);
  }
}

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
        return { nameServer: ns, error: errorMessage(error), brokers: [] };
      }
    }),
  );
}

function hostOf(cluster: RenderedCluster, name: string): RenderedHost {
  const host = cluster.hosts.find((h) => h.name === name);
  if (!host) throw new RunError(`host ${name} is not in the rendered cluster`);
  return host;
}

async function withHosts<T>(
  spec: Spec,
  s: RemoteRunSettings,
  reporter: Reporter,
  fn: (hosts: HostHandle[]) => Promise<T>,
): Promise<T> {
  const hosts = await reporter.group('Connecting to the hosts', () =>
    openHosts(hostConnections(spec), spec.cluster, s.connection, reporter),
  );
  try {
    return await fn(hosts);
  } finally {
    await closeHosts(hosts);
  }
}

/**
 * The spec a command runs: its text (read by the entry, or carried by a saved plan) and the
 * revision to record (the entry looks it up: git is no business of the engine).
 */
export interface SpecSource {
  path: string;
  text: string;
  revision: string;
}

export async function runRemoteCommand(
  command: 'plan' | 'deploy' | 'rollback',
  source: SpecSource,
  s: RemoteRunSettings,
  reporter: Reporter,
): Promise<RemoteRunResult> {
  const saved = command === 'deploy' ? s.savedPlan : undefined;
  const specPath = source.path;
  // A saved plan carries its spec: deploy exactly what was planned, whatever is checked out now.
  const specText = saved ? saved.specText : source.text;
  const validation = validateSpecText(specText, saved ? `${saved.specPath} (from the plan)` : specPath);
  if (!validation.spec || hasErrors(validation.findings))
    return { validation, specPath, error: 'the spec has errors' };
  const spec: Spec = validation.spec;
  if (saved && s.onlyHosts?.length && s.onlyHosts.join() !== (saved.onlyHosts ?? []).join()) {
    return {
      validation,
      specPath,
      error: 'only-hosts differs from the plan: the plan says which hosts it touches',
    };
  }
  const only = checkOnlyHosts(spec, saved ? saved.onlyHosts : s.onlyHosts);
  const revision = saved ? saved.revision : source.revision;

  return withHosts(spec, s, reporter, async (hosts) => {
    let run: RunSpec = { validation, spec, specText, revision };
    if (command === 'rollback' && s.rollbackTo === 'previous') {
      const previous = await previousSpec(hosts, specPath, reporter);
      if ('error' in previous)
        return { validation: previous.validation ?? validation, specPath, error: previous.error };
      run = previous;
    }
    const cluster = renderCluster(run.spec, run.revision);
    if (command === 'plan') return planOn(hosts, cluster, run, specPath, only, s);
    if (saved && JSON.stringify(renderedDigest(cluster)) !== JSON.stringify(saved.rendered)) {
      return {
        validation,
        specPath,
        cluster,
        error:
          'this rocketmq-rollout renders the planned spec differently from the one that made the plan: make the plan again with this version',
      };
    }
    return deployOn(hosts, cluster, run, specPath, only, s, reporter);
  });
}

/** What the run deploys once the hosts are open: the spec given, or (rollback) the previous one. */
interface RunSpec {
  validation: ValidationResult;
  spec: Spec;
  specText: string;
  revision: string;
}

/** rollback --to previous: the hosts remember what was deployed; the revision before the current one. */
async function previousSpec(
  hosts: readonly HostHandle[],
  specPath: string,
  reporter: Reporter,
): Promise<RunSpec | { error: string; validation?: ValidationResult }> {
  const first = hosts[0];
  if (!first) return { error: 'no host to read the previous revision from: nothing to roll back to' };
  const previous = previousRevision(await first.state.history());
  if (!previous)
    return { error: `no previous revision recorded on host ${first.name}: nothing to roll back to` };
  const text = await first.state.specOf(previous);
  if (!text) return { error: `host ${first.name} has no spec stored for revision ${previous}` };
  reporter.log('info', `rolling back to revision ${previous} (recorded on ${first.name})`, {
    code: 'rollback.previous',
  });
  const validation = validateSpecText(text, `${specPath}@${previous}`);
  if (!validation.spec) return { validation, error: `the spec of revision ${previous} no longer validates` };
  if (Object.keys(validation.spec.hosts).join() !== hosts.map((h) => h.name).join()) {
    return {
      validation,
      error: `revision ${previous} has other hosts than the current spec: deploy it from its git ref instead`,
    };
  }
  return { validation, spec: validation.spec, specText: text, revision: previous };
}

async function planOn(
  hosts: readonly HostHandle[],
  cluster: RenderedCluster,
  run: RunSpec,
  specPath: string,
  only: Set<string> | undefined,
  s: RemoteRunSettings,
): Promise<RemoteRunResult> {
  const observed = await Promise.all(hosts.map((h) => observeHost(h, cluster)));
  const plan = buildPlan(cluster, observed, only);
  const interrupted = await leftovers([...hosts], cluster.cluster, lockSettingsFromEnv());
  const savedPlan = makeSavedPlan({
    specPath,
    specText: run.specText,
    cluster,
    plan,
    observed,
    ...(only ? { onlyHosts: [...only] } : {}),
  });
  const drain = drainPlan(plan, drainSettings(run.spec, s.drainSeconds));
  // A plan a deploy would refuse fails the plan too (a PR check sees it before the merge).
  const refused = planRefusals(plan).length;
  return {
    validation: run.validation,
    specPath,
    cluster,
    plan,
    interrupted,
    savedPlan,
    drain,
    ...(refused
      ? { error: `a deploy would refuse this plan: ${refused} error${refused === 1 ? '' : 's'} in its notes` }
      : {}),
  };
}

async function deployOn(
  hosts: HostHandle[],
  cluster: RenderedCluster,
  run: RunSpec,
  specPath: string,
  only: Set<string> | undefined,
  s: RemoteRunSettings,
  reporter: Reporter,
): Promise<RemoteRunResult> {
  const { spec, specText, revision } = run;
  const saved = s.savedPlan;
  const owner: LockOwner = { ...s.owner, revision, pid: process.pid, since: new Date().toISOString() };
  const via = s.gatesVia ?? spec.gates.via;
  const dial = gateDialer(cluster.hosts, hosts, via);
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
    // Masters are drained before they stop (drain.ts).
    hooks: drainHooks(
      new Drainer({
        settings: drainSettings(spec, s.drainSeconds),
        reporter,
        admin: remotingAdmin(dial),
        deadlineMs: s.gateTimeoutMs,
      }),
    ),
    topics: remotingTopics(dial),
    ...(via === 'ssh' ? { checkHost: (h: HostHandle) => proveForwarding(hostOf(cluster, h.name), h) } : {}),
    reporter,
    owner,
    breakLock: s.breakLock,
    lock: lockSettingsFromEnv(),
    dryRun: s.dryRun,
    ...(saved ? { expectObserved: saved.observed } : {}),
    pullPolicy: spec.images.pull,
    parallel: s.parallel ?? spec.rollout.parallel,
    sudo: spec.ssh.sudo,
    ...(only ? { onlyHosts: only } : {}),
    ...(s.signal ? { signal: s.signal } : {}),
  });
  const status = result.noop && !result.plan.entries.length ? [] : await clusterStatus(cluster, dial);
  return {
    validation: run.validation,
    specPath,
    cluster,
    plan: result.plan,
    result,
    clusterStatus: status,
    drain: drainPlan(result.plan, drainSettings(spec, s.drainSeconds)),
  };
}
