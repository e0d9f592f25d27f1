import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allContainers, renderCluster, renderProxyConfig } from '../../src/render/render.js';
import { formatFinding, type Finding } from '../../src/spec/findings.js';
import { validateSpecText, type ValidationResult } from '../../src/spec/validate.js';

/** The classic sketch on 5.3.3 with a proxy section appended (line 26 on). */
const SKETCH = readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'design-sketch.yml'), 'utf8');
const ON_533 = SKETCH.replace('apacherocketmq/rocketmq:4.8.0-alpine', 'apache/rocketmq:5.3.3');
const withProxy = (text: string, proxy: string): string => `${text.trimEnd()}\n${proxy}\n`;
const proxyLine = ON_533.trimEnd().split('\n').length + 1;

const errors = (r: ValidationResult): Finding[] => r.findings.filter((f) => f.severity === 'error');
const shown = (r: ValidationResult): string => r.findings.map(formatFinding).join('\n');

describe('spec: proxy', () => {
  it('defaults: remoting 8082 and gRPC 8081 (the console keeps 8080), heap 256m, no error', () => {
    const r = validateSpecText(withProxy(ON_533, 'proxy: { hosts: [A, B] }'), 'c.yml');
    expect(errors(r), shown(r)).toEqual([]);
    expect(r.spec?.proxy).toEqual({ hosts: ['A', 'B'], remotingPort: 8082, grpcPort: 8081, heap: '256m' });
  });

  it('is an error on a 4.x image, at the proxy key', () => {
    const r = validateSpecText(withProxy(SKETCH, 'proxy: { hosts: [A] }'), 'c.yml');
    const e = errors(r).find((f) => f.code === 'proxy-version');
    expect(e, shown(r)).toMatchObject({ line: proxyLine, column: 1 });
    expect(e?.message).toContain('RocketMQ 4.8.0');
    expect(e?.hint).toContain('apache/rocketmq:5.3.3');
  });

  it('a remoting port on the console port clashes on its host, with where and how to fix', () => {
    const r = validateSpecText(withProxy(ON_533, 'proxy:\n  hosts: [A, B]\n  remotingPort: 8080'), 'c.yml');
    const clash = errors(r).filter((f) => f.code === 'port-clash');
    expect(clash, shown(r)).toHaveLength(1);
    expect(clash[0]).toMatchObject({ line: proxyLine + 2, column: 17 });
    expect(clash[0]?.message).toBe(
      'port 8080 on host A (192.168.5.49) is published twice: the console port and the proxy remoting port (also used by the console port at line 25)',
    );
    expect(clash[0]?.hint).toMatch(/^choose another proxy\.remotingPort/);
  });

  it('a gRPC port on a broker port, the same port twice, a host twice, an unknown host: each an error', () => {
    const text = withProxy(ON_533, 'proxy:\n  hosts: [A, A, C]\n  remotingPort: 10909\n  grpcPort: 10909');
    const r = validateSpecText(text, 'c.yml');
    const got = errors(r).map((f) => `${f.code}@${f.line}`);
    expect(got, shown(r)).toEqual(
      expect.arrayContaining([
        `proxy-duplicate@${proxyLine + 1}`,
        `host-undefined@${proxyLine + 1}`,
        `proxy-ports@${proxyLine + 3}`,
        `port-clash@${proxyLine + 2}`,
      ]),
    );
  });
});

describe('spec: proxy and the cluster topic', () => {
  const withDefault = (value: string) =>
    withProxy(
      ON_533.replace('  fileReservedTime: 48\n', `  fileReservedTime: 48\n  clusterTopicEnable: ${value}\n`),
      'proxy: { hosts: [A] }',
    );

  it('clusterTopicEnable false in brokerDefaults: one error at its value (the gate could never pass)', () => {
    const r = validateSpecText(withDefault('false'), 'c.yml');
    const e = errors(r).filter((f) => f.code === 'proxy-cluster-topic');
    expect(e, shown(r)).toHaveLength(1);
    expect(e[0]).toMatchObject({ line: 18, column: 23 });
    expect(e[0]?.message).toContain("route of the cluster's topic 'docker-mq-cluster'");
    expect(e[0]?.hint).toBe('remove clusterTopicEnable (it defaults to true), or remove proxy');
  });

  it('a group that turns it back on is fine; true, or no proxy, is no error', () => {
    const back = withDefault('false').replace(
      'config: { fileReservedTime: 72 }',
      'config: { fileReservedTime: 72, clusterTopicEnable: true }',
    );
    const r = validateSpecText(back, 'c.yml');
    expect(
      errors(r)
        .filter((f) => f.code === 'proxy-cluster-topic')
        .map((f) => f.line),
      shown(r),
    ).toEqual([18]);
    expect(errors(validateSpecText(withDefault('true'), 'c.yml'))).toEqual([]);
    const noProxy = ON_533.replace(
      '  fileReservedTime: 48\n',
      '  fileReservedTime: 48\n  clusterTopicEnable: false\n',
    );
    expect(errors(validateSpecText(noProxy, 'c.yml'))).toEqual([]);
  });
});

describe('render: proxy', () => {
  const spec = validateSpecText(
    withProxy(ON_533, 'proxy: { hosts: [A, B], remotingPort: 18080, grpcPort: 18081, heap: 128m }'),
    'c.yml',
  ).spec;
  if (!spec) throw new Error('spec invalid');
  const cluster = renderCluster(spec, 'r1');

  it('one proxy container a host, after the masters and before the console', () => {
    const onA = cluster.hosts.find((h) => h.name === 'A')?.containers.map((c) => c.kind);
    expect(onA).toEqual(['nameServer', 'slave', 'master', 'proxy', 'console']);
    expect(
      allContainers(cluster)
        .filter((c) => c.kind === 'proxy')
        .map((c) => c.host),
    ).toEqual(['A', 'B']);
  });

  it('runs `sh mqproxy -pc FILE` in cluster mode, ports published as it listens, heap set', () => {
    const p = allContainers(cluster).find((c) => c.kind === 'proxy' && c.host === 'B');
    expect(p?.name).toBe('docker-mq-cluster-proxy');
    expect(p?.ports).toEqual([18080, 18081]);
    expect(p?.port).toBe(18080);
    const args = p?.runArgs ?? [];
    expect(args.slice(-5)).toEqual([
      'apache/rocketmq:5.3.3',
      'sh',
      'mqproxy',
      '-pc',
      '/home/rocketmq/proxy-conf/rmq-proxy.json',
    ]);
    expect(args.join(' ')).toContain('-p 18080:18080 -p 18081:18081');
    expect(args).toContain('JAVA_OPT_EXT=-Xms128m -Xmx128m');
    expect(args).toContain('/home/docker/rocketmq/docker-mq-cluster-proxy/conf:/home/rocketmq/proxy-conf:ro');
    expect(p?.files.map((f) => f.path)).toEqual([
      '/home/docker/rocketmq/docker-mq-cluster-proxy/conf/rmq-proxy.json',
    ]);
  });

  it('rmq-proxy.json: the cluster, the name servers, and its host address for the routes it gives', () => {
    const p = allContainers(cluster).find((c) => c.kind === 'proxy' && c.host === 'B');
    expect(JSON.parse(p?.files[0]?.content ?? '')).toEqual({
      rocketMQClusterName: 'docker-mq-cluster',
      namesrvAddr: '192.168.5.49:9876;192.168.5.50:9876',
      remotingAccessAddr: '192.168.5.50',
      remotingListenPort: 18080,
      grpcServerPort: 18081,
    });
    expect(renderProxyConfig(spec, 'A').remotingAccessAddr).toBe('192.168.5.49');
  });

  it('no proxy section, no proxy container', () => {
    const plain = validateSpecText(ON_533, 'c.yml').spec;
    if (!plain) throw new Error('spec invalid');
    expect(allContainers(renderCluster(plain, 'r1')).some((c) => c.kind === 'proxy')).toBe(false);
  });
});
