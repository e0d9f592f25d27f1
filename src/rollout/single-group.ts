/**
 * Pre-flight warning (issue 12): a topic whose writable queues all live on one broker group fails
 * its writes while that group's master restarts, drained or not (a drain can only move writes to
 * another group). Said once, before anything stops, per topic, when the rollout will take a
 * master's writes away: a running master replaced, or the master of a SYNC_MASTER group whose
 * slave is replaced (it is drained then). Best effort: a name server that does not answer only
 * loses the warning, never the rollout.
 */
import { errorMessage } from '../errors.js';
import type { Dialer } from '../gates/dialer.js';
import { fetchTopicList, fetchTopicRoute, PermName } from '../gates/remoting.js';
import { drainPlan } from '../plan/drain-plan.js';
import type { Plan } from '../plan/plan.js';
import type { Reporter } from '../report/reporter.js';
import { mapLimit } from './map-limit.js';

/** The name servers' view of topics, as a port (unit tests fake it). */
export interface TopicSource {
  topics(nameServer: string): Promise<string[]>;
  /** The broker groups a name server's route of `topic` gives writable queues. */
  writableGroups(nameServer: string, topic: string): Promise<string[]>;
}

/** Topic names printed at most; the rest are counted. */
export const MAX_NAMED = 20;
/** How long the check may read routes: a cluster may have thousands of topics. */
const BUDGET_MS = 20_000;
const CONCURRENCY = 8;

/** GET_ALL_TOPIC_LIST_FROM_NAMESERVER (206) and GET_ROUTEINFO_BY_TOPIC (105) through the gates' dialer. */
export function remotingTopics(dial?: Dialer, timeoutMs = 3000): TopicSource {
  const o = { timeoutMs, ...(dial ? { dial } : {}) };
  return {
    topics: (ns) => fetchTopicList(ns, o),
    writableGroups: async (ns, topic) =>
      ((await fetchTopicRoute(ns, topic, o))?.queueDatas ?? [])
        .filter((q) => q.writeQueueNums > 0 && (q.perm & PermName.WRITE) !== 0)
        .map((q) => q.brokerName),
  };
}

const SYSTEM_TOPICS = new Set([
  'TBW102',
  'SELF_TEST_TOPIC',
  'BenchmarkTest',
  'OFFSET_MOVED_EVENT',
  'SCHEDULE_TOPIC_XXXX',
  'TRANS_CHECK_MAX_TIME_TOPIC',
  'RMQ_SYS_TRANS_HALF_TOPIC',
]);

/**
 * RocketMQ's own topics and the tool's probe topics: no application writes them, or (a broker's
 * and the cluster's own topic) they live on one group by design.
 */
export function isSystemTopic(topic: string, ownNames: ReadonlySet<string>): boolean {
  return (
    ownNames.has(topic) ||
    SYSTEM_TOPICS.has(topic) ||
    /^(RMQ_SYS_|rmq_sys_|%RETRY%|%DLQ%|rocketmq-rollout-probe-)/.test(topic) ||
    /^[^%]*_REPLY_TOPIC$/.test(topic)
  );
}

/** Groups whose master loses its writes during this rollout, in plan order. */
export function groupsLosingWrites(plan: Plan): string[] {
  const groups = drainPlan(plan, { drain: true, drainSeconds: 0 }).masters.map(
    (m) => plan.entries.find((e) => e.host === m.host && e.name === m.name)?.desired?.group,
  );
  return [...new Set(groups.filter((g): g is string => !!g))];
}

function runningNameServers(plan: Plan): string[] {
  return plan.entries
    .filter((e) => e.kind === 'nameServer' && e.observed?.running && e.desired)
    .map((e) => `${e.desired?.address}:${e.desired?.port}`);
}

/** The topic list of the first name server that answers. */
async function topicList(
  source: TopicSource,
  nameServers: string[],
): Promise<{ ns: string; topics: string[] }> {
  let last: unknown;
  for (const ns of nameServers) {
    try {
      return { ns, topics: await source.topics(ns) };
    } catch (e) {
      last = e;
    }
  }
  throw last instanceof Error ? last : new Error('no name server runs');
}

export interface SingleGroupOptions {
  plan: Plan;
  source: TopicSource;
  reporter: Reporter;
  now?: () => number;
  budgetMs?: number;
}

/** Warns, per group, of the topics that live on it alone; returns them (group → topics). */
export async function warnSingleGroupTopics(o: SingleGroupOptions): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  const affected = new Set(groupsLosingWrites(o.plan));
  if (!affected.size) return found;
  const now = o.now ?? (() => performance.now());
  const end = now() + (o.budgetMs ?? BUDGET_MS);
  const own = new Set([o.plan.cluster, ...o.plan.entries.map((e) => e.desired?.group ?? '')]);
  let listed: { ns: string; topics: string[] };
  try {
    listed = await topicList(o.source, runningNameServers(o.plan));
  } catch (e) {
    o.reporter.log('info', `topics not checked for a single broker group: ${errorMessage(e)}`, {
      code: 'preflight.single-group-skipped',
    });
    return found;
  }
  const candidates = listed.topics.filter((t) => !isSystemTopic(t, own));
  let checked = 0;
  await mapLimit(candidates, CONCURRENCY, async (t) => {
    // Past the budget the remaining topics are counted as not checked, not read.
    if (now() >= end) return;
    const groups = await o.source.writableGroups(listed.ns, t).catch(() => undefined);
    checked++;
    const g = groups?.length === 1 ? groups[0] : undefined;
    if (g && affected.has(g)) found.set(g, [...(found.get(g) ?? []), t]);
  });
  for (const [g, topics] of found)
    o.reporter.log('warning', singleGroupText(o.plan.cluster, g, topics.sort()), {
      code: 'preflight.single-group',
    });
  if (checked < candidates.length) {
    o.reporter.log(
      'info',
      `${candidates.length - checked} of ${candidates.length} topics not checked for a single broker group (time limit)`,
      { code: 'preflight.single-group-skipped' },
    );
  }
  return found;
}

function singleGroupText(cluster: string, group: string, topics: string[]): string {
  const named = topics.slice(0, MAX_NAMED).join(', ');
  const more = topics.length > MAX_NAMED ? ` and ${topics.length - MAX_NAMED} more` : '';
  const s = topics.length > 1;
  return (
    `topic${s ? 's' : ''} ${named}${more} live${s ? '' : 's'} only on ${group}: ` +
    `${s ? 'their' : 'its'} writes fail while ${group}'s master restarts, drained or not ` +
    `(to avoid it, create ${s ? 'them' : 'it'} on another group too: mqadmin updateTopic -c ${cluster} -t TOPIC)`
  );
}
