import { containerFilePaths, type ObservedHost } from '../plan/plan.js';
import { observationChanges, observationOf } from '../plan/plan-file.js';
import { readFiles } from '../remote/remote.js';
import type { RenderedCluster } from '../render/render.js';
import type { HostHandle } from './deploy.js';

/**
 * What a host runs and the files its containers own, as the plan compares them: one host command
 * where the host's docker port can (inspect and every file together), else docker ps/inspect and
 * the files in one more.
 */
export async function observeHost(h: HostHandle, cluster: RenderedCluster): Promise<ObservedHost> {
  const desired = cluster.hosts.find((x) => x.name === h.name)?.containers ?? [];
  const paths = desired.flatMap((c) => containerFilePaths(c));
  const both = await h.docker.observe?.(cluster.cluster, paths);
  if (both) return { host: h.name, containers: both.containers, files: both.files };
  const containers = await h.docker.listManaged(cluster.cluster);
  return { host: h.name, containers, files: await readFiles(h.remote, paths) };
}

export function observeHosts(
  hosts: readonly HostHandle[],
  cluster: RenderedCluster,
): Promise<ObservedHost[]> {
  return Promise.all(hosts.map((h) => observeHost(h, cluster)));
}

/**
 * What another run changed between two looks at the hosts, one line each: containers replaced,
 * added or removed (by id and image) and files edited (by sha256), as a saved plan compares them.
 * A container that merely stopped or started (a crash loop under --restart) is not a change: the
 * plan made from the second look handles it.
 */
export function changedBetween(before: readonly ObservedHost[], now: readonly ObservedHost[]): string[] {
  const settled = (o: readonly ObservedHost[]) =>
    o.map((h) => ({ ...h, containers: h.containers.map((c) => ({ ...c, running: true })) }));
  return observationChanges(observationOf(settled(before)), observationOf(settled(now)));
}
