/** What the whole-spec checks share: the draft, its brokers flattened, and where findings go. */
import type { Finding, SpecPath } from '../findings.js';
import { own } from '../own.js';
import type { SpecDraft } from '../topology.js';
import { canonicalAddress } from './addresses.js';

export function memberLabel(group: string, member: 'master' | number): string {
  return member === 'master' ? `${group} master` : `${group} slave ${member + 1}`;
}

export interface Member {
  group: string;
  member: 'master' | number;
  host: string;
  listenPort: number;
  heap?: string | undefined;
  path: SpecPath;
}

export function membersOf(spec: SpecDraft): Member[] {
  const members: Member[] = [];
  for (const [group, g] of Object.entries(spec.brokers ?? {})) {
    members.push({
      group,
      member: 'master',
      host: g.master.host,
      listenPort: g.master.listenPort,
      heap: g.master.heap ?? g.heap,
      path: ['brokers', group, 'master'],
    });
    g.slaves.forEach((s, i) =>
      members.push({
        group,
        member: i,
        host: s.host,
        listenPort: s.listenPort,
        heap: s.heap ?? g.heap,
        path: ['brokers', group, 'slaves', i],
      }),
    );
  }
  return members;
}

export interface Context {
  spec: SpecDraft;
  hostNames: string[];
  members: Member[];
  /** Name server hosts, each once, in spec order. */
  nameServerHosts: string[];
  out: Finding[];
}

/** The machine behind a host name: two names for one address are one machine. */
export const machineOf = (ctx: Context, host: string): string => {
  const address = own(ctx.spec.hosts, host)?.address;
  return address === undefined ? `host ${host}` : canonicalAddress(address);
};

export const hostLabel = (ctx: Context, host: string): string => {
  const address = own(ctx.spec.hosts, host)?.address;
  return address ? `host ${host} (${address})` : `host ${host}`;
};
