import { KEPT_SUFFIX, type ObservedContainer } from '../plan/plan.js';
import { LABELS, type RenderedCluster, type RenderedContainer } from '../render/render.js';
import { hostArgv } from '../remote/host-commands.js';
import type { Reporter } from '../report/reporter.js';
import type { HostHandle } from './deploy.js';
import type { HostJournal, Interrupted } from './journal.js';
import type { Gates, LiveView } from './ports.js';
import { oldView } from './step.js';

/**
 * Repair what an interrupted run left, before planning: afterwards every container is either one
 * that passed its gates or an old one back under its own name, and the plan is right again.
 * 1. A container absent while its old copy is kept aside (`-rollout-old`): the old one is put back
 *    and started (masters first, so no group stays without one).
 * 2. A container the run started but never saw pass its gates: gated now; if it fails, it is
 *    removed and its kept old copy put back (the plan then replaces it again, with an undo).
 * 3. Old copies of containers that passed their gates are dropped at the end of a healthy run.
 * Whenever an old container is back (or never left), files the run wrote for its successor and
 * never used are put back first, from the journal: the old container starts with its own, and the
 * plan then compares the spec with what really runs.
 */

export interface RepairOptions {
  hosts: readonly HostHandle[];
  cluster: RenderedCluster;
  gates: Gates;
  reporter: Reporter;
  journals: ReadonlyMap<string, HostJournal>;
  /** What the journals say, per host (only hosts with an unfinished run). */
  interrupted: readonly Interrupted[];
  signal?: AbortSignal;
}

export interface RepairResult {
  /** Old copies to remove once the whole run is healthy. */
  dropWhenHealthy: { host: HostHandle; name: string }[];
  /** What was done, one line each (for the log and tests). */
  done: string[];
}

const KIND_ORDER: Record<string, number> = { nameServer: 0, master: 1, slave: 2, proxy: 3, console: 4 };

function desiredOn(cluster: RenderedCluster, host: string, name: string): RenderedContainer | undefined {
  return cluster.hosts.find((h) => h.name === host)?.containers.find((c) => c.name === name);
}

/** The files `name` had before the interrupted run wrote them, back on the host; false: none recorded. */
async function putBackFiles(h: HostHandle, o: RepairOptions, name: string): Promise<boolean> {
  const before = o.interrupted.find((i) => i.host === h.name)?.before[name];
  if (!before) return false;
  const files = desiredOn(o.cluster, h.name, name)?.files ?? [];
  for (const [path, text] of Object.entries(before)) {
    if (text === null) await h.remote.exec(hostArgv.removeFiles([path]));
    else await h.remote.writeFile(path, text, files.find((f) => f.path === path)?.mode);
  }
  return true;
}

/**
 * An old container the repair had to start is proven up, with its own config, before the plan
 * stops it again: a broker stopped while its JVM still boots can exit 0, and `--restart always`
 * then starts it once more, holding its ports against its successor. What to add to the line.
 */
async function settleRestored(
  h: HostHandle,
  o: RepairOptions,
  name: string,
  live: LiveView,
): Promise<string> {
  const c = desiredOn(o.cluster, h.name, name);
  if (!c) return '';
  const conf = o.interrupted.find((i) => i.host === h.name)?.before[name]?.[c.files[0]?.path ?? ''];
  if (c.brokerConfig && typeof conf !== 'string') return ' (not gated: its own config is not recorded)';
  const gates = await o.gates.check(
    oldView(c, conf ?? undefined),
    live,
    o.signal ?? new AbortController().signal,
  );
  const bad = gates.find((g) => !g.ok);
  return bad ? `, but its gate ${bad.gate} fails: ${bad.detail}` : ', and healthy';
}

/** Containers on a host to prove now (the never-gated first by kind: masters before slaves). */
function suspectsOn(
  cluster: RenderedCluster,
  host: string,
  journal: Interrupted | undefined,
  list: readonly ObservedContainer[],
): string[] {
  const names = new Set(list.map((x) => x.name));
  const suspects = new Set<string>(journal?.ungated ?? []);
  for (const [name, action] of Object.entries(journal?.lastByContainer ?? {}))
    if (action === 'undo' && names.has(name)) suspects.add(name);
  // An old copy beside its container: unless the journal saw that container pass, prove it now.
  for (const k of list.filter((x) => x.name.endsWith(KEPT_SUFFIX))) {
    const name = k.name.slice(0, -KEPT_SUFFIX.length);
    const last = journal?.lastByContainer[name];
    if (last !== 'gated-ok' && last !== 'drop-old') suspects.add(name);
  }
  const kind = (n: string) => KIND_ORDER[desiredOn(cluster, host, n)?.kind ?? ''] ?? 9;
  return [...suspects].sort((a, b) => kind(a) - kind(b));
}

/** What the repair's parts share. */
interface RepairContext {
  o: RepairOptions;
  /** The managed containers per host, as the repair found them. */
  observed: ReadonlyMap<string, ObservedContainer[]>;
  say: (h: HostHandle, line: string) => void;
  note: (h: HostHandle, action: Parameters<HostJournal['note']>[0], name: string) => Promise<void>;
  putBack: (h: HostHandle, name: string) => Promise<void>;
}

/**
 * 1. Old containers whose new one is absent are put back, masters before slaves; and files
 * written for a container whose old one never left are put back too.
 */
async function restoreAbsent(ctx: RepairContext): Promise<void> {
  const { o, observed, say, note, putBack } = ctx;
  const restores: { h: HostHandle; kept: ObservedContainer; name: string; kind: string }[] = [];
  for (const h of o.hosts) {
    const list = observed.get(h.name) ?? [];
    for (const k of list.filter((x) => x.name.endsWith(KEPT_SUFFIX))) {
      const name = k.name.slice(0, -KEPT_SUFFIX.length);
      if (list.some((x) => x.name === name)) continue;
      restores.push({ h, kept: k, name, kind: desiredOn(o.cluster, h.name, name)?.kind ?? 'console' });
    }
  }
  restores.sort((a, b) => (KIND_ORDER[a.kind] ?? 9) - (KIND_ORDER[b.kind] ?? 9));
  const running: LiveView = { cluster: o.cluster, running: new Set() };
  for (const [host, list] of observed)
    for (const x of list)
      if (x.running && !x.name.endsWith(KEPT_SUFFIX)) running.running.add(`${x.name}@${host}`);
  for (const r of restores) {
    await note(r.h, 'undo', r.name);
    await putBack(r.h, r.name);
    await r.h.docker.rename(r.kept.name, r.name);
    let settled = '';
    if (!r.kept.running) {
      await r.h.docker.start(r.name);
      settled = await settleRestored(r.h, o, r.name, running);
    }
    running.running.add(`${r.name}@${r.h.name}`);
    await note(r.h, 'undone', r.name);
    say(r.h, `${r.name} was absent: its old container (${r.kept.name}) is back and running${settled}`);
  }

  // Killed before the old container was set aside: it still runs, with its own config in memory.
  for (const i of o.interrupted) {
    const h = o.hosts.find((x) => x.name === i.host);
    for (const [name, action] of Object.entries(i.lastByContainer)) {
      if (!h || (action !== 'write-files' && action !== 'keep-old')) continue;
      const list = observed.get(h.name) ?? [];
      if (list.some((x) => x.name === name) && !list.some((x) => x.name === `${name}${KEPT_SUFFIX}`))
        await putBack(h, name);
    }
  }
}

export async function repairLeftovers(o: RepairOptions): Promise<RepairResult> {
  const result: RepairResult = { dropWhenHealthy: [], done: [] };
  const observed = new Map<string, ObservedContainer[]>();
  for (const h of o.hosts) observed.set(h.name, await h.docker.listManaged(o.cluster.cluster));
  const say = (h: HostHandle, line: string): void => {
    result.done.push(`${h.name}: ${line}`);
    o.reporter.log('warning', `repair: ${line}`, { code: 'repair', host: h.name });
  };
  const ctx: RepairContext = {
    o,
    observed,
    say,
    note: async (h, action, name) => o.journals.get(h.name)?.note(action, name),
    putBack: async (h, name) => {
      if (await putBackFiles(h, o, name))
        say(h, `${name}: the files the interrupted run wrote for its successor are put back as they were`);
    },
  };
  await restoreAbsent(ctx);
  const { note, putBack } = ctx;

  // 2. Gate what was started and never proven; 3. drop old copies of what was.
  const live: LiveView = { cluster: o.cluster, running: new Set() };
  for (const h of o.hosts) {
    for (const x of await h.docker.listManaged(o.cluster.cluster))
      if (x.running && !x.name.endsWith(KEPT_SUFFIX)) live.running.add(`${x.name}@${h.name}`);
  }
  for (const h of o.hosts) {
    const journal = o.interrupted.find((i) => i.host === h.name);
    const list = await h.docker.listManaged(o.cluster.cluster);
    for (const name of suspectsOn(o.cluster, h.name, journal, list)) {
      const c = desiredOn(o.cluster, h.name, name);
      const state = await h.docker.inspect(name);
      if (!c || !state) continue;
      // Started for another spec than this one: the plan replaces it anyway (gated then), and its
      // gates against this spec would fail for no fault of its own.
      if (state.labels[LABELS.configHash] !== c.configHash) continue;
      let why = state.running ? '' : `not running (${state.status})`;
      if (!why) {
        await note(h, 'gate', name);
        const gates = await o.gates.check(c, live, o.signal ?? new AbortController().signal);
        const bad = gates.find((g) => !g.ok);
        if (bad) why = `gate ${bad.gate} failed: ${bad.detail}`;
        else {
          await note(h, 'gated-ok', name);
          say(h, `${name} had never been gated: it passes now (${gates.map((g) => g.gate).join(', ')})`);
          continue;
        }
      }
      const kept = list.find((x) => x.name === `${name}${KEPT_SUFFIX}`);
      await note(h, 'undo', name);
      await h.docker.remove(name);
      live.running.delete(`${name}@${h.name}`);
      let settled = '';
      if (kept) {
        await putBack(h, name);
        await h.docker.rename(kept.name, name);
        await h.docker.start(name);
        settled = await settleRestored(h, o, name, live);
        live.running.add(`${name}@${h.name}`);
      }
      await note(h, 'undone', name);
      say(
        h,
        `${name} was started by the interrupted run and is not healthy (${why}): removed` +
          (kept ? `, its old container is back${settled}` : `; the plan creates it again`),
      );
    }
    for (const x of await h.docker.listManaged(o.cluster.cluster)) {
      if (x.name.endsWith(KEPT_SUFFIX)) result.dropWhenHealthy.push({ host: h, name: x.name });
    }
  }
  return result;
}
