import { parseProperties } from '../rocketmq/properties.js';
import { normalizeImage } from '../rocketmq/image.js';
import {
  allContainers,
  LABELS,
  withBrokerKeys,
  type RenderedCluster,
  type RenderedContainer,
} from '../render/render.js';
import {
  changedDefaults,
  commitLogPin,
  describeVersionChange,
  downgradeHazard,
  versionChange,
  type CommitLogPin,
  type VersionChange,
} from './versions.js';

/**
 * The plan is data: observed state vs rendered state, one entry per container with an action and
 * its reasons. Formatting lives in report/; the rollout executes exactly this.
 */

/** What a host runs, as `docker inspect` tells it. */
export interface ObservedContainer {
  id: string;
  name: string;
  image: string;
  running: boolean;
  status: string;
  exitCode: number;
  labels: Record<string, string>;
}

export interface ObservedHost {
  host: string;
  containers: ObservedContainer[];
  /** Content of the rendered files as deployed now (undefined: missing). */
  files: Record<string, string | undefined>;
}

/** From no impact to most: unchanged < create < replace < orphaned. */
export type Action = 'unchanged' | 'create' | 'replace' | 'orphaned';

export interface ConfigChange {
  key: string;
  old?: string;
  new?: string;
}

export interface PlanEntry {
  action: Action;
  host: string;
  name: string;
  kind: string;
  /** Human reasons, e.g. `image a → b`, `fileReservedTime: 48 → 72`, `not running (exited 137)`. */
  reasons: string[];
  configChanges: ConfigChange[];
  desired?: RenderedContainer;
  observed?: ObservedContainer;
  /** Set when the container moves to another RocketMQ version. */
  version?: VersionChange;
  /** Set when the rendered broker.conf names the running broker's commit log (see versions.ts). */
  commitLogPin?: CommitLogPin;
}

/** Plan-wide notes: what a version change means beyond the containers it replaces. */
export interface PlanNote {
  /** An `error` note refuses the plan: deploy touches nothing (see identityConflicts). */
  severity: 'notice' | 'warning' | 'error';
  message: string;
}

export interface Plan {
  cluster: string;
  revision: string;
  entries: PlanEntry[];
  notes?: PlanNote[];
}

export function changes(plan: Plan): PlanEntry[] {
  return plan.entries.filter((e) => e.action === 'create' || e.action === 'replace');
}

export function diffConfig(oldText: string | undefined, newConfig: Record<string, string>): ConfigChange[] {
  const old = oldText === undefined ? {} : parseProperties(oldText);
  const keys = [...new Set([...Object.keys(old), ...Object.keys(newConfig)])].sort();
  const out: ConfigChange[] = [];
  for (const key of keys) {
    const o = old[key];
    const n = newConfig[key];
    if (o === n) continue;
    const change: ConfigChange = { key };
    if (o !== undefined) change.old = o;
    if (n !== undefined) change.new = n;
    out.push(change);
  }
  return out;
}

function describeChange(c: ConfigChange): string {
  return `${c.key}: ${c.old ?? '(unset)'} → ${c.new ?? '(unset)'}`;
}

/** Compare the run argv without labels: labels carry hash and revision, reported separately. */
function argsWithoutLabels(args: readonly string[]): string[] {
  return args.filter((a, i) => a !== '--label' && args[i - 1] !== '--label');
}

function planContainer(
  desired: RenderedContainer,
  observed: ObservedContainer | undefined,
  host: ObservedHost,
  deployedRunArgs: string[] | undefined,
): PlanEntry {
  if (!observed)
    return {
      host: desired.host,
      name: desired.name,
      kind: desired.kind,
      desired,
      action: 'create',
      reasons: ['no such container'],
      configChanges: [],
    };
  const version = desired.kind === 'console' ? undefined : versionChange(observed.image, desired.image);
  const pin = pinFor(desired, observed, host);
  if (pin) desired = withBrokerKeys(desired, { storePathCommitLog: pin.path });
  const base = {
    host: desired.host,
    name: desired.name,
    kind: desired.kind,
    desired,
    ...(version ? { version } : {}),
    ...(pin ? { commitLogPin: pin } : {}),
  };

  const configChanges: ConfigChange[] = [];
  for (const f of desired.files) {
    if (f.path.endsWith('/broker.conf') && desired.brokerConfig) {
      configChanges.push(...diffConfig(host.files[f.path], desired.brokerConfig));
    } else if (host.files[f.path] !== f.content) {
      configChanges.push({ key: f.path, new: '(changed)' });
    }
  }
  const reasons: string[] = [];
  if (normalizeImage(observed.image) !== normalizeImage(desired.image)) {
    const image = `image ${observed.image} → ${desired.image}`;
    reasons.push(version ? `${describeVersionChange(version)} (${image})` : image);
  }
  for (const c of configChanges)
    reasons.push(pin && c.key === 'storePathCommitLog' ? pin.why : describeChange(c));
  const hashChanged = observed.labels[LABELS.configHash] !== desired.configHash;
  if (hashChanged && deployedRunArgs) {
    const before = argsWithoutLabels(deployedRunArgs).join(' ');
    const after = argsWithoutLabels(desired.runArgs).join(' ');
    if (before !== after && normalizeImage(observed.image) === normalizeImage(desired.image))
      reasons.push('docker run arguments changed');
  }
  if (hashChanged && reasons.length === 0) reasons.push('container definition changed');
  if (!observed.running) reasons.push(`not running (${observed.status}, exit code ${observed.exitCode})`);
  if (reasons.length === 0 && !hashChanged) {
    return { ...base, action: 'unchanged', reasons: [], configChanges: [], observed };
  }
  return { ...base, action: 'replace', reasons, configChanges, observed };
}

/** The commit-log pin a broker needs to keep its messages across this replace, if any. */
function pinFor(
  desired: RenderedContainer,
  observed: ObservedContainer,
  host: ObservedHost,
): CommitLogPin | undefined {
  const conf = desired.files.find((f) => f.path.endsWith('/broker.conf'));
  const running = conf ? host.files[conf.path] : undefined;
  if (!desired.brokerConfig || running === undefined) return undefined;
  return commitLogPin(
    { image: observed.image, conf: parseProperties(running) },
    { image: desired.image, conf: desired.brokerConfig },
  );
}

/** Notes for the whole plan: per version change, a downgrade's hazard and the defaults that move. */
export function versionNotes(entries: readonly PlanEntry[]): PlanNote[] {
  const byChange = new Map<string, { change: VersionChange; set: Set<string>[] }>();
  for (const e of entries) {
    if (!e.version || (e.action !== 'replace' && e.action !== 'create')) continue;
    const id = describeVersionChange(e.version);
    const slot = byChange.get(id) ?? { change: e.version, set: [] };
    if (e.desired?.brokerConfig) slot.set.push(new Set(Object.keys(e.desired.brokerConfig)));
    byChange.set(id, slot);
  }
  const notes: PlanNote[] = [];
  for (const [id, { change, set }] of byChange) {
    const hazard = downgradeHazard(change);
    if (hazard) notes.push({ severity: 'warning', message: hazard });
    // A key counts as set only where every broker of this change writes it.
    const everywhere = new Set([...(set[0] ?? [])].filter((k) => set.every((s) => s.has(k))));
    const moved = changedDefaults(change, everywhere);
    if (moved.length > 0) {
      const list = moved.map((d) => `${d.key} ${d.from} → ${d.to}`).join(', ');
      notes.push({
        severity: 'notice',
        message: `${id} changes the defaults of keys the spec does not set: ${list}`,
      });
    }
  }
  return notes;
}

/** The managed containers of a host that the spec no longer wants there (kept copies aside). */
function orphansOf(cluster: RenderedCluster, host: ObservedHost): ObservedContainer[] {
  const wanted = new Set(cluster.hosts.find((h) => h.name === host.host)?.containers.map((c) => c.name));
  return host.containers.filter((x) => !wanted.has(x.name) && !x.name.endsWith(KEPT_SUFFIX));
}

/**
 * A broker the plan creates on one host while a container of the same group and brokerId, no
 * longer in the spec there, runs on another: the spec moved it. Both would register as that one
 * broker and split its writes (the name servers' route flips between them), and a master's
 * message store stays on the old host's disk. Refused while the old one runs; for a stopped old
 * master a warning, since the moved one starts with an empty store.
 */
export function identityConflicts(
  cluster: RenderedCluster,
  entries: readonly PlanEntry[],
  observed: readonly ObservedHost[],
): PlanNote[] {
  const notes: PlanNote[] = [];
  for (const e of entries) {
    const c = e.desired;
    if (e.action !== 'create' || !c || (c.kind !== 'master' && c.kind !== 'slave')) continue;
    for (const o of observed) {
      for (const x of orphansOf(cluster, o)) {
        if (x.labels[LABELS.group] !== c.group || x.labels[LABELS.brokerId] !== String(c.brokerId)) continue;
        // A stopped slave left behind costs nothing: the new one copies its master's store.
        if (!x.running && c.kind !== 'master') continue;
        const id = `${c.group ?? ''}/${c.brokerId ?? 0}`;
        const from = `${id} moves from host ${o.host} (${x.name}, ${x.running ? 'still running' : 'stopped'}) to host ${e.host}`;
        if (!x.running) {
          notes.push({
            severity: 'warning',
            message: `${from}: the new master starts with an empty message store; what the old one holds stays on host ${o.host}`,
          });
          continue;
        }
        const harm =
          c.kind === 'master'
            ? `both would register as ${id} and take its writes, each into its own message store`
            : `both would register as ${id}, and the name servers would list one, then the other`;
        const byHand =
          c.kind === 'master'
            ? `move its producers and consumers off it, stop and remove ${x.name} on host ${o.host} by hand`
            : `stop and remove ${x.name} on host ${o.host} by hand`;
        notes.push({
          severity: 'error',
          message: `${from}: ${harm}. A deploy touches nothing: keep ${id} on host ${o.host} in the spec, or ${byHand}, then deploy again`,
        });
      }
    }
  }
  return notes;
}

/**
 * A master whose listenPort changes while its group has slaves: a rolling change cannot move it.
 * Each slave replicates from the master's address (its broker.conf's haMasterAddress on 4.x, what
 * it learned on 5.x), so a slave restarted first points where nothing runs yet, and before it
 * stops the tool finds its master registered at the old address, not the new one. Refused here,
 * with the way through, instead of at that step.
 */
export function masterPortMoves(cluster: RenderedCluster, entries: readonly PlanEntry[]): PlanNote[] {
  const notes: PlanNote[] = [];
  for (const e of entries) {
    const c = e.desired;
    const port = e.configChanges.find((x) => x.key === 'listenPort');
    if (e.action !== 'replace' || c?.kind !== 'master' || !port?.old || !port.new) continue;
    const slaves = allContainers(cluster)
      .filter((x) => x.kind === 'slave' && x.group === c.group)
      .map((x) => x.name);
    if (!slaves.length) continue;
    notes.push({
      severity: 'error',
      message:
        `${c.group ?? ''}/0 (${c.name} on host ${e.host}) moves from listenPort ${port.old} to ${port.new} while it has ` +
        `slaves (${slaves.join(', ')}): they replicate from its address, so a rolling change cannot move it. ` +
        `A deploy touches nothing: keep listenPort ${port.old}, or move it in two deploys: first with the ` +
        `group's slaves left out of the spec (they keep running, replicating nothing until the second), ` +
        `then with them back`,
    });
  }
  return notes;
}

/** Whether a plan may run: none of its notes refuses it. */
export function planRefusals(plan: Pick<Plan, 'notes'>): string[] {
  return (plan.notes ?? []).filter((n) => n.severity === 'error').map((n) => n.message);
}

/** Where the argv a container was created with is kept, for the "why" of a replace. */
export function runArgsPath(c: Pick<RenderedContainer, 'dir'>): string {
  return `${c.dir}/docker-run.json`;
}

/** Every file a container owns on its host: its rendered files and its run argv. */
export function containerFilePaths(c: RenderedContainer): string[] {
  return [...c.files.map((f) => f.path), runArgsPath(c)];
}

export function buildPlan(
  cluster: RenderedCluster,
  observed: ObservedHost[],
  onlyHosts?: ReadonlySet<string>,
): Plan {
  const entries: PlanEntry[] = [];
  const byHost = new Map(observed.map((o) => [o.host, o]));
  for (const h of cluster.hosts) {
    if (onlyHosts && !onlyHosts.has(h.name)) continue;
    const o = byHost.get(h.name) ?? { host: h.name, containers: [], files: {} };
    for (const c of h.containers) {
      const current = o.containers.find((x) => x.name === c.name);
      const args = o.files[runArgsPath(c)];
      let deployedArgs: string[] | undefined;
      try {
        deployedArgs = args ? (JSON.parse(args) as string[]) : undefined;
      } catch {
        deployedArgs = undefined;
      }
      entries.push(planContainer(c, current, o, deployedArgs?.slice(1)));
    }
    // Managed containers the spec no longer wants are reported, never removed by a deploy.
    for (const x of orphansOf(cluster, o)) {
      entries.push({
        action: 'orphaned',
        host: h.name,
        name: x.name,
        kind: x.labels[LABELS.kind] ?? 'unknown',
        reasons: ['managed by rocketmq-rollout but not in the spec: remove it by hand when sure'],
        configChanges: [],
        observed: x,
      });
    }
  }
  const notes = [
    ...identityConflicts(cluster, entries, observed),
    ...masterPortMoves(cluster, entries),
    ...versionNotes(entries),
  ];
  return {
    cluster: cluster.cluster,
    revision: cluster.revision,
    entries,
    ...(notes.length ? { notes } : {}),
  };
}

/** The old container is kept under this suffix until the rollout is healthy, for undo. */
export const KEPT_SUFFIX = '-rollout-old';
