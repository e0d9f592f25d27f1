import {
  KEPT_SUFFIX,
  buildPlan,
  planRefusals,
  changes,
  type ObservedHost,
  type Plan,
  type PlanEntry,
} from '../plan/plan.js';
import { errorMessage as messageOf, isRolloutError } from '../errors.js';
import { allContainers, LABELS, type RenderedCluster } from '../render/render.js';
import { observationChanges, observationOf, type HostObservation } from '../plan/plan-file.js';
import type { Remote } from '../remote/remote.js';
import type { Reporter } from '../report/reporter.js';
import type { HostState, LockOwner } from './host-state.js';
import { DEFAULT_LOCK_SETTINGS, findLiveLock, type HeldLocks, type LockSettings } from './lock.js';
import { anyUnfinished, endJournals, openJournals, type HostJournal } from './journal.js';
import { repairLeftovers } from './recover.js';
import type { Gates, HostDocker } from './ports.js';
import { changedBetween, observeHost, observeHosts } from './observe-host.js';
import { preflight } from './preflight.js';
import type { TopicSource } from './single-group.js';
import { runScheduled, type Unit } from './schedule.js';
import { Rollout, StepError, type DeployFailure, type StepHooks, type StepRecord } from './step.js';

export { observeHost };
export { StepError };
export type { DeployFailure, StepContext, StepHooks, StepRecord } from './step.js';

/**
 * The rollout engine: containers in the rendered order (name servers, slaves, masters, console),
 * hosts in spec order within each; per container the phases of step.ts (files, keep the old one,
 * stop, run, gate, and undo on failure). One step at a time by default; with `parallel` > 1,
 * steps of independent broker groups side by side (schedule.ts). Nothing ever runs in parallel
 * that could take two members of a group down.
 */

export interface HostHandle {
  name: string;
  remote: Remote;
  docker: HostDocker;
  state: HostState;
}

export interface DeployOptions {
  cluster: RenderedCluster;
  specText: string;
  hosts: HostHandle[];
  gates: Gates;
  reporter: Reporter;
  owner: LockOwner;
  breakLock?: boolean;
  onlyHosts?: ReadonlySet<string>;
  /** Refuse to start when a host has less free space under dataRoot (MiB). */
  minFreeDiskMb?: number;
  pullPolicy?: 'missing' | 'always';
  signal?: AbortSignal;
  /** Plan and pre-flight only; change nothing. */
  dryRun?: boolean;
  /** Run host commands that need root (chown of the data directories) through `sudo -n`. */
  sudo?: boolean;
  /**
   * A check per host at the start of pre-flight, on every host before any lock or directory: the
   * gates' path (SSH forwarding) must work or nothing may stop. Throws to refuse the run.
   */
  checkHost?: (h: HostHandle) => Promise<void>;
  /** Heartbeat, expiry and wait of the deploy lock (tests shorten them). */
  lock?: Partial<LockSettings>;
  now?: () => Date;
  /**
   * deploy --plan: the hosts as the approved plan saw them. Checked before anything and again under
   * the lock; any difference refuses the run, listing what changed.
   */
  expectObserved?: Readonly<Record<string, HostObservation>>;
  /** Work around a step's phases: before the old container stops, after the new one is gated. */
  hooks?: StepHooks;
  /**
   * Containers restarted at once across independent broker groups (schedule.ts); 1 (the default)
   * is one at a time in rolloutOrder.
   */
  parallel?: number;
  /** The name servers' topics, for pre-flight's warning of topics on one broker group only. */
  topics?: TopicSource;
}

export interface DeployResult {
  ok: boolean;
  plan: Plan;
  steps: StepRecord[];
  hostTimings: { host: string; ms: number }[];
  failure?: DeployFailure;
  /**
   * Every failed step when the run failed, the first one (`failure`) first: with parallel steps,
   * those in flight when the first failed may fail (and undo) too.
   */
  failures?: DeployFailure[];
  /** Nothing was changed: the plan was empty (or a dry run). */
  noop: boolean;
}

export async function planDeploy(
  cluster: RenderedCluster,
  hosts: HostHandle[],
  onlyHosts?: ReadonlySet<string>,
): Promise<Plan> {
  const observed = await Promise.all(hosts.map((h) => observeHost(h, cluster)));
  return buildPlan(cluster, observed, onlyHosts);
}

function elapsed(since: number): number {
  return Math.round(performance.now() - since);
}

const PHASES = ['nameServer', 'newMaster', 'slave', 'master', 'proxy', 'console'] as const;
type Phase = (typeof PHASES)[number];
const PHASE_TITLE: Record<Phase, string> = {
  nameServer: 'Name server',
  newMaster: 'Masters of new groups',
  slave: 'Slaves',
  master: 'Masters',
  proxy: 'Proxy',
  console: 'Console',
};

/**
 * Broker groups of which nothing exists yet: every container of the group, spec'd or orphaned, is
 * to be created. Their masters start before their slaves: a slave connects to its master's HA port
 * as it starts, so with the master up it replicates at once; started first, it finds no master and
 * retries only 5 s later, and the master's replication gate waits for that retry.
 */
export function newGroups(plan: Plan): Set<string> {
  const groupOf = (e: PlanEntry) => e.desired?.group ?? e.observed?.labels[LABELS.group];
  const groups = new Set(plan.entries.map(groupOf).filter((g): g is string => g !== undefined));
  for (const e of plan.entries) {
    const g = groupOf(e);
    if (g !== undefined && e.action !== 'create') groups.delete(g);
  }
  return groups;
}

function phaseOf(e: PlanEntry, created: ReadonlySet<string>): Phase | undefined {
  if (e.kind === 'master' && created.has(e.desired?.group ?? '')) return 'newMaster';
  return (PHASES as readonly string[]).includes(e.kind) ? (e.kind as Phase) : undefined;
}

/**
 * The order of steps: name servers, the masters of new groups, then slaves, then the other masters,
 * then proxies, then the console; within each phase, hosts in spec order. Per host this is
 * DESIGN's order, and across hosts it guarantees a running group's slaves restart before its master
 * even when the master sits on an earlier host.
 */
export function rolloutOrder(
  plan: Plan,
  hosts: readonly HostHandle[],
): { kind: Phase; host: HostHandle; entries: PlanEntry[] }[] {
  const created = newGroups(plan);
  const batches: { kind: Phase; host: HostHandle; entries: PlanEntry[] }[] = [];
  for (const kind of PHASES) {
    for (const host of hosts) {
      const entries = plan.entries.filter(
        (e) =>
          e.host === host.name &&
          phaseOf(e, created) === kind &&
          (e.action === 'create' || e.action === 'replace'),
      );
      if (entries.length) batches.push({ kind, host, entries });
    }
  }
  return batches;
}

/** What changed on the hosts since the saved plan looked; empty without a saved plan. */
function changedSincePlan(o: DeployOptions, now: readonly ObservedHost[]): string[] {
  if (!o.expectObserved) return [];
  return observationChanges(o.expectObserved, observationOf(now));
}

function planRefusal(changed: readonly string[]): DeployFailure {
  return {
    host: /^([^:]+):/.exec(changed[0] ?? '')?.[1] ?? 'all hosts',
    phase: 'preflight',
    message: `the hosts changed since the plan was made, so it is not the plan that was approved; make and approve a new one. Changed: ${changed.join('; ')}`,
  };
}

/**
 * The first look, without a lock: the plan, and the result when the run ends here (a saved plan
 * that no longer matches, another live run, nothing to change, a dry run).
 */
async function firstLook(
  o: DeployOptions,
): Promise<{ observed: ObservedHost[]; plan: Plan; done?: DeployResult }> {
  const { reporter } = o;
  const now = o.now ?? (() => new Date());
  const observed = await observeHosts(o.hosts, o.cluster);
  const plan = buildPlan(o.cluster, observed, o.onlyHosts);
  const stopped = (
    failure?: DeployFailure,
  ): { observed: ObservedHost[]; plan: Plan; done: DeployResult } => ({
    observed,
    plan,
    done: {
      ok: !failure,
      plan,
      steps: [],
      hostTimings: [],
      ...(failure ? { failure, failures: [failure] } : {}),
      noop: true,
    },
  });
  // The plan's own error notes (printed with it) say what is wrong and what to do.
  const refused = planRefusals(plan).length;
  if (refused) {
    const message = `the plan has ${refused} error${refused === 1 ? '' : 's'} (its notes say which, and what to do): nothing was touched`;
    reporter.log('error', message, { code: 'plan.refused' });
    return stopped({ host: 'all hosts', phase: 'preflight', message });
  }
  const changedEarly = changedSincePlan(o, observed);
  if (changedEarly.length) {
    for (const c of changedEarly)
      reporter.log('error', `changed since the plan: ${c}`, { code: 'plan.stale' });
    return stopped(planRefusal(changedEarly));
  }
  // A run that changes nothing takes no lock, but it never reports success while another live run
  // is changing the cluster; a dead run's lock sends it down the full path (take over, repair).
  const empty = changes(plan).length === 0;
  const found =
    empty || o.dryRun
      ? await findLiveLock(o.hosts, { ...DEFAULT_LOCK_SETTINGS, ...o.lock }, now)
      : { anyLock: false };
  if (found.error) {
    reporter.log('error', found.error.message, { code: 'deploy.locked', host: found.error.host });
    return stopped({ host: found.error.host, phase: 'preflight', message: found.error.message });
  }
  // An unfinished run's leftovers (a container never gated can plan as unchanged) need the full path too.
  const unfinished = empty && !found.anyLock && !o.dryRun && (await anyUnfinished(o.hosts));
  if ((empty && !found.anyLock && !unfinished) || o.dryRun) {
    const why = empty ? 'nothing to change: every container matches the spec' : 'dry run: nothing changed';
    reporter.log('info', why, { code: 'deploy.noop' });
    return stopped();
  }
  return { observed, plan };
}

/**
 * The lock was taken after the first look: look once more under it, and stop if another run
 * changed the hosts in between (the plan made is not the one that would run). Returns that look.
 */
async function lookUnderLock(o: DeployOptions, first: readonly ObservedHost[]): Promise<ObservedHost[]> {
  const underLock = await observeHosts(o.hosts, o.cluster);
  const changed = changedSincePlan(o, underLock);
  if (changed.length) {
    for (const c of changed) o.reporter.log('error', `changed since the plan: ${c}`, { code: 'plan.stale' });
    const failure = planRefusal(changed);
    throw new StepError(failure.message, failure);
  }
  const moved = o.expectObserved ? [] : changedBetween(first, underLock);
  if (moved.length) {
    for (const c of moved)
      o.reporter.log('error', `changed while waiting for the lock: ${c}`, { code: 'plan.moved' });
    const failure: DeployFailure = {
      host: /^([^:]+):/.exec(moved[0] ?? '')?.[1] ?? 'all hosts',
      phase: 'preflight',
      message: `the hosts changed between the plan and taking the lock (another run?), so nothing was touched; run again to plan from what they run now. Changed: ${moved.join('; ')}`,
    };
    throw new StepError(failure.message, failure);
  }
  return underLock;
}

/** Journals opened, an interrupted run's leftovers repaired; the Rollout ready to run its steps. */
async function startRollout(
  o: DeployOptions,
  underLock: ObservedHost[],
  opened: Awaited<ReturnType<typeof openJournals>>,
): Promise<{ plan: Plan; rollout: Rollout }> {
  // Same containers and files: the plan from this look (fresh running states) is the one to run.
  let plan = buildPlan(o.cluster, underLock, o.onlyHosts);
  const { journals } = opened;
  // What an interrupted run left is repaired first; the plan is made again from what remains.
  const repair =
    opened.interrupted.length === 0
      ? { done: [], dropWhenHealthy: [] }
      : await o.reporter.group('Repair after an interrupted run', () =>
          repairLeftovers({
            hosts: o.hosts,
            cluster: o.cluster,
            gates: o.gates,
            reporter: o.reporter,
            journals,
            interrupted: opened.interrupted,
            ...(o.signal ? { signal: o.signal } : {}),
          }),
        );
  if (repair.done.length) plan = await planDeploy(o.cluster, o.hosts, o.onlyHosts);
  // After a repair the files may differ from the look under the lock: each step reads its own.
  const rollout = new Rollout(o, plan, journals, repair.done.length ? [] : underLock);
  rollout.kept.push(...repair.dropWhenHealthy);
  return { plan, rollout };
}

/** One step, any failure turned into a StepError that names its host and container. */
async function runStep(o: DeployOptions, rollout: Rollout, h: HostHandle, e: PlanEntry): Promise<void> {
  if (o.signal?.aborted) {
    throw new StepError('interrupted by a signal before the next step', {
      host: h.name,
      phase: 'interrupted',
      message: 'interrupted by a signal; no further container was touched',
    });
  }
  try {
    await rollout.step(h, e);
  } catch (error) {
    // A lost connection or a failed command mid-step: still name where it happened.
    if (error instanceof StepError) throw error;
    const message = messageOf(error).replace(new RegExp(`^${h.name}: `), '');
    throw new StepError(`${h.name}: ${e.name}: ${message}`, {
      host: h.name,
      name: e.name,
      phase: o.signal?.aborted ? 'interrupted' : 'step',
      message,
    });
  }
}

/** Every step, one at a time, in rolloutOrder; a group of lines per phase and host. */
async function runSteps(
  o: DeployOptions,
  plan: Plan,
  rollout: Rollout,
  hostTimings: { host: string; ms: number }[],
): Promise<void> {
  for (const batch of rolloutOrder(plan, o.hosts)) {
    const h = batch.host;
    const t = performance.now();
    await o.reporter.group(`${PHASE_TITLE[batch.kind]} on host ${h.name}`, async () => {
      for (const e of batch.entries) await runStep(o, rollout, h, e);
    });
    addTiming(hostTimings, h.name, elapsed(t));
  }
}

function addTiming(hostTimings: { host: string; ms: number }[], host: string, ms: number): void {
  const timing = hostTimings.find((x) => x.host === host);
  if (timing) timing.ms += ms;
  else hostTimings.push({ host, ms });
}

/** Several steps failed at once (parallel): each of them, the first first. */
class StepFailures extends Error {
  constructor(readonly errors: readonly unknown[]) {
    super(errors.map(messageOf).join('; '));
    this.name = 'StepFailures';
  }
}

/**
 * Up to `limit` steps at once under the rules of schedule.ts. Lines are not grouped per host (the
 * steps interleave): each says its host and container. After a failure nothing new starts; the
 * steps in flight finish or undo, and every failure is reported.
 */
async function runStepsInParallel(
  o: DeployOptions,
  plan: Plan,
  rollout: Rollout,
  hostTimings: { host: string; ms: number }[],
  limit: number,
): Promise<void> {
  const units: Unit<{ host: HostHandle; entry: PlanEntry }>[] = rolloutOrder(plan, o.hosts).flatMap((b) =>
    b.entries.map((entry) => ({
      kind: b.kind === 'newMaster' ? 'master' : b.kind,
      ...(b.kind === 'newMaster' ? { masterFirst: true } : {}),
      ...(entry.desired?.group !== undefined ? { group: entry.desired.group } : {}),
      item: { host: b.host, entry },
    })),
  );
  const title = `Rolling ${units.length} containers, up to ${limit} at once (never two of one group)`;
  const failures = await o.reporter.group(title, () =>
    runScheduled(
      units,
      limit,
      async ({ item }) => {
        const t = performance.now();
        try {
          await runStep(o, rollout, item.host, item.entry);
        } finally {
          addTiming(hostTimings, item.host.name, elapsed(t));
        }
      },
      () => rollout.undoing,
    ),
  );
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) throw new StepFailures(failures);
}

/** Healthy: record the revision everywhere, then drop the containers kept for undo. */
async function finishHealthy(
  o: DeployOptions,
  rollout: Rollout,
  journals: ReadonlyMap<string, HostJournal>,
): Promise<void> {
  const now = o.now ?? (() => new Date());
  const hashes = Object.fromEntries(
    allContainers(o.cluster).map((c) => [`${c.host}/${c.name}`, c.configHash]),
  );
  const entry = {
    revision: o.cluster.revision,
    time: now().toISOString(),
    actor: o.owner.owner,
    ...(o.owner.runUrl ? { runUrl: o.owner.runUrl } : {}),
    result: 'success' as const,
    configHashes: hashes,
  };
  await Promise.all(o.hosts.map((h) => h.state.record(entry, o.specText)));
  for (const k of rollout.kept) {
    await journals.get(k.host.name)?.note('drop-old', k.name.slice(0, -KEPT_SUFFIX.length));
    await k.host.docker.remove(k.name).catch(() => undefined);
  }
  await endJournals(journals, true);
}

/** What a failed run reports; the journal of a host whose step was not undone stays open. */
async function failedRun(
  o: DeployOptions,
  error: unknown,
  locked: boolean,
  journals: ReadonlyMap<string, HostJournal>,
): Promise<DeployFailure[]> {
  const toFailure = (e: unknown): DeployFailure => {
    if (e instanceof StepError) return e.failure;
    o.reporter.log('error', messageOf(e), { code: 'deploy.error' });
    // A held lock, or a host lost outside a step: both name their host.
    return {
      host: (isRolloutError(e) && e.host) || 'all hosts',
      phase: locked ? 'step' : 'preflight',
      message: messageOf(e),
    };
  };
  const failures = (error instanceof StepFailures ? error.errors : [error]).map(toFailure);
  // Containers already replaced on earlier steps stay (they passed their gates); their kept old
  // copies stay too, until a healthy run drops them. The journal of a failed host stays open
  // unless its step was undone: the next run repairs from it.
  const undone = (f: DeployFailure) =>
    f.phase === 'preflight' || (f.restored !== undefined && !f.restored.startsWith('NOT restored'));
  const open = new Set(failures.filter((f) => !undone(f)).map((f) => f.host));
  await endJournals(new Map([...journals].filter(([host]) => !open.has(host))), false);
  return failures;
}

export async function deploy(o: DeployOptions): Promise<DeployResult> {
  // One look at the hosts makes the plan (and checks a saved one); the lock comes after it.
  const first = await firstLook(o);
  if (first.done) return first.done;
  let plan = first.plan;
  const lock: { held?: HeldLocks } = {};
  let journals: ReadonlyMap<string, HostJournal> = new Map();
  const hostTimings: { host: string; ms: number }[] = [];
  let rollout: Rollout | undefined;
  try {
    await o.reporter.group('Pre-flight on all hosts', () => preflight(o, plan, lock));
    const underLock = await lookUnderLock(o, first.observed);
    const opened = await openJournals(o.hosts, o.owner, o.cluster.cluster, o.reporter);
    journals = opened.journals;
    ({ plan, rollout } = await startRollout(o, underLock, opened));
    const parallel = o.parallel ?? 1;
    if (parallel > 1) await runStepsInParallel(o, plan, rollout, hostTimings, parallel);
    else await runSteps(o, plan, rollout, hostTimings);
    await finishHealthy(o, rollout, journals);
    return { ok: true, plan, steps: rollout.steps, hostTimings, noop: false };
  } catch (error) {
    const failures = await failedRun(o, error, lock.held !== undefined, journals);
    const [failure] = failures as [DeployFailure, ...DeployFailure[]];
    return { ok: false, plan, steps: rollout?.steps ?? [], hostTimings, failure, failures, noop: false };
  } finally {
    await lock.held?.release();
  }
}
