import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatFinding, type Finding } from '../../src/spec/findings.js';
import { validateSpecFile, validateSpecText, type ValidationResult } from '../../src/spec/validate.js';

const fixtures = path.join(import.meta.dirname, '..', 'fixtures');
/** The spec sketch the project started from: the contract for the common case. */
const SKETCH = readFileSync(path.join(fixtures, 'design-sketch.yml'), 'utf8');

const errors = (r: ValidationResult): Finding[] => r.findings.filter((f) => f.severity === 'error');
const shown = (r: ValidationResult): string => r.findings.map(formatFinding).join('\n');

/** Replace one exact piece of the sketch (fails loudly when the piece is not there exactly once). */
function edit(text: string, ...pairs: [string, string][]): string {
  let out = text;
  for (const [from, to] of pairs) {
    expect(out.split(from).length - 1, `'${from}' occurs once`).toBe(1);
    out = out.replace(from, to);
  }
  return out;
}

describe('the spec sketch', () => {
  const result = validateSpecText(SKETCH, 'cluster.yml');

  it('validates with 0 errors and yields the typed spec with defaults applied', () => {
    expect(errors(result), shown(result)).toEqual([]);
    expect(result.spec).toBeDefined();
    expect(result.spec?.cluster).toBe('docker-mq-cluster');
    expect(result.spec?.brokers['broker-a']?.slaves).toEqual([{ host: 'B', listenPort: 11911 }]);
    expect(result.spec?.stopTimeout).toBe(60);
    expect(result.spec?.heap).toEqual({ nameServer: '256m', broker: '512m', console: '256m' });
    expect(result.rocketmqVersion).toBe('4.8.0');
  });

  it('warns about both RCE flaws of 4.8.0, naming the fixed versions, at the image line', () => {
    const cves = result.findings.filter((f) => f.code === 'cve');
    expect(cves.map((f) => f.severity)).toEqual(['warning', 'warning']);
    expect(cves.map((f) => [f.line, f.column])).toEqual([
      [5, 13],
      [5, 13],
    ]);
    const text = cves.map(formatFinding).join('\n');
    expect(text).toContain('CVE-2023-33246');
    expect(text).toContain('fixed in 4.9.6 / 5.1.1');
    expect(text).toContain('CVE-2023-37582');
    expect(text).toContain('fixed in 4.9.7 / 5.1.2');
  });

  it('has no warnings besides the CVEs (the console image is pinned)', () => {
    const warnings = result.findings.filter((f) => f.severity === 'warning' && f.code !== 'cve');
    expect(warnings.map(formatFinding)).toEqual([]);
  });

  it('names the topology back, also as a notice at the brokers key', () => {
    expect(result.topology).toEqual({
      kind: 'multi-master-multi-slave-async',
      summary: '2 masters, 2 slaves, async replication',
      tradeoff: expect.stringContaining('lost') as string,
    });
    const notice = result.findings.find((f) => f.code === 'topology');
    expect(notice).toMatchObject({ severity: 'notice', line: 19, column: 1 });
    expect(notice && formatFinding(notice)).toMatch(
      /^cluster\.yml:19:1: notice: topology: 2 masters, 2 slaves, async replication/,
    );
  });

  it('formats every finding compiler-style', () => {
    for (const f of result.findings) {
      expect(formatFinding(f)).toMatch(/^cluster\.yml:\d+:\d+: (error|warning|notice): .+ \(.+\)$/);
    }
  });
});

describe('all findings in one run', () => {
  it('reports three unrelated mistakes together, each at its line', () => {
    const text = edit(
      SKETCH,
      ['  B: { address: 192.168.5.50 }', '  B: { adress: 192.168.5.50 }'],
      ['  fileReservedTime: 48', '  fileReservedTime: 48\n  autoCreateTopicEnable: yes please'],
      ['console: { host: A, port: 8080 }', 'console: { host: A, port: 10911 }'],
    );
    const result = validateSpecText(text, 'c.yml');
    const got = errors(result).map((f) => [f.code, f.line]);
    expect(got, shown(result)).toEqual([
      ['missing-key', 11],
      ['unknown-key', 11],
      ['broker-value', 18],
      ['port-clash', 26],
    ]);
    expect(result.spec).toBeUndefined();
  });

  it('keeps checking other sections when one section fails the schema', () => {
    const text = edit(
      SKETCH,
      ['ssh: { user: deploy, port: 22 }', 'ssh: { user: deploy, port: 0 }'],
      ['hosts: [A, B]', 'hosts: [A, C]'],
    );
    const result = validateSpecText(text, 'c.yml');
    expect(
      errors(result).map((f) => [f.code, f.line, f.column]),
      shown(result),
    ).toEqual([
      ['schema-range', 7, 28],
      ['host-undefined', 12, 27],
    ]);
  });

  it('sorts findings top to bottom', () => {
    const text = edit(
      SKETCH,
      ['console: { host: A, port: 8080 }', 'console: { host: Q, port: 8080 }'],
      ['version: 1', 'version: 3'],
    );
    const lines = validateSpecText(text, 'c.yml').findings.map((f) => f.line ?? 0);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });
});

describe('positions', () => {
  it('points at the key for unknown and duplicate keys, at the value for wrong values', () => {
    const text = edit(SKETCH, [
      '  flushDiskType: ASYNC_FLUSH',
      '  flushDiskType: ASYNC_FLUSH\n  flushDiskType: SYNC\n  bogusKey: 1',
    ]);
    const result = validateSpecText(text, 'c.yml');
    const byCode = Object.fromEntries(errors(result).map((f) => [f.code, [f.line, f.column]]));
    expect(byCode['duplicate-key']).toEqual([16, 3]);
    expect(byCode['broker-value']).toEqual([16, 18]);
    expect(byCode['unknown-broker-key']).toEqual([17, 3]);
  });

  it('points at the nearest written ancestor for values that come from defaults', () => {
    // Both masters default to listenPort 10911 on the same host.
    const text = `version: 1
cluster: c
images: { rocketmq: apacherocketmq/rocketmq:4.9.7 }
ssh: { user: deploy }
dataRoot: /srv/mq
hosts:
  A: { address: 10.0.0.1 }
  B: { address: 10.0.0.2 }
nameServers: { hosts: [A, B] }
brokers:
  broker-a: { master: { host: A }, slaves: [ { host: B, listenPort: 11911 } ] }
  broker-b:
    master:
      host: A
    slaves: [ { host: B, listenPort: 12911 } ]
`;
    const result = validateSpecText(text, 'c.yml');
    const clash = errors(result).find((f) => f.code === 'port-clash');
    expect(clash, shown(result)).toMatchObject({ line: 13, column: 5 });
    expect(clash?.message).toBe(
      'broker-a master and broker-b master both use listenPort 10911 on host A (10.0.0.1): ports 10909, 10911, 10912 are published twice (also used by broker-a master at line 11)',
    );
  });
});

describe('YAML features and hostile input', () => {
  it('accepts anchors and merge keys', () => {
    const text = edit(
      SKETCH,
      ['  A: { address: 192.168.5.49 }', '  A: &host { address: 192.168.5.49, memoryMb: 8192 }'],
      ['  B: { address: 192.168.5.50 }', '  B: { <<: *host, address: 192.168.5.50 }'],
    );
    const result = validateSpecText(text, 'c.yml');
    expect(errors(result), shown(result)).toEqual([]);
    expect(result.spec?.hosts.B).toEqual({ address: '192.168.5.50', memoryMb: 8192 });
  });

  it('turns an alias bomb into a finding, not a hang or an exception', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const result = validateSpecText(levels.join('\n'), 'bomb.yml');
    expect(errors(result)[0]).toMatchObject({ code: 'yaml-syntax', line: 1, column: 1 });
  });

  it('judges a custom tag as a warning and still validates the rest', () => {
    const text = edit(SKETCH, ['cluster: docker-mq-cluster', 'cluster: !custom docker-mq-cluster']);
    const result = validateSpecText(text, 'c.yml');
    expect(result.findings.find((f) => f.code === 'yaml-warning')).toMatchObject({
      severity: 'warning',
      line: 3,
    });
    expect(errors(result)).toEqual([]);
  });
});

describe('versions and broker.conf', () => {
  it('checks keys against the exact release when the matrix knows it (4.9.2 lacks enableLmq)', () => {
    const text = edit(
      SKETCH,
      ['apacherocketmq/rocketmq:4.8.0-alpine', 'apacherocketmq/rocketmq:4.9.2'],
      ['  fileReservedTime: 48', '  fileReservedTime: 48\n  enableLmq: true'],
    );
    const result = validateSpecText(text, 'c.yml');
    expect(
      errors(result).map((f) => [f.code, f.line, f.column]),
      shown(result),
    ).toEqual([['broker-key-version', 18, 3]]);
    expect(formatFinding(errors(result)[0] as Finding)).toContain(
      'RocketMQ 4.9.2 does not read broker.conf key enableLmq (read from 4.9.3)',
    );
    expect(result.findings.some((f) => f.code === 'key-table')).toBe(false);
  });

  it('accepts enableLmq on 4.9.7 and says which table it used', () => {
    const text = edit(
      SKETCH,
      ['apacherocketmq/rocketmq:4.8.0-alpine', 'apacherocketmq/rocketmq:4.9.7'],
      ['  fileReservedTime: 48', '  fileReservedTime: 48\n  enableLmq: true'],
    );
    const result = validateSpecText(text, 'c.yml');
    expect(errors(result), shown(result)).toEqual([]);
    expect(result.findings.filter((f) => f.code === 'cve')).toEqual([]);
    expect(result.rocketmqVersion).toBe('4.9.7');
  });

  it('haListenPort on 5.1.1+ is still derived (the HA port published is listenPort+1)', () => {
    const text = edit(
      SKETCH,
      ['apacherocketmq/rocketmq:4.8.0-alpine', 'apache/rocketmq:5.3.3'],
      ['  fileReservedTime: 48', '  fileReservedTime: 48\n  haListenPort: 10912'],
    );
    const result = validateSpecText(text, 'c.yml');
    expect(
      errors(result).map((f) => f.message),
      shown(result),
    ).toEqual([expect.stringContaining('the tool publishes listenPort+1 as the HA port')]);
  });

  it('accepts YAML booleans, the exact strings true/false and numeric strings for int keys', () => {
    const text = edit(SKETCH, [
      '  fileReservedTime: 48',
      '  fileReservedTime: "48"\n  autoCreateTopicEnable: false\n  clusterTopicEnable: "true"\n  diskMaxUsedSpaceRatio: 88',
    ]);
    const result = validateSpecText(text, 'c.yml');
    expect(errors(result), shown(result)).toEqual([]);
  });

  it('accepts a per-host dataRoot override', () => {
    const text = edit(SKETCH, [
      '  B: { address: 192.168.5.50 }',
      '  B: { address: 192.168.5.50, dataRoot: /data/rocketmq }',
    ]);
    const result = validateSpecText(text, 'c.yml');
    expect(errors(result), shown(result)).toEqual([]);
    expect(result.spec?.hosts.B?.dataRoot).toBe('/data/rocketmq');
  });

  it('rejects brokerRole in a slave config (the role of a slave is derived)', () => {
    const text = edit(SKETCH, [
      'slaves: [ { host: A, listenPort: 11911 } ]',
      'slaves: [ { host: A, listenPort: 11911, config: { brokerRole: SYNC_MASTER } } ]',
    ]);
    const result = validateSpecText(text, 'c.yml');
    expect(
      errors(result).map((f) => [f.code, f.line]),
      shown(result),
    ).toEqual([['derived-key', 23]]);
  });

  it('names a sync topology when every group with slaves is SYNC_MASTER', () => {
    const text = edit(SKETCH, ['  brokerRole: ASYNC_MASTER ', '  brokerRole: SYNC_MASTER  ']);
    const result = validateSpecText(text, 'c.yml');
    expect(result.topology?.kind).toBe('multi-master-multi-slave-sync');
    expect(result.topology?.summary).toBe('2 masters, 2 slaves, sync replication');
  });
});

describe('example specs in the repository', () => {
  const dir = path.join(import.meta.dirname, '..', '..', 'examples');
  const examples = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.yml')) : [];
  it.skipIf(examples.length === 0).each(examples)('%s validates without errors', async (name) => {
    const result = await validateSpecFile(path.join(dir, name));
    expect(errors(result), shown(result)).toEqual([]);
    expect(result.spec).toBeDefined();
    expect(result.topology).toBeDefined();
  });
});

describe('validateSpecFile', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'spec-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a file and names it in every finding', async () => {
    const file = path.join(dir, 'cluster.yml');
    await writeFile(file, edit(SKETCH, ['port: 9876', 'port: 0']));
    const result = await validateSpecFile(file);
    expect(errors(result).map((f) => [f.file, f.line, f.column])).toEqual([[file, 12, 37]]);
  });

  it('reports a missing file as a finding', async () => {
    const result = await validateSpecFile(path.join(dir, 'nope.yml'));
    expect(result.findings).toMatchObject([{ severity: 'error', code: 'file', line: 1, column: 1 }]);
    expect(result.findings[0]?.message).toContain('does not exist');
  });
});
