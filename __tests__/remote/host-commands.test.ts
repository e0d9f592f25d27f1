import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  APPEND_SCRIPT,
  MISSING_FILE_STATUS,
  READ_FILE_SCRIPT,
  WRITE_FILE_SCRIPT,
  hostArgv,
  parseDfFreeKb,
} from '../../src/remote/host-commands.js';

describe('hostArgv', () => {
  test.each<[string, string[], string[]]>([
    ['mkdirs', hostArgv.mkdirs(['/srv/rmq', '/srv/rmq/a b']), ['mkdir', '-p', '/srv/rmq', '/srv/rmq/a b']],
    [
      'mkdirExclusive',
      hostArgv.mkdirExclusive('/srv/.rocketmq-rollout/c/lock'),
      ['mkdir', '/srv/.rocketmq-rollout/c/lock'],
    ],
    ['chown', hostArgv.chown(3000, ['/srv/a', '/srv/b']), ['chown', '3000:3000', '/srv/a', '/srv/b']],
    ['chown (text uid)', hostArgv.chown('1000', ['/srv/a']), ['chown', '1000:1000', '/srv/a']],
    ['diskFree', hostArgv.diskFree('/srv'), ['df', '-Pk', '/srv']],
    [
      'removeFiles',
      hostArgv.removeFiles(['/srv/a.conf', '/srv/b.conf']),
      ['rm', '-f', '/srv/a.conf', '/srv/b.conf'],
    ],
    ['removeTree', hostArgv.removeTree('/srv/x/lock'), ['rm', '-rf', '/srv/x/lock']],
    ['move', hostArgv.move('/srv/x/lock', '/srv/x/lock.dead-1'), ['mv', '/srv/x/lock', '/srv/x/lock.dead-1']],
    [
      'appendLine',
      hostArgv.appendLine('/srv/x/journal.jsonl', '{"action":"run"}'),
      ['sh', '-c', APPEND_SCRIPT, 'sh', '{"action":"run"}', '/srv/x/journal.jsonl'],
    ],
    [
      'writeFile',
      hostArgv.writeFile('/srv/a/broker.conf', '/srv/a/broker.conf.tmp-1', 0o600),
      [
        'sh',
        '-c',
        WRITE_FILE_SCRIPT,
        'sh',
        '/srv/a',
        '/srv/a/broker.conf.tmp-1',
        '600',
        '/srv/a/broker.conf',
      ],
    ],
    [
      'writeFile (top level)',
      hostArgv.writeFile('/f', '/f.tmp', 0o644),
      ['sh', '-c', WRITE_FILE_SCRIPT, 'sh', '/', '/f.tmp', '644', '/f'],
    ],
    ['readFile', hostArgv.readFile('/srv/a b'), ['sh', '-c', READ_FILE_SCRIPT, 'sh', '/srv/a b']],
  ])('%s', (_name, argv, expected) => {
    expect(argv).toEqual(expected);
  });

  test.each<[string, () => unknown, RegExp]>([
    ['a relative path', () => hostArgv.mkdirs(['srv']), /must be absolute/],
    ['a path that reads as a flag', () => hostArgv.removeTree('-rf'), /must be absolute/],
    ['no path at all', () => hostArgv.removeFiles([]), /at least one path/],
    ['a uid that is not a number', () => hostArgv.chown('root; rm -rf /', ['/srv']), /numeric uid/],
    ['a relative journal', () => hostArgv.appendLine('journal.jsonl', 'x'), /must be absolute/],
  ])('refuses %s', (_name, build, error) => {
    expect(build).toThrow(error);
  });
});

describe('parseDfFreeKb', () => {
  test.each<[string, number | undefined]>([
    ['Filesystem 1024-blocks Used Available Capacity Mounted on\n/dev/sda1 100 40 60 40% /\n', 60],
    // A long device name wraps in some df's without -P; -P keeps one line, the last one counts.
    [
      'Filesystem 1024-blocks Used Available Capacity Mounted on\n/dev/mapper/x 5000 1000 4000 20% /srv',
      4000,
    ],
    ['', undefined],
    ['df: /srv: No such file or directory\n', undefined],
  ])('%j', (text, free) => {
    expect(parseDfFreeKb(text)).toBe(free);
  });
});

/** The scripts under a real sh, as a host runs them. */
describe('the scripts under sh', () => {
  const sh = (argv: string[], stdin?: string) =>
    spawnSync(argv[0]!, argv.slice(1), { input: stdin ?? '', encoding: 'utf8' });

  test('append, write (atomic, mode, refusing a directory) and read, with hostile values', () => {
    const dir = mkdtempSync(join(tmpdir(), 'host-commands-'));
    try {
      const journal = join(dir, 'journal.jsonl');
      const line = `{"x":"$(touch ${dir}/pwned) \`id\` ; \\" '"}`;
      expect(sh(hostArgv.appendLine(journal, line)).status).toBe(0);
      expect(sh(hostArgv.appendLine(journal, 'two')).status).toBe(0);
      expect(readFileSync(journal, 'utf8')).toBe(`${line}\ntwo\n`);
      const target = join(dir, 'sub dir', 'broker.conf');
      const w = sh(hostArgv.writeFile(target, `${target}.tmp-1`, 0o600), 'a=1\nno newline at end');
      expect(w.status).toBe(0);
      expect(readFileSync(target, 'utf8')).toBe('a=1\nno newline at end');
      expect(statSync(target).mode & 0o777).toBe(0o600);
      const r = sh(hostArgv.readFile(target));
      expect(r.stdout).toBe('a=1\nno newline at end');
      expect(sh(hostArgv.readFile(join(dir, 'absent'))).status).toBe(MISSING_FILE_STATUS);
      const intoDir = sh(hostArgv.writeFile(join(dir, 'sub dir'), join(dir, 'x.tmp'), 0o644), 'x');
      expect(intoDir.status).not.toBe(0);
      expect(intoDir.stderr).toMatch(/is a directory/);
      expect(() => statSync(join(dir, 'x.tmp'))).toThrow();
      expect(() => statSync(join(dir, 'pwned'))).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
