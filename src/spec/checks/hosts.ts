/** Hosts: addresses, data roots, and every reference to a host name. */
import { isIP } from 'node:net';
import type { SpecPath } from '../findings.js';
import { own } from '../own.js';
import { didYouMean, listWords } from '../suggest.js';
import {
  addressProblem,
  canonicalAddress,
  dataRootProblem,
  localAddressKind,
  WITH_PORT,
} from './addresses.js';
import { finding, padded } from './common.js';
import { memberLabel, type Context } from './context.js';

export function checkHosts(ctx: Context): void {
  const { spec, out } = ctx;
  const byAddress = new Map<string, { name: string; address: string }>();
  const hostCount = Object.keys(spec.hosts ?? {}).length;
  for (const [name, host] of Object.entries(spec.hosts ?? {})) {
    const problem = padded(host.address) ? undefined : addressProblem(host.address);
    if (problem) {
      const withPort = WITH_PORT.test(host.address);
      out.push(
        finding(
          'error',
          'address-invalid',
          ['hosts', name, 'address'],
          `address '${host.address}' of host ${name} ${problem}`,
          withPort
            ? `set ssh.port or hosts.${name}.ssh.port for the SSH port, and write the address alone: ${host.address.slice(0, host.address.lastIndexOf(':')).replace(/^\[(.*)\]$/, '$1')}`
            : 'write an IPv4 address (10.0.0.5), an IPv6 address (fd00::5) or a DNS name (mq-1.example.com)',
        ),
      );
    }
    const local = problem || padded(host.address) ? undefined : localAddressKind(host.address);
    if (local && hostCount > 1) {
      out.push(
        finding(
          'error',
          'address-local',
          ['hosts', name, 'address'],
          `address '${host.address}' of host ${name} is ${local}: it becomes brokerIP1 (and the name server address), and no other host of this ${hostCount}-host cluster can reach it`,
          'write the address the other hosts reach this host on, e.g. 10.0.0.5 or mq-1.example.com',
        ),
      );
    }
    const other = byAddress.get(canonicalAddress(host.address));
    if (other === undefined) {
      byAddress.set(canonicalAddress(host.address), { name, address: host.address });
    } else if (other.address !== host.address) {
      const how = isIP(host.address) === 6 ? 'one IPv6 address written two ways' : 'DNS names ignore case';
      out.push(
        finding(
          'error',
          'address-spelling',
          ['hosts', name, 'address'],
          `hosts ${other.name} and ${name} have the addresses '${other.address}' and '${host.address}', one machine (${how}): they would share ports and fail together`,
          'give each host its own machine; write each address once, in one spelling (lower case)',
        ),
      );
    } else {
      out.push(
        finding(
          'warning',
          'address-shared',
          ['hosts', name, 'address'],
          `hosts ${other.name} and ${name} have the same address ${host.address}: they are one machine, so they share ports and fail together`,
          'give each host its own machine, or use one host name',
        ),
      );
    }
    const rootProblem =
      host.dataRoot === undefined || padded(host.dataRoot) ? undefined : dataRootProblem(host.dataRoot);
    if (rootProblem) {
      const message = `dataRoot '${host.dataRoot}' of host ${name} ${rootProblem}`;
      out.push(finding('error', 'unsafe-path', ['hosts', name, 'dataRoot'], message, 'e.g. /srv/rocketmq'));
    }
  }
  const rootProblem =
    spec.dataRoot === undefined || padded(spec.dataRoot) ? undefined : dataRootProblem(spec.dataRoot);
  if (rootProblem) {
    const message = `dataRoot '${spec.dataRoot}' ${rootProblem}`;
    out.push(finding('error', 'unsafe-path', ['dataRoot'], message, 'e.g. /home/docker/rocketmq'));
  }
}

export function checkReferences(ctx: Context, brokenHosts: ReadonlySet<string>): void {
  const { spec, out, hostNames } = ctx;
  const used = new Set<string>();
  const reference = (host: string, path: SpecPath, what: string): void => {
    used.add(host);
    if (!spec.hosts || own(spec.hosts, host) || brokenHosts.has(host)) return;
    const hint =
      didYouMean(host, hostNames) ??
      (hostNames.length > 0
        ? `use one of ${listWords(hostNames)}, or add '${host}' under hosts`
        : `add '${host}' under hosts`);
    const message = `${what} is on host '${host}', which is not defined under hosts`;
    out.push(finding('error', 'host-undefined', path, message, hint));
  };

  spec.nameServers?.hosts.forEach((h, i) => {
    reference(h, ['nameServers', 'hosts', i], 'a name server');
    if (!ctx.nameServerHosts.includes(h)) {
      ctx.nameServerHosts.push(h);
      return;
    }
    out.push(
      finding(
        'error',
        'name-server-duplicate',
        ['nameServers', 'hosts', i],
        `host ${h} is listed twice under nameServers.hosts: a host runs one name server`,
        'list each host once',
      ),
    );
  });
  for (const m of ctx.members)
    reference(m.host, [...m.path, 'host'], `broker ${memberLabel(m.group, m.member)}`);
  if (spec.console) reference(spec.console.host, ['console', 'host'], 'the console');
  spec.proxy?.hosts.forEach((h, i) => reference(h, ['proxy', 'hosts', i], 'a proxy'));

  if (spec.nameServers && spec.brokers) {
    for (const name of hostNames.filter((n) => !used.has(n))) {
      const hint = 'remove it, or place a name server or broker on it';
      out.push(finding('notice', 'host-unused', ['hosts', name], `host ${name} runs nothing`, hint, 'key'));
    }
  }
  if (ctx.nameServerHosts.length === 1) {
    out.push(
      finding(
        'warning',
        'single-name-server',
        ['nameServers', 'hosts'],
        `only one name server (on host ${ctx.nameServerHosts[0]}): no HA — while it is down, producers and consumers cannot look up routes and brokers cannot register`,
        'list two or more hosts under nameServers.hosts',
      ),
    );
  }
}
