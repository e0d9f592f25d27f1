/** The proxy section: RocketMQ 5.x only, each host once, two distinct ports, the cluster topic kept. */
import { parseVersion } from '../broker-keys.js';
import type { SpecPath } from '../findings.js';
import { finding } from './common.js';
import type { Context } from './context.js';

export function checkProxy(ctx: Context, imageVersion: string | undefined): void {
  const { spec, out } = ctx;
  const proxy = spec.proxy;
  if (!proxy) return;
  const version = imageVersion !== undefined ? parseVersion(imageVersion) : undefined;
  if (version && version.major < 5) {
    out.push(
      finding(
        'error',
        'proxy-version',
        ['proxy'],
        `proxy is set but images.rocketmq runs RocketMQ ${imageVersion}: the proxy (mqproxy) exists from RocketMQ 5.0 on`,
        'use a 5.x image, e.g. apache/rocketmq:5.3.3, or remove proxy',
        'key',
      ),
    );
  }
  const seen = new Set<string>();
  proxy.hosts.forEach((h, i) => {
    if (!seen.has(h)) {
      seen.add(h);
      return;
    }
    out.push(
      finding(
        'error',
        'proxy-duplicate',
        ['proxy', 'hosts', i],
        `host ${h} is listed twice under proxy.hosts: a host runs one proxy`,
        'list each host once',
      ),
    );
  });
  if (proxy.remotingPort === proxy.grpcPort) {
    out.push(
      finding(
        'error',
        'proxy-ports',
        ['proxy', 'grpcPort'],
        `proxy.grpcPort and proxy.remotingPort are both ${proxy.grpcPort}: the proxy listens on two ports`,
        'give them different values, e.g. remotingPort 8082 and grpcPort 8081',
      ),
    );
  }
  checkClusterTopic(ctx);
}

/**
 * A proxy's gate asks it for the route of the cluster's own topic (the cluster name), which every
 * master creates unless clusterTopicEnable is false: without it the gate can never pass. Java's
 * Boolean.parseBoolean reads anything but "true" as false.
 */
function checkClusterTopic(ctx: Context): void {
  const { spec, out } = ctx;
  for (const [group, g] of Object.entries(spec.brokers ?? {})) {
    const layers: [SpecPath, unknown][] = [
      [['brokers', group, 'master', 'config', 'clusterTopicEnable'], g.master.config?.clusterTopicEnable],
      [['brokers', group, 'config', 'clusterTopicEnable'], g.config?.clusterTopicEnable],
      [['brokerDefaults', 'clusterTopicEnable'], spec.brokerDefaults?.clusterTopicEnable],
    ];
    const [path, value] = layers.find(([, v]) => v !== undefined) ?? [];
    if (!path || String(value).trim().toLowerCase() === 'true') continue;
    const whose = path[0] === 'brokerDefaults' ? 'the masters that inherit it' : `${group}'s master`;
    out.push(
      finding(
        'error',
        'proxy-cluster-topic',
        path,
        `clusterTopicEnable is ${String(value)} for ${whose}, but the proxy's gate asks the proxy for the route of the cluster's topic '${spec.cluster}', which such a master never creates`,
        'remove clusterTopicEnable (it defaults to true), or remove proxy',
        'value',
      ),
    );
    // One finding for a brokerDefaults value shared by every group.
    if (path[0] === 'brokerDefaults') break;
  }
}
