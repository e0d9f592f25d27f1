/** Cluster and broker group names RocketMQ would misparse. */
/** Topics RocketMQ creates itself: a broker or cluster of that name would collide with them. */
const SYSTEM_TOPICS = new Set([
  'TBW102',
  'SCHEDULE_TOPIC_XXXX',
  'BenchmarkTest',
  'RMQ_SYS_TRANS_HALF_TOPIC',
  'RMQ_SYS_TRACE_TOPIC',
  'RMQ_SYS_TRANS_OP_HALF_TOPIC',
  'TRANS_CHECK_MAX_TIME_TOPIC',
  'SELF_TEST_TOPIC',
  'OFFSET_MOVED_EVENT',
  'DefaultCluster',
]);

/**
 * A broker (and its cluster) registers a topic named after itself, and clients accept only topic
 * names of letters, digits, '_', '-', '|' and '%': a '.' breaks that topic for every client.
 */
export function nameProblem(name: string): string | undefined {
  if (name.includes('.')) {
    return "contains '.': RocketMQ creates a topic named after it, and clients reject topic names with '.'";
  }
  if (SYSTEM_TOPICS.has(name) || name.toLowerCase().startsWith('rmq_sys_')) {
    return 'is the name of a topic RocketMQ uses itself';
  }
  return undefined;
}
