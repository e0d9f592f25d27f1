import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  CLUSTER_LABEL,
  DockerClient,
  DockerError,
  dockerArgv,
  isNoSuch,
  parseContainerInspect,
  parseIdLines,
  parseImageInspect,
  parseShutdownCode,
} from '../../src/remote/docker.js';
import { MemoryHost } from '../support/memory-host.js';
import type { ExecResult } from '../../src/remote/remote.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('dockerArgv', () => {
  test.each<[string, string[], string[]]>([
    ['version', dockerArgv.version(), ['docker', 'version', '--format', '{{.Server.Version}}']],
    [
      'listByCluster',
      dockerArgv.listByCluster('docker-mq-cluster'),
      [
        'docker',
        'ps',
        '-a',
        '--no-trunc',
        '--filter',
        'label=rocketmq-rollout.cluster=docker-mq-cluster',
        '--format',
        '{{.ID}}',
      ],
    ],
    [
      'inspect',
      dockerArgv.inspect(['abc123', 'def456']),
      ['docker', 'inspect', '--type', 'container', 'abc123', 'def456'],
    ],
    [
      'imageInspect',
      dockerArgv.imageInspect('apacherocketmq/rocketmq:4.8.0-alpine'),
      ['docker', 'image', 'inspect', 'apacherocketmq/rocketmq:4.8.0-alpine'],
    ],
    [
      'pull',
      dockerArgv.pull('apacherocketmq/rocketmq:4.9.7'),
      ['docker', 'pull', 'apacherocketmq/rocketmq:4.9.7'],
    ],
    [
      'run (argv with run)',
      dockerArgv.run(['run', '-d', '--name', 'rmqnamesrv', '-p', '9876:9876', 'img:1', 'sh', 'mqnamesrv']),
      ['docker', 'run', '-d', '--name', 'rmqnamesrv', '-p', '9876:9876', 'img:1', 'sh', 'mqnamesrv'],
    ],
    [
      'run (argv without run)',
      dockerArgv.run(['-d', '--name', 'rmqnamesrv', 'img:1']),
      ['docker', 'run', '-d', '--name', 'rmqnamesrv', 'img:1'],
    ],
    ['stop', dockerArgv.stop('rmqbroker-a-master', 60), ['docker', 'stop', '-t', '60', 'rmqbroker-a-master']],
    [
      'shutdownThenStop',
      dockerArgv.shutdownThenStop('rmqbroker-a-master', 'broker', 60),
      [
        'sh',
        '-c',
        expect.stringContaining(`docker exec "$1" sh -c 'echo started; sleep 1; sh mqshutdown "$0"' "$2"`),
        'rocketmq-rollout-stop',
        'rmqbroker-a-master',
        'broker',
        '60',
      ],
    ],
    ['start', dockerArgv.start('rmqnamesrv'), ['docker', 'start', 'rmqnamesrv']],
    [
      'rename',
      dockerArgv.rename('rmqnamesrv', 'rmqnamesrv-old'),
      ['docker', 'rename', 'rmqnamesrv', 'rmqnamesrv-old'],
    ],
    ['rm', dockerArgv.rm('rmqnamesrv-old'), ['docker', 'rm', 'rmqnamesrv-old']],
    ['rm force', dockerArgv.rm('rmqnamesrv-new', { force: true }), ['docker', 'rm', '-f', 'rmqnamesrv-new']],
    [
      'kill then rm',
      dockerArgv.killThenRemove('rmqnamesrv-new'),
      [
        'sh',
        '-c',
        'docker kill "$1" >/dev/null 2>&1; exec docker rm -f "$1"',
        'rocketmq-rollout-rm',
        'rmqnamesrv-new',
      ],
    ],
    ['logs', dockerArgv.logs('rmqnamesrv', 50), ['docker', 'logs', '--tail', '50', 'rmqnamesrv']],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toEqual(expected);
  });

  test.each([
    ['a container named like a flag', () => dockerArgv.stop('-f', 10)],
    ['an empty name', () => dockerArgv.start('')],
    ['an image named like a flag', () => dockerArgv.pull('--all-tags')],
    ['a negative stop timeout', () => dockerArgv.stop('x', -1)],
    ['a clean stop of a container named like a flag', () => dockerArgv.shutdownThenStop('-x', 'broker', 10)],
    ['a fractional clean-stop timeout', () => dockerArgv.shutdownThenStop('x', 'namesrv', 0.5)],
    ['a fractional tail', () => dockerArgv.logs('x', 1.5)],
  ])('refuses %s', (_name, build) => {
    expect(build).toThrow();
  });
});

describe('parseContainerInspect', () => {
  // Captured from podman 4.3.1 on this kind of machine: `podman inspect`, and the real Docker CLI
  // talking to podman's API socket (what the lab uses), both for a running and an exited container.
  test.each(['docker-inspect.json', 'podman-inspect.json'])('reads %s', (file) => {
    const [running, exited] = parseContainerInspect(fixture(file));
    expect(running).toMatchObject({
      id: '93735908e32560afa8c2a8c3f461dae3aed917f77cb88a10a97b74eabe741a97',
      name: 'rr-cap',
      image: 'localhost/rr-tiny:1.0',
      imageId: '7b7e48487d184aab429924532ae846b4ccf9e0684a1b5c281d41af9f5952d779',
      created: '2026-11-25T11:47:56.549012976Z',
      state: { status: 'running', running: true, exitCode: 0, startedAt: '2026-11-25T11:47:56.986077946Z' },
      status: 'running',
      running: true,
      exitCode: 0,
      labels: { [CLUSTER_LABEL]: 'demo', 'rocketmq-rollout.role': 'master' },
      ports: [{ containerPort: '8080/tcp', hostIp: '127.0.0.1', hostPort: '18080' }],
      mounts: [{ source: '/srv/lab-host-a', destination: '/data', readOnly: false }],
      restartPolicy: 'always',
    });
    expect(running?.env).toContain('FOO=bar');
    expect(exited).toMatchObject({
      name: 'rr-cap-exited',
      state: { status: 'exited', running: false, exitCode: 3 },
      labels: { [CLUSTER_LABEL]: 'demo' },
    });
  });

  test('empty output and [] mean no containers; anything else unreadable throws', () => {
    expect(parseContainerInspect('')).toEqual([]);
    expect(parseContainerInspect('[]\n')).toEqual([]);
    expect(() => parseContainerInspect('Error: oops')).toThrow(/not JSON/);
    expect(() => parseContainerInspect('{}')).toThrow(/array/);
  });
});

describe('parseImageInspect', () => {
  test.each(['docker-image-inspect.json', 'podman-image-inspect.json'])('reads %s', (file) => {
    expect(parseImageInspect(fixture(file))).toEqual([
      {
        id: '7b7e48487d184aab429924532ae846b4ccf9e0684a1b5c281d41af9f5952d779',
        repoTags: ['localhost/rr-tiny:1.0'],
        created: '2026-11-25T11:47:56.269627041Z',
      },
    ]);
  });
});

test('parseIdLines and isNoSuch', () => {
  expect(parseIdLines('abc\n\n def \n')).toEqual(['abc', 'def']);
  expect(isNoSuch('Error: No such object: nosuch')).toBe(true);
  expect(isNoSuch('Error response from daemon: failed to find image x: No such image')).toBe(true);
  expect(isNoSuch('bash: docker: command not found')).toBe(false);
});

const IMAGE = 'apacherocketmq/rocketmq:4.8.0-alpine';
const runArgv = (name: string, port: number, cluster = 'demo') => [
  'run',
  '-d',
  '--name',
  name,
  '--restart',
  'always',
  '-p',
  `${port}:${port}`,
  '-e',
  'JAVA_OPT_EXT=-Xmx512m',
  '-v',
  `/srv/rmq/${name}/store:/home/rocketmq/store`,
  '--label',
  `${CLUSTER_LABEL}=${cluster}`,
  IMAGE,
  'sh',
  'mqnamesrv',
];

describe('DockerClient over the in-memory host', () => {
  test('lists only the cluster’s containers, inspected', async () => {
    const remote = new MemoryHost('A', { images: [IMAGE] });
    const docker = new DockerClient(remote);
    expect(await docker.listManaged('demo')).toEqual([]);
    const id = await docker.run(runArgv('rmqnamesrv', 9876));
    await docker.run(runArgv('other', 9877, 'another-cluster'));
    const listed = await docker.listManaged('demo');
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      id,
      name: 'rmqnamesrv',
      image: IMAGE,
      running: true,
      restartPolicy: 'always',
      ports: [{ containerPort: '9876/tcp', hostIp: '0.0.0.0', hostPort: '9876' }],
      mounts: [{ source: '/srv/rmq/rmqnamesrv/store', destination: '/home/rocketmq/store', readOnly: false }],
    });
    expect(listed[0]?.env).toEqual(['JAVA_OPT_EXT=-Xmx512m']);
  });

  test('the full operation cycle: pull, run, stop, rename, start, logs, rm', async () => {
    const remote = new MemoryHost('A', { pullable: [IMAGE] });
    const docker = new DockerClient(remote);
    expect(await docker.imageInspect(IMAGE)).toBeUndefined();
    expect(await docker.imagePresent(IMAGE)).toBe(false);
    await docker.pull(IMAGE);
    expect(await docker.imagePresent(IMAGE)).toBe(true);
    await docker.pull(IMAGE); // a moving tag is pulled again even when present
    await docker.run(runArgv('rmqnamesrv', 9876));
    await docker.stop('rmqnamesrv', 30);
    await docker.rename('rmqnamesrv', 'rmqnamesrv-old');
    expect(await docker.inspect('rmqnamesrv')).toBeUndefined();
    expect((await docker.inspect('rmqnamesrv-old'))?.running).toBe(false);
    await docker.start('rmqnamesrv-old');
    expect((await docker.inspect('rmqnamesrv-old'))?.running).toBe(true);
    const c = remote.container('rmqnamesrv-old');
    if (c) c.logs = 'one\ntwo\nthree\n';
    expect(await docker.logs('rmqnamesrv-old', 2)).toEqual({ stdout: 'two\nthree\n', stderr: '' });
    await expect(docker.rm('rmqnamesrv-old')).rejects.toThrow(/running container/);
    await docker.rm('rmqnamesrv-old', { force: true });
    expect(await docker.listManaged('demo')).toEqual([]);
    expect(remote.commands().map((a) => a.slice(0, 3).join(' '))).toEqual([
      'docker image inspect',
      'docker image inspect',
      'docker pull apacherocketmq/rocketmq:4.8.0-alpine',
      'docker image inspect',
      'docker pull apacherocketmq/rocketmq:4.8.0-alpine',
      'docker run -d',
      'docker stop -t',
      'docker rename rmqnamesrv',
      'docker inspect --type',
      'docker inspect --type',
      'docker start rmqnamesrv-old',
      'docker inspect --type',
      'docker logs --tail',
      'docker rm rmqnamesrv-old',
      'docker rm -f',
      'docker ps -a',
    ]);
  });

  test('errors carry docker’s stderr, argv and exit code', async () => {
    const remote = new MemoryHost('A', { images: [] });
    const docker = new DockerClient(remote);
    const err = await docker.run(runArgv('rmqnamesrv', 9876)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DockerError);
    const d = err as DockerError;
    expect(d.exitCode).toBe(125);
    expect(d.stderr).toMatch(/Unable to find image/);
    expect(d.argv[0]).toBe('docker');
    expect(d.message).toMatch(/^A: docker run/);
    await expect(docker.pull('nosuch/image:1')).rejects.toThrow(/pull access denied/);
    await expect(docker.stop('ghost', 10)).rejects.toThrow(/No such container/);
  });

  test('a missing docker is an error, not an absent image', async () => {
    const remote = new MemoryHost('A', {
      hooks: {
        onExec: (): ExecResult => ({
          code: 127,
          stdout: '',
          stderr: 'bash: line 1: docker: command not found',
        }),
      },
    });
    const docker = new DockerClient(remote);
    await expect(docker.imageInspect(IMAGE)).rejects.toThrow(DockerError);
    await expect(docker.inspect('x')).rejects.toThrow(/command not found/);
    await expect(docker.version()).rejects.toThrow(/exited 127/);
  });

  test('a container removed between ps and inspect is skipped, not fatal', async () => {
    const remote = new MemoryHost('A', { images: [IMAGE] });
    const docker = new DockerClient(remote);
    await docker.run(runArgv('a', 9876));
    await docker.run(runArgv('b', 9877));
    remote.hooks.onExec = (argv) => {
      if (argv[1] === 'inspect') remote.containers.delete('a');
      return undefined;
    };
    expect((await docker.listManaged('demo')).map((c) => c.name)).toEqual(['b']);
  });

  test('sudo: passed per call when the client is asked to', async () => {
    const remote = new MemoryHost('A', { images: [IMAGE] });
    await new DockerClient(remote, { sudo: true }).version();
    await new DockerClient(remote).version();
    expect(remote.executed.map((e) => e.sudo)).toEqual([true, false]);
  });

  test('timeouts: stop allows the stop timeout plus grace, pull its own deadline', async () => {
    const seen: (number | undefined)[] = [];
    const remote = new MemoryHost('A', {
      images: [IMAGE],
      pullable: [IMAGE],
      hooks: {
        onExec: (_argv, options) => {
          seen.push(options.timeoutMs);
          return undefined;
        },
      },
    });
    const docker = new DockerClient(remote, {
      stopGraceMs: 5_000,
      pullTimeoutMs: 1_000_000,
      timeoutMs: 7_000,
    });
    await docker.run(runArgv('rmqnamesrv', 9876));
    await docker.stop('rmqnamesrv', 60);
    await docker.pull(IMAGE);
    await docker.version();
    expect(seen).toEqual([300_000, 65_000, 1_000_000, 7_000]);
  });
});

describe('clean stop: mqshutdown, then docker stop', () => {
  /**
   * Runs the builder's argv with a real sh and a fake `docker` that logs each call: its `exec`
   * runs the payload in a bin directory holding a fake mqshutdown (which "ends the JVM"), its
   * `stop` returns once the JVM has ended (at most 3 s), as the real one does.
   */
  async function runScript(shutdownCode: number, stopCode: number, options: { execFails?: boolean } = {}) {
    const dir = mkdtempSync(join(tmpdir(), 'rr-stop-'));
    try {
      const log = join(dir, 'log');
      mkdirSync(join(dir, 'bin'));
      writeFileSync(
        join(dir, 'bin', 'mqshutdown'),
        `echo "mqshutdown $1" >>"${log}"\necho "Send shutdown request OK"\ntouch "${dir}/ended"\nexit ${shutdownCode}\n`,
      );
      const exec = options.execFails
        ? `echo "exec $2" >>"${log}"; echo "Error: container is not running" >&2; exit 126`
        : `echo "exec $2" >>"${log}"; shift 2; cd "${dir}/bin" && exec "$@"`;
      writeFileSync(
        join(dir, 'docker'),
        `#!/bin/sh\ncase $1 in\n  exec) ${exec};;\n  stop) echo "$*" >>"${log}"; i=0\n` +
          `    while [ ! -e "${dir}/ended" ] && [ $i -lt 30 ]; do i=$((i + 1)); sleep 0.1; done\n` +
          `    echo "stop returned" >>"${log}"; echo "$4"; exit ${stopCode};;\nesac\n`,
        { mode: 0o755 },
      );
      const [cmd, ...args] = dockerArgv.shutdownThenStop('rmq-b-0', 'broker', 30);
      const r = spawnSync(cmd!, args, {
        env: { ...process.env, PATH: `${dir}:${process.env.PATH}` },
        encoding: 'utf8',
      });
      return {
        code: r.status,
        stdout: r.stdout,
        stderr: r.stderr,
        calls: readFileSync(log, 'utf8').trim().split('\n'),
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  test('the exec begins first, the stop is issued next, and only then does mqshutdown end the JVM', async () => {
    const r = await runScript(0, 0);
    // The order that keeps `--restart always` from starting the old server again: the engine
    // knows of the stop before the JVM exits.
    expect(r.calls).toEqual(['exec rmq-b-0', 'stop -t 30 rmq-b-0', 'mqshutdown broker', 'stop returned']);
    expect(r.code).toBe(0);
    expect(parseShutdownCode(r.stdout)).toBe(0);
    // mqshutdown's words go to stderr (without the exec's "started"), docker stop's echo is dropped.
    expect(r.stdout).toBe('mqshutdown=0\n');
    expect(r.stderr).toContain('Send shutdown request OK');
    expect(r.stderr).not.toMatch(/^started$/m);
  });

  test('a failed mqshutdown still stops (the fallback) and says how it failed', async () => {
    const r = await runScript(1, 0);
    expect(r.calls).toEqual(['exec rmq-b-0', 'stop -t 30 rmq-b-0', 'mqshutdown broker', 'stop returned']);
    expect(r.code).toBe(0);
    expect(parseShutdownCode(r.stdout)).toBe(1);
  });

  test('an exec that cannot start does not hold up the stop, and its code is reported', async () => {
    const r = await runScript(0, 0, { execFails: true });
    expect(r.calls).toEqual(['exec rmq-b-0', 'stop -t 30 rmq-b-0', 'stop returned']);
    expect(r.code).toBe(0);
    expect(parseShutdownCode(r.stdout)).toBe(126);
    expect(r.stderr).toContain('container is not running');
  });

  test('a failed docker stop is the script exit code, with no mqshutdown line', async () => {
    const r = await runScript(0, 5);
    expect(r.code).toBe(5);
    expect(parseShutdownCode(r.stdout)).toBeUndefined();
  });

  test('DockerClient.shutdownThenStop: deadline, sudo, the code, and an error when the stop fails', async () => {
    const seen: { argv: readonly string[]; timeoutMs: number | undefined }[] = [];
    let answer: ExecResult = { code: 0, stdout: 'mqshutdown=1\n', stderr: 'No broker running.\n' };
    const remote = new MemoryHost('A', {
      hooks: {
        onExec: (argv, options) => {
          seen.push({ argv, timeoutMs: options.timeoutMs });
          return answer;
        },
      },
    });
    const docker = new DockerClient(remote, { sudo: true, stopGraceMs: 5_000 });
    await expect(docker.shutdownThenStop('rmq-b-0', 'broker', 60)).resolves.toEqual({
      shutdownCode: 1,
      output: 'No broker running.',
    });
    expect(seen[0]).toEqual({
      argv: dockerArgv.shutdownThenStop('rmq-b-0', 'broker', 60),
      timeoutMs: 65_000,
    });
    expect(remote.executed[0]?.sudo).toBe(true);
    answer = { code: 1, stdout: '', stderr: 'Error: No such container: rmq-b-0' };
    await expect(docker.shutdownThenStop('rmq-b-0', 'broker', 60)).rejects.toBeInstanceOf(DockerError);
  });
});
