"use strict";
exports.id = 776;
exports.ids = [776,187,435];
exports.modules = {

/***/ 435:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GX: () => (/* binding */ observationChanges),
/* harmony export */   KY: () => (/* binding */ observationOf),
/* harmony export */   SC: () => (/* binding */ renderedDigest),
/* harmony export */   lK: () => (/* binding */ makeSavedPlan),
/* harmony export */   parseSavedPlan: () => (/* binding */ parseSavedPlan)
/* harmony export */ });
/* unused harmony exports PLAN_FORMAT_VERSION, PlanFileError */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5586);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);



/**
 * A plan as a file (`plan --out`), the artefact a reviewer approves: the spec it was made from,
 * what it renders, what it saw on every host and what it will do. `deploy --plan` re-reads the
 * hosts and runs it only if they still look exactly as the plan saw them, so what runs is what
 * was approved; a fingerprint over all of it catches an edited or truncated file.
 */
const PLAN_FORMAT_VERSION = 1;
const sha256 = (text) => (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(text).digest('hex');
/** Canonical JSON (sorted keys) so that the fingerprint does not depend on key order. */
function canonical(value) {
    if (Array.isArray(value))
        return `[${value.map(canonical).join(',')}]`;
    if (value && typeof value === 'object') {
        const entries = Object.entries(value)
            .filter(([, v]) => v !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
    }
    return JSON.stringify(value);
}
const ContainerSeen = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    name: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    id: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    image: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    running: zod__WEBPACK_IMPORTED_MODULE_2__/* .boolean */ .zMY(),
});
const HostSeen = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    containers: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(ContainerSeen),
    /** sha256 of each rendered file as deployed then; null: the file was missing. */
    files: zod__WEBPACK_IMPORTED_MODULE_2__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().nullable()),
});
const SavedPlanSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    kind: zod__WEBPACK_IMPORTED_MODULE_2__/* .literal */ .euz('rocketmq-rollout-plan'),
    formatVersion: zod__WEBPACK_IMPORTED_MODULE_2__/* .literal */ .euz(PLAN_FORMAT_VERSION),
    createdAt: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    cluster: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    revision: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    specPath: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    specText: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    specSha256: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    onlyHosts: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()).optional(),
    /** host → container → configHash of what the spec renders. */
    rendered: zod__WEBPACK_IMPORTED_MODULE_2__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_2__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP())),
    observed: zod__WEBPACK_IMPORTED_MODULE_2__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(), HostSeen),
    entries: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
        host: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
        name: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
        kind: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
        action: zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(['unchanged', 'create', 'replace', 'orphaned']),
        reasons: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()),
    })),
    fingerprint: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
});
function observationOf(observed) {
    return Object.fromEntries(observed.map((o) => [
        o.host,
        {
            containers: o.containers
                .map((c) => ({ name: c.name, id: c.id, image: c.image, running: c.running }))
                .sort((a, b) => a.name.localeCompare(b.name)),
            files: Object.fromEntries(Object.entries(o.files)
                .sort(([a], [b]) => a.localeCompare(b))
                .map(([path, text]) => [path, text === undefined ? null : sha256(text)])),
        },
    ]));
}
function renderedDigest(cluster) {
    return Object.fromEntries(cluster.hosts.map((h) => [h.name, Object.fromEntries(h.containers.map((c) => [c.name, c.configHash]))]));
}
function fingerprintOf(p) {
    const { createdAt, ...rest } = p;
    void createdAt;
    return sha256(canonical(rest));
}
function makeSavedPlan(input) {
    const body = {
        kind: 'rocketmq-rollout-plan',
        formatVersion: PLAN_FORMAT_VERSION,
        createdAt: (input.now ?? new Date()).toISOString(),
        cluster: input.cluster.cluster,
        revision: input.cluster.revision,
        specPath: input.specPath,
        specText: input.specText,
        specSha256: sha256(input.specText),
        ...(input.onlyHosts?.length ? { onlyHosts: [...input.onlyHosts] } : {}),
        rendered: renderedDigest(input.cluster),
        observed: observationOf(input.observed),
        entries: input.plan.entries.map((e) => ({
            host: e.host,
            name: e.name,
            kind: e.kind,
            action: e.action,
            reasons: e.reasons,
        })),
    };
    return { ...body, fingerprint: fingerprintOf(body) };
}
class PlanFileError extends _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .RolloutError */ .a6 {
    constructor(message) {
        super('plan-file', message);
    }
}
/** Reads a plan file; refuses one of another format, a damaged or an edited one. */
function parseSavedPlan(text, file) {
    let json;
    try {
        json = JSON.parse(text);
    }
    catch {
        throw new PlanFileError(`${file} is not a plan file (not JSON)`);
    }
    const version = json?.formatVersion;
    if (version !== undefined && version !== PLAN_FORMAT_VERSION) {
        throw new PlanFileError(`${file} has plan format ${typeof version === 'string' || typeof version === 'number' ? version : JSON.stringify(version)}; this rocketmq-rollout reads format ${PLAN_FORMAT_VERSION}: make the plan again`);
    }
    const parsed = SavedPlanSchema.safeParse(json);
    if (!parsed.success)
        throw new PlanFileError(`${file} is not a plan file of rocketmq-rollout plan --out`);
    const { fingerprint, ...body } = parsed.data;
    if (fingerprintOf(body) !== fingerprint || sha256(body.specText) !== body.specSha256) {
        throw new PlanFileError(`${file} was changed after it was made (its fingerprint does not match): make the plan again`);
    }
    return parsed.data;
}
/**
 * What differs between the hosts as the plan saw them and as they are now, one line each, in host
 * order; empty when nothing does.
 */
function observationChanges(planned, now) {
    const out = [];
    for (const host of [...new Set([...Object.keys(planned), ...Object.keys(now)])]) {
        const a = planned[host] ?? { containers: [], files: {} };
        const b = now[host] ?? { containers: [], files: {} };
        const before = new Map(a.containers.map((c) => [c.name, c]));
        const after = new Map(b.containers.map((c) => [c.name, c]));
        for (const [name, c] of before) {
            const d = after.get(name);
            if (!d)
                out.push(`${host}: container ${name} was removed`);
            else if (d.id !== c.id)
                out.push(`${host}: container ${name} was replaced (${c.id.slice(0, 12)} → ${d.id.slice(0, 12)})`);
            else {
                if (d.image !== c.image)
                    out.push(`${host}: container ${name} runs image ${d.image}, not ${c.image}`);
                if (d.running !== c.running)
                    out.push(`${host}: container ${name} is ${d.running ? 'running' : 'stopped'} now`);
            }
        }
        for (const name of after.keys())
            if (!before.has(name))
                out.push(`${host}: container ${name} appeared`);
        for (const path of [...new Set([...Object.keys(a.files), ...Object.keys(b.files)])].sort()) {
            const x = a.files[path] ?? null;
            const y = b.files[path] ?? null;
            if (x === y)
                continue;
            out.push(`${host}: ${path} ${x === null ? 'was created' : y === null ? 'was removed' : 'was edited'} since the plan`);
        }
    }
    return out;
}


/***/ }),

/***/ 187:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   readUserSshConfig: () => (/* binding */ readUserSshConfig),
/* harmony export */   tE: () => (/* binding */ sshConfigEntry),
/* harmony export */   xN: () => (/* binding */ readIdentity)
/* harmony export */ });
/* unused harmony export expandHome */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var ssh_config__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(699);




const first = (v) => (Array.isArray(v) ? v[0] : v);
/** The entry for `host` (the address the spec gives); throws on what the CLI cannot honour. */
function sshConfigEntry(configText, host) {
    const computed = ssh_config__WEBPACK_IMPORTED_MODULE_3__/* ["default"].parse */ .Ay.parse(configText).compute(host);
    const entry = { identityFiles: [] };
    const user = first(computed.User);
    if (user)
        entry.user = user;
    const port = first(computed.Port);
    if (port) {
        const n = Number(port);
        if (!Number.isInteger(n) || n < 1 || n > 65535) {
            throw new Error(`~/.ssh/config: Port '${port}' for ${host} is not a port number`);
        }
        entry.port = n;
    }
    const files = computed.IdentityFile;
    entry.identityFiles = (Array.isArray(files) ? files : files ? [files] : []).filter(Boolean);
    const jump = first(computed.ProxyJump);
    if (jump && jump.toLowerCase() !== 'none') {
        if (jump.includes(',')) {
            throw new Error(`~/.ssh/config: ProxyJump '${jump}' for ${host} has several hops; only one is supported`);
        }
        // ssh://user@host:port is ProxyJump's URI form; the bare form is what --jump-host takes.
        entry.proxyJump = jump.replace(/^ssh:\/\//, '');
    }
    return entry;
}
/** `~` and `%d` (home) expanded as ssh does for IdentityFile; other tokens are left as written. */
function expandHome(file, home = (0,node_os__WEBPACK_IMPORTED_MODULE_1__.homedir)()) {
    const expanded = file.replace(/%d/g, home);
    if (expanded === '~')
        return home;
    if (expanded.startsWith('~/'))
        return node_path__WEBPACK_IMPORTED_MODULE_2___default().join(home, expanded.slice(2));
    return expanded;
}
/** The first IdentityFile that can be read, with its path, or undefined when none can. */
async function readIdentity(files) {
    for (const f of files) {
        const p = expandHome(f);
        try {
            return { path: p, key: await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(p, 'utf8') };
        }
        catch {
            // ssh skips identity files that are not there; so do we.
        }
    }
    return undefined;
}
/** ~/.ssh/config as text, or '' when there is none. */
async function readUserSshConfig(file = node_path__WEBPACK_IMPORTED_MODULE_2___default().join((0,node_os__WEBPACK_IMPORTED_MODULE_1__.homedir)(), '.ssh', 'config')) {
    try {
        return await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(file, 'utf8');
    }
    catch {
        return '';
    }
}


/***/ }),

/***/ 9776:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runRemoteCommand: () => (/* binding */ runRemoteCommand)
});

// UNUSED EXPORTS: RunError, clusterStatus

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 14 modules
var schemas = __webpack_require__(5586);
// EXTERNAL MODULE: ./node_modules/zod/v4/core/errors.js
var errors = __webpack_require__(7428);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
var external_node_http_default = /*#__PURE__*/__webpack_require__.n(external_node_http_);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
var external_node_net_default = /*#__PURE__*/__webpack_require__.n(external_node_net_);
;// CONCATENATED MODULE: ./src/gates/dialer.ts
/**
 * The one seam under every gate: how a probe gets a byte stream to `host:port`. In the field the
 * runner reaches the hosts by SSH only, so the rollout hands the gates a dialer that opens a
 * channel of the SSH connection it already holds; `directDialer` is plain TCP from the runner.
 */


/** Why a dial failed, in the shortest words: the errno code (ECONNREFUSED) or the message. */
function dialFailure(e) {
    const err = e;
    return err?.code ?? (err instanceof Error ? err.message : String(e));
}
/** TCP from this process, connected before it resolves. */
const directDialer = (host, port, signal) => new Promise((resolve, reject) => {
    if (signal?.aborted) {
        reject(abortError());
        return;
    }
    const socket = external_node_net_default().connect({ host, port });
    const onAbort = () => {
        socket.destroy();
        reject(abortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => {
        signal?.removeEventListener('abort', onAbort);
        socket.setNoDelay(true);
        resolve(socket);
    });
    socket.once('error', (e) => {
        signal?.removeEventListener('abort', onAbort);
        socket.destroy();
        reject(e);
    });
});
/**
 * Dial with a deadline the dialer cannot miss: rejects with the signal's reason when it fires
 * first, and destroys a stream that arrives too late.
 */
function dialWithin(dial, host, port, signal) {
    if (signal.aborted)
        return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
        const onAbort = () => reject(signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
        dial(host, port, signal).then((stream) => {
            signal.removeEventListener('abort', onAbort);
            if (signal.aborted)
                stream.destroy();
            else
                resolve(stream);
        }, (e) => {
            signal.removeEventListener('abort', onAbort);
            reject(e);
        });
    });
}
function abortError() {
    const e = new Error('aborted');
    e.name = 'AbortError';
    e.code = 'ABORT_ERR';
    return e;
}
/**
 * Picks the dialer by target address: each address is dialled through the host that owns it, so a
 * name server is asked through its own host and a broker through the broker's host.
 */
function routedDialer(byAddress, fallback) {
    return (host, port, signal) => {
        const dial = byAddress.get(host) ?? fallback;
        if (!dial) {
            return Promise.reject(new Error(`no host of the spec has address ${host}: cannot reach ${host}:${port} over SSH`));
        }
        return dial(host, port, signal);
    };
}
/**
 * One HTTP GET over a dialled stream (node's http client does the protocol; we only hand it the
 * connection). Rejects with a TimeoutError past `timeoutMs`.
 */
function httpGet(url, dial, timeoutMs) {
    const target = new URL(url);
    if (target.protocol !== 'http:')
        return Promise.reject(new Error(`only http:// URLs, got ${url}`));
    const port = Number(target.port || 80);
    const host = target.hostname.replace(/^\[(.*)\]$/, '$1');
    const signal = AbortSignal.timeout(timeoutMs);
    return new Promise((resolve, reject) => {
        let stream;
        const req = external_node_http_default().request({
            host,
            port,
            path: `${target.pathname}${target.search}`,
            method: 'GET',
            headers: { host: target.host, connection: 'close' },
            signal,
            createConnection: (_options, done) => {
                dialWithin(dial, host, port, signal).then((s) => {
                    stream = s;
                    done(null, s);
                }, (e) => done(e, undefined));
                return undefined;
            },
        }, (res) => {
            const chunks = [];
            res.on('data', (c) => chunks.push(c));
            res.on('end', () => resolve({
                status: res.statusCode ?? 0,
                headers: res.headers,
                body: Buffer.concat(chunks).toString('utf8'),
            }));
            res.on('error', reject);
        });
        req.on('error', (e) => {
            stream?.destroy();
            reject(signal.aborted ? signal.reason : e);
        });
        req.on('close', () => stream?.destroy());
        req.end();
    });
}

;// CONCATENATED MODULE: ./src/gates/fastjson.ts
class FastjsonSyntaxError extends SyntaxError {
    position;
    constructor(message, position) {
        super(`${message} at position ${position}`);
        this.position = position;
        this.name = 'FastjsonSyntaxError';
    }
}
/** Nesting limit: bodies are a few levels deep; a hostile answer must not blow the stack. */
const MAX_DEPTH = 256;
function parseFastjson(text) {
    const parser = new Parser(text);
    parser.skipWhitespace();
    const value = parser.value(0);
    parser.skipWhitespace();
    if (!parser.atEnd())
        parser.fail('unexpected text after the JSON value');
    return value;
}
class Parser {
    text;
    pos = 0;
    constructor(text) {
        this.text = text;
    }
    atEnd() {
        return this.pos >= this.text.length;
    }
    fail(message) {
        throw new FastjsonSyntaxError(message, this.pos);
    }
    skipWhitespace() {
        while (this.pos < this.text.length) {
            const c = this.text.charCodeAt(this.pos);
            // JSON whitespace only: space, tab, LF, CR.
            if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d)
                this.pos += 1;
            else
                break;
        }
    }
    value(depth) {
        if (depth > MAX_DEPTH)
            this.fail('nesting too deep');
        const c = this.text[this.pos];
        switch (c) {
            case '{':
                return this.object(depth + 1);
            case '[':
                return this.array(depth + 1);
            case '"':
                return this.string();
            case 't':
                return this.literal('true', true);
            case 'f':
                return this.literal('false', false);
            case 'n':
                return this.literal('null', null);
            case undefined:
                return this.fail('unexpected end of input');
            default:
                if (c === '-' || (c >= '0' && c <= '9'))
                    return this.number();
                return this.fail(`unexpected character ${JSON.stringify(c)}`);
        }
    }
    literal(word, value) {
        if (!this.text.startsWith(word, this.pos))
            this.fail(`expected ${word}`);
        this.pos += word.length;
        return value;
    }
    object(depth) {
        this.pos += 1; // {
        // A null-prototype object: a key named __proto__ is data, never a prototype change.
        const result = Object.create(null);
        this.skipWhitespace();
        if (this.text[this.pos] === '}') {
            this.pos += 1;
            return result;
        }
        for (;;) {
            this.skipWhitespace();
            const key = this.key();
            this.skipWhitespace();
            if (this.text[this.pos] !== ':')
                this.fail("expected ':' after object key");
            this.pos += 1;
            this.skipWhitespace();
            result[key] = this.value(depth);
            this.skipWhitespace();
            const c = this.text[this.pos];
            if (c === ',') {
                this.pos += 1;
                continue;
            }
            if (c === '}') {
                this.pos += 1;
                return result;
            }
            this.fail("expected ',' or '}' in object");
        }
    }
    /** A quoted key, or fastjson's bare integer key (kept as its decimal text). */
    key() {
        const c = this.text[this.pos];
        if (c === '"')
            return this.string();
        const match = /^-?(0|[1-9][0-9]*)/.exec(this.text.slice(this.pos, this.pos + 32));
        if (!match)
            this.fail('expected a quoted key or an integer key');
        this.pos += match[0].length;
        return match[0];
    }
    array(depth) {
        this.pos += 1; // [
        const result = [];
        this.skipWhitespace();
        if (this.text[this.pos] === ']') {
            this.pos += 1;
            return result;
        }
        for (;;) {
            this.skipWhitespace();
            result.push(this.value(depth));
            this.skipWhitespace();
            const c = this.text[this.pos];
            if (c === ',') {
                this.pos += 1;
                continue;
            }
            if (c === ']') {
                this.pos += 1;
                return result;
            }
            this.fail("expected ',' or ']' in array");
        }
    }
    number() {
        const match = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(this.text.slice(this.pos, this.pos + 400));
        if (!match)
            return this.fail('malformed number');
        this.pos += match[0].length;
        return Number(match[0]);
    }
    string() {
        this.pos += 1; // opening quote
        let out = '';
        let runStart = this.pos;
        for (;;) {
            if (this.pos >= this.text.length)
                this.fail('unterminated string');
            const code = this.text.charCodeAt(this.pos);
            if (code === 0x22) {
                out += this.text.slice(runStart, this.pos);
                this.pos += 1;
                return out;
            }
            if (code < 0x20)
                this.fail('control character in string');
            if (code !== 0x5c) {
                this.pos += 1;
                continue;
            }
            out += this.text.slice(runStart, this.pos);
            out += this.escape();
            runStart = this.pos;
        }
    }
    /** At a backslash: returns the escaped text. `\uXXXX` pairs are UTF-16 units, so surrogates join up. */
    escape() {
        const e = this.text[this.pos + 1];
        this.pos += 2;
        switch (e) {
            case '"':
                return '"';
            case '\\':
                return '\\';
            case '/':
                return '/';
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'u': {
                const hex = this.text.slice(this.pos, this.pos + 4);
                if (!/^[0-9a-fA-F]{4}$/.test(hex))
                    this.fail('bad \\u escape');
                this.pos += 4;
                return String.fromCharCode(parseInt(hex, 16));
            }
            default:
                this.pos -= 2;
                return this.fail('bad escape in string');
        }
    }
}

// EXTERNAL MODULE: ./src/rocketmq/properties.ts
var properties = __webpack_require__(313);
;// CONCATENATED MODULE: ./src/rocketmq/frame-cursor.ts
/**
 * A bounds-checked cursor over RocketMQ's length-prefixed binary layouts (the remoting protocol's
 * binary header, a stored message): every length is checked to be non-negative and to fit in what
 * is left before it is used, so a short or hostile frame fails with what was cut, never reads past.
 */
class FrameCursor {
    buf;
    layout;
    error;
    pos;
    constructor(buf, 
    /** What the layout is, for the message: "binary header", "stored message". */
    layout, error, pos = 0) {
        this.buf = buf;
        this.layout = layout;
        this.error = error;
        this.pos = pos;
    }
    need(n, what) {
        if (this.pos + n > this.buf.length)
            throw this.error(`${this.layout} truncated in ${what}`);
    }
    /** A field's length prefix (1 byte unsigned, or a 2 or 4 byte signed big-endian integer). */
    length(size, what) {
        this.need(size, `${what} length`);
        const n = size === 1
            ? this.buf.readUInt8(this.pos)
            : size === 2
                ? this.buf.readInt16BE(this.pos)
                : this.buf.readInt32BE(this.pos);
        this.pos += size;
        if (n < 0)
            throw this.error(`negative ${what} length ${n}`);
        this.need(n, what);
        return n;
    }
    /** The next `n` bytes as UTF-8 (checked by `length` or `need` first). */
    text(n) {
        const s = this.buf.toString('utf8', this.pos, this.pos + n);
        this.pos += n;
        return s;
    }
    /** A copy of the next `n` bytes (checked by `length` or `need` first). */
    bytes(n) {
        const b = Buffer.from(this.buf.subarray(this.pos, this.pos + n));
        this.pos += n;
        return b;
    }
}

// EXTERNAL MODULE: ./src/errors.ts
var src_errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/gates/remoting.ts






const RequestCode = {
    GET_BROKER_CONFIG: 26,
    GET_BROKER_RUNTIME_INFO: 28,
    GET_BROKER_CLUSTER_INFO: 106,
};
const ResponseCode = {
    SUCCESS: 0,
    SYSTEM_ERROR: 1,
    SYSTEM_BUSY: 2,
    REQUEST_CODE_NOT_SUPPORTED: 3,
};
/** The header's serialize type, the top byte of the second int32. */
const SerializeType = { JSON: 0, ROCKETMQ: 1 };
/** RocketMQ's LanguageCode enum, index = wire byte in the binary header. */
const LANGUAGES = [
    'JAVA',
    'CPP',
    'DOTNET',
    'PYTHON',
    'DELPHI',
    'ERLANG',
    'RUBY',
    'OTHER',
    'HTTP',
    'GO',
    'PHP',
    'OMS',
    'RUST',
    'NODE_JS',
];
/** MQVersion.Version.V4_8_0.ordinal(): what the 4.8.0 tools send. */
const VERSION_4_8_0 = 373;
/** Netty's frame limit in RocketMQ (com.rocketmq.remoting.frameMaxLength), length field included. */
const MAX_FRAME_BYTES = 16 * 1024 * 1024;
const FLAG_RESPONSE = 1;
const isResponse = (cmd) => (cmd.flag & FLAG_RESPONSE) !== 0;
/** Every failure of a remoting call, typed so a gate can say what went wrong in plain words. */
class RemotingError extends src_errors/* RolloutError */.a6 {
    kind;
    addr;
    responseCode;
    constructor(kind, addr, message, 
    /** The server's response code when kind is 'response'. */
    responseCode, options) {
        super(`remoting-${kind}`, `${addr}: ${message}`, { phase: 'gate', ...options });
        this.kind = kind;
        this.addr = addr;
        this.responseCode = responseCode;
    }
}
// ---------------------------------------------------------------------------------------------
// Frame codec
/** One frame: int32 length (4 + header + body), int32 type<<24 | headerLength, header, body. */
function encodeFrame(cmd) {
    const type = cmd.serializeType ?? 'JSON';
    const header = type === 'JSON' ? encodeJsonHeader(cmd) : encodeBinaryHeader(cmd);
    if (header.length > 0xffffff)
        throw new RangeError(`header of ${header.length} bytes exceeds 24 bits`);
    const body = cmd.body ?? Buffer.alloc(0);
    const length = 4 + header.length + body.length;
    if (length + 4 > MAX_FRAME_BYTES)
        throw new RangeError(`frame of ${length + 4} bytes exceeds ${MAX_FRAME_BYTES}`);
    const prefix = Buffer.alloc(8);
    prefix.writeInt32BE(length, 0);
    prefix.writeUInt32BE(((SerializeType[type] << 24) | header.length) >>> 0, 4);
    return Buffer.concat([prefix, header, body]);
}
function encodeJsonHeader(cmd) {
    const header = {
        code: cmd.code,
        flag: cmd.flag,
        language: cmd.language,
        opaque: cmd.opaque,
        version: cmd.version,
    };
    if (cmd.remark !== undefined)
        header.remark = cmd.remark;
    if (cmd.extFields !== undefined)
        header.extFields = cmd.extFields;
    return Buffer.from(JSON.stringify(header), 'utf8');
}
/** RocketMQSerializable: short code, byte language, short version, int opaque, int flag, remark, ext. */
function encodeBinaryHeader(cmd) {
    const remark = cmd.remark ? Buffer.from(cmd.remark, 'utf8') : Buffer.alloc(0);
    const extParts = [];
    for (const [key, value] of Object.entries(cmd.extFields ?? {})) {
        const k = Buffer.from(key, 'utf8');
        const v = Buffer.from(value, 'utf8');
        const lens = Buffer.alloc(6);
        lens.writeInt16BE(k.length, 0);
        extParts.push(lens.subarray(0, 2), k);
        lens.writeInt32BE(v.length, 2);
        extParts.push(lens.subarray(2, 6), v);
    }
    const ext = Buffer.concat(extParts);
    const fixed = Buffer.alloc(13);
    fixed.writeInt16BE(cmd.code, 0);
    const language = LANGUAGES.indexOf(cmd.language);
    fixed.writeUInt8(language < 0 ? LANGUAGES.indexOf('OTHER') : language, 2);
    fixed.writeInt16BE(cmd.version, 3);
    fixed.writeInt32BE(cmd.opaque, 5);
    fixed.writeInt32BE(cmd.flag, 9);
    const remarkLen = Buffer.alloc(4);
    remarkLen.writeInt32BE(remark.length);
    const extLen = Buffer.alloc(4);
    extLen.writeInt32BE(ext.length);
    return Buffer.concat([fixed, remarkLen, remark, extLen, ext]);
}
/** A record without a prototype: any key, even __proto__, is plain data. */
function ownRecord(entries) {
    const record = Object.create(null);
    for (const [k, v] of entries)
        record[k] = v;
    return record;
}
class FrameError extends src_errors/* RolloutError */.a6 {
    constructor(message) {
        super('frame', message);
    }
}
const JsonHeaderSchema = schemas/* looseObject */._H3({
    code: schemas/* number */.aig().int(),
    flag: schemas/* number */.aig().int().default(0),
    language: schemas/* string */.YjP().default('JAVA'),
    opaque: schemas/* number */.aig().int(),
    version: schemas/* number */.aig().int().default(0),
    remark: schemas/* string */.YjP().nullish(),
    extFields: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP()).nullish(),
});
/** Decodes one complete frame without its leading length field (what follows the int32 length). */
function decodeFramePayload(payload) {
    if (payload.length < 4)
        throw new FrameError(`frame of ${payload.length} bytes has no header length`);
    const mark = payload.readUInt32BE(0);
    const typeByte = mark >>> 24;
    const headerLength = mark & 0xffffff;
    if (4 + headerLength > payload.length) {
        throw new FrameError(`header length ${headerLength} exceeds the frame (${payload.length - 4} bytes left)`);
    }
    const header = payload.subarray(4, 4 + headerLength);
    const body = payload.subarray(4 + headerLength);
    let cmd;
    if (typeByte === SerializeType.JSON)
        cmd = decodeJsonHeader(header);
    else if (typeByte === SerializeType.ROCKETMQ)
        cmd = decodeBinaryHeader(header);
    else
        throw new FrameError(`unknown serialize type ${typeByte}`);
    if (body.length > 0)
        cmd.body = Buffer.from(body);
    return cmd;
}
function decodeJsonHeader(header) {
    let raw;
    try {
        raw = parseFastjson(header.toString('utf8'));
    }
    catch (e) {
        throw new FrameError(`JSON header does not parse: ${(0,src_errors/* errorMessage */.gJ)(e)}`);
    }
    const parsed = JsonHeaderSchema.safeParse(raw);
    if (!parsed.success)
        throw new FrameError(`JSON header has the wrong shape: ${errors/* prettifyError */.S1(parsed.error)}`);
    const h = parsed.data;
    const cmd = {
        code: h.code,
        flag: h.flag,
        language: h.language,
        opaque: h.opaque,
        version: h.version,
        serializeType: 'JSON',
    };
    if (h.remark != null)
        cmd.remark = h.remark;
    // From the parsed JSON, not zod's copy: a key named __proto__ must survive as data.
    const ext = raw.extFields;
    if (ext != null)
        cmd.extFields = ownRecord(Object.entries(ext));
    return cmd;
}
function decodeBinaryHeader(header) {
    const at = new FrameCursor(header, 'binary header', (m) => new FrameError(m));
    at.need(13, 'fixed fields');
    const code = header.readInt16BE(0);
    const languageByte = header.readUInt8(2);
    const version = header.readInt16BE(3);
    const opaque = header.readInt32BE(5);
    const flag = header.readInt32BE(9);
    at.pos = 13;
    const remark = at.text(at.length(4, 'remark'));
    const extLength = at.length(4, 'extFields');
    let pos = at.pos;
    const extEnd = pos + extLength;
    const extFields = ownRecord([]);
    while (pos < extEnd) {
        if (pos + 2 > extEnd)
            throw new FrameError('binary header truncated in an extFields key length');
        const keyLength = header.readInt16BE(pos);
        pos += 2;
        if (keyLength < 0 || pos + keyLength > extEnd)
            throw new FrameError('binary header truncated in an extFields key');
        const key = header.toString('utf8', pos, pos + keyLength);
        pos += keyLength;
        if (pos + 4 > extEnd)
            throw new FrameError('binary header truncated in an extFields value length');
        const valueLength = header.readInt32BE(pos);
        pos += 4;
        if (valueLength < 0 || pos + valueLength > extEnd) {
            throw new FrameError('binary header truncated in an extFields value');
        }
        extFields[key] = header.toString('utf8', pos, pos + valueLength);
        pos += valueLength;
    }
    const cmd = {
        code,
        flag,
        language: LANGUAGES[languageByte] ?? `UNKNOWN(${languageByte})`,
        opaque,
        version,
        serializeType: 'ROCKETMQ',
    };
    if (remark !== '')
        cmd.remark = remark;
    if (extLength > 0)
        cmd.extFields = extFields;
    return cmd;
}
/**
 * Reassembles frames from a byte stream: a chunk may hold part of a frame or several frames.
 * Rejects a frame longer than MAX_FRAME_BYTES before buffering it.
 */
class FrameDecoder {
    chunks = [];
    buffered = 0;
    push(chunk) {
        this.chunks.push(chunk);
        this.buffered += chunk.length;
        const out = [];
        for (;;) {
            if (this.buffered < 4)
                return out;
            const head = this.peek(4);
            const length = head.readInt32BE(0);
            if (length < 4 || length + 4 > MAX_FRAME_BYTES) {
                throw new FrameError(`frame length ${length} outside 4..${MAX_FRAME_BYTES - 4}`);
            }
            if (this.buffered < 4 + length)
                return out;
            const frame = this.take(4 + length);
            out.push(decodeFramePayload(frame.subarray(4)));
        }
    }
    /** Bytes received but not yet a whole frame. */
    get pending() {
        return this.buffered;
    }
    peek(n) {
        if ((this.chunks[0]?.length ?? 0) < n)
            this.chunks = [Buffer.concat(this.chunks)];
        return this.chunks[0].subarray(0, n);
    }
    take(n) {
        const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
        const frame = all.subarray(0, n);
        const rest = all.subarray(n);
        this.chunks = rest.length > 0 ? [rest] : [];
        this.buffered = rest.length;
        return frame;
    }
}
const DEFAULT_CALL_TIMEOUT_MS = 3000;
/** `host:port` or `[v6]:port` → parts. */
function parseAddress(addr) {
    const match = /^(?:\[([^\]]+)\]|([^:[\]]+)):([0-9]{1,5})$/.exec(addr.trim());
    const port = match ? Number(match[3]) : NaN;
    if (!match || !(port >= 1 && port <= 65535)) {
        throw new RemotingError('connect', addr, `not an address of the form host:port`);
    }
    return { host: (match[1] ?? match[2]), port };
}
let nextOpaque = 1;
const newOpaque = () => {
    const opaque = nextOpaque;
    nextOpaque = nextOpaque >= 0x7fffffff ? 1 : nextOpaque + 1;
    return opaque;
};
function requestCommand(request, opaque) {
    const cmd = {
        code: request.code,
        flag: 0,
        language: 'JAVA',
        opaque,
        version: VERSION_4_8_0,
        serializeType: request.serializeType ?? 'JSON',
    };
    if (request.extFields)
        cmd.extFields = request.extFields;
    if (request.body)
        cmd.body = request.body;
    return cmd;
}
/** Sends `cmd` on the stream; our answer (matched by opaque), or how the stream ended, finishes the call. */
function converse(stream, addr, cmd, finish) {
    const decoder = new FrameDecoder();
    stream.on('data', (chunk) => {
        let frames;
        try {
            frames = decoder.push(chunk);
        }
        catch (e) {
            finish(new RemotingError('protocol', addr, (0,src_errors/* errorMessage */.gJ)(e), undefined, { cause: e }));
            return;
        }
        for (const frame of frames) {
            // Servers may push unrelated requests (oneway notifications); only our answer counts.
            if (isResponse(frame) && frame.opaque === cmd.opaque) {
                finish(undefined, frame);
                return;
            }
        }
    });
    stream.on('error', (e) => {
        finish(new RemotingError('closed', addr, `connection failed: ${dialFailure(e)}`, undefined, { cause: e }));
    });
    stream.on('close', () => {
        finish(new RemotingError('closed', addr, decoder.pending > 0
            ? `connection closed in the middle of a frame (${decoder.pending} bytes)`
            : 'connection closed before an answer'));
    });
    stream.write(encodeFrame(cmd));
}
/**
 * Sends one request on a fresh connection (from the dialer: a TCP socket or an SSH channel) and
 * resolves with the matching response (by opaque), whatever its code. Rejects only with
 * RemotingError. One connection per call keeps gates independent and leaves nothing open between
 * probes.
 */
function invoke(addr, request, options = {}) {
    const timeoutMs = options.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    return new Promise((resolve, reject) => {
        let target;
        try {
            target = parseAddress(addr);
        }
        catch (e) {
            reject(e);
            return;
        }
        const cmd = requestCommand(request, newOpaque());
        let connected = false;
        let settled = false;
        let socket;
        // Ends a dial still under way when the call is over (timeout, abort).
        const dialing = new AbortController();
        const finish = (error, response) => {
            if (settled)
                return;
            settled = true;
            clearTimeout(timer);
            options.signal?.removeEventListener('abort', onAbort);
            dialing.abort();
            socket?.destroy();
            if (error)
                reject(error);
            else
                resolve(response);
        };
        const onAbort = () => finish(new RemotingError('aborted', addr, 'call aborted'));
        const timer = setTimeout(() => finish(new RemotingError('timeout', addr, connected
            ? `no answer within ${timeoutMs} ms`
            : `connect did not complete within ${timeoutMs} ms`)), timeoutMs);
        if (options.signal?.aborted) {
            onAbort();
            return;
        }
        options.signal?.addEventListener('abort', onAbort, { once: true });
        const onConnected = (stream) => {
            if (settled) {
                stream.destroy();
                return;
            }
            socket = stream;
            connected = true;
            converse(stream, addr, cmd, finish);
        };
        (options.dial ?? directDialer)(target.host, target.port, dialing.signal).then(onConnected, (e) => finish(new RemotingError('connect', addr, `cannot connect: ${dialFailure(e)}`, undefined, { cause: e })));
    });
}
/** invoke, then insist on response code 0 (SUCCESS). */
async function call(addr, request, options) {
    const response = await invoke(addr, request, options);
    if (response.code !== ResponseCode.SUCCESS) {
        throw new RemotingError('response', addr, `request ${request.code} answered code ${response.code}${response.remark ? `: ${response.remark}` : ''}`, response.code);
    }
    return response;
}
// ---------------------------------------------------------------------------------------------
// Typed requests
const BrokerDataSchema = schemas/* looseObject */._H3({
    cluster: schemas/* string */.YjP(),
    brokerName: schemas/* string */.YjP(),
    /** brokerId (decimal text: fastjson writes the Long keys unquoted) → `ip:port`. */
    brokerAddrs: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP()),
});
const ClusterInfoSchema = schemas/* looseObject */._H3({
    brokerAddrTable: schemas/* record */.g1P(schemas/* string */.YjP(), BrokerDataSchema).default({}),
    clusterAddrTable: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* array */.YOg(schemas/* string */.YjP())).default({}),
});
const KVTableSchema = schemas/* looseObject */._H3({ table: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP()) });
function parseBody(addr, what, body, schema) {
    if (!body || body.length === 0)
        throw new RemotingError('protocol', addr, `${what}: empty body`);
    let raw;
    try {
        raw = parseFastjson(body.toString('utf8'));
    }
    catch (e) {
        throw new RemotingError('protocol', addr, `${what}: body is not JSON: ${(0,src_errors/* errorMessage */.gJ)(e)}`, undefined, {
            cause: e,
        });
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
        throw new RemotingError('protocol', addr, `${what}: unexpected body: ${errors/* prettifyError */.S1(parsed.error)}`);
    }
    return parsed.data;
}
/** GET_BROKER_CLUSTER_INFO (106) to a name server. */
async function fetchClusterInfo(addr, options) {
    const response = await call(addr, { code: RequestCode.GET_BROKER_CLUSTER_INFO }, options);
    return parseBody(addr, 'cluster info', response.body, ClusterInfoSchema);
}
/** GET_BROKER_CONFIG (26) to a broker: the configuration it actually loaded. */
async function fetchBrokerConfig(addr, options) {
    const response = await call(addr, { code: RequestCode.GET_BROKER_CONFIG }, options);
    return (0,properties/* parseBrokerConfigReport */.zx)(response.body?.toString('utf8') ?? '');
}
/** GET_BROKER_RUNTIME_INFO (28) to a broker. */
async function fetchBrokerRuntimeInfo(addr, options) {
    const response = await call(addr, { code: RequestCode.GET_BROKER_RUNTIME_INFO }, options);
    const { table } = parseBody(addr, 'broker runtime info', response.body, KVTableSchema);
    const info = { table: { ...table } };
    if (table.brokerVersionDesc !== undefined)
        info.brokerVersionDesc = table.brokerVersionDesc;
    const offset = table.commitLogMaxOffset;
    if (offset !== undefined) {
        if (!/^[0-9]+$/.test(offset) || !Number.isSafeInteger(Number(offset))) {
            throw new RemotingError('protocol', addr, `commitLogMaxOffset ${JSON.stringify(offset)} is not an offset`);
        }
        info.commitLogMaxOffset = Number(offset);
    }
    return info;
}
/** UNREGISTER_BROKER: what a broker sends each name server when it shuts down cleanly. */
const UNREGISTER_BROKER = 104;
/**
 * UNREGISTER_BROKER (104) to a name server: forget one broker's registration now rather than
 * after the 120 s a name server waits for a broker that stopped without saying so.
 */
async function unregisterBroker(addr, broker, options) {
    await call(addr, {
        code: UNREGISTER_BROKER,
        extFields: {
            clusterName: broker.clusterName,
            brokerName: broker.brokerName,
            brokerAddr: broker.brokerAddr,
            brokerId: String(broker.brokerId),
        },
    }, options);
}
// ---------------------------------------------------------------------------------------------
// Draining a master: its write permission, and the routes clients read
/** RocketMQ's PermName bits: a topic's (and a broker's brokerPermission) read and write rights. */
const PermName = { READ: 4, WRITE: 2, INHERIT: 1 };
/** UPDATE_BROKER_CONFIG: what `mqadmin updateBrokerConfig -b ADDR -k KEY -v VALUE` sends. */
const UPDATE_BROKER_CONFIG = 25;
/** GET_ROUTEINFO_BY_TOPIC: a name server's route of one topic, as producers poll it. */
const GET_ROUTEINFO_BY_TOPIC = 105;
/** The name server's answer for a topic it has no route of. */
const TOPIC_NOT_EXIST = 17;
/**
 * UPDATE_BROKER_CONFIG (25) to a broker: change keys of its running configuration (the body is
 * `key=value` lines, as java.util.Properties reads them). A brokerPermission change re-registers
 * the broker with every name server at once. The broker also writes its whole configuration back to
 * its `-c` file: a read-only mount (as rendered) keeps a drained permission from outliving the
 * container.
 */
async function updateBrokerConfig(addr, changes, options) {
    const lines = Object.entries(changes).map(([k, v]) => {
        // Properties.load would read these as escapes, separators or line breaks.
        if (!/^[A-Za-z][A-Za-z0-9_.]*$/.test(k) || /[\\\r\n]/.test(v) || /^[\s=:]/.test(v)) {
            throw new RemotingError('protocol', addr, `cannot send ${JSON.stringify(k)}=${JSON.stringify(v)} as a property`);
        }
        return `${k}=${v}\n`;
    });
    if (lines.length === 0)
        throw new RemotingError('protocol', addr, 'updateBrokerConfig: nothing to change');
    await call(addr, { code: UPDATE_BROKER_CONFIG, body: Buffer.from(lines.join(''), 'utf8') }, options);
}
const QueueDataSchema = schemas/* looseObject */._H3({
    brokerName: schemas/* string */.YjP(),
    readQueueNums: schemas/* number */.aig().int(),
    writeQueueNums: schemas/* number */.aig().int(),
    perm: schemas/* number */.aig().int(),
});
const TopicRouteSchema = schemas/* looseObject */._H3({
    queueDatas: schemas/* array */.YOg(QueueDataSchema).default([]),
    brokerDatas: schemas/* array */.YOg(BrokerDataSchema).default([]),
});
/**
 * GET_ROUTEINFO_BY_TOPIC (105) to a name server: the queues of each broker group that serves the
 * topic, with the perm producers go by. Undefined when the name server has no route of it.
 */
async function fetchTopicRoute(addr, topic, options) {
    const response = await invoke(addr, { code: GET_ROUTEINFO_BY_TOPIC, extFields: { topic } }, options);
    if (response.code === TOPIC_NOT_EXIST)
        return undefined;
    if (response.code !== ResponseCode.SUCCESS) {
        throw new RemotingError('response', addr, `request ${GET_ROUTEINFO_BY_TOPIC} answered code ${response.code}${response.remark ? `: ${response.remark}` : ''}`, response.code);
    }
    return parseBody(addr, `route of ${topic}`, response.body, TopicRouteSchema);
}
/** The perm a route gives one broker group's queues; undefined when that group does not serve it. */
function routePerm(route, brokerName) {
    return route.queueDatas.find((q) => q.brokerName === brokerName)?.perm;
}
/** GET_ALL_TOPIC_LIST_FROM_NAMESERVER: every topic a name server has a route of. */
const GET_ALL_TOPIC_LIST_FROM_NAMESERVER = 206;
const TopicListSchema = schemas/* looseObject */._H3({ topicList: schemas/* array */.YOg(schemas/* string */.YjP()).default([]) });
/** GET_ALL_TOPIC_LIST_FROM_NAMESERVER (206) to a name server: the topics, sorted. */
async function fetchTopicList(addr, options) {
    const response = await call(addr, { code: GET_ALL_TOPIC_LIST_FROM_NAMESERVER }, options);
    return [...parseBody(addr, 'topic list', response.body, TopicListSchema).topicList].sort();
}

;// CONCATENATED MODULE: ./src/gates/poll.ts
/**
 * Polls a probe until it succeeds several times in a row or a deadline passes. A gate passes on a
 * short run of consecutive successes, not one lucky probe. Probes run at a short fixed interval by
 * default: a gate then passes within one interval of its condition holding, and the confirming
 * successes do not stretch the step (a doubling backoff made the first port gate pass seconds after
 * the port opened). A caller that must not hammer a slow target can still ask for a backoff with
 * maxIntervalMs. Every wait is bounded by the deadline and wakes on abort.
 */
const DEFAULT_INITIAL_INTERVAL_MS = 200;
const DEFAULT_MAX_INTERVAL_MS = 200;
const DEFAULT_PROGRESS_EVERY_MS = 10_000;
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const errorMessage = (e) => (e instanceof Error ? e.message : String(e));
class Stop {
    why;
    constructor(why) {
        this.why = why;
    }
}
/**
 * Waits ms, or less when the deadline or an abort comes first. Resolves with the reason it stopped
 * early, if any.
 */
function wait(ms, signal) {
    return new Promise((resolve) => {
        if (signal?.aborted) {
            resolve(new Stop('abort'));
            return;
        }
        const onAbort = () => {
            clearTimeout(timer);
            resolve(new Stop('abort'));
        };
        // Node fires at once for delays above 2^31-1 ms: clamp, so `deadlineMs: Infinity` still waits.
        const timer = setTimeout(() => {
            signal?.removeEventListener('abort', onAbort);
            resolve(undefined);
        }, Math.min(ms, 2_147_483_647));
        signal?.addEventListener('abort', onAbort, { once: true });
    });
}
/** Runs the probe, but gives up on it at the deadline or on abort (a probe must not hang a gate). */
async function attempt(probe, remainingMs, signal) {
    const controller = new AbortController();
    const run = (async () => {
        try {
            return await probe();
        }
        catch (e) {
            return { ok: false, message: errorMessage(e) };
        }
    })();
    const cutoff = (async () => {
        const combined = signal ? AbortSignal.any([signal, controller.signal]) : controller.signal;
        const stopped = await wait(remainingMs, combined);
        // The abort we raise ourselves after the probe settles is not the caller's abort.
        if (stopped && signal?.aborted)
            return new Stop('abort');
        return new Stop('deadline');
    })();
    try {
        return await Promise.race([run, cutoff]);
    }
    finally {
        controller.abort();
    }
}
function outcomeOf(st, options, required, ok, stop) {
    const { attempts, streak, lastFailure, lastMessage } = st;
    const elapsedMs = Math.round(performance.now() - st.started);
    let reason = ok ? undefined : lastFailure;
    let message;
    if (ok) {
        message = `${options.describe}: passed (${required} in a row, ${attempts} probes, ${seconds(elapsedMs)})${lastMessage ? `: ${lastMessage}` : ''}`;
    }
    else if (stop?.why === 'abort') {
        reason = `aborted${lastFailure ? ` (last failure: ${lastFailure})` : ''}`;
        message = `${options.describe}: aborted after ${attempts} probes, ${seconds(elapsedMs)}`;
    }
    else {
        const last = streak > 0
            ? `only ${streak} of ${required} successes in a row before the deadline`
            : (lastFailure ?? 'no probe completed before the deadline');
        if (streak > 0 || lastFailure === undefined)
            reason = last;
        message = `${options.describe}: failed after ${attempts} probes in ${seconds(elapsedMs)}: ${last}`;
    }
    const result = {
        ok,
        describe: options.describe,
        attempts,
        consecutive: streak,
        elapsedMs,
        aborted: stop?.why === 'abort',
        message,
    };
    if (st.value !== undefined)
        result.value = st.value;
    if (reason !== undefined)
        result.reason = reason;
    if (lastMessage !== undefined)
        result.lastMessage = lastMessage;
    return result;
}
async function pollUntil(probe, options) {
    const required = Math.max(1, Math.floor(options.consecutive));
    const initial = Math.max(1, options.initialIntervalMs ?? DEFAULT_INITIAL_INTERVAL_MS);
    // Without a maximum the interval stays where it starts.
    const maxInterval = Math.max(1, options.maxIntervalMs ?? Math.max(initial, DEFAULT_MAX_INTERVAL_MS));
    let interval = Math.min(initial, maxInterval);
    const st = { started: performance.now(), attempts: 0, streak: 0 };
    const deadline = st.started + Math.max(0, options.deadlineMs);
    const progressEvery = Math.max(1, options.progressEveryMs ?? DEFAULT_PROGRESS_EVERY_MS);
    let nextProgress = st.started + progressEvery;
    const outcome = (ok, stop) => outcomeOf(st, options, required, ok, stop);
    for (;;) {
        if (options.signal?.aborted)
            return outcome(false, new Stop('abort'));
        const result = await attempt(probe, Math.max(0, deadline - performance.now()), options.signal);
        if (result instanceof Stop) {
            // A probe cut off at the deadline tells less than the failure before it: keep that one.
            if (result.why === 'deadline' && st.lastFailure === undefined && st.streak === 0) {
                st.lastFailure =
                    st.attempts === 0
                        ? 'no probe finished before the deadline'
                        : 'the last probe did not finish before the deadline';
            }
            return outcome(false, result);
        }
        st.attempts += 1;
        options.onAttempt?.(st.attempts, result);
        if (result.value !== undefined)
            st.value = result.value;
        st.lastMessage = result.message;
        if (result.ok) {
            st.streak += 1;
            if (st.streak >= required)
                return outcome(true);
        }
        else {
            st.streak = 0;
            st.lastFailure = result.message;
        }
        const now = performance.now();
        if (options.onWaiting && now >= nextProgress) {
            options.onWaiting(Math.round(now - st.started), st.lastMessage);
            while (nextProgress <= now)
                nextProgress += progressEvery;
        }
        const remaining = deadline - now;
        if (remaining <= 0)
            return outcome(false, new Stop('deadline'));
        // Confirmations keep the pace; failures back off.
        const stop = await wait(Math.min(interval, remaining), options.signal);
        if (stop)
            return outcome(false, stop);
        if (!result.ok)
            interval = Math.min(interval * 2, maxInterval);
        if (performance.now() >= deadline)
            return outcome(false, new Stop('deadline'));
    }
}

;// CONCATENATED MODULE: ./src/gates/gates.ts
/**
 * The health gates of a rollout step (README, "Safety model"). Each gate is a described probe:
 * one check with a human message, meant to be polled with pollUntil (runGate does both) so that a
 * step passes only on several successes in a row.
 */






/** Polls a gate; options as pollUntil's, the description defaults to the gate's. */
function runGate(gate, options) {
    return pollUntil(gate.probe, { ...options, describe: options.describe ?? gate.describe });
}
const reasonOf = (e) => {
    if (e instanceof RemotingError) {
        switch (e.kind) {
            case 'connect':
                return `no answer: ${e.message}`;
            case 'timeout':
                return `too slow: ${e.message}`;
            default:
                return e.message;
        }
    }
    return e instanceof Error ? e.message : String(e);
};
/** A connection to a published port (through the dialer: over SSH, as the host itself sees it). */
function tcpGate(address, port, options = {}) {
    const timeoutMs = options.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    const dial = options.dial ?? directDialer;
    const where = address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
    return {
        describe: `port ${where} accepts connections`,
        probe: async () => {
            const started = performance.now();
            const signal = AbortSignal.timeout(timeoutMs);
            try {
                (await dialWithin(dial, address, port, signal)).destroy();
                const connectMs = Math.round(performance.now() - started);
                return { ok: true, message: `${where} accepts connections`, value: { address, port, connectMs } };
            }
            catch (e) {
                if (signal.aborted)
                    return { ok: false, message: `${where}: connect did not complete within ${timeoutMs} ms` };
                return { ok: false, message: `${where}: ${dialFailure(e)}` };
            }
        },
    };
}
/** Flattens a cluster-info answer into one row per broker instance, sorted. */
function registrationsOf(info) {
    const rows = [];
    for (const [brokerName, data] of Object.entries(info.brokerAddrTable)) {
        for (const [id, addr] of Object.entries(data.brokerAddrs)) {
            rows.push({ cluster: data.cluster, brokerName, brokerId: Number(id), addr });
        }
    }
    return rows.sort((a, b) => a.cluster.localeCompare(b.cluster) ||
        a.brokerName.localeCompare(b.brokerName) ||
        a.brokerId - b.brokerId);
}
const label = (r) => `${r.brokerName}/${r.brokerId}`;
/** The name server answers GET_BROKER_CLUSTER_INFO. */
function nameServerGate(addr, options = {}) {
    return {
        describe: `name server ${addr} answers`,
        probe: async () => {
            try {
                const info = await fetchClusterInfo(addr, options);
                const brokers = registrationsOf(info).length;
                const groups = Object.keys(info.brokerAddrTable).length;
                return {
                    ok: true,
                    message: `name server ${addr} answers (knows ${brokers} broker(s) in ${groups} group(s))`,
                    value: info,
                };
            }
            catch (e) {
                return { ok: false, message: `name server ${addr}: ${reasonOf(e)}` };
            }
        },
    };
}
/** Why one name server does not list the broker as expected; undefined when it does. */
function registrationProblem(info, expected) {
    const data = info.brokerAddrTable[expected.brokerName];
    if (!data) {
        const known = Object.keys(info.brokerAddrTable);
        return `does not list ${expected.brokerName} (knows ${known.length ? known.join(', ') : 'no broker'})`;
    }
    if (data.cluster !== expected.cluster) {
        return `lists ${expected.brokerName} in cluster ${data.cluster}, expected ${expected.cluster}`;
    }
    const listed = data.brokerAddrs[String(expected.brokerId)];
    if (listed !== expected.addr) {
        const otherId = Object.entries(data.brokerAddrs).find(([, a]) => a === expected.addr)?.[0];
        if (otherId !== undefined) {
            return (`lists ${expected.addr} as ${expected.brokerName}/${otherId}, expected brokerId ${expected.brokerId}` +
                (expected.brokerId > 0 && otherId === '0'
                    ? ' (the slave runs as a master: check brokerRole, it is case-sensitive)'
                    : ''));
        }
        if (listed !== undefined) {
            return `lists ${label(expected)} at ${listed}, expected ${expected.addr} (check brokerIP1 and listenPort)`;
        }
        const ids = Object.entries(data.brokerAddrs)
            .map(([id, a]) => `${id}=${a}`)
            .join(', ');
        return `does not list ${label(expected)} at ${expected.addr} (${expected.brokerName} has ${ids || 'no broker'})`;
    }
    if (!(info.clusterAddrTable[expected.cluster] ?? []).includes(expected.brokerName)) {
        return `does not list ${expected.brokerName} under cluster ${expected.cluster}`;
    }
    return undefined;
}
/** EVERY name server lists the broker at brokerIP1:listenPort with the right brokerId in the right cluster. */
function brokerRegisteredGate(nameServers, broker, options = {}) {
    const who = `${label(broker)} at ${broker.addr}`;
    return {
        describe: `${who} registered on every name server`,
        probe: async () => {
            if (nameServers.length === 0)
                return { ok: false, message: 'no name server to ask', value: [] };
            const views = await Promise.all(nameServers.map(async (nameServer) => {
                try {
                    const problem = registrationProblem(await fetchClusterInfo(nameServer, options), broker);
                    return { nameServer, ok: problem === undefined, detail: problem ?? 'lists it' };
                }
                catch (e) {
                    return { nameServer, ok: false, detail: reasonOf(e) };
                }
            }));
            const bad = views.filter((v) => !v.ok);
            const good = views.length - bad.length;
            if (bad.length === 0) {
                return {
                    ok: true,
                    message: `${who} listed on ${good} of ${views.length} name server(s)`,
                    value: views,
                };
            }
            return {
                ok: false,
                message: `${who} listed on ${good} of ${views.length} name server(s); ${bad.map((v) => `${v.nameServer} ${v.detail}`).join('; ')}`,
                value: views,
            };
        },
    };
}
const registrationKey = (r) => `${r.cluster}\u0000${r.brokerName}\u0000${r.brokerId}\u0000${r.addr}`;
/**
 * After a name server restart: it knows every broker the other name servers know. Brokers
 * re-register every 30 s, so give this gate a deadline above that. An unreachable other name
 * server fails the probe: without its view "caught up" cannot be judged.
 */
function nameServerCaughtUpGate(restarted, others, options = {}) {
    return {
        describe: `name server ${restarted} knows every broker the others know`,
        probe: async () => {
            const [mine, ...theirs] = await Promise.allSettled([
                fetchClusterInfo(restarted, options),
                ...others.map((o) => fetchClusterInfo(o, options)),
            ]);
            if (mine?.status !== 'fulfilled') {
                return { ok: false, message: `name server ${restarted}: ${reasonOf(mine?.reason)}` };
            }
            const unreachable = theirs.flatMap((r, i) => r.status === 'rejected' ? [`${others[i]}: ${reasonOf(r.reason)}`] : []);
            if (unreachable.length > 0) {
                return {
                    ok: false,
                    message: `cannot compare with the other name servers: ${unreachable.join('; ')}`,
                };
            }
            const have = new Set(registrationsOf(mine.value).map(registrationKey));
            const wanted = new Map();
            for (const r of theirs) {
                if (r.status === 'fulfilled')
                    for (const reg of registrationsOf(r.value))
                        wanted.set(registrationKey(reg), reg);
            }
            const missing = [...wanted.entries()].filter(([k]) => !have.has(k)).map(([, reg]) => reg);
            const value = { missing, known: wanted.size - missing.length };
            if (missing.length === 0) {
                const basis = others.length === 0 ? 'no other name server to compare with' : `${wanted.size} broker(s)`;
                return { ok: true, message: `name server ${restarted} caught up (${basis})`, value };
            }
            return {
                ok: false,
                message: `name server ${restarted} knows ${value.known} of ${wanted.size} broker(s); missing ${missing.map((m) => `${label(m)} at ${m.addr}`).join(', ')} (brokers re-register every registerNameServerPeriod, 30 s by default)`,
                value,
            };
        },
    };
}
const ConsoleAnswerSchema = schemas/* looseObject */._H3({
    status: schemas/* number */.aig(),
    errMsg: schemas/* string */.YjP().nullish(),
    data: schemas/* looseObject */._H3({
        clusterInfo: schemas/* looseObject */._H3({
            brokerAddrTable: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* looseObject */._H3({ brokerAddrs: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP()) })),
        })
            .nullish(),
    })
        .nullish(),
});
/** `http://host:8080` (or a full `.../cluster/list.query` URL) → the cluster list URL. */
function consoleClusterUrl(url) {
    if (/\/cluster\/list\.query(\?.*)?$/.test(url))
        return url;
    return `${url.replace(/\/+$/, '')}/cluster/list.query`;
}
/** The console's cluster page lists every expected broker (status 0, HTTP 200). */
function consoleGate(url, expected, options = {}) {
    const target = consoleClusterUrl(url);
    const dial = options.dial ?? directDialer;
    const timeoutMs = options.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    return {
        describe: `console ${url} lists ${expected.length} broker(s)`,
        probe: async () => {
            let response;
            try {
                response = await httpGet(target, dial, timeoutMs);
            }
            catch (e) {
                const timedOut = e instanceof Error && e.name === 'TimeoutError';
                const why = timedOut ? `no answer within ${timeoutMs} ms` : dialFailure(e);
                return { ok: false, message: `console ${target}: ${why}` };
            }
            const text = response.body;
            if (response.status >= 300 && response.status < 400) {
                const to = response.headers.location;
                return {
                    ok: false,
                    message: `console ${target}: HTTP ${response.status} redirect${to ? ` to ${to}` : ''}: the console requires a login (rocketmq.config.loginRequired=true), so the gate cannot read the cluster; turn the login off or give the gate a console it can read`,
                };
            }
            if (response.status !== 200) {
                return { ok: false, message: `console ${target}: HTTP ${response.status}` };
            }
            let body;
            try {
                body = parseFastjson(text);
            }
            catch (e) {
                return { ok: false, message: `console ${target}: answer is not JSON (${(0,src_errors/* errorMessage */.gJ)(e)})` };
            }
            const parsed = ConsoleAnswerSchema.safeParse(body);
            if (!parsed.success) {
                return {
                    ok: false,
                    message: `console ${target}: unexpected answer: ${errors/* prettifyError */.S1(parsed.error)}`,
                    value: body,
                };
            }
            if (parsed.data.status !== 0) {
                return {
                    ok: false,
                    message: `console ${target}: status ${parsed.data.status}: ${parsed.data.errMsg ?? '(no errMsg)'}`,
                    value: body,
                };
            }
            const table = parsed.data.data?.clusterInfo?.brokerAddrTable ?? {};
            const problems = [];
            for (const e of expected) {
                const listed = table[e.brokerName]?.brokerAddrs[String(e.brokerId)];
                if (listed === undefined)
                    problems.push(`${label(e)} missing`);
                else if (e.addr !== undefined && listed !== e.addr)
                    problems.push(`${label(e)} at ${listed}, expected ${e.addr}`);
            }
            const found = expected.length - problems.length;
            if (problems.length > 0) {
                return {
                    ok: false,
                    message: `console ${url} lists ${found} of ${expected.length} expected broker(s): ${problems.join(', ')} (the console reads only its first name server)`,
                    value: body,
                };
            }
            return {
                ok: true,
                message: `console ${url} lists all ${expected.length} expected broker(s)`,
                value: body,
            };
        },
    };
}
const PLAIN_NUMBER = /^[+-]?[0-9]+(\.[0-9]+)?$/;
/**
 * Keys whose setter fills a field of another name. GET_BROKER_CONFIG reports fields, and echoes the
 * file's raw text under the key itself, so the field is the proof (seen on 4.8.0).
 */
const REPORTED_AS = { enableBatchPush: 'isEnableBatchPush' };
/**
 * Whether a rendered value is what the broker loaded, normalised as Java reads it: numbers by value
 * (`048` loads as 48), booleans case-insensitively (Boolean.parseBoolean). Whitespace is never
 * normalised: 4.x does not trim, so `true ` loads as false and `10911 ` keeps the default.
 */
function sameConfigValue(rendered, loaded) {
    if (rendered === loaded)
        return true;
    if (PLAIN_NUMBER.test(rendered) && PLAIN_NUMBER.test(loaded))
        return Number(rendered) === Number(loaded);
    if (loaded === 'true' || loaded === 'false')
        return rendered.toLowerCase() === loaded;
    return false;
}
/**
 * Compares the rendered broker.conf with the config a broker reports, key by key. A key missing
 * from the loaded config is a mismatch. 4.x echoes every key of its file (even ones it ignores), so
 * a key the version does not read cannot show here: validate checks keys against the version's table.
 */
function compareBrokerConfig(rendered, loaded) {
    const mismatches = [];
    for (const key of Object.keys(rendered).sort()) {
        const want = String(rendered[key]);
        const field = REPORTED_AS[key];
        const reportedKey = field !== undefined && Object.hasOwn(loaded, field) ? field : key;
        const got = Object.hasOwn(loaded, reportedKey) ? loaded[reportedKey] : undefined;
        const show = (v) => (/^\S(.*\S)?$/.test(v) ? v : JSON.stringify(v));
        if (got === undefined) {
            mismatches.push({
                key,
                rendered: want,
                kind: 'missing',
                message: `${key}: rendered ${show(want)}, missing from the loaded config (RocketMQ dropped it)`,
            });
        }
        else if (!sameConfigValue(want, got)) {
            mismatches.push({
                key,
                rendered: want,
                loaded: got,
                kind: 'different',
                message: `${key}: rendered ${show(want)}, loaded ${show(got)}`,
            });
        }
    }
    return mismatches;
}
/** GET_BROKER_CONFIG and compare with the rendered broker.conf: the only proof the file took effect. */
function effectiveConfigGate(brokerAddr, rendered, options = {}) {
    const count = Object.keys(rendered).length;
    return {
        describe: `broker ${brokerAddr} loaded the rendered broker.conf`,
        probe: async () => {
            let loaded;
            try {
                loaded = await fetchBrokerConfig(brokerAddr, options);
            }
            catch (e) {
                return { ok: false, message: `broker ${brokerAddr}: ${reasonOf(e)}` };
            }
            const mismatches = compareBrokerConfig(rendered, loaded);
            const value = { mismatches, loaded };
            if (mismatches.length === 0) {
                return {
                    ok: true,
                    message: `broker ${brokerAddr} loaded all ${count} rendered key(s) as written`,
                    value,
                };
            }
            return {
                ok: false,
                message: `broker ${brokerAddr} did not load ${mismatches.length} of ${count} rendered key(s): ${mismatches.map((m) => m.message).join('; ')}`,
                value,
            };
        },
    };
}
/** Both brokers' commitLogMaxOffset (GET_BROKER_RUNTIME_INFO), for reports. */
async function fetchReplicationOffsets(masterAddr, slaveAddr, options = {}) {
    const [m, s] = await Promise.all([
        fetchBrokerRuntimeInfo(masterAddr, options),
        fetchBrokerRuntimeInfo(slaveAddr, options),
    ]);
    if (m.commitLogMaxOffset === undefined)
        throw new Error(`master ${masterAddr} reports no commitLogMaxOffset`);
    if (s.commitLogMaxOffset === undefined)
        throw new Error(`slave ${slaveAddr} reports no commitLogMaxOffset`);
    return { master: m.commitLogMaxOffset, slave: s.commitLogMaxOffset };
}
/**
 * The slave really syncs: it passes once the slave's commitLogMaxOffset reaches the master's offset
 * as first observed by this gate. "Connected" is no proof (docs/rocketmq-notes.md: a slave can keep a dead HA
 * address and silently stop); write to the master before polling to make the proof meaningful.
 * Each gate instance keeps its own target: create a new one per check.
 */
function replicationGate(masterAddr, slaveAddr, options = {}) {
    let target;
    return {
        describe: `slave ${slaveAddr} replicates master ${masterAddr}`,
        probe: async () => {
            let offsets;
            try {
                offsets = await fetchReplicationOffsets(masterAddr, slaveAddr, options);
            }
            catch (e) {
                return { ok: false, message: `replication ${masterAddr} -> ${slaveAddr}: ${reasonOf(e)}` };
            }
            target ??= offsets.master;
            const value = {
                masterAddr,
                slaveAddr,
                target,
                master: offsets.master,
                slave: offsets.slave,
                behind: offsets.master - offsets.slave,
                proven: target > 0,
            };
            const now = `master at ${offsets.master}, slave at ${offsets.slave}`;
            if (offsets.slave < target) {
                return {
                    ok: false,
                    message: `slave ${slaveAddr} behind: ${now}, needs ${target} (${target - offsets.slave} bytes to go)`,
                    value,
                };
            }
            if (offsets.master < target) {
                // A master that goes backwards lost its store: the slave holds data the master does not.
                return {
                    ok: false,
                    message: `master ${masterAddr} went back from ${target} to ${offsets.master}: its store was replaced?`,
                    value,
                };
            }
            let note = value.proven ? '' : ' (the master has written nothing yet: write before trusting this)';
            // Seen for a moment between the two reads; lasting, it means the master lost its store.
            if (offsets.slave > offsets.master)
                note += ' (slave ahead of master)';
            return { ok: true, message: `slave ${slaveAddr} reached ${target}: ${now}${note}`, value };
        },
    };
}

;// CONCATENATED MODULE: ./src/rocketmq/image.ts
/** How docker compares references: `x` is `docker.io/library/x:latest`. */
function normalizeImage(ref) {
    const slash = ref.indexOf('/');
    const first = slash === -1 ? '' : ref.slice(0, slash);
    const hasRegistry = first.includes('.') || first.includes(':') || first === 'localhost';
    let name = hasRegistry ? ref : `docker.io/${slash === -1 ? `library/${ref}` : ref}`;
    const lastPart = name.slice(name.lastIndexOf('/') + 1);
    if (!lastPart.includes(':') && !lastPart.includes('@'))
        name += ':latest';
    return name;
}

// EXTERNAL MODULE: ./src/render/render.ts
var render = __webpack_require__(4278);
// EXTERNAL MODULE: ./src/spec/broker-keys.ts + 1 modules
var broker_keys = __webpack_require__(1659);
;// CONCATENATED MODULE: ./src/plan/versions.ts

/** The version change between two RocketMQ images; undefined when either tag has no version or both match. */
function versionChange(oldImage, newImage) {
    const from = (0,broker_keys/* rocketmqVersionOf */.Ko)(oldImage);
    const to = (0,broker_keys/* rocketmqVersionOf */.Ko)(newImage);
    const a = from ? (0,broker_keys/* parseVersion */.ot)(from) : undefined;
    const b = to ? (0,broker_keys/* parseVersion */.ot)(to) : undefined;
    if (!from || !to || !a || !b)
        return undefined;
    const order = (0,broker_keys/* compareVersions */.Zy)(a, b);
    if (order === 0)
        return undefined;
    return { from, to, direction: order < 0 ? 'upgrade' : 'downgrade' };
}
function describeVersionChange(c) {
    return `${c.direction} ${c.from} → ${c.to}`;
}
/** Why a downgrade can lose data, or undefined when it cannot (as far as known). */
function downgradeHazard(c) {
    if (c.direction !== 'downgrade')
        return undefined;
    const from = (0,broker_keys/* parseVersion */.ot)(c.from);
    const to = (0,broker_keys/* parseVersion */.ot)(c.to);
    if (from && to && from.major >= 5 && to.major < 5) {
        return (`downgrade ${c.from} → ${c.to}: safe only if no topic name is longer than 127 characters ` +
            `(RocketMQ 5 stores messages of such topics in a format ${c.to} cannot read)`);
    }
    // Within 4.x the store format did not change (commit log, consume queue, index, checkpoint).
    return undefined;
}
/** A default as the tables write it, without the prose that says where a JVM property overrides it. */
function bareDefault(text) {
    return text.replace(/\s+\(.*\)$/, '');
}
/**
 * Keys both versions read whose default differs, leaving out keys in `setKeys` (written in broker.conf,
 * so the default does not apply). From the key tables of the two releases.
 */
function changedDefaults(c, setKeys) {
    const before = (0,broker_keys/* keyTableFor */.Z3)(`rocketmq:${c.from}`).keys;
    const after = (0,broker_keys/* keyTableFor */.Z3)(`rocketmq:${c.to}`).keys;
    const out = [];
    for (const [key, entry] of after) {
        const old = before.get(key);
        if (!old || setKeys.has(key))
            continue;
        if (bareDefault(old.default) !== bareDefault(entry.default))
            out.push({ key, from: bareDefault(old.default), to: bareDefault(entry.default) });
    }
    return out.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
}
/** The image's rocketmq user's home: `${user.home}` in RocketMQ's defaults. */
const CONTAINER_HOME = '/home/rocketmq';
/** Before 4.9.4 the commit log defaulted to ~/store/commitlog whatever storePathRootDir said. */
const ROOT_RELATIVE_SINCE = { major: 4, minor: 9, patch: 4 };
/** Where RocketMQ `version` keeps the commit log for a broker.conf; undefined when the version is unknown. */
function commitLogPath(version, conf) {
    const explicit = conf.storePathCommitLog;
    if (explicit !== undefined && explicit !== '')
        return explicit;
    const v = (0,broker_keys/* parseVersion */.ot)(version);
    if (!v)
        return undefined;
    if ((0,broker_keys/* compareVersions */.Zy)(v, ROOT_RELATIVE_SINCE) < 0)
        return `${CONTAINER_HOME}/store/commitlog`;
    const root = conf.storePathRootDir !== undefined && conf.storePathRootDir !== '' ? conf.storePathRootDir : undefined;
    return `${root ?? `${CONTAINER_HOME}/store`}/commitlog`;
}
/**
 * Whether the new broker.conf must name the commit log explicitly so that it stays where the
 * running broker keeps it: the spec does not set storePathCommitLog and the path would move, because
 * the version changes (4.9.4 moved the default under storePathRootDir) or because an earlier
 * deploy pinned it. Undefined when nothing would move or a version is unknown.
 */
function commitLogPin(running, next) {
    if (next.conf.storePathCommitLog !== undefined)
        return undefined;
    const from = (0,broker_keys/* rocketmqVersionOf */.Ko)(running.image);
    const to = (0,broker_keys/* rocketmqVersionOf */.Ko)(next.image);
    if (!from || !to)
        return undefined;
    const path = commitLogPath(from, running.conf);
    const unpinned = commitLogPath(to, next.conf);
    if (!path || !unpinned || path === unpinned)
        return undefined;
    const pinnedBefore = running.conf.storePathCommitLog !== undefined;
    if (from === to && !pinnedBefore)
        return undefined;
    const why = pinnedBefore
        ? `storePathCommitLog kept at ${path}, as the running broker.conf has it (without it the broker would read ${unpinned}, an empty commit log)`
        : `storePathCommitLog pinned to ${path}, where RocketMQ ${from} keeps this commit log (${to} would read ${unpinned}, an empty one)`;
    return { path, unpinned, why };
}

;// CONCATENATED MODULE: ./src/plan/plan.ts




function changes(plan) {
    return plan.entries.filter((e) => e.action === 'create' || e.action === 'replace');
}
function diffConfig(oldText, newConfig) {
    const old = oldText === undefined ? {} : (0,properties/* parseProperties */.$9)(oldText);
    const keys = [...new Set([...Object.keys(old), ...Object.keys(newConfig)])].sort();
    const out = [];
    for (const key of keys) {
        const o = old[key];
        const n = newConfig[key];
        if (o === n)
            continue;
        const change = { key };
        if (o !== undefined)
            change.old = o;
        if (n !== undefined)
            change.new = n;
        out.push(change);
    }
    return out;
}
function describeChange(c) {
    return `${c.key}: ${c.old ?? '(unset)'} → ${c.new ?? '(unset)'}`;
}
/** Compare the run argv without labels: labels carry hash and revision, reported separately. */
function argsWithoutLabels(args) {
    return args.filter((a, i) => a !== '--label' && args[i - 1] !== '--label');
}
function planContainer(desired, observed, host, deployedRunArgs) {
    if (!observed)
        return {
            host: desired.host,
            name: desired.name,
            kind: desired.kind,
            desired,
            action: 'create',
            reasons: ['no such container'],
            configChanges: [],
        };
    const version = desired.kind === 'console' ? undefined : versionChange(observed.image, desired.image);
    const pin = pinFor(desired, observed, host);
    if (pin)
        desired = (0,render.withBrokerKeys)(desired, { storePathCommitLog: pin.path });
    const base = {
        host: desired.host,
        name: desired.name,
        kind: desired.kind,
        desired,
        ...(version ? { version } : {}),
        ...(pin ? { commitLogPin: pin } : {}),
    };
    const configChanges = [];
    for (const f of desired.files) {
        if (f.path.endsWith('/broker.conf') && desired.brokerConfig) {
            configChanges.push(...diffConfig(host.files[f.path], desired.brokerConfig));
        }
        else if (host.files[f.path] !== f.content) {
            configChanges.push({ key: f.path, new: '(changed)' });
        }
    }
    const reasons = [];
    if (normalizeImage(observed.image) !== normalizeImage(desired.image)) {
        const image = `image ${observed.image} → ${desired.image}`;
        reasons.push(version ? `${describeVersionChange(version)} (${image})` : image);
    }
    for (const c of configChanges)
        reasons.push(pin && c.key === 'storePathCommitLog' ? pin.why : describeChange(c));
    const hashChanged = observed.labels[render.LABELS.configHash] !== desired.configHash;
    if (hashChanged && deployedRunArgs) {
        const before = argsWithoutLabels(deployedRunArgs).join(' ');
        const after = argsWithoutLabels(desired.runArgs).join(' ');
        if (before !== after && normalizeImage(observed.image) === normalizeImage(desired.image))
            reasons.push('docker run arguments changed');
    }
    if (hashChanged && reasons.length === 0)
        reasons.push('container definition changed');
    if (!observed.running)
        reasons.push(`not running (${observed.status}, exit code ${observed.exitCode})`);
    if (reasons.length === 0 && !hashChanged) {
        return { ...base, action: 'unchanged', reasons: [], configChanges: [], observed };
    }
    return { ...base, action: 'replace', reasons, configChanges, observed };
}
/** The commit-log pin a broker needs to keep its messages across this replace, if any. */
function pinFor(desired, observed, host) {
    const conf = desired.files.find((f) => f.path.endsWith('/broker.conf'));
    const running = conf ? host.files[conf.path] : undefined;
    if (!desired.brokerConfig || running === undefined)
        return undefined;
    return commitLogPin({ image: observed.image, conf: (0,properties/* parseProperties */.$9)(running) }, { image: desired.image, conf: desired.brokerConfig });
}
/** Notes for the whole plan: per version change, a downgrade's hazard and the defaults that move. */
function versionNotes(entries) {
    const byChange = new Map();
    for (const e of entries) {
        if (!e.version || (e.action !== 'replace' && e.action !== 'create'))
            continue;
        const id = describeVersionChange(e.version);
        const slot = byChange.get(id) ?? { change: e.version, set: [] };
        if (e.desired?.brokerConfig)
            slot.set.push(new Set(Object.keys(e.desired.brokerConfig)));
        byChange.set(id, slot);
    }
    const notes = [];
    for (const [id, { change, set }] of byChange) {
        const hazard = downgradeHazard(change);
        if (hazard)
            notes.push({ severity: 'warning', message: hazard });
        // A key counts as set only where every broker of this change writes it.
        const everywhere = new Set([...(set[0] ?? [])].filter((k) => set.every((s) => s.has(k))));
        const moved = changedDefaults(change, everywhere);
        if (moved.length > 0) {
            const list = moved.map((d) => `${d.key} ${d.from} → ${d.to}`).join(', ');
            notes.push({
                severity: 'notice',
                message: `${id} changes the defaults of keys the spec does not set: ${list}`,
            });
        }
    }
    return notes;
}
/** The managed containers of a host that the spec no longer wants there (kept copies aside). */
function orphansOf(cluster, host) {
    const wanted = new Set(cluster.hosts.find((h) => h.name === host.host)?.containers.map((c) => c.name));
    return host.containers.filter((x) => !wanted.has(x.name) && !x.name.endsWith(KEPT_SUFFIX));
}
/**
 * A broker the plan creates on one host while a container of the same group and brokerId, no
 * longer in the spec there, runs on another: the spec moved it. Both would register as that one
 * broker and split its writes (the name servers' route flips between them), and a master's
 * message store stays on the old host's disk. Refused while the old one runs; for a stopped old
 * master a warning, since the moved one starts with an empty store.
 */
function identityConflicts(cluster, entries, observed) {
    const notes = [];
    for (const e of entries) {
        const c = e.desired;
        if (e.action !== 'create' || !c || (c.kind !== 'master' && c.kind !== 'slave'))
            continue;
        for (const o of observed) {
            for (const x of orphansOf(cluster, o)) {
                if (x.labels[render.LABELS.group] !== c.group || x.labels[render.LABELS.brokerId] !== String(c.brokerId))
                    continue;
                // A stopped slave left behind costs nothing: the new one copies its master's store.
                if (!x.running && c.kind !== 'master')
                    continue;
                const id = `${c.group ?? ''}/${c.brokerId ?? 0}`;
                const from = `${id} moves from host ${o.host} (${x.name}, ${x.running ? 'still running' : 'stopped'}) to host ${e.host}`;
                if (!x.running) {
                    notes.push({
                        severity: 'warning',
                        message: `${from}: the new master starts with an empty message store; what the old one holds stays on host ${o.host}`,
                    });
                    continue;
                }
                const harm = c.kind === 'master'
                    ? `both would register as ${id} and take its writes, each into its own message store`
                    : `both would register as ${id}, and the name servers would list one, then the other`;
                const byHand = c.kind === 'master'
                    ? `move its producers and consumers off it, stop and remove ${x.name} on host ${o.host} by hand`
                    : `stop and remove ${x.name} on host ${o.host} by hand`;
                notes.push({
                    severity: 'error',
                    message: `${from}: ${harm}. A deploy touches nothing: keep ${id} on host ${o.host} in the spec, or ${byHand}, then deploy again`,
                });
            }
        }
    }
    return notes;
}
/**
 * A master whose listenPort changes while its group has slaves: a rolling change cannot move it.
 * Each slave replicates from the master's address (its broker.conf's haMasterAddress on 4.x, what
 * it learned on 5.x), so a slave restarted first points where nothing runs yet, and before it
 * stops the tool finds its master registered at the old address, not the new one. Refused here,
 * with the way through, instead of at that step.
 */
function masterPortMoves(cluster, entries) {
    const notes = [];
    for (const e of entries) {
        const c = e.desired;
        const port = e.configChanges.find((x) => x.key === 'listenPort');
        if (e.action !== 'replace' || c?.kind !== 'master' || !port?.old || !port.new)
            continue;
        const slaves = (0,render.allContainers)(cluster)
            .filter((x) => x.kind === 'slave' && x.group === c.group)
            .map((x) => x.name);
        if (!slaves.length)
            continue;
        notes.push({
            severity: 'error',
            message: `${c.group ?? ''}/0 (${c.name} on host ${e.host}) moves from listenPort ${port.old} to ${port.new} while it has ` +
                `slaves (${slaves.join(', ')}): they replicate from its address, so a rolling change cannot move it. ` +
                `A deploy touches nothing: keep listenPort ${port.old}, or move it in two deploys: first with the ` +
                `group's slaves left out of the spec (they keep running, replicating nothing until the second), ` +
                `then with them back`,
        });
    }
    return notes;
}
/** Whether a plan may run: none of its notes refuses it. */
function planRefusals(plan) {
    return (plan.notes ?? []).filter((n) => n.severity === 'error').map((n) => n.message);
}
/** Where the argv a container was created with is kept, for the "why" of a replace. */
function runArgsPath(c) {
    return `${c.dir}/docker-run.json`;
}
/** Every file a container owns on its host: its rendered files and its run argv. */
function containerFilePaths(c) {
    return [...c.files.map((f) => f.path), runArgsPath(c)];
}
function buildPlan(cluster, observed, onlyHosts) {
    const entries = [];
    const byHost = new Map(observed.map((o) => [o.host, o]));
    for (const h of cluster.hosts) {
        if (onlyHosts && !onlyHosts.has(h.name))
            continue;
        const o = byHost.get(h.name) ?? { host: h.name, containers: [], files: {} };
        for (const c of h.containers) {
            const current = o.containers.find((x) => x.name === c.name);
            const args = o.files[runArgsPath(c)];
            let deployedArgs;
            try {
                deployedArgs = args ? JSON.parse(args) : undefined;
            }
            catch {
                deployedArgs = undefined;
            }
            entries.push(planContainer(c, current, o, deployedArgs?.slice(1)));
        }
        // Managed containers the spec no longer wants are reported, never removed by a deploy.
        for (const x of orphansOf(cluster, o)) {
            entries.push({
                action: 'orphaned',
                host: h.name,
                name: x.name,
                kind: x.labels[render.LABELS.kind] ?? 'unknown',
                reasons: ['managed by rocketmq-rollout but not in the spec: remove it by hand when sure'],
                configChanges: [],
                observed: x,
            });
        }
    }
    const notes = [
        ...identityConflicts(cluster, entries, observed),
        ...masterPortMoves(cluster, entries),
        ...versionNotes(entries),
    ];
    return {
        cluster: cluster.cluster,
        revision: cluster.revision,
        entries,
        ...(notes.length ? { notes } : {}),
    };
}
/** The old container is kept under this suffix until the rollout is healthy, for undo. */
const KEPT_SUFFIX = '-rollout-old';

;// CONCATENATED MODULE: ./src/plan/drain-plan.ts

function drainPlan(plan, settings) {
    const masters = [];
    for (const e of changes(plan)) {
        if (e.action !== 'replace' || !e.observed?.running)
            continue;
        if (e.kind === 'master')
            masters.push({ host: e.host, name: e.name });
        const m = e.kind === 'slave' ? syncMasterOf(plan, e.desired?.group) : undefined;
        if (m)
            masters.push({ host: m.host, name: m.name, forSlave: e.name });
    }
    const n = settings.drain ? masters.length : 0;
    return {
        drain: settings.drain,
        drainSeconds: settings.drainSeconds,
        masters,
        waitSeconds: n === 0 ? 0 : (2 * n - 1) * settings.drainSeconds,
    };
}
/** The running master of `group` when the group replicates synchronously. */
function syncMasterOf(plan, group) {
    if (!group)
        return undefined;
    const m = plan.entries.find((x) => x.kind === 'master' && x.desired?.group === group);
    const running = m?.action === 'unchanged' || m?.observed?.running === true;
    return m && running && m.desired?.brokerConfig?.brokerRole === 'SYNC_MASTER' ? m : undefined;
}

// EXTERNAL MODULE: ./src/plan/plan-file.ts
var plan_file = __webpack_require__(435);
// EXTERNAL MODULE: ./src/spec/findings.ts
var findings = __webpack_require__(5293);
// EXTERNAL MODULE: ./src/spec/validate.ts + 21 modules
var validate = __webpack_require__(1841);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/remote/host-commands.ts
/**
 * Every command the engine sends to a host that is not docker's CLI (docker.ts builds those): the
 * directories and files it prepares, the lock directory, the journal, the free-disk check, and the
 * scripts an SSH Remote uses to write and read a file. Pure argv builders, tested as tables; a
 * script is a fixed string with the values as positional parameters, so nothing from the caller is
 * ever parsed by the shell. Paths must be absolute: one starting with `-` cannot read as a flag.
 */

/** Appends one line ($1) to a file ($2). */
const APPEND_SCRIPT = 'printf "%s\\n" "$1" >> "$2"';
/**
 * $1 directory, $2 temp file beside the target, $3 octal mode, $4 target; the content on stdin.
 * The temp file lives in the same directory, so `mv` is an atomic rename; a directory at the
 * target would make `mv` move the file INTO it, so that is refused instead.
 */
const WRITE_FILE_SCRIPT = 'set -e; mkdir -p -- "$1"; trap \'rm -f -- "$2"\' EXIT; cat > "$2"; chmod "$3" -- "$2"; ' +
    'if [ -d "$4" ] && [ ! -L "$4" ]; then echo "$4 is a directory" >&2; exit 1; fi; ' +
    'mv -f -- "$2" "$4"; trap - EXIT';
/** Exit status of the read-file script when the file is absent; cat and sh never use it. */
const MISSING_FILE_STATUS = 44;
/** $1 the file: its bytes on stdout, or exit MISSING_FILE_STATUS when it does not exist. */
const READ_FILE_SCRIPT = `[ -e "$1" ] || exit ${MISSING_FILE_STATUS}; exec cat -- "$1"`;
function absolute(path) {
    if (!path.startsWith('/'))
        throw new Error(`remote paths must be absolute, got ${JSON.stringify(path)}`);
    return path;
}
function paths(list) {
    if (list.length === 0)
        throw new Error('at least one path is needed');
    return list.map(absolute);
}
function uid(value) {
    const text = String(value);
    if (!/^\d+$/.test(text))
        throw new Error(`a numeric uid is needed, got ${JSON.stringify(text)}`);
    return text;
}
/** Pure argv builders: each returns the full argv, the program first. */
const hostArgv = {
    /** Create directories and their parents; nothing happens to one that exists. */
    mkdirs: (dirs) => ['mkdir', '-p', ...paths(dirs)],
    /** Create ONE directory, failing when it exists: mkdir is atomic, the lock relies on it. */
    mkdirExclusive: (dir) => ['mkdir', absolute(dir)],
    /** Give directories to a uid (and the group of the same number), as the image's user needs. */
    chown: (owner, dirs) => [
        'chown',
        `${uid(owner)}:${uid(owner)}`,
        ...paths(dirs),
    ],
    /** Free space of the file system holding `dir`, POSIX format in KiB (parseDfFreeKb reads it). */
    diskFree: (dir) => ['df', '-Pk', absolute(dir)],
    /** Remove files; an absent one is not an error. */
    removeFiles: (files) => ['rm', '-f', ...paths(files)],
    /** Remove a directory and everything under it; absent is not an error. */
    removeTree: (dir) => ['rm', '-rf', absolute(dir)],
    /** Rename, like rename(2): fails when the source is gone (one of two racing renames wins). */
    move: (from, to) => ['mv', absolute(from), absolute(to)],
    /** Append one line to a file (the journal): one command, so a kill leaves whole lines. */
    appendLine: (file, line) => [
        'sh',
        '-c',
        APPEND_SCRIPT,
        'sh',
        line,
        absolute(file),
    ],
    /** Write the content given on stdin atomically (see WRITE_FILE_SCRIPT). */
    writeFile: (file, tmp, mode) => [
        'sh',
        '-c',
        WRITE_FILE_SCRIPT,
        'sh',
        external_node_path_.posix.dirname(absolute(file)),
        absolute(tmp),
        mode.toString(8),
        file,
    ],
    /** A file's bytes on stdout; exit MISSING_FILE_STATUS when absent. */
    readFile: (file) => ['sh', '-c', READ_FILE_SCRIPT, 'sh', absolute(file)],
};
/** Available KiB from `df -Pk`'s last line (its fourth column); undefined when unreadable. */
function parseDfFreeKb(stdout) {
    const free = Number(stdout.trim().split('\n').at(-1)?.split(/\s+/)[3]);
    return Number.isFinite(free) ? free : undefined;
}

;// CONCATENATED MODULE: ./src/rollout/host-state.ts


function stateDir(dataRoot, cluster) {
    return `${dataRoot}/.rocketmq-rollout/${cluster}`;
}
/** Another live run holds a lock of this cluster: never a success, whatever this run's plan is. */
class LockHeldError extends src_errors/* RolloutError */.a6 {
    holder;
    ageSeconds;
    heartbeatSeconds;
    constructor(host, holder, ageSeconds, heartbeatSeconds) {
        const who = holder
            ? `${holder.owner}, ${holder.runUrl ?? 'no run URL'}, started ${ageSeconds}s ago, revision ${holder.revision}`
            : 'owner unknown: its lock has no owner file yet';
        const beat = heartbeatSeconds === undefined ? '' : `, last heartbeat ${heartbeatSeconds}s ago`;
        super('lock-held', `another run (${who}) is changing this cluster: it holds the deploy lock on host ${host}${beat}. ` +
            `Wait for it to finish; break the lock (--break-lock / input break-lock) only if you know that run is dead.`, { host, phase: 'lock' });
        this.holder = holder;
        this.ageSeconds = ageSeconds;
        this.heartbeatSeconds = heartbeatSeconds;
    }
}
/** A lock without a heartbeat (written by an older version) counts as dead after this long. */
const STALE_LOCK_SECONDS = 3600;
function parseOwner(text) {
    if (!text)
        return undefined;
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}
/** The same run: owner, pid and start time (the heartbeat changes, the identity does not). */
function sameRun(a, b) {
    return a.owner === b.owner && a.pid === b.pid && a.since === b.since;
}
class HostState {
    remote;
    dir;
    now;
    constructor(remote, dir, now = () => new Date()) {
        this.remote = remote;
        this.dir = dir;
        this.now = now;
    }
    get lockDir() {
        return `${this.dir}/lock`;
    }
    async readLock() {
        return parseOwner(await this.remote.readFile(`${this.lockDir}/owner.json`));
    }
    /** One attempt (mkdir is atomic): taken, or who holds it (undefined: no owner file yet). */
    async tryAcquire(owner) {
        await this.remote.exec(hostArgv.mkdirs([this.dir]));
        const taken = await this.remote.exec(hostArgv.mkdirExclusive(this.lockDir));
        if (taken.code !== 0) {
            const holder = await this.readLock();
            return holder ? { taken: false, holder } : { taken: false };
        }
        await this.writeOwner(owner);
        return { taken: true };
    }
    async writeOwner(owner) {
        const beat = { ...owner, heartbeat: this.now().toISOString() };
        await this.remote.writeFile(`${this.lockDir}/owner.json`, `${JSON.stringify(beat)}\n`);
    }
    /** Rewrite the heartbeat of a lock we hold; false (and nothing written) when it is not ours any more. */
    async heartbeat(owner) {
        const holder = await this.readLock();
        if (!holder || !sameRun(holder, owner))
            return false;
        await this.writeOwner(owner);
        return true;
    }
    /**
     * Remove a dead run's lock, but only the one judged dead: it is renamed away first (one rename
     * wins), and put back if what was moved is not that lock (another run took over meanwhile).
     */
    async takeOver(dead) {
        const aside = `${this.lockDir}.dead-${Date.now().toString(36)}-${process.pid}`;
        if ((await this.remote.exec(hostArgv.move(this.lockDir, aside))).code !== 0)
            return false;
        const moved = parseOwner(await this.remote.readFile(`${aside}/owner.json`));
        if ((moved && dead && !sameRun(moved, dead)) || (moved === undefined) !== (dead === undefined)) {
            await this.remote.exec(hostArgv.move(aside, this.lockDir));
            return false;
        }
        await this.remote.exec(hostArgv.removeTree(aside));
        return true;
    }
    /** --break-lock: remove whatever lock is there. */
    async forceBreak() {
        await this.remote.exec(hostArgv.removeTree(this.lockDir));
    }
    /** Release only a lock we hold (same owner and pid): never someone else's. */
    async release(owner) {
        const holder = await this.readLock();
        if (holder && !sameRun(holder, owner))
            return false;
        const r = await this.remote.exec(hostArgv.removeTree(this.lockDir));
        return r.code === 0;
    }
    /** For the action's post step: release a lock this run attempt left behind, nobody else's. */
    async releaseIfOwnedBy(owner) {
        const holder = await this.readLock();
        if (!holder || holder.owner !== owner)
            return false;
        return (await this.remote.exec(hostArgv.removeTree(this.lockDir))).code === 0;
    }
    async history() {
        const text = await this.remote.readFile(`${this.dir}/history.jsonl`);
        if (!text)
            return [];
        return text
            .split('\n')
            .filter((l) => l.trim())
            .flatMap((l) => {
            try {
                return [JSON.parse(l)];
            }
            catch {
                return [];
            }
        });
    }
    async record(entry, specText) {
        await this.remote.writeFile(`${this.dir}/revisions/${entry.revision}.yml`, specText);
        const old = (await this.remote.readFile(`${this.dir}/history.jsonl`)) ?? '';
        await this.remote.writeFile(`${this.dir}/history.jsonl`, `${old}${JSON.stringify(entry)}\n`);
    }
    async specOf(revision) {
        return this.remote.readFile(`${this.dir}/revisions/${revision}.yml`);
    }
}
/**
 * The revision to go back to: the newest successful one that differs from the newest successful
 * one. Hosts may disagree (a failed deploy stopped half way): the first host in spec order wins.
 */
function previousRevision(history) {
    const ok = history.filter((h) => h.result === 'success' || h.result === 'rolled-back');
    const current = ok.at(-1)?.revision;
    for (let i = ok.length - 1; i >= 0; i--) {
        if (ok[i]?.revision !== current)
            return ok[i]?.revision;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/rollout/lock.ts


const DEFAULT_LOCK_SETTINGS = {
    heartbeatMs: 10_000,
    expiryMs: 60_000,
    waitMs: 20_000,
    pollMs: 500,
};
/** From a heartbeat interval (what tests shorten): the expiry is six of them. */
function lockSettingsFor(heartbeatMs) {
    return {
        heartbeatMs,
        expiryMs: heartbeatMs * 6,
        waitMs: Math.max(2 * heartbeatMs, 2000),
        pollMs: Math.min(500, heartbeatMs),
    };
}
function judgeLock(holder, now, s) {
    if (!holder)
        return { state: 'unknown' };
    const ageSeconds = Math.round((now.getTime() - Date.parse(holder.since)) / 1000);
    if (!holder.heartbeat) {
        return { state: ageSeconds > STALE_LOCK_SECONDS ? 'dead' : 'live', ageSeconds };
    }
    const beatMs = now.getTime() - Date.parse(holder.heartbeat);
    return {
        state: beatMs > s.expiryMs ? 'dead' : 'live',
        ageSeconds,
        heartbeatSeconds: Math.round(beatMs / 1000),
    };
}
function describeHolder(holder) {
    if (!holder)
        return 'a run that left no owner file';
    return `${holder.owner} (${holder.runUrl ?? 'no run URL'}, revision ${holder.revision}, pid ${holder.pid}, started ${holder.since})`;
}
function sleep(ms, signal) {
    return new Promise((resolve) => {
        const t = setTimeout(done, ms);
        function done() {
            clearTimeout(t);
            signal?.removeEventListener('abort', done);
            resolve();
        }
        signal?.addEventListener('abort', done, { once: true });
    });
}
/** Locks this run holds, with their heartbeat running until release(). */
class HeldLocks {
    hosts;
    dead;
    o;
    timer;
    beating = Promise.resolve();
    stopped = false;
    constructor(hosts, dead, o) {
        this.hosts = hosts;
        this.dead = dead;
        this.o = o;
        this.schedule();
    }
    schedule() {
        if (this.stopped)
            return;
        this.timer = setTimeout(() => {
            this.beating = this.beat().finally(() => this.schedule());
        }, this.o.settings.heartbeatMs);
        // The rollout keeps the process alive while it runs; a forgotten lock must not.
        this.timer.unref();
    }
    async beat() {
        await Promise.all(this.hosts.map(async (h) => {
            try {
                if (!(await h.state.heartbeat(this.o.owner))) {
                    this.o.reporter.log('warning', `the deploy lock on ${h.name} is no longer this run's (broken by another run?)`, { code: 'lock.lost', host: h.name });
                }
            }
            catch (error) {
                this.o.reporter.log('debug', `heartbeat on ${h.name} failed: ${(0,src_errors/* errorMessage */.gJ)(error)}`, {
                    code: 'lock.heartbeat',
                    host: h.name,
                });
            }
        }));
    }
    async release() {
        this.stopped = true;
        clearTimeout(this.timer);
        await this.beating;
        // Reverse order of taking; each host only ever releases a lock of this run.
        for (const h of [...this.hosts].reverse())
            await h.state.release(this.o.owner).catch(() => false);
    }
}
/** Attempts at one host beyond waiting: take-overs and breaks that lost a race, bounded. */
const MAX_TAKEOVERS = 3;
/**
 * Take every host's lock, in sorted host order. A live lock is waited for (settings.waitMs) and
 * then refused with LockHeldError; a dead one is taken over; --break-lock breaks a live one. On any
 * failure the locks already taken are released before the error is rethrown.
 */
async function acquireLocks(hosts, o) {
    const now = o.now ?? (() => new Date());
    const ordered = [...hosts].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const taken = [];
    const dead = [];
    try {
        for (const h of ordered) {
            const deadline = performance.now() + o.settings.waitMs;
            let takeovers = 0;
            for (;;) {
                const r = await h.state.tryAcquire(o.owner);
                if (r.taken) {
                    taken.push(h);
                    break;
                }
                const v = judgeLock(r.holder, now(), o.settings);
                const waited = performance.now() >= deadline || o.signal?.aborted === true;
                if (takeovers < MAX_TAKEOVERS && (v.state === 'dead' || (v.state === 'unknown' && waited))) {
                    takeovers += 1;
                    o.reporter.log('warning', `${h.name}: the deploy lock of ${describeHolder(r.holder)} ` +
                        (v.heartbeatSeconds !== undefined
                            ? `has not beaten for ${v.heartbeatSeconds}s`
                            : 'has no heartbeat') +
                        `: that run died; taking its lock over`, { code: 'lock.dead', host: h.name });
                    if (await h.state.takeOver(r.holder)) {
                        dead.push({
                            host: h.name,
                            ...(r.holder ? { holder: r.holder } : {}),
                            ...(v.heartbeatSeconds !== undefined ? { heartbeatSeconds: v.heartbeatSeconds } : {}),
                        });
                    }
                    continue;
                }
                if (o.breakLock && takeovers < MAX_TAKEOVERS) {
                    takeovers += 1;
                    o.reporter.log('warning', `${h.name}: breaking the live deploy lock of ${describeHolder(r.holder)} (--break-lock)`, { code: 'lock.break', host: h.name });
                    await h.state.forceBreak();
                    continue;
                }
                if (waited)
                    throw new LockHeldError(h.name, r.holder, v.ageSeconds, v.heartbeatSeconds);
                await sleep(o.settings.pollMs, o.signal);
            }
        }
    }
    catch (error) {
        for (const h of taken.reverse())
            await h.state.release(o.owner).catch(() => false);
        throw error;
    }
    return new HeldLocks(taken, dead, o);
}
/**
 * Read-only (file reads, no command): the first host whose lock belongs to another live run, for
 * runs that take no lock. A lock without an owner file is not seen here; acquireLocks waits for it.
 */
async function findLiveLock(hosts, settings, now = () => new Date()) {
    let anyLock = false;
    for (const h of [...hosts].sort((a, b) => (a.name < b.name ? -1 : 1))) {
        const holder = await h.state.readLock();
        if (!holder)
            continue;
        anyLock = true;
        const v = judgeLock(holder, now(), settings);
        if (v.state === 'live')
            return { error: new LockHeldError(h.name, holder, v.ageSeconds, v.heartbeatSeconds), anyLock };
    }
    return { anyLock };
}
/**
 * ROCKETMQ_ROLLOUT_LOCK_HEARTBEAT_SECONDS (a number, fractions allowed) shortens the heartbeat and
 * with it the expiry (six heartbeats) and the wait: for tests that kill a run and start the next.
 */
function lockSettingsFromEnv(env = process.env) {
    const seconds = Number(env.ROCKETMQ_ROLLOUT_LOCK_HEARTBEAT_SECONDS);
    return Number.isFinite(seconds) && seconds > 0
        ? lockSettingsFor(Math.round(seconds * 1000))
        : DEFAULT_LOCK_SETTINGS;
}

;// CONCATENATED MODULE: ./src/rollout/journal.ts



function runId(owner) {
    return `${owner.owner}#${owner.pid}@${owner.since}`;
}
class HostJournal {
    remote;
    dir;
    run;
    now;
    constructor(remote, dir, run, now = () => new Date()) {
        this.remote = remote;
        this.dir = dir;
        this.run = run;
        this.now = now;
    }
    get path() {
        return `${this.dir}/journal.jsonl`;
    }
    /**
     * The first line of a run. A journal whose last run ended is started afresh (its story is told
     * by history.jsonl); an unfinished one is kept, so the story of a dead run survives the next run.
     */
    async begin(owner, previous) {
        const line = this.line({
            action: 'begin',
            owner: owner.owner,
            revision: owner.revision,
            ...(owner.runUrl ? { runUrl: owner.runUrl } : {}),
        });
        const last = previous.at(-1);
        if (!last || last.action === 'end')
            await this.remote.writeFile(this.path, `${line}\n`);
        else
            await this.append(line);
    }
    async note(action, container, extra = {}) {
        await this.append(this.line({ action, ...(container ? { container } : {}), ...extra }));
    }
    line(e) {
        return JSON.stringify({ run: this.run, t: this.now().toISOString(), ...e });
    }
    async append(line) {
        const r = await this.remote.exec(hostArgv.appendLine(this.path, line));
        if (r.code !== 0) {
            throw new Error(`${this.remote.host}: cannot append to ${this.path}: ${r.stderr.trim() || `exit ${r.code}`}`);
        }
    }
}
async function readJournal(remote, dir) {
    const text = await remote.readFile(`${dir}/journal.jsonl`);
    if (!text)
        return [];
    return text.split('\n').flatMap((l) => {
        if (!l.trim())
            return [];
        try {
            return [JSON.parse(l)];
        }
        catch {
            // A line cut short by a kill mid-write says nothing reliable.
            return [];
        }
    });
}
/**
 * The entries after the last run that ended: those of every run since that did not finish (a
 * recovery run killed in turn leaves both stories; later lines win per container).
 */
function unfinishedRun(entries) {
    let i = entries.length;
    while (i > 0 && entries[i - 1]?.action !== 'end')
        i--;
    return entries.slice(i);
}
/** Read-only (file reads): does any host's journal end in a run that did not finish? */
async function anyUnfinished(hosts) {
    // All hosts at once: a no-op deploy then waits for the slowest host, not the sum.
    const journals = await Promise.all(hosts.map((h) => readJournal(h.remote, h.state.dir)));
    return journals.some((entries) => unfinishedRun(entries).length > 0);
}
async function interruptedOn(host, remote, docker, dir, cluster) {
    const entries = await readJournal(remote, dir);
    const containers = await docker.listManaged(cluster);
    return summarise(host, unfinishedRun(entries), containers.map((c) => c.name));
}
function summarise(host, run, present) {
    const lastByContainer = {};
    const before = {};
    for (const e of run) {
        if (!e.container)
            continue;
        lastByContainer[e.container] = e.action;
        // A later run's record is of files the earlier run may have left unused: the first one counts.
        if (e.action === 'write-files' && e.before && !before[e.container])
            before[e.container] = e.before;
        if (e.action === 'gated-ok')
            delete before[e.container];
    }
    // Who died where: the newest run's begin line and its last line.
    const begin = [...run].reverse().find((e) => e.action === 'begin');
    const last = run.at(-1);
    const names = (actions) => Object.entries(lastByContainer)
        .filter(([, a]) => actions.includes(a))
        .map(([c]) => c);
    return {
        host,
        ...(begin
            ? {
                run: {
                    id: begin.run,
                    started: begin.t,
                    ...(begin.owner ? { owner: begin.owner } : {}),
                    ...(begin.runUrl ? { runUrl: begin.runUrl } : {}),
                    ...(begin.revision ? { revision: begin.revision } : {}),
                },
            }
            : {}),
        ...(last
            ? { last: { action: last.action, t: last.t, ...(last.container ? { container: last.container } : {}) } }
            : {}),
        kept: present.filter((n) => n.endsWith(KEPT_SUFFIX)),
        ungated: names(['run', 'gate']).filter((n) => present.includes(n)),
        // Killed before its new container ran (or before docker run created it): the files are unused.
        filesUnused: [
            ...names(['write-files', 'keep-old', 'stop']),
            ...names(['run']).filter((n) => !present.includes(n)),
        ],
        before,
        undoUnfinished: names(['undo']),
        lastByContainer,
    };
}
function hasLeftovers(i) {
    return !!i.run || i.kept.length + i.ungated.length + i.filesUnused.length + i.undoUnfinished.length > 0;
}
/** One line per host, for the log and the plan: which run died where, and what it left. */
function describeInterrupted(i) {
    const parts = [];
    if (i.run) {
        const details = [i.run.runUrl ?? 'no run URL', ...(i.run.revision ? [`revision ${i.run.revision}`] : [])];
        const where = i.last
            ? ` at "${i.last.action}"${i.last.container ? ` of ${i.last.container}` : ''} (${i.last.t})`
            : '';
        parts.push(`the run of ${i.run.owner ?? i.run.id} (${details.join(', ')}) did not finish${where}`);
    }
    if (i.kept.length)
        parts.push(`old containers kept aside: ${i.kept.join(', ')}`);
    if (i.ungated.length)
        parts.push(`started but never gated: ${i.ungated.join(', ')}`);
    if (i.filesUnused.length) {
        const back = i.filesUnused.filter((n) => Object.values(i.before[n] ?? {}).some((t) => t !== null));
        parts.push(`files written but not used: ${i.filesUnused.join(', ')}` +
            (back.length ? ` (the next deploy puts back the files the old ${back.join(', ')} ran with)` : ''));
    }
    if (i.undoUnfinished.length)
        parts.push(`undo not finished: ${i.undoUnfinished.join(', ')}`);
    return `${i.host}: ${parts.join('; ')}`;
}
/**
 * Under the lock, before anything changes: tell what an unfinished earlier run left on each host,
 * then start this run's journal on every host.
 */
async function openJournals(hosts, owner, cluster, reporter) {
    const journals = new Map();
    const interrupted = [];
    for (const h of hosts) {
        const entries = await readJournal(h.remote, h.state.dir);
        const containers = await h.docker.listManaged(cluster);
        const i = summarise(h.name, unfinishedRun(entries), containers.map((c) => c.name));
        if (hasLeftovers(i)) {
            interrupted.push(i);
            reporter.log('warning', `interrupted earlier run: ${describeInterrupted(i)}`, {
                code: 'journal.interrupted',
                host: h.name,
            });
        }
        const j = new HostJournal(h.remote, h.state.dir, runId(owner));
        await j.begin(owner, entries);
        journals.set(h.name, j);
    }
    return { journals, interrupted };
}
/** The run's last line on every host but `except` (a host whose step was not undone stays open). */
async function endJournals(journals, ok, except) {
    await Promise.all([...journals]
        .filter(([host]) => host !== except)
        .map(([, j]) => j.note('end', undefined, { ok }).catch(() => undefined)));
}
/** For `plan`: per host, what an unfinished run left and who holds the lock; hosts with nothing are left out. */
async function leftovers(hosts, cluster, settings, now = () => new Date()) {
    const out = [];
    for (const h of hosts) {
        const i = await interruptedOn(h.name, h.remote, h.docker, h.state.dir, cluster);
        const holder = await h.state.readLock();
        const v = holder ? judgeLock(holder, now(), settings) : undefined;
        const beat = v?.heartbeatSeconds !== undefined ? `, last heartbeat ${v.heartbeatSeconds}s ago` : '';
        const lock = holder
            ? `locked by ${describeHolder(holder)}${beat}: ` +
                (v?.state === 'dead' ? 'that run is dead; the next deploy takes its lock over' : 'a live run')
            : undefined;
        const { before, ...rest } = i;
        if (hasLeftovers(i) || lock)
            out.push({
                ...rest,
                filesRecorded: Object.keys(before),
                ...(hasLeftovers(i) ? { summary: describeInterrupted(i) } : {}),
                ...(lock ? { lock } : {}),
            });
    }
    return out;
}

;// CONCATENATED MODULE: ./src/remote/remote.ts

class RemoteError extends src_errors/* RolloutError */.a6 {
    constructor(host, message, code) {
        super(code, `${host}: ${message}`, { host });
    }
}
/** Several files at once: in one command where the Remote can, else one readFile each. */
async function readFiles(remote, paths) {
    if (paths.length === 0)
        return {};
    if (remote.readFiles)
        return remote.readFiles(paths);
    const texts = await Promise.all(paths.map((p) => remote.readFile(p)));
    return Object.fromEntries(paths.map((p, i) => [p, texts[i]]));
}
/**
 * Several files at once: in one command where the Remote can (all written, then all renamed into
 * place), else one writeFile each, in order.
 */
async function writeFiles(remote, files) {
    if (files.length === 0)
        return;
    if (remote.writeFiles)
        return remote.writeFiles(files);
    for (const f of files)
        await remote.writeFile(f.path, f.content, f.mode);
}

;// CONCATENATED MODULE: ./src/rollout/stop.ts
/**
 * How a running container is stopped. In the official RocketMQ image PID 1 is `sh` (mqbroker and
 * mqnamesrv start java as a grandchild), so `docker stop` alone never reaches the JVM: it waits
 * the whole timeout and SIGKILLs. Name servers and brokers are stopped with the image's own
 * mqshutdown first; the console (and anything else) with a plain docker stop.
 */
/** The exit code of a container whose processes were SIGKILLed (128 + 9). */
const SIGKILL_EXIT = 137;
const SERVER = {
    nameServer: 'namesrv',
    master: 'broker',
    slave: 'broker',
    proxy: 'proxy',
};
async function stopContainer(docker, name, kind, timeoutSeconds) {
    const started = performance.now();
    const server = SERVER[kind];
    let method = 'docker stop';
    let detail;
    if (server) {
        const r = await docker.stopServer(name, server, timeoutSeconds);
        if (r.shutdownCode === 0)
            method = 'mqshutdown';
        else
            detail = `mqshutdown exited ${r.shutdownCode}${r.output ? `: ${r.output}` : ''}`;
    }
    else {
        await docker.stop(name, timeoutSeconds);
    }
    let state = await docker.inspect(name);
    // The stop is issued before mqshutdown signals the JVM, so the restart policy should never see
    // a crash; should the engine have started the old server again all the same, stop it once
    // more, cleanly (a bare docker stop of the official image waits the timeout and SIGKILLs).
    if (state?.running) {
        if (server)
            await docker.stopServer(name, server, timeoutSeconds);
        else
            await docker.stop(name, timeoutSeconds);
        state = (await docker.inspect(name)) ?? state;
    }
    const exitCode = state?.exitCode ?? -1;
    return {
        container: name,
        method,
        exitCode,
        killed: exitCode === SIGKILL_EXIT,
        ms: Math.round(performance.now() - started),
        ...(detail ? { detail } : {}),
    };
}
/** One progress line for a stop, and whether it deserves a warning. */
function describeStop(s, timeoutSeconds) {
    const how = `${s.container} stopped with ${s.method} in ${(s.ms / 1000).toFixed(1)}s (exit ${s.exitCode})`;
    const fellBack = s.detail ? `; ${s.detail}, so it fell back to docker stop` : '';
    if (s.killed) {
        return {
            warn: true,
            text: `${how}${fellBack}: SIGKILLed after the ${timeoutSeconds}s stop timeout, not a clean shutdown — ` +
                'the store was not flushed and closed (it runs a recovery pass on the next start) and the ' +
                'server did not unregister from the name servers',
        };
    }
    return { warn: s.detail !== undefined, text: `${how}${fellBack}` };
}

;// CONCATENATED MODULE: ./src/rollout/step.ts







class StepError extends src_errors/* RolloutError */.a6 {
    failure;
    constructor(message, failure) {
        super('step-failed', message, {
            host: failure.host,
            ...(failure.name !== undefined ? { container: failure.name } : {}),
            phase: failure.phase,
        });
        this.failure = failure;
    }
}
function elapsed(since) {
    return Math.round(performance.now() - since);
}
function messageOf(error) {
    return error instanceof Error ? error.message : String(error);
}
/** The old container as it ran, for re-gating after an undo: its own config, ports and name. */
function oldView(c, oldConf) {
    if (!c.brokerConfig || oldConf === undefined)
        return c;
    const config = (0,properties/* parseProperties */.$9)(oldConf);
    const listen = Number(config.listenPort ?? c.listenPort);
    const p = (0,render.brokerPorts)(listen);
    return { ...c, brokerConfig: config, listenPort: listen, ports: [p.listen, p.fast, p.ha] };
}
/**
 * An undo action once more after a lost connection: the Remote reconnects (bounded) before it.
 * Only for actions that are safe to repeat (remove, write, rename back, start).
 */
async function again(fn) {
    try {
        return await fn();
    }
    catch (error) {
        if (error instanceof RemoteError && error.code === 'connect')
            return fn();
        throw error;
    }
}
/**
 * docker run; when the old container was just stopped, a port it published may still be bound
 * for a moment (the engine's port proxy is torn down after the container exits), so a bind error
 * is retried for a few seconds before it counts.
 */
async function runFreeingPorts(h, runArgs, justStopped) {
    const deadline = performance.now() + (justStopped ? 6000 : 0);
    const name = runArgs[runArgs.indexOf('--name') + 1] ?? '';
    for (let wait = 500;; wait = Math.min(wait * 2, 2000)) {
        try {
            await h.docker.run(runArgs);
            return;
        }
        catch (error) {
            const busy = /address already in use|port is already allocated/i.test(messageOf(error));
            if (!busy || performance.now() + wait > deadline)
                throw error;
            // docker leaves the container created when the bind fails: remove it (the old one is kept
            // under another name) so that the retry can use the name.
            await h.docker.remove(name).catch(() => undefined);
            await new Promise((r) => setTimeout(r, wait));
        }
    }
}
/** How often a new container's state is checked while its gates run. */
const WATCH_INTERVAL_MS = 2000;
/** Waits `ms`, or less when `signal` fires; one listener per wait, removed when it ends. */
function pause(ms, signal) {
    return new Promise((resolve) => {
        const onAbort = () => {
            clearTimeout(t);
            resolve();
        };
        const t = setTimeout(() => {
            signal.removeEventListener('abort', onAbort);
            resolve();
        }, ms);
        signal.addEventListener('abort', onAbort, { once: true });
    });
}
class Rollout {
    o;
    journals;
    seen;
    steps = [];
    kept = [];
    live;
    /** A step began its undo: a parallel rollout starts no further step. */
    undoing = false;
    constructor(o, plan, journals = new Map(), 
    /** The files as the plan under the lock saw them, per host: a step need not read them again. */
    seen = []) {
        this.o = o;
        this.journals = journals;
        this.seen = seen;
        const running = new Set();
        for (const e of plan.entries)
            if (e.action === 'unchanged' || (e.observed?.running ?? false))
                running.add(e.name + '@' + e.host);
        this.live = { cluster: o.cluster, running };
    }
    /** One container's step, phase after phase; throws StepError (after its undo) when it fails. */
    async step(h, entry) {
        const c = entry.desired;
        if (!c || (entry.action !== 'create' && entry.action !== 'replace'))
            return;
        const s = new Step(this, h, entry, c, entry.action);
        s.announce();
        await s.refuseUnsafeStop();
        await s.rememberFiles();
        try {
            await s.prepareFiles();
            await s.keepOld();
            await s.stopOld();
        }
        catch (error) {
            // A lost connection (or a failed command) before the new container runs: undo what was done.
            return s.undo(messageOf(error));
        }
        try {
            await s.startNew();
        }
        catch (error) {
            return s.undo(`docker run failed: ${messageOf(error)}`);
        }
        // [crash-safety, helper B] a connection lost at the gate's journal line is undone like any failure.
        let gated;
        try {
            gated = await s.gate();
        }
        catch (error) {
            return s.undo(messageOf(error));
        }
        if (gated.failure !== undefined)
            return s.undo(gated.failure, gated.gates);
        await s.finish(gated.gates);
    }
}
/** The state of one step: what it started from and how far it got (what an undo reverses). */
class Step {
    r;
    h;
    entry;
    c;
    action;
    started = performance.now();
    engineMs = 0;
    old;
    keptName;
    signal;
    before = new Map();
    stopRecord;
    progress = { kept: false, ran: false };
    constructor(r, h, entry, c, action) {
        this.r = r;
        this.h = h;
        this.entry = entry;
        this.c = c;
        this.action = action;
        this.old = action === 'replace' ? entry.observed : undefined;
        this.keptName = `${c.name}${KEPT_SUFFIX}`;
        this.signal = r.o.signal ?? new AbortController().signal;
    }
    get key() {
        return `${this.c.name}@${this.c.host}`;
    }
    log(level, message, code) {
        this.r.o.reporter.log(level, message, { host: this.h.name, code });
    }
    async timed(fn) {
        const t = performance.now();
        try {
            return await fn();
        }
        finally {
            this.engineMs += performance.now() - t;
        }
    }
    /** Before each action, its line in the host's journal: a run killed anywhere leaves its trace. */
    note(action, extra = {}) {
        return this.r.journals.get(this.h.name)?.note(action, this.c.name, extra) ?? Promise.resolve();
    }
    /** What a hook sees; `old` is the container as it ran (its own config), when there was one. */
    context() {
        const oldConf = this.before.get(this.c.files[0]?.path ?? '');
        return {
            host: this.h,
            container: this.c,
            ...(this.old ? { old: oldView(this.c, oldConf) } : {}),
            live: this.r.live,
            signal: this.signal,
        };
    }
    announce() {
        const reasons = this.entry.reasons.length ? `: ${this.entry.reasons.join('; ')}` : '';
        this.log('info', `${this.action} ${this.c.name}${reasons}`, `step.${this.action}`);
    }
    /** A running container is stopped only when the gates say its group and name service stay up. */
    async refuseUnsafeStop() {
        if (!this.old?.running)
            return;
        const safe = await this.r.o.gates.safeToStop(this.c, this.r.live);
        if (safe.ok)
            return;
        throw new StepError(`${this.h.name}: refusing to stop ${this.c.name}: ${safe.why}`, {
            host: this.h.name,
            name: this.c.name,
            phase: 'step',
            message: `refusing to stop ${this.c.name}: ${safe.why}`,
            restored: `nothing touched: ${this.c.name} still runs as it was`,
        });
    }
    /**
     * The files as they are, so that an undo puts back exactly that. Under the lock nothing else
     * writes them: what the plan saw is still what is there.
     */
    async rememberFiles() {
        const paths = containerFilePaths(this.c);
        const seen = this.r.seen.find((x) => x.host === this.h.name)?.files;
        this.before = new Map(seen && paths.every((p) => p in seen)
            ? paths.map((p) => [p, seen[p]])
            : Object.entries(await readFiles(this.h.remote, paths)));
    }
    /** Phase 1: the new config files and the run argv on the host. */
    async prepareFiles() {
        // [crash-safety, helper B] the files as they were, for a repair when the new ones go unused.
        const before = Object.fromEntries([...this.before].map(([p, text]) => [p, text ?? null]));
        await this.note('write-files', { before });
        // One command for all of them: each its own atomic rename, none in place before all are written.
        await writeFiles(this.h.remote, [
            ...this.c.files,
            { path: runArgsPath(this.c), content: `${JSON.stringify(['docker', ...this.c.runArgs])}\n` },
        ]);
    }
    /** Phase 2: the old container renamed aside, still as it was (running or not). */
    async keepOld() {
        if (!this.old)
            return;
        // A leftover from an interrupted run would block the rename; the current container wins.
        await this.h.docker.remove(this.keptName).catch(() => undefined);
        await this.note('keep-old');
        await this.h.docker.rename(this.c.name, this.keptName);
        this.progress.kept = true;
    }
    /** Phase 3: the old container stopped, and forgotten by every name server. */
    async stopOld() {
        if (!this.old?.running)
            return;
        await this.r.o.hooks?.beforeStop?.(this.context());
        await this.note('stop');
        const c = this.c;
        const old = oldView(c, this.before.get(c.files[0]?.path ?? ''));
        const release = await this.r.o.gates.holdDuringStop?.(old);
        let stop;
        try {
            stop = await this.timed(() => stopContainer(this.h.docker, this.keptName, c.kind, c.stopTimeout));
        }
        finally {
            release?.();
        }
        this.stopRecord = stop;
        this.r.live.running.delete(this.key);
        // No name server may still list the old process: "registered" must mean the new one.
        await this.r.o.gates.forgetStopped?.(old, this.r.live);
        const line = describeStop(stop, c.stopTimeout);
        this.log(line.warn ? 'warning' : 'info', line.text, stop.killed ? 'step.stop.killed' : 'step.stop');
    }
    /** Phase 4: the new container runs. */
    async startNew() {
        await this.note('run');
        this.progress.ran = true;
        await this.timed(() => runFreeingPorts(this.h, this.c.runArgs, this.old?.running === true));
        await this.r.o.hooks?.afterStart?.(this.context());
    }
    /** Phase 5: the gates, while the new container is watched; the failure to undo for, if any. */
    async gate() {
        await this.note('gate');
        const { gates, exited } = await this.timed(() => this.gateWhileRunning());
        const failed = gates.find((g) => !g.ok);
        if (exited)
            return { gates, failure: `${this.c.name} ${exited} while its gates ran` };
        if (this.signal.aborted)
            return { gates, failure: 'interrupted by a signal' };
        if (failed)
            return { gates, failure: `gate ${failed.gate} failed: ${failed.detail}` };
        return { gates };
    }
    /**
     * Run the gates while watching the new container: one that exits (or restarts after exiting)
     * fails the step at once instead of after every gate's deadline.
     */
    async gateWhileRunning() {
        const stop = new AbortController();
        const relay = () => stop.abort();
        this.signal.addEventListener('abort', relay);
        if (this.signal.aborted)
            stop.abort();
        let exited;
        const watch = (async () => {
            while (!stop.signal.aborted) {
                await pause(WATCH_INTERVAL_MS, stop.signal);
                if (stop.signal.aborted)
                    break;
                const state = await this.h.docker.inspect(this.c.name).catch(() => undefined);
                if (state && (!state.running || state.exitCode !== 0)) {
                    exited = `exited with code ${state.exitCode} (${state.status})`;
                    stop.abort();
                }
            }
        })();
        try {
            const gates = await this.r.o.gates.check(this.c, this.r.live, stop.signal);
            return exited ? { gates, exited } : { gates };
        }
        finally {
            stop.abort();
            this.signal.removeEventListener('abort', relay);
            await watch;
        }
    }
    record(ok, gates) {
        const record = {
            host: this.h.name,
            name: this.c.name,
            action: this.action,
            ok,
            gates,
            elapsedMs: elapsed(this.started),
            engineMs: Math.round(this.engineMs),
            ...(this.stopRecord ? { stop: this.stopRecord } : {}),
        };
        this.r.steps.push(record);
        return record;
    }
    /** Phase 6: healthy; the old container is dropped at the end of a healthy run. */
    async finish(gates) {
        await this.note('gated-ok');
        this.r.live.running.add(this.key);
        if (this.old)
            this.r.kept.push({ host: this.h, name: this.keptName });
        const record = this.record(true, gates);
        const names = gates.map((g) => g.gate).join(', ');
        this.log('info', `${this.c.name} healthy (${names}) in ${(record.elapsedMs / 1000).toFixed(1)}s`, 'step.ok');
        await this.r.o.hooks?.afterGated?.(this.context());
    }
    /** The undo: reverse what the step did, say what was restored, and fail the step. */
    async undo(why, gates = []) {
        this.r.undoing = true;
        let logTail;
        let restored;
        try {
            await again(() => this.note('undo'));
            logTail = await this.h.docker
                .logs(this.c.name, 40)
                .catch(() => '(no logs: the container does not exist)');
            this.log('error', `${this.c.name} failed: ${why}; undoing`, 'step.undo');
            await again(() => this.h.docker.remove(this.c.name)).catch(() => undefined);
            await this.restoreFiles();
            restored = await this.restoreOld();
            this.log(this.old ? 'warning' : 'info', restored, 'step.restored');
            await this.note('undone');
        }
        catch (error) {
            // The host stayed away (or a command failed): stop here and say exactly what is left.
            restored = this.whatIsLeft(messageOf(error));
            this.log('error', restored, 'step.undo-failed');
        }
        this.record(false, gates);
        throw new StepError(`${this.h.name}: ${this.c.name}: ${why}`, {
            host: this.h.name,
            name: this.c.name,
            phase: this.signal.aborted ? 'interrupted' : 'step',
            message: why,
            ...(logTail !== undefined ? { logTail } : {}),
            restored,
        });
    }
    async restoreFiles() {
        for (const [p, text] of this.before) {
            if (text === undefined)
                await again(() => this.h.remote.exec(hostArgv.removeFiles([p])));
            else
                await again(() => this.h.remote.writeFile(p, text));
        }
    }
    /** The old container back under its name (started and re-gated if it ran); what was restored. */
    async restoreOld() {
        const { c, old } = this;
        if (!old)
            return 'nothing to restore: the container was new';
        if (!this.progress.kept)
            return `old ${c.name} untouched (the step failed before it was set aside)`;
        await again(() => this.h.docker.rename(this.keptName, c.name));
        if (!old.running)
            return `old ${c.name} restored (it was not running before)`;
        await again(() => this.h.docker.start(c.name));
        await this.r.o.hooks?.afterRestored?.(this.context());
        if (this.signal.aborted)
            return `old ${c.name} restored and started (not re-gated: interrupted)`;
        const regate = await this.r.o.gates.check(oldView(c, this.before.get(c.files[0]?.path ?? '')), this.r.live, new AbortController().signal);
        const bad = regate.find((g) => !g.ok);
        return bad
            ? `old ${c.name} restored and started, but its gate ${bad.gate} fails too: ${bad.detail}`
            : `old ${c.name} restored, started and healthy again`;
    }
    whatIsLeft(why) {
        const { c } = this;
        const left = [
            this.progress.ran ? `the new ${c.name} (started, never gated; maybe removed)` : undefined,
            this.progress.kept
                ? `the old container as ${this.keptName}${this.old?.running ? ' (stopped, or stopping)' : ''}`
                : undefined,
            'the new config files (maybe restored)',
        ].filter(Boolean);
        return (`NOT restored: the undo stopped (${why}). Left on ${this.h.name}: ${left.join(', ')}; ` +
            `the journal there records the step, and the next deploy repairs it`);
    }
}

;// CONCATENATED MODULE: ./src/rollout/recover.ts




const KIND_ORDER = { nameServer: 0, master: 1, slave: 2, proxy: 3, console: 4 };
function desiredOn(cluster, host, name) {
    return cluster.hosts.find((h) => h.name === host)?.containers.find((c) => c.name === name);
}
/** The files `name` had before the interrupted run wrote them, back on the host; false: none recorded. */
async function putBackFiles(h, o, name) {
    const before = o.interrupted.find((i) => i.host === h.name)?.before[name];
    if (!before)
        return false;
    const files = desiredOn(o.cluster, h.name, name)?.files ?? [];
    for (const [path, text] of Object.entries(before)) {
        if (text === null)
            await h.remote.exec(hostArgv.removeFiles([path]));
        else
            await h.remote.writeFile(path, text, files.find((f) => f.path === path)?.mode);
    }
    return true;
}
/**
 * An old container the repair had to start is proven up, with its own config, before the plan
 * stops it again: a broker stopped while its JVM still boots can exit 0, and `--restart always`
 * then starts it once more, holding its ports against its successor. What to add to the line.
 */
async function settleRestored(h, o, name, live) {
    const c = desiredOn(o.cluster, h.name, name);
    if (!c)
        return '';
    const conf = o.interrupted.find((i) => i.host === h.name)?.before[name]?.[c.files[0]?.path ?? ''];
    if (c.brokerConfig && typeof conf !== 'string')
        return ' (not gated: its own config is not recorded)';
    const gates = await o.gates.check(oldView(c, conf ?? undefined), live, o.signal ?? new AbortController().signal);
    const bad = gates.find((g) => !g.ok);
    return bad ? `, but its gate ${bad.gate} fails: ${bad.detail}` : ', and healthy';
}
/** Containers on a host to prove now (the never-gated first by kind: masters before slaves). */
function suspectsOn(cluster, host, journal, list) {
    const names = new Set(list.map((x) => x.name));
    const suspects = new Set(journal?.ungated ?? []);
    for (const [name, action] of Object.entries(journal?.lastByContainer ?? {}))
        if (action === 'undo' && names.has(name))
            suspects.add(name);
    // An old copy beside its container: unless the journal saw that container pass, prove it now.
    for (const k of list.filter((x) => x.name.endsWith(KEPT_SUFFIX))) {
        const name = k.name.slice(0, -KEPT_SUFFIX.length);
        const last = journal?.lastByContainer[name];
        if (last !== 'gated-ok' && last !== 'drop-old')
            suspects.add(name);
    }
    const kind = (n) => KIND_ORDER[desiredOn(cluster, host, n)?.kind ?? ''] ?? 9;
    return [...suspects].sort((a, b) => kind(a) - kind(b));
}
/**
 * 1. Old containers whose new one is absent are put back, masters before slaves; and files
 * written for a container whose old one never left are put back too.
 */
async function restoreAbsent(ctx) {
    const { o, observed, say, note, putBack } = ctx;
    const restores = [];
    for (const h of o.hosts) {
        const list = observed.get(h.name) ?? [];
        for (const k of list.filter((x) => x.name.endsWith(KEPT_SUFFIX))) {
            const name = k.name.slice(0, -KEPT_SUFFIX.length);
            if (list.some((x) => x.name === name))
                continue;
            restores.push({ h, kept: k, name, kind: desiredOn(o.cluster, h.name, name)?.kind ?? 'console' });
        }
    }
    restores.sort((a, b) => (KIND_ORDER[a.kind] ?? 9) - (KIND_ORDER[b.kind] ?? 9));
    const running = { cluster: o.cluster, running: new Set() };
    for (const [host, list] of observed)
        for (const x of list)
            if (x.running && !x.name.endsWith(KEPT_SUFFIX))
                running.running.add(`${x.name}@${host}`);
    for (const r of restores) {
        await note(r.h, 'undo', r.name);
        await putBack(r.h, r.name);
        await r.h.docker.rename(r.kept.name, r.name);
        let settled = '';
        if (!r.kept.running) {
            await r.h.docker.start(r.name);
            settled = await settleRestored(r.h, o, r.name, running);
        }
        running.running.add(`${r.name}@${r.h.name}`);
        await note(r.h, 'undone', r.name);
        say(r.h, `${r.name} was absent: its old container (${r.kept.name}) is back and running${settled}`);
    }
    // Killed before the old container was set aside: it still runs, with its own config in memory.
    for (const i of o.interrupted) {
        const h = o.hosts.find((x) => x.name === i.host);
        for (const [name, action] of Object.entries(i.lastByContainer)) {
            if (!h || (action !== 'write-files' && action !== 'keep-old'))
                continue;
            const list = observed.get(h.name) ?? [];
            if (list.some((x) => x.name === name) && !list.some((x) => x.name === `${name}${KEPT_SUFFIX}`))
                await putBack(h, name);
        }
    }
}
async function repairLeftovers(o) {
    const result = { dropWhenHealthy: [], done: [] };
    const observed = new Map();
    for (const h of o.hosts)
        observed.set(h.name, await h.docker.listManaged(o.cluster.cluster));
    const say = (h, line) => {
        result.done.push(`${h.name}: ${line}`);
        o.reporter.log('warning', `repair: ${line}`, { code: 'repair', host: h.name });
    };
    const ctx = {
        o,
        observed,
        say,
        note: async (h, action, name) => o.journals.get(h.name)?.note(action, name),
        putBack: async (h, name) => {
            if (await putBackFiles(h, o, name))
                say(h, `${name}: the files the interrupted run wrote for its successor are put back as they were`);
        },
    };
    await restoreAbsent(ctx);
    const { note, putBack } = ctx;
    // 2. Gate what was started and never proven; 3. drop old copies of what was.
    const live = { cluster: o.cluster, running: new Set() };
    for (const h of o.hosts) {
        for (const x of await h.docker.listManaged(o.cluster.cluster))
            if (x.running && !x.name.endsWith(KEPT_SUFFIX))
                live.running.add(`${x.name}@${h.name}`);
    }
    for (const h of o.hosts) {
        const journal = o.interrupted.find((i) => i.host === h.name);
        const list = await h.docker.listManaged(o.cluster.cluster);
        for (const name of suspectsOn(o.cluster, h.name, journal, list)) {
            const c = desiredOn(o.cluster, h.name, name);
            const state = await h.docker.inspect(name);
            if (!c || !state)
                continue;
            // Started for another spec than this one: the plan replaces it anyway (gated then), and its
            // gates against this spec would fail for no fault of its own.
            if (state.labels[render.LABELS.configHash] !== c.configHash)
                continue;
            let why = state.running ? '' : `not running (${state.status})`;
            if (!why) {
                await note(h, 'gate', name);
                const gates = await o.gates.check(c, live, o.signal ?? new AbortController().signal);
                const bad = gates.find((g) => !g.ok);
                if (bad)
                    why = `gate ${bad.gate} failed: ${bad.detail}`;
                else {
                    await note(h, 'gated-ok', name);
                    say(h, `${name} had never been gated: it passes now (${gates.map((g) => g.gate).join(', ')})`);
                    continue;
                }
            }
            const kept = list.find((x) => x.name === `${name}${KEPT_SUFFIX}`);
            await note(h, 'undo', name);
            await h.docker.remove(name);
            live.running.delete(`${name}@${h.name}`);
            let settled = '';
            if (kept) {
                await putBack(h, name);
                await h.docker.rename(kept.name, name);
                await h.docker.start(name);
                settled = await settleRestored(h, o, name, live);
                live.running.add(`${name}@${h.name}`);
            }
            await note(h, 'undone', name);
            say(h, `${name} was started by the interrupted run and is not healthy (${why}): removed` +
                (kept ? `, its old container is back${settled}` : `; the plan creates it again`));
        }
        for (const x of await h.docker.listManaged(o.cluster.cluster)) {
            if (x.name.endsWith(KEPT_SUFFIX))
                result.dropWhenHealthy.push({ host: h, name: x.name });
        }
    }
    return result;
}

;// CONCATENATED MODULE: ./src/rollout/observe-host.ts



/**
 * What a host runs and the files its containers own, as the plan compares them: one host command
 * where the host's docker port can (inspect and every file together), else docker ps/inspect and
 * the files in one more.
 */
async function observeHost(h, cluster) {
    const desired = cluster.hosts.find((x) => x.name === h.name)?.containers ?? [];
    const paths = desired.flatMap((c) => containerFilePaths(c));
    const both = await h.docker.observe?.(cluster.cluster, paths);
    if (both)
        return { host: h.name, containers: both.containers, files: both.files };
    const containers = await h.docker.listManaged(cluster.cluster);
    return { host: h.name, containers, files: await readFiles(h.remote, paths) };
}
function observeHosts(hosts, cluster) {
    return Promise.all(hosts.map((h) => observeHost(h, cluster)));
}
/**
 * What another run changed between two looks at the hosts, one line each: containers replaced,
 * added or removed (by id and image) and files edited (by sha256), as a saved plan compares them.
 * A container that merely stopped or started (a crash loop under --restart) is not a change: the
 * plan made from the second look handles it.
 */
function changedBetween(before, now) {
    const settled = (o) => o.map((h) => ({ ...h, containers: h.containers.map((c) => ({ ...c, running: true })) }));
    return (0,plan_file/* observationChanges */.GX)((0,plan_file/* observationOf */.KY)(settled(before)), (0,plan_file/* observationOf */.KY)(settled(now)));
}

;// CONCATENATED MODULE: ./src/rollout/map-limit.ts
/** `fn` over every item, at most `limit` at a time; the results in the items' order. */
async function mapLimit(items, limit, fn) {
    const out = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const i = next++;
            out[i] = await fn(items[i]);
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return out;
}

;// CONCATENATED MODULE: ./src/rollout/single-group.ts
/**
 * Pre-flight warning (issue 12): a topic whose writable queues all live on one broker group fails
 * its writes while that group's master restarts, drained or not (a drain can only move writes to
 * another group). Said once, before anything stops, per topic, when the rollout will take a
 * master's writes away: a running master replaced, or the master of a SYNC_MASTER group whose
 * slave is replaced (it is drained then). Best effort: a name server that does not answer only
 * loses the warning, never the rollout.
 */




/** Topic names printed at most; the rest are counted. */
const MAX_NAMED = 20;
/** How long the check may read routes: a cluster may have thousands of topics. */
const BUDGET_MS = 20_000;
const CONCURRENCY = 8;
/** GET_ALL_TOPIC_LIST_FROM_NAMESERVER (206) and GET_ROUTEINFO_BY_TOPIC (105) through the gates' dialer. */
function remotingTopics(dial, timeoutMs = 3000) {
    const o = { timeoutMs, ...(dial ? { dial } : {}) };
    return {
        topics: (ns) => fetchTopicList(ns, o),
        writableGroups: async (ns, topic) => ((await fetchTopicRoute(ns, topic, o))?.queueDatas ?? [])
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
function isSystemTopic(topic, ownNames) {
    return (ownNames.has(topic) ||
        SYSTEM_TOPICS.has(topic) ||
        /^(RMQ_SYS_|rmq_sys_|%RETRY%|%DLQ%|rocketmq-rollout-probe-)/.test(topic) ||
        /^[^%]*_REPLY_TOPIC$/.test(topic));
}
/** Groups whose master loses its writes during this rollout, in plan order. */
function groupsLosingWrites(plan) {
    const groups = drainPlan(plan, { drain: true, drainSeconds: 0 }).masters.map((m) => plan.entries.find((e) => e.host === m.host && e.name === m.name)?.desired?.group);
    return [...new Set(groups.filter((g) => !!g))];
}
function runningNameServers(plan) {
    return plan.entries
        .filter((e) => e.kind === 'nameServer' && e.observed?.running && e.desired)
        .map((e) => `${e.desired?.address}:${e.desired?.port}`);
}
/** The topic list of the first name server that answers. */
async function topicList(source, nameServers) {
    let last;
    for (const ns of nameServers) {
        try {
            return { ns, topics: await source.topics(ns) };
        }
        catch (e) {
            last = e;
        }
    }
    throw last instanceof Error ? last : new Error('no name server runs');
}
/** Warns, per group, of the topics that live on it alone; returns them (group → topics). */
async function warnSingleGroupTopics(o) {
    const found = new Map();
    const affected = new Set(groupsLosingWrites(o.plan));
    if (!affected.size)
        return found;
    const now = o.now ?? (() => performance.now());
    const end = now() + (o.budgetMs ?? BUDGET_MS);
    const own = new Set([o.plan.cluster, ...o.plan.entries.map((e) => e.desired?.group ?? '')]);
    let listed;
    try {
        listed = await topicList(o.source, runningNameServers(o.plan));
    }
    catch (e) {
        o.reporter.log('info', `topics not checked for a single broker group: ${(0,src_errors/* errorMessage */.gJ)(e)}`, {
            code: 'preflight.single-group-skipped',
        });
        return found;
    }
    const candidates = listed.topics.filter((t) => !isSystemTopic(t, own));
    let checked = 0;
    await mapLimit(candidates, CONCURRENCY, async (t) => {
        // Past the budget the remaining topics are counted as not checked, not read.
        if (now() >= end)
            return;
        const groups = await o.source.writableGroups(listed.ns, t).catch(() => undefined);
        checked++;
        const g = groups?.length === 1 ? groups[0] : undefined;
        if (g && affected.has(g))
            found.set(g, [...(found.get(g) ?? []), t]);
    });
    for (const [g, topics] of found)
        o.reporter.log('warning', singleGroupText(o.plan.cluster, g, topics.sort()), {
            code: 'preflight.single-group',
        });
    if (checked < candidates.length) {
        o.reporter.log('info', `${candidates.length - checked} of ${candidates.length} topics not checked for a single broker group (time limit)`, { code: 'preflight.single-group-skipped' });
    }
    return found;
}
function singleGroupText(cluster, group, topics) {
    const named = topics.slice(0, MAX_NAMED).join(', ');
    const more = topics.length > MAX_NAMED ? ` and ${topics.length - MAX_NAMED} more` : '';
    const s = topics.length > 1;
    return (`topic${s ? 's' : ''} ${named}${more} live${s ? '' : 's'} only on ${group}: ` +
        `${s ? 'their' : 'its'} writes fail while ${group}'s master restarts, drained or not ` +
        `(to avoid it, create ${s ? 'them' : 'it'} on another group too: mqadmin updateTopic -c ${cluster} -t TOPIC)`);
}

;// CONCATENATED MODULE: ./src/rollout/preflight.ts





/**
 * Pre-flight, before anything stops: every host's own check, then every lock, then per host
 * docker, free disk, the new images and the containers' directories. Any refusal leaves every
 * running container as it was.
 */
function preflight_messageOf(error) {
    return error instanceof Error ? error.message : String(error);
}
/** The first rejection of settled promises, thrown; allSettled so every host has finished first. */
function throwFirst(results) {
    const failed = results.find((r) => r.status === 'rejected');
    if (failed)
        throw failed.reason;
}
async function preflight(o, plan, lock) {
    // Every host's check first, on all hosts, so one refusal leaves every host untouched.
    throwFirst(await Promise.allSettled(o.hosts.map(async (h) => {
        try {
            await o.checkHost?.(h);
        }
        catch (error) {
            const message = preflight_messageOf(error).replace(new RegExp(`^${h.name}: `), '');
            throw new StepError(`${h.name}: ${message}`, { host: h.name, phase: 'preflight', message });
        }
    })));
    // Every host's lock, one host after the other in a fixed order (see lock.ts).
    lock.held = await acquireLocks(o.hosts, {
        owner: o.owner,
        breakLock: o.breakLock ?? false,
        settings: { ...DEFAULT_LOCK_SETTINGS, ...o.lock },
        reporter: o.reporter,
        ...(o.signal ? { signal: o.signal } : {}),
        ...(o.now ? { now: o.now } : {}),
    });
    throwFirst(await Promise.allSettled(o.hosts.map((h) => prepareHost(o, plan, h))));
    // A warning only: nothing the tool does keeps such a topic writable through its master's restart.
    if (o.topics)
        await warnSingleGroupTopics({ plan, source: o.topics, reporter: o.reporter });
}
async function prepareHost(o, plan, h) {
    const version = await h.docker.version();
    o.reporter.log('info', `docker ${version}`, { host: h.name, code: 'preflight.docker' });
    await checkDisk(o, h);
    const entries = changes(plan).filter((e) => e.host === h.name);
    if (entries.length === 0)
        return;
    const images = new Set(entries.map((e) => e.desired?.image).filter((i) => !!i));
    await ensureImages(o, h, images);
    for (const e of entries)
        if (e.desired)
            await prepareDirs(o, h, e.desired);
}
async function checkDisk(o, h) {
    const root = o.cluster.hosts.find((x) => x.name === h.name)?.dataRoot ?? '/';
    await h.remote.exec(hostArgv.mkdirs([root]));
    const freeKb = parseDfFreeKb((await h.remote.exec(hostArgv.diskFree(root))).stdout);
    const min = o.minFreeDiskMb ?? 1024;
    if (freeKb !== undefined && freeKb / 1024 < min) {
        throw new StepError(`${h.name}: only ${Math.round(freeKb / 1024)} MiB free under ${root}`, {
            host: h.name,
            phase: 'preflight',
            message: `only ${Math.round(freeKb / 1024)} MiB free under ${root}, need ${min} MiB`,
        });
    }
}
/** New images present BEFORE anything stops: a missing tag must fail here, with nothing touched. */
async function ensureImages(o, h, images) {
    for (const image of images) {
        if (o.pullPolicy !== 'always' && (await h.docker.imagePresent(image)))
            continue;
        o.reporter.log('info', `pulling ${image}`, { host: h.name, code: 'preflight.pull' });
        try {
            await h.docker.pull(image);
        }
        catch (error) {
            throw new StepError(`${h.name}: image ${image} is not available`, {
                host: h.name,
                phase: 'preflight',
                message: `image ${image} is not available on ${h.name} and could not be pulled: ${preflight_messageOf(error)}`,
            });
        }
    }
}
/**
 * Host directories must belong to the image's uid 3000 or the broker exits (code 253, often with
 * no log): prepare them before anything stops.
 */
async function prepareDirs(o, h, c) {
    const paths = [c.dir, ...c.dirs.map((d) => d.path)];
    const owner = String(c.dirs[0]?.owner ?? 3000);
    for (const argv of [hostArgv.mkdirs(paths), hostArgv.chown(owner, paths)]) {
        const r = await h.remote.exec(argv, o.sudo ? { sudo: true } : {});
        if (r.code !== 0) {
            throw new StepError(`${h.name}: cannot prepare ${c.dir}`, {
                host: h.name,
                name: c.name,
                phase: 'preflight',
                message: `cannot prepare ${c.dir} for uid ${owner} (${argv[0]} exited ${r.code}: ${r.stderr.trim()}); deploy as a user that may ${argv[0]} there, or set ssh.sudo`,
            });
        }
    }
}

;// CONCATENATED MODULE: ./src/rollout/schedule.ts
/** May `u` start, given the units in flight and those not started yet (in order, `u` among them)? */
function mayStart(u, inFlight, pending) {
    const others = (list) => list.filter((x) => x !== u);
    if (u.kind === 'nameServer')
        return !inFlight.some((x) => x.kind === 'nameServer');
    if (u.kind === 'console')
        return inFlight.length === 0 && others(pending).length === 0;
    const before = [...inFlight, ...others(pending)];
    if (before.some((x) => x.kind === 'nameServer'))
        return false;
    if (u.kind === 'proxy')
        return (!before.some((x) => x.kind === 'master' || x.kind === 'slave') &&
            !inFlight.some((x) => x.kind === 'proxy'));
    if (inFlight.some((x) => x.group === u.group))
        return false;
    const sameGroup = (x) => x.group === u.group;
    if (u.kind === 'master' && !u.masterFirst && before.some((x) => x.kind === 'slave' && sameGroup(x)))
        return false;
    if (u.kind === 'slave' && before.some((x) => x.kind === 'master' && x.masterFirst && sameGroup(x)))
        return false;
    return true;
}
/**
 * Run every unit through `run`, at most `limit` at once, under mayStart. After the first failure
 * (or once `failing` says one began) nothing new starts; the units in flight finish (or undo) on their own. Resolves with every
 * failure, in the order they happened (empty: all ran).
 */
async function runScheduled(units, limit, run, 
/** True once a step began to fail (its undo runs): start nothing new from then on either. */
failing = () => false) {
    const pending = [...units];
    const inFlight = new Map();
    const failures = [];
    for (;;) {
        for (const u of [...pending]) {
            if (failures.length > 0 || failing() || inFlight.size >= Math.max(1, limit))
                break;
            if (!mayStart(u, [...inFlight.keys()], pending))
                continue;
            pending.splice(pending.indexOf(u), 1);
            const done = run(u)
                .catch((error) => {
                failures.push(error);
            })
                .finally(() => inFlight.delete(u));
            inFlight.set(u, done);
        }
        if (inFlight.size === 0)
            break;
        await Promise.race(inFlight.values());
    }
    if (failures.length === 0 && pending.length > 0 && !failing())
        throw new Error(`the rollout schedule cannot go on: ${pending.length} steps can never start`);
    return failures;
}

;// CONCATENATED MODULE: ./src/rollout/deploy.ts













async function planDeploy(cluster, hosts, onlyHosts) {
    const observed = await Promise.all(hosts.map((h) => observeHost(h, cluster)));
    return buildPlan(cluster, observed, onlyHosts);
}
function deploy_elapsed(since) {
    return Math.round(performance.now() - since);
}
const PHASES = ['nameServer', 'newMaster', 'slave', 'master', 'proxy', 'console'];
const PHASE_TITLE = {
    nameServer: 'Name server',
    newMaster: 'Masters of new groups',
    slave: 'Slaves',
    master: 'Masters',
    proxy: 'Proxy',
    console: 'Console',
};
/**
 * Broker groups of which nothing exists yet: every container of the group, spec'd or orphaned, is
 * to be created. Their masters start before their slaves: a slave connects to its master's HA port
 * as it starts, so with the master up it replicates at once; started first, it finds no master and
 * retries only 5 s later, and the master's replication gate waits for that retry.
 */
function newGroups(plan) {
    const groupOf = (e) => e.desired?.group ?? e.observed?.labels[render.LABELS.group];
    const groups = new Set(plan.entries.map(groupOf).filter((g) => g !== undefined));
    for (const e of plan.entries) {
        const g = groupOf(e);
        if (g !== undefined && e.action !== 'create')
            groups.delete(g);
    }
    return groups;
}
function phaseOf(e, created) {
    if (e.kind === 'master' && created.has(e.desired?.group ?? ''))
        return 'newMaster';
    return PHASES.includes(e.kind) ? e.kind : undefined;
}
/**
 * The order of steps: name servers, the masters of new groups, then slaves, then the other masters,
 * then proxies, then the console; within each phase, hosts in spec order. Per host this is
 * DESIGN's order, and across hosts it guarantees a running group's slaves restart before its master
 * even when the master sits on an earlier host.
 */
function rolloutOrder(plan, hosts) {
    const created = newGroups(plan);
    const batches = [];
    for (const kind of PHASES) {
        for (const host of hosts) {
            const entries = plan.entries.filter((e) => e.host === host.name &&
                phaseOf(e, created) === kind &&
                (e.action === 'create' || e.action === 'replace'));
            if (entries.length)
                batches.push({ kind, host, entries });
        }
    }
    return batches;
}
/** What changed on the hosts since the saved plan looked; empty without a saved plan. */
function changedSincePlan(o, now) {
    if (!o.expectObserved)
        return [];
    return (0,plan_file/* observationChanges */.GX)(o.expectObserved, (0,plan_file/* observationOf */.KY)(now));
}
function planRefusal(changed) {
    return {
        host: /^([^:]+):/.exec(changed[0] ?? '')?.[1] ?? 'all hosts',
        phase: 'preflight',
        message: `the hosts changed since the plan was made, so it is not the plan that was approved; make and approve a new one. Changed: ${changed.join('; ')}`,
    };
}
/**
 * The first look, without a lock: the plan, and the result when the run ends here (a saved plan
 * that no longer matches, another live run, nothing to change, a dry run).
 */
async function firstLook(o) {
    const { reporter } = o;
    const now = o.now ?? (() => new Date());
    const observed = await observeHosts(o.hosts, o.cluster);
    const plan = buildPlan(o.cluster, observed, o.onlyHosts);
    const stopped = (failure) => ({
        observed,
        plan,
        done: {
            ok: !failure,
            plan,
            steps: [],
            hostTimings: [],
            ...(failure ? { failure, failures: [failure] } : {}),
            noop: true,
        },
    });
    // The plan's own error notes (printed with it) say what is wrong and what to do.
    const refused = planRefusals(plan).length;
    if (refused) {
        const message = `the plan has ${refused} error${refused === 1 ? '' : 's'} (its notes say which, and what to do): nothing was touched`;
        reporter.log('error', message, { code: 'plan.refused' });
        return stopped({ host: 'all hosts', phase: 'preflight', message });
    }
    const changedEarly = changedSincePlan(o, observed);
    if (changedEarly.length) {
        for (const c of changedEarly)
            reporter.log('error', `changed since the plan: ${c}`, { code: 'plan.stale' });
        return stopped(planRefusal(changedEarly));
    }
    // A run that changes nothing takes no lock, but it never reports success while another live run
    // is changing the cluster; a dead run's lock sends it down the full path (take over, repair).
    const empty = changes(plan).length === 0;
    const found = empty || o.dryRun
        ? await findLiveLock(o.hosts, { ...DEFAULT_LOCK_SETTINGS, ...o.lock }, now)
        : { anyLock: false };
    if (found.error) {
        reporter.log('error', found.error.message, { code: 'deploy.locked', host: found.error.host });
        return stopped({ host: found.error.host, phase: 'preflight', message: found.error.message });
    }
    // An unfinished run's leftovers (a container never gated can plan as unchanged) need the full path too.
    const unfinished = empty && !found.anyLock && !o.dryRun && (await anyUnfinished(o.hosts));
    if ((empty && !found.anyLock && !unfinished) || o.dryRun) {
        const why = empty ? 'nothing to change: every container matches the spec' : 'dry run: nothing changed';
        reporter.log('info', why, { code: 'deploy.noop' });
        return stopped();
    }
    return { observed, plan };
}
/**
 * The lock was taken after the first look: look once more under it, and stop if another run
 * changed the hosts in between (the plan made is not the one that would run). Returns that look.
 */
async function lookUnderLock(o, first) {
    const underLock = await observeHosts(o.hosts, o.cluster);
    const changed = changedSincePlan(o, underLock);
    if (changed.length) {
        for (const c of changed)
            o.reporter.log('error', `changed since the plan: ${c}`, { code: 'plan.stale' });
        const failure = planRefusal(changed);
        throw new StepError(failure.message, failure);
    }
    const moved = o.expectObserved ? [] : changedBetween(first, underLock);
    if (moved.length) {
        for (const c of moved)
            o.reporter.log('error', `changed while waiting for the lock: ${c}`, { code: 'plan.moved' });
        const failure = {
            host: /^([^:]+):/.exec(moved[0] ?? '')?.[1] ?? 'all hosts',
            phase: 'preflight',
            message: `the hosts changed between the plan and taking the lock (another run?), so nothing was touched; run again to plan from what they run now. Changed: ${moved.join('; ')}`,
        };
        throw new StepError(failure.message, failure);
    }
    return underLock;
}
/** Journals opened, an interrupted run's leftovers repaired; the Rollout ready to run its steps. */
async function startRollout(o, underLock, opened) {
    // Same containers and files: the plan from this look (fresh running states) is the one to run.
    let plan = buildPlan(o.cluster, underLock, o.onlyHosts);
    const { journals } = opened;
    // What an interrupted run left is repaired first; the plan is made again from what remains.
    const repair = opened.interrupted.length === 0
        ? { done: [], dropWhenHealthy: [] }
        : await o.reporter.group('Repair after an interrupted run', () => repairLeftovers({
            hosts: o.hosts,
            cluster: o.cluster,
            gates: o.gates,
            reporter: o.reporter,
            journals,
            interrupted: opened.interrupted,
            ...(o.signal ? { signal: o.signal } : {}),
        }));
    if (repair.done.length)
        plan = await planDeploy(o.cluster, o.hosts, o.onlyHosts);
    // After a repair the files may differ from the look under the lock: each step reads its own.
    const rollout = new Rollout(o, plan, journals, repair.done.length ? [] : underLock);
    rollout.kept.push(...repair.dropWhenHealthy);
    return { plan, rollout };
}
/** One step, any failure turned into a StepError that names its host and container. */
async function runStep(o, rollout, h, e) {
    if (o.signal?.aborted) {
        throw new StepError('interrupted by a signal before the next step', {
            host: h.name,
            phase: 'interrupted',
            message: 'interrupted by a signal; no further container was touched',
        });
    }
    try {
        await rollout.step(h, e);
    }
    catch (error) {
        // A lost connection or a failed command mid-step: still name where it happened.
        if (error instanceof StepError)
            throw error;
        const message = (0,src_errors/* errorMessage */.gJ)(error).replace(new RegExp(`^${h.name}: `), '');
        throw new StepError(`${h.name}: ${e.name}: ${message}`, {
            host: h.name,
            name: e.name,
            phase: o.signal?.aborted ? 'interrupted' : 'step',
            message,
        });
    }
}
/** Every step, one at a time, in rolloutOrder; a group of lines per phase and host. */
async function runSteps(o, plan, rollout, hostTimings) {
    for (const batch of rolloutOrder(plan, o.hosts)) {
        const h = batch.host;
        const t = performance.now();
        await o.reporter.group(`${PHASE_TITLE[batch.kind]} on host ${h.name}`, async () => {
            for (const e of batch.entries)
                await runStep(o, rollout, h, e);
        });
        addTiming(hostTimings, h.name, deploy_elapsed(t));
    }
}
function addTiming(hostTimings, host, ms) {
    const timing = hostTimings.find((x) => x.host === host);
    if (timing)
        timing.ms += ms;
    else
        hostTimings.push({ host, ms });
}
/** Several steps failed at once (parallel): each of them, the first first. */
class StepFailures extends Error {
    errors;
    constructor(errors) {
        super(errors.map(src_errors/* errorMessage */.gJ).join('; '));
        this.errors = errors;
        this.name = 'StepFailures';
    }
}
/**
 * Up to `limit` steps at once under the rules of schedule.ts. Lines are not grouped per host (the
 * steps interleave): each says its host and container. After a failure nothing new starts; the
 * steps in flight finish or undo, and every failure is reported.
 */
async function runStepsInParallel(o, plan, rollout, hostTimings, limit) {
    const units = rolloutOrder(plan, o.hosts).flatMap((b) => b.entries.map((entry) => ({
        kind: b.kind === 'newMaster' ? 'master' : b.kind,
        ...(b.kind === 'newMaster' ? { masterFirst: true } : {}),
        ...(entry.desired?.group !== undefined ? { group: entry.desired.group } : {}),
        item: { host: b.host, entry },
    })));
    const title = `Rolling ${units.length} containers, up to ${limit} at once (never two of one group)`;
    const failures = await o.reporter.group(title, () => runScheduled(units, limit, async ({ item }) => {
        const t = performance.now();
        try {
            await runStep(o, rollout, item.host, item.entry);
        }
        finally {
            addTiming(hostTimings, item.host.name, deploy_elapsed(t));
        }
    }, () => rollout.undoing));
    if (failures.length === 1)
        throw failures[0];
    if (failures.length > 1)
        throw new StepFailures(failures);
}
/** Healthy: record the revision everywhere, then drop the containers kept for undo. */
async function finishHealthy(o, rollout, journals) {
    const now = o.now ?? (() => new Date());
    const hashes = Object.fromEntries((0,render.allContainers)(o.cluster).map((c) => [`${c.host}/${c.name}`, c.configHash]));
    const entry = {
        revision: o.cluster.revision,
        time: now().toISOString(),
        actor: o.owner.owner,
        ...(o.owner.runUrl ? { runUrl: o.owner.runUrl } : {}),
        result: 'success',
        configHashes: hashes,
    };
    await Promise.all(o.hosts.map((h) => h.state.record(entry, o.specText)));
    for (const k of rollout.kept) {
        await journals.get(k.host.name)?.note('drop-old', k.name.slice(0, -KEPT_SUFFIX.length));
        await k.host.docker.remove(k.name).catch(() => undefined);
    }
    await endJournals(journals, true);
}
/** What a failed run reports; the journal of a host whose step was not undone stays open. */
async function failedRun(o, error, locked, journals) {
    const toFailure = (e) => {
        if (e instanceof StepError)
            return e.failure;
        o.reporter.log('error', (0,src_errors/* errorMessage */.gJ)(e), { code: 'deploy.error' });
        // A held lock, or a host lost outside a step: both name their host.
        return {
            host: ((0,src_errors/* isRolloutError */.IV)(e) && e.host) || 'all hosts',
            phase: locked ? 'step' : 'preflight',
            message: (0,src_errors/* errorMessage */.gJ)(e),
        };
    };
    const failures = (error instanceof StepFailures ? error.errors : [error]).map(toFailure);
    // Containers already replaced on earlier steps stay (they passed their gates); their kept old
    // copies stay too, until a healthy run drops them. The journal of a failed host stays open
    // unless its step was undone: the next run repairs from it.
    const undone = (f) => f.phase === 'preflight' || (f.restored !== undefined && !f.restored.startsWith('NOT restored'));
    const open = new Set(failures.filter((f) => !undone(f)).map((f) => f.host));
    await endJournals(new Map([...journals].filter(([host]) => !open.has(host))), false);
    return failures;
}
async function deploy(o) {
    // One look at the hosts makes the plan (and checks a saved one); the lock comes after it.
    const first = await firstLook(o);
    if (first.done)
        return first.done;
    let plan = first.plan;
    const lock = {};
    let journals = new Map();
    const hostTimings = [];
    let rollout;
    try {
        await o.reporter.group('Pre-flight on all hosts', () => preflight(o, plan, lock));
        const underLock = await lookUnderLock(o, first.observed);
        const opened = await openJournals(o.hosts, o.owner, o.cluster.cluster, o.reporter);
        journals = opened.journals;
        ({ plan, rollout } = await startRollout(o, underLock, opened));
        const parallel = o.parallel ?? 1;
        if (parallel > 1)
            await runStepsInParallel(o, plan, rollout, hostTimings, parallel);
        else
            await runSteps(o, plan, rollout, hostTimings);
        await finishHealthy(o, rollout, journals);
        return { ok: true, plan, steps: rollout.steps, hostTimings, noop: false };
    }
    catch (error) {
        const failures = await failedRun(o, error, lock.held !== undefined, journals);
        const [failure] = failures;
        return { ok: false, plan, steps: rollout?.steps ?? [], hostTimings, failure, failures, noop: false };
    }
    finally {
        await lock.held?.release();
    }
}

;// CONCATENATED MODULE: ./src/gates/probe-message.ts
/**
 * The probe gate's messages (issue 12): one message through a broker group proves more than ports
 * and offsets. It is sent to the master (SEND_MESSAGE_V2) on a topic of that broker only, and read
 * back by its commit-log offset from the master and from each slave (VIEW_MESSAGE_BY_ID): a slave's
 * commit log is a byte copy of its master's, so finding the probe there proves replication end to
 * end, where equal offsets of 0 prove nothing. Frames as remoting.ts encodes them.
 */



/** UPDATE_AND_CREATE_TOPIC, SEND_MESSAGE_V2, VIEW_MESSAGE_BY_ID. */
const PROBE_CODES = {
    UPDATE_AND_CREATE_TOPIC: 17,
    SEND_MESSAGE_V2: 310,
    VIEW_MESSAGE_BY_ID: 33,
};
/** Producer group of the probe (any name the broker accepts; it needs no registration). */
const PROBE_PRODUCER_GROUP = 'rocketmq_rollout_probe';
/** The probe topic of a group: topic names take letters, digits, '_', '-', '%', '|' only. */
function probeTopic(group) {
    return `rocketmq-rollout-probe-${group.replace(/[^A-Za-z0-9_-]/g, '_')}`.slice(0, 127);
}
/** Message properties as RocketMQ writes them: name \u0001 value \u0002, one after the other. */
function encodeProperties(props) {
    return Object.entries(props)
        .map(([k, v]) => `${k}\u0001${v}\u0002`)
        .join('');
}
/** UPDATE_AND_CREATE_TOPIC (17) to one broker: the topic exists there only (4 queues, read-write). */
async function createTopic(broker, topic, options) {
    await call(broker, {
        code: PROBE_CODES.UPDATE_AND_CREATE_TOPIC,
        extFields: {
            topic,
            defaultTopic: 'TBW102',
            readQueueNums: '4',
            writeQueueNums: '4',
            perm: '6',
            topicFilterType: 'SINGLE_TAG',
            topicSysFlag: '0',
            order: 'false',
        },
    }, options);
}
/**
 * The offset message id: hex of the store host (4-byte IPv4 or 16-byte IPv6, then a 4-byte port)
 * and the 8-byte commit-log offset.
 */
function decodeOffsetMsgId(msgId) {
    const bytes = /^[0-9A-Fa-f]+$/.test(msgId) ? Buffer.from(msgId, 'hex') : Buffer.alloc(0);
    if (bytes.length !== 16 && bytes.length !== 28)
        throw new Error(`not an offset message id: ${msgId}`);
    const ipLength = bytes.length - 12;
    const ip = bytes.subarray(0, ipLength);
    const host = ipLength === 4 ? [...ip].join('.') : (ip.toString('hex').match(/.{4}/g) ?? []).join(':');
    const offset = bytes.readBigInt64BE(ipLength + 4);
    if (offset < 0n || offset > BigInt(Number.MAX_SAFE_INTEGER))
        throw new Error(`offset out of range in ${msgId}`);
    return { host, port: bytes.readInt32BE(ipLength), offset: Number(offset) };
}
/** SEND_MESSAGE_V2 (310) to a master: one message, queue 0, no flags; anything but SUCCESS fails. */
async function sendMessage(broker, message, options) {
    const response = await call(broker, {
        code: PROBE_CODES.SEND_MESSAGE_V2,
        // SendMessageRequestHeaderV2: single-letter names keep the header small.
        extFields: {
            a: PROBE_PRODUCER_GROUP,
            b: message.topic,
            c: 'TBW102',
            d: '4',
            e: '0',
            f: '0',
            g: String(Date.now()),
            h: '0',
            i: encodeProperties({ WAIT: 'true', ...message.properties }),
            j: '0',
            k: 'false',
            m: 'false',
        },
        body: message.body,
    }, options);
    const ext = response.extFields ?? {};
    const msgId = ext.msgId ?? '';
    let decoded;
    try {
        decoded = decodeOffsetMsgId(msgId);
    }
    catch (e) {
        throw new RemotingError('protocol', broker, `send answered without a usable msgId: ${(0,src_errors/* errorMessage */.gJ)(e)}`);
    }
    return {
        msgId,
        queueId: Number(ext.queueId ?? -1),
        queueOffset: Number(ext.queueOffset ?? -1),
        commitLogOffset: decoded.offset,
    };
}
const BORNHOST_V6 = 1 << 4;
const STOREHOST_V6 = 1 << 5;
const COMPRESSED = 1;
/** A message as the commit log stores it (MessageDecoder's layout; IPv4 or IPv6 hosts). */
function decodeStoredMessage(buf) {
    const at = new FrameCursor(buf, 'stored message', (m) => new Error(m));
    at.need(48, 'fixed fields');
    const totalSize = buf.readInt32BE(0);
    if (totalSize > buf.length)
        throw new Error(`stored message of ${totalSize} bytes, got ${buf.length}`);
    const queueId = buf.readInt32BE(12);
    const commitLogOffset = Number(buf.readBigInt64BE(28));
    const sysFlag = buf.readInt32BE(36);
    at.pos = 48;
    at.pos += sysFlag & BORNHOST_V6 ? 20 : 8; // born host and port
    at.pos += 8; // store timestamp
    at.pos += sysFlag & STOREHOST_V6 ? 20 : 8; // store host and port
    at.pos += 4 + 8; // reconsume times, prepared transaction offset
    const body = at.bytes(at.length(4, 'body'));
    const topic = at.text(at.length(1, 'topic'));
    const properties = at.text(at.length(2, 'properties'));
    if (sysFlag & COMPRESSED)
        throw new Error('stored message is compressed: not a probe');
    return { topic, body, queueId, commitLogOffset, properties };
}
/** VIEW_MESSAGE_BY_ID (33): the message at a commit-log offset (works on a slave too). */
async function viewMessage(broker, offset, options) {
    const response = await call(broker, { code: PROBE_CODES.VIEW_MESSAGE_BY_ID, extFields: { offset: String(offset) } }, options);
    if (!response.body?.length)
        throw new RemotingError('protocol', broker, 'view message: empty body');
    try {
        return decodeStoredMessage(response.body);
    }
    catch (e) {
        throw new RemotingError('protocol', broker, (0,src_errors/* errorMessage */.gJ)(e));
    }
}
const why = (e) => (e instanceof Error ? e.message : String(e));
/**
 * One probe message through the group: the topic created on the master (once), the message sent
 * (once), then read back from the master and every slave until all have it. Each gate instance
 * holds its own message: create one per check.
 */
function probeGate(master, slaves, topic, options = {}) {
    let created = false;
    let sent;
    return {
        describe: `a probe message through ${master}${slaves.length ? ` to ${slaves.join(', ')}` : ''}`,
        probe: async () => {
            try {
                if (!created)
                    await createTopic(master, topic, options);
                created = true;
                if (!sent) {
                    const body = Buffer.from(`rocketmq-rollout probe ${new Date().toISOString()} ${Math.random()}`);
                    sent = { offset: (await sendMessage(master, { topic, body }, options)).commitLogOffset, body };
                }
            }
            catch (e) {
                return { ok: false, message: `probe to ${master}: ${why(e)}` };
            }
            const probe = sent;
            for (const broker of [master, ...slaves]) {
                const role = broker === master ? 'master' : 'slave';
                let found;
                try {
                    found = await viewMessage(broker, probe.offset, options);
                }
                catch (e) {
                    const notYet = e instanceof RemotingError && e.responseCode === ResponseCode.SYSTEM_ERROR;
                    return {
                        ok: false,
                        message: `${role} ${broker} ${notYet ? 'has not got' : 'cannot show'} the probe at offset ${probe.offset}: ${why(e)}`,
                    };
                }
                if (found.topic !== topic || !found.body.equals(probe.body)) {
                    return {
                        ok: false,
                        message: `${role} ${broker} holds another message at offset ${probe.offset} (topic ${found.topic})`,
                    };
                }
            }
            return {
                ok: true,
                message: `probe at offset ${probe.offset} read back from the master${slaves.length ? ` and ${slaves.length} slave(s)` : ''}`,
                value: { topic, commitLogOffset: probe.offset, readFrom: [master, ...slaves] },
            };
        },
    };
}

;// CONCATENATED MODULE: ./src/gates/proxy.ts


/** Why the route is not what the proxy should give; undefined when it is. */
function proxyRouteProblem(route, proxyAddr, expectedGroups) {
    if (!route)
        return 'has no route of it yet';
    const groups = new Set(route.brokerDatas.map((b) => b.brokerName));
    const missing = expectedGroups.filter((g) => !groups.has(g));
    if (missing.length)
        return `does not route to ${missing.join(', ')} yet`;
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
function proxyRouteGate(proxyAddr, topic, expectedGroups, options = {}) {
    return {
        describe: `proxy ${proxyAddr} routes topic ${topic} through itself`,
        probe: async () => {
            try {
                const route = await fetchTopicRoute(proxyAddr, topic, options);
                const problem = proxyRouteProblem(route, proxyAddr, expectedGroups);
                if (problem)
                    return { ok: false, message: `proxy ${proxyAddr}, topic ${topic}: ${problem}` };
                const groups = [...new Set(route?.brokerDatas.map((b) => b.brokerName))].sort();
                return {
                    ok: true,
                    message: `proxy ${proxyAddr} routes ${topic} to ${groups.join(', ')} through itself`,
                    value: { groups },
                };
            }
            catch (e) {
                return { ok: false, message: `proxy ${proxyAddr}: ${(0,src_errors/* errorMessage */.gJ)(e)}` };
            }
        },
    };
}

;// CONCATENATED MODULE: ./src/rollout/live-gates.ts






const key = (c) => `${c.name}@${c.host}`;
/** Idle connections to each remoting port of a broker while it stops (see holdDuringStop). */
const HELD_PER_PORT = 4;
/** Gates that need nothing but the new container's own process: they run together (see check). */
const ownGate = (name) => name.startsWith('port ') || name === 'name server' || name === 'registered' || name === 'effective config';
function brokerAddr(c) {
    return `${c.address}:${c.listenPort}`;
}
class LiveGates {
    o;
    /** Passed to every network call of a gate. */
    net;
    constructor(o) {
        this.o = o;
        this.net = o.dial ? { dial: o.dial } : {};
    }
    running(live, kind) {
        return (0,render.allContainers)(live.cluster).filter((c) => (!kind || c.kind === kind) && live.running.has(key(c)));
    }
    nameServersOf(live, except) {
        return this.running(live, 'nameServer')
            .filter((c) => !except || key(c) !== key(except))
            .map((c) => `${c.address}:${c.port}`);
    }
    /** The gates that prove `c` healthy, in the order they are run. */
    plan(c, live) {
        const gates = c.ports.map((p) => ({
            name: `port ${p}`,
            gate: tcpGate(c.address, p, this.net),
        }));
        if (c.kind === 'nameServer') {
            const self = `${c.address}:${c.port}`;
            gates.push({ name: 'name server', gate: nameServerGate(self, this.net) });
            const others = this.nameServersOf(live, c);
            // Brokers re-register every 30 s: wait until this one knows what the others know.
            if (others.length)
                gates.push({ name: 'name server caught up', gate: nameServerCaughtUpGate(self, others, this.net) });
        }
        else if (c.kind === 'master' || c.kind === 'slave') {
            const nameServers = this.nameServersOf(live);
            const addr = brokerAddr(c);
            if (nameServers.length) {
                gates.push({
                    name: 'registered',
                    gate: brokerRegisteredGate(nameServers, {
                        cluster: live.cluster.cluster,
                        brokerName: c.group ?? '',
                        brokerId: c.brokerId ?? 0,
                        addr,
                    }, this.net),
                });
            }
            if (c.brokerConfig)
                gates.push({ name: 'effective config', gate: effectiveConfigGate(addr, c.brokerConfig, this.net) });
            const members = this.running(live).filter((m) => m.group === c.group && key(m) !== key(c));
            // One message through the group (probe-message.ts): before the replication gates, so their
            // master offset is never the 0 of a master that has written nothing.
            // A group without a running slave has no replication to prove: no probe.
            const probe = c.kind === 'master' ? c : members.find((m) => m.kind === 'master');
            const slaves = c.kind === 'slave' ? [c] : members.filter((m) => m.kind === 'slave');
            if (probe && slaves.length) {
                gates.push({
                    name: 'probe message',
                    gate: probeGate(brokerAddr(probe), slaves.map(brokerAddr), probeTopic(c.group ?? ''), this.net),
                });
            }
            if (c.kind === 'slave') {
                const master = members.find((m) => m.kind === 'master');
                if (master)
                    gates.push({ name: 'replication', gate: replicationGate(brokerAddr(master), addr, this.net) });
            }
            else {
                for (const s of members.filter((m) => m.kind === 'slave')) {
                    gates.push({
                        name: `replication to ${s.name}`,
                        gate: replicationGate(addr, brokerAddr(s), this.net),
                    });
                }
            }
        }
        else if (c.kind === 'proxy') {
            // The brokers' cluster topic: every running master's group, reached through this proxy.
            const groups = [...new Set(this.running(live, 'master').map((m) => m.group ?? ''))].sort();
            gates.push({
                name: 'proxy route',
                gate: proxyRouteGate(`${c.address}:${c.port}`, live.cluster.cluster, groups, this.net),
            });
        }
        else if (c.kind === 'console') {
            const expected = this.running(live)
                .filter((m) => m.kind === 'master' || m.kind === 'slave')
                .map((m) => ({ brokerName: m.group ?? '', brokerId: m.brokerId ?? 0 }));
            gates.push({
                name: 'console',
                gate: consoleGate(`http://${c.address}:${c.port}`, expected, this.net),
            });
        }
        return gates;
    }
    /**
     * The gates in waves: first every gate that only needs the new process itself (its ports, its
     * registration, its effective config, a name server answering), all at once, so the step waits
     * for the slowest of them and not for their sum; then the ones that build on those (a name server
     * catching up with the others, replication, the console). Each gate still needs its own run of
     * consecutive successes. The gates of a wave share one deadline, so each runs to its own end; a
     * failure in a wave keeps the waves after it from running.
     */
    async check(c, live, signal) {
        const planned = this.plan(c, live);
        const results = [];
        for (const wave of [planned.filter((g) => ownGate(g.name)), planned.filter((g) => !ownGate(g.name))]) {
            results.push(...(await Promise.all(wave.map(({ name, gate }) => this.runOne(c, name, gate, signal)))));
            if (results.some((r) => !r.ok))
                break;
        }
        return results;
    }
    /** One gate, with its progress lines. */
    async runOne(c, name, gate, signal) {
        const outcome = await runGate(gate, {
            deadlineMs: this.o.deadlineMs,
            consecutive: this.o.consecutive ?? 3,
            signal,
            // A gate may wait minutes: say so every 10 s instead of going silent.
            onWaiting: (elapsedMs, last) => this.o.reporter.log('info', `waiting for ${c.name} ${name}: ${Math.round(elapsedMs / 1000)} s of ${Math.round(this.o.deadlineMs / 1000)}${last ? ` (${last})` : ''}`, { host: c.host, code: 'gate.wait' }),
        });
        // One short line a gate: the description is in the gate's name, the detail in the result.
        const took = `${(outcome.elapsedMs / 1000).toFixed(1)} s`;
        const line = outcome.ok
            ? `${c.name}: gate ${name} passed in ${took} (${outcome.attempts} probes): ${outcome.lastMessage ?? ''}`
            : `${c.name}: gate ${name} FAILED after ${took}: ${outcome.reason ?? outcome.message}`;
        this.o.reporter.log(outcome.ok ? 'info' : 'error', line, {
            host: c.host,
            code: outcome.ok ? 'gate.pass' : 'gate.fail',
        });
        return {
            gate: name,
            ok: outcome.ok,
            detail: outcome.message,
            elapsedMs: outcome.elapsedMs,
            at: Date.now(),
        };
    }
    async safeToStop(c, live) {
        if (c.kind === 'nameServer') {
            const others = this.nameServersOf(live, c);
            if (others.length === 0) {
                const total = live.cluster.nameServers.length;
                return total > 1
                    ? { ok: false, why: 'it is the last running name server: start the others first' }
                    : { ok: true, why: 'single name server: clients lose routing until it is back' };
            }
            for (const ns of others) {
                try {
                    await fetchClusterInfo(ns, { timeoutMs: 3000, ...this.net });
                    return { ok: true, why: `name server ${ns} keeps serving` };
                }
                catch {
                    // try the next one
                }
            }
            return {
                ok: false,
                why: `no other name server answers (${others.join(', ')}): it would be the last one down`,
            };
        }
        if (c.kind === 'master' || c.kind === 'slave') {
            const group = (0,render.allContainers)(live.cluster).filter((m) => m.group === c.group && key(m) !== key(c));
            const nameServers = this.nameServersOf(live);
            for (const m of group) {
                if (!live.running.has(key(m))) {
                    return {
                        ok: false,
                        why: `${m.name} on ${m.host} (same group ${c.group}) is not running: stopping this one too would take the group down`,
                    };
                }
                for (const ns of nameServers) {
                    const problem = await fetchClusterInfo(ns, { timeoutMs: 3000, ...this.net })
                        .then((info) => registrationProblem(info, {
                        cluster: live.cluster.cluster,
                        brokerName: m.group ?? '',
                        brokerId: m.brokerId ?? 0,
                        addr: brokerAddr(m),
                    }))
                        .catch((e) => `does not answer (${e.message})`);
                    if (!problem)
                        break;
                    if (ns === nameServers.at(-1)) {
                        return {
                            ok: false,
                            why: `${m.name} of group ${c.group} is not registered (name server ${ns} ${problem}): stopping this one would leave the group without a live member`,
                        };
                    }
                }
            }
        }
        return { ok: true, why: 'other members are healthy' };
    }
    /**
     * A broker's shutdown joins the event thread of each of its two remoting servers (listen and
     * fast port), and that thread wakes only for a connection event or after its 3 s poll: a broker
     * nobody is connected to, a slave most of all, spent 6 of its 7.5 s of shutdown there on the lab.
     * Idle connections to each port, open while it stops, are closed by the shutdown itself, and
     * each close is an event. It must reach the thread after the thread was told to stop: with one
     * connection a port the close sometimes came just before, so a few are held, whose closes
     * arrive one after another. Best effort: a port that does not answer is left alone.
     */
    async holdDuringStop(old) {
        if ((old.kind !== 'master' && old.kind !== 'slave') || old.listenPort === undefined)
            return () => undefined;
        const p = (0,render.brokerPorts)(old.listenPort);
        const dial = this.o.dial ?? directDialer;
        const ports = [p.listen, p.fast].flatMap((port) => Array(HELD_PER_PORT).fill(port));
        const opened = await Promise.allSettled(ports.map((port) => dialWithin(dial, old.address, port, AbortSignal.timeout(2000))));
        const streams = opened.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
        // The broker closes them as it stops: a reset then is expected, not an error.
        for (const s of streams)
            s.on('error', () => undefined);
        return () => {
            for (const s of streams)
                s.destroy();
        };
    }
    /**
     * After the old broker stopped, before the new one runs: no name server may still list it (one
     * killed, or a 4.x broker that closed its ports before it unregistered, stays listed for 120 s),
     * so that "registered" afterwards can only mean the new process. A name server that does not
     * answer is skipped: it lists nobody the gates could be fooled by until it is back.
     */
    async forgetStopped(old, live) {
        if ((old.kind !== 'master' && old.kind !== 'slave') || !old.group)
            return;
        const broker = {
            clusterName: live.cluster.cluster,
            brokerName: old.group,
            brokerAddr: brokerAddr(old),
            brokerId: old.brokerId ?? 0,
        };
        const listed = async (ns) => registrationsOf(await fetchClusterInfo(ns, { timeoutMs: 3000, ...this.net })).some((r) => r.brokerName === broker.brokerName &&
            r.brokerId === broker.brokerId &&
            r.addr === broker.brokerAddr);
        for (const ns of this.nameServersOf(live)) {
            try {
                for (let attempt = 1; await listed(ns); attempt++) {
                    if (attempt > 3) {
                        throw new Error(`name server ${ns} still lists ${broker.brokerName}/${broker.brokerId} at ${broker.brokerAddr} after 3 UNREGISTER_BROKER`);
                    }
                    await unregisterBroker(ns, broker, { timeoutMs: 3000, ...this.net });
                    this.o.reporter.log('info', `name server ${ns}: stale registration of ${broker.brokerName}/${broker.brokerId} at ${broker.brokerAddr} removed`, { code: 'gate.unregister', host: old.host });
                }
            }
            catch (error) {
                if (error instanceof RemotingError && error.kind !== 'response' && error.kind !== 'protocol') {
                    this.o.reporter.log('warning', `name server ${ns} not asked to forget ${broker.brokerAddr}: ${error.message}`, {
                        code: 'gate.unregister',
                        host: old.host,
                    });
                    continue;
                }
                throw error;
            }
        }
    }
}

;// CONCATENATED MODULE: ./src/rollout/drain.ts
/**
 * Draining a master before it stops, and giving it its writes back after (issue 12). RocketMQ's
 * own advice for a restart: make the broker read-only, wait until producers have moved their writes
 * to the other groups, then restart. Producers learn a broker's permission from the name servers'
 * routes, which they poll every 30 s, so each change is followed by a wait of that refresh plus a
 * margin (`rollout.drainSeconds`):
 *
 *   brokerPermission=4 (UPDATE_BROKER_CONFIG) → no write bit on every name server's route of the
 *   group's topics → wait drainSeconds (and briefly for its writes to stop) → slaves hold the
 *   master's whole commit log → stop … start → the new master's brokerPermission and routes are
 *   writable → wait drainSeconds again before the next master is drained.
 *
 * The last wait is taken lazily, before the next drain, so nothing waits after the last master.
 * A perm-4 broker still takes writes from producers on a stale route, so the drain itself fails
 * no send. The broker writes a changed permission into its `-c` file; the rendered mount is
 * read-only, and the new master's permission is proven anyway.
 */




const DEFAULT_DRAIN = { drain: true, drainSeconds: 45 };
/** brokerPermission of a writable broker (read and write). */
const WRITABLE = PermName.READ | PermName.WRITE;
/** How long the drain waits, past drainSeconds, for the master's commit log to stop growing. */
const QUIET_CAP_MS = 15_000;
/** Countdown lines while waiting. */
const PROGRESS_EVERY_MS = 10_000;
/** How often a new SYNC_MASTER master's port is tried while it starts (see holdSyncMaster). */
const HOLD_POLL_MS = 50;
/** Parallel route reads per name server: a cluster may have thousands of topics. */
const ROUTE_CONCURRENCY = 8;
/** The drain over RocketMQ's remoting protocol, through the gates' dialer. */
function remotingAdmin(dial, timeoutMs = 3000) {
    const o = { timeoutMs, ...(dial ? { dial } : {}) };
    return {
        setPermission: (b, perm) => updateBrokerConfig(b, { brokerPermission: String(perm) }, o),
        brokerPermission: async (b) => {
            const v = (await fetchBrokerConfig(b, o)).brokerPermission;
            return v === undefined ? undefined : Number(v);
        },
        topics: (ns) => fetchTopicList(ns, o),
        routePerm: async (ns, topic, group) => {
            const route = await fetchTopicRoute(ns, topic, o);
            return route ? routePerm(route, group) : undefined;
        },
        commitLogOffset: async (b) => {
            const offset = (await fetchBrokerRuntimeInfo(b, o)).commitLogMaxOffset;
            if (offset === undefined)
                throw new Error(`${b} reports no commitLogMaxOffset`);
            return offset;
        },
    };
}
/** A drain (or its undo) that could not be proven: the step is undone before anything stops. */
class DrainError extends src_errors/* RolloutError */.a6 {
    constructor(message) {
        super('drain-failed', message, { phase: 'drain' });
    }
}
function abortableSleep(ms, signal) {
    return new Promise((resolve) => {
        if (signal?.aborted)
            return resolve();
        const done = () => {
            clearTimeout(t);
            signal?.removeEventListener('abort', done);
            resolve();
        };
        const t = setTimeout(done, ms);
        signal?.addEventListener('abort', done, { once: true });
    });
}
const drain_brokerAddr = (c) => `${c.address}:${c.listenPort}`;
const drain_key = (c) => `${c.name}@${c.host}`;
class Drainer {
    o;
    now;
    sleep;
    /** Groups whose master was set read-only and not yet given its writes back. */
    drained = new Set();
    /** When the last master got its writes back: the next drain waits for clients to see that. */
    restored;
    /** Per drained group, the topics whose routes were writable before the drain. */
    writableBefore = new Map();
    /**
     * One master drained at a time, even when groups roll in parallel (rollout.parallel): two
     * read-only groups at once could leave a topic with no writable queue at all.
     */
    holder;
    waiters = [];
    /** Groups whose new SYNC_MASTER master was set read-only as it started (holdSyncMaster). */
    held = new Set();
    constructor(o) {
        this.o = o;
        this.now = o.now ?? (() => performance.now());
        this.sleep = o.sleep ?? abortableSleep;
    }
    get enabled() {
        return this.o.settings.drain;
    }
    /** Whether `c` is a master this drainer drains before it stops. */
    applies(c) {
        return this.enabled && c.kind === 'master' && !!c.group;
    }
    /**
     * The master drained while `c` restarts: `c` itself when it is a master; for a slave of a
     * SYNC_MASTER group its running master, because such a master answers every write with
     * SLAVE_NOT_AVAILABLE (or times out waiting) while its slave is down; otherwise none.
     */
    drainTarget(c, live) {
        if (this.applies(c))
            return c;
        if (!this.enabled || c.kind !== 'slave' || !c.group)
            return undefined;
        const master = (0,render.allContainers)(live.cluster).find((m) => m.kind === 'master' && m.group === c.group);
        return master?.brokerConfig?.brokerRole === 'SYNC_MASTER' && live.running.has(drain_key(master))
            ? master
            : undefined;
    }
    nameServers(live) {
        return (0,render.allContainers)(live.cluster)
            .filter((c) => c.kind === 'nameServer' && live.running.has(drain_key(c)))
            .map((c) => `${c.address}:${c.port}`);
    }
    log(level, text, c, code) {
        this.o.reporter.log(level, text, { host: c.host, code });
    }
    async takeTurn(group, c, signal) {
        if (this.holder !== undefined && this.holder !== group)
            this.log('info', `${group} waits: ${this.holder} is drained now (one master at a time)`, c, 'drain.queue');
        while (this.holder !== undefined && this.holder !== group) {
            await new Promise((resolve) => {
                this.waiters.push(resolve);
                signal?.addEventListener('abort', () => resolve(), { once: true });
            });
            if (signal?.aborted)
                throw new DrainError('interrupted by a signal while another master was drained');
        }
        this.holder = group;
    }
    endTurn(group) {
        if (this.holder !== group)
            return;
        this.holder = undefined;
        for (const wake of this.waiters.splice(0))
            wake();
    }
    /** Waits `ms`, saying so every 10 s as "LABEL: 10 s of 45". */
    async countdown(ms, label, c, signal) {
        const total = Math.round(ms / 1000);
        const end = this.now() + ms;
        this.log('info', `${label}: 0 s of ${total}`, c, 'drain.wait');
        for (let left = ms; left > 0 && !signal?.aborted; left = end - this.now()) {
            await this.sleep(Math.min(PROGRESS_EVERY_MS, left), signal);
            const done = Math.min(total, Math.round((ms - Math.max(0, end - this.now())) / 1000));
            if (done < total)
                this.log('info', `${label}: ${done} s of ${total}`, c, 'drain.wait');
        }
        if (signal?.aborted)
            throw new DrainError('interrupted by a signal while waiting');
    }
    /**
     * Every running name server's route of every topic the group serves, polled until `ok(perm,
     * topic)` holds for all of them. Returns how many topics and name servers were proven, and the
     * topics whose route has the write bit on every name server.
     */
    async proveRoutes(group, live, ok, want, signal) {
        const nameServers = this.nameServers(live);
        if (!nameServers.length)
            throw new DrainError('no name server runs: no route to prove');
        const deadline = this.now() + this.o.deadlineMs;
        // Topics per name server that name the group: found once, then only those are read again.
        const served = new Map();
        let last = '';
        for (let wait = 200;; wait = Math.min(wait * 2, 1000)) {
            try {
                const bad = [];
                const writable = new Set();
                const readOnly = new Set();
                for (const ns of nameServers) {
                    let topics = served.get(ns);
                    const perms = new Map();
                    if (!topics) {
                        const all = await this.o.admin.topics(ns);
                        const found = await mapLimit(all, ROUTE_CONCURRENCY, (t) => this.o.admin.routePerm(ns, t, group));
                        all.forEach((t, i) => perms.set(t, found[i]));
                        topics = all.filter((_, i) => found[i] !== undefined);
                        if (!topics.length)
                            throw new DrainError(`name server ${ns} has no route naming ${group}`);
                        served.set(ns, topics);
                    }
                    else {
                        const found = await mapLimit(topics, ROUTE_CONCURRENCY, (t) => this.o.admin.routePerm(ns, t, group));
                        topics.forEach((t, i) => perms.set(t, found[i]));
                    }
                    for (const t of topics) {
                        const p = perms.get(t);
                        if (p === undefined || !ok(p, t))
                            bad.push(`${ns} ${t} perm ${p ?? 'gone'}`);
                        if (p !== undefined && (p & PermName.WRITE) !== 0)
                            writable.add(t);
                        else
                            readOnly.add(t);
                    }
                }
                if (!bad.length) {
                    const counts = [...served.values()].map((t) => t.length);
                    for (const t of readOnly)
                        writable.delete(t);
                    return { topics: Math.max(...counts), nameServers: nameServers.length, writable };
                }
                last = `${bad.length} route(s) not ${want} yet, e.g. ${bad.slice(0, 3).join(', ')}`;
            }
            catch (e) {
                last = (0,src_errors/* errorMessage */.gJ)(e);
            }
            if (signal?.aborted)
                throw new DrainError('interrupted by a signal');
            if (this.now() + wait > deadline) {
                throw new DrainError(`routes of ${group} not ${want} within ${Math.round(this.o.deadlineMs / 1000)} s: ${last}`);
            }
            await this.sleep(wait, signal);
        }
    }
    /** Polls `fn` until it returns a value, or throws DrainError with its last complaint at the deadline. */
    async until(what, fn, signal, deadlineMs = this.o.deadlineMs) {
        const deadline = this.now() + deadlineMs;
        let last = '';
        for (let wait = 200;; wait = Math.min(wait * 2, 1000)) {
            try {
                const v = await fn();
                if (typeof v !== 'string')
                    return v;
                last = v;
            }
            catch (e) {
                last = (0,src_errors/* errorMessage */.gJ)(e);
            }
            if (signal?.aborted)
                throw new DrainError('interrupted by a signal');
            if (this.now() + wait > deadline) {
                throw new DrainError(`${what} not within ${Math.round(deadlineMs / 1000)} s${last ? `: ${last}` : ''}`);
            }
            await this.sleep(wait, signal);
        }
    }
    /**
     * Before the running master `old` stops: read-only, proven on every route, the refresh waited
     * out, its writes stopped (capped) and every running slave at its commit-log offset. Throws
     * DrainError when any of it cannot be proven: the step is then undone (restore gives the
     * writes back) with nothing stopped.
     */
    async beforeStop(stopping, live, signal) {
        const old = this.drainTarget(stopping, live);
        if (!old)
            return;
        const group = old.group;
        const addr = drain_brokerAddr(old);
        const ms = this.o.settings.drainSeconds * 1000;
        await this.takeTurn(group, old, signal);
        if (this.restored && this.restored.group !== group) {
            const left = this.restored.at + ms - this.now();
            if (left > 0) {
                await this.countdown(left, `waiting for clients to see ${this.restored.group} writable before draining ${group}`, old, signal);
            }
        }
        // Which topics are writable now: a topic made read-only on purpose must not fail the restore.
        const before = await this.proveRoutes(group, live, () => true, 'listed', signal);
        this.writableBefore.set(group, before.writable);
        this.drained.add(group);
        this.log('info', `draining ${group}: brokerPermission=${PermName.READ} on ${addr}`, old, 'drain.start');
        await this.until('brokerPermission=4 on the master', async () => {
            await this.o.admin.setPermission(addr, PermName.READ);
            const perm = await this.o.admin.brokerPermission(addr);
            return perm === PermName.READ ? true : `${addr} reports brokerPermission=${perm ?? 'none'}`;
        }, signal);
        const routes = await this.proveRoutes(group, live, (p) => (p & PermName.WRITE) === 0, 'read-only', signal);
        this.log('info', `${group} read-only on every route: ${routes.topics} topics at ${routes.nameServers} name servers`, old, 'drain.proven');
        await this.o.onDrained?.(group);
        const startOffset = await this.o.admin.commitLogOffset(addr).catch(() => undefined);
        await this.countdown(ms, `draining ${group}`, old, signal);
        const quiet = await this.quiet(addr, signal);
        const put = startOffset === undefined ? '' : `; ${quiet.offset - startOffset} bytes written during the wait`;
        if (!quiet.ok) {
            this.log('warning', `${group} still writes after ${QUIET_CAP_MS / 1000} s more (a producer on an old route, or scheduled messages falling due): going on${put}`, old, 'drain.busy');
        }
        await this.proveSlaves(group, addr, live, put, old, signal);
    }
    /** Every running slave of the group at the drained master's commit-log offset. */
    async proveSlaves(group, addr, live, put, old, signal) {
        const slaves = (0,render.allContainers)(live.cluster).filter((m) => m.group === group && m.kind === 'slave' && live.running.has(drain_key(m)));
        for (const s of slaves) {
            const sAddr = drain_brokerAddr(s);
            const at = await this.until(`slave ${sAddr} at the master's commit-log offset`, async () => {
                const m = await this.o.admin.commitLogOffset(addr);
                const sl = await this.o.admin.commitLogOffset(sAddr);
                return sl >= m ? m : `master at ${m}, slave at ${sl} (${m - sl} bytes behind)`;
            }, signal);
            this.log('info', `${s.name} holds the master's commit log (offset ${at})${put}`, old, 'drain.replicated');
        }
    }
    /** Up to QUIET_CAP_MS: the master's commit log the same on two reads a second apart. */
    async quiet(addr, signal) {
        const end = this.now() + QUIET_CAP_MS;
        let before = await this.o.admin.commitLogOffset(addr).catch(() => -1);
        for (;;) {
            await this.sleep(1000, signal);
            const offset = await this.o.admin.commitLogOffset(addr).catch(() => -1);
            if (offset === before && offset >= 0)
                return { ok: true, offset };
            if (this.now() >= end || signal?.aborted)
                return { ok: false, offset };
            before = offset;
        }
    }
    /**
     * A new SYNC_MASTER master starts writable (its rendered file) before its slave has reconnected
     * (the slave retries every 5 s), and answers every write meanwhile with SLAVE_NOT_AVAILABLE. So
     * it is set read-only as soon as its port answers, in time for (or right after) its first
     * registration, and gets its writes back once its gates passed (the probe read back from its
     * slave). Best effort: when it cannot be set, the window is warned about and the step goes on.
     */
    async holdSyncMaster(c, signal) {
        const group = c.group;
        if (!this.applies(c) || !group || !this.drained.has(group))
            return;
        if (c.brokerConfig?.brokerRole !== 'SYNC_MASTER')
            return;
        const addr = drain_brokerAddr(c);
        const end = this.now() + this.o.deadlineMs;
        let last;
        while (!signal?.aborted && this.now() < end) {
            try {
                await this.o.admin.setPermission(addr, PermName.READ);
                this.held.add(group);
                const text = `new ${group} master held read-only until its slave replicates (SYNC_MASTER)`;
                return this.log('info', text, c, 'drain.hold');
            }
            catch (e) {
                last = e;
            }
            await this.sleep(HOLD_POLL_MS, signal);
        }
        const why = last === undefined ? '' : `: ${(0,src_errors/* errorMessage */.gJ)(last)}`;
        const text = `new ${group} master not set read-only as it started${why}; writes until its slave reconnects may get SLAVE_NOT_AVAILABLE`;
        this.log('warning', text, c, 'drain.hold-failed');
    }
    /**
     * The master `c` is back, drained before it stopped: its loaded brokerPermission and every
     * route writable again, as a gate result (undefined when `c` was not drained). A permission that
     * came back read-only (the broker persisted the drain into a writable `-c` file) is reported and
     * corrected.
     */
    async afterStart(c, live, signal) {
        const m = this.drainTarget(c, live);
        if (!m?.group || !this.drained.has(m.group))
            return undefined;
        // Drained for its slave's restart: the master itself never restarted and is read-only on purpose.
        if (m.name !== c.name || m.host !== c.host)
            this.held.add(m.group);
        const started = this.now();
        try {
            const detail = await this.giveWritesBack(m, live, signal).finally(() => this.endTurn(m.group));
            return { gate: 'writable', ok: true, detail, elapsedMs: Math.round(this.now() - started) };
        }
        catch (e) {
            return {
                gate: 'writable',
                ok: false,
                detail: (0,src_errors/* errorMessage */.gJ)(e),
                elapsedMs: Math.round(this.now() - started),
            };
        }
    }
    /**
     * After an undo restarted (or never stopped) the old master of a drained group: its writes back.
     * Returns a sentence for the step's "restored" line; undefined when the group was not drained.
     */
    async restoreOld(restarted, live) {
        const old = this.drainTarget(restarted, live);
        if (!old?.group)
            return undefined;
        if (!this.drained.has(old.group)) {
            this.endTurn(old.group);
            return undefined;
        }
        try {
            // Still read-only when the step failed before the stop: set it first, no warning due.
            await this.o.admin
                .setPermission(drain_brokerAddr(old), Number(old.brokerConfig?.brokerPermission ?? WRITABLE))
                .catch(() => undefined);
            return await this.giveWritesBack(old, live);
        }
        catch (e) {
            const text = `write permission NOT restored on ${drain_brokerAddr(old)}: ${(0,src_errors/* errorMessage */.gJ)(e)}; run mqadmin updateBrokerConfig -b ${drain_brokerAddr(old)} -k brokerPermission -v 6`;
            this.log('warning', text, old, 'drain.restore-failed');
            return text;
        }
        finally {
            this.endTurn(old.group);
        }
    }
    async giveWritesBack(c, live, signal) {
        const group = c.group;
        const addr = drain_brokerAddr(c);
        const target = Number(c.brokerConfig?.brokerPermission ?? WRITABLE);
        let corrected = false;
        await this.until(`brokerPermission=${target} on ${addr}`, async () => {
            const perm = await this.o.admin.brokerPermission(addr);
            if (perm === target)
                return true;
            // Held read-only on purpose (holdSyncMaster): nothing to warn about.
            if (!corrected && !this.held.has(group)) {
                corrected = true;
                this.log('warning', `${addr} came up with brokerPermission=${perm ?? 'none'} (the drained permission kept in a writable -c file?): setting ${target}`, c, 'drain.persisted');
            }
            await this.o.admin.setPermission(addr, target);
            return `${addr} reports brokerPermission=${perm ?? 'none'}`;
        }, signal);
        const writable = (target & PermName.WRITE) !== 0;
        const routes = writable
            ? await this.proveRoutes(group, live, (p, t) => !this.writableBefore.get(group)?.has(t) || (p & PermName.WRITE) !== 0, 'writable', signal)
            : undefined;
        this.drained.delete(group);
        this.held.delete(group);
        this.restored = { group, at: this.now() };
        const back = this.writableBefore.get(group)?.size ?? 0;
        this.writableBefore.delete(group);
        const text = `${group} writable again: brokerPermission=${target}${routes ? `, write bit on ${back} topics at ${routes.nameServers} name servers` : ''}${corrected ? ' (corrected)' : ''}`;
        this.log('info', text, c, 'drain.restored');
        return text;
    }
}
/**
 * The drain as step hooks: drain before the old master stops (a failure undoes the step, nothing
 * stopped), give the writes back once the new master is gated (a failure fails the rollout before
 * any other master is touched), and on an undo give them back to the old master started again.
 */
function drainHooks(drainer) {
    return {
        beforeStop: async (s) => {
            if (s.old)
                await drainer.beforeStop(s.old, s.live, s.signal);
        },
        afterStart: (s) => drainer.holdSyncMaster(s.container, s.signal),
        afterGated: async (s) => {
            const result = await drainer.afterStart(s.container, s.live, s.signal);
            if (result && !result.ok) {
                throw new DrainError(`${s.container.name} is healthy but not writable again: ${result.detail}; no further master is drained`);
            }
        },
        afterRestored: async (s) => {
            if (s.old)
                await drainer.restoreOld(s.old, s.live);
        },
    };
}
/** The drain settings of a spec, with the CLI's --drain-seconds over them. */
function drainSettings(spec, drainSeconds) {
    return { drain: spec.rollout.drain, drainSeconds: drainSeconds ?? spec.rollout.drainSeconds };
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: ./node_modules/node-ssh/lib/esm/index.mjs + 2 modules
var esm = __webpack_require__(9487);
;// CONCATENATED MODULE: ./src/remote/known-hosts.ts
/**
 * OpenSSH known_hosts, read the way `ssh` reads it (sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT"), so that
 * the file a team already trusts (`ssh-keyscan`, `ssh-keygen -H`) works unchanged. ssh2 only hands
 * us the presented key; deciding whether to trust it is ours.
 */

const SUPPORTED_KEY_TYPES = (/* unused pure expression or super */ null && ([
    'ssh-ed25519',
    'ecdsa-sha2-nistp256',
    'ecdsa-sha2-nistp384',
    'ecdsa-sha2-nistp521',
    'ssh-rsa',
]));
/** SHA256 fingerprint of a key blob, byte for byte what `ssh-keygen -lf` prints. */
function fingerprint(key) {
    return `SHA256:${(0,external_node_crypto_.createHash)('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}
/** The key type recorded inside a wire-format key blob (a length-prefixed string first). */
function keyTypeOf(key) {
    if (key.length < 4)
        return undefined;
    const len = key.readUInt32BE(0);
    if (len === 0 || len > 64 || key.length < 4 + len)
        return undefined;
    return key.subarray(4, 4 + len).toString('latin1');
}
/** How ssh names a host in known_hosts: the bare name on port 22, `[name]:port` otherwise. */
function hostKeyName(host, port) {
    return port === 22 ? host : `[${host}]:${port}`;
}
function parseKnownHosts(text) {
    const entries = [];
    const problems = [];
    text.split(/\r?\n/).forEach((raw, index) => {
        const line = index + 1;
        const trimmed = raw.trim();
        if (trimmed === '' || trimmed.startsWith('#'))
            return;
        const fields = trimmed.split(/\s+/);
        let marker;
        if (fields[0]?.startsWith('@')) {
            const m = fields.shift();
            if (m === '@revoked')
                marker = 'revoked';
            else if (m === '@cert-authority')
                marker = 'cert-authority';
            else {
                problems.push({ line, message: `unknown marker ${m}` });
                return;
            }
        }
        const [hostField, keyType, keyBase64, ...rest] = fields;
        if (!hostField || !keyType || !keyBase64) {
            problems.push({ line, message: 'expected "hostnames keytype base64-key [comment]"' });
            return;
        }
        const key = Buffer.from(keyBase64, 'base64');
        if (key.length === 0 || keyTypeOf(key) !== keyType) {
            problems.push({ line, message: `the key does not decode to a ${keyType} key` });
            return;
        }
        const hosts = parseHostField(hostField);
        if (!hosts) {
            problems.push({ line, message: `unreadable hashed host name ${hostField}` });
            return;
        }
        const entry = { line, hosts, keyType, key };
        if (marker)
            entry.marker = marker;
        if (rest.length > 0)
            entry.comment = rest.join(' ');
        entries.push(entry);
    });
    return { entries, problems };
}
function parseHostField(field) {
    if (field.startsWith('|')) {
        // |1|base64(salt)|base64(HMAC-SHA1(salt, name)) — the only hash format OpenSSH writes.
        const [, kind, salt, hash] = field.split('|');
        if (kind !== '1' || !salt || !hash)
            return undefined;
        const saltBuf = Buffer.from(salt, 'base64');
        const hashBuf = Buffer.from(hash, 'base64');
        if (saltBuf.length !== 20 || hashBuf.length !== 20)
            return undefined;
        return { kind: 'hashed', salt: saltBuf, hash: hashBuf };
    }
    return { kind: 'patterns', patterns: field.split(',').filter((p) => p !== '') };
}
/** Glob as ssh_config(5) PATTERNS: `*` any run, `?` one character; case-insensitive like ssh. */
function globMatch(pattern, name) {
    const re = pattern
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.');
    return new RegExp(`^${re}$`, 'i').test(name);
}
function entryMatches(hosts, name) {
    if (hosts.kind === 'hashed') {
        const digest = (0,external_node_crypto_.createHmac)('sha1', hosts.salt).update(name).digest();
        return (0,external_node_crypto_.timingSafeEqual)(digest, hosts.hash);
    }
    let matched = false;
    for (const p of hosts.patterns) {
        if (p.startsWith('!')) {
            // A matching negation vetoes the whole line, as in ssh's match_hostname.
            if (globMatch(p.slice(1), name))
                return false;
        }
        else if (globMatch(p, name)) {
            matched = true;
        }
    }
    return matched;
}
function entriesFor(knownHosts, host, port) {
    const parsed = typeof knownHosts === 'string' ? parseKnownHosts(knownHosts) : knownHosts;
    const name = hostKeyName(host, port);
    return parsed.entries.filter((e) => entryMatches(e.hosts, name));
}
/**
 * Key types known for a host, to offer the server only host key algorithms we can verify (as ssh
 * orders HostKeyAlgorithms from known_hosts); otherwise a server with an ed25519 AND an rsa key
 * could present the one the file does not list.
 */
function knownKeyTypes(knownHosts, host, port) {
    const types = entriesFor(knownHosts, host, port)
        .filter((e) => !e.marker)
        .map((e) => e.keyType);
    return [...new Set(types)];
}
/** Decide whether `key`, presented by `host`:`port`, is the one known_hosts trusts. */
function verifyHostKey(knownHosts, host, port, key) {
    const fp = fingerprint(key);
    const name = hostKeyName(host, port);
    const entries = entriesFor(knownHosts, host, port);
    const revoked = entries.find((e) => e.marker === 'revoked' && e.key.equals(key));
    if (revoked) {
        return {
            ok: false,
            code: 'revoked',
            reason: `the host key of ${name} (${fp}) is marked @revoked on known_hosts line ${revoked.line}`,
            fingerprint: fp,
        };
    }
    const plain = entries.filter((e) => !e.marker);
    const same = plain.find((e) => e.key.equals(key));
    if (same)
        return { ok: true, fingerprint: fp, line: same.line };
    const presentedType = keyTypeOf(key) ?? 'unknown type';
    if (plain.length > 0) {
        const lines = plain.map((e) => `${e.line} (${e.keyType} ${fingerprint(e.key)})`).join(', ');
        return {
            ok: false,
            code: 'mismatch',
            reason: `the host key of ${name} has CHANGED or is not the one on record: it presented ${presentedType} ${fp}, ` +
                `known_hosts has line ${lines}. If the host was really re-installed, verify the new key out of band ` +
                `and replace those lines (ssh-keygen -R '${name}'; ssh-keyscan -p ${port} ${host}); otherwise this may be an attack`,
            fingerprint: fp,
        };
    }
    if (entries.some((e) => e.marker === 'cert-authority')) {
        return {
            ok: false,
            code: 'cert-authority-only',
            reason: `known_hosts trusts ${name} only through @cert-authority, and host certificates are not supported: ` +
                `add the host's own key (ssh-keyscan -p ${port} ${host}); it presented ${presentedType} ${fp}`,
            fingerprint: fp,
        };
    }
    return {
        ok: false,
        code: 'unknown',
        reason: `${name} is not in known_hosts; it presented ${presentedType} ${fp}. Verify that fingerprint out of band, ` +
            `then add the key (ssh-keyscan -p ${port} ${host} >> known_hosts) to the known_hosts you pass in`,
        fingerprint: fp,
    };
}

;// CONCATENATED MODULE: ./src/remote/observe.ts
/**
 * What a plan needs from one host, in ONE remote command: `docker inspect` of the cluster's managed
 * containers and the exact bytes of every file it owns there. Each SSH command costs a round trip
 * (tens of ms on a LAN, more across the world), and a host has a dozen files, so they travel
 * together: a fixed script with the values as positional parameters (nothing from the caller is
 * parsed by the shell), its output framed so that the parser here recovers every byte. Pure argv
 * builders and parsers, tested as tables; the DockerClient runs them.
 *
 * Framing, one section after the other: `inspect CODE` then docker inspect's stdout in base64 and a
 * line `.`; then per path in argument order `-` (absent) or `+`, the file in base64 and `.`. Base64
 * never contains `.`, and it keeps a file's bytes (no trailing newline lost, as `$(...)` would).
 */

/** Exit status when `docker ps` fails (its stderr is the command's). */
const OBSERVE_PS_FAILED = 90;
/** Exit status when a file exists but cannot be read (the shell's message is on stderr). */
const OBSERVE_READ_FAILED = 91;
/** Exit status when the host has no base64: the caller reads the old way, one command per part. */
const OBSERVE_UNSUPPORTED = 92;
const FILES_PART = `for p do if [ -e "$p" ]; then echo +; base64 < "$p" || exit ${OBSERVE_READ_FAILED}; echo .; ` +
    'else echo -; fi; done';
const NEEDS_BASE64 = `command -v base64 >/dev/null 2>&1 || { echo 'base64 not found' >&2; exit ${OBSERVE_UNSUPPORTED}; }`;
/**
 * $1 `1` to run docker as `sudo -n docker`, $2 the ps filter, then the paths. IDs are hex, so the
 * unquoted `$ids` only splits (globbing off). A container removed between ps and inspect makes
 * inspect exit 1 with the others still printed: the code travels in the output, for the caller.
 */
const OBSERVE_SCRIPT = `${NEEDS_BASE64}; set -f; s=$1; f=$2; shift 2; ` +
    'dk() { if [ "$s" = 1 ]; then sudo -n docker "$@"; else docker "$@"; fi; }; ' +
    `ids=$(dk ps -a --no-trunc --filter "$f" --format '{{.ID}}') || exit ${OBSERVE_PS_FAILED}; ` +
    'if [ -n "$ids" ]; then out=$(dk inspect --type container $ids); c=$?; else out=; c=0; fi; ' +
    `echo "inspect $c"; if [ -n "$out" ]; then printf '%s\\n' "$out" | base64; fi; echo .; ${FILES_PART}`;
/** Files only (what a step saves before it writes): the same framing without the inspect section. */
const READ_FILES_SCRIPT = `${NEEDS_BASE64}; ${FILES_PART}`;
function observe_absolute(paths) {
    for (const p of paths)
        if (!p.startsWith('/'))
            throw new Error(`remote paths must be absolute, got ${JSON.stringify(p)}`);
    return [...paths];
}
const observeArgv = {
    /** `filter` is docker ps's `--filter` value, e.g. `label=rocketmq-rollout.cluster=prod`. */
    observe: (filter, paths, options = {}) => [
        'sh',
        '-c',
        OBSERVE_SCRIPT,
        'rocketmq-rollout-observe',
        options.sudo ? '1' : '0',
        filter,
        ...observe_absolute(paths),
    ],
    readFiles: (paths) => [
        'sh',
        '-c',
        READ_FILES_SCRIPT,
        'rocketmq-rollout-read',
        ...observe_absolute(paths),
    ],
};
class ObserveFormatError extends src_errors/* RolloutError */.a6 {
    constructor(message) {
        super('observe-format', `unreadable observation output: ${message}`, { phase: 'observe' });
    }
}
/** Reads the framed output line by line; every malformed frame is an error, never a guess. */
class Frames {
    lines;
    at = 0;
    constructor(text) {
        // Every frame line ends with a newline: the last one leaves an empty piece, not a line.
        this.lines = text.split('\n');
        if (this.lines.at(-1) === '')
            this.lines.pop();
    }
    next(what) {
        const line = this.lines[this.at++];
        if (line === undefined)
            throw new ObserveFormatError(`output ends before ${what}`);
        return line;
    }
    /** Base64 lines up to the `.` line, decoded. */
    body(what) {
        const parts = [];
        for (let line = this.next(what); line !== '.'; line = this.next(what)) {
            if (!/^[A-Za-z0-9+/=]*$/.test(line))
                throw new ObserveFormatError(`not base64 in ${what}`);
            parts.push(line);
        }
        return Buffer.from(parts.join(''), 'base64').toString('utf8');
    }
    end() {
        if (this.at < this.lines.length)
            throw new ObserveFormatError('unexpected output after the last file');
    }
}
function parseFileFrames(frames, paths) {
    const files = {};
    for (const p of paths) {
        const mark = frames.next(p);
        if (mark === '-')
            files[p] = undefined;
        else if (mark === '+')
            files[p] = frames.body(p);
        else
            throw new ObserveFormatError(`expected + or - for ${p}, got ${JSON.stringify(mark.slice(0, 40))}`);
    }
    frames.end();
    return files;
}
/** The output of a successful (exit 0) observe command, for exactly the paths it was given. */
function parseObservation(stdout, paths) {
    const frames = new Frames(stdout);
    const head = /^inspect (\d+)$/.exec(frames.next('the inspect section'));
    if (!head)
        throw new ObserveFormatError('missing the inspect section');
    const inspect = { code: Number(head[1]), stdout: frames.body('docker inspect') };
    return { inspect, files: parseFileFrames(frames, paths) };
}
/** The output of a successful readFiles command. */
function parseReadFiles(stdout, paths) {
    return parseFileFrames(new Frames(stdout), paths);
}
function base64Lines(text) {
    const b = Buffer.from(text, 'utf8').toString('base64');
    const out = [];
    for (let i = 0; i < b.length; i += 76)
        out.push(b.slice(i, i + 76));
    return out;
}
function fileFrames(paths, files) {
    return paths.flatMap((p) => {
        const text = files[p];
        return text === undefined ? ['-'] : ['+', ...base64Lines(text), '.'];
    });
}
/** What the observe script prints, built in memory (the in-memory host answers with it). */
function formatObservation(o, paths) {
    const inspect = o.inspect.stdout === '' ? [] : base64Lines(o.inspect.stdout);
    return [`inspect ${o.inspect.code}`, ...inspect, '.', ...fileFrames(paths, o.files), ''].join('\n');
}
/** What the readFiles script prints, built in memory. */
function formatReadFiles(files, paths) {
    return [...fileFrames(paths, files), ''].join('\n');
}

;// CONCATENATED MODULE: ./src/remote/quote.ts
/**
 * THE one place where an argv becomes a POSIX `sh` command line. SSH transports a single string
 * that the remote login shell parses, so every remote command passes through here. Keep it small
 * enough to audit: an item is either left alone because it is made only of characters that `sh`
 * never treats specially, or it is wrapped in single quotes, inside which `sh` interprets nothing
 * (a `'` itself is written as `'\''`: close, escaped quote, reopen).
 */

/** Characters that are never special to `sh`, in any word position (as in Python's shlex.quote). */
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;
/**
 * Words that `sh` would read as syntax if they came first: quoting them makes them plain command
 * names. (`!`, `{` and `}` are already quoted because they are not in SAFE_WORD.)
 */
const RESERVED_WORDS = new Set([
    'case',
    'do',
    'done',
    'elif',
    'else',
    'esac',
    'fi',
    'for',
    'if',
    'in',
    'then',
    'until',
    'while',
    'function',
    'select',
]);
class QuoteError extends src_errors/* RolloutError */.a6 {
    constructor(message) {
        super('quote', message);
    }
}
/** Quote one word; `first` marks the command name, where `A=b` would be an assignment. */
function quoteWord(word, first = false) {
    if (word.includes('\0')) {
        throw new QuoteError(`argument contains a NUL byte, which no shell command line can carry: ${JSON.stringify(word)}`);
    }
    const safe = SAFE_WORD.test(word) && !(first && (word.includes('=') || RESERVED_WORDS.has(word)));
    return safe ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
/** Turn an argv into one `sh` command line that runs exactly that argv. */
function quoteArgv(argv) {
    if (argv.length === 0)
        throw new QuoteError('cannot quote an empty argv: there is no command to run');
    return argv.map((word, i) => quoteWord(word, i === 0)).join(' ');
}

;// CONCATENATED MODULE: ./src/remote/write-files.ts
/**
 * Several files written in ONE remote command: a step's config files and its docker-run.json
 * travel together instead of one round trip each. Every file goes to a temp file beside its target
 * first; only when all of them are written are they renamed into place, each rename atomic (so a
 * failure midway leaves every target as it was, and a kill during the renames leaves whole files).
 * A fixed script with the values as positional parameters (nothing is parsed by the shell); the
 * contents on stdin, one base64 line per file (base64 keeps every byte, and a line cannot end early).
 */



/** Exit status when the host has no base64: the caller writes one file per command instead. */
const WRITE_FILES_UNSUPPORTED = OBSERVE_UNSUPPORTED;
/**
 * Parameters in groups of four: octal mode, directory, temp file, target. A directory at a target
 * would make `mv` move the file INTO it, so that is refused; temp files are removed on any exit
 * before the renames are done.
 */
const WRITE_FILES_SCRIPT = `command -v base64 >/dev/null 2>&1 || { echo 'base64 not found' >&2; exit ${WRITE_FILES_UNSUPPORTED}; }; ` +
    'set -e; ' +
    'w() { mkdir -p -- "$2"; if [ -d "$4" ] && [ ! -L "$4" ]; then echo "$4 is a directory" >&2; exit 1; fi; ' +
    'IFS= read -r line || line=; printf %s "$line" | base64 -d > "$3"; chmod "$1" -- "$3"; }; ' +
    'each() { f=$1; shift; while [ $# -ge 4 ]; do "$f" "$1" "$2" "$3" "$4"; shift 4; done; }; ' +
    'clean() { rm -f -- "$3"; }; mv4() { mv -f -- "$3" "$4"; }; ' +
    'trap \'each clean "$@"\' EXIT; each w "$@"; each mv4 "$@"; trap - EXIT';
function write_files_absolute(path) {
    if (!path.startsWith('/'))
        throw new Error(`remote paths must be absolute, got ${JSON.stringify(path)}`);
    return path;
}
/** The argv and the stdin of one writeFiles command. */
function writeFilesCommand(files, tmpSuffix = () => (0,external_node_crypto_.randomBytes)(6).toString('hex')) {
    if (files.length === 0)
        throw new Error('at least one file is needed');
    const params = files.flatMap((f) => [
        (f.mode ?? 0o644).toString(8),
        external_node_path_.posix.dirname(write_files_absolute(f.path)),
        `${f.path}.tmp-${tmpSuffix()}`,
        f.path,
    ]);
    const stdin = files.map((f) => `${Buffer.from(f.content, 'utf8').toString('base64')}\n`).join('');
    return { argv: ['sh', '-c', WRITE_FILES_SCRIPT, 'rocketmq-rollout-write', ...params], stdin };
}

;// CONCATENATED MODULE: ./src/remote/ssh.ts
/**
 * The SSH Remote: node-ssh opens the connection (ssh2 underneath), we verify the host key ourselves
 * against known_hosts before ssh2 authenticates or runs anything, and run every argv through
 * quoteArgv. Commands go straight to the ssh2 channel so that output stays byte-exact (node-ssh's
 * execCommand decodes chunk by chunk and trims) and a timeout can kill the channel.
 */










const DEFAULT_CONNECT_TIMEOUT_MS = 20_000;
const DEFAULT_COMMAND_TIMEOUT_MS = 15 * 60_000;
const DEFAULT_KEEPALIVE_MS = 10_000;
const MAX_TIMER_MS = 2 ** 31 - 1;
/** Host key algorithms ssh2 may negotiate for each key type that known_hosts can record. */
const ALGORITHMS_BY_KEY_TYPE = {
    'ssh-ed25519': ['ssh-ed25519'],
    'ecdsa-sha2-nistp256': ['ecdsa-sha2-nistp256'],
    'ecdsa-sha2-nistp384': ['ecdsa-sha2-nistp384'],
    'ecdsa-sha2-nistp521': ['ecdsa-sha2-nistp521'],
    'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
};
/** Connect to one host and return a Remote that reuses this one connection for the whole run. */
async function connectSsh(options, reporter) {
    if (options.privateKey)
        reporter.secret(options.privateKey);
    // A log line may carry one line of a multi-line key; mask each body line as well.
    for (const line of (options.privateKey ?? '').split(/\r?\n/)) {
        const l = line.trim();
        if (l.length >= 16 && !l.startsWith('-----'))
            reporter.secret(l);
    }
    if (options.passphrase)
        reporter.secret(options.passphrase);
    const knownHosts = options.insecureSkipHostKeyCheck ? undefined : parseKnownHosts(options.knownHosts);
    if (knownHosts) {
        for (const p of knownHosts.problems) {
            reporter.log('warning', `known_hosts line ${p.line} ignored: ${p.message}`, {
                code: 'ssh.known-hosts-line',
                host: options.host,
            });
        }
    }
    const target = {
        label: `${options.host} (${options.address}:${options.port})`,
        address: options.address,
        port: options.port,
        user: options.user,
    };
    let jump;
    try {
        let sock;
        if (options.jumpHost) {
            const j = options.jumpHost;
            jump = await openConnection({ label: `jump host ${j.address}:${j.port} for ${options.host}`, ...j }, options, knownHosts, reporter);
            sock = await forwardThrough(jump, options);
        }
        const ssh = await openConnection(target, options, knownHosts, reporter, sock);
        return new SshRemote(options, ssh, jump, reporter);
    }
    catch (err) {
        jump?.dispose();
        throw err;
    }
}
async function forwardThrough(jump, options) {
    try {
        return await jump.forwardOut('127.0.0.1', 0, options.address, options.port);
    }
    catch (err) {
        const j = options.jumpHost;
        const why = err.reason === OPEN_PROHIBITED
            ? `its sshd refuses TCP forwarding (administratively prohibited): set AllowTcpForwarding yes (or local) for ${j?.user} in the jump host's sshd_config`
            : ssh_messageOf(err);
        throw new RemoteError(options.host, `the jump host ${j?.address}:${j?.port} cannot reach ${options.address}:${options.port}: ${why}`, 'connect');
    }
}
async function openConnection(endpoint, options, knownHosts, reporter, sock) {
    let refusal;
    let acceptedWith;
    const hostVerifier = (key) => {
        if (!knownHosts) {
            acceptedWith = `NOT verified (insecureSkipHostKeyCheck)`;
            reporter.log('warning', `host key of ${endpoint.label} NOT verified because insecureSkipHostKeyCheck is set; it presented ` +
                `${fingerprint(key)}. Anyone on the path can ` +
                `impersonate this host: pass known_hosts instead.`, { code: 'ssh.host-key-unverified', host: options.host });
            return true;
        }
        const verdict = verifyHostKey(knownHosts, endpoint.address, endpoint.port, key);
        if (verdict.ok) {
            acceptedWith = `${verdict.fingerprint} matches known_hosts line ${verdict.line}`;
            return true;
        }
        refusal = verdict.reason;
        return false;
    };
    const config = {
        host: endpoint.address,
        port: endpoint.port,
        username: endpoint.user,
        ...(options.privateKey ? { privateKey: options.privateKey } : {}),
        ...(options.agent ? { agent: options.agent } : {}),
        readyTimeout: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
        keepaliveInterval: options.keepaliveIntervalMs ?? DEFAULT_KEEPALIVE_MS,
        keepaliveCountMax: 3,
        hostVerifier,
    };
    if (options.passphrase)
        config.passphrase = options.passphrase;
    // Our own socket so that Nagle is off: each command and each gate's request is a small write
    // waiting for an answer, and Nagle plus delayed ACKs adds tens of ms to many of them. Through a
    // jump host the stream is a channel of the bastion's connection, whose socket has it off already.
    const own = sock
        ? undefined
        : external_node_net_default().connect({ host: endpoint.address, port: endpoint.port }).setNoDelay(true);
    // ssh2 reports the socket's errors; this listener only keeps one before it listens from crashing us.
    own?.on('error', () => undefined);
    const socket = sock ?? own;
    if (socket)
        config.sock = socket;
    if (knownHosts) {
        // Offer only algorithms whose keys known_hosts records, as ssh does, so the server cannot pick
        // a key type we would have to refuse although the file lists the host.
        const algorithms = knownKeyTypes(knownHosts, endpoint.address, endpoint.port).flatMap((t) => ALGORITHMS_BY_KEY_TYPE[t] ?? []);
        if (algorithms.length > 0)
            config.algorithms = { serverHostKey: algorithms };
    }
    const ssh = new esm/* NodeSSH */.H();
    try {
        await ssh.connect(config);
    }
    catch (err) {
        ssh.dispose();
        own?.destroy();
        throw connectError(options.host, endpoint, err, refusal);
    }
    // node-ssh drops its error listener once connected; an unheard 'error' would crash the process.
    ssh.connection?.on('error', () => undefined);
    reporter.log('debug', `connected to ${endpoint.user}@${endpoint.label}; host key ${acceptedWith ?? '?'}`, {
        code: 'ssh.connected',
        host: options.host,
    });
    return ssh;
}
function connectError(host, endpoint, err, refusal) {
    if (refusal !== undefined) {
        return new RemoteError(host, `host key verification failed for ${endpoint.label}: ${refusal}`, 'host-key');
    }
    const message = ssh_messageOf(err);
    const level = err instanceof Error && 'level' in err ? String(err.level) : '';
    if (level === 'client-authentication') {
        return new RemoteError(host, `${endpoint.user}@${endpoint.label} refused the key (is its public key in ~${endpoint.user}/.ssh/authorized_keys?)`, 'auth');
    }
    if (/privateKey|passphrase/i.test(message)) {
        return new RemoteError(host, `cannot use the private key: ${message}`, 'auth');
    }
    if (level === 'client-timeout') {
        return new RemoteError(host, `no SSH handshake with ${endpoint.label} in time: ${message}`, 'connect');
    }
    return new RemoteError(host, `cannot connect to ${endpoint.label}: ${message}`, 'connect');
}
function ssh_messageOf(err) {
    return err instanceof Error ? err.message : String(err);
}
/**
 * Feeds `stdin` to a command's channel and collects what it writes; `done` gets the result, or
 * undefined when the channel closed without an exit status. sshd always reports how a command
 * ended, so that is a lost connection (ssh2 may close the channels before it reports the
 * connection itself).
 */
function collect(channel, stdin, done) {
    const stdout = [];
    const stderr = [];
    let code = null;
    let signal;
    channel.on('data', (chunk) => stdout.push(chunk));
    channel.stderr.on('data', (chunk) => stderr.push(chunk));
    channel.on('exit', (exitCode, signalName) => {
        code = exitCode;
        signal = signalName ?? undefined;
    });
    channel.on('close', () => {
        if (code === null && signal === undefined) {
            done(undefined);
            return;
        }
        done({
            code: code ?? signalStatus(signal),
            stdout: Buffer.concat(stdout).toString('utf8'),
            stderr: Buffer.concat(stderr).toString('utf8'),
        });
    });
    channel.end(stdin !== undefined ? Buffer.from(stdin, 'utf8') : undefined);
}
class SshRemote {
    options;
    ssh;
    jump;
    reporter;
    host;
    client;
    lost;
    pending = new Set();
    constructor(options, ssh, jump, reporter) {
        this.options = options;
        this.ssh = ssh;
        this.jump = jump;
        this.reporter = reporter;
        this.host = options.host;
        if (!ssh.connection)
            throw new RemoteError(this.host, 'connection closed right after it opened', 'connect');
        this.client = ssh.connection;
        // Without a listener a late socket error would crash the process; fail the calls in flight instead.
        const onLost = (why) => {
            this.lost ??= why;
            const err = new RemoteError(this.host, `SSH connection lost: ${this.lost}`, 'connect');
            for (const reject of this.pending)
                reject(err);
            this.pending.clear();
        };
        this.client.on('error', (err) => onLost(err.message));
        this.client.on('close', () => onLost('closed'));
    }
    async exec(argv, options = {}) {
        const sudo = options.sudo ?? (this.options.sudo === true && argv[0] === 'docker');
        const command = quoteArgv(sudo ? ['sudo', '-n', ...argv] : argv);
        const timeoutMs = options.timeoutMs ?? this.options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
        this.reporter.log('debug', `$ ${command}`, { code: 'remote.exec', host: this.host });
        if (this.lost)
            throw new RemoteError(this.host, `SSH connection lost: ${this.lost}`, 'connect');
        return new Promise((resolve, reject) => {
            let settled = false;
            let timer;
            let channel;
            const fail = (err) => {
                if (settled)
                    return;
                settled = true;
                clearTimeout(timer);
                this.pending.delete(fail);
                reject(err);
            };
            this.pending.add(fail);
            // The deadline covers opening the channel too (a server at MaxSessions may never answer).
            // setTimeout fires at once for delays past 2^31-1 ms: treat those (and Infinity) as none.
            if (timeoutMs > 0 && timeoutMs <= MAX_TIMER_MS) {
                timer = setTimeout(() => {
                    if (channel) {
                        sendKill(channel);
                        channel.close();
                    }
                    fail(new RemoteError(this.host, `${argv[0]} did not finish within ${timeoutMs} ms; killed: ${command}`, 'timeout'));
                }, timeoutMs);
            }
            const onChannel = (err, opened) => {
                if (err) {
                    fail(new RemoteError(this.host, `cannot start ${argv[0]}: ${err.message}`, 'exec'));
                    return;
                }
                if (settled) {
                    opened.close();
                    return;
                }
                channel = opened;
                collect(opened, options.stdin, (result) => {
                    if (settled)
                        return;
                    if (!result) {
                        fail(new RemoteError(this.host, `SSH connection lost while ${argv[0]} ran (no exit status)${this.lost ? `: ${this.lost}` : ''}`, 'connect'));
                        return;
                    }
                    settled = true;
                    clearTimeout(timer);
                    this.pending.delete(fail);
                    resolve(result);
                });
            };
            try {
                this.client.exec(command, onChannel);
            }
            catch (err) {
                fail(new RemoteError(this.host, `cannot start ${argv[0]}: ${ssh_messageOf(err)}`, 'exec'));
            }
        });
    }
    async writeFile(path, content, mode = 0o644) {
        assertAbsolute(this.host, path);
        const tmp = `${path}.tmp-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`;
        const result = await this.exec(hostArgv.writeFile(path, tmp, mode), { stdin: content });
        if (result.code !== 0) {
            throw new RemoteError(this.host, `cannot write ${path}: ${result.stderr.trim() || `exit ${result.code}`}`, 'io');
        }
    }
    /** Every file in one command (see write-files.ts); one writeFile each on a host without base64. */
    async writeFiles(files) {
        const { argv, stdin } = writeFilesCommand(files);
        const result = await this.exec(argv, { stdin });
        if (result.code === WRITE_FILES_UNSUPPORTED) {
            for (const f of files)
                await this.writeFile(f.path, f.content, f.mode);
            return;
        }
        if (result.code !== 0) {
            throw new RemoteError(this.host, `cannot write ${files.map((f) => f.path).join(', ')}: ${result.stderr.trim() || `exit ${result.code}`}`, 'io');
        }
    }
    async readFile(path) {
        assertAbsolute(this.host, path);
        const result = await this.exec(hostArgv.readFile(path));
        if (result.code === MISSING_FILE_STATUS)
            return undefined;
        if (result.code !== 0) {
            throw new RemoteError(this.host, `cannot read ${path}: ${result.stderr.trim() || `exit ${result.code}`}`, 'io');
        }
        return result.stdout;
    }
    /** Every file in one command (see observe.ts); one readFile each on a host without base64. */
    async readFiles(paths) {
        for (const p of paths)
            assertAbsolute(this.host, p);
        const result = await this.exec(observeArgv.readFiles(paths));
        if (result.code === OBSERVE_UNSUPPORTED) {
            const texts = await Promise.all(paths.map((p) => this.readFile(p)));
            return Object.fromEntries(paths.map((p, i) => [p, texts[i]]));
        }
        if (result.code !== 0) {
            throw new RemoteError(this.host, `cannot read ${paths.join(', ')}: ${result.stderr.trim() || `exit ${result.code}`}`, 'io');
        }
        return parseReadFiles(result.stdout, paths);
    }
    /**
     * A direct-tcpip channel of this connection to `address:port` as the host sees it: no new SSH
     * connection, no port opened anywhere. A channel that opens after `signal` fired is closed again.
     */
    dial(address, port, signal) {
        return new Promise((resolve, reject) => {
            if (this.lost) {
                reject(new RemoteError(this.host, `SSH connection lost: ${this.lost}`, 'connect'));
                return;
            }
            if (signal?.aborted) {
                reject(signal.reason);
                return;
            }
            let done = false;
            const onAbort = () => {
                if (done)
                    return;
                done = true;
                reject(signal?.reason);
            };
            signal?.addEventListener('abort', onAbort, { once: true });
            try {
                this.client.forwardOut('127.0.0.1', 0, address, port, (err, channel) => {
                    signal?.removeEventListener('abort', onAbort);
                    if (done) {
                        channel?.close();
                        return;
                    }
                    done = true;
                    if (err)
                        reject(forwardError(this.host, address, port, err));
                    else
                        resolve(channel);
                });
            }
            catch (err) {
                signal?.removeEventListener('abort', onAbort);
                done = true;
                reject(forwardError(this.host, address, port, err));
            }
        });
    }
    async close() {
        this.lost ??= 'closed by us';
        this.ssh.dispose();
        this.jump?.dispose();
    }
}
/** SSH_OPEN_ADMINISTRATIVELY_PROHIBITED: what sshd answers when AllowTcpForwarding forbids it. */
const OPEN_PROHIBITED = 1;
/** SSH_OPEN_CONNECT_FAILED: the host itself could not connect (nothing listens, or a firewall). */
const OPEN_CONNECT_FAILED = 2;
/**
 * Why a channel did not open, in words a gate can print: `code` ECONNREFUSED for a port the host
 * cannot connect to (as a direct connect would say); `forwardingRefused` for an sshd that forbids it.
 */
function forwardError(host, address, port, err) {
    const reason = err?.reason;
    if (reason === OPEN_PROHIBITED) {
        const e = new RemoteError(host, `sshd refuses to forward to ${address}:${port} (administratively prohibited): allow TCP forwarding ` +
            `for the deploy user on this host (sshd_config: AllowTcpForwarding local or yes, and no ` +
            `DisableForwarding or PermitOpen that excludes it), or run the gates with gates.via: direct`, 'connect');
        return Object.assign(e, { forwardingRefused: true });
    }
    if (reason === OPEN_CONNECT_FAILED) {
        // sshd's own connect failed; name it as a direct connect would (it is almost always refused).
        const description = ssh_messageOf(err).replace(/^\(SSH\) Channel open failure: /, '');
        const code = /refused/i.test(description) || description === '' ? 'ECONNREFUSED' : description;
        return Object.assign(new Error(`${code} (from ${host})`), { code });
    }
    return new RemoteError(host, `cannot open a channel to ${address}:${port}: ${ssh_messageOf(err)}`, 'connect');
}
/**
 * Ask sshd to KILL the command. ssh2's channel.signal() silently does nothing once our side of the
 * channel is ended, which it always is here (stdin sent), so the request goes to the protocol
 * directly. OpenSSH honours it for non-root users only ("session signalling requires privilege
 * separation"); for root the closed channel is all that remains, and the process may run on.
 */
function sendKill(channel) {
    const internals = channel;
    const id = internals.outgoing?.id;
    const protocol = internals._client?._protocol;
    const state = internals.outgoing?.state;
    // 'eof' = we ended stdin; the channel itself is still open.
    if (typeof id !== 'number' ||
        (state !== 'open' && state !== 'eof') ||
        typeof protocol?.signal !== 'function')
        return;
    try {
        protocol.signal(id, 'KILL');
    }
    catch {
        // The channel is closing anyway; close() is what the caller relies on.
    }
}
function assertAbsolute(host, path) {
    if (!path.startsWith('/'))
        throw new RemoteError(host, `remote paths must be absolute, got ${JSON.stringify(path)}`, 'io');
}
/** A process killed by a signal reports 128 + its number, as a shell would. */
function signalStatus(signal) {
    if (!signal)
        return -1;
    const signals = external_node_os_.constants.signals;
    const n = signals[`SIG${signal}`];
    return n === undefined ? -1 : 128 + n;
}

// EXTERNAL MODULE: ./src/remote/ssh-config.ts
var ssh_config = __webpack_require__(187);
;// CONCATENATED MODULE: ./src/remote/reconnect.ts

function isLost(error) {
    return error instanceof RemoteError && error.code === 'connect';
}
class ReconnectingRemote {
    current;
    connect;
    reporter;
    options;
    host;
    /** Present when the connection can open channels (SSH), as on the wrapped Remote. */
    dial;
    broken = false;
    gone;
    closed = false;
    reconnecting;
    constructor(current, connect, reporter, options = {}) {
        this.current = current;
        this.connect = connect;
        this.reporter = reporter;
        this.options = options;
        this.host = current.host;
        if (current.dial) {
            this.dial = async (address, port, signal) => {
                const r = await this.ready();
                if (!r.dial)
                    throw new RemoteError(this.host, 'this connection cannot open channels', 'connect');
                return this.watch(r.dial(address, port, signal));
            };
        }
    }
    async ready() {
        if (this.gone)
            throw new RemoteError(this.host, `SSH connection lost for good: ${this.gone}`, 'connect');
        if (!this.broken || this.closed)
            return this.current;
        // One reconnect at a time, shared by every call waiting for it.
        this.reconnecting ??= this.reconnect().finally(() => (this.reconnecting = undefined));
        return this.reconnecting;
    }
    async reconnect() {
        const windowMs = this.options.windowMs ?? 60_000;
        const deadline = performance.now() + windowMs;
        let delay = this.options.firstDelayMs ?? 1000;
        let attempts = 0;
        let last;
        this.reporter.log('warning', `SSH connection to ${this.host} lost: reconnecting (up to ${windowMs / 1000}s)`, {
            code: 'ssh.reconnect',
            host: this.host,
        });
        for (;;) {
            attempts += 1;
            try {
                const next = await this.connect();
                await this.current.close().catch(() => undefined);
                this.current = next;
                this.broken = false;
                this.reporter.log('info', `SSH connection to ${this.host} back after ${attempts} attempt(s)`, {
                    code: 'ssh.reconnected',
                    host: this.host,
                });
                return next;
            }
            catch (error) {
                last = error;
            }
            if (this.closed || performance.now() + delay > deadline)
                break;
            await new Promise((r) => setTimeout(r, delay));
            delay = Math.min(delay * 2, this.options.maxDelayMs ?? 10_000);
        }
        const why = last instanceof Error ? last.message : String(last);
        this.gone = `not back within ${windowMs / 1000}s (${attempts} attempts; last: ${why})`;
        throw new RemoteError(this.host, `SSH connection lost for good: ${this.gone}`, 'connect');
    }
    async watch(p) {
        try {
            return await p;
        }
        catch (error) {
            if (isLost(error))
                this.broken = true;
            throw error;
        }
    }
    async exec(argv, options) {
        const r = await this.ready();
        return this.watch(r.exec(argv, options));
    }
    async writeFile(path, content, mode) {
        const r = await this.ready();
        return this.watch(r.writeFile(path, content, mode));
    }
    async writeFiles(files) {
        const r = await this.ready();
        return this.watch(writeFiles(r, files));
    }
    async readFile(path) {
        const r = await this.ready();
        return this.watch(r.readFile(path));
    }
    async readFiles(paths) {
        const r = await this.ready();
        return this.watch(readFiles(r, paths));
    }
    async close() {
        this.closed = true;
        await this.current.close();
    }
}

;// CONCATENATED MODULE: ./src/rollout/host-docker.ts
/** The engine's view of one host's docker: the DockerClient, with the log tail as one text. */
function dockerOnHost(client) {
    return {
        listManaged: (cluster) => client.listManaged(cluster),
        observe: (cluster, paths) => client.observe(cluster, paths),
        inspect: (name) => client.inspect(name),
        imagePresent: (image) => client.imagePresent(image),
        pull: (image) => client.pull(image),
        run: (runArgs) => client.run(runArgs),
        stop: (name, timeoutSeconds) => client.stop(name, timeoutSeconds),
        stopServer: (name, server, timeoutSeconds) => client.shutdownThenStop(name, server, timeoutSeconds),
        start: (name) => client.start(name),
        rename: (from, to) => client.rename(from, to),
        remove: (name) => client.remove(name),
        version: () => client.version(),
        async logs(name, tail) {
            const { stdout, stderr } = await client.logs(name, tail);
            // A container writes to both streams; a short tail reads fine with stderr after stdout.
            return [stdout, stderr].filter((s) => s.trim()).join('\n');
        },
    };
}

;// CONCATENATED MODULE: ./src/remote/docker.ts
/**
 * The docker CLI, and only the CLI: pure argv builders (tested as tables), parsers of its output,
 * and DockerClient, which runs them over a Remote. Hosts may run Docker or podman's docker-
 * compatible CLI/API; the parsers read both shapes of `inspect` (see __tests__/remote/fixtures).
 */



/** The label every managed container carries; its value is the spec's cluster name. */
const CLUSTER_LABEL = 'rocketmq-rollout.cluster';
class DockerError extends src_errors/* RolloutError */.a6 {
    argv;
    exitCode;
    stderr;
    constructor(host, argv, exitCode, stderr) {
        const tail = stderr.trim().split('\n').slice(-3).join(' ') || '(no output)';
        super('docker', `${host}: ${argv.join(' ')} exited ${exitCode}: ${tail}`, { host });
        this.argv = argv;
        this.exitCode = exitCode;
        this.stderr = stderr;
    }
}
/** Container and image names come from the spec; one that starts with `-` would read as a flag. */
function operand(value, what) {
    if (value === '' || value.startsWith('-')) {
        throw new Error(`invalid ${what} ${JSON.stringify(value)}: it must not be empty or start with '-'`);
    }
    return value;
}
function docker_seconds(value, what) {
    if (!Number.isInteger(value) || value < 0)
        throw new Error(`${what} must be a whole number >= 0, got ${value}`);
    return String(value);
}
/**
 * $1 container, $2 server, $3 stop timeout; the exit status is docker stop's. The exec starts
 * first and says so ("started", waited for at most 5 s), then the stop is issued, and only a
 * second later does mqshutdown signal the JVM: by then the engine has recorded the stop as the
 * user's, so the JVM's exit is never taken for a crash that `--restart always` must repair. (With
 * mqshutdown first, a name server's JVM ended in 0.2 s, before the stop arrived: podman started
 * the old server again and its port refused the new container.)
 */
const SHUTDOWN_THEN_STOP = [
    'o=$(mktemp) || exit',
    'trap \'rm -f "$o"\' EXIT',
    `docker exec "$1" sh -c 'echo started; sleep 1; sh mqshutdown "$0"' "$2" >"$o" 2>&1 &`,
    'e=$!',
    'n=0',
    'while ! grep -qx started "$o" && kill -0 "$e" 2>/dev/null && [ "$n" -lt 100 ]; do n=$((n + 1)); sleep 0.05; done',
    'docker stop -t "$3" "$1" >/dev/null || { s=$?; kill "$e" 2>/dev/null; exit "$s"; }',
    'wait "$e"; c=$?',
    'grep -vx started "$o" >&2',
    'echo "mqshutdown=$c"',
].join('\n');
/**
 * $1 container. `docker rm -f` SIGKILLs a running container at once on Docker, but podman's waits
 * out its stop timeout first (60.9 s against 0.9 s on the lab): `docker kill` first makes both do
 * what the caller means. The kill's complaint about a container that is not running is dropped;
 * the exit status is rm's.
 */
const KILL_THEN_REMOVE = 'docker kill "$1" >/dev/null 2>&1; exec docker rm -f "$1"';
/** mqshutdown's exit code from shutdownThenStop's output; undefined when the line is missing. */
function parseShutdownCode(stdout) {
    const m = /^mqshutdown=(\d+)$/m.exec(stdout);
    return m ? Number(m[1]) : undefined;
}
/** Pure argv builders: each returns the full argv, `docker` first. */
const dockerArgv = {
    version: () => ['docker', 'version', '--format', '{{.Server.Version}}'],
    /** IDs (full length) of every container, running or not, labelled with this cluster. */
    listByCluster: (cluster) => [
        'docker',
        'ps',
        '-a',
        '--no-trunc',
        '--filter',
        `label=${CLUSTER_LABEL}=${cluster}`,
        '--format',
        '{{.ID}}',
    ],
    inspect: (ids) => [
        'docker',
        'inspect',
        '--type',
        'container',
        ...ids.map((id) => operand(id, 'container')),
    ],
    imageInspect: (image) => ['docker', 'image', 'inspect', operand(image, 'image')],
    pull: (image) => ['docker', 'pull', operand(image, 'image')],
    /** The renderer's run argv, `run` first (added when missing); never a shell string. */
    run: (runArgv) => runArgv[0] === 'run' ? ['docker', ...runArgv] : ['docker', 'run', ...runArgv],
    stop: (name, timeoutSeconds) => [
        'docker',
        'stop',
        '-t',
        docker_seconds(timeoutSeconds, 'stop timeout'),
        operand(name, 'container'),
    ],
    /**
     * A clean stop in one host command, so no SSH round trip separates its parts: `docker exec NAME
     * sh mqshutdown broker|namesrv|proxy` in the image's bin directory (its WORKDIR) sends SIGTERM
     * to the JVM that PID 1 (`sh`) never passes a signal on to, and `docker stop -t T` marks the
     * exit as the user's (else `--restart always` starts the old server again the moment its JVM
     * exits). The exec must begin before the stop (podman refuses an exec once a stop has begun)
     * and signal the JVM only after it (see SHUTDOWN_THEN_STOP). The stop's SIGTERM to PID 1 is
     * ignored, it returns when the JVM's shutdown hook ends, and it SIGKILLs only after T seconds:
     * the fallback. The last stdout line is `mqshutdown=CODE`.
     */
    shutdownThenStop: (name, server, timeoutSeconds) => [
        'sh',
        '-c',
        SHUTDOWN_THEN_STOP,
        'rocketmq-rollout-stop',
        operand(name, 'container'),
        server,
        docker_seconds(timeoutSeconds, 'stop timeout'),
    ],
    start: (name) => ['docker', 'start', operand(name, 'container')],
    rename: (from, to) => [
        'docker',
        'rename',
        operand(from, 'container'),
        operand(to, 'container name'),
    ],
    rm: (name, options = {}) => [
        'docker',
        'rm',
        ...(options.force ? ['-f'] : []),
        operand(name, 'container'),
    ],
    /** Kill (if it runs) and remove, in one host command: see KILL_THEN_REMOVE. */
    killThenRemove: (name) => [
        'sh',
        '-c',
        KILL_THEN_REMOVE,
        'rocketmq-rollout-rm',
        operand(name, 'container'),
    ],
    logs: (name, tail) => [
        'docker',
        'logs',
        '--tail',
        docker_seconds(tail, 'tail'),
        operand(name, 'container'),
    ],
};
function obj(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : {};
}
function str(v, fallback = '') {
    return typeof v === 'string' ? v : fallback;
}
function num(v, fallback = 0) {
    return typeof v === 'number' ? v : fallback;
}
function strMap(v) {
    const out = {};
    for (const [k, val] of Object.entries(obj(v)))
        if (typeof val === 'string')
            out[k] = val;
    return out;
}
function bareId(id) {
    return id.replace(/^sha256:/, '');
}
/** `docker inspect` prints a JSON array even for errors (`[]`); empty output reads as none. */
function parseArray(text, what) {
    if (text.trim() === '')
        return [];
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch (err) {
        throw new Error(`unreadable ${what} output (not JSON): ${(0,src_errors/* errorMessage */.gJ)(err)}`);
    }
    if (!Array.isArray(parsed))
        throw new Error(`unreadable ${what} output: expected a JSON array`);
    return parsed;
}
function parseContainerInspect(text) {
    return parseArray(text, 'docker inspect').map((item) => {
        const c = obj(item);
        const state = obj(c.State);
        const config = obj(c.Config);
        const hostConfig = obj(c.HostConfig);
        const status = str(state.Status, 'unknown');
        const running = state.Running === true;
        const exitCode = num(state.ExitCode);
        const ports = [];
        for (const [containerPort, bindings] of Object.entries(obj(obj(c.NetworkSettings).Ports))) {
            if (!Array.isArray(bindings))
                continue;
            for (const b of bindings)
                ports.push({ containerPort, hostIp: str(obj(b).HostIp), hostPort: str(obj(b).HostPort) });
        }
        const mounts = (Array.isArray(c.Mounts) ? c.Mounts : []).map((m) => ({
            source: str(obj(m).Source),
            destination: str(obj(m).Destination),
            readOnly: obj(m).RW === false,
        }));
        return {
            id: str(c.Id),
            name: str(c.Name).replace(/^\//, ''),
            // Docker records the reference in Config.Image; podman also in ImageName.
            image: str(config.Image) || str(c.ImageName),
            imageId: bareId(str(c.Image)),
            created: str(c.Created),
            state: { status, running, exitCode, startedAt: str(state.StartedAt) },
            status,
            running,
            exitCode,
            labels: strMap(config.Labels),
            env: (Array.isArray(config.Env) ? config.Env : []).filter((e) => typeof e === 'string'),
            ports,
            mounts,
            restartPolicy: str(obj(hostConfig.RestartPolicy).Name),
        };
    });
}
function parseImageInspect(text) {
    return parseArray(text, 'docker image inspect').map((item) => {
        const i = obj(item);
        return {
            id: bareId(str(i.Id)),
            repoTags: (Array.isArray(i.RepoTags) ? i.RepoTags : []).filter((t) => typeof t === 'string'),
            created: str(i.Created),
        };
    });
}
/** IDs printed one per line by `docker ps --format {{.ID}}`. */
function parseIdLines(text) {
    return text
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '');
}
/**
 * docker and podman say "No such object/container/image" for a missing one. Deliberately narrow:
 * "docker: command not found" must stay an error, not read as "absent".
 */
function isNoSuch(stderr) {
    return /no such (object|container|image)/i.test(stderr);
}
/** One host's docker CLI over a Remote. Every method throws DockerError with docker's stderr. */
class DockerClient {
    remote;
    options;
    constructor(remote, options = {}) {
        this.remote = remote;
        this.options = options;
    }
    async call(argv, timeoutMs = this.options.timeoutMs ?? 120_000) {
        const result = await this.remote.exec(argv, {
            timeoutMs,
            ...(this.options.sudo !== undefined ? { sudo: this.options.sudo } : {}),
        });
        return { ...result, argv };
    }
    async must(argv, timeoutMs) {
        const r = await this.call(argv, timeoutMs);
        if (r.code !== 0)
            throw new DockerError(this.remote.host, argv, r.code, r.stderr || r.stdout);
        return r.stdout;
    }
    /** The engine's version, proving docker answers (pre-flight). */
    async version() {
        return (await this.must(dockerArgv.version())).trim();
    }
    /** Every container of the cluster, running or not, inspected. */
    async listManaged(cluster) {
        const ids = parseIdLines(await this.must(dockerArgv.listByCluster(cluster)));
        if (ids.length === 0)
            return [];
        const r = await this.call(dockerArgv.inspect(ids));
        // A container removed between ps and inspect: docker still prints the others, exit 1.
        if (r.code !== 0 && !(isNoSuch(r.stderr) && r.stdout.trim().startsWith('['))) {
            throw new DockerError(this.remote.host, r.argv, r.code, r.stderr);
        }
        return parseContainerInspect(r.stdout);
    }
    /**
     * listManaged and the content of `paths`, in one command (see observe.ts); undefined when the
     * host cannot (no base64): then ask for them one by one.
     */
    async observe(cluster, paths) {
        const argv = observeArgv.observe(`label=${CLUSTER_LABEL}=${cluster}`, paths, this.options.sudo ? { sudo: true } : {});
        // The script calls docker itself (through sudo when asked): the Remote must not prefix it.
        const r = await this.remote.exec(argv, { timeoutMs: this.options.timeoutMs ?? 120_000, sudo: false });
        if (r.code === OBSERVE_UNSUPPORTED)
            return undefined;
        if (r.code !== 0) {
            const stderr = r.stderr.trim();
            if (r.code === OBSERVE_READ_FAILED)
                throw new RemoteError(this.remote.host, `cannot read the rendered files: ${stderr}`, 'io');
            throw new DockerError(this.remote.host, dockerArgv.listByCluster(cluster), r.code, r.stderr || r.stdout);
        }
        const o = parseObservation(r.stdout, paths);
        // As listManaged: a container removed between ps and inspect leaves the others printed, exit 1.
        if (o.inspect.code !== 0 && !(isNoSuch(r.stderr) && o.inspect.stdout.trim().startsWith('[')))
            throw new DockerError(this.remote.host, ['docker', 'inspect', '--type', 'container'], o.inspect.code, r.stderr);
        return { containers: parseContainerInspect(o.inspect.stdout), files: o.files };
    }
    /** One container by name or id; undefined when there is none. */
    async inspect(nameOrId) {
        const r = await this.call(dockerArgv.inspect([nameOrId]));
        if (r.code !== 0) {
            if (isNoSuch(r.stderr))
                return undefined;
            throw new DockerError(this.remote.host, r.argv, r.code, r.stderr);
        }
        return parseContainerInspect(r.stdout)[0];
    }
    /** The image if present on the host; undefined when absent (then pull it). */
    async imageInspect(image) {
        const r = await this.call(dockerArgv.imageInspect(image));
        if (r.code !== 0) {
            if (isNoSuch(r.stderr))
                return undefined;
            throw new DockerError(this.remote.host, r.argv, r.code, r.stderr);
        }
        return parseImageInspect(r.stdout)[0];
    }
    async imagePresent(image) {
        return (await this.imageInspect(image)) !== undefined;
    }
    async pull(image) {
        await this.must(dockerArgv.pull(image), this.options.pullTimeoutMs ?? 30 * 60_000);
    }
    /** `docker run` the renderer's argv; returns the new container's id. */
    async run(runArgv) {
        const out = await this.must(dockerArgv.run(runArgv), 5 * 60_000);
        return parseIdLines(out).at(-1) ?? '';
    }
    async stop(name, timeoutSeconds) {
        await this.must(dockerArgv.stop(name, timeoutSeconds), timeoutSeconds * 1000 + (this.options.stopGraceMs ?? 60_000));
    }
    /**
     * mqshutdown, then docker stop (see dockerArgv.shutdownThenStop). Returns mqshutdown's exit code
     * and what it printed; throws DockerError when the stop itself fails.
     */
    async shutdownThenStop(name, server, timeoutSeconds) {
        const argv = dockerArgv.shutdownThenStop(name, server, timeoutSeconds);
        const r = await this.call(argv, timeoutSeconds * 1000 + (this.options.stopGraceMs ?? 60_000));
        const code = parseShutdownCode(r.stdout);
        if (r.code !== 0 || code === undefined)
            throw new DockerError(this.remote.host, argv, r.code, r.stderr || r.stdout);
        return { shutdownCode: code, output: r.stderr.trim() };
    }
    async start(name) {
        await this.must(dockerArgv.start(name));
    }
    async rename(from, to) {
        await this.must(dockerArgv.rename(from, to));
    }
    /** Remove a container; `force` (kill a running one) only where the caller asks. */
    async rm(name, options = {}) {
        await this.must(dockerArgv.rm(name, options));
    }
    /** Killed and removed: a failed new container (or a stopped old one) that must go whatever its state. */
    async remove(name) {
        await this.must(dockerArgv.killThenRemove(name));
    }
    /** The last `tail` lines the container wrote, its stdout and stderr separately. */
    async logs(name, tail) {
        const r = await this.call(dockerArgv.logs(name, tail));
        if (r.code !== 0)
            throw new DockerError(this.remote.host, r.argv, r.code, r.stderr);
        return { stdout: r.stdout, stderr: r.stderr };
    }
}

;// CONCATENATED MODULE: ./src/rollout/session.ts








function parseJumpHost(text, fallbackUser) {
    const m = /^(?:([^@]+)@)?([^:]+)(?::(\d+))?$/.exec(text);
    if (!m)
        throw new Error(`invalid jump host '${text}': expected user@host:port`);
    return { user: m[1] ?? fallbackUser, address: m[2] ?? text, port: Number(m[3] ?? 22) };
}
/**
 * One SSH connection per host, opened in parallel, reused for the whole run. If any host fails,
 * every other connection is closed before the error is rethrown, including those that open only
 * after the failure (each attempt is bounded by the connect timeout, so this wait is too): one left
 * open would keep the process alive.
 */
async function openHosts(hosts, cluster, settings, reporter) {
    const settled = await Promise.allSettled(hosts.map(async (host) => {
        const name = host.name;
        const cfg = settings.privateKey || settings.sshConfig === undefined
            ? undefined
            : (0,ssh_config/* sshConfigEntry */.tE)(settings.sshConfig, host.address);
        const privateKey = settings.privateKey ?? (await (0,ssh_config/* readIdentity */.xN)(cfg?.identityFiles ?? []))?.key;
        if (!privateKey && !settings.agent) {
            throw new Error(`no SSH key for ${name} (${host.address}): pass a key, run an ssh-agent (SSH_AUTH_SOCK) or give the host an IdentityFile in ~/.ssh/config`);
        }
        const user = settings.user ?? host.ssh.user ?? cfg?.user ?? host.ssh.clusterUser;
        const hostJump = settings.jumpHost ?? cfg?.proxyJump ?? host.ssh.jumpHost;
        const common = {
            host: name,
            address: host.address,
            port: host.ssh.port ?? cfg?.port ?? host.ssh.clusterPort,
            user,
            ...(privateKey ? { privateKey } : {}),
            ...(settings.agent ? { agent: settings.agent } : {}),
            sudo: host.ssh.sudo,
            ...(settings.passphrase ? { passphrase: settings.passphrase } : {}),
            ...(settings.connectTimeoutMs ? { connectTimeoutMs: settings.connectTimeoutMs } : {}),
            ...(settings.commandTimeoutMs ? { commandTimeoutMs: settings.commandTimeoutMs } : {}),
            ...(hostJump ? { jumpHost: parseJumpHost(hostJump, user) } : {}),
        };
        const options = settings.insecureSkipHostKeyCheck
            ? { ...common, insecureSkipHostKeyCheck: true }
            : { ...common, knownHosts: settings.knownHosts ?? '' };
        // A connection lost mid-run is reopened (bounded) by the next command: an undo can finish.
        const remote = new ReconnectingRemote(await connectSsh(options, reporter), () => connectSsh(options, reporter), reporter, settings.reconnectWindowMs !== undefined ? { windowMs: settings.reconnectWindowMs } : {});
        return {
            name,
            remote,
            docker: dockerOnHost(new DockerClient(remote, { sudo: host.ssh.sudo })),
            state: new HostState(remote, stateDir(host.dataRoot, cluster)),
        };
    }));
    const failed = settled.find((r) => r.status === 'rejected');
    const handles = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    if (failed) {
        await closeHosts(handles);
        throw failed.reason;
    }
    return handles;
}
async function closeHosts(hosts) {
    await Promise.all(hosts.map((h) => h.remote.close().catch(() => undefined)));
}
/**
 * The dialer the gates use. `ssh`: every address of a spec host is dialled through that host's
 * own SSH connection (a channel per probe), so the RocketMQ ports never need to be open to the
 * runner; `direct`: plain TCP from the runner.
 */
function gateDialer(addresses, hosts, via) {
    if (via === 'direct')
        return directDialer;
    const byAddress = new Map();
    for (const h of hosts) {
        const address = addresses.find((a) => a.name === h.name)?.address;
        const remote = h.remote;
        if (address === undefined || byAddress.has(address) || !remote.dial)
            continue;
        byAddress.set(address, (a, p, signal) => remote.dial?.(a, p, signal) ?? directDialer(a, p, signal));
    }
    return routedDialer(byAddress);
}
/**
 * Before anything stops: one channel through the host's SSH connection to its own SSH port, so an
 * sshd that forbids forwarding fails the run here, with nothing touched. A refused connect still
 * proves forwarding is allowed (sshd tried); only the refusal to forward is fatal.
 */
async function proveForwarding(host, h) {
    if (!h.remote.dial)
        return;
    const port = host.ssh.port ?? host.ssh.clusterPort;
    try {
        const channel = await h.remote.dial(host.address, port, AbortSignal.timeout(15_000));
        channel.destroy();
    }
    catch (error) {
        if (error.forwardingRefused)
            throw error;
        if (error.code === 'ECONNREFUSED')
            return;
        if (error instanceof Error && error.name === 'TimeoutError')
            throw new RemoteError(h.name, 'opening an SSH channel for the gates took over 15 s', 'connect');
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/rollout/run.ts

















/** The run cannot start as asked (e.g. only-hosts names unknown hosts). */
class RunError extends src_errors/* RolloutError */.a6 {
    constructor(message) {
        super('run', message);
    }
}
function checkOnlyHosts(spec, only) {
    if (!only?.length)
        return undefined;
    const unknown = only.filter((h) => !Object.hasOwn(spec.hosts, h));
    if (unknown.length) {
        throw new RunError(`only-hosts names hosts that are not in the spec: ${unknown.join(', ')} (hosts: ${Object.keys(spec.hosts).join(', ')})`);
    }
    return new Set(only);
}
async function clusterStatus(cluster, dial) {
    return Promise.all(cluster.nameServers.map(async (ns) => {
        try {
            const info = await fetchClusterInfo(ns, { timeoutMs: 3000, ...(dial ? { dial } : {}) });
            return {
                nameServer: ns,
                brokers: registrationsOf(info)
                    .filter((r) => r.cluster === cluster.cluster)
                    .sort((a, b) => a.brokerName.localeCompare(b.brokerName) || a.brokerId - b.brokerId)
                    .map((r) => ({ name: r.brokerName, id: String(r.brokerId), addr: r.addr })),
            };
        }
        catch (error) {
            return { nameServer: ns, error: (0,src_errors/* errorMessage */.gJ)(error), brokers: [] };
        }
    }));
}
function hostOf(cluster, name) {
    const host = cluster.hosts.find((h) => h.name === name);
    if (!host)
        throw new RunError(`host ${name} is not in the rendered cluster`);
    return host;
}
async function withHosts(spec, s, reporter, fn) {
    const hosts = await reporter.group('Connecting to the hosts', () => openHosts((0,render.hostConnections)(spec), spec.cluster, s.connection, reporter));
    try {
        return await fn(hosts);
    }
    finally {
        await closeHosts(hosts);
    }
}
async function runRemoteCommand(command, source, s, reporter) {
    const saved = command === 'deploy' ? s.savedPlan : undefined;
    const specPath = source.path;
    // A saved plan carries its spec: deploy exactly what was planned, whatever is checked out now.
    const specText = saved ? saved.specText : source.text;
    const validation = (0,validate/* validateSpecText */.Np)(specText, saved ? `${saved.specPath} (from the plan)` : specPath);
    if (!validation.spec || (0,findings/* hasErrors */.Cs)(validation.findings))
        return { validation, specPath, error: 'the spec has errors' };
    const spec = validation.spec;
    if (saved && s.onlyHosts?.length && s.onlyHosts.join() !== (saved.onlyHosts ?? []).join()) {
        return {
            validation,
            specPath,
            error: 'only-hosts differs from the plan: the plan says which hosts it touches',
        };
    }
    const only = checkOnlyHosts(spec, saved ? saved.onlyHosts : s.onlyHosts);
    const revision = saved ? saved.revision : source.revision;
    return withHosts(spec, s, reporter, async (hosts) => {
        let run = { validation, spec, specText, revision };
        if (command === 'rollback' && s.rollbackTo === 'previous') {
            const previous = await previousSpec(hosts, specPath, reporter);
            if ('error' in previous)
                return { validation: previous.validation ?? validation, specPath, error: previous.error };
            run = previous;
        }
        const cluster = (0,render.renderCluster)(run.spec, run.revision);
        if (command === 'plan')
            return planOn(hosts, cluster, run, specPath, only, s);
        if (saved && JSON.stringify((0,plan_file/* renderedDigest */.SC)(cluster)) !== JSON.stringify(saved.rendered)) {
            return {
                validation,
                specPath,
                cluster,
                error: 'this rocketmq-rollout renders the planned spec differently from the one that made the plan: make the plan again with this version',
            };
        }
        return deployOn(hosts, cluster, run, specPath, only, s, reporter);
    });
}
/** rollback --to previous: the hosts remember what was deployed; the revision before the current one. */
async function previousSpec(hosts, specPath, reporter) {
    const first = hosts[0];
    if (!first)
        return { error: 'no host to read the previous revision from: nothing to roll back to' };
    const previous = previousRevision(await first.state.history());
    if (!previous)
        return { error: `no previous revision recorded on host ${first.name}: nothing to roll back to` };
    const text = await first.state.specOf(previous);
    if (!text)
        return { error: `host ${first.name} has no spec stored for revision ${previous}` };
    reporter.log('info', `rolling back to revision ${previous} (recorded on ${first.name})`, {
        code: 'rollback.previous',
    });
    const validation = (0,validate/* validateSpecText */.Np)(text, `${specPath}@${previous}`);
    if (!validation.spec)
        return { validation, error: `the spec of revision ${previous} no longer validates` };
    if (Object.keys(validation.spec.hosts).join() !== hosts.map((h) => h.name).join()) {
        return {
            validation,
            error: `revision ${previous} has other hosts than the current spec: deploy it from its git ref instead`,
        };
    }
    return { validation, spec: validation.spec, specText: text, revision: previous };
}
async function planOn(hosts, cluster, run, specPath, only, s) {
    const observed = await Promise.all(hosts.map((h) => observeHost(h, cluster)));
    const plan = buildPlan(cluster, observed, only);
    const interrupted = await leftovers([...hosts], cluster.cluster, lockSettingsFromEnv());
    const savedPlan = (0,plan_file/* makeSavedPlan */.lK)({
        specPath,
        specText: run.specText,
        cluster,
        plan,
        observed,
        ...(only ? { onlyHosts: [...only] } : {}),
    });
    const drain = drainPlan(plan, drainSettings(run.spec, s.drainSeconds));
    // A plan a deploy would refuse fails the plan too (a PR check sees it before the merge).
    const refused = planRefusals(plan).length;
    return {
        validation: run.validation,
        specPath,
        cluster,
        plan,
        interrupted,
        savedPlan,
        drain,
        ...(refused
            ? { error: `a deploy would refuse this plan: ${refused} error${refused === 1 ? '' : 's'} in its notes` }
            : {}),
    };
}
async function deployOn(hosts, cluster, run, specPath, only, s, reporter) {
    const { spec, specText, revision } = run;
    const saved = s.savedPlan;
    const owner = { ...s.owner, revision, pid: process.pid, since: new Date().toISOString() };
    const via = s.gatesVia ?? spec.gates.via;
    const dial = gateDialer(cluster.hosts, hosts, via);
    reporter.log('info', via === 'ssh'
        ? "gates reach the cluster through each host's SSH connection (gates.via: ssh)"
        : 'gates connect to the cluster from this runner (gates.via: direct)', { code: 'gates.via' });
    const result = await deploy({
        cluster,
        specText,
        hosts,
        gates: new LiveGates({ deadlineMs: s.gateTimeoutMs, reporter, dial }),
        // Masters are drained before they stop (drain.ts).
        hooks: drainHooks(new Drainer({
            settings: drainSettings(spec, s.drainSeconds),
            reporter,
            admin: remotingAdmin(dial),
            deadlineMs: s.gateTimeoutMs,
        })),
        topics: remotingTopics(dial),
        ...(via === 'ssh' ? { checkHost: (h) => proveForwarding(hostOf(cluster, h.name), h) } : {}),
        reporter,
        owner,
        breakLock: s.breakLock,
        lock: lockSettingsFromEnv(),
        dryRun: s.dryRun,
        ...(saved ? { expectObserved: saved.observed } : {}),
        pullPolicy: spec.images.pull,
        parallel: s.parallel ?? spec.rollout.parallel,
        sudo: spec.ssh.sudo,
        ...(only ? { onlyHosts: only } : {}),
        ...(s.signal ? { signal: s.signal } : {}),
    });
    const status = result.noop && !result.plan.entries.length ? [] : await clusterStatus(cluster, dial);
    return {
        validation: run.validation,
        specPath,
        cluster,
        plan: result.plan,
        result,
        clusterStatus: status,
        drain: drainPlan(result.plan, drainSettings(spec, s.drainSeconds)),
    };
}


/***/ })

};
;