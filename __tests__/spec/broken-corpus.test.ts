/**
 * The corpus of broken specs: each file under fixtures/broken is the spec sketch (fixtures/design-sketch.yml) with a
 * mistake or two, and ends with the findings it must produce:
 *
 *   # expect: <severity> <code> <line[:column] | -> <fragment of the formatted finding>
 *
 * Every expected finding must be there at that spot, and no other error (or warning, other than
 * the sketch's own CVE warnings) may appear.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatFinding, type Finding } from '../../src/spec/findings.js';
import { validateSpecText } from '../../src/spec/validate.js';

const dir = path.join(import.meta.dirname, '..', 'fixtures', 'broken');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.yml'))
  .sort();

interface Expectation {
  severity: string;
  code: string;
  line?: number | undefined;
  column?: number | undefined;
  fragment: string;
  source: string;
}

function expectationsOf(text: string): Expectation[] {
  return [...text.matchAll(/^# expect: (\S+) (\S+) (\S+) (.+)$/gm)].map((m) => {
    const [, severity = '', code = '', where = '-', fragment = ''] = m;
    const [line, column] = where === '-' ? [] : where.split(':').map(Number);
    return { severity, code, line, column, fragment, source: m[0] };
  });
}

function matches(f: Finding, e: Expectation): boolean {
  return (
    f.severity === e.severity &&
    f.code === e.code &&
    (e.line === undefined || f.line === e.line) &&
    (e.column === undefined || f.column === e.column) &&
    formatFinding(f).includes(e.fragment)
  );
}

describe('broken spec corpus', () => {
  it('has at least 40 cases', () => {
    expect(files.length).toBeGreaterThanOrEqual(40);
  });

  it.each(files)('%s', (name) => {
    const file = `broken/${name}`;
    const text = readFileSync(path.join(dir, name), 'utf8');
    const expectations = expectationsOf(text);
    expect(expectations.length, 'the fixture states what it expects').toBeGreaterThan(0);

    const result = validateSpecText(text, file);
    const shown = result.findings.map(formatFinding).join('\n');
    for (const e of expectations) {
      expect(
        result.findings.some((f) => matches(f, e)),
        `missing: ${e.source}\ngot:\n${shown}`,
      ).toBe(true);
    }
    const unexpected = result.findings.filter(
      (f) =>
        (f.severity === 'error' || (f.severity === 'warning' && f.code !== 'cve')) &&
        !expectations.some((e) => matches(f, e)),
    );
    expect(unexpected.map(formatFinding), 'no finding beyond the expected ones').toEqual([]);

    for (const f of result.findings) {
      expect(f.file).toBe(file);
      expect(f.line).toBeGreaterThanOrEqual(1);
      expect(f.column).toBeGreaterThanOrEqual(1);
      expect(f.hint, `${formatFinding(f)} has a fix hint`).toBeTruthy();
    }
    const errors = expectations.some((e) => e.severity === 'error');
    expect(result.spec === undefined).toBe(errors);
  });
});
