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
import type { Remote } from '../remote/remote.js';
import type { Reporter } from '../report/reporter.js';
import type { HostState, LockOwner } from './host-state.js';
import type { GateResult, Gates, HostDocker, LiveView } from './ports.js';

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
  now?: () => Date;
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

export async function observeHost(h: HostHandle, cluster: RenderedCluster): Promise<ObservedHost> {
  const containers = await h.docker.listManaged(cluster.cluster);
  const files: Record<string, string | undefined> = {};
  const desired = cluster.hosts.find((x) => x.name === h.name)?.containers ?? [];
  await Promise.all(
    desired.flatMap((c) =>
      containerFilePaths(c).map(async (p) => {
        files[p] = await h.remote.readFile(p);
      }),
    ),
  );
  return { host: h.name, containers, files };
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

async function preflight(o: DeployOptions, plan: Plan, taken: HostHandle[]): Promise<void> {
  const { reporter } = o;
  const changing = new Set(changes(plan).map((e) => e.host));
  // allSettled, not all: every host's check must have finished (and its lock be known in
  // `taken`) before the caller releases locks, or a lock taken late would be left behind.
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
      await h.state.acquire(o.owner, o.breakLock ?? false);
      taken.push(h);
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

/** How often a new container's state is checked while its gates run. */
const WATCH_INTERVAL_MS = 2000;

class Rollout {
  readonly steps: StepRecord[] = [];
  readonly kept: { host: HostHandle; name: string }[] = [];
  private readonly live: LiveView;

  constructor(
    private readonly o: DeployOptions,
    plan: Plan,
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
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, WATCH_INTERVAL_MS);
          stop.signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
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
        });
      }
    }

    // Files: remember what was there, so an undo puts back exactly that.
    const before = new Map<string, string | undefined>();
    for (const p of containerFilePaths(c)) before.set(p, await h.remote.readFile(p));

    const undo = async (why: string, gates: GateResult[] = []): Promise<never> => {
      const logTail = await h.docker.logs(c.name, 40).catch(() => '(no logs: the container does not exist)');
      reporter.log('error', `${c.name} failed: ${why}; undoing`, { host: h.name, code: 'step.undo' });
      await h.docker.remove(c.name).catch(() => undefined);
      for (const [p, text] of before) {
        if (text === undefined) await h.remote.exec(['rm', '-f', p]);
        else await h.remote.writeFile(p, text);
      }
      let restored = 'nothing to restore: the container was new';
      if (old) {
        await h.docker.rename(keptName, c.name);
        if (old.running) {
          await h.docker.start(c.name);
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
      this.steps.push({
        host: h.name,
        name: c.name,
        action: entry.action as 'create' | 'replace',
        ok: false,
        gates,
        elapsedMs: elapsed(started),
        engineMs,
      });
      throw new StepError(`${h.name}: ${c.name}: ${why}`, {
        host: h.name,
        name: c.name,
        phase: signal.aborted ? 'interrupted' : 'step',
        message: why,
        logTail,
        restored,
      });
    };

    for (const f of c.files) await h.remote.writeFile(f.path, f.content, f.mode);
    await h.remote.writeFile(runArgsPath(c), `${JSON.stringify(['docker', ...c.runArgs])}\n`);

    if (old) {
      // A leftover from an interrupted run would block the rename; the current container wins.
      await h.docker.remove(keptName).catch(() => undefined);
      await h.docker.rename(c.name, keptName);
      if (old.running) {
        await timed(() => h.docker.stop(keptName, c.stopTimeout));
        this.live.running.delete(this.key(c));
      }
    }

    try {
      await timed(() => h.docker.run(c.runArgs));
    } catch (error) {
      return undo(`docker run failed: ${(error as Error).message}`);
    }
    const { gates, exited } = await timed(() => this.gateWhileRunning(h, c, signal));
    const failed = gates.find((g) => !g.ok);
    if (exited) return undo(`${c.name} ${exited} while its gates ran`, gates);
    if (failed || signal.aborted) {
      return undo(
        signal.aborted ? 'interrupted by a signal' : `gate ${failed?.gate} failed: ${failed?.detail}`,
        gates,
      );
    }
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

export async function deploy(o: DeployOptions): Promise<DeployResult> {
  const { reporter } = o;
  const now = o.now ?? (() => new Date());
  let plan = await planDeploy(o.cluster, o.hosts, o.onlyHosts);
  if (changes(plan).length === 0 || o.dryRun) {
    reporter.log(
      'info',
      changes(plan).length === 0
        ? 'nothing to change: every container matches the spec'
        : 'dry run: nothing changed',
      { code: 'deploy.noop' },
    );
    return { ok: true, plan, steps: [], hostTimings: [], noop: true };
  }

  const taken: HostHandle[] = [];
  const hostTimings: { host: string; ms: number }[] = [];
  let rollout: Rollout | undefined;
  try {
    await reporter.group('Pre-flight on all hosts', () => preflight(o, plan, taken));
    // Re-plan under the lock: another run may have changed the hosts since the first look.
    plan = await planDeploy(o.cluster, o.hosts, o.onlyHosts);
    rollout = new Rollout(o, plan);
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
          await rollout?.step(h, e);
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
    for (const k of rollout.kept) await k.host.docker.remove(k.name).catch(() => undefined);
    return { ok: true, plan, steps: rollout.steps, hostTimings, noop: false };
  } catch (error) {
    const failure: DeployFailure =
      error instanceof StepError
        ? error.failure
        : { host: '?', phase: 'step', message: (error as Error).message };
    if (!(error instanceof StepError))
      reporter.log('error', (error as Error).message, { code: 'deploy.error' });
    // Containers already replaced on earlier steps stay (they passed their gates); their kept old
    // copies are dropped only after a fully healthy rollout, so leave them for a manual look.
    return { ok: false, plan, steps: rollout?.steps ?? [], hostTimings, failure, noop: false };
  } finally {
    await Promise.all(taken.map((h) => h.state.release(o.owner).catch(() => false)));
  }
}
