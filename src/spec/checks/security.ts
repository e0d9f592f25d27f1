/** Known remote-code-execution flaws of the RocketMQ release an image runs. */
import { compareVersions, parseVersion, type Version } from '../broker-keys.js';
import type { Finding, SpecPath } from '../findings.js';
import { finding } from './common.js';

interface Cve {
  id: string;
  servers: string;
  affected: (v: Version) => boolean;
  fixed: string;
  what: string;
}

const atMost = (v: Version, text: string): boolean => {
  const limit = parseVersion(text);
  return limit !== undefined && compareVersions(v, limit) <= 0;
};

/** Remote-code-execution flaws reachable on the ports a cluster exposes (from the Apache advisories). */
const CVES: readonly Cve[] = [
  {
    id: 'CVE-2023-33246',
    servers: 'brokers and name servers',
    affected: (v) => (v.major === 4 && atMost(v, '4.9.5')) || (v.major === 5 && atMost(v, '5.1.0')),
    fixed: '4.9.6 / 5.1.1',
    what: 'anyone who reaches their ports can change the configuration and run commands',
  },
  {
    id: 'CVE-2023-37582',
    servers: 'name servers',
    affected: (v) => (v.major === 4 && atMost(v, '4.9.6')) || (v.major === 5 && atMost(v, '5.1.1')),
    fixed: '4.9.7 / 5.1.2',
    what: 'anyone who reaches the name server port can write files and run commands',
  },
];

export function checkCves(version: string | undefined, path: SpecPath, out: Finding[]): void {
  const v = version ? parseVersion(version) : undefined;
  // A tag like `4.9` moves between patch releases: nothing certain can be said about it.
  if (!v || v.patch === undefined) return;
  for (const cve of CVES) {
    if (!cve.affected(v)) continue;
    out.push(
      finding(
        'warning',
        'cve',
        path,
        `RocketMQ ${version} has ${cve.id} (remote code execution on ${cve.servers}: ${cve.what}); fixed in ${cve.fixed}`,
        'use RocketMQ 4.9.7+ or 5.1.2+, and keep ports 9876 and the broker ports reachable only from trusted hosts',
      ),
    );
  }
}
