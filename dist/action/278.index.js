export const id = 278;
export const ids = [278];
export const modules = {

/***/ 4278:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IMAGE_USER_UID: () => (/* binding */ IMAGE_USER_UID),
/* harmony export */   LABELS: () => (/* binding */ LABELS),
/* harmony export */   LABEL_PREFIX: () => (/* binding */ LABEL_PREFIX),
/* harmony export */   allContainers: () => (/* binding */ allContainers),
/* harmony export */   brokerPorts: () => (/* binding */ brokerPorts),
/* harmony export */   containerName: () => (/* binding */ containerName),
/* harmony export */   contentRevision: () => (/* binding */ contentRevision),
/* harmony export */   formatBrokerConf: () => (/* binding */ formatBrokerConf),
/* harmony export */   hasRocketmq4HaClient: () => (/* binding */ hasRocketmq4HaClient),
/* harmony export */   hostConnections: () => (/* binding */ hostConnections),
/* harmony export */   hostDataRoot: () => (/* binding */ hostDataRoot),
/* harmony export */   nameServerAddrs: () => (/* binding */ nameServerAddrs),
/* harmony export */   renderBrokerConfig: () => (/* binding */ renderBrokerConfig),
/* harmony export */   renderCluster: () => (/* binding */ renderCluster),
/* harmony export */   renderProxyConfig: () => (/* binding */ renderProxyConfig),
/* harmony export */   withBrokerKeys: () => (/* binding */ withBrokerKeys)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _spec_broker_keys_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1659);
/* harmony import */ var _spec_own_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4223);
/* harmony import */ var _rocketmq_properties_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(313);





const LABEL_PREFIX = 'rocketmq-rollout';
const LABELS = {
    cluster: `${LABEL_PREFIX}.cluster`,
    kind: `${LABEL_PREFIX}.kind`,
    group: `${LABEL_PREFIX}.group`,
    brokerId: `${LABEL_PREFIX}.broker-id`,
    revision: `${LABEL_PREFIX}.revision`,
    configHash: `${LABEL_PREFIX}.config-hash`,
};
/** Paths inside the official image (apacherocketmq/rocketmq): user rocketmq, uid 3000. */
const IMAGE_USER_UID = 3000;
const IN_CONTAINER = {
    logs: '/home/rocketmq/logs',
    store: '/home/rocketmq/store',
    /** A directory, not a single file: an atomic rename on the host must be seen by the container. */
    brokerConf: '/home/rocketmq/broker-conf',
    proxyConf: '/home/rocketmq/proxy-conf',
};
const NAME_SERVER_CONTAINER_PORT = 9876;
const CONSOLE_CONTAINER_PORT = 8080;
/** The three ports a broker publishes: RocketMQ derives the fast and HA ports from listenPort. */
function brokerPorts(listenPort) {
    return { listen: listenPort, fast: listenPort - 2, ha: listenPort + 1 };
}
function containerName(spec, kind, group, brokerId) {
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
function hostDataRoot(spec, host) {
    return (0,_spec_own_js__WEBPACK_IMPORTED_MODULE_3__/* .own */ .Z)(spec.hosts, host)?.dataRoot ?? spec.dataRoot;
}
/** Every host of the spec, in spec order, with what it takes to reach it. */
function hostConnections(spec) {
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
function nameServerAddrs(spec) {
    return spec.nameServers.hosts.map((h) => `${(0,_spec_own_js__WEBPACK_IMPORTED_MODULE_3__/* .own */ .Z)(spec.hosts, h)?.address ?? ''}:${spec.nameServers.port}`);
}
function sha256(text) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(text).digest('hex');
}
/** A revision for specs outside git: the spec's own content hash. */
function contentRevision(specText) {
    return `sha256-${sha256(specText).slice(0, 12)}`;
}
function configValue(value) {
    return typeof value === 'string' ? value : String(value);
}
/** Whether the image runs RocketMQ 4.x's HA client (an unknown version counts as not: 5.x keeps its own ways). */
function hasRocketmq4HaClient(image) {
    const text = (0,_spec_broker_keys_js__WEBPACK_IMPORTED_MODULE_2__/* .rocketmqVersionOf */ .Ko)(image);
    return (text ? (0,_spec_broker_keys_js__WEBPACK_IMPORTED_MODULE_2__/* .parseVersion */ .ot)(text) : undefined)?.major === 4;
}
/**
 * Our defaults for a slave, under every layer of the spec (a user's value wins). A 4.x HA client
 * sends its first offset report, the request that starts the master streaming, only
 * haSendHeartbeatInterval (5 s) after it connects: on every slave start and again after every
 * master restart, the slave replicated nothing for 5 s. At 1 s it reports within a second; the
 * cost is an 8-byte heartbeat a second. 5.x keeps its last report's time across a reconnect and
 * reports at once, so it keeps RocketMQ's default.
 */
function slaveDefaults(image) {
    return hasRocketmq4HaClient(image) ? { haSendHeartbeatInterval: 1000 } : {};
}
/**
 * broker.conf for one instance: derived keys first in a fixed order, then the user's keys sorted,
 * so the file diffs cleanly. Later layers win: brokerDefaults < group config < instance config.
 */
function renderBrokerConfig(spec, group, instance, brokerId) {
    const groupSpec = (0,_spec_own_js__WEBPACK_IMPORTED_MODULE_3__/* .own */ .Z)(spec.brokers, group);
    const isMaster = brokerId === 0;
    const layered = {
        ...(isMaster ? {} : slaveDefaults(spec.images.rocketmq)),
        ...spec.brokerDefaults,
        ...(groupSpec?.config ?? {}),
        ...(instance.config ?? {}),
    };
    const address = (0,_spec_own_js__WEBPACK_IMPORTED_MODULE_3__/* .own */ .Z)(spec.hosts, instance.host)?.address ?? '';
    const derived = {
        brokerClusterName: spec.cluster,
        brokerName: group,
        brokerId: String(brokerId),
        brokerRole: isMaster ? configValue(layered.brokerRole ?? 'ASYNC_MASTER') : 'SLAVE',
        brokerIP1: address,
    };
    // A slave streams the commit log from brokerIP2:haPort; the container's own address is unreachable
    // from other hosts, so a master advertises its host address or replication silently never starts.
    if (isMaster)
        derived.brokerIP2 = address;
    // A 4.x slave that knows its master's HA address from its file connects as it starts. Without it
    // the slave learns the address when it first registers, just after its HA client has found none
    // and gone to sleep for 5 s: about 10 s before it replicates, on every slave start. The HA port
    // is listenPort+1 (haListenPort is derived too). Not on 5.x: its slave also learns the address
    // from its master (BrokerController.onMasterOnline, which clears it when the master goes
    // offline), and with one fixed in the file a 5.3.3 slave of a 4.9.7 master replicated nothing in
    // the lab for 60 s. Without it, 5.3.3 slaves replicated about 5 s after they started.
    const master = groupSpec?.master;
    if (!isMaster && master && hasRocketmq4HaClient(spec.images.rocketmq))
        derived.haMasterAddress = `${(0,_spec_own_js__WEBPACK_IMPORTED_MODULE_3__/* .own */ .Z)(spec.hosts, master.host)?.address ?? ''}:${brokerPorts(master.listenPort).ha}`;
    derived.listenPort = String(instance.listenPort);
    derived.namesrvAddr = nameServerAddrs(spec).join(';');
    const user = {};
    for (const key of Object.keys(layered).sort()) {
        const value = (0,_spec_own_js__WEBPACK_IMPORTED_MODULE_3__/* .own */ .Z)(layered, key);
        if (Object.hasOwn(derived, key) || value === undefined)
            continue;
        user[key] = configValue(value);
    }
    return { ...derived, ...user };
}
function formatBrokerConf(config, header) {
    // Escaped for java.util.Properties (RocketMQ's reader): every value reaches the broker as written.
    return (0,_rocketmq_properties_js__WEBPACK_IMPORTED_MODULE_4__/* .formatPropertiesFile */ .PV)(Object.entries(config), [
        `Rendered by rocketmq-rollout: cluster ${header.cluster}, group ${header.group}, ${header.kind} on host ${header.host}.`,
        'Do not edit on the host: the next deploy replaces this file.',
    ]);
}
function heapOpts(heap) {
    return `-Xms${heap} -Xmx${heap}`;
}
function runArgs(spec, d, configHash, revision) {
    const args = ['run', '-d', '--name', d.name, '--restart', spec.restartPolicy];
    args.push('--stop-timeout', String(spec.stopTimeout));
    for (const p of d.ports)
        args.push('-p', `${p.host}:${p.container}`);
    for (const [k, v] of Object.entries(d.env))
        args.push('-e', `${k}=${v}`);
    for (const v of d.volumes)
        args.push('-v', `${v.host}:${v.container}${v.readOnly ? ':ro' : ''}`);
    const labels = [
        [LABELS.cluster, spec.cluster],
        [LABELS.kind, d.kind],
    ];
    if (d.group !== undefined)
        labels.push([LABELS.group, d.group]);
    if (d.brokerId !== undefined)
        labels.push([LABELS.brokerId, String(d.brokerId)]);
    labels.push([LABELS.revision, revision], [LABELS.configHash, configHash]);
    for (const [k, v] of labels)
        args.push('--label', `${k}=${v}`);
    args.push(d.image, ...d.command);
    return args;
}
/** The hash covers the container's definition (argv with blank revision and hash labels, files). */
function definitionHash(argv, files, stopTimeout) {
    return sha256(JSON.stringify({ argv, files: files.map((f) => [f.path, f.mode, f.content]), stopTimeout })).slice(0, 16);
}
function finish(spec, d, revision, dir) {
    // The hash covers the container's definition, not the revision that created it: a new commit that
    // changes nothing for this container must plan as unchanged.
    const configHash = definitionHash(runArgs(spec, d, '', ''), d.files, spec.stopTimeout);
    const out = {
        name: d.name,
        kind: d.kind,
        host: d.host,
        address: (0,_spec_own_js__WEBPACK_IMPORTED_MODULE_3__/* .own */ .Z)(spec.hosts, d.host)?.address ?? '',
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
    if (d.group !== undefined)
        out.group = d.group;
    if (d.brokerId !== undefined)
        out.brokerId = d.brokerId;
    if (d.listenPort !== undefined)
        out.listenPort = d.listenPort;
    if (d.brokerConfig !== undefined)
        out.brokerConfig = d.brokerConfig;
    return out;
}
function nameServerDraft(spec, host, root) {
    const name = containerName(spec, 'nameServer');
    const dir = node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(root, name);
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
function brokerDraft(spec, group, instance, brokerId, root) {
    const kind = brokerId === 0 ? 'master' : 'slave';
    const name = containerName(spec, kind, group, brokerId);
    const dir = node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(root, name);
    const config = renderBrokerConfig(spec, group, instance, brokerId);
    const heap = instance.heap ?? (0,_spec_own_js__WEBPACK_IMPORTED_MODULE_3__/* .own */ .Z)(spec.brokers, group)?.heap ?? spec.heap.broker;
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
function renderProxyConfig(spec, host) {
    const proxy = spec.proxy;
    return {
        rocketMQClusterName: spec.cluster,
        namesrvAddr: nameServerAddrs(spec).join(';'),
        remotingAccessAddr: (0,_spec_own_js__WEBPACK_IMPORTED_MODULE_3__/* .own */ .Z)(spec.hosts, host)?.address ?? '',
        remotingListenPort: proxy?.remotingPort ?? 0,
        grpcServerPort: proxy?.grpcPort ?? 0,
    };
}
function proxyDraft(spec, host, root) {
    if (!spec.proxy)
        return undefined;
    const name = containerName(spec, 'proxy');
    const dir = node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(root, name);
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
function consoleDraft(spec, root) {
    if (!spec.console || !spec.images.console)
        return undefined;
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
        dirs: [{ path: node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(root, name), owner: IMAGE_USER_UID }],
        files: [],
        command: [],
    };
}
/** Render every container of a valid spec, grouped by host in rollout order. */
function renderCluster(spec, revision) {
    const byHost = new Map();
    for (const host of Object.keys(spec.hosts))
        byHost.set(host, []);
    const add = (d) => {
        if (d)
            byHost.get(d.host)?.push(d);
    };
    for (const host of spec.nameServers.hosts)
        add(nameServerDraft(spec, host, hostDataRoot(spec, host)));
    for (const [group, g] of Object.entries(spec.brokers)) {
        add(brokerDraft(spec, group, g.master, 0, hostDataRoot(spec, g.master.host)));
        g.slaves.forEach((s, i) => add(brokerDraft(spec, group, s, i + 1, hostDataRoot(spec, s.host))));
    }
    for (const host of spec.proxy?.hosts ?? [])
        add(proxyDraft(spec, host, hostDataRoot(spec, host)));
    if (spec.console)
        add(consoleDraft(spec, hostDataRoot(spec, spec.console.host)));
    const order = { nameServer: 0, slave: 1, master: 2, proxy: 3, console: 4 };
    return {
        cluster: spec.cluster,
        revision,
        nameServers: nameServerAddrs(spec),
        hosts: hostConnections(spec).map((host) => ({
            ...host,
            containers: (byHost.get(host.name) ?? [])
                .sort((a, b) => order[a.kind] - order[b.kind])
                .map((d) => finish(spec, d, revision, node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(host.dataRoot, d.name))),
        })),
    };
}
/**
 * A rendered broker with keys added to its broker.conf (what the plan pins from the running broker,
 * e.g. storePathCommitLog across an upgrade): file, config and hash as if the spec had them.
 */
function withBrokerKeys(c, keys) {
    if (!c.brokerConfig)
        return c;
    // Same order as renderBrokerConfig: derived keys (namesrvAddr last), then the rest sorted.
    const entries = Object.entries({ ...c.brokerConfig, ...keys });
    const cut = entries.findIndex(([k]) => k === 'namesrvAddr') + 1;
    const rest = entries.slice(cut).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const brokerConfig = Object.fromEntries([...entries.slice(0, cut), ...rest]);
    const label = (name) => `${name}=`;
    const valueOf = (name) => c.runArgs.find((a) => a.startsWith(label(name)))?.slice(label(name).length);
    const header = { cluster: valueOf(LABELS.cluster) ?? '', group: c.group ?? '', kind: c.kind, host: c.host };
    const files = c.files.map((f) => f.path.endsWith('/broker.conf') ? { ...f, content: formatBrokerConf(brokerConfig, header) } : f);
    const blank = (a) => a.startsWith(label(LABELS.revision))
        ? label(LABELS.revision)
        : a.startsWith(label(LABELS.configHash))
            ? label(LABELS.configHash)
            : a;
    const configHash = definitionHash(c.runArgs.map(blank), files, c.stopTimeout);
    const runArgs = c.runArgs.map((a) => a.startsWith(label(LABELS.configHash)) ? `${label(LABELS.configHash)}${configHash}` : a);
    return { ...c, brokerConfig, files, configHash, runArgs };
}
function allContainers(cluster) {
    return cluster.hosts.flatMap((h) => h.containers);
}


/***/ }),

/***/ 313:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $9: () => (/* binding */ parseProperties),
/* harmony export */   PV: () => (/* binding */ formatPropertiesFile),
/* harmony export */   zx: () => (/* binding */ parseBrokerConfigReport)
/* harmony export */ });
/* unused harmony exports propertiesLine, PropertiesSyntaxError */
/**
 * Writing java.util.Properties text. RocketMQ loads broker.conf with Properties#load from a byte
 * stream: ISO-8859-1, backslash escapes, `\uXXXX`, a trailing backslash joining the next line, `#`
 * and `!` starting comments. Written raw, `trace\` would swallow the next key and `tracé` would
 * arrive as `tracÃ©`. This writer escapes like Properties#store does (with every character outside
 * printable ASCII as `\uXXXX`), so the file is plain ASCII and reads back as exactly the value given.
 */
function escape(text, isKey) {
    let out = '';
    for (let i = 0; i < text.length; i += 1) {
        const c = text.charAt(i);
        const code = text.charCodeAt(i);
        switch (c) {
            case '\\':
                out += '\\\\';
                break;
            case '\t':
                out += '\\t';
                break;
            case '\n':
                out += '\\n';
                break;
            case '\r':
                out += '\\r';
                break;
            case '\f':
                out += '\\f';
                break;
            case '=':
            case ':':
            case '#':
            case '!':
                // They end a key (or start a comment line); once the `=` is written, a value holds them as is.
                out += isKey ? `\\${c}` : c;
                break;
            case ' ':
                // Properties skips the whitespace that starts a value and ends a key at one.
                out += i === 0 || isKey ? '\\ ' : ' ';
                break;
            default:
                // One UTF-16 unit at a time: Java reads a surrogate pair back as the same two units.
                out += code < 0x20 || code > 0x7e ? `\\u${code.toString(16).toUpperCase().padStart(4, '0')}` : c;
        }
    }
    return out;
}
/** One `key=value` line (without the line break) that Properties#load reads back unchanged. */
function propertiesLine(key, value) {
    return `${escape(key, true)}=${escape(value, false)}`;
}
/**
 * A whole file: `comments` as `#` lines (each must be one line of printable text), then one line
 * per entry, in the given order, ending with a line break.
 */
function formatPropertiesFile(entries, comments = []) {
    const lines = comments.map((c) => `# ${escapeComment(c)}`);
    for (const [key, value] of entries)
        lines.push(propertiesLine(key, value));
    return `${lines.join('\n')}\n`;
}
/** Comments are free text: keep them on their line and in ASCII. */
function escapeComment(text) {
    return text.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}
/**
 * java.util.Properties#load, for broker.conf files read back from a host (plan and undo compare them
 * with the rendered config). Java semantics matter here: values are NOT trimmed at the end (4.x does
 * not trim either), `\` escapes and `\uXXXX` are decoded, a trailing odd backslash continues the
 * line, `#`/`!` start comments, and the key ends at `=`, `:` or whitespace. The input is
 * already-decoded text; rendered files are plain ASCII, so there is no ISO-8859-1 step. The answer to
 * GET_BROKER_CONFIG is not escaped at all: parseBrokerConfigReport reads it.
 */
class PropertiesSyntaxError extends SyntaxError {
    constructor(message) {
        super(message);
        this.name = 'PropertiesSyntaxError';
    }
}
const isBlank = (c) => c === ' ' || c === '\t' || c === '\f';
/** Later definitions of a key replace earlier ones, as Properties.put does. */
function parseProperties(text) {
    const result = Object.create(null);
    for (const line of logicalLines(text)) {
        const [key, value] = splitKeyValue(line);
        result[key] = value;
    }
    return result;
}
/**
 * Joins continued lines and drops blank and comment lines, leaving escapes in place (like
 * Properties.LineReader): a continuation is a line ending in an odd number of backslashes; the
 * next line's leading whitespace is skipped.
 */
function logicalLines(text) {
    const natural = text.split(/\r\n|\r|\n/);
    const lines = [];
    let current;
    for (const raw of natural) {
        let start = 0;
        while (isBlank(raw[start]))
            start += 1;
        const rest = raw.slice(start);
        if (current === undefined) {
            if (rest === '' || rest.startsWith('#') || rest.startsWith('!'))
                continue;
            current = '';
        }
        else if (rest === '') {
            // A continuation onto an empty line ends the logical line there.
            lines.push(current);
            current = undefined;
            continue;
        }
        let backslashes = 0;
        for (let i = rest.length - 1; i >= 0 && rest[i] === '\\'; i -= 1)
            backslashes += 1;
        if (backslashes % 2 === 1) {
            current += rest.slice(0, -1);
        }
        else {
            lines.push(current + rest);
            current = undefined;
        }
    }
    // A backslash on the very last line continues into nothing: Java drops it and keeps the line.
    if (current !== undefined && current !== '')
        lines.push(current);
    return lines;
}
function splitKeyValue(line) {
    let keyEnd = 0;
    let valueStart = line.length;
    let hasSeparator = false;
    let escaped = false;
    while (keyEnd < line.length) {
        const c = line[keyEnd];
        if (!escaped && (c === '=' || c === ':')) {
            valueStart = keyEnd + 1;
            hasSeparator = true;
            break;
        }
        if (!escaped && isBlank(c)) {
            valueStart = keyEnd + 1;
            break;
        }
        escaped = c === '\\' ? !escaped : false;
        keyEnd += 1;
    }
    // Whitespace, then at most one '=' or ':' if the key ended on whitespace, then whitespace.
    while (valueStart < line.length) {
        const c = line[valueStart];
        if (!isBlank(c)) {
            if (!hasSeparator && (c === '=' || c === ':'))
                hasSeparator = true;
            else
                break;
        }
        valueStart += 1;
    }
    return [unescape(line.slice(0, keyEnd)), unescape(line.slice(valueStart))];
}
function unescape(s) {
    if (!s.includes('\\'))
        return s;
    let out = '';
    for (let i = 0; i < s.length; i += 1) {
        const c = s[i];
        if (c !== '\\') {
            out += c;
            continue;
        }
        i += 1;
        const e = s[i];
        if (e === undefined)
            break; // a lone trailing backslash: Java drops it
        if (e === 'u') {
            const hex = s.slice(i + 1, i + 5);
            if (!/^[0-9a-fA-F]{4}$/.test(hex))
                throw new PropertiesSyntaxError(`Malformed \\uxxxx encoding in ${JSON.stringify(s)}`);
            out += String.fromCharCode(parseInt(hex, 16));
            i += 4;
        }
        else if (e === 't')
            out += '\t';
        else if (e === 'n')
            out += '\n';
        else if (e === 'r')
            out += '\r';
        else if (e === 'f')
            out += '\f';
        else
            out += e;
    }
    return out;
}
/**
 * The body of GET_BROKER_CONFIG as the broker writes it: MixAll.properties2String appends
 * `key + "=" + value + "\n"` for every entry, with no escaping. Read with Properties semantics, a
 * loaded `trace\` would continue into the next key and a literal `\u0041` would turn into `A`, so a
 * broker that loaded the rendered value exactly would look wrong; split each line at its first `=`.
 */
function parseBrokerConfigReport(text) {
    const result = Object.create(null);
    for (const line of text.split('\n')) {
        const eq = line.indexOf('=');
        if (eq <= 0)
            continue;
        result[line.slice(0, eq)] = line.slice(eq + 1);
    }
    return result;
}


/***/ })

};
