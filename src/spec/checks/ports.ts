/** Ports: in range, and each published once per machine (sshd included). */
import type { SpecPath } from '../findings.js';
import { own } from '../own.js';
import { canonicalAddress } from './addresses.js';
import { finding, pathText } from './common.js';
import { hostLabel, machineOf, memberLabel, type Context } from './context.js';

interface PortUse {
  port: number;
  what: string;
  path: SpecPath;
  host: string;
  /** Set for brokers: the hint then suggests another listenPort. */
  listenPort?: number;
  /** The broker using the port, e.g. `broker-a slave 1`. */
  owner?: string;
}

/** Every port each machine must publish (plus its sshd), after checking the derived broker ports. */
function portUses(ctx: Context): PortUse[] {
  const { spec, out } = ctx;
  const uses: PortUse[] = [];
  // sshd already listens on the host: a container publishing its port would cut the tool off.
  const sshSeen = new Set<string>();
  for (const [name, host] of Object.entries(spec.hosts ?? {})) {
    const port = host.ssh?.port ?? spec.ssh?.port;
    // Two host names for one machine share one sshd.
    const machine = `${canonicalAddress(host.address)}:${port}`;
    if (port === undefined || sshSeen.has(machine)) continue;
    sshSeen.add(machine);
    const path = host.ssh?.port !== undefined ? ['hosts', name, 'ssh', 'port'] : ['ssh', 'port'];
    uses.push({ port, what: 'the SSH server (ssh.port)', path, host: name });
  }
  const nameServerPort = spec.nameServers?.port;
  if (nameServerPort !== undefined) {
    for (const host of ctx.nameServerHosts) {
      uses.push({ port: nameServerPort, what: 'the name server port', path: ['nameServers', 'port'], host });
    }
  }
  for (const m of ctx.members) {
    const owner = memberLabel(m.group, m.member);
    const path = [...m.path, 'listenPort'];
    const ports: [number, string][] = [
      [m.listenPort, `${owner} listenPort`],
      [m.listenPort - 2, `${owner} fast port (listenPort-2)`],
      [m.listenPort + 1, `${owner} HA port (listenPort+1)`],
    ];
    const outside = ports.filter(([port]) => port < 1 || port > 65535);
    for (const [port, what] of outside) {
      out.push(
        finding(
          'error',
          'port-range',
          path,
          `${what} ${port} is outside 1-65535 (a broker also listens on listenPort-2 and listenPort+1)`,
          'use a listenPort between 3 and 65534',
        ),
      );
    }
    if (outside.length > 0) continue;
    for (const [port, what] of ports)
      uses.push({ port, what, path, host: m.host, owner, listenPort: m.listenPort });
  }
  if (spec.console) {
    const { port, host } = spec.console;
    uses.push({ port, what: 'the console port', path: ['console', 'port'], host });
  }
  const proxy = spec.proxy;
  // Each proxy host once (checkProxy reports a duplicate), both of its ports.
  for (const host of new Set(proxy?.hosts ?? [])) {
    if (!proxy) break;
    uses.push({
      port: proxy.remotingPort,
      what: 'the proxy remoting port',
      path: ['proxy', 'remotingPort'],
      host,
    });
    if (proxy.grpcPort !== proxy.remotingPort)
      uses.push({ port: proxy.grpcPort, what: 'the proxy gRPC port', path: ['proxy', 'grpcPort'], host });
  }
  return uses;
}

/** Two containers (or a container and sshd) publishing one port on one machine: one finding per pair. */
export function checkPorts(ctx: Context): void {
  const taken = new Map<string, Map<number, PortUse>>();
  const clashes = new Map<string, { first: PortUse; use: PortUse; ports: [number, string, string][] }>();
  for (const use of portUses(ctx)) {
    if (ctx.spec.hosts && !own(ctx.spec.hosts, use.host)) continue;
    const machine = machineOf(ctx, use.host);
    const ports = taken.get(machine) ?? new Map<number, PortUse>();
    taken.set(machine, ports);
    const first = ports.get(use.port);
    if (!first) {
      ports.set(use.port, use);
      continue;
    }
    const pair = [machine, pathText(first.path), first.host, pathText(use.path), use.host].join('\u0001');
    const clash = clashes.get(pair) ?? { first, use, ports: [] };
    clash.ports.push([use.port, first.what, use.what]);
    clashes.set(pair, clash);
  }

  for (const { first, use, ports } of clashes.values()) {
    const occupied = taken.get(machineOf(ctx, use.host)) ?? new Map<number, PortUse>();
    const free = (p: number): boolean =>
      p - 2 >= 1 && p + 1 <= 65535 && ![p - 2, p, p + 1].some((q) => occupied.has(q));
    let hint = 'choose another nameServers.port, or move a broker';
    const listenPort = use.listenPort;
    if (listenPort !== undefined) {
      const candidate = [1, 2, 3, 4, 5].map((k) => listenPort + 1000 * k).find(free);
      hint = `a broker takes listenPort-2, listenPort and listenPort+1: choose a listenPort whose three ports are free${candidate ? `, e.g. ${candidate}` : ''}`;
    } else if (use.what === 'the console port') {
      hint = 'choose another console port';
    } else if (use.what.startsWith('the proxy')) {
      const key = use.what === 'the proxy gRPC port' ? 'grpcPort' : 'remotingPort';
      hint = `choose another proxy.${key} (the console takes 8080, name servers 9876, brokers listenPort-2 to listenPort+1)`;
    }
    const where = hostLabel(ctx, use.host);
    const elsewhere = first.host !== use.host ? ` (host ${first.host})` : '';
    const numbers = ports.map(([p]) => p).sort((a, b) => a - b);
    let message: string;
    if (ports.length === 1) {
      message = `port ${numbers[0]} on ${where} is published twice: ${ports[0]?.[1]}${elsewhere} and ${ports[0]?.[2]}`;
    } else if (first.owner && use.owner && first.listenPort === use.listenPort) {
      message = `${first.owner}${elsewhere} and ${use.owner} both use listenPort ${use.listenPort} on ${where}: ports ${numbers.join(', ')} are published twice`;
    } else {
      const each = ports.map(([p, a, b]) => `${p} by ${a}${elsewhere} and ${b}`).join('; ');
      message = `ports ${numbers.join(', ')} on ${where} are published twice: ${each}`;
    }
    const error = finding('error', 'port-clash', use.path, message, hint);
    if (pathText(first.path) === pathText(use.path)) {
      ctx.out.push(error);
      continue;
    }
    // Both places get a line: the error where the second use is, a pointer back at the first.
    ctx.out.push({
      ...error,
      related: {
        path: first.path,
        text: `also used by ${ports.length === 1 ? first.what : (first.owner ?? first.what)}${elsewhere} at`,
      },
    });
    const also = ports.length === 1 ? `port ${numbers[0]}` : `ports ${numbers.join(', ')}`;
    ctx.out.push({
      ...finding(
        'notice',
        'port-clash-also',
        first.path,
        `${also} on ${where} (${first.what} here) ${ports.length === 1 ? 'is' : 'are'} also published by ${use.what}`,
        'change one of the two; the port-clash error there says how',
      ),
      related: { path: use.path, text: 'port-clash error at' },
    });
  }
}
