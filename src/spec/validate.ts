/**
 * Spec file -> a valid Spec or the complete list of findings, judged like a strict compiler: YAML,
 * then the schema, then the whole-spec checks, all in one run, every finding at its line and column.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { rocketmqVersionOf } from './broker-keys.js';
import { checkReservedKeys, checkSpec, checkWhitespace } from './checks/index.js';
import { hasErrors, sortFindings, type Finding, type SpecPath } from './findings.js';
import { loadSpecText, type LoadedSpec } from './load.js';
import { own } from './own.js';
import { SpecSchema, type Spec } from './schema.js';
import { issueFindings, toPath, valueAt, type Path } from './schema-findings.js';
import { describeTopology, type SpecDraft, type Topology } from './topology.js';

export type { Topology, TopologyKind } from './topology.js';
export { pathText } from './schema-findings.js';

export interface ValidationResult {
  /** Only when there is no error. */
  spec?: Spec;
  /** Sorted by position; every one has file, line and column. */
  findings: Finding[];
  topology?: Topology;
  /** The RocketMQ version in the rocketmq image's tag, when there is one. */
  rocketmqVersion?: string;
}

/** Sections whose entries are judged one by one: a broken entry drops alone. */
const ENTRY_SECTIONS = new Set(['hosts', 'brokers', 'brokerDefaults']);

const LenientSchema = SpecSchema.partial();

/**
 * A draft of the spec with the broken parts dropped, so the whole-spec checks can still judge the
 * rest in the same run. Dropped host entries are remembered: references to them are not errors twice.
 */
function salvage(raw: unknown): { draft?: SpecDraft; brokenHosts: Set<string> } {
  const brokenHosts = new Set<string>();
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { brokenHosts };
  let data: Record<string, unknown> = structuredClone(raw as Record<string, unknown>);
  for (let round = 0; round < 20; round++) {
    const result = LenientSchema.safeParse(data);
    if (result.success) return { draft: result.data, brokenHosts };
    const before = JSON.stringify(data);
    for (const issue of result.error.issues) {
      const path = toPath(issue.path);
      const cuts: Path[] = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...path, k]) : [path];
      for (const cut of cuts) {
        const head = cut[0];
        const depth = typeof head === 'string' && ENTRY_SECTIONS.has(head) && cut.length >= 2 ? 2 : 1;
        const target = cut.slice(0, depth);
        if (target.length === 0) return { brokenHosts };
        if (target[0] === 'hosts' && typeof target[1] === 'string') brokenHosts.add(target[1]);
        data = removeAt(data, target);
      }
    }
    // No progress means the damage cannot be cut out: give up on the draft rather than loop.
    if (JSON.stringify(data) === before) return { brokenHosts };
  }
  return { brokenHosts };
}

function removeAt(data: Record<string, unknown>, path: Path): Record<string, unknown> {
  const [head, ...rest] = path;
  if (head === undefined) return data;
  const key = String(head);
  if (rest.length === 0) {
    const copy = { ...data };
    delete copy[key];
    return copy;
  }
  const child = own(data, key);
  if (child === undefined || child === null || typeof child !== 'object' || Array.isArray(child)) return data;
  return { ...data, [key]: removeAt(child as Record<string, unknown>, rest) };
}

const samePath = (a: SpecPath, b: SpecPath): boolean =>
  a.length === b.length && a.every((p, i) => p === b[i]);

/** What judging the data yields, before the findings get their lines and columns. */
interface Judged {
  findings: Finding[];
  spec?: Spec;
  topology?: Topology;
  rocketmqVersion?: string;
}

type Issue = z.core.$ZodIssue;

/** Schema findings, less those a whitespace or reserved-key finding already made at the same place. */
function schemaFindings(issues: readonly Issue[], raw: unknown, earlier: Finding[]): Finding[] {
  const found: Finding[] = [];
  for (const issue of issues) {
    for (const f of issueFindings(issue, raw)) {
      // A padded value is already reported as whitespace: its type error would say the same twice.
      const repeats = earlier.some(
        (e) => samePath(e.path, f.path) && (e.code === 'reserved-key' || f.at !== 'key'),
      );
      if (!repeats) found.push(f);
    }
  }
  return found;
}

/** The topology, named only when every broker group survived: a half-read section would mislead. */
function topologyOf(raw: unknown, draft: SpecDraft | undefined): Topology | undefined {
  const rawBrokers = valueAt(raw, ['brokers']);
  const allGroups =
    draft?.brokers !== undefined &&
    rawBrokers !== null &&
    typeof rawBrokers === 'object' &&
    Object.keys(rawBrokers).length === Object.keys(draft.brokers).length;
  return draft && allGroups ? describeTopology(draft) : undefined;
}

/** The loaded data through the raw-document checks, the schema and the whole-spec checks. */
function judge(raw: unknown): Judged {
  if (raw === null || raw === undefined) {
    const hint =
      'start from the example in the README: version, cluster, images, ssh, dataRoot, hosts, nameServers, brokers';
    return {
      findings: [{ severity: 'error', code: 'empty-spec', message: 'the spec is empty', hint, path: [] }],
    };
  }
  const findings = [...checkWhitespace(raw), ...checkReservedKeys(raw)];
  const parsed = SpecSchema.safeParse(raw);
  let draft: SpecDraft | undefined;
  let brokenHosts = new Set<string>();
  if (parsed.success) {
    draft = parsed.data;
  } else {
    findings.push(...schemaFindings(parsed.error.issues, raw, findings));
    ({ draft, brokenHosts } = salvage(raw));
  }
  const rawImage = valueAt(raw, ['images', 'rocketmq']);
  const image = draft?.images?.rocketmq ?? (typeof rawImage === 'string' ? rawImage : undefined);
  if (draft) {
    findings.push(
      ...checkSpec(draft, { brokenHosts, ...(image !== undefined ? { rocketmqImage: image } : {}) }),
    );
  }
  const rocketmqVersion = image !== undefined ? rocketmqVersionOf(image) : undefined;
  const topology = topologyOf(raw, draft);
  if (topology) {
    findings.push({
      severity: 'notice',
      code: 'topology',
      message: `topology: ${topology.summary} (${topology.kind})`,
      hint: topology.tradeoff,
      path: ['brokers'],
      at: 'key',
    });
  }
  return {
    findings,
    ...(parsed.success ? { spec: parsed.data } : {}),
    ...(topology ? { topology } : {}),
    ...(rocketmqVersion ? { rocketmqVersion } : {}),
  };
}

/** Every finding at its line and column (and a related place's line in its message). */
function positioned(findings: Finding[], loaded: LoadedSpec, file: string): Finding[] {
  return findings.map((f) => {
    const at =
      f.line !== undefined && f.column !== undefined
        ? { line: f.line, column: f.column }
        : loaded.locate(f.path, f.at);
    if (!f.related) return { ...f, file, ...at };
    const other = loaded.locate(f.related.path, f.related.at);
    return {
      ...f,
      message: `${f.message} (${f.related.text} line ${other.line})`,
      related: { ...f.related, ...other },
      file,
      ...at,
    };
  });
}

export function validateSpecText(text: string, file: string): ValidationResult {
  const loaded = loadSpecText(text, file);
  const judged: Judged = loaded.usable ? judge(loaded.data) : { findings: [] };
  const sorted = sortFindings(positioned([...loaded.findings, ...judged.findings], loaded, file));
  const { spec, topology, rocketmqVersion } = judged;
  return {
    ...(spec && !hasErrors(sorted) ? { spec } : {}),
    findings: sorted,
    ...(topology ? { topology } : {}),
    ...(rocketmqVersion ? { rocketmqVersion } : {}),
  };
}

export async function validateSpecFile(path: string): Promise<ValidationResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const reason =
      e instanceof Error && 'code' in e && e.code === 'ENOENT' ? 'does not exist' : 'cannot be read';
    return {
      findings: [
        {
          severity: 'error',
          code: 'file',
          message: `spec file ${path} ${reason}`,
          hint: 'check the path given to validate (the action input `spec`)',
          path: [],
          file: path,
          line: 1,
          column: 1,
        },
      ],
    };
  }
  return validateSpecText(text, path);
}
