/**
 * broker.conf as RocketMQ reads it: every rendered file is loaded by the JDK's java.util.Properties
 * and must give back exactly the values of the spec, key by key.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPropertiesFile, parseProperties } from '../../src/rocketmq/properties.js';
import { allContainers, renderCluster } from '../../src/render/render.js';
import type { Spec } from '../../src/spec/schema.js';
import { validateSpecText } from '../../src/spec/validate.js';
import { loadWithJava } from '../helpers/java-properties.js';
import { loadExample } from './helpers.js';

const EXAMPLE = loadExample('two-host-2m-2s-async.yml');

function withDefaults(values: Record<string, string>): Spec {
  return { ...EXAMPLE, brokerDefaults: { ...EXAMPLE.brokerDefaults, ...values } };
}

function brokerFiles(spec: Spec): { content: string; expected: Record<string, string> }[] {
  return allContainers(renderCluster(spec, 'r1')).flatMap((c) =>
    c.files.map((f) => ({ content: f.content, expected: { ...(c.brokerConfig ?? {}) } })),
  );
}

/** Characters Properties#load treats specially, plus what ISO-8859-1 cannot hold. */
const SPECIAL = [
  '\\',
  ' ',
  '\t',
  '\n',
  '\r',
  '\f',
  '=',
  ':',
  '#',
  '!',
  'u',
  '0',
  'A',
  'é',
  'ÿ',
  'Ā',
  '€',
  '😀',
];
const SPECIAL_UNITS = ['\uD800', '\uDFFF', '\u0000', '\u007F', '\u0085', '\u2028', '\uFEFF'];
const value = fc.oneof(
  fc.string({ unit: fc.constantFrom(...SPECIAL), maxLength: 12 }),
  fc.string({ unit: fc.constantFrom(...SPECIAL, ...SPECIAL_UNITS), maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)), maxLength: 8 }),
  fc.constantFrom('trace\\', '\\u0041\\n\\tx', 'tracé', ' lead', '#x', '!x', 'a=b:c', '\\', '\\\\', ''),
);
/** String keys RocketMQ 4.8 reads (only the values matter; the renderer sorts user keys). */
const STRING_KEYS = ['messageStorePlugIn', 'msgTraceTopicName', 'regionId'];

describe('broker.conf read back by java.util.Properties', () => {
  it("gives back the issue's examples unchanged, after validation", () => {
    const cases: [string, string][] = [
      ["msgTraceTopicName: 'trace\\'\n  regionId: eu-1", 'trace\\'],
      ["msgTraceTopicName: '\\u0041\\n\\tx'\n  regionId: eu-1", '\\u0041\\n\\tx'],
      ['msgTraceTopicName: tracé\n  regionId: eu-1', 'tracé'],
    ];
    const files: string[] = [];
    const expected: Record<string, string>[] = [];
    for (const [yaml, traceTopic] of cases) {
      const text = `version: 1
cluster: c
images: { rocketmq: apacherocketmq/rocketmq:4.9.7 }
ssh: { user: deploy }
dataRoot: /srv/rocketmq
hosts: { A: { address: 10.0.0.1 }, B: { address: 10.0.0.2 } }
nameServers: { hosts: [A, B] }
brokerDefaults:
  ${yaml}
brokers:
  broker-a: { master: { host: A }, slaves: [ { host: B, listenPort: 11911 } ] }
`;
      const v = validateSpecText(text, 'x.yml');
      expect(v.findings.filter((f) => f.severity === 'error')).toEqual([]);
      if (!v.spec) throw new Error('the spec validates');
      for (const c of allContainers(renderCluster(v.spec, 'r1'))) {
        for (const f of c.files) {
          files.push(f.content);
          expected.push({ ...(c.brokerConfig ?? {}) });
          expect(c.brokerConfig?.msgTraceTopicName).toBe(traceTopic);
          expect(c.brokerConfig?.regionId).toBe('eu-1');
        }
      }
    }
    const read = loadWithJava(files);
    read.forEach((r, i) => expect({ ...r }).toEqual(expected[i]));
    // The slave keeps its derived identity: nothing was swallowed by a trailing backslash.
    expect(read.some((r) => r.brokerRole === 'SLAVE' && r.brokerId === '1')).toBe(true);
  });

  it('reads generated values back exactly, key by key (one JVM for every file)', () => {
    const specs = fc.sample(
      fc
        .tuple(value, value, value)
        .map(([a, b, c]) =>
          withDefaults(Object.fromEntries(STRING_KEYS.map((k, i) => [k, [a, b, c][i] ?? '']))),
        ),
      { numRuns: 300, seed: 20261201 },
    );
    const files = specs.flatMap(brokerFiles);
    // Keys are escaped too (they are known names today; the writer does not rely on it).
    const keyed = fc.sample(fc.dictionary(value, value, { maxKeys: 5 }), { numRuns: 200, seed: 7 });
    for (const entries of keyed) {
      files.push({
        content: formatPropertiesFile(Object.entries(entries), ['a\ncomment']),
        expected: entries,
      });
    }
    const read = loadWithJava(files.map((f) => f.content));
    const started = Date.now();
    files.forEach((f, i) => {
      expect({ ...read[i] }, f.content).toEqual({ ...f.expected });
      // The gates' reader (plan and deploy read the old file with it) agrees with Java.
      expect({ ...parseProperties(f.content) }, f.content).toEqual({ ...f.expected });
      // Plain ASCII: the bytes mean the same in ISO-8859-1 and UTF-8.
      expect(f.content).toMatch(/^[\x20-\x7e\n]*$/);
    });
    console.log(
      `java.util.Properties read ${files.length} files back unchanged (${Date.now() - started} ms to compare)`,
    );
  });
});
