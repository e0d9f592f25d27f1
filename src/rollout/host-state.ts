import type { Remote } from '../remote/remote.js';

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

export class LockHeldError extends Error {
  constructor(
    readonly host: string,
    readonly holder: LockOwner | undefined,
    readonly ageSeconds: number | undefined,
    readonly stale: boolean,
  ) {
    const who = holder
      ? `${holder.owner}${holder.runUrl ? ` (${holder.runUrl})` : ''}, revision ${holder.revision}, for ${ageSeconds}s`
      : 'an unknown owner (no owner file)';
    super(
      `${host}: the deploy lock is held by ${who}${stale ? ' — it looks stale' : ''}. ` +
        `Wait for that run, or break the lock explicitly (--break-lock / input break-lock) if it is dead.`,
    );
    this.name = 'LockHeldError';
  }
}

/** A lock older than this is reported as stale; it is still only broken on request. */
export const STALE_LOCK_SECONDS = 3600;

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
    const text = await this.remote.readFile(`${this.lockDir}/owner.json`);
    if (!text) return undefined;
    try {
      return JSON.parse(text) as LockOwner;
    } catch {
      return undefined;
    }
  }

  async acquire(owner: LockOwner, breakLock: boolean): Promise<void> {
    await this.remote.exec(['mkdir', '-p', this.dir]);
    let taken = await this.remote.exec(['mkdir', this.lockDir]);
    if (taken.code !== 0 && breakLock) {
      await this.remote.exec(['rm', '-rf', this.lockDir]);
      taken = await this.remote.exec(['mkdir', this.lockDir]);
    }
    if (taken.code !== 0) {
      const holder = await this.readLock();
      const age = holder ? Math.round((this.now().getTime() - Date.parse(holder.since)) / 1000) : undefined;
      throw new LockHeldError(this.remote.host, holder, age, age === undefined || age > STALE_LOCK_SECONDS);
    }
    await this.remote.writeFile(`${this.lockDir}/owner.json`, `${JSON.stringify(owner)}\n`);
  }

  /** Release only a lock we hold (same owner and pid): never someone else's. */
  async release(owner: LockOwner): Promise<boolean> {
    const holder = await this.readLock();
    if (
      holder &&
      (holder.owner !== owner.owner || holder.pid !== owner.pid || holder.since !== owner.since)
    ) {
      return false;
    }
    const r = await this.remote.exec(['rm', '-rf', this.lockDir]);
    return r.code === 0;
  }

  /** For the action's post step: release a lock this run attempt left behind, nobody else's. */
  async releaseIfOwnedBy(owner: string): Promise<boolean> {
    const holder = await this.readLock();
    if (!holder || holder.owner !== owner) return false;
    return (await this.remote.exec(['rm', '-rf', this.lockDir])).code === 0;
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
