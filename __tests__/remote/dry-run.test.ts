import { describe, expect, test } from 'vitest';
import { DockerClient } from '../../src/remote/docker.js';
import { DryRunRemote, isReadOnly } from '../../src/remote/dry-run.js';
import { MemoryRemote } from '../../src/remote/memory.js';
import { RecordingReporter } from '../../src/report/reporter.js';

const IMAGE = 'apacherocketmq/rocketmq:4.8.0-alpine';

describe('DryRunRemote', () => {
  test('prints what would run, quoted exactly as over SSH, and succeeds with empty output', async () => {
    const reporter = new RecordingReporter();
    const r = new DryRunRemote('A', reporter);
    expect(
      await r.exec(['docker', 'run', '-d', '--name', 'x', '-e', "A=it's", IMAGE], { sudo: true }),
    ).toEqual({
      code: 0,
      stdout: '',
      stderr: '',
    });
    await r.writeFile('/srv/rmq/broker.conf', 'a=1\n', 0o640);
    expect(await r.readFile('/srv/rmq/broker.conf')).toBeUndefined();
    expect(reporter.lines).toEqual([
      {
        level: 'info',
        message: `would run: sudo -n docker run -d --name x -e 'A=it'\\''s' ${IMAGE}`,
        code: 'dry-run.exec',
        host: 'A',
      },
      expect.objectContaining({
        code: 'dry-run.write',
        host: 'A',
        message: expect.stringMatching(
          /^would write \/srv\/rmq\/broker.conf \(4 bytes, mode 640, sha256 [0-9a-f]{12}\)$/,
        ),
      }),
    ]);
    expect(r.wouldRun).toHaveLength(2);
  });

  test('observes through a real Remote: reads pass, changes are only printed', async () => {
    const host = new MemoryRemote('A', { images: [IMAGE], files: { '/srv/state.json': '{"rev":1}' } });
    await host.exec([
      'docker',
      'run',
      '-d',
      '--name',
      'rmqnamesrv',
      '--label',
      'rocketmq-rollout.cluster=demo',
      IMAGE,
    ]);
    const before = host.executed.length;
    const reporter = new RecordingReporter();
    const dry = new DryRunRemote('A', reporter, { observe: host });
    const docker = new DockerClient(dry);
    expect((await docker.listManaged('demo')).map((c) => c.name)).toEqual(['rmqnamesrv']);
    expect(await docker.imagePresent(IMAGE)).toBe(true);
    expect(await dry.readFile('/srv/state.json')).toBe('{"rev":1}');
    await docker.stop('rmqnamesrv', 60);
    await docker.rm('rmqnamesrv', { force: true });
    await dry.writeFile('/srv/state.json', '{"rev":2}');
    // Nothing changed on the host; only the reads reached it.
    expect(host.container('rmqnamesrv')?.status).toBe('running');
    expect(await host.readFile('/srv/state.json')).toBe('{"rev":1}');
    expect(host.executed.slice(before).map((e) => e.argv.slice(0, 3).join(' '))).toEqual([
      'docker ps -a',
      'docker inspect --type',
      'docker image inspect',
    ]);
    expect(dry.wouldRun).toEqual([
      'docker stop -t 60 rmqnamesrv',
      'docker rm -f rmqnamesrv',
      expect.stringMatching(/^write \/srv\/state.json/),
    ]);
  });

  test.each<[string[], boolean]>([
    [['docker', 'ps', '-a'], true],
    [['docker', 'inspect', 'x'], true],
    [['docker', 'image', 'inspect', 'x'], true],
    [['docker', 'logs', 'x'], true],
    [['docker', 'version'], true],
    [['cat', '/x'], true],
    [['docker', 'image', 'rm', 'x'], false],
    [['docker', 'run', 'x'], false],
    [['docker', 'pull', 'x'], false],
    [['mkdir', '-p', '/x'], false],
    [['sh', '-c', 'cat /x'], false],
  ])('isReadOnly(%j) = %s', (argv, expected) => {
    expect(isReadOnly(argv)).toBe(expected);
  });
});
