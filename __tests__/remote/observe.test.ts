import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DockerClient } from '../../src/remote/docker.js';
import { MemoryHost } from '../support/memory-host.js';
import {
  OBSERVE_READ_FAILED,
  OBSERVE_SCRIPT,
  OBSERVE_UNSUPPORTED,
  ObserveFormatError,
  READ_FILES_SCRIPT,
  formatObservation,
  formatReadFiles,
  observeArgv,
  parseObservation,
  parseReadFiles,
} from '../../src/remote/observe.js';
import { readFiles } from '../../src/remote/remote.js';

const run = promisify(execFile);

describe('observe argv', () => {
  it.each([
    [
      'no sudo',
      observeArgv.observe('label=rocketmq-rollout.cluster=c', ['/d/a.conf', '/d/b json']),
      [
        'sh',
        '-c',
        OBSERVE_SCRIPT,
        'rocketmq-rollout-observe',
        '0',
        'label=rocketmq-rollout.cluster=c',
        '/d/a.conf',
        '/d/b json',
      ],
    ],
    [
      'sudo',
      observeArgv.observe('label=x=y', [], { sudo: true }),
      ['sh', '-c', OBSERVE_SCRIPT, 'rocketmq-rollout-observe', '1', 'label=x=y'],
    ],
    [
      'files only',
      observeArgv.readFiles(['/a', '/b']),
      ['sh', '-c', READ_FILES_SCRIPT, 'rocketmq-rollout-read', '/a', '/b'],
    ],
  ])('%s', (_name, argv, expected) => {
    expect(argv).toEqual(expected);
  });

  it('refuses a relative path (it could read as an option)', () => {
    expect(() => observeArgv.observe('label=a=b', ['-rf'])).toThrow(/must be absolute/);
    expect(() => observeArgv.readFiles(['etc/x'])).toThrow(/must be absolute/);
  });
});

describe('observe output', () => {
  const paths = ['/a', '/b', '/c', '/d'];
  const files = { '/a': 'x=1\n', '/b': undefined, '/c': '', '/d': 'no newline ünïcode'.repeat(20) };

  it.each([
    ['containers and files', { code: 0, stdout: '[{"Id":"1"}]\n' }],
    ['no container', { code: 0, stdout: '' }],
    ['one removed between ps and inspect', { code: 1, stdout: '[]\n' }],
  ])('round-trips: %s', (_name, inspect) => {
    const text = formatObservation({ inspect, files }, paths);
    expect(parseObservation(text, paths)).toEqual({ inspect, files });
    expect(parseReadFiles(formatReadFiles(files, paths), paths)).toEqual(files);
  });

  it.each([
    ['empty output', '', /ends before the inspect section/],
    ['no inspect header', 'hello\n', /missing the inspect section/],
    ['truncated body', 'inspect 0\nW10K\n', /ends before docker inspect/],
    ['bad base64', 'inspect 0\n{not}\n.\n', /not base64 in docker inspect/],
    ['missing file frame', 'inspect 0\n.\n+\nYQ==\n.\n', /ends before \/b/],
    ['bad file mark', 'inspect 0\n.\n?\n-\n', /expected \+ or - for \/a/],
    ['trailing garbage', 'inspect 0\n.\n-\n-\nextra\n', /unexpected output after the last file/],
  ])('refuses %s', (_name, text, message) => {
    expect(() => parseObservation(text, ['/a', '/b'])).toThrow(ObserveFormatError);
    expect(() => parseObservation(text, ['/a', '/b'])).toThrow(message);
  });
});

describe('the scripts under a real sh', () => {
  let dir: string;
  let bin: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'observe-'));
    bin = join(dir, 'bin');
    await mkdir(bin);
    // A docker that answers ps with two ids and inspect with what it was asked, exit 1 as for a
    // container removed in between (stderr says so); every call is logged.
    await writeFile(
      join(bin, 'docker'),
      [
        '#!/bin/sh',
        `echo "$*" >> "${dir}/calls"`,
        'case "$1" in',
        '  ps) printf "aaa111\\nbbb222\\n";;',
        '  inspect) shift 3; printf "[\\n  {\\"Id\\": \\"%s\\"}\\n]\\n" "$*"; echo "Error: No such container: bbb222" >&2; exit 1;;',
        'esac',
      ].join('\n'),
    );
    await chmod(join(bin, 'docker'), 0o755);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const sh = (argv: string[], path: string) =>
    run('/bin/sh', argv.slice(1), { env: { PATH: path }, encoding: 'utf8' }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({
        code: e.code,
        stdout: e.stdout,
        stderr: e.stderr,
      }),
    );

  it('prints inspect and every file byte for byte, in one command', async () => {
    const texts = { a: 'k=v\n\n\n', c: '', d: 'brokerName=ä\r\nno newline at the end' };
    for (const [name, text] of Object.entries(texts)) await writeFile(join(dir, name), text);
    const paths = ['a', 'b', 'c', 'd'].map((n) => join(dir, n));
    const r = await sh(
      observeArgv.observe('label=rocketmq-rollout.cluster=c', paths),
      `${bin}:/usr/bin:/bin`,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/No such container: bbb222/);
    const o = parseObservation(r.stdout, paths);
    expect(o.inspect).toEqual({ code: 1, stdout: '[\n  {"Id": "aaa111 bbb222"}\n]\n' });
    expect(o.files).toEqual({
      [paths[0]!]: texts.a,
      [paths[1]!]: undefined,
      [paths[2]!]: '',
      [paths[3]!]: texts.d,
    });
    const calls = await run('cat', [join(dir, 'calls')]);
    expect(calls.stdout).toBe(
      'ps -a --no-trunc --filter label=rocketmq-rollout.cluster=c --format {{.ID}}\ninspect --type container aaa111 bbb222\n',
    );
    const only = await sh(observeArgv.readFiles(paths), '/usr/bin:/bin');
    expect(parseReadFiles(only.stdout, paths)).toEqual(o.files);
  });

  it('fails with its own status on an unreadable file and when base64 is missing', async () => {
    await mkdir(join(dir, 'adir'));
    const r = await sh(observeArgv.readFiles([join(dir, 'adir')]), '/usr/bin:/bin');
    expect(r.code).toBe(OBSERVE_READ_FAILED);
    const none = await sh(observeArgv.observe('label=a=b', [join(dir, 'x')]), bin);
    expect(none.code).toBe(OBSERVE_UNSUPPORTED);
    expect(none.stderr).toMatch(/base64 not found/);
  });
});

describe('over the in-memory host', () => {
  it('DockerClient.observe sees what listManaged and readFile see, in one command', async () => {
    const remote = new MemoryHost('A', { images: ['img:1'], files: { '/d/x.conf': 'a=1\n' } });
    const docker = new DockerClient(remote);
    await docker.run(['-d', '--name', 'one', '--label', 'rocketmq-rollout.cluster=c', 'img:1']);
    await docker.run(['-d', '--name', 'other', '--label', 'rocketmq-rollout.cluster=z', 'img:1']);
    const before = remote.executed.length;
    const o = await docker.observe('c', ['/d/x.conf', '/d/gone']);
    expect(remote.executed.length - before).toBe(1);
    expect(o).toEqual({
      containers: await docker.listManaged('c'),
      files: { '/d/x.conf': 'a=1\n', '/d/gone': undefined },
    });
    expect(o?.containers.map((c) => c.name)).toEqual(['one']);
    expect(await readFiles(remote, ['/d/x.conf'])).toEqual({ '/d/x.conf': 'a=1\n' });
  });
});
