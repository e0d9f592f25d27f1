import { describe, expect, test } from 'vitest';
import { CLUSTER_LABEL, DockerClient, parseContainerInspect } from '../../src/remote/docker.js';
import { dockerArgv } from '../../src/remote/docker.js';
import { hostArgv } from '../../src/remote/host-commands.js';
import { normalizeImage } from '../../src/rocketmq/image.js';
import { MemoryHost, MemoryLab, callLine } from './memory-host.js';
import { RemoteError } from '../../src/remote/remote.js';

const IMAGE = 'apacherocketmq/rocketmq:4.8.0-alpine';
const label = `${CLUSTER_LABEL}=demo`;

function runArgs(name: string, ...extra: string[]): string[] {
  return [
    'docker',
    'run',
    '-d',
    '--name',
    name,
    '--label',
    label,
    ...extra,
    IMAGE,
    'sh',
    'mqbroker',
    '-c',
    '/conf/broker.conf',
  ];
}

describe('MemoryHost file system', () => {
  test('writeFile/readFile, mode, parents, missing file', async () => {
    const r = new MemoryHost('A', { files: { '/etc/hostname': 'a\n' } });
    expect(await r.readFile('/etc/hostname')).toBe('a\n');
    expect(await r.readFile('/nope')).toBeUndefined();
    await r.writeFile('/srv/rmq/conf/broker.conf', 'x=1\n', 0o600);
    expect(r.files.get('/srv/rmq/conf/broker.conf')).toEqual({ content: 'x=1\n', mode: 0o600 });
    expect(r.dirs.has('/srv/rmq/conf')).toBe(true);
    expect(r.dirs.has('/srv')).toBe(true);
  });

  test('mkdir -p, cat, mv, rm, test', async () => {
    const r = new MemoryHost('A');
    expect((await r.exec(['mkdir', '/a/b'])).code).toBe(1);
    expect((await r.exec(['mkdir', '-p', '/a/b'])).code).toBe(0);
    expect((await r.exec(['test', '-d', '/a/b'])).code).toBe(0);
    await r.writeFile('/a/b/f', 'hello');
    expect(await r.exec(['cat', '/a/b/f'])).toEqual({ code: 0, stdout: 'hello', stderr: '' });
    expect((await r.exec(['cat', '/a/b/g'])).code).toBe(1);
    expect((await r.exec(['mv', '-f', '--', '/a/b/f', '/a/c/g'])).code).toBe(0);
    expect(await r.readFile('/a/b/f')).toBeUndefined();
    expect(await r.readFile('/a/c/g')).toBe('hello');
    expect((await r.exec(['test', '-f', '/a/c/g'])).code).toBe(0);
    expect((await r.exec(['rm', '/a/c/g'])).code).toBe(0);
    expect((await r.exec(['rm', '/a/c/g'])).code).toBe(1);
    expect((await r.exec(['rm', '-f', '/a/c/g'])).code).toBe(0);
    expect((await r.exec(['rm', '-rf', '/a'])).code).toBe(0);
    expect((await r.exec(['test', '-e', '/a/b'])).code).toBe(1);
  });

  test('unknown commands fail like a shell would, and hooks.onExec can answer them', async () => {
    const r = new MemoryHost('A');
    expect((await r.exec(['ip', 'addr'])).code).toBe(127);
    r.hooks.onExec = (argv) => (argv[0] === 'ip' ? { code: 0, stdout: 'lo\n', stderr: '' } : undefined);
    expect((await r.exec(['ip', 'addr'])).stdout).toBe('lo\n');
  });

  test('the host commands of the engine: exclusive mkdir, directory moves, df, the journal append', async () => {
    const r = new MemoryHost('A', { freeKb: 2048 });
    expect((await r.exec(hostArgv.mkdirs(['/s/state']))).code).toBe(0);
    expect((await r.exec(hostArgv.mkdirExclusive('/s/state/lock'))).code).toBe(0);
    const again = await r.exec(hostArgv.mkdirExclusive('/s/state/lock'));
    expect(again).toMatchObject({ code: 1, stderr: expect.stringMatching(/File exists/) });
    r.putFile('/s/state/lock/owner.json', '{}');
    expect((await r.exec(hostArgv.move('/s/state/lock', '/s/state/lock.dead'))).code).toBe(0);
    expect(r.file('/s/state/lock.dead/owner.json')).toBe('{}');
    expect(r.dirs.has('/s/state/lock')).toBe(false);
    expect((await r.exec(hostArgv.move('/s/state/lock', '/s/x'))).code).toBe(1);
    expect((await r.exec(hostArgv.diskFree('/s'))).stdout).toMatch(/ 2048 1% \/s\n$/);
    await r.exec(hostArgv.appendLine('/s/state/journal.jsonl', '{"a":1}'));
    await r.exec(hostArgv.appendLine('/s/state/journal.jsonl', '{"a":2}'));
    expect(r.file('/s/state/journal.jsonl')).toBe('{"a":1}\n{"a":2}\n');
    expect((await r.exec(hostArgv.appendLine('/nowhere/j', 'x'))).code).not.toBe(0);
    expect((await r.exec(hostArgv.removeFiles(['/s/state/journal.jsonl']))).code).toBe(0);
    expect(await r.readFile('/s/state/journal.jsonl')).toBeUndefined();
  });

  test('one lab: calls of every host in order, readable lines, a kill and outages', async () => {
    const lab = new MemoryLab();
    const a = new MemoryHost('A', { lab });
    const b = new MemoryHost('B', { lab });
    await a.exec(hostArgv.mkdirs(['/s']));
    await b.writeFile('/s/f', 'x');
    expect(lab.lines()).toEqual([
      'A: mkdir -p /s',
      expect.stringMatching(/^B: sh -c <write-file> sh \/s \/s\/f\.tmp-\S+ 644 \/s\/f$/),
    ]);
    expect(callLine({ host: 'A', argv: dockerArgv.shutdownThenStop('x', 'broker', 5), sudo: true })).toBe(
      'A: sudo sh -c <shutdown-then-stop> rocketmq-rollout-stop x broker 5',
    );
    lab.dropOnce.add('A');
    await expect(a.exec(['true'])).rejects.toMatchObject({ code: 'connect' });
    expect((await a.exec(['true'])).code).toBe(0);
    lab.killAt = /"kill"/;
    await a.exec(hostArgv.appendLine('/s/j', '{"kill":1}'));
    await expect(b.exec(['true'])).rejects.toThrow(/killed/);
  });

  test('records every argv with sudo and stdin; closed means closed', async () => {
    const r = new MemoryHost('A');
    await r.exec(['docker', 'version'], { sudo: true });
    await r.exec(['cat'], { stdin: 'in' });
    expect(r.executed).toEqual([
      { host: 'A', argv: ['docker', 'version'], sudo: true },
      { host: 'A', argv: ['cat'], sudo: false, stdin: 'in' },
    ]);
    await r.close();
    await expect(r.exec(['true'])).rejects.toBeInstanceOf(RemoteError);
  });
});

describe('MemoryHost docker engine', () => {
  test('normalizes image references the way docker does', () => {
    expect(normalizeImage('busybox')).toBe('docker.io/library/busybox:latest');
    expect(normalizeImage(IMAGE)).toBe(`docker.io/${IMAGE}`);
    expect(normalizeImage(`docker.io/${IMAGE}`)).toBe(`docker.io/${IMAGE}`);
    expect(normalizeImage('localhost:5000/x')).toBe('localhost:5000/x:latest');
  });

  test('run records name, labels, ports, env, volumes and command; inspect shows them docker-shaped', async () => {
    const r = new MemoryHost('A', {
      images: [`docker.io/${IMAGE}`],
      now: () => new Date('2026-11-25T12:00:00Z'),
    });
    const out = await r.exec(
      runArgs(
        'rmqbroker-a',
        '-p',
        '10.0.0.5:10911:10911',
        '--publish=10909:10909',
        '-e',
        'A=1',
        '-v',
        '/h:/c:ro',
        '--restart',
        'always',
      ),
    );
    expect(out.code).toBe(0);
    const [info] = parseContainerInspect((await r.exec(['docker', 'inspect', 'rmqbroker-a'])).stdout);
    expect(info).toMatchObject({
      name: 'rmqbroker-a',
      image: IMAGE,
      running: true,
      created: '2026-11-25T12:00:00.000Z',
      labels: { [CLUSTER_LABEL]: 'demo' },
      env: ['A=1'],
      ports: [
        { containerPort: '10911/tcp', hostIp: '10.0.0.5', hostPort: '10911' },
        { containerPort: '10909/tcp', hostIp: '0.0.0.0', hostPort: '10909' },
      ],
      mounts: [{ source: '/h', destination: '/c', readOnly: true }],
      restartPolicy: 'always',
    });
    expect(info?.id).toBe(out.stdout.trim());
    expect(r.container('rmqbroker-a')?.command).toEqual(['sh', 'mqbroker', '-c', '/conf/broker.conf']);
  });

  test('run fails with 125 on a name clash, a missing image, an unknown flag, and a taken port', async () => {
    const r = new MemoryHost('A', { images: [IMAGE] });
    expect((await r.exec(runArgs('a', '-p', '9876:9876'))).code).toBe(0);
    const clash = await r.exec(runArgs('a'));
    expect(clash.code).toBe(125);
    expect(clash.stderr).toMatch(/already in use/);
    expect((await r.exec(['docker', 'run', '-d', '--name', 'b', 'nosuch:1'])).code).toBe(125);
    expect((await r.exec(['docker', 'run', '--bogus', 'x', IMAGE])).code).toBe(125);
    const port = await r.exec(runArgs('c', '-p', '9876:9876'));
    expect(port.code).toBe(125);
    expect(port.stderr).toMatch(/port is already allocated/);
    // Like docker, the container exists (created) but is not running; once the port frees it starts.
    expect(r.container('c')?.status).toBe('created');
    await r.exec(['docker', 'stop', '-t', '10', 'a']);
    expect((await r.exec(['docker', 'start', 'c'])).code).toBe(0);
    expect(r.container('c')?.status).toBe('running');
  });

  test('pull fetches only configured images', async () => {
    const r = new MemoryHost('A', { pullable: [IMAGE] });
    expect((await r.exec(['docker', 'image', 'inspect', IMAGE])).code).toBe(1);
    expect((await r.exec(['docker', 'pull', 'other:1'])).code).toBe(1);
    expect((await r.exec(['docker', 'pull', IMAGE])).code).toBe(0);
    expect((await r.exec(['docker', 'image', 'inspect', IMAGE])).code).toBe(0);
  });

  test('hooks: onRun fails a run, exitAfterStart crashes a container right after start, logs', async () => {
    const r = new MemoryHost('A', {
      images: [IMAGE],
      hooks: {
        onRun: (name) => (name === 'bad' ? { code: 125, stdout: '', stderr: 'injected\n' } : undefined),
        exitAfterStart: (name) => (name === 'crashy' ? 253 : undefined),
        logs: (name) => (name === 'crashy' ? 'l1\nl2\nl3\n' : undefined),
      },
    });
    expect((await r.exec(runArgs('bad'))).code).toBe(125);
    expect(r.container('bad')).toBeUndefined();
    // docker run -d succeeds: the crash is only visible afterwards, as on a real host.
    expect((await r.exec(runArgs('crashy'))).code).toBe(0);
    const docker = new DockerClient(r);
    expect(await docker.inspect('crashy')).toMatchObject({ running: false, status: 'exited', exitCode: 253 });
    expect((await docker.logs('crashy', 2)).stdout).toBe('l2\nl3\n');
  });

  test('stops as the RocketMQ image does: SIGKILL for a server without mqshutdown, 143 with it', async () => {
    const r = new MemoryHost('A', { images: [IMAGE], hooks: { noShutdown: (n) => n === 'quiet' } });
    const kind = (k: string) => ['--label', `rocketmq-rollout.kind=${k}`];
    for (const [name, k] of [
      ['plain', 'master'],
      ['clean', 'master'],
      ['quiet', 'slave'],
      ['ui', 'console'],
    ] as const)
      await r.exec(runArgs(name, ...kind(k)));
    await r.exec(dockerArgv.stop('plain', 10));
    const clean = await r.exec(dockerArgv.shutdownThenStop('clean', 'broker', 10));
    const quiet = await r.exec(dockerArgv.shutdownThenStop('quiet', 'broker', 10));
    await r.exec(dockerArgv.stop('ui', 10));
    expect(clean).toEqual({ code: 0, stdout: 'mqshutdown=0\n', stderr: '' });
    expect(quiet).toEqual({ code: 0, stdout: 'mqshutdown=1\n', stderr: 'No broker running.\n' });
    expect(['plain', 'clean', 'quiet', 'ui'].map((n) => r.container(n)?.exitCode)).toEqual([
      137, 143, 137, 143,
    ]);
    const gone = await r.exec(dockerArgv.shutdownThenStop('ghost', 'broker', 10));
    expect(gone.code).not.toBe(0);
  });

  test('ps filters by label and running state, inspect by id prefix, rename conflicts', async () => {
    const r = new MemoryHost('A', { images: [IMAGE] });
    await r.exec(runArgs('a'));
    await r.exec(['docker', 'run', '-d', '--name', 'other', '--label', `${CLUSTER_LABEL}=else`, IMAGE]);
    await r.exec(['docker', 'stop', 'a']);
    const all = await r.exec(['docker', 'ps', '-a', '--filter', `label=${label}`, '--format', '{{.ID}}']);
    const id = r.container('a')?.id ?? '';
    expect(all.stdout).toBe(`${id.slice(0, 12)}\n`);
    const running = await r.exec(['docker', 'ps', '--filter', `label=${label}`, '--format', '{{.ID}}']);
    expect(running.stdout).toBe('');
    expect(
      parseContainerInspect((await r.exec(['docker', 'inspect', id.slice(0, 12)])).stdout)[0]?.name,
    ).toBe('a');
    expect((await r.exec(['docker', 'rename', 'a', 'other'])).code).toBe(1);
    const missing = await r.exec(['docker', 'inspect', 'a', 'ghost']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No such object: ghost/);
    expect(parseContainerInspect(missing.stdout)).toHaveLength(1);
    expect(r.clusterContainers('demo').map((c) => c.name)).toEqual(['a']);
  });
});
