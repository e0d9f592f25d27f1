import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatFinding } from '../../src/spec/findings.js';
import { validateSpecText, type ValidationResult } from '../../src/spec/validate.js';

const SKETCH = readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'design-sketch.yml'), 'utf8');

function edited(from: string, to: string): string {
  expect(SKETCH.split(from).length - 1, `'${from}' occurs once`).toBe(1);
  return SKETCH.replace(from, to);
}

const where = (r: ValidationResult, code: string) =>
  r.findings.filter((f) => f.code === code).map((f) => [f.severity, f.line, f.column]);
const shown = (r: ValidationResult): string => r.findings.map(formatFinding).join('\n');

describe('commit-log path across versions', () => {
  it('notes storePathRootDir without storePathCommitLog at its key, and explains the pin', () => {
    const r = validateSpecText(
      edited(
        '  fileReservedTime: 48\n',
        '  fileReservedTime: 48\n  storePathRootDir: /home/rocketmq/store/root\n',
      ),
      'c.yml',
    );
    expect(where(r, 'commit-log-path'), shown(r)).toEqual([['notice', 18, 3]]);
    expect(
      r.findings.filter((f) => f.severity === 'error'),
      shown(r),
    ).toEqual([]);
    const notice = r.findings.find((f) => f.code === 'commit-log-path');
    expect(notice?.message).toBe(
      'storePathRootDir without storePathCommitLog: RocketMQ before 4.9.4 keeps the commit log in /home/rocketmq/store/commitlog, 4.9.4 and later in /home/rocketmq/store/root/commitlog (4.8.0 here); a deploy that changes the version pins storePathCommitLog to where the running broker has it',
    );
  });

  it('is quiet when storePathCommitLog is set in any layer that applies', () => {
    const r = validateSpecText(
      edited(
        '  fileReservedTime: 48\n',
        '  fileReservedTime: 48\n  storePathRootDir: /home/rocketmq/store/root\n  storePathCommitLog: /home/rocketmq/store/commitlog\n',
      ),
      'c.yml',
    );
    expect(where(r, 'commit-log-path'), shown(r)).toEqual([]);
    expect(
      r.findings.filter((f) => f.severity === 'error'),
      shown(r),
    ).toEqual([]);
  });

  it('points at the group layer that sets the root, once', () => {
    const r = validateSpecText(
      edited(
        '    config: { fileReservedTime: 72 }',
        '    config: { fileReservedTime: 72, storePathRootDir: /home/rocketmq/store/b }',
      ),
      'c.yml',
    );
    expect(where(r, 'commit-log-path'), shown(r)).toEqual([['notice', 24, 37]]);
  });

  it('keeps both store paths inside the mounted store', () => {
    const r = validateSpecText(
      edited('  fileReservedTime: 48\n', '  fileReservedTime: 48\n  storePathCommitLog: /data/commitlog\n'),
      'c.yml',
    );
    expect(where(r, 'store-path'), shown(r)).toEqual([['error', 18, 23]]);
  });
});
