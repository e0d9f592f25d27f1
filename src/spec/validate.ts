/**
 * Spec file -> a valid Spec or the complete list of findings, judged like a strict compiler: YAML,
 * then the schema, then the whole-spec checks, all in one run, every finding at its line and column.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { rocketmqVersionOf } from './broker-keys.js';
import { checkReservedKeys, checkSpec, checkWhitespace } from './checks.js';
import { hasErrors, sortFindings, type Finding, type SpecPath } from './findings.js';
import { loadSpecText } from './load.js';
import { own } from './own.js';
import { SpecSchema, type Spec } from './schema.js';
import { didYouMean, listWords } from './suggest.js';
import { describeTopology, type SpecDraft, type Topology } from './topology.js';

export type { Topology, TopologyKind } from './topology.js';

export interface ValidationResult {
  /** Only when there is no error. */
  spec?: Spec;
  /** Sorted by position; every one has file, line and column. */
  findings: Finding[];
  topology?: Topology;
  /** The RocketMQ version in the rocketmq image's tag, when there is one. */
  rocketmqVersion?: string;
}

type Issue = z.core.$ZodIssue;
type Path = (string | number)[];

function toPath(path: readonly PropertyKey[]): Path {
  return path.map((p) => (typeof p === 'number' ? p : String(p)));
}

/** `brokers.broker-a.slaves[0].listenPort` */
export function pathText(path: SpecPath): string {
  return path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${p}` : p), '');
}

function valueAt(data: unknown, path: SpecPath): unknown {
  let node = data;
  for (const p of path) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, p)) return undefined;
    node = (node as Record<string | number, unknown>)[p];
  }
  return node;
}

function describeValue(value: unknown): string {
  if (value === null) return 'an empty value';
  if (typeof value === 'string') return `the string '${value}'`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `${value}`;
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map of keys';
  return typeof value;
}

function describeExpected(expected: string): string {
  switch (expected) {
    case 'number':
      return 'a number';
    case 'int':
      return 'a whole number';
    case 'string':
      return 'a string';
    case 'boolean':
      return 'true or false';
    case 'object':
    case 'record':
      return 'a map of keys';
    case 'array':
      return 'a list';
    default:
      return expected;
  }
}

const showPrimitive = (v: unknown): string => (typeof v === 'string' ? `'${v}'` : String(v));

/** The schema node at a path, unwrapping optional/default; undefined past records of scalars. */
function schemaAt(path: SpecPath): unknown {
  let node: unknown = SpecSchema;
  const unwrap = (n: unknown): unknown => {
    let cur = n;
    for (let i = 0; i < 10; i++) {
      if (cur instanceof z.ZodOptional || cur instanceof z.ZodDefault || cur instanceof z.ZodNullable) {
        cur = cur.unwrap();
      } else {
        break;
      }
    }
    return cur;
  };
  for (const p of path) {
    node = unwrap(node);
    if (node instanceof z.ZodObject) node = own(node.shape as Record<string, unknown>, String(p));
    else if (node instanceof z.ZodRecord) node = node.valueType;
    else if (node instanceof z.ZodArray) node = node.element;
    else return undefined;
  }
  return unwrap(node);
}

function allowedKeysAt(path: SpecPath): string[] {
  const node = schemaAt(path);
  return node instanceof z.ZodObject ? Object.keys(node.shape as Record<string, unknown>) : [];
}

const RECORD_ENTRY: Record<string, string> = { hosts: 'host', brokers: 'broker group' };

/** One zod issue -> findings in plain words, at the offending key or value. */
function issueFindings(issue: Issue, data: unknown): Finding[] {
  const path = toPath(issue.path);
  const where = pathText(path) || 'the spec';
  const value = valueAt(data, path);
  const last = path[path.length - 1];
  const error = (message: string, hint: string, p: SpecPath = path, at?: 'key' | 'value'): Finding => ({
    severity: 'error',
    code: 'schema',
    message,
    hint,
    path: p,
    ...(at ? { at } : {}),
  });

  switch (issue.code) {
    case 'invalid_type': {
      if (value === undefined && path.length > 0) {
        const hint =
          typeof last === 'string'
            ? `add ${last}: <${describeExpected(issue.expected)}>${path.length > 1 ? ` under ${pathText(path.slice(0, -1))}` : ''}`
            : 'add it';
        return [{ ...error(`missing required key ${where}`, hint, path, 'key'), code: 'missing-key' }];
      }
      if (path.length === 0) {
        return [
          {
            ...error(
              `the spec must be a map of keys (version, cluster, hosts, ...), got ${describeValue(value)}`,
              'start from the example in the README',
            ),
            code: 'schema-type',
          },
        ];
      }
      let hint = `write ${describeExpected(issue.expected)}`;
      if (
        (issue.expected === 'number' || issue.expected === 'int') &&
        typeof value === 'string' &&
        /^-?[0-9.]+$/.test(value.trim())
      ) {
        hint = `remove the quotes: ${String(last)}: ${value.trim()}`;
      } else if (path.includes('heap')) {
        hint = 'write a JVM heap size like 512m or 2g';
      } else if (issue.expected === 'string' && typeof value === 'number') {
        hint = `quote it: ${String(last)}: "${value}"`;
      } else if ((issue.expected === 'object' || issue.expected === 'record') && Array.isArray(value)) {
        hint = "write name: value lines (or { ... }), without the leading '- '";
      } else if (issue.expected === 'array' && value !== null && typeof value === 'object') {
        hint = "write a list: [ ... ] or lines starting with '- '";
      } else if (issue.expected === 'array' && typeof value === 'string') {
        hint = `write a list: [${value}]`;
      }
      return [
        {
          ...error(
            `${where}: expected ${describeExpected(issue.expected)}, got ${describeValue(value)}`,
            hint,
          ),
          code: 'schema-type',
        },
      ];
    }
    case 'invalid_value': {
      const values = issue.values;
      if (values.length === 1) {
        return [
          {
            ...error(
              `${where} must be ${showPrimitive(values[0])}, got ${describeValue(value)}`,
              `write ${String(last)}: ${String(values[0])}`,
            ),
            code: 'schema-value',
          },
        ];
      }
      const allowed = values.map(String);
      const guess = typeof value === 'string' ? didYouMean(value, allowed) : undefined;
      return [
        {
          ...error(
            `${where} ${showPrimitive(value)} is not one of ${listWords(allowed)}`,
            guess ?? `use one of ${listWords(allowed)}`,
          ),
          code: 'schema-value',
        },
      ];
    }
    case 'too_small':
    case 'too_big': {
      const isPort = typeof last === 'string' && /port$/i.test(last);
      let message: string;
      let hint: string;
      if (issue.origin === 'array') {
        message = `${where} needs at least ${String(issue.code === 'too_small' ? issue.minimum : 0)} ${Number(issue.code === 'too_small' ? issue.minimum : 0) === 1 ? 'entry' : 'entries'}`;
        hint = 'add one';
      } else if (issue.origin === 'string') {
        message = `${where} must not be empty`;
        hint = 'write a value';
      } else if (isPort) {
        message = `${where} ${showPrimitive(value)} is not a port (1-65535)`;
        hint = 'use a port between 1 and 65535';
      } else if (issue.code === 'too_small') {
        message = `${where} ${showPrimitive(value)} is too small (minimum ${String(issue.minimum)}${issue.inclusive ? '' : ', exclusive'})`;
        hint = `use a value ${issue.inclusive ? 'of at least' : 'above'} ${String(issue.minimum)}`;
      } else {
        message = `${where} ${showPrimitive(value)} is too big (maximum ${String(issue.maximum)})`;
        hint = `use a value of at most ${String(issue.maximum)}`;
      }
      return [{ ...error(message, hint), code: 'schema-range' }];
    }
    case 'invalid_format':
      return [
        { ...error(`${where} ${showPrimitive(value)} is not valid`, issue.message), code: 'schema-format' },
      ];
    case 'unrecognized_keys': {
      const allowed = allowedKeysAt(path);
      return issue.keys.map((key) => ({
        ...error(
          `unknown key '${key}'${path.length > 0 ? ` in ${where}` : ''}`,
          didYouMean(key, allowed) ??
            (allowed.length > 0 ? `allowed here: ${allowed.join(', ')}` : 'remove it'),
          [...path, key],
          'key',
        ),
        code: 'unknown-key',
      }));
    }
    case 'invalid_key': {
      const parent = path[path.length - 2];
      const what = (typeof parent === 'string' && own(RECORD_ENTRY, parent)) || 'key';
      const nested = issue.issues.map((i) => i.message).join('; ');
      return [
        {
          ...error(`${what} name '${String(last)}' is not valid`, nested, path, 'key'),
          code: 'schema-format',
        },
      ];
    }
    case 'invalid_union':
      return [
        {
          ...error(
            `${where} must be a single value (a string, a number or true/false), got ${describeValue(value)}`,
            'broker.conf holds one value per key',
          ),
          code: 'schema-type',
        },
      ];
    default:
      // Refinements ('custom') and anything else zod may add: the message says what is needed.
      return [
        {
          ...error(
            `${where} needs ${issue.message}`,
            last === 'hosts'
              ? 'add a host, e.g. A: { address: 10.0.0.1 }'
              : 'see the README for the expected shape',
          ),
          code: 'schema',
        },
      ];
  }
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

export function validateSpecText(text: string, file: string): ValidationResult {
  const loaded = loadSpecText(text, file);
  const findings: Finding[] = [...loaded.findings];
  let spec: Spec | undefined;
  let topology: Topology | undefined;
  let rocketmqVersion: string | undefined;

  if (loaded.usable) {
    const raw = loaded.data;
    if (raw === null || raw === undefined) {
      findings.push({
        severity: 'error',
        code: 'empty-spec',
        message: 'the spec is empty',
        hint: 'start from the example in the README: version, cluster, images, ssh, dataRoot, hosts, nameServers, brokers',
        path: [],
      });
    } else {
      const whitespace = checkWhitespace(raw);
      findings.push(...whitespace);
      const reserved = checkReservedKeys(raw);
      findings.push(...reserved);
      const parsed = SpecSchema.safeParse(raw);
      let draft: SpecDraft | undefined;
      let brokenHosts = new Set<string>();
      if (parsed.success) {
        draft = parsed.data;
      } else {
        // A padded value is already reported as whitespace: its type error would say the same twice.
        for (const issue of parsed.error.issues) {
          for (const f of issueFindings(issue, raw)) {
            if (f.at !== 'key' && whitespace.some((w) => samePath(w.path, f.path))) continue;
            if (reserved.some((r) => samePath(r.path, f.path))) continue;
            findings.push(f);
          }
        }
        ({ draft, brokenHosts } = salvage(raw));
      }
      const rawImage = valueAt(raw, ['images', 'rocketmq']);
      const image = draft?.images?.rocketmq ?? (typeof rawImage === 'string' ? rawImage : undefined);
      if (draft)
        findings.push(
          ...checkSpec(draft, { brokenHosts, ...(image !== undefined ? { rocketmqImage: image } : {}) }),
        );
      if (image !== undefined) rocketmqVersion = rocketmqVersionOf(image);
      // Naming the shape of a half-read brokers section would mislead: only when every group survived.
      const rawBrokers = valueAt(raw, ['brokers']);
      const allGroups =
        draft?.brokers !== undefined &&
        rawBrokers !== null &&
        typeof rawBrokers === 'object' &&
        Object.keys(rawBrokers).length === Object.keys(draft.brokers).length;
      topology = draft && allGroups ? describeTopology(draft) : undefined;
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
      if (parsed.success) spec = parsed.data;
    }
  }

  const positioned = findings.map((f) => {
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
  const sorted = sortFindings(positioned);
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
