/** The proxy section: RocketMQ 5.x only, each host once, two distinct ports. */
import { parseVersion } from '../broker-keys.js';
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
}
