import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { Finding } from '../../src/spec/findings.js';
import { SpecSchema } from '../../src/spec/schema.js';
import { validateSpecText, type ValidationResult } from '../../src/spec/validate.js';

const SKETCH = readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'design-sketch.yml'), 'utf8');
const SKETCH_DATA = parse(SKETCH) as Record<string, unknown>;

/** What every result must satisfy, whatever the input. */
function wellFormed(result: ValidationResult, text: string): void {
  const lines = text.split(/\r\n|\r|\n/).length;
  for (const f of result.findings) {
    expect(f.file).toBe('p.yml');
    expect(f.line).toBeGreaterThanOrEqual(1);
    expect(f.line).toBeLessThanOrEqual(lines + 1);
    expect(f.column).toBeGreaterThanOrEqual(1);
    expect(f.message.length).toBeGreaterThan(0);
    expect(f.hint?.length).toBeGreaterThan(0);
  }
  const order = (f: Finding) => (f.line ?? 0) * 1e6 + (f.column ?? 0);
  const keys = result.findings.map(order);
  expect(keys).toEqual([...keys].sort((a, b) => a - b));
  const hasError = result.findings.some((f) => f.severity === 'error');
  expect(result.spec === undefined).toBe(hasError);
  if (result.spec) expect(SpecSchema.safeParse(result.spec).success).toBe(true);
}

function setAt(data: unknown, keys: readonly (string | number)[], value: unknown): unknown {
  if (keys.length === 0) return value;
  const [head, ...rest] = keys;
  const base: Record<string | number, unknown> =
    data !== null && typeof data === 'object' ? { ...(data as Record<string, unknown>) } : {};
  if (Array.isArray(data)) {
    const copy = [...(data as unknown[])];
    copy[Number(head)] = setAt(copy[Number(head)], rest, value);
    return copy;
  }
  base[head as string] = setAt(base[head as string], rest, value);
  return base;
}

/** Paths that exist in the sketch, to aim mutations at places that matter. */
function pathsOf(data: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(data)) data.forEach((v, i) => out.push(...pathsOf(v, [...prefix, i])));
  else if (data !== null && typeof data === 'object')
    for (const [k, v] of Object.entries(data)) out.push(...pathsOf(v, [...prefix, k]));
  return out;
}
const SKETCH_PATHS = pathsOf(SKETCH_DATA);

describe('validation never throws', () => {
  it('on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        wellFormed(validateSpecText(text, 'p.yml'), text);
      }),
      { numRuns: 300 },
    );
  });

  it('on arbitrary YAML documents', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        const text = stringify(value);
        wellFormed(validateSpecText(text, 'p.yml'), text);
      }),
      { numRuns: 200 },
    );
  });

  it('on the sketch with one value replaced by anything', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SKETCH_PATHS), fc.jsonValue({ maxDepth: 2 }), (at, value) => {
        const text = stringify(setAt(SKETCH_DATA, at, value));
        wellFormed(validateSpecText(text, 'p.yml'), text);
      }),
      { numRuns: 300 },
    );
  });

  it('on the sketch with lines dropped or cut', () => {
    const lines = SKETCH.split('\n');
    fc.assert(
      fc.property(fc.nat(lines.length - 1), fc.nat(120), fc.boolean(), (line, cut, drop) => {
        const copy = [...lines];
        if (drop) copy.splice(line, 1);
        else copy[line] = (copy[line] ?? '').slice(0, cut);
        const text = copy.join('\n');
        wellFormed(validateSpecText(text, 'p.yml'), text);
      }),
      { numRuns: 300 },
    );
  });
});

describe('generated clusters', () => {
  it('a ring of N groups over N hosts (slave on the next host) validates with 0 errors', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 5 }),
        fc.integer({ min: 0, max: 2 }),
        fc.boolean(),
        fc.integer({ min: 1100, max: 60000 }),
        (n, slavesPerGroup, sync, basePort) => {
          const hosts = Object.fromEntries(
            Array.from({ length: n }, (_, i) => [`h${i}`, { address: `10.1.0.${i + 1}` }]),
          );
          const brokers = Object.fromEntries(
            Array.from({ length: n }, (_, i) => [
              `broker-${i}`,
              {
                master: { host: `h${i}`, listenPort: basePort },
                slaves: Array.from({ length: Math.min(slavesPerGroup, n - 1) }, (_, k) => ({
                  host: `h${(i + k + 1) % n}`,
                  // Each slave rank gets its own three ports on every host.
                  listenPort: basePort + 10 * (k + 1),
                })),
              },
            ]),
          );
          const doc = {
            version: 1,
            cluster: 'gen',
            images: { rocketmq: 'apache/rocketmq:5.3.3', console: 'styletang/rocketmq-console-ng:1.0.0' },
            ssh: { user: 'deploy' },
            dataRoot: '/srv/mq',
            hosts,
            nameServers: { hosts: Object.keys(hosts).slice(0, 2), port: basePort - 100 },
            brokerDefaults: { brokerRole: sync && slavesPerGroup > 0 ? 'SYNC_MASTER' : 'ASYNC_MASTER' },
            brokers,
            console: { host: 'h0', port: basePort - 200 },
          };
          const text = stringify(doc);
          const result = validateSpecText(text, 'p.yml');
          const errors = result.findings.filter((f) => f.severity === 'error');
          expect(errors).toEqual([]);
          expect(result.spec).toBeDefined();
          const expected =
            slavesPerGroup === 0
              ? 'multi-master'
              : sync
                ? 'multi-master-multi-slave-sync'
                : 'multi-master-multi-slave-async';
          expect(result.topology?.kind).toBe(expected);
          expect(result.findings.filter((f) => f.code === 'no-slave').length).toBe(
            slavesPerGroup === 0 ? n : 0,
          );
        },
      ),
      { numRuns: 100 },
    );
  });
});
