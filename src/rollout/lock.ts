import type { Reporter } from '../report/reporter.js';
import { errorMessage } from '../errors.js';
import type { HostHandle } from './deploy.js';
import { LockHeldError, STALE_LOCK_SECONDS, type LockOwner } from './host-state.js';

/**
 * The cluster's deploy lock is one lock per host, always taken in the same order (host names
 * sorted), so two runs never each hold a part and both give up: the second waits briefly at the
 * first host and then refuses, naming the first. While a run holds its locks it rewrites their
 * heartbeat; a lock whose heartbeat is older than the expiry belongs to a run that died, and the
 * next run takes it over without being asked (--break-lock is for a lock that still beats).
 */

export interface LockSettings {
  /** How often a holder rewrites its heartbeat. */
  heartbeatMs: number;
  /**
   * A heartbeat older than this means the holder died. Several heartbeats, for slow hosts and for
   * clock skew: heartbeats are written in the holder's clock and read in the reader's.
   */
  expiryMs: number;
  /** How long to wait for a live lock to be released before refusing. */
  waitMs: number;
  /** How often a held lock is looked at again while waiting. */
  pollMs: number;
}

export const DEFAULT_LOCK_SETTINGS: LockSettings = {
  heartbeatMs: 10_000,
  expiryMs: 60_000,
  waitMs: 20_000,
  pollMs: 500,
};

/** From a heartbeat interval (what tests shorten): the expiry is six of them. */
export function lockSettingsFor(heartbeatMs: number): LockSettings {
  return {
    heartbeatMs,
    expiryMs: heartbeatMs * 6,
    waitMs: Math.max(2 * heartbeatMs, 2000),
    pollMs: Math.min(500, heartbeatMs),
  };
}

export interface LockVerdict {
  /** unknown: the lock has no readable owner file (being created, or its writer died at once). */
  state: 'live' | 'dead' | 'unknown';
  ageSeconds?: number;
  heartbeatSeconds?: number;
}

export function judgeLock(holder: LockOwner | undefined, now: Date, s: LockSettings): LockVerdict {
  if (!holder) return { state: 'unknown' };
  const ageSeconds = Math.round((now.getTime() - Date.parse(holder.since)) / 1000);
  if (!holder.heartbeat) {
    return { state: ageSeconds > STALE_LOCK_SECONDS ? 'dead' : 'live', ageSeconds };
  }
  const beatMs = now.getTime() - Date.parse(holder.heartbeat);
  return {
    state: beatMs > s.expiryMs ? 'dead' : 'live',
    ageSeconds,
    heartbeatSeconds: Math.round(beatMs / 1000),
  };
}

export function describeHolder(holder: LockOwner | undefined): string {
  if (!holder) return 'a run that left no owner file';
  return `${holder.owner} (${holder.runUrl ?? 'no run URL'}, revision ${holder.revision}, pid ${holder.pid}, started ${holder.since})`;
}

/** A dead run whose lock this run took over: what recovery and the report start from. */
export interface DeadRun {
  host: string;
  holder?: LockOwner;
  heartbeatSeconds?: number;
}

export interface AcquireOptions {
  owner: LockOwner;
  breakLock: boolean;
  settings: LockSettings;
  reporter: Reporter;
  signal?: AbortSignal;
  now?: () => Date;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Locks this run holds, with their heartbeat running until release(). */
export class HeldLocks {
  private timer: NodeJS.Timeout | undefined;
  private beating: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    readonly hosts: HostHandle[],
    readonly dead: DeadRun[],
    private readonly o: AcquireOptions,
  ) {
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.beating = this.beat().finally(() => this.schedule());
    }, this.o.settings.heartbeatMs);
    // The rollout keeps the process alive while it runs; a forgotten lock must not.
    this.timer.unref();
  }

  private async beat(): Promise<void> {
    await Promise.all(
      this.hosts.map(async (h) => {
        try {
          if (!(await h.state.heartbeat(this.o.owner))) {
            this.o.reporter.log(
              'warning',
              `the deploy lock on ${h.name} is no longer this run's (broken by another run?)`,
              { code: 'lock.lost', host: h.name },
            );
          }
        } catch (error) {
          this.o.reporter.log('debug', `heartbeat on ${h.name} failed: ${errorMessage(error)}`, {
            code: 'lock.heartbeat',
            host: h.name,
          });
        }
      }),
    );
  }

  async release(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.beating;
    // Reverse order of taking; each host only ever releases a lock of this run.
    for (const h of [...this.hosts].reverse()) await h.state.release(this.o.owner).catch(() => false);
  }
}

/** Attempts at one host beyond waiting: take-overs and breaks that lost a race, bounded. */
const MAX_TAKEOVERS = 3;

/**
 * Take every host's lock, in sorted host order. A live lock is waited for (settings.waitMs) and
 * then refused with LockHeldError; a dead one is taken over; --break-lock breaks a live one. On any
 * failure the locks already taken are released before the error is rethrown.
 */
export async function acquireLocks(hosts: readonly HostHandle[], o: AcquireOptions): Promise<HeldLocks> {
  const now = o.now ?? (() => new Date());
  const ordered = [...hosts].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const taken: HostHandle[] = [];
  const dead: DeadRun[] = [];
  try {
    for (const h of ordered) {
      const deadline = performance.now() + o.settings.waitMs;
      let takeovers = 0;
      for (;;) {
        const r = await h.state.tryAcquire(o.owner);
        if (r.taken) {
          taken.push(h);
          break;
        }
        const v = judgeLock(r.holder, now(), o.settings);
        const waited = performance.now() >= deadline || o.signal?.aborted === true;
        if (takeovers < MAX_TAKEOVERS && (v.state === 'dead' || (v.state === 'unknown' && waited))) {
          takeovers += 1;
          o.reporter.log(
            'warning',
            `${h.name}: the deploy lock of ${describeHolder(r.holder)} ` +
              (v.heartbeatSeconds !== undefined
                ? `has not beaten for ${v.heartbeatSeconds}s`
                : 'has no heartbeat') +
              `: that run died; taking its lock over`,
            { code: 'lock.dead', host: h.name },
          );
          if (await h.state.takeOver(r.holder)) {
            dead.push({
              host: h.name,
              ...(r.holder ? { holder: r.holder } : {}),
              ...(v.heartbeatSeconds !== undefined ? { heartbeatSeconds: v.heartbeatSeconds } : {}),
            });
          }
          continue;
        }
        if (o.breakLock && takeovers < MAX_TAKEOVERS) {
          takeovers += 1;
          o.reporter.log(
            'warning',
            `${h.name}: breaking the live deploy lock of ${describeHolder(r.holder)} (--break-lock)`,
            { code: 'lock.break', host: h.name },
          );
          await h.state.forceBreak();
          continue;
        }
        if (waited) throw new LockHeldError(h.name, r.holder, v.ageSeconds, v.heartbeatSeconds);
        await sleep(o.settings.pollMs, o.signal);
      }
    }
  } catch (error) {
    for (const h of taken.reverse()) await h.state.release(o.owner).catch(() => false);
    throw error;
  }
  return new HeldLocks(taken, dead, o);
}

/**
 * Read-only (file reads, no command): the first host whose lock belongs to another live run, for
 * runs that take no lock. A lock without an owner file is not seen here; acquireLocks waits for it.
 */
export async function findLiveLock(
  hosts: readonly HostHandle[],
  settings: LockSettings,
  now: () => Date = () => new Date(),
): Promise<{ error?: LockHeldError; anyLock: boolean }> {
  let anyLock = false;
  for (const h of [...hosts].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const holder = await h.state.readLock();
    if (!holder) continue;
    anyLock = true;
    const v = judgeLock(holder, now(), settings);
    if (v.state === 'live')
      return { error: new LockHeldError(h.name, holder, v.ageSeconds, v.heartbeatSeconds), anyLock };
  }
  return { anyLock };
}

/**
 * ROCKETMQ_ROLLOUT_LOCK_HEARTBEAT_SECONDS (a number, fractions allowed) shortens the heartbeat and
 * with it the expiry (six heartbeats) and the wait: for tests that kill a run and start the next.
 */
export function lockSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): LockSettings {
  const seconds = Number(env.ROCKETMQ_ROLLOUT_LOCK_HEARTBEAT_SECONDS);
  return Number.isFinite(seconds) && seconds > 0
    ? lockSettingsFor(Math.round(seconds * 1000))
    : DEFAULT_LOCK_SETTINGS;
}
