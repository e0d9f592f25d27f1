import { describe, expect, test } from 'vitest';
import { CLUSTER_LABEL, DockerClient, parseContainerInspect } from '../../src/remote/docker.js';
import { MemoryRemote, normalizeImage } from '../../src/remote/memory.js';
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

describe('MemoryRemote file system', () => {
  test('writeFile/readFile, mode, parents, missing file', async () => {
    const r = new MemoryRemote('A', { files: { '/etc/hostname': 'a\n' } });
    expect(await r.readFile('/etc/hostname')).toBe('a\n');
    expect(await r.readFile('/nope')).toBeUndefined();
    await r.writeFile('/srv/rmq/conf/broker.conf', 'x=1\n', 0o600);
    expect(r.files.get('/srv/rmq/conf/broker.conf')).toEqual({ content: 'x=1\n', mode: 0o600 });
    expect(r.dirs.has('/srv/rmq/conf')).toBe(true);
    expect(r.dirs.has('/srv')).toBe(true);
  });

  test('mkdir -p, cat, mv, rm, test', async () => {
    const r = new MemoryRemote('A');
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
    const r = new MemoryRemote('A');
    expect((await r.exec(['df', '-k', '/srv'])).code).toBe(127);
    r.hooks.onExec = (argv) => (argv[0] === 'df' ? { code: 0, stdout: 'free 100\n', stderr: '' } : undefined);
    expect((await r.exec(['df', '-k', '/srv'])).stdout).toBe('free 100\n');
  });

  test('records every argv with sudo and stdin; closed means closed', async () => {
    const r = new MemoryRemote('A');
    await r.exec(['docker', 'version'], { sudo: true });
    await r.exec(['cat'], { stdin: 'in' });
    expect(r.executed).toEqual([
      { argv: ['docker', 'version'], sudo: true },
      { argv: ['cat'], sudo: false, stdin: 'in' },
    ]);
    await r.close();
    await expect(r.exec(['true'])).rejects.toBeInstanceOf(RemoteError);
  });
});

describe('MemoryRemote docker engine', () => {
  test('normalizes image references the way docker does', () => {
    expect(normalizeImage('busybox')).toBe('docker.io/library/busybox:latest');
    expect(normalizeImage(IMAGE)).toBe(`docker.io/${IMAGE}`);
    expect(normalizeImage(`docker.io/${IMAGE}`)).toBe(`docker.io/${IMAGE}`);
    expect(normalizeImage('localhost:5000/x')).toBe('localhost:5000/x:latest');
  });

  test('run records name, labels, ports, env, volumes and command; inspect shows them docker-shaped', async () => {
    const r = new MemoryRemote('A', {
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
    const r = new MemoryRemote('A', { images: [IMAGE] });
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
    const r = new MemoryRemote('A', { pullable: [IMAGE] });
    expect((await r.exec(['docker', 'image', 'inspect', IMAGE])).code).toBe(1);
    expect((await r.exec(['docker', 'pull', 'other:1'])).code).toBe(1);
    expect((await r.exec(['docker', 'pull', IMAGE])).code).toBe(0);
    expect((await r.exec(['docker', 'image', 'inspect', IMAGE])).code).toBe(0);
  });

  test('hooks: onRun fails a run, exitAfterStart crashes a container right after start, logs', async () => {
    const r = new MemoryRemote('A', {
      images: [IMAGE],
      hooks: {
        onRun: (name) => (name === 'bad' ? 125 : undefined),
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

  test('ps filters by label and running state, inspect by id prefix, rename conflicts', async () => {
    const r = new MemoryRemote('A', { images: [IMAGE] });
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
