import { z } from 'zod';

// zod compiles each object schema into a function (new Function) the first time it parses: worth
// it for a server that parses the same shape a million times, not for a CLI that parses one spec
// and exits. Interpreted, a `validate` starts about 10 ms sooner (bench: CLI start), and nothing is
// ever evaluated from a string. The setting is zod's global one: it applies to every schema here.
z.config({ jitless: true });

/**
 * The cluster spec. The README's example spec is the contract: a file written like it must validate.
 * Structural rules live here (so the JSON Schema for editors is generated from them); rules that
 * need the whole spec (references, port clashes, broker.conf keys) live in checks.ts.
 */

// Names go into container names, labels, file names and shell-free argv: keep them boring.
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;
const name = (what: string) =>
  z
    .string()
    .regex(
      SAFE_NAME,
      `${what} must start with a letter or digit and use only letters, digits, '.', '_', '-'`,
    );

const port = z.number().int().min(1).max(65535);

/** A JVM heap size as the JVM takes it: 512m, 1g, 1024M. */
export const HEAP = /^[1-9][0-9]*[mMgG]$/;
const heap = z.string().regex(HEAP, 'heap must look like 512m or 2g');

/** broker.conf values: scalars only. Keys are checked against RocketMQ's own key table in checks.ts. */
export const BrokerConfigSchema = z
  .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
  .describe('broker.conf keys (any key RocketMQ reads, checked against the key table of the image version)');

const SshSchema = z
  .strictObject({
    user: z.string().regex(/^[a-z_][a-z0-9_-]{0,31}$/, 'ssh user must be a plain Unix user name'),
    port: port.default(22),
    /** Run docker through `sudo -n` for users outside the docker group. */
    sudo: z
      .boolean()
      .default(false)
      .describe('Run docker (and the chown of data directories) through `sudo -n`'),
    /** Optional jump host `user@host:port` (port optional). */
    jumpHost: z
      .string()
      .regex(/^([a-z_][a-z0-9_-]*@)?[A-Za-z0-9.-]+(:[0-9]{1,5})?$/, 'jumpHost must look like user@host:port')
      .optional(),
  })
  .describe('How to reach the hosts over SSH');

const HostSchema = z.strictObject({
  address: z
    .string()
    .describe('IP address or DNS name the other hosts and the runner reach this host on; becomes brokerIP1'),
  ssh: z
    .strictObject({ user: SshSchema.shape.user.optional(), port: port.optional() })
    .optional()
    .describe('Per-host SSH overrides'),
  /** Memory the host can give to JVMs, checked against the heaps planned on it. */
  memoryMb: z
    .number()
    .int()
    .positive()
    .optional()
    .describe('Memory (MiB) the host can give to JVMs: the heaps planned on it must fit'),
  /** Overrides the spec's dataRoot on this host only. */
  dataRoot: z.string().optional().describe("Overrides the spec's dataRoot on this host only"),
});

const BrokerInstanceSchema = z.strictObject({
  host: name('host reference'),
  listenPort: port
    .default(10911)
    .describe('Broker port; listenPort-2 (fast) and listenPort+1 (HA) are published too'),
  heap: heap.optional().describe('JVM heap of this broker (overrides the group and heap.broker)'),
  /** broker.conf keys for this instance only. */
  config: BrokerConfigSchema.optional().describe('broker.conf keys for this instance only'),
});

const BrokerGroupSchema = z.strictObject({
  master: BrokerInstanceSchema,
  slaves: z
    .array(BrokerInstanceSchema)
    .default([])
    .describe('Slaves of the group, brokerId 1..n in this order; each on another host than the master'),
  /** broker.conf keys for every member of this group; override brokerDefaults. */
  config: BrokerConfigSchema.optional().describe(
    'broker.conf keys for every member of this group; override brokerDefaults',
  ),
  heap: heap.optional().describe('JVM heap of every member of this group'),
});

export const SpecSchema = z
  .strictObject({
    $schema: z.string().optional(),
    version: z.literal(1).describe('Spec format version'),
    cluster: name('cluster').describe('brokerClusterName, and the prefix of every container name'),
    images: z.strictObject({
      rocketmq: z
        .string()
        .min(1)
        .describe('RocketMQ image for name servers and brokers, e.g. apacherocketmq/rocketmq:4.8.0-alpine'),
      console: z
        .string()
        .min(1)
        .optional()
        .describe('Console image, e.g. styletang/rocketmq-console-ng:1.0.0'),
      /** `missing` pulls only when the image is absent on a host; `always` re-pulls (moving tags). */
      pull: z.enum(['missing', 'always']).default('missing'),
    }),
    ssh: SshSchema,
    dataRoot: z.string().describe('Host directory for conf, logs and store of every container'),
    hosts: z
      .record(name('host name'), HostSchema)
      .refine((h) => Object.keys(h).length > 0, 'at least one host'),
    nameServers: z.strictObject({
      hosts: z.array(name('host reference')).min(1).describe('Hosts that run a name server (one each)'),
      port: port.default(9876).describe('Published name server port'),
      heap: heap.optional().describe('JVM heap of the name servers (overrides heap.nameServer)'),
    }),
    heap: z
      .strictObject({
        nameServer: heap.default('256m'),
        broker: heap.default('512m'),
        console: heap.default('256m'),
      })
      .default({ nameServer: '256m', broker: '512m', console: '256m' })
      .describe('JVM heap per kind of container: the image sizes it from host memory otherwise'),
    /** Seconds `docker stop` waits: a broker flushes and unregisters on SIGTERM. */
    stopTimeout: z.number().int().min(10).max(3600).default(60),
    restartPolicy: z.enum(['no', 'always', 'unless-stopped', 'on-failure']).default('always'),
    brokerDefaults: BrokerConfigSchema.default({}),
    brokers: z.record(name('broker group name'), BrokerGroupSchema),
    console: z
      .strictObject({
        host: name('host reference'),
        port: port.default(8080),
        heap: heap.optional(),
      })
      .optional(),
    proxy: z
      .strictObject({
        hosts: z
          .array(name('host reference'))
          .min(1)
          .describe(
            'Hosts that run a RocketMQ 5.x proxy (one each), in its own container in cluster mode: `sh mqproxy`',
          ),
        remotingPort: port
          .default(8082)
          .describe(
            "The proxy's remoting port (4.x and 5.x remoting clients use it as their name server address); the official 8080 is the console's",
          ),
        grpcPort: port.default(8081).describe("The proxy's gRPC port (5.x gRPC clients' endpoint)"),
        heap: heap.default('256m').describe('JVM heap of each proxy'),
      })
      .optional()
      .describe('RocketMQ 5.x proxy for gRPC and remoting clients (needs a 5.x images.rocketmq)'),
    gates: z
      .strictObject({
        via: z
          .enum(['ssh', 'direct'])
          .default('ssh')
          .describe(
            "How the health gates reach the RocketMQ ports: `ssh` through each host's SSH connection, so only SSH needs to be open to the runner; `direct` from the runner itself",
          ),
      })
      .default({ via: 'ssh' })
      .describe('How the health gates reach the cluster'),
    rollout: z
      .strictObject({
        drain: z
          .boolean()
          .default(true)
          .describe(
            'Before a running master stops: make it read-only (brokerPermission=4), prove it on every name server, wait for producers to move their writes, prove its slaves hold its whole commit log; give its writes back once the new master is healthy. In a SYNC_MASTER group the master is drained also while its slave restarts',
          ),
        drainSeconds: z
          .number()
          .int()
          .min(0)
          .max(600)
          .default(45)
          .describe(
            "Seconds to wait after a master goes read-only, and again after it is writable before the next master is drained: the clients' route refresh (pollNameServerInterval, 30 s by default) plus a margin",
          ),
        parallel: z
          .number()
          .int()
          .min(1)
          .max(64)
          .default(1)
          .describe(
            'Containers restarted at once across independent broker groups (never two of one group, never two name servers, slaves of a group before its master (in a new group the master first), the console last); 1 restarts one container at a time',
          ),
      })
      .default({ drain: true, drainSeconds: 45, parallel: 1 })
      .describe('How containers are restarted: masters without failing producers, groups in parallel'),
  })
  .describe('rocketmq-rollout cluster spec');

export type Spec = z.output<typeof SpecSchema>;
export type SpecInput = z.input<typeof SpecSchema>;
export type BrokerGroup = Spec['brokers'][string];
export type BrokerInstance = BrokerGroup['master'];
export type BrokerConfigValues = z.output<typeof BrokerConfigSchema>;
