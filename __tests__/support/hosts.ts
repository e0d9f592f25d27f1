import { hostConnections, type HostConnection } from '../../src/render/render.js';
import type { Spec } from '../../src/spec/schema.js';

/** openHosts' first two arguments for some hosts of a spec: their connections and the cluster. */
export function hostsOf(spec: Spec, names: readonly string[]): [HostConnection[], string] {
  return [hostConnections(spec).filter((h) => names.includes(h.name)), spec.cluster];
}
