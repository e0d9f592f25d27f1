/**
 * Schema issues (zod's) -> findings in plain words, at the offending key or value, with a hint
 * that says what to write instead.
 */
import { z } from 'zod';
import type { Finding, SpecPath } from './findings.js';
import { own } from './own.js';
import { SpecSchema } from './schema.js';
import { didYouMean, listWords } from './suggest.js';

type Issue = z.core.$ZodIssue;
export type Path = (string | number)[];

export function toPath(path: readonly PropertyKey[]): Path {
  return path.map((p) => (typeof p === 'number' ? p : String(p)));
}

/** `brokers.broker-a.slaves[0].listenPort` */
export function pathText(path: SpecPath): string {
  return path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${p}` : p), '');
}

export function valueAt(data: unknown, path: SpecPath): unknown {
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
  return node instanceof z.ZodObject ? Object.keys(node.shape) : [];
}

const RECORD_ENTRY: Record<string, string> = { hosts: 'host', brokers: 'broker group' };

/** One issue being translated: where it points, what is there, and the error builder. */
interface At {
  path: Path;
  /** The path as text, or 'the spec' at the top. */
  where: string;
  value: unknown;
  last: string | number | undefined;
  error: (message: string, hint: string, p?: SpecPath, at?: 'key' | 'value') => Finding;
}

/** What to write instead of a value of the wrong type. */
function typeHint(expected: string, { path, value, last }: At): string {
  if (
    (expected === 'number' || expected === 'int') &&
    typeof value === 'string' &&
    /^-?[0-9.]+$/.test(value.trim())
  ) {
    return `remove the quotes: ${String(last)}: ${value.trim()}`;
  }
  if (path.includes('heap')) return 'write a JVM heap size like 512m or 2g';
  if (expected === 'string' && typeof value === 'number') return `quote it: ${String(last)}: "${value}"`;
  if ((expected === 'object' || expected === 'record') && Array.isArray(value)) {
    return "write name: value lines (or { ... }), without the leading '- '";
  }
  if (expected === 'array' && value !== null && typeof value === 'object') {
    return "write a list: [ ... ] or lines starting with '- '";
  }
  if (expected === 'array' && typeof value === 'string') return `write a list: [${value}]`;
  return `write ${describeExpected(expected)}`;
}

function invalidType(expected: string, at: At): Finding[] {
  const { path, where, value, last, error } = at;
  if (value === undefined && path.length > 0) {
    const hint =
      typeof last === 'string'
        ? `add ${last}: <${describeExpected(expected)}>${path.length > 1 ? ` under ${pathText(path.slice(0, -1))}` : ''}`
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
  const message = `${where}: expected ${describeExpected(expected)}, got ${describeValue(value)}`;
  return [{ ...error(message, typeHint(expected, at)), code: 'schema-type' }];
}

function invalidValue(values: readonly unknown[], { where, value, last, error }: At): Finding[] {
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

type RangeIssue = Extract<Issue, { code: 'too_small' | 'too_big' }>;

function outOfRange(issue: RangeIssue, { where, value, last, error }: At): Finding[] {
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

function unknownKeys(keys: readonly string[], { path, where, error }: At): Finding[] {
  const allowed = allowedKeysAt(path);
  return keys.map((key) => ({
    ...error(
      `unknown key '${key}'${path.length > 0 ? ` in ${where}` : ''}`,
      didYouMean(key, allowed) ?? (allowed.length > 0 ? `allowed here: ${allowed.join(', ')}` : 'remove it'),
      [...path, key],
      'key',
    ),
    code: 'unknown-key',
  }));
}

function invalidKey(nestedIssues: readonly Issue[], { path, last, error }: At): Finding[] {
  const parent = path[path.length - 2];
  const what = (typeof parent === 'string' && own(RECORD_ENTRY, parent)) || 'key';
  const nested = nestedIssues.map((i) => i.message).join('; ');
  return [
    {
      ...error(`${what} name '${String(last)}' is not valid`, nested, path, 'key'),
      code: 'schema-format',
    },
  ];
}

/** One zod issue -> findings in plain words, at the offending key or value. */
export function issueFindings(issue: Issue, data: unknown): Finding[] {
  const path = toPath(issue.path);
  const error = (message: string, hint: string, p: SpecPath = path, at?: 'key' | 'value'): Finding => ({
    severity: 'error',
    code: 'schema',
    message,
    hint,
    path: p,
    ...(at ? { at } : {}),
  });
  const at: At = {
    path,
    where: pathText(path) || 'the spec',
    value: valueAt(data, path),
    last: path[path.length - 1],
    error,
  };
  const { where, value, last } = at;

  switch (issue.code) {
    case 'invalid_type':
      return invalidType(issue.expected, at);
    case 'invalid_value':
      return invalidValue(issue.values, at);
    case 'too_small':
    case 'too_big':
      return outOfRange(issue, at);
    case 'invalid_format':
      return [
        { ...error(`${where} ${showPrimitive(value)} is not valid`, issue.message), code: 'schema-format' },
      ];
    case 'unrecognized_keys':
      return unknownKeys(issue.keys, at);
    case 'invalid_key':
      return invalidKey(issue.issues, at);
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
