import { parseProperties } from '../rocketmq/properties.js';
import {
  KEPT_SUFFIX,
  containerFilePaths,
  runArgsPath,
  type ObservedHost,
  type Plan,
  type PlanEntry,
} from '../plan/plan.js';
import { brokerPorts, type RenderedContainer } from '../render/render.js';
import { hostArgv } from '../remote/host-commands.js';
import { RemoteError, readFiles, writeFiles } from '../remote/remote.js';
import type { DeployOptions, HostHandle } from './deploy.js';
import type { HostJournal, JournalAction, JournalEntry } from './journal.js';
import type { GateResult, LiveView } from './ports.js';
import { describeStop, stopContainer, type StopRecord } from './stop.js';
import { RolloutError } from '../errors.js';

/**
 * One container's step, in named phases: prepare files (the old ones remembered), keep the old
 * container aside, stop it, start the new one, gate it, and finish; any failure after the files
 * were touched runs the undo, which reverses exactly what was done. The Rollout holds what steps
 * share (the live view, the records, the old containers to drop at the end).
 */

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

export class StepError extends RolloutError {
  constructor(
    message: string,
    readonly failure: DeployFailure,
  ) {
    super('step-failed', message, {
      host: failure.host,
      ...(failure.name !== undefined ? { container: failure.name } : {}),
      phase: failure.phase,
    });
  }
}

/** What a step hook sees: the host, the new container, the old one as it ran, the live view. */
export interface StepContext {
  host: HostHandle;
  /** The container as the spec wants it (the one started by this step). */
  container: RenderedContainer;
  /** The container as it ran before the step (its own config and ports); undefined for a create. */
  old?: RenderedContainer;
  live: LiveView;
  signal: AbortSignal;
}

/**
 * Work added around a step's phases (e.g. draining a master before it stops). Each is awaited in
 * its phase; a hook that throws fails the step there like any command of that phase would.
 */
export interface StepHooks {
  /** The old container still runs (already renamed aside); a throw undoes the step. */
  beforeStop?(step: StepContext): Promise<void>;
  /** The new container was started, before its gates; a throw undoes the step. */
  afterStart?(step: StepContext): Promise<void>;
  /** The new container passed its gates; a throw fails the rollout (the container stays). */
  afterGated?(step: StepContext): Promise<void>;
  /** An undo started the old container again (before it is re-gated). */
  afterRestored?(step: StepContext): Promise<void>;
}

function elapsed(since: number): number {
  return Math.round(performance.now() - since);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The old container as it ran, for re-gating after an undo: its own config, ports and name. */
export function oldView(c: RenderedContainer, oldConf: string | undefined): RenderedContainer {
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
      const busy = /address already in use|port is already allocated/i.test(messageOf(error));
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

/** Waits `ms`, or less when `signal` fires; one listener per wait, removed when it ends. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const onAbort = (): void => {
      clearTimeout(t);
      resolve();
    };
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export class Rollout {
  readonly steps: StepRecord[] = [];
  readonly kept: { host: HostHandle; name: string }[] = [];
  readonly live: LiveView;
  /** A step began its undo: a parallel rollout starts no further step. */
  undoing = false;

  constructor(
    readonly o: DeployOptions,
    plan: Plan,
    readonly journals: ReadonlyMap<string, HostJournal> = new Map(),
    /** The files as the plan under the lock saw them, per host: a step need not read them again. */
    readonly seen: readonly ObservedHost[] = [],
  ) {
    const running = new Set<string>();
    for (const e of plan.entries)
      if (e.action === 'unchanged' || (e.observed?.running ?? false)) running.add(e.name + '@' + e.host);
    this.live = { cluster: o.cluster, running };
  }

  /** One container's step, phase after phase; throws StepError (after its undo) when it fails. */
  async step(h: HostHandle, entry: PlanEntry): Promise<void> {
    const c = entry.desired;
    if (!c || (entry.action !== 'create' && entry.action !== 'replace')) return;
    const s = new Step(this, h, entry, c, entry.action);
    s.announce();
    await s.refuseUnsafeStop();
    await s.rememberFiles();
    try {
      await s.prepareFiles();
      await s.keepOld();
      await s.stopOld();
    } catch (error) {
      // A lost connection (or a failed command) before the new container runs: undo what was done.
      return s.undo(messageOf(error));
    }
    try {
      await s.startNew();
    } catch (error) {
      return s.undo(`docker run failed: ${messageOf(error)}`);
    }
    // [crash-safety, helper B] a connection lost at the gate's journal line is undone like any failure.
    let gated: Awaited<ReturnType<Step['gate']>>;
    try {
      gated = await s.gate();
    } catch (error) {
      return s.undo(messageOf(error));
    }
    if (gated.failure !== undefined) return s.undo(gated.failure, gated.gates);
    await s.finish(gated.gates);
  }
}

/** The state of one step: what it started from and how far it got (what an undo reverses). */
class Step {
  private readonly started = performance.now();
  private engineMs = 0;
  private readonly old: PlanEntry['observed'];
  private readonly keptName: string;
  private readonly signal: AbortSignal;
  private before = new Map<string, string | undefined>();
  private stopRecord: StopRecord | undefined;
  private readonly progress = { kept: false, ran: false };

  constructor(
    private readonly r: Rollout,
    private readonly h: HostHandle,
    private readonly entry: PlanEntry,
    private readonly c: RenderedContainer,
    private readonly action: 'create' | 'replace',
  ) {
    this.old = action === 'replace' ? entry.observed : undefined;
    this.keptName = `${c.name}${KEPT_SUFFIX}`;
    this.signal = r.o.signal ?? new AbortController().signal;
  }

  private get key(): string {
    return `${this.c.name}@${this.c.host}`;
  }

  private log(level: 'info' | 'warning' | 'error', message: string, code: string): void {
    this.r.o.reporter.log(level, message, { host: this.h.name, code });
  }

  private async timed<T>(fn: () => Promise<T>): Promise<T> {
    const t = performance.now();
    try {
      return await fn();
    } finally {
      this.engineMs += performance.now() - t;
    }
  }

  /** Before each action, its line in the host's journal: a run killed anywhere leaves its trace. */
  private note(action: JournalAction, extra: Partial<JournalEntry> = {}): Promise<void> {
    return this.r.journals.get(this.h.name)?.note(action, this.c.name, extra) ?? Promise.resolve();
  }

  /** What a hook sees; `old` is the container as it ran (its own config), when there was one. */
  private context(): StepContext {
    const oldConf = this.before.get(this.c.files[0]?.path ?? '');
    return {
      host: this.h,
      container: this.c,
      ...(this.old ? { old: oldView(this.c, oldConf) } : {}),
      live: this.r.live,
      signal: this.signal,
    };
  }

  announce(): void {
    const reasons = this.entry.reasons.length ? `: ${this.entry.reasons.join('; ')}` : '';
    this.log('info', `${this.action} ${this.c.name}${reasons}`, `step.${this.action}`);
  }

  /** A running container is stopped only when the gates say its group and name service stay up. */
  async refuseUnsafeStop(): Promise<void> {
    if (!this.old?.running) return;
    const safe = await this.r.o.gates.safeToStop(this.c, this.r.live);
    if (safe.ok) return;
    throw new StepError(`${this.h.name}: refusing to stop ${this.c.name}: ${safe.why}`, {
      host: this.h.name,
      name: this.c.name,
      phase: 'step',
      message: `refusing to stop ${this.c.name}: ${safe.why}`,
      restored: `nothing touched: ${this.c.name} still runs as it was`,
    });
  }

  /**
   * The files as they are, so that an undo puts back exactly that. Under the lock nothing else
   * writes them: what the plan saw is still what is there.
   */
  async rememberFiles(): Promise<void> {
    const paths = containerFilePaths(this.c);
    const seen = this.r.seen.find((x) => x.host === this.h.name)?.files;
    this.before = new Map(
      seen && paths.every((p) => p in seen)
        ? paths.map((p) => [p, seen[p]] as const)
        : Object.entries(await readFiles(this.h.remote, paths)),
    );
  }

  /** Phase 1: the new config files and the run argv on the host. */
  async prepareFiles(): Promise<void> {
    // [crash-safety, helper B] the files as they were, for a repair when the new ones go unused.
    const before = Object.fromEntries([...this.before].map(([p, text]) => [p, text ?? null]));
    await this.note('write-files', { before });
    // One command for all of them: each its own atomic rename, none in place before all are written.
    await writeFiles(this.h.remote, [
      ...this.c.files,
      { path: runArgsPath(this.c), content: `${JSON.stringify(['docker', ...this.c.runArgs])}\n` },
    ]);
  }

  /** Phase 2: the old container renamed aside, still as it was (running or not). */
  async keepOld(): Promise<void> {
    if (!this.old) return;
    // A leftover from an interrupted run would block the rename; the current container wins.
    await this.h.docker.remove(this.keptName).catch(() => undefined);
    await this.note('keep-old');
    await this.h.docker.rename(this.c.name, this.keptName);
    this.progress.kept = true;
  }

  /** Phase 3: the old container stopped, and forgotten by every name server. */
  async stopOld(): Promise<void> {
    if (!this.old?.running) return;
    await this.r.o.hooks?.beforeStop?.(this.context());
    await this.note('stop');
    const c = this.c;
    const old = oldView(c, this.before.get(c.files[0]?.path ?? ''));
    const release = await this.r.o.gates.holdDuringStop?.(old);
    let stop: StopRecord;
    try {
      stop = await this.timed(() => stopContainer(this.h.docker, this.keptName, c.kind, c.stopTimeout));
    } finally {
      release?.();
    }
    this.stopRecord = stop;
    this.r.live.running.delete(this.key);
    // No name server may still list the old process: "registered" must mean the new one.
    await this.r.o.gates.forgetStopped?.(old, this.r.live);
    const line = describeStop(stop, c.stopTimeout);
    this.log(line.warn ? 'warning' : 'info', line.text, stop.killed ? 'step.stop.killed' : 'step.stop');
  }

  /** Phase 4: the new container runs. */
  async startNew(): Promise<void> {
    await this.note('run');
    this.progress.ran = true;
    await this.timed(() => runFreeingPorts(this.h, this.c.runArgs, this.old?.running === true));
    await this.r.o.hooks?.afterStart?.(this.context());
  }

  /** Phase 5: the gates, while the new container is watched; the failure to undo for, if any. */
  async gate(): Promise<{ gates: GateResult[]; failure?: string }> {
    await this.note('gate');
    const { gates, exited } = await this.timed(() => this.gateWhileRunning());
    const failed = gates.find((g) => !g.ok);
    if (exited) return { gates, failure: `${this.c.name} ${exited} while its gates ran` };
    if (this.signal.aborted) return { gates, failure: 'interrupted by a signal' };
    if (failed) return { gates, failure: `gate ${failed.gate} failed: ${failed.detail}` };
    return { gates };
  }

  /**
   * Run the gates while watching the new container: one that exits (or restarts after exiting)
   * fails the step at once instead of after every gate's deadline.
   */
  private async gateWhileRunning(): Promise<{ gates: GateResult[]; exited?: string }> {
    const stop = new AbortController();
    const relay = () => stop.abort();
    this.signal.addEventListener('abort', relay);
    if (this.signal.aborted) stop.abort();
    let exited: string | undefined;
    const watch = (async () => {
      while (!stop.signal.aborted) {
        await pause(WATCH_INTERVAL_MS, stop.signal);
        if (stop.signal.aborted) break;
        const state = await this.h.docker.inspect(this.c.name).catch(() => undefined);
        if (state && (!state.running || state.exitCode !== 0)) {
          exited = `exited with code ${state.exitCode} (${state.status})`;
          stop.abort();
        }
      }
    })();
    try {
      const gates = await this.r.o.gates.check(this.c, this.r.live, stop.signal);
      return exited ? { gates, exited } : { gates };
    } finally {
      stop.abort();
      this.signal.removeEventListener('abort', relay);
      await watch;
    }
  }

  private record(ok: boolean, gates: GateResult[]): StepRecord {
    const record: StepRecord = {
      host: this.h.name,
      name: this.c.name,
      action: this.action,
      ok,
      gates,
      elapsedMs: elapsed(this.started),
      engineMs: Math.round(this.engineMs),
      ...(this.stopRecord ? { stop: this.stopRecord } : {}),
    };
    this.r.steps.push(record);
    return record;
  }

  /** Phase 6: healthy; the old container is dropped at the end of a healthy run. */
  async finish(gates: GateResult[]): Promise<void> {
    await this.note('gated-ok');
    this.r.live.running.add(this.key);
    if (this.old) this.r.kept.push({ host: this.h, name: this.keptName });
    const record = this.record(true, gates);
    const names = gates.map((g) => g.gate).join(', ');
    this.log(
      'info',
      `${this.c.name} healthy (${names}) in ${(record.elapsedMs / 1000).toFixed(1)}s`,
      'step.ok',
    );
    await this.r.o.hooks?.afterGated?.(this.context());
  }

  /** The undo: reverse what the step did, say what was restored, and fail the step. */
  async undo(why: string, gates: GateResult[] = []): Promise<never> {
    this.r.undoing = true;
    let logTail: string | undefined;
    let restored: string;
    try {
      await again(() => this.note('undo'));
      logTail = await this.h.docker
        .logs(this.c.name, 40)
        .catch(() => '(no logs: the container does not exist)');
      this.log('error', `${this.c.name} failed: ${why}; undoing`, 'step.undo');
      await again(() => this.h.docker.remove(this.c.name)).catch(() => undefined);
      await this.restoreFiles();
      restored = await this.restoreOld();
      this.log(this.old ? 'warning' : 'info', restored, 'step.restored');
      await this.note('undone');
    } catch (error) {
      // The host stayed away (or a command failed): stop here and say exactly what is left.
      restored = this.whatIsLeft(messageOf(error));
      this.log('error', restored, 'step.undo-failed');
    }
    this.record(false, gates);
    throw new StepError(`${this.h.name}: ${this.c.name}: ${why}`, {
      host: this.h.name,
      name: this.c.name,
      phase: this.signal.aborted ? 'interrupted' : 'step',
      message: why,
      ...(logTail !== undefined ? { logTail } : {}),
      restored,
    });
  }

  private async restoreFiles(): Promise<void> {
    for (const [p, text] of this.before) {
      if (text === undefined) await again(() => this.h.remote.exec(hostArgv.removeFiles([p])));
      else await again(() => this.h.remote.writeFile(p, text));
    }
  }

  /** The old container back under its name (started and re-gated if it ran); what was restored. */
  private async restoreOld(): Promise<string> {
    const { c, old } = this;
    if (!old) return 'nothing to restore: the container was new';
    if (!this.progress.kept) return `old ${c.name} untouched (the step failed before it was set aside)`;
    await again(() => this.h.docker.rename(this.keptName, c.name));
    if (!old.running) return `old ${c.name} restored (it was not running before)`;
    await again(() => this.h.docker.start(c.name));
    await this.r.o.hooks?.afterRestored?.(this.context());
    if (this.signal.aborted) return `old ${c.name} restored and started (not re-gated: interrupted)`;
    const regate = await this.r.o.gates.check(
      oldView(c, this.before.get(c.files[0]?.path ?? '')),
      this.r.live,
      new AbortController().signal,
    );
    const bad = regate.find((g) => !g.ok);
    return bad
      ? `old ${c.name} restored and started, but its gate ${bad.gate} fails too: ${bad.detail}`
      : `old ${c.name} restored, started and healthy again`;
  }

  private whatIsLeft(why: string): string {
    const { c } = this;
    const left = [
      this.progress.ran ? `the new ${c.name} (started, never gated; maybe removed)` : undefined,
      this.progress.kept
        ? `the old container as ${this.keptName}${this.old?.running ? ' (stopped, or stopping)' : ''}`
        : undefined,
      'the new config files (maybe restored)',
    ].filter(Boolean);
    return (
      `NOT restored: the undo stopped (${why}). Left on ${this.h.name}: ${left.join(', ')}; ` +
      `the journal there records the step, and the next deploy repairs it`
    );
  }
}
