/**
 * The proxy gate: a RocketMQ 5.x proxy (cluster mode) answers a remoting client's route request as
 * a name server would, with every broker group of the topic reached through the proxy itself.
 * A 4.x client whose name server address is the proxy's remoting port then sends and pulls there.
 */
import type { Gate, GateCallOptions } from './gates.js';
import { errorMessage } from '../errors.js';
import { fetchTopicRoute, type TopicRoute } from './remoting.js';

export interface ProxyRouteValue {
  groups: string[];
}

/** Why the route is not what the proxy should give; undefined when it is. */
export function proxyRouteProblem(
  route: TopicRoute | undefined,
  proxyAddr: string,
  expectedGroups: readonly string[],
): string | undefined {
  if (!route) return 'has no route of it yet';
  const groups = new Set(route.brokerDatas.map((b) => b.brokerName));
  const missing = expectedGroups.filter((g) => !groups.has(g));
  if (missing.length) return `does not route to ${missing.join(', ')} yet`;
  // The proxy puts its remotingAccessAddr:remotingListenPort in place of every broker address.
  for (const b of route.brokerDatas) {
    const other = Object.values(b.brokerAddrs).find((a) => a !== proxyAddr);
    if (other !== undefined)
      return `routes ${b.brokerName} to ${other}, not through itself (${proxyAddr}): clients would bypass the proxy or miss it`;
  }
  return undefined;
}

/**
 * GET_ROUTEINFO_BY_TOPIC to the proxy's remoting port for `topic` (the brokers' cluster topic: a
 * 5.x broker creates a topic named after its cluster), until it lists every expected broker group.
 */
export function proxyRouteGate(
  proxyAddr: string,
  topic: string,
  expectedGroups: readonly string[],
  options: GateCallOptions = {},
): Gate<ProxyRouteValue> {
  return {
    describe: `proxy ${proxyAddr} routes topic ${topic} through itself`,
    probe: async () => {
      try {
        const route = await fetchTopicRoute(proxyAddr, topic, options);
        const problem = proxyRouteProblem(route, proxyAddr, expectedGroups);
        if (problem) return { ok: false, message: `proxy ${proxyAddr}, topic ${topic}: ${problem}` };
        const groups = [...new Set(route?.brokerDatas.map((b) => b.brokerName))].sort();
        return {
          ok: true,
          message: `proxy ${proxyAddr} routes ${topic} to ${groups.join(', ')} through itself`,
          value: { groups },
        };
      } catch (e) {
        return { ok: false, message: `proxy ${proxyAddr}: ${errorMessage(e)}` };
      }
    },
  };
}
