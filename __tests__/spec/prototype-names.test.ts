/**
 * Every name Object.prototype answers to, in every position of the spec that is keyed by user text:
 * a lookup must never find `constructor` or `toString` on the prototype. Each case either gives an
 * error at the line where the name is written, or validates and renders a consistent cluster.
 */
import { describe, expect, it } from 'vitest';
import { allContainers, renderCluster } from '../../src/render/render.js';
import { PROTOTYPE_NAMES } from '../../src/spec/own.js';
import { formatFinding } from '../../src/spec/findings.js';
import { validateSpecText } from '../../src/spec/validate.js';

const BASE = `version: 1
cluster: c
images: { rocketmq: apacherocketmq/rocketmq:4.9.7, console: styletang/rocketmq-console-ng:1.0.0 }
ssh: { user: deploy }
dataRoot: /srv/rocketmq
hosts:
  A: { address: 10.0.0.1 }
  B: { address: 10.0.0.2 }
nameServers: { hosts: [A, B] }
brokerDefaults:
  fileReservedTime: 48
brokers:
  broker-a:
    master: { host: A }
    slaves: [ { host: B, listenPort: 11911 } ]
    config: { deleteWhen: "04" }
console: { host: A }
`;

type Expect = 'error' | 'either';
/** [position, replace this line fragment, with this (N is the name), what must happen]. */
const POSITIONS: [string, string, string, Expect][] = [
  [
    'name server host reference',
    'nameServers: { hosts: [A, B] }',
    'nameServers: { hosts: [A, B, N] }',
    'error',
  ],
  ['master host reference', 'master: { host: A }', 'master: { host: N }', 'error'],
  [
    'slave host reference',
    'slaves: [ { host: B, listenPort: 11911 } ]',
    'slaves: [ { host: N, listenPort: 11911 } ]',
    'error',
  ],
  ['console host reference', 'console: { host: A }', 'console: { host: N }', 'error'],
  ['brokerDefaults key', '  fileReservedTime: 48', '  fileReservedTime: 48\n  N: 1', 'error'],
  ['group config key', 'config: { deleteWhen: "04" }', 'config: { deleteWhen: "04", N: x }', 'error'],
  ['instance config key', 'master: { host: A }', 'master: { host: A, config: { N: "1" } }', 'error'],
  ['top-level key', 'version: 1', 'version: 1\nN: 1', 'error'],
  ['ssh key', 'ssh: { user: deploy }', 'ssh: { user: deploy, N: 1 }', 'error'],
  ['host key', '  A: { address: 10.0.0.1 }', '  A: { address: 10.0.0.1, N: 1 }', 'error'],
  ['broker member key', 'master: { host: A }', 'master: { host: A, N: 1 }', 'error'],
  ['slave key', '{ host: B, listenPort: 11911 }', '{ host: B, listenPort: 11911, N: 1 }', 'error'],
  [
    'broker group key',
    '    config: { deleteWhen: "04" }',
    '    config: { deleteWhen: "04" }\n    N: 1',
    'error',
  ],
  [
    'images key',
    'console: styletang/rocketmq-console-ng:1.0.0 }',
    'console: styletang/rocketmq-console-ng:1.0.0, N: x }',
    'error',
  ],
  ['nameServers key', 'nameServers: { hosts: [A, B] }', 'nameServers: { hosts: [A, B], N: 1 }', 'error'],
  ['console key', 'console: { host: A }', 'console: { host: A, N: 1 }', 'error'],
  ['heap key', 'version: 1', 'version: 1\nheap: { N: 512m }', 'error'],
  ['host ssh key', '  A: { address: 10.0.0.1 }', '  A: { address: 10.0.0.1, ssh: { N: 1 } }', 'error'],
  ['flushDiskType value', '  fileReservedTime: 48', '  fileReservedTime: 48\n  flushDiskType: N', 'error'],
  [
    'images.pull value',
    'console: styletang/rocketmq-console-ng:1.0.0 }',
    'console: styletang/rocketmq-console-ng:1.0.0, pull: N }',
    'error',
  ],
  ['enum value', '  fileReservedTime: 48', '  fileReservedTime: 48\n  brokerRole: N', 'error'],
  ['restartPolicy value', 'version: 1', 'version: 1\nrestartPolicy: N', 'error'],
  // Defined names: as valid as any other name, and they must resolve to their own entries.
  ['host name, used everywhere', '  B: { address: 10.0.0.2 }', '  N: { address: 10.0.0.2 }', 'either'],
  ['broker group name', '  broker-a:', '  N:', 'either'],
  ['cluster name', 'cluster: c', 'cluster: N', 'either'],
  ['address', '  B: { address: 10.0.0.2 }', '  B: { address: N }', 'either'],
];

function specFor(name: string, from: string, to: string): { text: string; line: number } {
  let text = BASE.replace(from, to.replaceAll('N', JSON.stringify(name)));
  if (to.startsWith('  N: { address')) {
    // The host named N takes B's place everywhere B is referenced.
    text = text
      .replace('hosts: [A, B]', `hosts: [A, ${JSON.stringify(name)}]`)
      .replace('host: B,', `host: ${JSON.stringify(name)},`);
  }
  const line = text.split('\n').findIndex((l) => l.includes(JSON.stringify(name))) + 1;
  return { text, line };
}

describe('Object.prototype names in every keyed position', () => {
  const cases = PROTOTYPE_NAMES.flatMap((name) => POSITIONS.map((p) => [name, ...p] as const));

  it.each(cases)('%s as %s', (name, _position, from, to, expect_) => {
    const { text, line } = specFor(name, from, to);
    expect(text, 'the case was placed').not.toBe(BASE);
    const result = validateSpecText(text, 's.yml');
    const shown = result.findings.map(formatFinding).join('\n');
    for (const f of result.findings) {
      expect(f.line, formatFinding(f)).toBeGreaterThanOrEqual(1);
      expect(f.hint, formatFinding(f)).toBeTruthy();
    }
    const errorsHere = result.findings.filter((f) => f.severity === 'error' && f.line === line);
    if (expect_ === 'error' || !result.spec) {
      expect(errorsHere.length, `an error at line ${line}:\n${text}\n${shown}`).toBeGreaterThan(0);
      expect(result.spec).toBeUndefined();
      return;
    }
    // Valid: every container renders with real addresses, no stray prototype values.
    const cluster = renderCluster(result.spec, 'r1');
    const containers = allContainers(cluster);
    expect(containers.filter((c) => c.kind === 'slave')).toHaveLength(1);
    expect(containers.filter((c) => c.kind === 'nameServer')).toHaveLength(2);
    const second = to === '  B: { address: N }' ? name : '10.0.0.2';
    expect(cluster.nameServers).toEqual(['10.0.0.1:9876', `${second}:9876`]);
    const everything = JSON.stringify(cluster);
    expect(everything).not.toMatch(/undefined|\[object |function |native code/);
    for (const c of containers) expect(c.address).toMatch(/^(10\.0\.0\.[12]|[A-Za-z][A-Za-z]*)$/);
  });

  it("reports __proto__ wherever it is a key, at its line (the schema's maps would drop it)", () => {
    for (const [where, text] of [
      [
        'brokerDefaults',
        BASE.replace('  fileReservedTime: 48', '  fileReservedTime: 48\n  __proto__: { x: 1 }'),
      ],
      [
        'hosts',
        BASE.replace(
          '  B: { address: 10.0.0.2 }',
          '  B: { address: 10.0.0.2 }\n  __proto__: { address: 10.0.0.3 }',
        ),
      ],
      [
        'brokers',
        BASE.replace('console: { host: A }', '  __proto__: { master: { host: B } }\nconsole: { host: A }'),
      ],
    ] as const) {
      const result = validateSpecText(text, 's.yml');
      const line = text.split('\n').findIndex((l) => l.includes('__proto__')) + 1;
      const f = result.findings.find((x) => x.code === 'reserved-key');
      expect(f, where).toMatchObject({ severity: 'error', line });
      expect(result.spec, where).toBeUndefined();
    }
  });
});
