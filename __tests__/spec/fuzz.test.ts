/**
 * A standing fuzz test: hostile mutations of the example specs (types flipped, hostile strings in
 * every string field and broker.conf value, Object.prototype names as keys and references, deep
 * nesting, CRLF, a BOM, tabs, huge numbers, truncation). For every case: no exception escapes
 * validation, every finding has a line and a hint; every spec that validates renders argv items
 * that are safe, paths inside its dataRoot, and broker.conf files that the JDK's
 * java.util.Properties reads back as exactly the rendered values (one JVM at the end).
 *
 * The seed is random unless FUZZ_SEED is set; it is printed with the figures so a failure can be
 * replayed (`FUZZ_SEED=<seed> npx vitest run __tests__/spec/fuzz.test.ts`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { allContainers, renderCluster } from '../../src/render/render.js';
import { formatFinding } from '../../src/spec/findings.js';
import { PROTOTYPE_NAMES } from '../../src/spec/own.js';
import { validateSpecText } from '../../src/spec/validate.js';
import { loadWithJava } from '../helpers/java-properties.js';

const CASES = 2000;
const EXAMPLES_DIR = join(import.meta.dirname, '..', '..', 'examples');
const EXAMPLES: unknown[] = readdirSync(EXAMPLES_DIR)
  .filter((f) => f.endsWith('.yml'))
  .sort()
  .map((f) => parse(readFileSync(join(EXAMPLES_DIR, f), 'utf8')) as unknown);

const HOSTILE = [
  '\n::warning file=cluster.yml,line=1::forged',
  'x\nevil.yml:1:1: error: forged',
  'a\r\nb: c',
  '$(id)',
  '`id`',
  "it's",
  '"quoted"',
  '../../etc',
  '/etc/passwd',
  '-rf',
  '--privileged',
  '-v=/:/host',
  'a b',
  ' lead',
  'trail ',
  '\t',
  '',
  '\u0000',
  '\u001b[2K',
  '\u202ereversed',
  '\u2028',
  '\uFEFF',
  'trace\\',
  '\\u0041\\n\\tx',
  'tracé',
  '日本',
  '😀',
  '\uD800',
  '#comment',
  '!bang',
  '=eq',
  ':colon',
  'a=b:c#d!e',
  '\\',
  '${HOME}',
  '%s%n',
  '*',
  '~',
  'null',
  'true',
  'TRUE',
  '0x10',
  '1e400',
  '-0',
  '08',
  'x'.repeat(3000),
  ...PROTOTYPE_NAMES,
];
const SPECIAL_UNITS = [
  '\\',
  ' ',
  '\t',
  '\n',
  '\r',
  '=',
  ':',
  '#',
  '!',
  'é',
  '€',
  '\u0085',
  'a',
  '0',
  '.',
  '-',
  '/',
];
const hostileString = fc.oneof(
  { arbitrary: fc.constantFrom(...HOSTILE), weight: 4 },
  { arbitrary: fc.string({ unit: fc.constantFrom(...SPECIAL_UNITS), maxLength: 16 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 16 }), weight: 1 },
  { arbitrary: fc.stringMatching(/^[a-z][a-z0-9.-]{0,12}$/), weight: 1 },
);
const hugeNumber = fc.constantFrom(
  2 ** 53 + 2,
  1e308,
  -1e308,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 63,
  0,
  -1,
  65536,
  1.5,
  Number.MAX_SAFE_INTEGER,
  Number.EPSILON,
);
const nested = fc.nat(200).map((depth) => {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { deep: v };
  return v;
});
const BROKER_KEYS = [
  'fileReservedTime',
  'brokerRole',
  'flushDiskType',
  'deleteWhen',
  'msgTraceTopicName',
  'regionId',
  'brokerIP1',
  'haMasterAddress',
  'listenPort',
];
const hostileKey = fc.oneof(
  fc.constantFrom(...PROTOTYPE_NAMES),
  fc.constantFrom(...BROKER_KEYS, 'host', 'address', 'slaves', 'config', 'port', 'hosts'),
  hostileString,
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: hostileString, weight: 6 },
  { arbitrary: hugeNumber, weight: 2 },
  { arbitrary: fc.integer(), weight: 1 },
  { arbitrary: fc.boolean(), weight: 1 },
  { arbitrary: fc.constant(null), weight: 1 },
  { arbitrary: fc.constantFrom([], {}), weight: 1 },
  { arbitrary: nested, weight: 1 },
  { arbitrary: fc.array(hostileString, { maxLength: 3 }), weight: 1 },
  { arbitrary: fc.dictionary(hostileKey, hostileString, { maxKeys: 3 }), weight: 1 },
);

/** An own property even for `__proto__` (plain assignment would set the prototype instead). */
function put(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

type Path = (string | number)[];
function nodes(value: unknown, path: Path = [], out: [Path, unknown][] = []): [Path, unknown][] {
  out.push([path, value]);
  if (Array.isArray(value)) value.forEach((v, i) => nodes(v, [...path, i], out));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) nodes(v, [...path, k], out);
  return out;
}
function parentOf(doc: unknown, path: Path): Record<string | number, unknown> | undefined {
  let node = doc;
  for (const p of path.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[p];
  }
  return node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>) : undefined;
}

/** Text a string broker.conf key may hold (validation lets it through): what Properties must carry. */
const confText = fc.oneof(
  fc.string({
    unit: fc.constantFrom('\\', '=', ':', '#', '!', 'é', 'ÿ', '€', '😀', 'a', 'u', '0', ' ', '\uFEFF'),
    maxLength: 14,
  }),
  fc.constantFrom(
    'trace\\',
    '\\u0041\\n\\tx',
    'tracé',
    '#x',
    '!x',
    'a=b:c',
    '\\',
    '日本',
    ...PROTOTYPE_NAMES,
  ),
);

const mutation = fc.record({
  kind: fc.oneof(
    { arbitrary: fc.constantFrom('replace', 'addKey', 'delete', 'flip', 'reference'), weight: 3 },
    { arbitrary: fc.constant('brokerValue'), weight: 2 },
  ),
  pick: fc.nat(),
  key: hostileKey,
  value: hostileValue,
  text: confText,
});
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

const STRING_BROKER_KEYS = ['msgTraceTopicName', 'regionId', 'messageStorePlugIn'];

function mutate(doc: unknown, m: Mutation): void {
  const all = nodes(doc).filter(([p]) => p.length > 0);
  const [path, value] = all[m.pick % all.length] ?? [[], undefined];
  const parent = parentOf(doc, path);
  const last = path[path.length - 1];
  if (!parent || last === undefined) return;
  switch (m.kind) {
    case 'replace':
      if (Array.isArray(parent)) parent[last as number] = m.value;
      else put(parent, String(last), m.value);
      return;
    case 'addKey': {
      const target = value !== null && typeof value === 'object' && !Array.isArray(value) ? value : parent;
      if (!Array.isArray(target)) put(target as Record<string, unknown>, m.key, m.value);
      return;
    }
    case 'delete':
      if (Array.isArray(parent)) parent.splice(last as number, 1);
      else delete parent[last];
      return;
    case 'flip': {
      const flipped =
        typeof value === 'string'
          ? Number(value.length)
          : typeof value === 'number'
            ? String(value)
            : typeof value === 'boolean'
              ? String(value).toUpperCase()
              : Array.isArray(value)
                ? Object.fromEntries(value.map((v, i) => [String(i), v]))
                : value !== null && typeof value === 'object'
                  ? Object.values(value)
                  : 'null';
      if (Array.isArray(parent)) parent[last as number] = flipped;
      else put(parent, String(last), flipped);
      return;
    }
    case 'brokerValue': {
      // Hostile text in a string broker.conf key: what validation lets through must reach Java intact.
      const root = doc as Record<string, unknown>;
      const key = STRING_BROKER_KEYS[m.pick % STRING_BROKER_KEYS.length] ?? 'regionId';
      const defaults = root.brokerDefaults;
      if (defaults !== null && typeof defaults === 'object' && !Array.isArray(defaults))
        put(defaults as Record<string, unknown>, key, m.text);
      return;
    }
    case 'reference': {
      // A host reference or name replaced by a hostile or built-in name.
      const refs = nodes(doc).filter(([p]) => p[p.length - 1] === 'host' || p[p.length - 2] === 'hosts');
      const [refPath] = refs[m.pick % Math.max(1, refs.length)] ?? [[]];
      const refParent = parentOf(doc, refPath);
      const refLast = refPath[refPath.length - 1];
      if (refParent && refLast !== undefined) {
        if (Array.isArray(refParent)) refParent[refLast as number] = m.key;
        else put(refParent, String(refLast), m.key);
      }
      return;
    }
  }
}

const textMutation = fc.record({
  kind: fc.oneof(
    { arbitrary: fc.constant('none'), weight: 6 },
    { arbitrary: fc.constantFrom('crlf', 'bom', 'tabs', 'cr', 'truncate', 'deep', 'trailing'), weight: 3 },
  ),
  at: fc.nat(),
});

function mutateText(text: string, t: { kind: string; at: number }): string {
  switch (t.kind) {
    case 'crlf':
      return text.replace(/\n/g, '\r\n');
    case 'bom':
      return `\uFEFF${text}`;
    case 'tabs':
      return text.replace(/^( {2})/gm, (s, _m, offset: number) => (offset % 3 === t.at % 3 ? '\t' : s));
    case 'cr':
      return text.replace(/\n/g, '\r');
    case 'truncate':
      return text.slice(0, t.at % (text.length + 1));
    case 'deep':
      return `${text}extra: ${'['.repeat(100 + (t.at % 900))}${']'.repeat(100 + (t.at % 900))}\n`;
    case 'trailing':
      return text.replace(/\n/g, ' \t\n');
    default:
      return text;
  }
}

/** C0, DEL, C1 and the Unicode line breaks: none may reach printed text raw. */
const unprintable = (c: string): boolean => {
  const n = c.charCodeAt(0);
  return n < 0x20 || (n >= 0x7f && n <= 0x9f) || n === 0x2028 || n === 0x2029;
};

const sorted = (entries: Record<string, string> | undefined): [string, string][] =>
  Object.entries(entries ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

const OPTIONS = /^(-d|-p|-e|-v|--name|--restart|--stop-timeout|--label)$/;

describe('fuzz: hostile mutations of the examples', () => {
  it(`${CASES} cases: no exception, every finding located, validated specs render safely and Java reads broker.conf back unchanged`, () => {
    const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 2 ** 31;
    const started = Date.now();
    let cases = 0;
    let validated = 0;
    const javaFiles: { content: string; expected: Record<string, string>; spec: string }[] = [];
    fc.assert(
      fc.property(
        fc.nat(EXAMPLES.length - 1),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        textMutation,
        (example, mutations, textMut) => {
          cases += 1;
          const doc = structuredClone(EXAMPLES[example]);
          for (const m of mutations) mutate(doc, m);
          const text = mutateText(stringify(doc, { lineWidth: 0 }), textMut);
          const result = validateSpecText(text, 'fuzz.yml');
          // Problems are collected as text and asserted once a case: thousands of expect() calls
          // would cost more than the validation they check.
          const problems: string[] = [];
          const check = (ok: boolean, what: string): void => {
            if (!ok) problems.push(what);
          };
          for (const f of result.findings) {
            const shown = formatFinding(f);
            check(
              f.file === 'fuzz.yml' && (f.line ?? 0) >= 1 && (f.column ?? 0) >= 1,
              `not located: ${shown}`,
            );
            if (f.severity === 'error') check(Boolean(f.hint), `no hint: ${shown}`);
            // Printed text stays on its line, whatever the spec held.
            check(![...shown].some(unprintable), `unprintable: ${shown}`);
          }
          if (result.spec) {
            validated += 1;
            const cluster = renderCluster(result.spec, 'fuzz');
            for (const c of allContainers(cluster)) {
              const root = cluster.hosts.find((h) => h.name === c.host)?.dataRoot ?? '';
              check(/^\/[A-Za-z0-9._/-]+$/.test(root), `dataRoot ${JSON.stringify(root)}`);
              for (const arg of c.runArgs) {
                check(!/[\0\n\r]/.test(arg) && arg === arg.trim(), `argv item ${JSON.stringify(arg)}`);
                check(!/undefined|\[object /.test(arg), `argv item ${JSON.stringify(arg)}`);
              }
              // Options come only from us: no spec value becomes a flag before the image.
              const options = c.runArgs.slice(0, c.runArgs.indexOf(c.image));
              options.forEach((o, i) => {
                if (o.startsWith('-') && !OPTIONS.test(options[i - 1] ?? ''))
                  check(OPTIONS.test(o), `option ${o}`);
              });
              check(!c.image.startsWith('-'), `image ${c.image}`);
              for (const p of [c.dir, ...c.dirs.map((d) => d.path), ...c.files.map((f) => f.path)]) {
                check(p.startsWith(`${root}/`) && !p.split('/').includes('..'), `path ${p} outside ${root}`);
                check(/^[A-Za-z0-9._/-]+$/.test(p), `path ${JSON.stringify(p)}`);
              }
              for (const f of c.files) {
                // A proxy's one file is its JSON config: it must parse, with no hole in it.
                if (c.kind === 'proxy' && f.path.endsWith('/rmq-proxy.json')) {
                  let parsed: unknown;
                  try {
                    parsed = JSON.parse(f.content);
                  } catch {
                    parsed = undefined;
                  }
                  check(typeof parsed === 'object' && parsed !== null, `${f.path} is not JSON`);
                  check(!/undefined|\[object /.test(f.content), `${f.path}: ${f.content}`);
                  continue;
                }
                check(c.brokerConfig !== undefined, `${f.path} is not a broker.conf`);
                check(!/undefined|^:|;:/.test(c.brokerConfig?.namesrvAddr ?? ''), `namesrvAddr of ${c.name}`);
                javaFiles.push({ content: f.content, expected: { ...(c.brokerConfig ?? {}) }, spec: text });
              }
            }
          }
          expect(problems, text).toEqual([]);
        },
      ),
      { numRuns: CASES, seed },
    );
    const read = loadWithJava(javaFiles.map((f) => f.content));
    const unequal = javaFiles.filter(
      (f, i) => JSON.stringify(sorted(read[i])) !== JSON.stringify(sorted(f.expected)),
    );
    expect(unequal[0]?.spec ?? '', 'a spec whose broker.conf Java reads differently').toBe('');
    if (unequal[0]) expect({ ...read[javaFiles.indexOf(unequal[0])] }).toEqual(unequal[0].expected);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `fuzz: ${cases} cases (${validated} validated and rendered, ${javaFiles.length} broker.conf files read back by java.util.Properties) in ${seconds}s, seed ${seed}`,
    );
    expect(cases).toBe(CASES);
    // The generator must reach the renderer and Java often enough for those checks to mean something.
    expect(validated).toBeGreaterThan(CASES / 10);
  }, 120_000);
});
