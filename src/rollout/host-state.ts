import { hostArgv } from '../remote/host-commands.js';
import type { Remote } from '../remote/remote.js';
import { RolloutError } from '../errors.js';

/**
 * What rocketmq-rollout keeps on each host, under `<dataRoot>/.rocketmq-rollout/<cluster>/`:
 * - `lock/` (mkdir is atomic) with `lock/owner.json`: who deploys now;
 * - `history.jsonl`: one line per deploy (revision, time, actor, run URL, config hashes);
 * - `revisions/<revision>.yml`: the spec text of each deployed revision, for `rollback previous`.
 */

export interface LockOwner {
  owner: string;
  runUrl?: string;
  revision: string;
  pid: number;
  /** ISO time the lock was taken. */
  since: string;
  /** ISO time the holder last proved it lives (rewritten every few seconds while it runs). */
  heartbeat?: string;
}

export interface HistoryEntry {
  revision: string;
  time: string;
  actor: string;
  runUrl?: string;
  result: 'success' | 'failed' | 'rolled-back';
  configHashes: Record<string, string>;
}

export function stateDir(dataRoot: string, cluster: string): string {
  return `${dataRoot}/.rocketmq-rollout/${cluster}`;
}

/** Another live run holds a lock of this cluster: never a success, whatever this run's plan is. */
export class LockHeldError extends RolloutError {
  declare readonly host: string;

  constructor(
    host: string,
    readonly holder: LockOwner | undefined,
    readonly ageSeconds: number | undefined,
    readonly heartbeatSeconds: number | undefined,
  ) {
    const who = holder
      ? `${holder.owner}, ${holder.runUrl ?? 'no run URL'}, started ${ageSeconds}s ago, revision ${holder.revision}`
      : 'owner unknown: its lock has no owner file yet';
    const beat = heartbeatSeconds === undefined ? '' : `, last heartbeat ${heartbeatSeconds}s ago`;
    super(
      'lock-held',
      `another run (${who}) is changing this cluster: it holds the deploy lock on host ${host}${beat}. ` +
        `Wait for it to finish; break the lock (--break-lock / input break-lock) only if you know that run is dead.`,
      { host, phase: 'lock' },
    );
  }
}

/** A lock without a heartbeat (written by an older version) counts as dead after this long. */
export const STALE_LOCK_SECONDS = 3600;

function parseOwner(text: string | undefined): LockOwner | undefined {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as LockOwner;
  } catch {
    return undefined;
  }
}

/** The same run: owner, pid and start time (the heartbeat changes, the identity does not). */
export function sameRun(a: LockOwner, b: LockOwner): boolean {
  return a.owner === b.owner && a.pid === b.pid && a.since === b.since;
}

export class HostState {
  constructor(
    private readonly remote: Remote,
    readonly dir: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private get lockDir(): string {
    return `${this.dir}/lock`;
  }

  async readLock(): Promise<LockOwner | undefined> {
    return parseOwner(await this.remote.readFile(`${this.lockDir}/owner.json`));
  }

  /** One attempt (mkdir is atomic): taken, or who holds it (undefined: no owner file yet). */
  async tryAcquire(owner: LockOwner): Promise<{ taken: true } | { taken: false; holder?: LockOwner }> {
    await this.remote.exec(hostArgv.mkdirs([this.dir]));
    const taken = await this.remote.exec(hostArgv.mkdirExclusive(this.lockDir));
    if (taken.code !== 0) {
      const holder = await this.readLock();
      return holder ? { taken: false, holder } : { taken: false };
    }
    await this.writeOwner(owner);
    return { taken: true };
  }

  private async writeOwner(owner: LockOwner): Promise<void> {
    const beat = { ...owner, heartbeat: this.now().toISOString() };
    await this.remote.writeFile(`${this.lockDir}/owner.json`, `${JSON.stringify(beat)}\n`);
  }

  /** Rewrite the heartbeat of a lock we hold; false (and nothing written) when it is not ours any more. */
  async heartbeat(owner: LockOwner): Promise<boolean> {
    const holder = await this.readLock();
    if (!holder || !sameRun(holder, owner)) return false;
    await this.writeOwner(owner);
    return true;
  }

  /**
   * Remove a dead run's lock, but only the one judged dead: it is renamed away first (one rename
   * wins), and put back if what was moved is not that lock (another run took over meanwhile).
   */
  async takeOver(dead: LockOwner | undefined): Promise<boolean> {
    const aside = `${this.lockDir}.dead-${Date.now().toString(36)}-${process.pid}`;
    if ((await this.remote.exec(hostArgv.move(this.lockDir, aside))).code !== 0) return false;
    const moved = parseOwner(await this.remote.readFile(`${aside}/owner.json`));
    if ((moved && dead && !sameRun(moved, dead)) || (moved === undefined) !== (dead === undefined)) {
      await this.remote.exec(hostArgv.move(aside, this.lockDir));
      return false;
    }
    await this.remote.exec(hostArgv.removeTree(aside));
    return true;
  }

  /** --break-lock: remove whatever lock is there. */
  async forceBreak(): Promise<void> {
    await this.remote.exec(hostArgv.removeTree(this.lockDir));
  }

  /** Release only a lock we hold (same owner and pid): never someone else's. */
  async release(owner: LockOwner): Promise<boolean> {
    const holder = await this.readLock();
    if (holder && !sameRun(holder, owner)) return false;
    const r = await this.remote.exec(hostArgv.removeTree(this.lockDir));
    return r.code === 0;
  }

  /** For the action's post step: release a lock this run attempt left behind, nobody else's. */
  async releaseIfOwnedBy(owner: string): Promise<boolean> {
    const holder = await this.readLock();
    if (!holder || holder.owner !== owner) return false;
    return (await this.remote.exec(hostArgv.removeTree(this.lockDir))).code === 0;
  }

  async history(): Promise<HistoryEntry[]> {
    const text = await this.remote.readFile(`${this.dir}/history.jsonl`);
    if (!text) return [];
    return text
      .split('\n')
      .filter((l) => l.trim())
      .flatMap((l) => {
        try {
          return [JSON.parse(l) as HistoryEntry];
        } catch {
          return [];
        }
      });
  }

  async record(entry: HistoryEntry, specText: string): Promise<void> {
    await this.remote.writeFile(`${this.dir}/revisions/${entry.revision}.yml`, specText);
    const old = (await this.remote.readFile(`${this.dir}/history.jsonl`)) ?? '';
    await this.remote.writeFile(`${this.dir}/history.jsonl`, `${old}${JSON.stringify(entry)}\n`);
  }

  async specOf(revision: string): Promise<string | undefined> {
    return this.remote.readFile(`${this.dir}/revisions/${revision}.yml`);
  }
}

/**
 * The revision to go back to: the newest successful one that differs from the newest successful
 * one. Hosts may disagree (a failed deploy stopped half way): the first host in spec order wins.
 */
export function previousRevision(history: readonly HistoryEntry[]): string | undefined {
  const ok = history.filter((h) => h.result === 'success' || h.result === 'rolled-back');
  const current = ok.at(-1)?.revision;
  for (let i = ok.length - 1; i >= 0; i--) {
    if (ok[i]?.revision !== current) return ok[i]?.revision;
  }
  return undefined;
}
