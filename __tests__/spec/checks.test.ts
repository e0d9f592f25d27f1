import { describe, expect, it } from 'vitest';
import { addressProblem, checkSpec, dataRootProblem, isImageReference } from '../../src/spec/checks/index.js';
import { SpecSchema, type Spec, type SpecInput } from '../../src/spec/schema.js';
import { closest, didYouMean, editDistance, listWords } from '../../src/spec/suggest.js';
import { describeTopology } from '../../src/spec/topology.js';

function spec(overrides: Partial<SpecInput> = {}): Spec {
  return SpecSchema.parse({
    version: 1,
    cluster: 'c',
    images: { rocketmq: 'apache/rocketmq:4.9.7', console: 'styletang/rocketmq-console-ng:1.0.0' },
    ssh: { user: 'deploy' },
    dataRoot: '/srv/mq',
    hosts: { A: { address: '10.0.0.1' }, B: { address: '10.0.0.2' }, C: { address: '10.0.0.3' } },
    nameServers: { hosts: ['A', 'B'] },
    brokers: {
      'broker-a': { master: { host: 'A' }, slaves: [{ host: 'B', listenPort: 11911 }] },
    },
    ...overrides,
  } satisfies SpecInput);
}

const codes = (s: Spec) => checkSpec(s).map((f) => `${f.severity}:${f.code}`);

describe('CVE warnings by version', () => {
  it.each([
    ['4.8.0', ['CVE-2023-33246', 'CVE-2023-37582']],
    ['4.9.5', ['CVE-2023-33246', 'CVE-2023-37582']],
    ['4.9.6', ['CVE-2023-37582']],
    ['4.9.7', []],
    ['5.0.0', ['CVE-2023-33246', 'CVE-2023-37582']],
    ['5.1.0', ['CVE-2023-33246', 'CVE-2023-37582']],
    ['5.1.1', ['CVE-2023-37582']],
    ['5.1.2', []],
    ['5.3.3', []],
    ['4.9', []],
  ])('RocketMQ %s -> %j', (version, cves) => {
    const s = spec({ images: { rocketmq: `apache/rocketmq:${version}` } });
    const found = checkSpec(s)
      .filter((f) => f.code === 'cve')
      .map((f) => /CVE-\d+-\d+/.exec(f.message)?.[0]);
    expect(found).toEqual(cves);
  });
});

describe('addresses and paths', () => {
  it.each(['10.0.0.1', 'fd00::5', '::1', 'mq-1.example.com', 'localhost', 'mq1.'])(
    '%s is an address',
    (a) => {
      expect(addressProblem(a)).toBeUndefined();
    },
  );
  it.each([
    ['10.0.0.256', 'IPv4'],
    ['[fd00::5]', 'brackets'],
    ['fd00:::5:', 'IPv6'],
    ['mq_1.example.com', 'neither'],
    ['-mq', 'neither'],
    ['mq 1', 'neither'],
    ['$(reboot)', 'neither'],
    ['', 'neither'],
  ])('%s is not (%s)', (a, why) => {
    expect(addressProblem(a)).toContain(why);
  });

  it.each(['/srv/mq', '/home/docker/rocketmq', '/data/rocket_mq-1.0'])('%s is a safe dataRoot', (p) => {
    expect(dataRootProblem(p)).toBeUndefined();
  });
  it.each([
    ['srv/mq', 'absolute'],
    ['/srv/../etc', "'..'"],
    ['/srv/./mq', "'.'"],
    ['/srv//mq', 'normalised'],
    ['/srv/mq/', 'normalised'],
    ['/', 'not be /'],
    ['/srv/m q', 'a space'],
    ['/srv/$HOME', "'$'"],
    ['/srv/`id`', "'`'"],
    ['/etc', 'system directory'],
    ['/proc/1', 'system directory'],
  ])('%s is unsafe (%s)', (p, why) => {
    expect(dataRootProblem(p)).toContain(why);
  });
});

describe('image references', () => {
  const digest = `sha256:${'0f'.repeat(32)}`;
  it.each([
    'apacherocketmq/rocketmq:4.8.0-alpine',
    'rocketmq',
    'localhost:5000/rocketmq:1',
    'registry.example.com/team/rocketmq:5.3.3',
    'registry.example.com:443/rocketmq',
    `apache/rocketmq@${digest}`,
    `apache/rocketmq:5.3.3@${digest}`,
    'styletang/rocketmq-console-ng:1.0.0',
  ])('%s is an image reference', (image) => {
    expect(isImageReference(image)).toBe(true);
  });
  it.each([
    '',
    '--privileged',
    'ApacheRocketMQ/rocketmq:4.8.0',
    'apache/rocketmq:',
    'apache/rocketmq:4.8 0',
    'apache/rocketmq;reboot',
    'apache/rocketmq@sha256:abc',
    'apache//rocketmq',
    'apache/rocketmq:-x',
    '$(id)/rocketmq',
  ])('%s is not', (image) => {
    expect(isImageReference(image)).toBe(false);
  });
});

describe('whole-spec checks', () => {
  it('a clean three-host spec has no errors or warnings', () => {
    expect(codes(spec()).filter((c) => !c.startsWith('notice'))).toEqual([]);
  });

  it('flags a host that runs nothing as a notice', () => {
    expect(codes(spec())).toContain('notice:host-unused');
  });

  it('treats two host names with one address as one machine', () => {
    const s = spec({
      hosts: { A: { address: '10.0.0.1' }, B: { address: '10.0.0.1' } },
    });
    const found = checkSpec(s);
    expect(found.map((f) => f.code)).toEqual(expect.arrayContaining(['address-shared', 'group-same-host']));
    // The name servers on A and B collide on 9876 of the same machine.
    expect(found.find((f) => f.code === 'port-clash')?.message).toContain('port 9876');
  });

  it('counts heaps with per-group and per-instance overrides', () => {
    const s = spec({
      hosts: { A: { address: '10.0.0.1', memoryMb: 1500 }, B: { address: '10.0.0.2' } },
      heap: { nameServer: '128m', broker: '1g', console: '256m' },
      brokers: {
        'broker-a': {
          master: { host: 'A', heap: '1g' },
          slaves: [{ host: 'B', listenPort: 11911 }],
          heap: '2g',
        },
      },
    });
    const heap = checkSpec(s).find((f) => f.code === 'heap-too-big');
    expect(heap?.severity).toBe('warning');
    expect(heap?.message).toContain('take 1152 of 1500 MB (name server 128m, broker-a master 1g)');
  });

  it('suggests a free listenPort for a broker that clashes', () => {
    const s = spec({
      brokers: {
        'broker-a': { master: { host: 'A' }, slaves: [{ host: 'B', listenPort: 11911 }] },
        'broker-b': { master: { host: 'B', listenPort: 11912 }, slaves: [{ host: 'A', listenPort: 12911 }] },
      },
    });
    const clash = checkSpec(s).find((f) => f.code === 'port-clash');
    expect(clash?.path).toEqual(['brokers', 'broker-b', 'master', 'listenPort']);
    expect(clash?.hint).toContain('e.g. 12912');
  });

  it('reports a SYNC_MASTER set in brokerDefaults for every group without slave', () => {
    const s = spec({
      brokerDefaults: { brokerRole: 'SYNC_MASTER' },
      brokers: { 'broker-a': { master: { host: 'A' } }, 'broker-b': { master: { host: 'B' } } },
    });
    const sync = checkSpec(s).filter((f) => f.code === 'sync-master-without-slave');
    expect(sync.map((f) => f.path)).toEqual([
      ['brokerDefaults', 'brokerRole'],
      ['brokerDefaults', 'brokerRole'],
    ]);
    expect(sync.map((f) => f.message.slice(0, 21))).toEqual([
      'broker group broker-a',
      'broker group broker-b',
    ]);
  });

  it('keeps other store paths inside the mounted store', () => {
    const ok = spec({
      images: { rocketmq: 'apache/rocketmq:5.3.3' },
      brokerDefaults: { storePathEpochFile: '/home/rocketmq/store/epoch' },
    });
    expect(codes(ok)).not.toContain('error:store-path');
    const bad = spec({
      images: { rocketmq: 'apache/rocketmq:5.3.3' },
      brokerDefaults: { storePathEpochFile: '/tmp/epoch' },
    });
    expect(codes(bad)).toContain('error:store-path');
  });

  it('does not judge references to a host whose entry was dropped for a schema error', () => {
    const s = spec();
    const { C: _dropped, ...hosts } = s.hosts;
    const draft = { ...s, hosts, console: { host: 'C', port: 8080 } };
    expect(checkSpec(draft, { brokenHosts: new Set(['C']) }).map((f) => f.code)).not.toContain(
      'host-undefined',
    );
    expect(checkSpec(draft).map((f) => f.code)).toContain('host-undefined');
  });

  it('checks a partial draft without throwing', () => {
    expect(() => checkSpec({})).not.toThrow();
    expect(checkSpec({ brokers: {} }).map((f) => f.code)).toEqual(['no-brokers']);
  });
});

describe('topology', () => {
  const base = spec();
  it.each([
    [{ 'g-a': { master: { host: 'A' } } }, 'single-node', '1 master, no slave'],
    [
      { 'g-a': { master: { host: 'A' }, slaves: [{ host: 'B' }, { host: 'C' }] } },
      'master-slave',
      '1 master, 2 slaves, async replication',
    ],
    [
      { 'g-a': { master: { host: 'A' } }, 'g-b': { master: { host: 'B' } } },
      'multi-master',
      '2 masters, no slaves',
    ],
    [
      {
        'g-a': { master: { host: 'A' }, slaves: [{ host: 'B', listenPort: 11911 }] },
        'g-b': { master: { host: 'B' } },
      },
      'multi-master-multi-slave-async',
      '2 masters, 1 slave, async replication; no slave for g-b',
    ],
    [
      {
        'g-a': {
          master: { host: 'A' },
          slaves: [{ host: 'B', listenPort: 11911 }],
          config: { brokerRole: 'SYNC_MASTER' },
        },
        'g-b': { master: { host: 'B' }, slaves: [{ host: 'A', listenPort: 11911 }] },
      },
      'multi-master-multi-slave-async',
      '2 masters, 2 slaves, mixed replication (sync: g-a; async: g-b)',
    ],
  ] as const)('%j -> %s', (brokers, kind, summary) => {
    const t = describeTopology({ ...base, brokers: SpecSchema.shape.brokers.parse(brokers) });
    expect(t?.kind).toBe(kind);
    expect(t?.summary).toBe(summary);
    expect(t?.tradeoff.length).toBeGreaterThan(40);
  });

  it('has no topology without brokers', () => {
    expect(describeTopology({ ...base, brokers: {} })).toBeUndefined();
  });
});

describe('did you mean', () => {
  it('measures edits with transpositions', () => {
    expect(editDistance('prot', 'port')).toBe(1);
    expect(editDistance('mapedFileSizeCommitLog', 'mappedFileSizeCommitLog')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('suggests close keys, ignores case for closeness, and stays quiet for unrelated words', () => {
    expect(closest('brokerrole', ['brokerRole', 'brokerName'])).toBe('brokerRole');
    expect(closest('lisenPort', ['listenPort', 'host', 'heap', 'config'])).toBe('listenPort');
    expect(closest('b', ['A', 'B'])).toBe('B');
    expect(closest('C', ['A', 'B'])).toBeUndefined();
    expect(closest('somethingElse', ['listenPort', 'host'])).toBeUndefined();
    expect(didYouMean('adress', ['address', 'ssh'])).toBe("did you mean 'address'?");
  });

  it('lists words for messages', () => {
    expect(listWords(['a'])).toBe("'a'");
    expect(listWords(['a', 'b', 'c'])).toBe("'a', 'b' or 'c'");
  });
});
