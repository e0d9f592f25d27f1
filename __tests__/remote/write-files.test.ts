import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFilesCommand, WRITE_FILES_SCRIPT } from '../../src/remote/write-files.js';

/** The script runs under this machine's sh, as it would on a host: one command, several files. */
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function scratch(): string {
  const d = mkdtempSync(join(tmpdir(), 'write-files-'));
  dirs.push(d);
  return d;
}
function run(command: { argv: string[]; stdin: string }): number {
  try {
    execFileSync(command.argv[0] ?? 'sh', command.argv.slice(1), { input: command.stdin, stdio: 'pipe' });
    return 0;
  } catch (e) {
    return (e as { status: number }).status;
  }
}

describe('writeFilesCommand', () => {
  it('is the fixed script with the values as parameters, the contents on stdin', () => {
    const c = writeFilesCommand(
      [
        { path: '/srv/x/conf/broker.conf', content: 'a=1\n' },
        { path: '/srv/x/docker-run.json', content: '[]', mode: 0o600 },
      ],
      () => 'T',
    );
    expect(c.argv).toEqual([
      'sh',
      '-c',
      WRITE_FILES_SCRIPT,
      'rocketmq-rollout-write',
      '644',
      '/srv/x/conf',
      '/srv/x/conf/broker.conf.tmp-T',
      '/srv/x/conf/broker.conf',
      '600',
      '/srv/x',
      '/srv/x/docker-run.json.tmp-T',
      '/srv/x/docker-run.json',
    ]);
    expect(c.stdin).toBe(
      `${Buffer.from('a=1\n').toString('base64')}\n${Buffer.from('[]').toString('base64')}\n`,
    );
  });

  it('refuses relative paths and an empty list', () => {
    expect(() => writeFilesCommand([{ path: 'conf/broker.conf', content: '' }])).toThrow(/absolute/);
    expect(() => writeFilesCommand([])).toThrow(/at least one/);
  });

  it('writes every byte of every file, with its mode, creating directories', () => {
    const d = scratch();
    const odd = 'ünï $(touch pwned) \'"\\ `x`\nno newline at the end';
    const code = run(
      writeFilesCommand([
        { path: join(d, 'new dir/a.conf'), content: odd },
        { path: join(d, 'empty'), content: '', mode: 0o600 },
      ]),
    );
    expect(code).toBe(0);
    expect(readFileSync(join(d, 'new dir/a.conf'), 'utf8')).toBe(odd);
    expect(readFileSync(join(d, 'empty'), 'utf8')).toBe('');
    expect(statSync(join(d, 'empty')).mode & 0o777).toBe(0o600);
    expect(existsSync(join(d, 'pwned'))).toBe(false);
    expect(readdirSync(d).sort()).toEqual(['empty', 'new dir']);
  });

  it('a failure before the renames leaves every target as it was and no temp file behind', () => {
    const d = scratch();
    writeFileSync(join(d, 'b.conf'), 'old');
    mkdirSync(join(d, 'taken'));
    const code = run(
      writeFilesCommand([
        { path: join(d, 'b.conf'), content: 'new' },
        { path: join(d, 'taken'), content: 'a directory is in the way' },
      ]),
    );
    expect(code).not.toBe(0);
    expect(readFileSync(join(d, 'b.conf'), 'utf8')).toBe('old');
    expect(readdirSync(d).sort()).toEqual(['b.conf', 'taken']);
  });
});
