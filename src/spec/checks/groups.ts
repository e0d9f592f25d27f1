/** Names and broker groups: names RocketMQ would misparse, members apart, HA said plainly. */
import { own } from '../own.js';
import { masterRole } from '../topology.js';
import { finding } from './common.js';
import { hostLabel, machineOf, memberLabel, type Context, type Member } from './context.js';
import { nameProblem } from './names.js';

/** Cluster and broker group names RocketMQ would misparse. */
export function checkNames(ctx: Context): void {
  const { spec, out } = ctx;
  const clusterProblem = spec.cluster === undefined ? undefined : nameProblem(spec.cluster);
  if (clusterProblem) {
    const message = `cluster name '${spec.cluster}' ${clusterProblem}`;
    out.push(finding('error', 'unsafe-name', ['cluster'], message, 'use letters, digits, - and _'));
  }
  for (const group of Object.keys(spec.brokers ?? {})) {
    const problem = nameProblem(group);
    if (problem) {
      out.push(
        finding(
          'error',
          'unsafe-name',
          ['brokers', group],
          `broker group name '${group}' ${problem}`,
          'use letters, digits, - and _, e.g. broker-a',
          'key',
        ),
      );
    }
    if (group === spec.cluster) {
      out.push(
        finding(
          'warning',
          'unsafe-name',
          ['brokers', group],
          `broker group '${group}' has the cluster's name: the topics RocketMQ creates for both collide`,
          'rename the group, e.g. broker-a',
          'key',
        ),
      );
    }
  }
}

/** Broker groups: at least one, members on different machines, HA said plainly. */
export function checkGroups(ctx: Context): void {
  const { spec, out } = ctx;
  if (spec.brokers && Object.keys(spec.brokers).length === 0) {
    out.push(
      finding(
        'error',
        'no-brokers',
        ['brokers'],
        'brokers is empty: a cluster needs at least one broker group',
        'add e.g. broker-a: { master: { host: A } }',
        'key',
      ),
    );
  }
  for (const [group, g] of Object.entries(spec.brokers ?? {})) {
    const seen = new Map<string, Member>();
    for (const m of ctx.members.filter((x) => x.group === group && own(spec.hosts, x.host))) {
      const first = seen.get(machineOf(ctx, m.host));
      if (!first) {
        seen.set(machineOf(ctx, m.host), m);
        continue;
      }
      const where =
        first.host === m.host ? `host ${m.host}` : `hosts ${first.host} and ${m.host} (one address)`;
      out.push(
        finding(
          'error',
          'group-same-host',
          [...m.path, 'host'],
          `${memberLabel(group, first.member)} and ${memberLabel(group, m.member)} are both on ${where}: one host failure takes the whole group down`,
          'put every member of a broker group on a different host',
        ),
      );
    }
    if (g.slaves.length > 0) continue;
    const role = masterRole(spec, group);
    if (role.value === 'SYNC_MASTER') {
      out.push(
        finding(
          'error',
          'sync-master-without-slave',
          role.path,
          `broker group ${group} is a SYNC_MASTER without a slave: every send waits for a copy that cannot happen and reports SLAVE_NOT_AVAILABLE`,
          `add a slave to ${group}, or use ASYNC_MASTER`,
        ),
      );
    }
    out.push(
      finding(
        'warning',
        'no-slave',
        ['brokers', group],
        `broker group ${group} has no slave: no HA — while ${hostLabel(ctx, g.master.host)} is down its messages cannot be read, and a lost disk loses them`,
        `add a slave on another host, e.g. slaves: [ { host: <other host>, listenPort: ${g.master.listenPort + 1000} } ]`,
        'key',
      ),
    );
  }
}
