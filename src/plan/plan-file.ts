import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { RenderedCluster } from '../render/render.js';
import type { ObservedHost, Plan } from './plan.js';
import { RolloutError } from '../errors.js';

/**
 * A plan as a file (`plan --out`), the artefact a reviewer approves: the spec it was made from,
 * what it renders, what it saw on every host and what it will do. `deploy --plan` re-reads the
 * hosts and runs it only if they still look exactly as the plan saw them, so what runs is what
 * was approved; a fingerprint over all of it catches an edited or truncated file.
 */
export const PLAN_FORMAT_VERSION = 1;

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Canonical JSON (sorted keys) so that the fingerprint does not depend on key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const ContainerSeen = z.object({
  name: z.string(),
  id: z.string(),
  image: z.string(),
  running: z.boolean(),
});

const HostSeen = z.object({
  containers: z.array(ContainerSeen),
  /** sha256 of each rendered file as deployed then; null: the file was missing. */
  files: z.record(z.string(), z.string().nullable()),
});
export type HostObservation = z.infer<typeof HostSeen>;

const SavedPlanSchema = z.object({
  kind: z.literal('rocketmq-rollout-plan'),
  formatVersion: z.literal(PLAN_FORMAT_VERSION),
  createdAt: z.string(),
  cluster: z.string(),
  revision: z.string(),
  specPath: z.string(),
  specText: z.string(),
  specSha256: z.string(),
  onlyHosts: z.array(z.string()).optional(),
  /** host → container → configHash of what the spec renders. */
  rendered: z.record(z.string(), z.record(z.string(), z.string())),
  observed: z.record(z.string(), HostSeen),
  entries: z.array(
    z.object({
      host: z.string(),
      name: z.string(),
      kind: z.string(),
      action: z.enum(['unchanged', 'create', 'replace', 'orphaned']),
      reasons: z.array(z.string()),
    }),
  ),
  fingerprint: z.string(),
});
export type SavedPlan = z.infer<typeof SavedPlanSchema>;

export function observationOf(observed: readonly ObservedHost[]): Record<string, HostObservation> {
  return Object.fromEntries(
    observed.map((o) => [
      o.host,
      {
        containers: o.containers
          .map((c) => ({ name: c.name, id: c.id, image: c.image, running: c.running }))
          .sort((a, b) => a.name.localeCompare(b.name)),
        files: Object.fromEntries(
          Object.entries(o.files)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([path, text]) => [path, text === undefined ? null : sha256(text)]),
        ),
      },
    ]),
  );
}

export function renderedDigest(cluster: RenderedCluster): Record<string, Record<string, string>> {
  return Object.fromEntries(
    cluster.hosts.map((h) => [h.name, Object.fromEntries(h.containers.map((c) => [c.name, c.configHash]))]),
  );
}

function fingerprintOf(p: Omit<SavedPlan, 'fingerprint'>): string {
  const { createdAt, ...rest } = p;
  void createdAt;
  return sha256(canonical(rest));
}

export function makeSavedPlan(input: {
  specPath: string;
  specText: string;
  cluster: RenderedCluster;
  plan: Plan;
  observed: readonly ObservedHost[];
  onlyHosts?: readonly string[];
  now?: Date;
}): SavedPlan {
  const body: Omit<SavedPlan, 'fingerprint'> = {
    kind: 'rocketmq-rollout-plan',
    formatVersion: PLAN_FORMAT_VERSION,
    createdAt: (input.now ?? new Date()).toISOString(),
    cluster: input.cluster.cluster,
    revision: input.cluster.revision,
    specPath: input.specPath,
    specText: input.specText,
    specSha256: sha256(input.specText),
    ...(input.onlyHosts?.length ? { onlyHosts: [...input.onlyHosts] } : {}),
    rendered: renderedDigest(input.cluster),
    observed: observationOf(input.observed),
    entries: input.plan.entries.map((e) => ({
      host: e.host,
      name: e.name,
      kind: e.kind,
      action: e.action,
      reasons: e.reasons,
    })),
  };
  return { ...body, fingerprint: fingerprintOf(body) };
}

export class PlanFileError extends RolloutError {
  constructor(message: string) {
    super('plan-file', message);
  }
}

/** Reads a plan file; refuses one of another format, a damaged or an edited one. */
export function parseSavedPlan(text: string, file: string): SavedPlan {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new PlanFileError(`${file} is not a plan file (not JSON)`);
  }
  const version = (json as { formatVersion?: unknown } | null)?.formatVersion;
  if (version !== undefined && version !== PLAN_FORMAT_VERSION) {
    throw new PlanFileError(
      `${file} has plan format ${typeof version === 'string' || typeof version === 'number' ? version : JSON.stringify(version)}; this rocketmq-rollout reads format ${PLAN_FORMAT_VERSION}: make the plan again`,
    );
  }
  const parsed = SavedPlanSchema.safeParse(json);
  if (!parsed.success) throw new PlanFileError(`${file} is not a plan file of rocketmq-rollout plan --out`);
  const { fingerprint, ...body } = parsed.data;
  if (fingerprintOf(body) !== fingerprint || sha256(body.specText) !== body.specSha256) {
    throw new PlanFileError(
      `${file} was changed after it was made (its fingerprint does not match): make the plan again`,
    );
  }
  return parsed.data;
}

/**
 * What differs between the hosts as the plan saw them and as they are now, one line each, in host
 * order; empty when nothing does.
 */
export function observationChanges(
  planned: Readonly<Record<string, HostObservation>>,
  now: Readonly<Record<string, HostObservation>>,
): string[] {
  const out: string[] = [];
  for (const host of [...new Set([...Object.keys(planned), ...Object.keys(now)])]) {
    const a = planned[host] ?? { containers: [], files: {} };
    const b = now[host] ?? { containers: [], files: {} };
    const before = new Map(a.containers.map((c) => [c.name, c]));
    const after = new Map(b.containers.map((c) => [c.name, c]));
    for (const [name, c] of before) {
      const d = after.get(name);
      if (!d) out.push(`${host}: container ${name} was removed`);
      else if (d.id !== c.id)
        out.push(`${host}: container ${name} was replaced (${c.id.slice(0, 12)} → ${d.id.slice(0, 12)})`);
      else {
        if (d.image !== c.image) out.push(`${host}: container ${name} runs image ${d.image}, not ${c.image}`);
        if (d.running !== c.running)
          out.push(`${host}: container ${name} is ${d.running ? 'running' : 'stopped'} now`);
      }
    }
    for (const name of after.keys()) if (!before.has(name)) out.push(`${host}: container ${name} appeared`);
    for (const path of [...new Set([...Object.keys(a.files), ...Object.keys(b.files)])].sort()) {
      const x = a.files[path] ?? null;
      const y = b.files[path] ?? null;
      if (x === y) continue;
      out.push(
        `${host}: ${path} ${x === null ? 'was created' : y === null ? 'was removed' : 'was edited'} since the plan`,
      );
    }
  }
  return out;
}
