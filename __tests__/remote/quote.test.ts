import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { QuoteError, quoteArgv, quoteWord } from '../../src/remote/quote.js';

/** Shells a remote login may use to parse the command line: dash (Debian's sh) and bash. */
const shells = ['/bin/sh', '/bin/bash'].filter((s) => existsSync(s));

// Commands run here: a hostile item that escaped its quotes would leave a `pwned` file behind.
const workDir = mkdtempSync(join(tmpdir(), 'rr-quote-'));
afterAll(() => {
  expect(existsSync(join(workDir, 'pwned'))).toBe(false);
  rmSync(workDir, { recursive: true, force: true });
});

/** Run the quoted line through a real shell and return the argv that printf received. */
function roundTrip(shell: string, items: readonly string[]): string[] {
  // A leading marker item: printf with no arguments would still print one empty one.
  const line = quoteArgv(['printf', '%s\\0', 'argv:', ...items]);
  const out = spawnSync(shell, ['-c', line], { encoding: 'utf8', cwd: workDir });
  expect(out.status, out.stderr).toBe(0);
  const parts = out.stdout.split('\0');
  expect(parts.pop()).toBe('');
  expect(parts.shift()).toBe('argv:');
  return parts;
}

const hostile = [
  '',
  ' ',
  'two words',
  "it's",
  "''",
  '"double"',
  '$(touch pwned)',
  '`touch pwned`',
  '`id`',
  '$HOME',
  '${PATH}',
  'line1\nline2',
  '\n',
  '\t',
  '*',
  '/etc/*',
  '?',
  '[a-z]',
  'a;b',
  '; rm -rf /',
  'a && b || c',
  'a|b',
  '>out',
  '<in',
  '2>&1',
  '&',
  '--',
  '-n',
  '-e',
  '~',
  '~root',
  '#comment',
  'a#b',
  '!',
  '{a,b}',
  '\\',
  "\\'",
  'é ü 日本語 🚀',
  '\u00a0',
  'x=1',
  'label=rocketmq-rollout.cluster=docker-mq-cluster',
  '{{.ID}}',
  "'\\''",
  '%s\\0',
];

describe('quoteArgv', () => {
  test.each(shells)('hostile strings reach the command unchanged through %s -c', (shell) => {
    expect(roundTrip(shell, hostile)).toEqual(hostile);
  });

  test.each(hostile.map((h) => [h]))('one hostile item %j round-trips alone', (item) => {
    expect(roundTrip('/bin/sh', [item])).toEqual([item]);
  });

  test('leaves plainly safe words alone and quotes the rest', () => {
    expect(quoteArgv(['docker', 'ps', '-a', '--filter', 'label=x.cluster=demo', '--format', '{{.ID}}'])).toBe(
      "docker ps -a --filter label=x.cluster=demo --format '{{.ID}}'",
    );
    expect(quoteArgv(['echo', "it's"])).toBe(`echo 'it'\\''s'`);
    expect(quoteArgv(['echo', ''])).toBe(`echo ''`);
  });

  test('the command name is never read as an assignment or a reserved word', () => {
    expect(quoteWord('A=b', true)).toBe(`'A=b'`);
    expect(quoteWord('A=b')).toBe('A=b');
    expect(quoteWord('if', true)).toBe(`'if'`);
    // Unquoted, `A=b` would succeed as an assignment and `if` would be a syntax error (status 2).
    for (const name of ['A=b', 'if', 'done']) {
      const out = spawnSync('/bin/sh', ['-c', quoteArgv([name])], { encoding: 'utf8' });
      expect(out.status).toBe(127);
    }
  });

  test('rejects NUL bytes and an empty argv', () => {
    expect(() => quoteArgv(['echo', 'a\0b'])).toThrow(QuoteError);
    expect(() => quoteArgv(['echo', 'a\0b'])).toThrow(/NUL/);
    expect(() => quoteArgv([])).toThrow(QuoteError);
  });

  test('property: any argv without NUL round-trips through sh exactly', () => {
    const special = fc.constantFrom(...'\'"\\$`!*?[]{}()<>|&;#~ \t\n=%-'.split(''));
    const piece = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: special }), fc.constant("'"));
    const item = fc
      .array(piece, { maxLength: 4 })
      .map((parts) => parts.join(''))
      .filter((s) => !s.includes('\0'));
    fc.assert(
      fc.property(fc.array(item, { maxLength: 6 }), (items) => {
        expect(roundTrip('/bin/sh', items)).toEqual(items);
      }),
      { numRuns: 150 },
    );
  });
});
