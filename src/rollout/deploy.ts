import { parseProperties } from '../gates/properties.js';
import {
  KEPT_SUFFIX,
  buildPlan,
  changes,
  containerFilePaths,
  runArgsPath,
  type ObservedHost,
  type Plan,
  type PlanEntry,
} from '../plan/plan.js';
import {
  brokerPorts,
  allContainers,
  type RenderedCluster,
  type RenderedContainer,
} from '../render/render.js';
import { observationChanges, observationOf, type HostObservation } from '../plan/plan-file.js';
import { RemoteError, readFiles, type Remote } from '../remote/remote.js';
import type { Reporter } from '../report/reporter.js';
import type { HostState, LockOwner } from './host-state.js';
import {
  DEFAULT_LOCK_SETTINGS,
  acquireLocks,
  findLiveLock,
  type HeldLocks,
  type LockSettings,
} from './lock.js';
import { anyUnfinished, endJournals, openJournals, type HostJournal } from './journal.js';
import { repairLeftovers } from './recover.js';
import type { GateResult, Gates, HostDocker, LiveView } from './ports.js';
import { describeStop, stopContainer, type StopRecord } from './stop.js';
import { changedBetween, observeHost, observeHosts } from './observe-host.js';

export { observeHost };

/**
 * The rollout engine: hosts one by one in spec order, containers in the rendered order (name
 * server, slaves, masters, console); per container upload, keep the old one, stop, run, gate, and
 * undo on failure. Nothing runs in parallel that could take two members of a group down.
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
}

export interface StepRecord {
  host: string;
  name: string;
  action: 'create' | 'replace';
  ok: boolean;
  gates: GateResult[];
  elapsedMs: number;
  /** Time spent in docker stop/run and waiting for readiness, for the overhead benchmark. */
  engineMs: number;
  /** How the old container was stopped and how it exited (absent when none was running). */
  stop?: StopRecord;
}

export interface DeployFailure {
  host: string;
  name?: string;
  phase: 'preflight' | 'step' | 'interrupted';
  message: string;
  logTail?: string;
  restored?: string;
}

export interface DeployResult {
  ok: boolean;
  plan: Plan;
  steps: StepRecord[];
  hostTimings: { host: string; ms: number }[];
  failure?: DeployFailure;
  /** Nothing was changed: the plan was empty (or a dry run). */
  noop: boolean;
}

export class StepError extends Error {
  constructor(
    message: string,
    readonly failure: DeployFailure,
  ) {
    super(message);
    this.name = 'StepError';
  }
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

async function preflight(o: DeployOptions, plan: Plan, lock: { held?: HeldLocks }): Promise<void> {
  const { reporter } = o;
  const changing = new Set(changes(plan).map((e) => e.host));
  // Every host's check first, on all hosts, so one refusal leaves every host untouched.
  const checks = await Promise.allSettled(
    o.hosts.map(async (h) => {
      try {
        await o.checkHost?.(h);
      } catch (error) {
        const message = (error as Error).message.replace(new RegExp(`^${h.name}: `), '');
        throw new StepError(`${h.name}: ${message}`, { host: h.name, phase: 'preflight', message });
      }
    }),
  );
  const refused = checks.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (refused) throw refused.reason;
  // Every host's lock, one host after the other in a fixed order (see lock.ts).
  lock.held = await acquireLocks(o.hosts, {
    owner: o.owner,
    breakLock: o.breakLock ?? false,
    settings: { ...DEFAULT_LOCK_SETTINGS, ...o.lock },
    reporter,
    ...(o.signal ? { signal: o.signal } : {}),
    ...(o.now ? { now: o.now } : {}),
  });
  // allSettled, not all: every host's check must have finished before the caller goes on.
  const results = await Promise.allSettled(
    o.hosts.map(async (h) => {
      const version = await h.docker.version();
      reporter.log('info', `docker ${version}`, { host: h.name, code: 'preflight.docker' });
      const root = o.cluster.hosts.find((x) => x.name === h.name)?.dataRoot ?? '/';
      await h.remote.exec(['mkdir', '-p', root]);
      const df = await h.remote.exec(['df', '-Pk', root]);
      const freeKb = Number(df.stdout.trim().split('\n').at(-1)?.split(/\s+/)[3]);
      const min = o.minFreeDiskMb ?? 1024;
      if (Number.isFinite(freeKb) && freeKb / 1024 < min) {
        throw new StepError(`${h.name}: only ${Math.round(freeKb / 1024)} MiB free under ${root}`, {
          host: h.name,
          phase: 'preflight',
          message: `only ${Math.round(freeKb / 1024)} MiB free under ${root}, need ${min} MiB`,
        });
      }
      if (!changing.has(h.name)) return;
      // New images present BEFORE anything stops: a missing tag must fail here, with nothing touched.
      const images = new Set(
        changes(plan)
          .filter((e) => e.host === h.name)
          .map((e) => e.desired?.image)
          .filter((i): i is string => !!i),
      );
      for (const image of images) {
        if (o.pullPolicy !== 'always' && (await h.docker.imagePresent(image))) continue;
        reporter.log('info', `pulling ${image}`, { host: h.name, code: 'preflight.pull' });
        try {
          await h.docker.pull(image);
        } catch (error) {
          throw new StepError(`${h.name}: image ${image} is not available`, {
            host: h.name,
            phase: 'preflight',
            message: `image ${image} is not available on ${h.name} and could not be pulled: ${(error as Error).message}`,
          });
        }
      }
      // Host directories must belong to the image's uid 3000 or the broker exits (code 253,
      // often with no log): prepare them before anything stops.
      for (const e of changes(plan).filter((x) => x.host === h.name)) {
        const c = e.desired;
        if (!c) continue;
        const paths = [c.dir, ...c.dirs.map((d) => d.path)];
        const owner = String(c.dirs[0]?.owner ?? 3000);
        for (const argv of [
          ['mkdir', '-p', ...paths],
          ['chown', `${owner}:${owner}`, ...paths],
        ]) {
          const r = await h.remote.exec(argv, o.sudo ? { sudo: true } : {});
          if (r.code !== 0) {
            throw new StepError(`${h.name}: cannot prepare ${c.dir}`, {
              host: h.name,
              name: c.name,
              phase: 'preflight',
              message: `cannot prepare ${c.dir} for uid ${owner} (${argv[0]} exited ${r.code}: ${r.stderr.trim()}); deploy as a user that may ${argv[0]} there, or set ssh.sudo`,
            });
          }
        }
      }
    }),
  );
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/** The old container as it ran, for re-gating after an undo: its own config, ports and name. */
function oldView(c: RenderedContainer, oldConf: string | undefined): RenderedContainer {
  if (!c.brokerConfig || oldConf === undefined) return c;
  const config = parseProperties(oldConf);
  const listen = Number(config.listenPort ?? c.listenPort);
  const p = brokerPorts(listen);
  return { ...c, brokerConfig: config, listenPort: listen, ports: [p.listen, p.fast, p.ha] };
}

/**
 * An undo action once more after a lost connection: the Remote reconnects (bounded) before it.
 * Only for actions that are safe to repeat (remove, write, rename back, start).
 */
async function again<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof RemoteError && error.code === 'connect') return fn();
    throw error;
  }
}

/**
 * docker run; when the old container was just stopped, a port it published may still be bound
 * for a moment (the engine's port proxy is torn down after the container exits), so a bind error
 * is retried for a few seconds before it counts.
 */
async function runFreeingPorts(
  h: HostHandle,
  runArgs: readonly string[],
  justStopped: boolean,
): Promise<void> {
  const deadline = performance.now() + (justStopped ? 6000 : 0);
  const name = runArgs[runArgs.indexOf('--name') + 1] ?? '';
  for (let wait = 500; ; wait = Math.min(wait * 2, 2000)) {
    try {
      await h.docker.run(runArgs);
      return;
    } catch (error) {
      const busy = /address already in use|port is already allocated/i.test((error as Error).message);
      if (!busy || performance.now() + wait > deadline) throw error;
      // docker leaves the container created when the bind fails: remove it (the old one is kept
      // under another name) so that the retry can use the name.
      await h.docker.remove(name).catch(() => undefined);
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

/** How often a new container's state is checked while its gates run. */
const WATCH_INTERVAL_MS = 2000;

class Rollout {
  readonly steps: StepRecord[] = [];
  readonly kept: { host: HostHandle; name: string }[] = [];
  private readonly live: LiveView;

  constructor(
    private readonly o: DeployOptions,
    plan: Plan,
    private readonly journals: ReadonlyMap<string, HostJournal> = new Map(),
    /** The files as the plan under the lock saw them, per host: a step need not read them again. */
    private readonly seen: readonly ObservedHost[] = [],
  ) {
    const running = new Set<string>();
    for (const e of plan.entries)
      if (e.action === 'unchanged' || (e.observed?.running ?? false)) running.add(e.name + '@' + e.host);
    this.live = { cluster: o.cluster, running };
  }

  private key(c: RenderedContainer): string {
    return `${c.name}@${c.host}`;
  }

  /**
   * Run the gates while watching the new container: one that exits (or restarts after exiting)
   * fails the step at once instead of after every gate's deadline.
   */
  private async gateWhileRunning(
    h: HostHandle,
    c: RenderedContainer,
    signal: AbortSignal,
  ): Promise<{ gates: GateResult[]; exited?: string }> {
    const stop = new AbortController();
    const relay = () => stop.abort();
    signal.addEventListener('abort', relay);
    if (signal.aborted) stop.abort();
    let exited: string | undefined;
    const watch = (async () => {
      while (!stop.signal.aborted) {
        // One listener per wait, removed when the wait ends: a long gate must not pile them up.
        await new Promise<void>((resolve) => {
          const onAbort = (): void => {
            clearTimeout(t);
            resolve();
          };
          const t = setTimeout(() => {
            stop.signal.removeEventListener('abort', onAbort);
            resolve();
          }, WATCH_INTERVAL_MS);
          stop.signal.addEventListener('abort', onAbort, { once: true });
        });
        if (stop.signal.aborted) break;
        const state = await h.docker.inspect(c.name).catch(() => undefined);
        if (state && (!state.running || state.exitCode !== 0)) {
          exited = `exited with code ${state.exitCode} (${state.status})`;
          stop.abort();
        }
      }
    })();
    try {
      const gates = await this.o.gates.check(c, this.live, stop.signal);
      return exited ? { gates, exited } : { gates };
    } finally {
      stop.abort();
      signal.removeEventListener('abort', relay);
      await watch;
    }
  }

  async step(h: HostHandle, entry: PlanEntry): Promise<void> {
    const c = entry.desired;
    if (!c || (entry.action !== 'create' && entry.action !== 'replace')) return;
    const { reporter } = this.o;
    const signal = this.o.signal ?? new AbortController().signal;
    const started = performance.now();
    let engineMs = 0;
    const timed = async <T>(fn: () => Promise<T>): Promise<T> => {
      const t = performance.now();
      try {
        return await fn();
      } finally {
        engineMs += performance.now() - t;
      }
    };
    const old = entry.action === 'replace' ? entry.observed : undefined;
    const keptName = `${c.name}${KEPT_SUFFIX}`;
    let stop: StopRecord | undefined;
    reporter.log(
      'info',
      `${entry.action} ${c.name}${entry.reasons.length ? `: ${entry.reasons.join('; ')}` : ''}`,
      {
        host: h.name,
        code: `step.${entry.action}`,
      },
    );

    if (old?.running) {
      const safe = await this.o.gates.safeToStop(c, this.live);
      if (!safe.ok) {
        throw new StepError(`${h.name}: refusing to stop ${c.name}: ${safe.why}`, {
          host: h.name,
          name: c.name,
          phase: 'step',
          message: `refusing to stop ${c.name}: ${safe.why}`,
          restored: `nothing touched: ${c.name} still runs as it was`,
        });
      }
    }

    // Files: remember what was there, so an undo puts back exactly that.
    // Under the lock nothing else writes them: what the plan saw is still what is there.
    const paths = containerFilePaths(c);
    const seen = this.seen.find((x) => x.host === h.name)?.files;
    const before = new Map(
      seen && paths.every((p) => p in seen)
        ? paths.map((p) => [p, seen[p]] as const)
        : Object.entries(await readFiles(h.remote, paths)),
    );

    // Before each action, its line in the host's journal: a run killed anywhere leaves its trace.
    const note = (action: Parameters<HostJournal['note']>[0]) =>
      this.journals.get(h.name)?.note(action, c.name) ?? Promise.resolve();

    // How far the step got, so that an undo reverses exactly that (and says what is left if it cannot).
    const progress = { kept: false, ran: false };
    const undo = async (why: string, gates: GateResult[] = []): Promise<never> => {
      let logTail: string | undefined;
      let restored = 'nothing to restore: the container was new';
      try {
        await again(() => note('undo'));
        logTail = await h.docker.logs(c.name, 40).catch(() => '(no logs: the container does not exist)');
        reporter.log('error', `${c.name} failed: ${why}; undoing`, { host: h.name, code: 'step.undo' });
        await again(() => h.docker.remove(c.name)).catch(() => undefined);
        for (const [p, text] of before) {
          if (text === undefined) await again(() => h.remote.exec(['rm', '-f', p]));
          else await again(() => h.remote.writeFile(p, text));
        }
        if (old && !progress.kept)
          restored = `old ${c.name} untouched (the step failed before it was set aside)`;
        if (old && progress.kept) {
          await again(() => h.docker.rename(keptName, c.name));
          if (old.running) {
            await again(() => h.docker.start(c.name));
            if (signal.aborted) {
              restored = `old ${c.name} restored and started (not re-gated: interrupted)`;
            } else {
              const regate = await this.o.gates.check(
                oldView(c, before.get(c.files[0]?.path ?? '')),
                this.live,
                new AbortController().signal,
              );
              const bad = regate.find((g) => !g.ok);
              restored = bad
                ? `old ${c.name} restored and started, but its gate ${bad.gate} fails too: ${bad.detail}`
                : `old ${c.name} restored, started and healthy again`;
            }
          } else {
            restored = `old ${c.name} restored (it was not running before)`;
          }
        }
        reporter.log(old ? 'warning' : 'info', restored, { host: h.name, code: 'step.restored' });
        await note('undone');
      } catch (error) {
        // The host stayed away (or a command failed): stop here and say exactly what is left.
        const left = [
          progress.ran ? `the new ${c.name} (started, never gated; maybe removed)` : undefined,
          progress.kept
            ? `the old container as ${keptName}${old?.running ? ' (stopped, or stopping)' : ''}`
            : undefined,
          'the new config files (maybe restored)',
        ].filter(Boolean);
        restored =
          `NOT restored: the undo stopped (${(error as Error).message}). Left on ${h.name}: ${left.join(', ')}; ` +
          `the journal there records the step, and the next deploy repairs it`;
        reporter.log('error', restored, { host: h.name, code: 'step.undo-failed' });
      }
      this.steps.push({
        host: h.name,
        name: c.name,
        action: entry.action as 'create' | 'replace',
        ok: false,
        gates,
        elapsedMs: elapsed(started),
        engineMs,
        ...(stop ? { stop } : {}),
      });
      throw new StepError(`${h.name}: ${c.name}: ${why}`, {
        host: h.name,
        name: c.name,
        phase: signal.aborted ? 'interrupted' : 'step',
        message: why,
        ...(logTail !== undefined ? { logTail } : {}),
        restored,
      });
    };

    try {
      await note('write-files');
      for (const f of c.files) await h.remote.writeFile(f.path, f.content, f.mode);
      await h.remote.writeFile(runArgsPath(c), `${JSON.stringify(['docker', ...c.runArgs])}\n`);

      if (old) {
        // A leftover from an interrupted run would block the rename; the current container wins.
        await h.docker.remove(keptName).catch(() => undefined);
        await note('keep-old');
        await h.docker.rename(c.name, keptName);
        progress.kept = true;
        if (old.running) {
          await note('stop');
          stop = await timed(() => stopContainer(h.docker, keptName, c.kind, c.stopTimeout));
          this.live.running.delete(this.key(c));
          // No name server may still list the old process: "registered" must mean the new one.
          await this.o.gates.forgetStopped?.(oldView(c, before.get(c.files[0]?.path ?? '')), this.live);
          const line = describeStop(stop, c.stopTimeout);
          reporter.log(line.warn ? 'warning' : 'info', line.text, {
            host: h.name,
            code: stop.killed ? 'step.stop.killed' : 'step.stop',
          });
        }
      }
    } catch (error) {
      // A lost connection (or a failed command) before the new container runs: undo what was done.
      return undo((error as Error).message);
    }

    try {
      await note('run');
      progress.ran = true;
      await timed(() => runFreeingPorts(h, c.runArgs, old?.running === true));
    } catch (error) {
      return undo(`docker run failed: ${(error as Error).message}`);
    }
    await note('gate');
    const { gates, exited } = await timed(() => this.gateWhileRunning(h, c, signal));
    const failed = gates.find((g) => !g.ok);
    if (exited) return undo(`${c.name} ${exited} while its gates ran`, gates);
    if (failed || signal.aborted) {
      return undo(
        signal.aborted ? 'interrupted by a signal' : `gate ${failed?.gate} failed: ${failed?.detail}`,
        gates,
      );
    }
    await note('gated-ok');
    this.live.running.add(this.key(c));
    if (old) this.kept.push({ host: h, name: keptName });
    const record: StepRecord = {
      host: h.name,
      name: c.name,
      action: entry.action,
      ok: true,
      gates,
      elapsedMs: elapsed(started),
      engineMs: Math.round(engineMs),
      ...(stop ? { stop } : {}),
    };
    this.steps.push(record);
    reporter.log(
      'info',
      `${c.name} healthy (${gates.map((g) => g.gate).join(', ')}) in ${(record.elapsedMs / 1000).toFixed(1)}s`,
      {
        host: h.name,
        code: 'step.ok',
      },
    );
  }
}

const PHASES = ['nameServer', 'slave', 'master', 'console'] as const;
const PHASE_TITLE: Record<(typeof PHASES)[number], string> = {
  nameServer: 'Name server',
  slave: 'Slaves',
  master: 'Masters',
  console: 'Console',
};

/**
 * The order of steps: name servers, then slaves, then masters, then the console; within each
 * phase, hosts in spec order. Per host this is DESIGN's order, and across hosts it guarantees a
 * group's slaves restart before its master even when the master sits on an earlier host.
 */
export function rolloutOrder(
  plan: Plan,
  hosts: readonly HostHandle[],
): { kind: (typeof PHASES)[number]; host: HostHandle; entries: PlanEntry[] }[] {
  const batches: { kind: (typeof PHASES)[number]; host: HostHandle; entries: PlanEntry[] }[] = [];
  for (const kind of PHASES) {
    for (const host of hosts) {
      const entries = plan.entries.filter(
        (e) => e.host === host.name && e.kind === kind && (e.action === 'create' || e.action === 'replace'),
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

export async function deploy(o: DeployOptions): Promise<DeployResult> {
  const { reporter } = o;
  const now = o.now ?? (() => new Date());
  // One look at the hosts makes the plan (and checks a saved one); the lock comes after it.
  const observed = await observeHosts(o.hosts, o.cluster);
  let plan = buildPlan(o.cluster, observed, o.onlyHosts);
  const changedEarly = changedSincePlan(o, observed);
  if (changedEarly.length) {
    for (const c of changedEarly)
      reporter.log('error', `changed since the plan: ${c}`, { code: 'plan.stale' });
    return { ok: false, plan, steps: [], hostTimings: [], failure: planRefusal(changedEarly), noop: true };
  }
  // A run that changes nothing takes no lock, but it never reports success while another live run
  // is changing the cluster; a dead run's lock sends it down the full path (take over, repair).
  const found =
    changes(plan).length === 0 || o.dryRun
      ? await findLiveLock(o.hosts, { ...DEFAULT_LOCK_SETTINGS, ...o.lock }, now)
      : { anyLock: false };
  if (found.error) {
    const failure: DeployFailure = {
      host: found.error.host,
      phase: 'preflight',
      message: found.error.message,
    };
    reporter.log('error', found.error.message, { code: 'deploy.locked', host: found.error.host });
    return { ok: false, plan, steps: [], hostTimings: [], failure, noop: true };
  }
  // An unfinished run's leftovers (a container never gated can plan as unchanged) need the full path too.
  const unfinished =
    changes(plan).length === 0 && !found.anyLock && !o.dryRun && (await anyUnfinished(o.hosts));
  if ((changes(plan).length === 0 && !found.anyLock && !unfinished) || o.dryRun) {
    reporter.log(
      'info',
      changes(plan).length === 0
        ? 'nothing to change: every container matches the spec'
        : 'dry run: nothing changed',
      { code: 'deploy.noop' },
    );
    return { ok: true, plan, steps: [], hostTimings: [], noop: true };
  }

  const lock: { held?: HeldLocks } = {};
  let journals: ReadonlyMap<string, HostJournal> = new Map();
  const hostTimings: { host: string; ms: number }[] = [];
  let rollout: Rollout | undefined;
  try {
    await reporter.group('Pre-flight on all hosts', () => preflight(o, plan, lock));
    // The lock was taken after the first look: look once more under it, and stop if another run
    // changed the hosts in between (the plan made is not the one that would run).
    const underLock = await observeHosts(o.hosts, o.cluster);
    const changed = changedSincePlan(o, underLock);
    if (changed.length) {
      for (const c of changed) reporter.log('error', `changed since the plan: ${c}`, { code: 'plan.stale' });
      const failure = planRefusal(changed);
      throw new StepError(failure.message, failure);
    }
    const moved = o.expectObserved ? [] : changedBetween(observed, underLock);
    if (moved.length) {
      for (const c of moved)
        reporter.log('error', `changed while waiting for the lock: ${c}`, { code: 'plan.moved' });
      const failure: DeployFailure = {
        host: /^([^:]+):/.exec(moved[0] ?? '')?.[1] ?? 'all hosts',
        phase: 'preflight',
        message: `the hosts changed between the plan and taking the lock (another run?), so nothing was touched; run again to plan from what they run now. Changed: ${moved.join('; ')}`,
      };
      throw new StepError(failure.message, failure);
    }
    // Same containers and files: the plan from this look (fresh running states) is the one to run.
    plan = buildPlan(o.cluster, underLock, o.onlyHosts);
    const opened = await openJournals(o.hosts, o.owner, o.cluster.cluster, reporter);
    journals = opened.journals;
    // What an interrupted run left is repaired first; the plan is made again from what remains.
    const repair =
      opened.interrupted.length === 0
        ? { done: [], dropWhenHealthy: [] }
        : await reporter.group('Repair after an interrupted run', () =>
            repairLeftovers({
              hosts: o.hosts,
              cluster: o.cluster,
              gates: o.gates,
              reporter,
              journals,
              interrupted: opened.interrupted,
              ...(o.signal ? { signal: o.signal } : {}),
            }),
          );
    if (repair.done.length) plan = await planDeploy(o.cluster, o.hosts, o.onlyHosts);
    // After a repair the files may differ from the look under the lock: each step reads its own.
    rollout = new Rollout(o, plan, journals, repair.done.length ? [] : underLock);
    rollout.kept.push(...repair.dropWhenHealthy);
    for (const batch of rolloutOrder(plan, o.hosts)) {
      const h = batch.host;
      const t = performance.now();
      await reporter.group(`${PHASE_TITLE[batch.kind]} on host ${h.name}`, async () => {
        for (const e of batch.entries) {
          if (o.signal?.aborted) {
            throw new StepError('interrupted by a signal before the next step', {
              host: h.name,
              phase: 'interrupted',
              message: 'interrupted by a signal; no further container was touched',
            });
          }
          try {
            await rollout?.step(h, e);
          } catch (error) {
            // A lost connection or a failed command mid-step: still name where it happened.
            if (error instanceof StepError) throw error;
            const message = (error as Error).message.replace(new RegExp(`^${h.name}: `), '');
            throw new StepError(`${h.name}: ${e.name}: ${message}`, {
              host: h.name,
              name: e.name,
              phase: o.signal?.aborted ? 'interrupted' : 'step',
              message,
            });
          }
        }
      });
      const timing = hostTimings.find((x) => x.host === h.name);
      if (timing) timing.ms += elapsed(t);
      else hostTimings.push({ host: h.name, ms: elapsed(t) });
    }
    // Healthy: record the revision everywhere, then drop the containers kept for undo.
    const hashes = Object.fromEntries(
      allContainers(o.cluster).map((c) => [`${c.host}/${c.name}`, c.configHash]),
    );
    await Promise.all(
      o.hosts.map((h) =>
        h.state.record(
          {
            revision: o.cluster.revision,
            time: now().toISOString(),
            actor: o.owner.owner,
            ...(o.owner.runUrl ? { runUrl: o.owner.runUrl } : {}),
            result: 'success',
            configHashes: hashes,
          },
          o.specText,
        ),
      ),
    );
    for (const k of rollout.kept) {
      await journals.get(k.host.name)?.note('drop-old', k.name.slice(0, -KEPT_SUFFIX.length));
      await k.host.docker.remove(k.name).catch(() => undefined);
    }
    await endJournals(journals, true);
    return { ok: true, plan, steps: rollout.steps, hostTimings, noop: false };
  } catch (error) {
    const failure: DeployFailure =
      error instanceof StepError
        ? error.failure
        : {
            // A held lock, or a host lost outside a step: both name their host.
            host: (error as { host?: unknown }).host
              ? String((error as { host: unknown }).host)
              : 'all hosts',
            phase: lock.held ? 'step' : 'preflight',
            message: (error as Error).message,
          };
    if (!(error instanceof StepError))
      reporter.log('error', (error as Error).message, { code: 'deploy.error' });
    // Containers already replaced on earlier steps stay (they passed their gates); their kept old
    // copies stay too, until a healthy run drops them. The journal of the failed host stays open
    // unless its step was undone: the next run repairs from it.
    const undone =
      failure.phase === 'preflight' ||
      (failure.restored !== undefined && !failure.restored.startsWith('NOT restored'));
    await endJournals(journals, false, undone ? undefined : failure.host);
    return { ok: false, plan, steps: rollout?.steps ?? [], hostTimings, failure, noop: false };
  } finally {
    await lock.held?.release();
  }
}
