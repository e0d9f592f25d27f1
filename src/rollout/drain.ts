/**
 * Draining a master before it stops, and giving it its writes back after (issue 12). RocketMQ's
 * own advice for a restart: make the broker read-only, wait until producers have moved their writes
 * to the other groups, then restart. Producers learn a broker's permission from the name servers'
 * routes, which they poll every 30 s, so each change is followed by a wait of that refresh plus a
 * margin (`rollout.drainSeconds`):
 *
 *   brokerPermission=4 (UPDATE_BROKER_CONFIG) → no write bit on every name server's route of the
 *   group's topics → wait drainSeconds (and briefly for its writes to stop) → slaves hold the
 *   master's whole commit log → stop … start → the new master's brokerPermission and routes are
 *   writable → wait drainSeconds again before the next master is drained.
 *
 * The last wait is taken lazily, before the next drain, so nothing waits after the last master.
 * A perm-4 broker still takes writes from producers on a stale route, so the drain itself fails
 * no send. The broker writes a changed permission into its `-c` file; the rendered mount is
 * read-only, and the new master's permission is proven anyway.
 */
import { RolloutError, errorMessage } from '../errors.js';
import type { Dialer } from '../gates/dialer.js';
import {
  fetchBrokerConfig,
  fetchBrokerRuntimeInfo,
  fetchTopicList,
  fetchTopicRoute,
  PermName,
  routePerm,
  updateBrokerConfig,
} from '../gates/remoting.js';
import { allContainers, type RenderedContainer } from '../render/render.js';
import type { Reporter } from '../report/reporter.js';
import type { Spec } from '../spec/schema.js';
import type { GateResult, LiveView } from './ports.js';
import type { StepHooks } from './step.js';
import { mapLimit } from './map-limit.js';

export interface DrainSettings {
  /** Drain masters before they stop (spec rollout.drain). */
  drain: boolean;
  /** The clients' route refresh plus a margin (spec rollout.drainSeconds). */
  drainSeconds: number;
}

export const DEFAULT_DRAIN: DrainSettings = { drain: true, drainSeconds: 45 };
/** brokerPermission of a writable broker (read and write). */
export const WRITABLE = PermName.READ | PermName.WRITE;
/** How long the drain waits, past drainSeconds, for the master's commit log to stop growing. */
export const QUIET_CAP_MS = 15_000;
/** Countdown lines while waiting. */
const PROGRESS_EVERY_MS = 10_000;
/** How often a new SYNC_MASTER master's port is tried while it starts (see holdSyncMaster). */
const HOLD_POLL_MS = 50;
/** Parallel route reads per name server: a cluster may have thousands of topics. */
const ROUTE_CONCURRENCY = 8;

/** The remoting calls the drain needs, as a port (unit tests fake a cluster behind it). */
export interface DrainAdmin {
  setPermission(broker: string, perm: number): Promise<void>;
  brokerPermission(broker: string): Promise<number | undefined>;
  topics(nameServer: string): Promise<string[]>;
  /** The perm a name server's route of `topic` gives `group`; undefined when it does not serve it. */
  routePerm(nameServer: string, topic: string, group: string): Promise<number | undefined>;
  commitLogOffset(broker: string): Promise<number>;
}

/** The drain over RocketMQ's remoting protocol, through the gates' dialer. */
export function remotingAdmin(dial?: Dialer, timeoutMs = 3000): DrainAdmin {
  const o = { timeoutMs, ...(dial ? { dial } : {}) };
  return {
    setPermission: (b, perm) => updateBrokerConfig(b, { brokerPermission: String(perm) }, o),
    brokerPermission: async (b) => {
      const v = (await fetchBrokerConfig(b, o)).brokerPermission;
      return v === undefined ? undefined : Number(v);
    },
    topics: (ns) => fetchTopicList(ns, o),
    routePerm: async (ns, topic, group) => {
      const route = await fetchTopicRoute(ns, topic, o);
      return route ? routePerm(route, group) : undefined;
    },
    commitLogOffset: async (b) => {
      const offset = (await fetchBrokerRuntimeInfo(b, o)).commitLogMaxOffset;
      if (offset === undefined) throw new Error(`${b} reports no commitLogMaxOffset`);
      return offset;
    },
  };
}

export interface DrainOptions {
  settings: DrainSettings;
  reporter: Reporter;
  admin: DrainAdmin;
  /** Deadline of each proof (routes, slave offsets, restored permission). */
  deadlineMs: number;
  /** Test seams: the clock and a sleep that ends early on abort. */
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Called once a master is proven read-only, before the wait (e2e looks at the routes then). */
  onDrained?: (group: string) => Promise<void>;
}

/** A drain (or its undo) that could not be proven: the step is undone before anything stops. */
export class DrainError extends RolloutError {
  constructor(message: string) {
    super('drain-failed', message, { phase: 'drain' });
  }
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

const brokerAddr = (c: RenderedContainer): string => `${c.address}:${c.listenPort}`;
const key = (c: RenderedContainer): string => `${c.name}@${c.host}`;

export class Drainer {
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Groups whose master was set read-only and not yet given its writes back. */
  private readonly drained = new Set<string>();
  /** When the last master got its writes back: the next drain waits for clients to see that. */
  private restored?: { group: string; at: number };
  /** Per drained group, the topics whose routes were writable before the drain. */
  private readonly writableBefore = new Map<string, Set<string>>();
  /**
   * One master drained at a time, even when groups roll in parallel (rollout.parallel): two
   * read-only groups at once could leave a topic with no writable queue at all.
   */
  private holder: string | undefined;
  private readonly waiters: (() => void)[] = [];
  /** Groups whose new SYNC_MASTER master was set read-only as it started (holdSyncMaster). */
  private readonly held = new Set<string>();

  constructor(private readonly o: DrainOptions) {
    this.now = o.now ?? (() => performance.now());
    this.sleep = o.sleep ?? abortableSleep;
  }

  get enabled(): boolean {
    return this.o.settings.drain;
  }

  /** Whether `c` is a master this drainer drains before it stops. */
  applies(c: RenderedContainer): boolean {
    return this.enabled && c.kind === 'master' && !!c.group;
  }

  /**
   * The master drained while `c` restarts: `c` itself when it is a master; for a slave of a
   * SYNC_MASTER group its running master, because such a master answers every write with
   * SLAVE_NOT_AVAILABLE (or times out waiting) while its slave is down; otherwise none.
   */
  drainTarget(c: RenderedContainer, live: LiveView): RenderedContainer | undefined {
    if (this.applies(c)) return c;
    if (!this.enabled || c.kind !== 'slave' || !c.group) return undefined;
    const master = allContainers(live.cluster).find((m) => m.kind === 'master' && m.group === c.group);
    return master?.brokerConfig?.brokerRole === 'SYNC_MASTER' && live.running.has(key(master))
      ? master
      : undefined;
  }

  private nameServers(live: LiveView): string[] {
    return allContainers(live.cluster)
      .filter((c) => c.kind === 'nameServer' && live.running.has(key(c)))
      .map((c) => `${c.address}:${c.port}`);
  }

  private log(level: 'info' | 'warning', text: string, c: RenderedContainer, code: string): void {
    this.o.reporter.log(level, text, { host: c.host, code });
  }

  private async takeTurn(group: string, c: RenderedContainer, signal?: AbortSignal): Promise<void> {
    if (this.holder !== undefined && this.holder !== group)
      this.log(
        'info',
        `${group} waits: ${this.holder} is drained now (one master at a time)`,
        c,
        'drain.queue',
      );
    while (this.holder !== undefined && this.holder !== group) {
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        signal?.addEventListener('abort', () => resolve(), { once: true });
      });
      if (signal?.aborted) throw new DrainError('interrupted by a signal while another master was drained');
    }
    this.holder = group;
  }

  private endTurn(group: string): void {
    if (this.holder !== group) return;
    this.holder = undefined;
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Waits `ms`, saying so every 10 s as "LABEL: 10 s of 45". */
  private async countdown(ms: number, label: string, c: RenderedContainer, signal?: AbortSignal) {
    const total = Math.round(ms / 1000);
    const end = this.now() + ms;
    this.log('info', `${label}: 0 s of ${total}`, c, 'drain.wait');
    for (let left = ms; left > 0 && !signal?.aborted; left = end - this.now()) {
      await this.sleep(Math.min(PROGRESS_EVERY_MS, left), signal);
      const done = Math.min(total, Math.round((ms - Math.max(0, end - this.now())) / 1000));
      if (done < total) this.log('info', `${label}: ${done} s of ${total}`, c, 'drain.wait');
    }
    if (signal?.aborted) throw new DrainError('interrupted by a signal while waiting');
  }

  /**
   * Every running name server's route of every topic the group serves, polled until `ok(perm,
   * topic)` holds for all of them. Returns how many topics and name servers were proven, and the
   * topics whose route has the write bit on every name server.
   */
  private async proveRoutes(
    group: string,
    live: LiveView,
    ok: (perm: number, topic: string) => boolean,
    want: string,
    signal?: AbortSignal,
  ): Promise<{ topics: number; nameServers: number; writable: Set<string> }> {
    const nameServers = this.nameServers(live);
    if (!nameServers.length) throw new DrainError('no name server runs: no route to prove');
    const deadline = this.now() + this.o.deadlineMs;
    // Topics per name server that name the group: found once, then only those are read again.
    const served = new Map<string, string[]>();
    let last = '';
    for (let wait = 200; ; wait = Math.min(wait * 2, 1000)) {
      try {
        const bad: string[] = [];
        const writable = new Set<string>();
        const readOnly = new Set<string>();
        for (const ns of nameServers) {
          let topics = served.get(ns);
          const perms = new Map<string, number | undefined>();
          if (!topics) {
            const all = await this.o.admin.topics(ns);
            const found = await mapLimit(all, ROUTE_CONCURRENCY, (t) => this.o.admin.routePerm(ns, t, group));
            all.forEach((t, i) => perms.set(t, found[i]));
            topics = all.filter((_, i) => found[i] !== undefined);
            if (!topics.length) throw new DrainError(`name server ${ns} has no route naming ${group}`);
            served.set(ns, topics);
          } else {
            const found = await mapLimit(topics, ROUTE_CONCURRENCY, (t) =>
              this.o.admin.routePerm(ns, t, group),
            );
            topics.forEach((t, i) => perms.set(t, found[i]));
          }
          for (const t of topics) {
            const p = perms.get(t);
            if (p === undefined || !ok(p, t)) bad.push(`${ns} ${t} perm ${p ?? 'gone'}`);
            if (p !== undefined && (p & PermName.WRITE) !== 0) writable.add(t);
            else readOnly.add(t);
          }
        }
        if (!bad.length) {
          const counts = [...served.values()].map((t) => t.length);
          for (const t of readOnly) writable.delete(t);
          return { topics: Math.max(...counts), nameServers: nameServers.length, writable };
        }
        last = `${bad.length} route(s) not ${want} yet, e.g. ${bad.slice(0, 3).join(', ')}`;
      } catch (e) {
        last = errorMessage(e);
      }
      if (signal?.aborted) throw new DrainError('interrupted by a signal');
      if (this.now() + wait > deadline) {
        throw new DrainError(
          `routes of ${group} not ${want} within ${Math.round(this.o.deadlineMs / 1000)} s: ${last}`,
        );
      }
      await this.sleep(wait, signal);
    }
  }

  /** Polls `fn` until it returns a value, or throws DrainError with its last complaint at the deadline. */
  private async until<T>(
    what: string,
    fn: () => Promise<T | string>,
    signal?: AbortSignal,
    deadlineMs = this.o.deadlineMs,
  ): Promise<T> {
    const deadline = this.now() + deadlineMs;
    let last = '';
    for (let wait = 200; ; wait = Math.min(wait * 2, 1000)) {
      try {
        const v = await fn();
        if (typeof v !== 'string') return v;
        last = v;
      } catch (e) {
        last = errorMessage(e);
      }
      if (signal?.aborted) throw new DrainError('interrupted by a signal');
      if (this.now() + wait > deadline) {
        throw new DrainError(
          `${what} not within ${Math.round(deadlineMs / 1000)} s${last ? `: ${last}` : ''}`,
        );
      }
      await this.sleep(wait, signal);
    }
  }

  /**
   * Before the running master `old` stops: read-only, proven on every route, the refresh waited
   * out, its writes stopped (capped) and every running slave at its commit-log offset. Throws
   * DrainError when any of it cannot be proven: the step is then undone (restore gives the
   * writes back) with nothing stopped.
   */
  async beforeStop(stopping: RenderedContainer, live: LiveView, signal?: AbortSignal): Promise<void> {
    const old = this.drainTarget(stopping, live);
    if (!old) return;
    const group = old.group as string;
    const addr = brokerAddr(old);
    const ms = this.o.settings.drainSeconds * 1000;
    await this.takeTurn(group, old, signal);
    if (this.restored && this.restored.group !== group) {
      const left = this.restored.at + ms - this.now();
      if (left > 0) {
        await this.countdown(
          left,
          `waiting for clients to see ${this.restored.group} writable before draining ${group}`,
          old,
          signal,
        );
      }
    }
    // Which topics are writable now: a topic made read-only on purpose must not fail the restore.
    const before = await this.proveRoutes(group, live, () => true, 'listed', signal);
    this.writableBefore.set(group, before.writable);
    this.drained.add(group);
    this.log('info', `draining ${group}: brokerPermission=${PermName.READ} on ${addr}`, old, 'drain.start');
    await this.until(
      'brokerPermission=4 on the master',
      async () => {
        await this.o.admin.setPermission(addr, PermName.READ);
        const perm = await this.o.admin.brokerPermission(addr);
        return perm === PermName.READ ? true : `${addr} reports brokerPermission=${perm ?? 'none'}`;
      },
      signal,
    );
    const routes = await this.proveRoutes(
      group,
      live,
      (p) => (p & PermName.WRITE) === 0,
      'read-only',
      signal,
    );
    this.log(
      'info',
      `${group} read-only on every route: ${routes.topics} topics at ${routes.nameServers} name servers`,
      old,
      'drain.proven',
    );
    await this.o.onDrained?.(group);
    const startOffset = await this.o.admin.commitLogOffset(addr).catch(() => undefined);
    await this.countdown(ms, `draining ${group}`, old, signal);
    const quiet = await this.quiet(addr, signal);
    const put =
      startOffset === undefined ? '' : `; ${quiet.offset - startOffset} bytes written during the wait`;
    if (!quiet.ok) {
      this.log(
        'warning',
        `${group} still writes after ${QUIET_CAP_MS / 1000} s more (a producer on an old route, or scheduled messages falling due): going on${put}`,
        old,
        'drain.busy',
      );
    }
    await this.proveSlaves(group, addr, live, put, old, signal);
  }

  /** Every running slave of the group at the drained master's commit-log offset. */
  private async proveSlaves(
    group: string,
    addr: string,
    live: LiveView,
    put: string,
    old: RenderedContainer,
    signal?: AbortSignal,
  ): Promise<void> {
    const slaves = allContainers(live.cluster).filter(
      (m) => m.group === group && m.kind === 'slave' && live.running.has(key(m)),
    );
    for (const s of slaves) {
      const sAddr = brokerAddr(s);
      const at = await this.until(
        `slave ${sAddr} at the master's commit-log offset`,
        async () => {
          const m = await this.o.admin.commitLogOffset(addr);
          const sl = await this.o.admin.commitLogOffset(sAddr);
          return sl >= m ? m : `master at ${m}, slave at ${sl} (${m - sl} bytes behind)`;
        },
        signal,
      );
      this.log(
        'info',
        `${s.name} holds the master's commit log (offset ${at})${put}`,
        old,
        'drain.replicated',
      );
    }
  }

  /** Up to QUIET_CAP_MS: the master's commit log the same on two reads a second apart. */
  private async quiet(addr: string, signal?: AbortSignal): Promise<{ ok: boolean; offset: number }> {
    const end = this.now() + QUIET_CAP_MS;
    let before = await this.o.admin.commitLogOffset(addr).catch(() => -1);
    for (;;) {
      await this.sleep(1000, signal);
      const offset = await this.o.admin.commitLogOffset(addr).catch(() => -1);
      if (offset === before && offset >= 0) return { ok: true, offset };
      if (this.now() >= end || signal?.aborted) return { ok: false, offset };
      before = offset;
    }
  }

  /**
   * A new SYNC_MASTER master starts writable (its rendered file) before its slave has reconnected
   * (the slave retries every 5 s), and answers every write meanwhile with SLAVE_NOT_AVAILABLE. So
   * it is set read-only as soon as its port answers, in time for (or right after) its first
   * registration, and gets its writes back once its gates passed (the probe read back from its
   * slave). Best effort: when it cannot be set, the window is warned about and the step goes on.
   */
  async holdSyncMaster(c: RenderedContainer, signal?: AbortSignal): Promise<void> {
    const group = c.group;
    if (!this.applies(c) || !group || !this.drained.has(group)) return;
    if (c.brokerConfig?.brokerRole !== 'SYNC_MASTER') return;
    const addr = brokerAddr(c);
    const end = this.now() + this.o.deadlineMs;
    let last: unknown;
    while (!signal?.aborted && this.now() < end) {
      try {
        await this.o.admin.setPermission(addr, PermName.READ);
        this.held.add(group);
        const text = `new ${group} master held read-only until its slave replicates (SYNC_MASTER)`;
        return this.log('info', text, c, 'drain.hold');
      } catch (e) {
        last = e;
      }
      await this.sleep(HOLD_POLL_MS, signal);
    }
    const why = last === undefined ? '' : `: ${errorMessage(last)}`;
    const text = `new ${group} master not set read-only as it started${why}; writes until its slave reconnects may get SLAVE_NOT_AVAILABLE`;
    this.log('warning', text, c, 'drain.hold-failed');
  }

  /**
   * The master `c` is back, drained before it stopped: its loaded brokerPermission and every
   * route writable again, as a gate result (undefined when `c` was not drained). A permission that
   * came back read-only (the broker persisted the drain into a writable `-c` file) is reported and
   * corrected.
   */
  async afterStart(
    c: RenderedContainer,
    live: LiveView,
    signal?: AbortSignal,
  ): Promise<GateResult | undefined> {
    const m = this.drainTarget(c, live);
    if (!m?.group || !this.drained.has(m.group)) return undefined;
    // Drained for its slave's restart: the master itself never restarted and is read-only on purpose.
    if (m.name !== c.name || m.host !== c.host) this.held.add(m.group);
    const started = this.now();
    try {
      const detail = await this.giveWritesBack(m, live, signal).finally(() =>
        this.endTurn(m.group as string),
      );
      return { gate: 'writable', ok: true, detail, elapsedMs: Math.round(this.now() - started) };
    } catch (e) {
      return {
        gate: 'writable',
        ok: false,
        detail: errorMessage(e),
        elapsedMs: Math.round(this.now() - started),
      };
    }
  }

  /**
   * After an undo restarted (or never stopped) the old master of a drained group: its writes back.
   * Returns a sentence for the step's "restored" line; undefined when the group was not drained.
   */
  async restoreOld(restarted: RenderedContainer, live: LiveView): Promise<string | undefined> {
    const old = this.drainTarget(restarted, live);
    if (!old?.group) return undefined;
    if (!this.drained.has(old.group)) {
      this.endTurn(old.group);
      return undefined;
    }
    try {
      // Still read-only when the step failed before the stop: set it first, no warning due.
      await this.o.admin
        .setPermission(brokerAddr(old), Number(old.brokerConfig?.brokerPermission ?? WRITABLE))
        .catch(() => undefined);
      return await this.giveWritesBack(old, live);
    } catch (e) {
      const text = `write permission NOT restored on ${brokerAddr(old)}: ${errorMessage(e)}; run mqadmin updateBrokerConfig -b ${brokerAddr(old)} -k brokerPermission -v 6`;
      this.log('warning', text, old, 'drain.restore-failed');
      return text;
    } finally {
      this.endTurn(old.group);
    }
  }

  private async giveWritesBack(c: RenderedContainer, live: LiveView, signal?: AbortSignal): Promise<string> {
    const group = c.group as string;
    const addr = brokerAddr(c);
    const target = Number(c.brokerConfig?.brokerPermission ?? WRITABLE);
    let corrected = false;
    await this.until(
      `brokerPermission=${target} on ${addr}`,
      async () => {
        const perm = await this.o.admin.brokerPermission(addr);
        if (perm === target) return true;
        // Held read-only on purpose (holdSyncMaster): nothing to warn about.
        if (!corrected && !this.held.has(group)) {
          corrected = true;
          this.log(
            'warning',
            `${addr} came up with brokerPermission=${perm ?? 'none'} (the drained permission kept in a writable -c file?): setting ${target}`,
            c,
            'drain.persisted',
          );
        }
        await this.o.admin.setPermission(addr, target);
        return `${addr} reports brokerPermission=${perm ?? 'none'}`;
      },
      signal,
    );
    const writable = (target & PermName.WRITE) !== 0;
    const routes = writable
      ? await this.proveRoutes(
          group,
          live,
          (p, t) => !this.writableBefore.get(group)?.has(t) || (p & PermName.WRITE) !== 0,
          'writable',
          signal,
        )
      : undefined;
    this.drained.delete(group);
    this.held.delete(group);
    this.restored = { group, at: this.now() };
    const back = this.writableBefore.get(group)?.size ?? 0;
    this.writableBefore.delete(group);
    const text = `${group} writable again: brokerPermission=${target}${routes ? `, write bit on ${back} topics at ${routes.nameServers} name servers` : ''}${corrected ? ' (corrected)' : ''}`;
    this.log('info', text, c, 'drain.restored');
    return text;
  }
}

/**
 * The drain as step hooks: drain before the old master stops (a failure undoes the step, nothing
 * stopped), give the writes back once the new master is gated (a failure fails the rollout before
 * any other master is touched), and on an undo give them back to the old master started again.
 */
export function drainHooks(drainer: Drainer): StepHooks {
  return {
    beforeStop: async (s) => {
      if (s.old) await drainer.beforeStop(s.old, s.live, s.signal);
    },
    afterStart: (s) => drainer.holdSyncMaster(s.container, s.signal),
    afterGated: async (s) => {
      const result = await drainer.afterStart(s.container, s.live, s.signal);
      if (result && !result.ok) {
        throw new DrainError(
          `${s.container.name} is healthy but not writable again: ${result.detail}; no further master is drained`,
        );
      }
    },
    afterRestored: async (s) => {
      if (s.old) await drainer.restoreOld(s.old, s.live);
    },
  };
}

/** The drain settings of a spec, with the CLI's --drain-seconds over them. */
export function drainSettings(spec: Pick<Spec, 'rollout'>, drainSeconds?: number): DrainSettings {
  return { drain: spec.rollout.drain, drainSeconds: drainSeconds ?? spec.rollout.drainSeconds };
}
