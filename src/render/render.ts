import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { parseVersion, rocketmqVersionOf } from '../spec/broker-keys.js';
import { own } from '../spec/own.js';
import type { BrokerConfigValues, BrokerInstance, Spec } from '../spec/schema.js';
import { formatPropertiesFile } from '../rocketmq/properties.js';

/**
 * Pure rendering: spec in, every file and `docker run` argv out. No I/O, no clock, no randomness,
 * so the same spec renders byte-identical output (the plan compares hashes of it).
 */

export type ContainerKind = 'nameServer' | 'slave' | 'master' | 'proxy' | 'console';

export interface RenderedFile {
  /** Absolute path on the host, inside the container's directory under dataRoot. */
  path: string;
  content: string;
  mode: number;
}

export interface RenderedContainer {
  name: string;
  kind: ContainerKind;
  host: string;
  address: string;
  image: string;
  /** The container's directory on the host: conf, logs and store live below it. */
  dir: string;
  /** Host directories to create before the run; `owner` 3000 is the image's rocketmq user. */
  dirs: { path: string; owner: number }[];
  files: RenderedFile[];
  /** Ports published on the host (every one is gated by a TCP connect). */
  ports: number[];
  /** The one clients use: the name server's, the broker's listenPort, the console's HTTP port. */
  port: number;
  /** argv after `docker`: `run -d --name ...`. Never a shell string. */
  runArgs: string[];
  /** Hash of everything that defines the container except the revision label. */
  configHash: string;
  stopTimeout: number;
  group?: string;
  brokerId?: number;
  listenPort?: number;
  /** The rendered broker.conf as key → value, for the effective-config gate. */
  brokerConfig?: Record<string, string>;
}

export interface RenderedCluster {
  cluster: string;
  revision: string;
  /** `address:port` of every name server, in spec order. */
  nameServers: string[];
  /** Hosts in spec order with their containers in rollout order. */
  hosts: RenderedHost[];
}

/**
 * How to reach a host and work on it: after render, nothing reads the spec's ssh or dataRoot.
 * The host's own ssh settings rank above ~/.ssh/config, the cluster-wide ones below it.
 */
export interface HostConnection {
  name: string;
  address: string;
  dataRoot: string;
  ssh: {
    user?: string;
    port?: number;
    clusterUser: string;
    clusterPort: number;
    jumpHost?: string;
    /** Run docker (and the chown of data directories) through `sudo -n`. */
    sudo: boolean;
  };
}

export interface RenderedHost extends HostConnection {
  containers: RenderedContainer[];
}

export const LABEL_PREFIX = 'rocketmq-rollout';
export const LABELS = {
  cluster: `${LABEL_PREFIX}.cluster`,
  kind: `${LABEL_PREFIX}.kind`,
  group: `${LABEL_PREFIX}.group`,
  brokerId: `${LABEL_PREFIX}.broker-id`,
  revision: `${LABEL_PREFIX}.revision`,
  configHash: `${LABEL_PREFIX}.config-hash`,
} as const;

/** Paths inside the official image (apacherocketmq/rocketmq): user rocketmq, uid 3000. */
export const IMAGE_USER_UID = 3000;
const IN_CONTAINER = {
  logs: '/home/rocketmq/logs',
  store: '/home/rocketmq/store',
  /** A directory, not a single file: an atomic rename on the host must be seen by the container. */
  brokerConf: '/home/rocketmq/broker-conf',
  proxyConf: '/home/rocketmq/proxy-conf',
} as const;
const NAME_SERVER_CONTAINER_PORT = 9876;
const CONSOLE_CONTAINER_PORT = 8080;

/** The three ports a broker publishes: RocketMQ derives the fast and HA ports from listenPort. */
export function brokerPorts(listenPort: number): { listen: number; fast: number; ha: number } {
  return { listen: listenPort, fast: listenPort - 2, ha: listenPort + 1 };
}

export function containerName(spec: Spec, kind: ContainerKind, group?: string, brokerId?: number): string {
  switch (kind) {
    case 'nameServer':
      return `${spec.cluster}-namesrv`;
    case 'console':
      return `${spec.cluster}-console`;
    case 'proxy':
      return `${spec.cluster}-proxy`;
    default:
      return `${spec.cluster}-${group}-${brokerId}`;
  }
}

export function hostDataRoot(spec: Spec, host: string): string {
  return own(spec.hosts, host)?.dataRoot ?? spec.dataRoot;
}

/** Every host of the spec, in spec order, with what it takes to reach it. */
export function hostConnections(spec: Spec): HostConnection[] {
  return Object.entries(spec.hosts).map(([name, host]) => ({
    name,
    address: host.address,
    dataRoot: hostDataRoot(spec, name),
    ssh: {
      ...(host.ssh?.user !== undefined ? { user: host.ssh.user } : {}),
      ...(host.ssh?.port !== undefined ? { port: host.ssh.port } : {}),
      clusterUser: spec.ssh.user,
      clusterPort: spec.ssh.port,
      ...(spec.ssh.jumpHost !== undefined ? { jumpHost: spec.ssh.jumpHost } : {}),
      sudo: spec.ssh.sudo,
    },
  }));
}

export function nameServerAddrs(spec: Spec): string[] {
  return spec.nameServers.hosts.map((h) => `${own(spec.hosts, h)?.address ?? ''}:${spec.nameServers.port}`);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A revision for specs outside git: the spec's own content hash. */
export function contentRevision(specText: string): string {
  return `sha256-${sha256(specText).slice(0, 12)}`;
}

function configValue(value: string | number | boolean): string {
  return typeof value === 'string' ? value : String(value);
}

/** Whether the image runs RocketMQ 4.x's HA client (an unknown version counts as not: 5.x keeps its own ways). */
export function hasRocketmq4HaClient(image: string): boolean {
  const text = rocketmqVersionOf(image);
  return (text ? parseVersion(text) : undefined)?.major === 4;
}

/**
 * Our defaults for a slave, under every layer of the spec (a user's value wins). A 4.x HA client
 * sends its first offset report, the request that starts the master streaming, only
 * haSendHeartbeatInterval (5 s) after it connects: on every slave start and again after every
 * master restart, the slave replicated nothing for 5 s. At 1 s it reports within a second; the
 * cost is an 8-byte heartbeat a second. 5.x keeps its last report's time across a reconnect and
 * reports at once, so it keeps RocketMQ's default.
 */
function slaveDefaults(image: string): BrokerConfigValues {
  return hasRocketmq4HaClient(image) ? { haSendHeartbeatInterval: 1000 } : {};
}

/**
 * broker.conf for one instance: derived keys first in a fixed order, then the user's keys sorted,
 * so the file diffs cleanly. Later layers win: brokerDefaults < group config < instance config.
 */
export function renderBrokerConfig(
  spec: Spec,
  group: string,
  instance: BrokerInstance,
  brokerId: number,
): Record<string, string> {
  const groupSpec = own(spec.brokers, group);
  const isMaster = brokerId === 0;
  const layered: BrokerConfigValues = {
    ...(isMaster ? {} : slaveDefaults(spec.images.rocketmq)),
    ...spec.brokerDefaults,
    ...(groupSpec?.config ?? {}),
    ...(instance.config ?? {}),
  };
  const address = own(spec.hosts, instance.host)?.address ?? '';
  const derived: Record<string, string> = {
    brokerClusterName: spec.cluster,
    brokerName: group,
    brokerId: String(brokerId),
    brokerRole: isMaster ? configValue(layered.brokerRole ?? 'ASYNC_MASTER') : 'SLAVE',
    brokerIP1: address,
  };
  // A slave streams the commit log from brokerIP2:haPort; the container's own address is unreachable
  // from other hosts, so a master advertises its host address or replication silently never starts.
  if (isMaster) derived.brokerIP2 = address;
  // A 4.x slave that knows its master's HA address from its file connects as it starts. Without it
  // the slave learns the address when it first registers, just after its HA client has found none
  // and gone to sleep for 5 s: about 10 s before it replicates, on every slave start. The HA port
  // is listenPort+1 (haListenPort is derived too). Not on 5.x: its slave also learns the address
  // from its master (BrokerController.onMasterOnline, which clears it when the master goes
  // offline), and with one fixed in the file a 5.3.3 slave of a 4.9.7 master replicated nothing in
  // the lab for 60 s. Without it, 5.3.3 slaves replicated about 5 s after they started.
  const master = groupSpec?.master;
  if (!isMaster && master && hasRocketmq4HaClient(spec.images.rocketmq))
    derived.haMasterAddress = `${own(spec.hosts, master.host)?.address ?? ''}:${brokerPorts(master.listenPort).ha}`;
  derived.listenPort = String(instance.listenPort);
  derived.namesrvAddr = nameServerAddrs(spec).join(';');

  const user: Record<string, string> = {};
  for (const key of Object.keys(layered).sort()) {
    const value = own(layered, key);
    if (Object.hasOwn(derived, key) || value === undefined) continue;
    user[key] = configValue(value);
  }
  return { ...derived, ...user };
}

export function formatBrokerConf(
  config: Record<string, string>,
  header: { cluster: string; group: string; kind: string; host: string },
): string {
  // Escaped for java.util.Properties (RocketMQ's reader): every value reaches the broker as written.
  return formatPropertiesFile(Object.entries(config), [
    `Rendered by rocketmq-rollout: cluster ${header.cluster}, group ${header.group}, ${header.kind} on host ${header.host}.`,
    'Do not edit on the host: the next deploy replaces this file.',
  ]);
}

function heapOpts(heap: string): string {
  return `-Xms${heap} -Xmx${heap}`;
}

interface ContainerDraft {
  name: string;
  kind: ContainerKind;
  host: string;
  image: string;
  ports: { host: number; container: number }[];
  /** The host port clients use (see RenderedContainer.port). */
  port: number;
  env: Record<string, string>;
  volumes: { host: string; container: string; readOnly?: boolean }[];
  dirs: { path: string; owner: number }[];
  files: RenderedFile[];
  command: string[];
  group?: string;
  brokerId?: number;
  listenPort?: number;
  brokerConfig?: Record<string, string>;
}

function runArgs(spec: Spec, d: ContainerDraft, configHash: string, revision: string): string[] {
  const args = ['run', '-d', '--name', d.name, '--restart', spec.restartPolicy];
  args.push('--stop-timeout', String(spec.stopTimeout));
  for (const p of d.ports) args.push('-p', `${p.host}:${p.container}`);
  for (const [k, v] of Object.entries(d.env)) args.push('-e', `${k}=${v}`);
  for (const v of d.volumes) args.push('-v', `${v.host}:${v.container}${v.readOnly ? ':ro' : ''}`);
  const labels: [string, string][] = [
    [LABELS.cluster, spec.cluster],
    [LABELS.kind, d.kind],
  ];
  if (d.group !== undefined) labels.push([LABELS.group, d.group]);
  if (d.brokerId !== undefined) labels.push([LABELS.brokerId, String(d.brokerId)]);
  labels.push([LABELS.revision, revision], [LABELS.configHash, configHash]);
  for (const [k, v] of labels) args.push('--label', `${k}=${v}`);
  args.push(d.image, ...d.command);
  return args;
}

/** The hash covers the container's definition (argv with blank revision and hash labels, files). */
function definitionHash(
  argv: readonly string[],
  files: readonly RenderedFile[],
  stopTimeout: number,
): string {
  return sha256(
    JSON.stringify({ argv, files: files.map((f) => [f.path, f.mode, f.content]), stopTimeout }),
  ).slice(0, 16);
}

function finish(spec: Spec, d: ContainerDraft, revision: string, dir: string): RenderedContainer {
  // The hash covers the container's definition, not the revision that created it: a new commit that
  // changes nothing for this container must plan as unchanged.
  const configHash = definitionHash(runArgs(spec, d, '', ''), d.files, spec.stopTimeout);
  const out: RenderedContainer = {
    name: d.name,
    kind: d.kind,
    host: d.host,
    address: own(spec.hosts, d.host)?.address ?? '',
    image: d.image,
    dir,
    dirs: d.dirs,
    files: d.files,
    ports: d.ports.map((p) => p.host),
    port: d.port,
    runArgs: runArgs(spec, d, configHash, revision),
    configHash,
    stopTimeout: spec.stopTimeout,
  };
  if (d.group !== undefined) out.group = d.group;
  if (d.brokerId !== undefined) out.brokerId = d.brokerId;
  if (d.listenPort !== undefined) out.listenPort = d.listenPort;
  if (d.brokerConfig !== undefined) out.brokerConfig = d.brokerConfig;
  return out;
}

function nameServerDraft(spec: Spec, host: string, root: string): ContainerDraft {
  const name = containerName(spec, 'nameServer');
  const dir = posix.join(root, name);
  const heap = spec.nameServers.heap ?? spec.heap.nameServer;
  return {
    name,
    kind: 'nameServer',
    host,
    image: spec.images.rocketmq,
    ports: [{ host: spec.nameServers.port, container: NAME_SERVER_CONTAINER_PORT }],
    port: spec.nameServers.port,
    env: { JAVA_OPT_EXT: heapOpts(heap) },
    volumes: [{ host: `${dir}/logs`, container: IN_CONTAINER.logs }],
    dirs: [{ path: `${dir}/logs`, owner: IMAGE_USER_UID }],
    files: [],
    command: ['sh', 'mqnamesrv'],
  };
}

function brokerDraft(
  spec: Spec,
  group: string,
  instance: BrokerInstance,
  brokerId: number,
  root: string,
): ContainerDraft {
  const kind: ContainerKind = brokerId === 0 ? 'master' : 'slave';
  const name = containerName(spec, kind, group, brokerId);
  const dir = posix.join(root, name);
  const config = renderBrokerConfig(spec, group, instance, brokerId);
  const heap = instance.heap ?? own(spec.brokers, group)?.heap ?? spec.heap.broker;
  const ports = brokerPorts(instance.listenPort);
  return {
    name,
    kind,
    host: instance.host,
    image: spec.images.rocketmq,
    ports: [ports.listen, ports.fast, ports.ha].map((p) => ({ host: p, container: p })),
    port: ports.listen,
    env: {
      NAMESRV_ADDR: config.namesrvAddr ?? '',
      // Appended last by the image's start script: wins over the heap it computes from host memory.
      JAVA_OPT_EXT: `${heapOpts(heap)} -XX:MaxDirectMemorySize=${heap}`,
    },
    volumes: [
      { host: `${dir}/conf`, container: IN_CONTAINER.brokerConf, readOnly: true },
      { host: `${dir}/logs`, container: IN_CONTAINER.logs },
      // The classic recipe forgets this one and `docker rm` deletes every message.
      { host: `${dir}/store`, container: IN_CONTAINER.store },
    ],
    dirs: [
      { path: `${dir}/conf`, owner: IMAGE_USER_UID },
      { path: `${dir}/logs`, owner: IMAGE_USER_UID },
      { path: `${dir}/store`, owner: IMAGE_USER_UID },
    ],
    files: [
      {
        path: `${dir}/conf/broker.conf`,
        content: formatBrokerConf(config, { cluster: spec.cluster, group, kind, host: instance.host }),
        mode: 0o644,
      },
    ],
    command: ['sh', 'mqbroker', '-c', `${IN_CONTAINER.brokerConf}/broker.conf`],
    group,
    brokerId,
    listenPort: instance.listenPort,
    brokerConfig: config,
  };
}

/**
 * rmq-proxy.json of a proxy in cluster mode. It listens inside the container on the ports it
 * publishes, and names its host's address: the routes it gives remoting clients point every broker
 * at remotingAccessAddr:remotingListenPort, which must be reachable from outside the container.
 */
export function renderProxyConfig(spec: Spec, host: string): Record<string, string | number> {
  const proxy = spec.proxy;
  return {
    rocketMQClusterName: spec.cluster,
    namesrvAddr: nameServerAddrs(spec).join(';'),
    remotingAccessAddr: own(spec.hosts, host)?.address ?? '',
    remotingListenPort: proxy?.remotingPort ?? 0,
    grpcServerPort: proxy?.grpcPort ?? 0,
  };
}

function proxyDraft(spec: Spec, host: string, root: string): ContainerDraft | undefined {
  if (!spec.proxy) return undefined;
  const name = containerName(spec, 'proxy');
  const dir = posix.join(root, name);
  const { remotingPort, grpcPort } = spec.proxy;
  return {
    name,
    kind: 'proxy',
    host,
    image: spec.images.rocketmq,
    ports: [remotingPort, grpcPort].map((p) => ({ host: p, container: p })),
    port: remotingPort,
    env: { JAVA_OPT_EXT: heapOpts(spec.proxy.heap) },
    volumes: [
      { host: `${dir}/conf`, container: IN_CONTAINER.proxyConf, readOnly: true },
      { host: `${dir}/logs`, container: IN_CONTAINER.logs },
    ],
    dirs: [
      { path: `${dir}/conf`, owner: IMAGE_USER_UID },
      { path: `${dir}/logs`, owner: IMAGE_USER_UID },
    ],
    files: [
      {
        path: `${dir}/conf/rmq-proxy.json`,
        content: `${JSON.stringify(renderProxyConfig(spec, host), null, 2)}\n`,
        mode: 0o644,
      },
    ],
    // Cluster mode is the proxy's default; -pc names the config (else conf/rmq-proxy.json of the image).
    command: ['sh', 'mqproxy', '-pc', `${IN_CONTAINER.proxyConf}/rmq-proxy.json`],
  };
}

function consoleDraft(spec: Spec, root: string): ContainerDraft | undefined {
  if (!spec.console || !spec.images.console) return undefined;
  const name = containerName(spec, 'console');
  const namesrv = nameServerAddrs(spec).join(';');
  const heap = spec.console.heap ?? spec.heap.console;
  const javaOpts = [
    heapOpts(heap),
    // console-ng and dashboard 1.x read the first; 2.x reads the plural form.
    `-Drocketmq.config.namesrvAddr=${namesrv}`,
    `-Drocketmq.config.namesrvAddrs=${namesrv}`,
    // Otherwise the console talks to brokers on listenPort-2, which may not be reachable.
    '-Drocketmq.config.isVIPChannel=false',
    '-Dcom.rocketmq.sendMessageWithVIPChannel=false',
  ].join(' ');
  return {
    name,
    kind: 'console',
    host: spec.console.host,
    image: spec.images.console,
    ports: [{ host: spec.console.port, container: CONSOLE_CONTAINER_PORT }],
    port: spec.console.port,
    env: { JAVA_OPTS: javaOpts },
    volumes: [],
    dirs: [{ path: posix.join(root, name), owner: IMAGE_USER_UID }],
    files: [],
    command: [],
  };
}

/** Render every container of a valid spec, grouped by host in rollout order. */
export function renderCluster(spec: Spec, revision: string): RenderedCluster {
  const byHost = new Map<string, ContainerDraft[]>();
  for (const host of Object.keys(spec.hosts)) byHost.set(host, []);
  const add = (d: ContainerDraft | undefined) => {
    if (d) byHost.get(d.host)?.push(d);
  };

  for (const host of spec.nameServers.hosts) add(nameServerDraft(spec, host, hostDataRoot(spec, host)));
  for (const [group, g] of Object.entries(spec.brokers)) {
    add(brokerDraft(spec, group, g.master, 0, hostDataRoot(spec, g.master.host)));
    g.slaves.forEach((s, i) => add(brokerDraft(spec, group, s, i + 1, hostDataRoot(spec, s.host))));
  }
  for (const host of spec.proxy?.hosts ?? []) add(proxyDraft(spec, host, hostDataRoot(spec, host)));
  if (spec.console) add(consoleDraft(spec, hostDataRoot(spec, spec.console.host)));

  const order: Record<ContainerKind, number> = { nameServer: 0, slave: 1, master: 2, proxy: 3, console: 4 };
  return {
    cluster: spec.cluster,
    revision,
    nameServers: nameServerAddrs(spec),
    hosts: hostConnections(spec).map((host) => ({
      ...host,
      containers: (byHost.get(host.name) ?? [])
        .sort((a, b) => order[a.kind] - order[b.kind])
        .map((d) => finish(spec, d, revision, posix.join(host.dataRoot, d.name))),
    })),
  };
}

/**
 * A rendered broker with keys added to its broker.conf (what the plan pins from the running broker,
 * e.g. storePathCommitLog across an upgrade): file, config and hash as if the spec had them.
 */
export function withBrokerKeys(
  c: RenderedContainer,
  keys: Readonly<Record<string, string>>,
): RenderedContainer {
  if (!c.brokerConfig) return c;
  // Same order as renderBrokerConfig: derived keys (namesrvAddr last), then the rest sorted.
  const entries = Object.entries({ ...c.brokerConfig, ...keys });
  const cut = entries.findIndex(([k]) => k === 'namesrvAddr') + 1;
  const rest = entries.slice(cut).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const brokerConfig = Object.fromEntries([...entries.slice(0, cut), ...rest]);
  const label = (name: string) => `${name}=`;
  const valueOf = (name: string) =>
    c.runArgs.find((a) => a.startsWith(label(name)))?.slice(label(name).length);
  const header = { cluster: valueOf(LABELS.cluster) ?? '', group: c.group ?? '', kind: c.kind, host: c.host };
  const files = c.files.map((f) =>
    f.path.endsWith('/broker.conf') ? { ...f, content: formatBrokerConf(brokerConfig, header) } : f,
  );
  const blank = (a: string) =>
    a.startsWith(label(LABELS.revision))
      ? label(LABELS.revision)
      : a.startsWith(label(LABELS.configHash))
        ? label(LABELS.configHash)
        : a;
  const configHash = definitionHash(c.runArgs.map(blank), files, c.stopTimeout);
  const runArgs = c.runArgs.map((a) =>
    a.startsWith(label(LABELS.configHash)) ? `${label(LABELS.configHash)}${configHash}` : a,
  );
  return { ...c, brokerConfig, files, configHash, runArgs };
}

export function allContainers(cluster: RenderedCluster): RenderedContainer[] {
  return cluster.hosts.flatMap((h) => h.containers);
}
