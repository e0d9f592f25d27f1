import { KEPT_SUFFIX } from '../plan/plan.js';
import { hostArgv } from '../remote/host-commands.js';
import type { Remote } from '../remote/remote.js';
import type { Reporter } from '../report/reporter.js';
import type { HostHandle } from './deploy.js';
import type { LockOwner } from './host-state.js';
import { describeHolder, judgeLock, type LockSettings } from './lock.js';
import type { HostDocker } from './ports.js';

/**
 * The journal: before each action of a step the run appends, on that host, what it is about to do
 * to which container and for which run (`<stateDir>/journal.jsonl`, one line, one command). A run
 * killed anywhere leaves its last line behind; the next run (and `plan`) reads from it what is
 * left on the host: the old container kept aside, a new one started but never gated, files
 * written but never used.
 */

export type JournalAction =
  | 'begin'
  | 'write-files'
  | 'keep-old'
  | 'stop'
  | 'run'
  | 'gate'
  | 'gated-ok'
  | 'undo'
  | 'undone'
  | 'drop-old'
  | 'end';

export interface JournalEntry {
  /** The run's id: owner, pid and start time. */
  run: string;
  /** ISO time, runner clock. */
  t: string;
  action: JournalAction;
  container?: string;
  /** begin: who runs, from where, which revision. */
  owner?: string;
  runUrl?: string;
  revision?: string;
  /** end: how the run ended. */
  ok?: boolean;
  /**
   * write-files: the container's files as they were before (null: absent), so that a repair can
   * put back the files an old container runs with when the new ones were never used.
   */
  before?: Record<string, string | null>;
}

export function runId(owner: LockOwner): string {
  return `${owner.owner}#${owner.pid}@${owner.since}`;
}

export class HostJournal {
  constructor(
    private readonly remote: Remote,
    private readonly dir: string,
    private readonly run: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get path(): string {
    return `${this.dir}/journal.jsonl`;
  }

  /**
   * The first line of a run. A journal whose last run ended is started afresh (its story is told
   * by history.jsonl); an unfinished one is kept, so the story of a dead run survives the next run.
   */
  async begin(owner: LockOwner, previous: JournalEntry[]): Promise<void> {
    const line = this.line({
      action: 'begin',
      owner: owner.owner,
      revision: owner.revision,
      ...(owner.runUrl ? { runUrl: owner.runUrl } : {}),
    });
    const last = previous.at(-1);
    if (!last || last.action === 'end') await this.remote.writeFile(this.path, `${line}\n`);
    else await this.append(line);
  }

  async note(action: JournalAction, container?: string, extra: Partial<JournalEntry> = {}): Promise<void> {
    await this.append(this.line({ action, ...(container ? { container } : {}), ...extra }));
  }

  private line(e: Omit<JournalEntry, 'run' | 't'>): string {
    return JSON.stringify({ run: this.run, t: this.now().toISOString(), ...e });
  }

  private async append(line: string): Promise<void> {
    const r = await this.remote.exec(hostArgv.appendLine(this.path, line));
    if (r.code !== 0) {
      throw new Error(
        `${this.remote.host}: cannot append to ${this.path}: ${r.stderr.trim() || `exit ${r.code}`}`,
      );
    }
  }
}

export async function readJournal(remote: Remote, dir: string): Promise<JournalEntry[]> {
  const text = await remote.readFile(`${dir}/journal.jsonl`);
  if (!text) return [];
  return text.split('\n').flatMap((l) => {
    if (!l.trim()) return [];
    try {
      return [JSON.parse(l) as JournalEntry];
    } catch {
      // A line cut short by a kill mid-write says nothing reliable.
      return [];
    }
  });
}

/** What an unfinished run left on one host, from its journal and what docker shows now. */
export interface Interrupted {
  host: string;
  /** The unfinished run, from its begin line. */
  run?: { id: string; owner?: string; runUrl?: string; revision?: string; started: string };
  /** Its last journal line: the step it died in. */
  last?: { action: JournalAction; container?: string; t: string };
  /** `-rollout-old` containers present on the host (old containers kept for an undo). */
  kept: string[];
  /** Containers the run started whose gates never passed. */
  ungated: string[];
  /** Containers whose new files were written but which never ran with them. */
  filesUnused: string[];
  /**
   * Per container: its files before the unfinished run wrote them (the first such record since it
   * last passed its gates), for putting them back under an old container.
   */
  before: Record<string, Record<string, string | null>>;
  /** Containers whose undo began and never finished. */
  undoUnfinished: string[];
  /** Last journal action per container of the unfinished run. */
  lastByContainer: Record<string, JournalAction>;
}

/**
 * The entries after the last run that ended: those of every run since that did not finish (a
 * recovery run killed in turn leaves both stories; later lines win per container).
 */
export function unfinishedRun(entries: readonly JournalEntry[]): JournalEntry[] {
  let i = entries.length;
  while (i > 0 && entries[i - 1]?.action !== 'end') i--;
  return entries.slice(i);
}

/** Read-only (file reads): does any host's journal end in a run that did not finish? */
export async function anyUnfinished(hosts: readonly HostHandle[]): Promise<boolean> {
  // All hosts at once: a no-op deploy then waits for the slowest host, not the sum.
  const journals = await Promise.all(hosts.map((h) => readJournal(h.remote, h.state.dir)));
  return journals.some((entries) => unfinishedRun(entries).length > 0);
}

export async function interruptedOn(
  host: string,
  remote: Remote,
  docker: HostDocker,
  dir: string,
  cluster: string,
): Promise<Interrupted> {
  const entries = await readJournal(remote, dir);
  const containers = await docker.listManaged(cluster);
  return summarise(
    host,
    unfinishedRun(entries),
    containers.map((c) => c.name),
  );
}

export function summarise(
  host: string,
  run: readonly JournalEntry[],
  present: readonly string[],
): Interrupted {
  const lastByContainer: Record<string, JournalAction> = {};
  const before: Record<string, Record<string, string | null>> = {};
  for (const e of run) {
    if (!e.container) continue;
    lastByContainer[e.container] = e.action;
    // A later run's record is of files the earlier run may have left unused: the first one counts.
    if (e.action === 'write-files' && e.before && !before[e.container]) before[e.container] = e.before;
    if (e.action === 'gated-ok') delete before[e.container];
  }
  // Who died where: the newest run's begin line and its last line.
  const begin = [...run].reverse().find((e) => e.action === 'begin');
  const last = run.at(-1);
  const names = (actions: JournalAction[]) =>
    Object.entries(lastByContainer)
      .filter(([, a]) => actions.includes(a))
      .map(([c]) => c);
  return {
    host,
    ...(begin
      ? {
          run: {
            id: begin.run,
            started: begin.t,
            ...(begin.owner ? { owner: begin.owner } : {}),
            ...(begin.runUrl ? { runUrl: begin.runUrl } : {}),
            ...(begin.revision ? { revision: begin.revision } : {}),
          },
        }
      : {}),
    ...(last
      ? { last: { action: last.action, t: last.t, ...(last.container ? { container: last.container } : {}) } }
      : {}),
    kept: present.filter((n) => n.endsWith(KEPT_SUFFIX)),
    ungated: names(['run', 'gate']).filter((n) => present.includes(n)),
    // Killed before its new container ran (or before docker run created it): the files are unused.
    filesUnused: [
      ...names(['write-files', 'keep-old', 'stop']),
      ...names(['run']).filter((n) => !present.includes(n)),
    ],
    before,
    undoUnfinished: names(['undo']),
    lastByContainer,
  };
}

export function hasLeftovers(i: Interrupted): boolean {
  return !!i.run || i.kept.length + i.ungated.length + i.filesUnused.length + i.undoUnfinished.length > 0;
}

/** One line per host, for the log and the plan: which run died where, and what it left. */
export function describeInterrupted(i: Interrupted): string {
  const parts: string[] = [];
  if (i.run) {
    const details = [i.run.runUrl ?? 'no run URL', ...(i.run.revision ? [`revision ${i.run.revision}`] : [])];
    const where = i.last
      ? ` at "${i.last.action}"${i.last.container ? ` of ${i.last.container}` : ''} (${i.last.t})`
      : '';
    parts.push(`the run of ${i.run.owner ?? i.run.id} (${details.join(', ')}) did not finish${where}`);
  }
  if (i.kept.length) parts.push(`old containers kept aside: ${i.kept.join(', ')}`);
  if (i.ungated.length) parts.push(`started but never gated: ${i.ungated.join(', ')}`);
  if (i.filesUnused.length) {
    const back = i.filesUnused.filter((n) => Object.values(i.before[n] ?? {}).some((t) => t !== null));
    parts.push(
      `files written but not used: ${i.filesUnused.join(', ')}` +
        (back.length ? ` (the next deploy puts back the files the old ${back.join(', ')} ran with)` : ''),
    );
  }
  if (i.undoUnfinished.length) parts.push(`undo not finished: ${i.undoUnfinished.join(', ')}`);
  return `${i.host}: ${parts.join('; ')}`;
}

/**
 * Under the lock, before anything changes: tell what an unfinished earlier run left on each host,
 * then start this run's journal on every host.
 */
export async function openJournals(
  hosts: readonly HostHandle[],
  owner: LockOwner,
  cluster: string,
  reporter: Reporter,
): Promise<{ journals: Map<string, HostJournal>; interrupted: Interrupted[] }> {
  const journals = new Map<string, HostJournal>();
  const interrupted: Interrupted[] = [];
  for (const h of hosts) {
    const entries = await readJournal(h.remote, h.state.dir);
    const containers = await h.docker.listManaged(cluster);
    const i = summarise(
      h.name,
      unfinishedRun(entries),
      containers.map((c) => c.name),
    );
    if (hasLeftovers(i)) {
      interrupted.push(i);
      reporter.log('warning', `interrupted earlier run: ${describeInterrupted(i)}`, {
        code: 'journal.interrupted',
        host: h.name,
      });
    }
    const j = new HostJournal(h.remote, h.state.dir, runId(owner));
    await j.begin(owner, entries);
    journals.set(h.name, j);
  }
  return { journals, interrupted };
}

/** The run's last line on every host but `except` (a host whose step was not undone stays open). */
export async function endJournals(
  journals: ReadonlyMap<string, HostJournal>,
  ok: boolean,
  except?: string,
): Promise<void> {
  await Promise.all(
    [...journals]
      .filter(([host]) => host !== except)
      .map(([, j]) => j.note('end', undefined, { ok }).catch(() => undefined)),
  );
}

/** One host's entry of `plan`'s interrupted section. */
/** The files' old contents stay out of `plan`'s answer (a config may hold secrets): only whose are kept. */
export type Leftover = Omit<Interrupted, 'before'> & {
  /** Containers whose files before the dead run are recorded (the repair puts them back). */
  filesRecorded: string[];
  /** describeInterrupted's line, or absent when only the lock is there. */
  summary?: string;
  /** Who holds the lock, and whether that run lives. */
  lock?: string;
};

/** For `plan`: per host, what an unfinished run left and who holds the lock; hosts with nothing are left out. */
export async function leftovers(
  hosts: readonly HostHandle[],
  cluster: string,
  settings: LockSettings,
  now: () => Date = () => new Date(),
): Promise<Leftover[]> {
  const out: Leftover[] = [];
  for (const h of hosts) {
    const i = await interruptedOn(h.name, h.remote, h.docker, h.state.dir, cluster);
    const holder = await h.state.readLock();
    const v = holder ? judgeLock(holder, now(), settings) : undefined;
    const beat = v?.heartbeatSeconds !== undefined ? `, last heartbeat ${v.heartbeatSeconds}s ago` : '';
    const lock = holder
      ? `locked by ${describeHolder(holder)}${beat}: ` +
        (v?.state === 'dead' ? 'that run is dead; the next deploy takes its lock over' : 'a live run')
      : undefined;
    const { before, ...rest } = i;
    if (hasLeftovers(i) || lock)
      out.push({
        ...rest,
        filesRecorded: Object.keys(before),
        ...(hasLeftovers(i) ? { summary: describeInterrupted(i) } : {}),
        ...(lock ? { lock } : {}),
      });
  }
  return out;
}
