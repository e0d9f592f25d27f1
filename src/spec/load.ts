/**
 * YAML text -> plain data plus a way back from a path of keys to a line and column, so every
 * finding can point at the exact spot in the user's file. YAML problems become findings, never
 * exceptions.
 */
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node,
  type Pair,
  type YAMLMap,
} from 'yaml';
import type { Finding, SpecPath } from './findings.js';

export interface Position {
  line: number;
  column: number;
}

export interface LoadedSpec {
  /** The document as plain data (last value wins for a duplicate key); undefined when unusable. */
  data: unknown;
  /** YAML syntax errors, duplicate keys and YAML warnings, already positioned. */
  findings: Finding[];
  /** False when a syntax error makes the data unreliable: later stages should not judge it. */
  usable: boolean;
  /** Where `path` is in the text: its key or its value; the nearest existing ancestor otherwise. */
  locate(path: SpecPath, at?: 'key' | 'value'): Position;
  /** Whether the file itself holds `path` (false for values that come from defaults). */
  has(path: SpecPath): boolean;
}

/** Aliases may fan out exponentially ("billion laughs"): keep well below anything harmful. */
const MAX_ALIAS_COUNT = 100;

function keyText(pair: Pair): string {
  const key: unknown = pair.key;
  if (isScalar(key)) return String(key.value);
  return String(key);
}

/** Each map's last pair per key, built once: locating every finding must not rescan big maps. */
const pairIndex = new WeakMap<YAMLMap, Map<string, Pair>>();

/** The last pair for `key` in a map (the one whose value wins), skipping merge keys. */
function pairIn(map: YAMLMap, key: string): Pair | undefined {
  let index = pairIndex.get(map);
  if (!index) {
    index = new Map();
    for (const item of map.items) if (isPair(item)) index.set(keyText(item), item);
    pairIndex.set(map, index);
  }
  return index.get(key);
}

interface Step {
  /** The node holding the key (a map key) or the item itself (a sequence item). */
  key: Node | undefined;
  value: Node | undefined;
}

/** Offsets in the text as lines and columns, and paths of keys back to offsets. */
interface Locator {
  pos: (offset: number) => Position;
  /** Where a node's text starts, when it has any. */
  start: (node: Node | undefined) => number | undefined;
  locate: (path: SpecPath, at?: 'key' | 'value') => Position;
  has: (path: SpecPath) => boolean;
}

function locator(doc: Document.Parsed, lineCounter: LineCounter): Locator {
  const pos = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };

  const deref = (node: unknown): Node | undefined => {
    if (isAlias(node)) {
      try {
        return deref(node.resolve(doc));
      } catch {
        return undefined;
      }
    }
    return isMap(node) || isSeq(node) || isScalar(node) ? node : undefined;
  };

  /** Walk `path`; returns the steps that exist, deepest last. */
  const walk = (path: SpecPath): Step[] => {
    const steps: Step[] = [];
    let node = deref(doc.contents);
    for (const segment of path) {
      if (isMap(node)) {
        const pair = pairIn(node, String(segment));
        if (!pair) break;
        const key: unknown = pair.key;
        const value: unknown = pair.value;
        steps.push({ key: isScalar(key) ? key : undefined, value: isAlias(value) ? value : deref(value) });
        node = deref(value);
      } else if (isSeq(node) && typeof segment === 'number') {
        const item: unknown = node.items[segment];
        if (item === undefined) break;
        const itemNode = isAlias(item) ? item : deref(item);
        steps.push({ key: itemNode, value: itemNode });
        node = deref(item);
      } else {
        break;
      }
    }
    return steps;
  };

  const start = (node: Node | undefined): number | undefined => {
    const range = node?.range;
    return range ? range[0] : undefined;
  };

  const locate = (path: SpecPath, at: 'key' | 'value' = 'value'): Position => {
    const steps = walk(path);
    const last = steps[steps.length - 1];
    if (!last) {
      const root = start(deref(doc.contents));
      return root === undefined ? { line: 1, column: 1 } : pos(root);
    }
    const complete = steps.length === path.length;
    // An empty value (`key:`) has no text of its own: point at its key.
    const emptyValue = isScalar(last.value) && last.value.value === null && last.value.source === '';
    const node =
      complete && at === 'value' && !emptyValue ? (last.value ?? last.key) : (last.key ?? last.value);
    const offset = start(node);
    return offset === undefined ? { line: 1, column: 1 } : pos(offset);
  };

  const has = (path: SpecPath): boolean => walk(path).length === path.length;
  return { pos, start, locate, has };
}

/** YAML syntax errors reported, each on its own line, before the rest is only counted. */
const YAML_ERROR_LINES = 3;

/** YAML errors and warnings as findings; `usable` is false once an error makes the data unreliable. */
function yamlProblems(
  doc: Document.Parsed,
  file: string,
  { pos }: Locator,
): { findings: Finding[]; usable: boolean } {
  const findings: Finding[] = [];
  let usable = true;
  // One stray bracket makes the parser stumble over every token after it: 30 errors for one typo
  // on the lab. The first error of a line, on the first few lines, and a count of the rest.
  const lines = new Set<number>();
  const dropped = { count: 0, first: Infinity, last: 0, at: undefined as number | undefined };
  for (const error of doc.errors) {
    // Duplicate keys are reported below with both places; the rest makes the data unreliable.
    if (error.code === 'DUPLICATE_KEY') continue;
    usable = false;
    const line = pos(error.pos[0]).line;
    dropped.at ??= error.pos[0];
    if (lines.has(line) || lines.size >= YAML_ERROR_LINES) {
      dropped.count += 1;
      dropped.first = Math.min(dropped.first, line);
      dropped.last = Math.max(dropped.last, line);
      continue;
    }
    lines.add(line);
    const multiple = error.code === 'MULTIPLE_DOCS';
    findings.push({
      severity: 'error',
      code: 'yaml-syntax',
      message: multiple
        ? 'YAML syntax: the spec must be one YAML document, but a second one starts here (after ---)'
        : `YAML syntax: ${error.message.replace(/\s+/g, ' ').trim()}`,
      hint: multiple
        ? 'remove the --- line and what follows it, or merge the two documents'
        : 'fix the YAML at this spot (indentation, quotes, brackets); a YAML linter shows the structure',
      path: [],
      file,
      ...pos(error.pos[0]),
    });
  }
  // Beside the first error (findings are sorted by place): the count is about that one.
  if (dropped.count) {
    const where =
      dropped.first === dropped.last ? `line ${dropped.first}` : `lines ${dropped.first}–${dropped.last}`;
    findings.push({
      severity: 'notice',
      code: 'yaml-syntax-more',
      message: `YAML syntax: ${dropped.count} more error${dropped.count === 1 ? '' : 's'} on ${where} left out, most likely caused by this first one`,
      hint: 'fix the first YAML error and validate again',
      path: [],
      file,
      ...pos(dropped.at ?? 0),
    });
  }
  for (const warning of doc.warnings) {
    findings.push({
      severity: 'warning',
      code: 'yaml-warning',
      message: `YAML: ${warning.message.replace(/\s+/g, ' ').trim()}`,
      hint: 'use plain YAML without custom tags',
      path: [],
      file,
      ...pos(warning.pos[0]),
    });
  }
  return { findings, usable };
}

/** Duplicate keys: name the key and where it first appeared (the yaml error only knows the second). */
function duplicateKeys(doc: Document.Parsed, file: string, { pos, start }: Locator): Finding[] {
  const findings: Finding[] = [];
  const visitMaps = (node: unknown, path: (string | number)[], seen: Set<unknown>): void => {
    if (seen.has(node)) return;
    seen.add(node);
    if (isMap(node)) {
      const first = new Map<string, Pair>();
      for (const item of node.items) {
        if (!isPair(item)) continue;
        const key = keyText(item);
        const earlier = first.get(key);
        if (earlier) {
          const at = start(isScalar(earlier.key) ? earlier.key : undefined);
          const here = start(isScalar(item.key) ? item.key : undefined);
          const firstLine = at === undefined ? undefined : pos(at).line;
          findings.push({
            severity: 'error',
            code: 'duplicate-key',
            message: `duplicate key '${key}'${firstLine ? ` (first on line ${firstLine})` : ''}: YAML keeps only the last one`,
            hint: `remove one '${key}' or merge the two`,
            path: [...path, key],
            at: 'key',
            file,
            ...(here === undefined ? { line: 1, column: 1 } : pos(here)),
          });
        } else {
          first.set(key, item);
        }
        visitMaps(item.value, [...path, key], seen);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => visitMaps(item, [...path, i], seen));
    }
  };
  visitMaps(doc.contents, [], new Set());
  return findings;
}

/** The document as plain data, or the finding that says why it cannot be (too many aliases). */
function plainData(doc: Document.Parsed, file: string): { data: unknown } | { finding: Finding } {
  try {
    return { data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (e) {
    return {
      finding: {
        severity: 'error',
        code: 'yaml-syntax',
        message: `YAML: ${e instanceof Error ? e.message : String(e)}`,
        hint: 'use fewer or simpler aliases (*name); the spec should not need many',
        path: [],
        file,
        line: 1,
        column: 1,
      },
    };
  }
}

export function loadSpecText(text: string, file: string): LoadedSpec {
  const lineCounter = new LineCounter();
  const doc: Document.Parsed = parseDocument(text, {
    lineCounter,
    // Duplicate keys are found below in one pass (the library's own check is quadratic in a map's size).
    uniqueKeys: false,
    prettyErrors: false,
    merge: true,
  });
  const at = locator(doc, lineCounter);
  const problems = yamlProblems(doc, file, at);
  const findings = [...problems.findings, ...duplicateKeys(doc, file, at)];
  let usable = problems.usable;
  let data: unknown;
  if (usable) {
    const plain = plainData(doc, file);
    if ('finding' in plain) {
      usable = false;
      findings.push(plain.finding);
    } else {
      data = plain.data;
    }
  }
  return { data, findings, usable, locate: at.locate, has: at.has };
}
