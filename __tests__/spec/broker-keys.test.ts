import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  compareVersions,
  imageTag,
  keyReadBy,
  keyTableFor,
  legacyKey,
  parseVersion,
  rocketmqVersionOf,
} from '../../src/spec/broker-keys.js';
import {
  BROKER_KEYS_4_8_0,
  BROKER_KEYS_4_9_8,
  BROKER_KEYS_5_3_3,
} from '../../src/spec/broker-keys.generated.js';

describe('rocketmqVersionOf', () => {
  it.each([
    ['apacherocketmq/rocketmq:4.8.0-alpine', '4.8.0'],
    ['apacherocketmq/rocketmq:4.9.7', '4.9.7'],
    ['apache/rocketmq:5.3.3', '5.3.3'],
    ['registry.local:5000/mq/rocketmq:5.1.0-alpine', '5.1.0'],
    ['foxiswho/rocketmq:server-4.5.2', '4.5.2'],
    ['apache/rocketmq:4.9', '4.9'],
    ['apache/rocketmq:v5.2.0', '5.2.0'],
    [`apache/rocketmq:4.9.7@sha256:${'a'.repeat(64)}`, '4.9.7'],
    ['apache/rocketmq', undefined],
    ['apache/rocketmq:latest', undefined],
    ['registry.local:5000/rocketmq', undefined],
  ])('%s -> %s', (image, version) => {
    expect(rocketmqVersionOf(image)).toBe(version);
  });

  it('reads the tag without the registry port or digest', () => {
    expect(imageTag('registry.local:5000/rocketmq')).toBeUndefined();
    expect(imageTag(`a/b:1.2@sha256:${'0'.repeat(64)}`)).toBe('1.2');
  });
});

describe('keyTableFor', () => {
  it.each([
    ['apacherocketmq/rocketmq:4.8.0-alpine', '4.8.0', '4.8', false],
    ['apacherocketmq/rocketmq:4.5.0-alpine', '4.8.0', '4.8', true],
    ['apache/rocketmq:4.9.4', '4.9.8', '4.9', true],
    ['apache/rocketmq:4.9.7', '4.9.7', '4.9', false],
    ['apache/rocketmq:4.9.8', '4.9.8', '4.9', false],
    ['apache/rocketmq:5.0.0', '5.3.3', '5', true],
    ['apache/rocketmq:5.3.3', '5.3.3', '5', false],
    ['apache/rocketmq:latest', '5.3.3', '5', true],
    ['apache/rocketmq', '5.3.3', '5', true],
    ['apache/rocketmq:3.2.6', '5.3.3', '5', true],
  ] as const)('%s -> %s (%s), note: %s', (image, version, family, note) => {
    const table = keyTableFor(image);
    expect(table.version).toBe(version);
    expect(table.family).toBe(family);
    expect(table.note !== undefined).toBe(note);
  });

  it('says plainly when it falls back to the newest table', () => {
    expect(keyTableFor('apache/rocketmq:latest').note).toBe(
      "no RocketMQ version in 'apache/rocketmq:latest': broker.conf keys checked against RocketMQ 5.3.3",
    );
  });

  it('carries types, defaults and enum values', () => {
    const keys = keyTableFor('apacherocketmq/rocketmq:4.8.0-alpine').keys;
    expect(keys.get('fileReservedTime')).toMatchObject({ type: 'int', default: '72' });
    expect(keys.get('mappedFileSizeCommitLog')?.type).toBe('int');
    expect(keys.get('brokerRole')?.enumValues).toEqual(['ASYNC_MASTER', 'SYNC_MASTER', 'SLAVE']);
    expect(keys.get('flushDiskType')?.enumValues).toEqual(['ASYNC_FLUSH', 'SYNC_FLUSH']);
    expect(keys.has('mapedFileSizeCommitLog')).toBe(false);
    expect(keys.has('enableLmq')).toBe(false);
    expect(keyTableFor('apache/rocketmq:4.9.7').keys.has('enableLmq')).toBe(true);
    // 4.9.7's own table: configBlackList arrived in 4.9.8.
    expect(keyTableFor('apache/rocketmq:4.9.7').keys.has('configBlackList')).toBe(false);
    expect(keyTableFor('apache/rocketmq:4.9.8').keys.has('configBlackList')).toBe(true);
    expect(keyTableFor('apache/rocketmq:5.3.3').keys.get('defaultMessageRequestMode')?.enumValues).toEqual([
      'PULL',
      'POP',
    ]);
  });

  it('has one row per key in each generated table, sorted, with a known Java type', () => {
    for (const rows of [BROKER_KEYS_4_8_0, BROKER_KEYS_4_9_8, BROKER_KEYS_5_3_3]) {
      const names = rows.map(([k]) => k);
      expect(new Set(names).size).toBe(names.length);
      expect(names).toEqual([...names].sort());
      for (const [, type] of rows)
        expect(type).toMatch(/^(int|long|boolean|double|float|String|enum \w+ .*)$/);
    }
    expect(BROKER_KEYS_4_8_0.length).toBe(169);
  });
});

describe('legacy spellings and the per-release matrix', () => {
  it('maps mapedFile* to mappedFile*', () => {
    expect(legacyKey('mapedFileSizeCommitLog')?.replacement).toBe('mappedFileSizeCommitLog');
    expect(legacyKey('mapedFileSizeConsumeQueue')?.replacement).toBe('mappedFileSizeConsumeQueue');
    expect(legacyKey('mappedFileSizeCommitLog')).toBeUndefined();
  });

  it('knows which release reads which key', () => {
    expect(keyReadBy('enableLmq', '4.9.2')).toBe(false);
    expect(keyReadBy('enableLmq', '4.9.3')).toBe(true);
    expect(keyReadBy('brokerName', '4.8.0')).toBe(true);
    expect(keyReadBy('brokerName', '5.1.0')).toBeUndefined();
  });

  it('compares versions numerically', () => {
    const v = (s: string) => parseVersion(s) ?? { major: 0, minor: 0 };
    expect(compareVersions(v('4.9.10'), v('4.9.9'))).toBe(1);
    expect(compareVersions(v('5.1'), v('5.1.0'))).toBe(0);
    expect(compareVersions(v('4.9.7'), v('5.0.0'))).toBe(-1);
    expect(parseVersion('4.x')).toBeUndefined();
  });
});

describe('scripts/gen-broker-keys.ts', () => {
  it('the committed broker-keys.generated.ts matches the .tsv tables in scripts/broker-keys/', () => {
    const root = path.join(import.meta.dirname, '..', '..');
    // Throws (non-zero exit) when the output would differ from the committed file.
    execFileSync('npx', ['tsx', 'scripts/gen-broker-keys.ts', '--check'], { cwd: root, stdio: 'pipe' });
  });
});
