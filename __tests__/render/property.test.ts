import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { allContainers, renderCluster } from '../../src/render/render.js';
import { validateSpecText } from '../../src/spec/validate.js';

/**
 * Any spec that validates renders only values that are safe as argv items and file paths inside
 * its dataRoot, and renders the same bytes every time. The generator mixes plausible and hostile
 * names, addresses, paths and broker.conf values; validation decides which specs go on.
 */
const hostile = fc.constantFrom(
  'a b',
  'x;rm -rf /',
  '$(id)',
  '`id`',
  "it's",
  '../etc',
  'a\nb',
  '-rf',
  '*',
  '',
);
const rare = <T>(plain: fc.Arbitrary<T>, odd: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: plain, weight: 12 }, { arbitrary: odd, weight: 1 });
const name = rare(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/), hostile);
const address = rare(fc.oneof(fc.ipV4(), fc.domain()), hostile);
const dataRoot = rare(
  fc.oneof(
    fc.constantFrom('/srv/rocketmq', '/home/docker/rocketmq', '/data/mq'),
    fc.stringMatching(/^\/[a-z]{1,8}(\/[a-z0-9._-]{1,8}){0,2}$/),
  ),
  hostile.map((h) => `/srv/${h}`),
);
const confValue = rare<string | number | boolean>(
  fc.oneof(fc.integer({ min: 1, max: 100000 }), fc.boolean(), fc.constantFrom('ASYNC_FLUSH', '04')),
  fc.constantFrom('true ', ' 04', '1s 5s', 'x;y', 'a\nb', -5),
);
const confKey = rare(
  fc.constantFrom(
    'fileReservedTime',
    'flushDiskType',
    'deleteWhen',
    'autoCreateTopicEnable',
    'sendMessageThreadPoolNums',
  ),
  fc.constantFrom('brokerIP1', 'storePathRootDir'),
);

const specArb = fc
  .record({
    cluster: name,
    dataRoot,
    hostNames: fc.uniqueArray(name, { minLength: 1, maxLength: 4 }),
    addresses: fc.array(address, { minLength: 4, maxLength: 4 }),
    groups: fc.uniqueArray(name, { minLength: 1, maxLength: 3 }),
    ports: fc.array(rare(fc.integer({ min: 1024, max: 60000 }), fc.integer({ min: 1, max: 65535 })), {
      minLength: 6,
      maxLength: 6,
    }),
    config: fc.dictionary(confKey, confValue, { maxKeys: 3 }),
    image: rare(
      fc.constantFrom(
        'apacherocketmq/rocketmq:4.8.0-alpine',
        'apacherocketmq/rocketmq:4.9.7',
        'apacherocketmq/rocketmq',
      ),
      fc.constant('bad image'),
    ),
  })
  .map((r) => {
    const hosts = Object.fromEntries(r.hostNames.map((h, i) => [h, { address: r.addresses[i % 4] }]));
    const h = (i: number) => r.hostNames[i % r.hostNames.length];
    return {
      version: 1,
      cluster: r.cluster,
      images: { rocketmq: r.image, console: 'styletang/rocketmq-console-ng:1.0.0' },
      ssh: { user: 'deploy' },
      dataRoot: r.dataRoot,
      hosts,
      nameServers: { hosts: [h(0)] },
      brokerDefaults: r.config,
      brokers: Object.fromEntries(
        r.groups.map((g, i) => [
          g,
          {
            master: { host: h(i), listenPort: r.ports[i] },
            slaves: [{ host: h(i + 1), listenPort: r.ports[i + 3] }],
          },
        ]),
      ),
      console: { host: h(0) },
    };
  });

describe('render properties', () => {
  it('renders only safe argv items and paths inside dataRoot, byte-identically', () => {
    let valid = 0;
    fc.assert(
      fc.property(specArb, (input) => {
        const text = stringify(input);
        const v = validateSpecText(text, 'p.yml');
        if (!v.spec) return;
        valid += 1;
        const a = renderCluster(v.spec, 'r1');
        expect(JSON.stringify(renderCluster(v.spec, 'r1'))).toBe(JSON.stringify(a));
        for (const c of allContainers(a)) {
          const root = a.hosts.find((x) => x.name === c.host)?.dataRoot ?? '';
          for (const arg of c.runArgs) {
            expect(arg).not.toMatch(/[\0\n\r]/);
            expect(arg).toBe(arg.trim());
          }
          // Options come only from us: no spec value can become a new flag before the image.
          const options = c.runArgs.slice(0, c.runArgs.indexOf(c.image));
          for (const o of options.filter(
            (x, i) =>
              x.startsWith('-') &&
              !/^(-p|-e|-v|--name|--restart|--stop-timeout|--label)$/.test(options[i - 1] ?? ''),
          )) {
            expect(o).toMatch(/^(-d|-p|-e|-v|--name|--restart|--stop-timeout|--label)$/);
          }
          expect(c.image.startsWith('-')).toBe(false);
          for (const p of [c.dir, ...c.dirs.map((d) => d.path), ...c.files.map((f) => f.path)]) {
            expect(p.startsWith(`${root}/`)).toBe(true);
            expect(p.split('/')).not.toContain('..');
            expect(p).toMatch(/^[A-Za-z0-9._/-]+$/);
          }
          for (const f of c.files) expect(f.content).not.toMatch(/=[^\n]*[ \t]\n/);
        }
      }),
      { numRuns: 400 },
    );
    // The generator must reach the renderer often enough for the property to mean something.
    expect(valid).toBeGreaterThan(20);
  });
});
