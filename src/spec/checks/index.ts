/**
 * Rules that need the whole spec: host references, port clashes, HA, broker.conf keys and values,
 * names, paths, images and heaps: one file a concern, all run from checkSpec below. Every check
 * reports all it sees; nothing throws. Findings carry a path (and `at`); validate.ts turns paths
 * into lines and columns.
 */
import type { Finding } from '../findings.js';
import type { SpecDraft } from '../topology.js';
import { checkBrokerConfigs } from './broker-config.js';
import { membersOf, type Context } from './context.js';
import { checkGroups, checkNames } from './groups.js';
import { checkHeaps } from './heaps.js';
import { checkHosts, checkReferences } from './hosts.js';
import { checkImages } from './images.js';
import { checkPorts } from './ports.js';
import { checkProxy } from './proxy.js';
import { checkCommitLogPath } from './upgrade.js';

export { addressProblem, canonicalAddress, dataRootProblem, localAddressKind } from './addresses.js';
export { checkReservedKeys, checkWhitespace } from './document.js';
export { isImageReference } from './images.js';

export interface CheckOptions {
  /** Hosts whose entries were dropped for schema errors: references to them are not judged again. */
  brokenHosts?: ReadonlySet<string>;
  /** The RocketMQ image when `images` itself was dropped for a schema error elsewhere in it. */
  rocketmqImage?: string;
}

/** Every whole-spec rule over a (possibly partial) spec; findings carry paths, not positions. */
export function checkSpec(spec: SpecDraft, options: CheckOptions = {}): Finding[] {
  const ctx: Context = {
    spec,
    hostNames: Object.keys(spec.hosts ?? {}),
    members: membersOf(spec),
    nameServerHosts: [],
    out: [],
  };
  checkHosts(ctx);
  checkReferences(ctx, options.brokenHosts ?? new Set());
  const { table, imageVersion } = checkImages(ctx, options.rocketmqImage);
  checkNames(ctx);
  checkGroups(ctx);
  if (table) checkBrokerConfigs(ctx, table, imageVersion);
  checkCommitLogPath(ctx, imageVersion);
  checkProxy(ctx, imageVersion);
  checkPorts(ctx);
  checkHeaps(ctx);
  return ctx.out;
}
