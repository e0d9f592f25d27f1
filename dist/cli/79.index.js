export const id = 79;
export const ids = [79,325];
export const modules = {

/***/ 1325:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  IMAGE_USER_UID: () => (/* binding */ IMAGE_USER_UID),
  LABELS: () => (/* binding */ LABELS),
  LABEL_PREFIX: () => (/* binding */ LABEL_PREFIX),
  allContainers: () => (/* binding */ allContainers),
  brokerPorts: () => (/* binding */ brokerPorts),
  containerName: () => (/* binding */ containerName),
  contentRevision: () => (/* binding */ contentRevision),
  formatBrokerConf: () => (/* binding */ formatBrokerConf),
  hostDataRoot: () => (/* binding */ hostDataRoot),
  nameServerAddrs: () => (/* binding */ nameServerAddrs),
  renderBrokerConfig: () => (/* binding */ renderBrokerConfig),
  renderCluster: () => (/* binding */ renderCluster)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/spec/own.ts
var own = __webpack_require__(4223);
;// CONCATENATED MODULE: ./src/render/properties.ts
/**
 * Writing java.util.Properties text. RocketMQ loads broker.conf with Properties#load from a byte
 * stream: ISO-8859-1, backslash escapes, `\uXXXX`, a trailing backslash joining the next line, `#`
 * and `!` starting comments. Written raw, `trace\` would swallow the next key and `tracé` would
 * arrive as `tracÃ©`. This writer escapes like Properties#store does (with every character outside
 * printable ASCII as `\uXXXX`), so the file is plain ASCII and reads back as exactly the value given.
 */
function properties_escape(text, isKey) {
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
    return `${properties_escape(key, true)}=${properties_escape(value, false)}`;
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

;// CONCATENATED MODULE: ./src/render/render.ts




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
        default:
            return `${spec.cluster}-${group}-${brokerId}`;
    }
}
function hostDataRoot(spec, host) {
    return (0,own/* own */.Z)(spec.hosts, host)?.dataRoot ?? spec.dataRoot;
}
function nameServerAddrs(spec) {
    return spec.nameServers.hosts.map((h) => `${(0,own/* own */.Z)(spec.hosts, h)?.address ?? ''}:${spec.nameServers.port}`);
}
function sha256(text) {
    return (0,external_node_crypto_.createHash)('sha256').update(text).digest('hex');
}
/** A revision for specs outside git: the spec's own content hash. */
function contentRevision(specText) {
    return `sha256-${sha256(specText).slice(0, 12)}`;
}
function configValue(value) {
    return typeof value === 'string' ? value : String(value);
}
/**
 * broker.conf for one instance: derived keys first in a fixed order, then the user's keys sorted,
 * so the file diffs cleanly. Later layers win: brokerDefaults < group config < instance config.
 */
function renderBrokerConfig(spec, group, instance, brokerId) {
    const groupSpec = (0,own/* own */.Z)(spec.brokers, group);
    const layered = {
        ...spec.brokerDefaults,
        ...(groupSpec?.config ?? {}),
        ...(instance.config ?? {}),
    };
    const isMaster = brokerId === 0;
    const address = (0,own/* own */.Z)(spec.hosts, instance.host)?.address ?? '';
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
    derived.listenPort = String(instance.listenPort);
    derived.namesrvAddr = nameServerAddrs(spec).join(';');
    const user = {};
    for (const key of Object.keys(layered).sort()) {
        const value = (0,own/* own */.Z)(layered, key);
        if (Object.hasOwn(derived, key) || value === undefined)
            continue;
        user[key] = configValue(value);
    }
    return { ...derived, ...user };
}
function formatBrokerConf(config, header) {
    // Escaped for java.util.Properties (RocketMQ's reader): every value reaches the broker as written.
    return formatPropertiesFile(Object.entries(config), [
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
function finish(spec, d, revision, dir) {
    // The hash covers the container's definition, not the revision that created it: a new commit that
    // changes nothing for this container must plan as unchanged.
    const configHash = sha256(JSON.stringify({
        argv: runArgs(spec, d, '', ''),
        files: d.files.map((f) => [f.path, f.mode, f.content]),
        stopTimeout: spec.stopTimeout,
    })).slice(0, 16);
    const out = {
        name: d.name,
        kind: d.kind,
        host: d.host,
        address: (0,own/* own */.Z)(spec.hosts, d.host)?.address ?? '',
        image: d.image,
        dir,
        dirs: d.dirs,
        files: d.files,
        ports: d.ports.map((p) => p.host),
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
    const dir = external_node_path_.posix.join(root, name);
    const heap = spec.nameServers.heap ?? spec.heap.nameServer;
    return {
        name,
        kind: 'nameServer',
        host,
        image: spec.images.rocketmq,
        ports: [{ host: spec.nameServers.port, container: NAME_SERVER_CONTAINER_PORT }],
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
    const dir = external_node_path_.posix.join(root, name);
    const config = renderBrokerConfig(spec, group, instance, brokerId);
    const heap = instance.heap ?? (0,own/* own */.Z)(spec.brokers, group)?.heap ?? spec.heap.broker;
    const ports = brokerPorts(instance.listenPort);
    return {
        name,
        kind,
        host: instance.host,
        image: spec.images.rocketmq,
        ports: [ports.listen, ports.fast, ports.ha].map((p) => ({ host: p, container: p })),
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
        env: { JAVA_OPTS: javaOpts },
        volumes: [],
        dirs: [{ path: external_node_path_.posix.join(root, name), owner: IMAGE_USER_UID }],
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
    if (spec.console)
        add(consoleDraft(spec, hostDataRoot(spec, spec.console.host)));
    const order = { nameServer: 0, slave: 1, master: 2, console: 3 };
    return {
        cluster: spec.cluster,
        revision,
        nameServers: nameServerAddrs(spec),
        hosts: [...byHost.entries()].map(([name, drafts]) => {
            const root = hostDataRoot(spec, name);
            return {
                name,
                address: (0,own/* own */.Z)(spec.hosts, name)?.address ?? '',
                dataRoot: root,
                containers: drafts
                    .sort((a, b) => order[a.kind] - order[b.kind])
                    .map((d) => finish(spec, d, revision, external_node_path_.posix.join(root, d.name))),
            };
        }),
    };
}
function allContainers(cluster) {
    return cluster.hosts.flatMap((h) => h.containers);
}


/***/ }),

/***/ 9079:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   buildManifest: () => (/* binding */ buildManifest),
/* harmony export */   writeRendered: () => (/* binding */ writeRendered)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _render_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1325);



function buildManifest(cluster) {
    return {
        cluster: cluster.cluster,
        revision: cluster.revision,
        nameServers: cluster.nameServers,
        containers: (0,_render_js__WEBPACK_IMPORTED_MODULE_2__.allContainers)(cluster).map((c) => ({
            name: c.name,
            kind: c.kind,
            host: c.host,
            address: c.address,
            ...(c.group !== undefined ? { group: c.group } : {}),
            ...(c.brokerId !== undefined ? { brokerId: c.brokerId } : {}),
            image: c.image,
            ports: c.ports,
            configHash: c.configHash,
            files: c.files.map((f) => ({
                hostPath: f.path,
                renderedPath: `${c.host}/${c.name}/${f.path.slice(f.path.lastIndexOf('/') + 1)}`,
            })),
            runArgv: ['docker', ...c.runArgs],
        })),
    };
}
/**
 * Write one folder per host with its containers' files and the `docker run` argv, plus manifest.json.
 * The folder is replaced whole so no stale file from an earlier render survives.
 */
async function writeRendered(cluster, outDir) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(outDir, { recursive: true, force: true });
    const manifest = buildManifest(cluster);
    for (const c of (0,_render_js__WEBPACK_IMPORTED_MODULE_2__.allContainers)(cluster)) {
        const dir = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(outDir, c.host, c.name);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)(dir, { recursive: true });
        for (const f of c.files)
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, f.path.slice(f.path.lastIndexOf('/') + 1)), f.content);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, 'docker-run.json'), `${JSON.stringify(['docker', ...c.runArgs], null, 2)}\n`);
    }
    const manifestPath = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(outDir, 'manifest.json');
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    return manifestPath;
}


/***/ })

};
