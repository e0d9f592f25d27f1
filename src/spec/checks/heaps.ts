/** JVM heaps against a host's memoryMb. */
import { HEAP } from '../schema.js';
import { finding } from './common.js';
import { memberLabel, type Context } from './context.js';

function heapMb(heap: string): number {
  const m = HEAP.test(heap) ? /^([0-9]+)([mMgG])$/.exec(heap) : null;
  if (!m) return 0;
  return Number(m[1]) * (m[2] === 'g' || m[2] === 'G' ? 1024 : 1);
}

export function checkHeaps(ctx: Context): void {
  const { spec, out } = ctx;
  const defaults = spec.heap;
  if (!defaults) return;
  for (const [name, host] of Object.entries(spec.hosts ?? {})) {
    if (host.memoryMb === undefined) continue;
    const parts: [string, string][] = [];
    if (ctx.nameServerHosts.includes(name)) {
      parts.push(['name server', spec.nameServers?.heap ?? defaults.nameServer]);
    }
    for (const m of ctx.members.filter((x) => x.host === name)) {
      parts.push([memberLabel(m.group, m.member), m.heap ?? defaults.broker]);
    }
    if (spec.console?.host === name) parts.push(['console', spec.console.heap ?? defaults.console]);
    if (spec.proxy?.hosts.includes(name)) parts.push(['proxy', spec.proxy.heap]);
    const total = parts.reduce((n, [, h]) => n + heapMb(h), 0);
    const detail = parts.map(([what, h]) => `${what} ${h}`).join(', ');
    const path = ['hosts', name, 'memoryMb'];
    if (total > host.memoryMb) {
      out.push(
        finding(
          'error',
          'heap-too-big',
          path,
          `the heaps on host ${name} add up to ${total} MB (${detail}), more than its memoryMb ${host.memoryMb}: the kernel kills a JVM (exit 137)`,
          'lower heap (heap.broker, brokers.<group>.heap) or move containers to another host',
        ),
      );
    } else if (total > host.memoryMb * 0.75) {
      out.push(
        finding(
          'warning',
          'heap-too-big',
          path,
          `the heaps on host ${name} take ${total} of ${host.memoryMb} MB (${detail}): little is left for direct memory and the page cache brokers rely on`,
          'keep heaps under three quarters of memoryMb',
        ),
      );
    }
  }
}
