export const id = 437;
export const ids = [437];
export const modules = {

/***/ 437:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runRemoteCommand: () => (/* binding */ runRemoteCommand)
});

// UNUSED EXPORTS: RunError, clusterStatus

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
var external_node_net_default = /*#__PURE__*/__webpack_require__.n(external_node_net_);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 14 modules
var schemas = __webpack_require__(5586);
// EXTERNAL MODULE: ./node_modules/zod/v4/core/errors.js
var errors = __webpack_require__(7428);
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

;// CONCATENATED MODULE: ./src/gates/properties.ts
/**
 * java.util.Properties#load, for the text a broker answers to GET_BROKER_CONFIG (the same text
 * `mqadmin getBrokerConfig` parses with Properties). Java semantics matter here: values are NOT
 * trimmed at the end (4.x does not trim either), `\` escapes and `\uXXXX` are decoded, a trailing odd
 * backslash continues the line, `#`/`!` start comments, and the key ends at `=`, `:` or whitespace.
 * The input is already-decoded text (the broker sends UTF-8), so there is no ISO-8859-1 step.
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
    return [properties_unescape(line.slice(0, keyEnd)), properties_unescape(line.slice(valueStart))];
}
function properties_unescape(s) {
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
 * The inverse, for fixtures and fake servers: escapes so that parseProperties (and Java) read back
 * exactly `entries`.
 */
function formatProperties(entries) {
    const esc = (s, isKey) => {
        let out = '';
        for (let i = 0; i < s.length; i += 1) {
            const c = s[i];
            const code = c.charCodeAt(0);
            if (c === '\\')
                out += '\\\\';
            else if (c === '\t')
                out += '\\t';
            else if (c === '\n')
                out += '\\n';
            else if (c === '\r')
                out += '\\r';
            else if (c === '\f')
                out += '\\f';
            else if (c === '=' || c === ':' || c === '#' || c === '!')
                out += `\\${c}`;
            else if (c === ' ' && (isKey || i === 0))
                out += '\\ ';
            else if (code < 0x20)
                out += `\\u${code.toString(16).padStart(4, '0')}`;
            else
                out += c;
        }
        return out;
    };
    return Object.entries(entries)
        .map(([k, v]) => `${esc(k, true)}=${esc(v, false)}\n`)
        .join('');
}

;// CONCATENATED MODULE: ./src/gates/remoting.ts
/**
 * A small client for RocketMQ's remoting protocol: just enough to ask a name server for the cluster
 * and a broker for its loaded config and runtime stats. No Node library speaks it well, so the frame
 * codec is ours (see rocketmq-facts/README.md, "Name server protocol").
 */




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
const FLAG_ONEWAY = 2;
const isResponse = (cmd) => (cmd.flag & FLAG_RESPONSE) !== 0;
const isOneway = (cmd) => (cmd.flag & FLAG_ONEWAY) !== 0;
/** Every failure of a remoting call, typed so a gate can say what went wrong in plain words. */
class RemotingError extends Error {
    kind;
    addr;
    responseCode;
    constructor(kind, addr, message, 
    /** The server's response code when kind is 'response'. */
    responseCode, options) {
        super(`${addr}: ${message}`, options);
        this.kind = kind;
        this.addr = addr;
        this.responseCode = responseCode;
        this.name = 'RemotingError';
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
class FrameError extends Error {
    constructor(message) {
        super(message);
        this.name = 'FrameError';
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
        throw new FrameError(`JSON header does not parse: ${e.message}`);
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
    let pos = 0;
    const need = (n, what) => {
        if (pos + n > header.length)
            throw new FrameError(`binary header truncated in ${what}`);
    };
    need(13, 'fixed fields');
    const code = header.readInt16BE(0);
    const languageByte = header.readUInt8(2);
    const version = header.readInt16BE(3);
    const opaque = header.readInt32BE(5);
    const flag = header.readInt32BE(9);
    pos = 13;
    need(4, 'remark length');
    const remarkLength = header.readInt32BE(pos);
    pos += 4;
    if (remarkLength < 0)
        throw new FrameError(`negative remark length ${remarkLength}`);
    need(remarkLength, 'remark');
    const remark = header.toString('utf8', pos, pos + remarkLength);
    pos += remarkLength;
    need(4, 'extFields length');
    const extLength = header.readInt32BE(pos);
    pos += 4;
    if (extLength < 0)
        throw new FrameError(`negative extFields length ${extLength}`);
    need(extLength, 'extFields');
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
    if (remarkLength > 0)
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
/**
 * Sends one request on a fresh connection and resolves with the matching response (by opaque),
 * whatever its code. Rejects only with RemotingError. One connection per call keeps gates
 * independent and leaves nothing open between probes.
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
        const opaque = newOpaque();
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
        const decoder = new FrameDecoder();
        let connected = false;
        let settled = false;
        const socket = external_node_net_default().connect({ host: target.host, port: target.port });
        const finish = (error, response) => {
            if (settled)
                return;
            settled = true;
            clearTimeout(timer);
            options.signal?.removeEventListener('abort', onAbort);
            socket.destroy();
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
        socket.on('connect', () => {
            connected = true;
            socket.write(encodeFrame(cmd));
        });
        socket.on('data', (chunk) => {
            let frames;
            try {
                frames = decoder.push(chunk);
            }
            catch (e) {
                finish(new RemotingError('protocol', addr, e.message, undefined, { cause: e }));
                return;
            }
            for (const frame of frames) {
                // Servers may push unrelated requests (oneway notifications); only our answer counts.
                if (isResponse(frame) && frame.opaque === opaque) {
                    finish(undefined, frame);
                    return;
                }
            }
        });
        socket.on('error', (e) => {
            const kind = connected ? 'closed' : 'connect';
            const what = connected ? 'connection failed' : 'cannot connect';
            finish(new RemotingError(kind, addr, `${what}: ${e.code ?? e.message}`, undefined, { cause: e }));
        });
        socket.on('close', () => {
            finish(new RemotingError('closed', addr, decoder.pending > 0
                ? `connection closed in the middle of a frame (${decoder.pending} bytes)`
                : 'connection closed before an answer'));
        });
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
        throw new RemotingError('protocol', addr, `${what}: body is not JSON: ${e.message}`, undefined, {
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
    return parseProperties(response.body?.toString('utf8') ?? '');
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

;// CONCATENATED MODULE: ./src/gates/poll.ts
/**
 * Polls a probe until it succeeds several times in a row or a deadline passes. A gate passes on a
 * short run of consecutive successes, not one lucky probe (DESIGN.md, Deploy step 3). The interval
 * starts short and doubles up to a maximum, so a quick start is seen quickly and a slow one is not
 * hammered; every wait is bounded by the deadline and wakes on abort.
 */
const DEFAULT_INITIAL_INTERVAL_MS = 200;
const DEFAULT_MAX_INTERVAL_MS = 5000;
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
async function pollUntil(probe, options) {
    const required = Math.max(1, Math.floor(options.consecutive));
    const maxInterval = Math.max(1, options.maxIntervalMs ?? DEFAULT_MAX_INTERVAL_MS);
    let interval = Math.min(Math.max(1, options.initialIntervalMs ?? DEFAULT_INITIAL_INTERVAL_MS), maxInterval);
    const started = performance.now();
    const deadline = started + Math.max(0, options.deadlineMs);
    let attempts = 0;
    let streak = 0;
    let value;
    let lastFailure;
    let lastMessage;
    const outcome = (ok, stop) => {
        const elapsedMs = Math.round(performance.now() - started);
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
        if (value !== undefined)
            result.value = value;
        if (reason !== undefined)
            result.reason = reason;
        if (lastMessage !== undefined)
            result.lastMessage = lastMessage;
        return result;
    };
    for (;;) {
        if (options.signal?.aborted)
            return outcome(false, new Stop('abort'));
        const result = await attempt(probe, Math.max(0, deadline - performance.now()), options.signal);
        if (result instanceof Stop) {
            // A probe cut off at the deadline tells less than the failure before it: keep that one.
            if (result.why === 'deadline' && lastFailure === undefined && streak === 0) {
                lastFailure =
                    attempts === 0
                        ? 'no probe finished before the deadline'
                        : 'the last probe did not finish before the deadline';
            }
            return outcome(false, result);
        }
        attempts += 1;
        options.onAttempt?.(attempts, result);
        if (result.value !== undefined)
            value = result.value;
        lastMessage = result.message;
        if (result.ok) {
            streak += 1;
            if (streak >= required)
                return outcome(true);
        }
        else {
            streak = 0;
            lastFailure = result.message;
        }
        const remaining = deadline - performance.now();
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
 * The health gates of a rollout step (DESIGN.md, Deploy step 3). Each gate is a described probe:
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
/** TCP connect from the runner to a published port. */
function tcpGate(address, port, options = {}) {
    const timeoutMs = options.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    const where = address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
    return {
        describe: `port ${where} accepts connections`,
        probe: () => new Promise((resolve) => {
            const started = performance.now();
            const socket = external_node_net_default().connect({ host: address, port });
            const done = (result) => {
                clearTimeout(timer);
                socket.destroy();
                resolve(result);
            };
            const timer = setTimeout(() => done({ ok: false, message: `${where}: connect did not complete within ${timeoutMs} ms` }), timeoutMs);
            socket.once('connect', () => {
                const connectMs = Math.round(performance.now() - started);
                done({ ok: true, message: `${where} accepts connections`, value: { address, port, connectMs } });
            });
            socket.once('error', (e) => done({ ok: false, message: `${where}: ${e.code ?? e.message}` }));
        }),
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
                message: `name server ${restarted} knows ${value.known} of ${wanted.size} broker(s); missing ${missing.map((m) => `${label(m)} at ${m.addr}`).join(', ')} (brokers re-register every 30 s)`,
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
    const doFetch = options.fetch ?? fetch;
    const timeoutMs = options.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    return {
        describe: `console ${url} lists ${expected.length} broker(s)`,
        probe: async () => {
            let response;
            let text;
            try {
                response = await doFetch(target, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
                text = await response.text();
            }
            catch (e) {
                const err = e;
                const why = err.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (err.cause?.code ?? err.message);
                return { ok: false, message: `console ${target}: ${why}` };
            }
            if (response.status >= 300 && response.status < 400) {
                const to = response.headers.get('location');
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
                return { ok: false, message: `console ${target}: answer is not JSON (${e.message})` };
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
 * misspelt keys only show when `knownKeys` (the keys the version reads) is given.
 */
function compareBrokerConfig(rendered, loaded, knownKeys) {
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
        else if (knownKeys && !knownKeys.has(key)) {
            mismatches.push({
                key,
                rendered: want,
                loaded: got,
                kind: 'unknown-key',
                message: `${key}: rendered ${show(want)}, but RocketMQ does not read this key (it only echoes the file)`,
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
            const mismatches = compareBrokerConfig(rendered, loaded, options.knownKeys);
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
 * as first observed by this gate. "Connected" is no proof (LAB-NOTES: a slave can keep a dead HA
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

// EXTERNAL MODULE: ./src/render/render.ts
var render = __webpack_require__(4278);
// EXTERNAL MODULE: ./src/spec/findings.ts
var findings = __webpack_require__(5293);
// EXTERNAL MODULE: ./src/spec/revision.ts + 1 modules
var spec_revision = __webpack_require__(9700);
// EXTERNAL MODULE: ./src/spec/validate.ts + 7 modules
var validate = __webpack_require__(8241);
;// CONCATENATED MODULE: ./src/remote/docker.ts
/** The label every managed container carries; its value is the spec's cluster name. */
const CLUSTER_LABEL = 'rocketmq-rollout.cluster';
class DockerError extends Error {
    host;
    argv;
    code;
    stderr;
    constructor(host, argv, code, stderr) {
        const tail = stderr.trim().split('\n').slice(-3).join(' ') || '(no output)';
        super(`${host}: ${argv.join(' ')} exited ${code}: ${tail}`);
        this.host = host;
        this.argv = argv;
        this.code = code;
        this.stderr = stderr;
        this.name = 'DockerError';
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
        throw new Error(`unreadable ${what} output (not JSON): ${err.message}`);
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
    /** Make the image present: inspect first, pull only when absent (or always, for a moving tag). */
    async ensureImage(image, options = {}) {
        if (!options.alwaysPull && (await this.imagePresent(image)))
            return 'present';
        await this.pull(image);
        return 'pulled';
    }
    /** `docker run` the renderer's argv; returns the new container's id. */
    async run(runArgv) {
        const out = await this.must(dockerArgv.run(runArgv), 5 * 60_000);
        return parseIdLines(out).at(-1) ?? '';
    }
    async stop(name, timeoutSeconds) {
        await this.must(dockerArgv.stop(name, timeoutSeconds), timeoutSeconds * 1000 + (this.options.stopGraceMs ?? 60_000));
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
    /** `rm -f`: for a failed new container that must go whatever its state. */
    async remove(name) {
        await this.rm(name, { force: true });
    }
    /** The last `tail` lines the container wrote, its stdout and stderr separately. */
    async logs(name, tail) {
        const r = await this.call(dockerArgv.logs(name, tail));
        if (r.code !== 0)
            throw new DockerError(this.remote.host, r.argv, r.code, r.stderr);
        return { stdout: r.stdout, stderr: r.stderr };
    }
}
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

;// CONCATENATED MODULE: ./src/plan/plan.ts



function changes(plan) {
    return plan.entries.filter((e) => e.action === 'create' || e.action === 'replace');
}
function diffConfig(oldText, newConfig) {
    const old = oldText === undefined ? {} : parseProperties(oldText);
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
    const base = { host: desired.host, name: desired.name, kind: desired.kind, desired };
    if (!observed)
        return { ...base, action: 'create', reasons: ['no such container'], configChanges: [] };
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
    if (normalizeImage(observed.image) !== normalizeImage(desired.image))
        reasons.push(`image ${observed.image} → ${desired.image}`);
    reasons.push(...configChanges.map(describeChange));
    const hashChanged = observed.labels[render/* LABELS */.kg.configHash] !== desired.configHash;
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
        const desiredNames = new Set(h.containers.map((c) => c.name));
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
        for (const x of o.containers) {
            if (desiredNames.has(x.name) || x.name.endsWith(KEPT_SUFFIX))
                continue;
            entries.push({
                action: 'orphaned',
                host: h.name,
                name: x.name,
                kind: x.labels[render/* LABELS */.kg.kind] ?? 'unknown',
                reasons: ['managed by rocketmq-rollout but not in the spec: remove it by hand when sure'],
                configChanges: [],
                observed: x,
            });
        }
    }
    return { cluster: cluster.cluster, revision: cluster.revision, entries };
}
/** The old container is kept under this suffix until the rollout is healthy, for undo. */
const KEPT_SUFFIX = '-rollout-old';

;// CONCATENATED MODULE: ./src/rollout/deploy.ts



class StepError extends Error {
    failure;
    constructor(message, failure) {
        super(message);
        this.failure = failure;
        this.name = 'StepError';
    }
}
async function observeHost(h, cluster) {
    const containers = await h.docker.listManaged(cluster.cluster);
    const files = {};
    const desired = cluster.hosts.find((x) => x.name === h.name)?.containers ?? [];
    await Promise.all(desired.flatMap((c) => containerFilePaths(c).map(async (p) => {
        files[p] = await h.remote.readFile(p);
    })));
    return { host: h.name, containers, files };
}
async function planDeploy(cluster, hosts, onlyHosts) {
    const observed = await Promise.all(hosts.map((h) => observeHost(h, cluster)));
    return buildPlan(cluster, observed, onlyHosts);
}
function elapsed(since) {
    return Math.round(performance.now() - since);
}
async function preflight(o, plan, taken) {
    const { reporter } = o;
    const changing = new Set(changes(plan).map((e) => e.host));
    // allSettled, not all: every host's check must have finished (and its lock be known in
    // `taken`) before the caller releases locks, or a lock taken late would be left behind.
    const results = await Promise.allSettled(o.hosts.map(async (h) => {
        const version = await h.docker.version();
        reporter.log('info', `docker ${version}`, { host: h.name, code: 'preflight.docker' });
        const root = o.cluster.hosts.find((x) => x.name === h.name)?.dataRoot ?? '/';
        await h.remote.exec(['mkdir', '-p', root]);
        const df = await h.remote.exec(['df', '-Pk', root]);
        const freeKb = Number(df.stdout.trim().split('\n').at(-1)?.split(/\s+/)[3]);
        const min = o.minFreeDiskMb ?? 1024;
        if (Number.isFinite(freeKb) && freeKb / 1024 < min) {
            throw new StepError(`${h.name}: only ${Math.round(freeKb / 1024)} MiB free under ${root}`, {
                host: h.name,
                phase: 'preflight',
                message: `only ${Math.round(freeKb / 1024)} MiB free under ${root}, need ${min} MiB`,
            });
        }
        await h.state.acquire(o.owner, o.breakLock ?? false);
        taken.push(h);
        if (!changing.has(h.name))
            return;
        // New images present BEFORE anything stops: a missing tag must fail here, with nothing touched.
        const images = new Set(changes(plan)
            .filter((e) => e.host === h.name)
            .map((e) => e.desired?.image)
            .filter((i) => !!i));
        for (const image of images) {
            if (o.pullPolicy !== 'always' && (await h.docker.imagePresent(image)))
                continue;
            reporter.log('info', `pulling ${image}`, { host: h.name, code: 'preflight.pull' });
            try {
                await h.docker.pull(image);
            }
            catch (error) {
                throw new StepError(`${h.name}: image ${image} is not available`, {
                    host: h.name,
                    phase: 'preflight',
                    message: `image ${image} is not available on ${h.name} and could not be pulled: ${error.message}`,
                });
            }
        }
        // Host directories must belong to the image's uid 3000 or the broker exits (code 253,
        // often with no log): prepare them before anything stops.
        for (const e of changes(plan).filter((x) => x.host === h.name)) {
            const c = e.desired;
            if (!c)
                continue;
            const paths = [c.dir, ...c.dirs.map((d) => d.path)];
            const owner = String(c.dirs[0]?.owner ?? 3000);
            for (const argv of [
                ['mkdir', '-p', ...paths],
                ['chown', `${owner}:${owner}`, ...paths],
            ]) {
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
    }));
    const failed = results.find((r) => r.status === 'rejected');
    if (failed)
        throw failed.reason;
}
/** The old container as it ran, for re-gating after an undo: its own config, ports and name. */
function oldView(c, oldConf) {
    if (!c.brokerConfig || oldConf === undefined)
        return c;
    const config = parseProperties(oldConf);
    const listen = Number(config.listenPort ?? c.listenPort);
    const p = (0,render/* brokerPorts */.ED)(listen);
    return { ...c, brokerConfig: config, listenPort: listen, ports: [p.listen, p.fast, p.ha] };
}
/** How often a new container's state is checked while its gates run. */
const WATCH_INTERVAL_MS = 2000;
class Rollout {
    o;
    steps = [];
    kept = [];
    live;
    constructor(o, plan) {
        this.o = o;
        const running = new Set();
        for (const e of plan.entries)
            if (e.action === 'unchanged' || (e.observed?.running ?? false))
                running.add(e.name + '@' + e.host);
        this.live = { cluster: o.cluster, running };
    }
    key(c) {
        return `${c.name}@${c.host}`;
    }
    /**
     * Run the gates while watching the new container: one that exits (or restarts after exiting)
     * fails the step at once instead of after every gate's deadline.
     */
    async gateWhileRunning(h, c, signal) {
        const stop = new AbortController();
        const relay = () => stop.abort();
        signal.addEventListener('abort', relay);
        if (signal.aborted)
            stop.abort();
        let exited;
        const watch = (async () => {
            while (!stop.signal.aborted) {
                await new Promise((resolve) => {
                    const t = setTimeout(resolve, WATCH_INTERVAL_MS);
                    stop.signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
                });
                if (stop.signal.aborted)
                    break;
                const state = await h.docker.inspect(c.name).catch(() => undefined);
                if (state && (!state.running || state.exitCode !== 0)) {
                    exited = `exited with code ${state.exitCode} (${state.status})`;
                    stop.abort();
                }
            }
        })();
        try {
            const gates = await this.o.gates.check(c, this.live, stop.signal);
            return exited ? { gates, exited } : { gates };
        }
        finally {
            stop.abort();
            signal.removeEventListener('abort', relay);
            await watch;
        }
    }
    async step(h, entry) {
        const c = entry.desired;
        if (!c || (entry.action !== 'create' && entry.action !== 'replace'))
            return;
        const { reporter } = this.o;
        const signal = this.o.signal ?? new AbortController().signal;
        const started = performance.now();
        let engineMs = 0;
        const timed = async (fn) => {
            const t = performance.now();
            try {
                return await fn();
            }
            finally {
                engineMs += performance.now() - t;
            }
        };
        const old = entry.action === 'replace' ? entry.observed : undefined;
        const keptName = `${c.name}${KEPT_SUFFIX}`;
        reporter.log('info', `${entry.action} ${c.name}${entry.reasons.length ? `: ${entry.reasons.join('; ')}` : ''}`, {
            host: h.name,
            code: `step.${entry.action}`,
        });
        if (old?.running) {
            const safe = await this.o.gates.safeToStop(c, this.live);
            if (!safe.ok) {
                throw new StepError(`${h.name}: refusing to stop ${c.name}: ${safe.why}`, {
                    host: h.name,
                    name: c.name,
                    phase: 'step',
                    message: `refusing to stop ${c.name}: ${safe.why}`,
                });
            }
        }
        // Files: remember what was there, so an undo puts back exactly that.
        const before = new Map();
        for (const p of containerFilePaths(c))
            before.set(p, await h.remote.readFile(p));
        const undo = async (why, gates = []) => {
            const logTail = await h.docker.logs(c.name, 40).catch(() => '(no logs: the container does not exist)');
            reporter.log('error', `${c.name} failed: ${why}; undoing`, { host: h.name, code: 'step.undo' });
            await h.docker.remove(c.name).catch(() => undefined);
            for (const [p, text] of before) {
                if (text === undefined)
                    await h.remote.exec(['rm', '-f', p]);
                else
                    await h.remote.writeFile(p, text);
            }
            let restored = 'nothing to restore: the container was new';
            if (old) {
                await h.docker.rename(keptName, c.name);
                if (old.running) {
                    await h.docker.start(c.name);
                    if (signal.aborted) {
                        restored = `old ${c.name} restored and started (not re-gated: interrupted)`;
                    }
                    else {
                        const regate = await this.o.gates.check(oldView(c, before.get(c.files[0]?.path ?? '')), this.live, new AbortController().signal);
                        const bad = regate.find((g) => !g.ok);
                        restored = bad
                            ? `old ${c.name} restored and started, but its gate ${bad.gate} fails too: ${bad.detail}`
                            : `old ${c.name} restored, started and healthy again`;
                    }
                }
                else {
                    restored = `old ${c.name} restored (it was not running before)`;
                }
            }
            reporter.log(old ? 'warning' : 'info', restored, { host: h.name, code: 'step.restored' });
            this.steps.push({
                host: h.name,
                name: c.name,
                action: entry.action,
                ok: false,
                gates,
                elapsedMs: elapsed(started),
                engineMs,
            });
            throw new StepError(`${h.name}: ${c.name}: ${why}`, {
                host: h.name,
                name: c.name,
                phase: signal.aborted ? 'interrupted' : 'step',
                message: why,
                logTail,
                restored,
            });
        };
        for (const f of c.files)
            await h.remote.writeFile(f.path, f.content, f.mode);
        await h.remote.writeFile(runArgsPath(c), `${JSON.stringify(['docker', ...c.runArgs])}\n`);
        if (old) {
            // A leftover from an interrupted run would block the rename; the current container wins.
            await h.docker.remove(keptName).catch(() => undefined);
            await h.docker.rename(c.name, keptName);
            if (old.running) {
                await timed(() => h.docker.stop(keptName, c.stopTimeout));
                this.live.running.delete(this.key(c));
            }
        }
        try {
            await timed(() => h.docker.run(c.runArgs));
        }
        catch (error) {
            return undo(`docker run failed: ${error.message}`);
        }
        const { gates, exited } = await timed(() => this.gateWhileRunning(h, c, signal));
        const failed = gates.find((g) => !g.ok);
        if (exited)
            return undo(`${c.name} ${exited} while its gates ran`, gates);
        if (failed || signal.aborted) {
            return undo(signal.aborted ? 'interrupted by a signal' : `gate ${failed?.gate} failed: ${failed?.detail}`, gates);
        }
        this.live.running.add(this.key(c));
        if (old)
            this.kept.push({ host: h, name: keptName });
        const record = {
            host: h.name,
            name: c.name,
            action: entry.action,
            ok: true,
            gates,
            elapsedMs: elapsed(started),
            engineMs: Math.round(engineMs),
        };
        this.steps.push(record);
        reporter.log('info', `${c.name} healthy (${gates.map((g) => g.gate).join(', ')}) in ${(record.elapsedMs / 1000).toFixed(1)}s`, {
            host: h.name,
            code: 'step.ok',
        });
    }
}
const PHASES = ['nameServer', 'slave', 'master', 'console'];
const PHASE_TITLE = {
    nameServer: 'Name server',
    slave: 'Slaves',
    master: 'Masters',
    console: 'Console',
};
/**
 * The order of steps: name servers, then slaves, then masters, then the console; within each
 * phase, hosts in spec order. Per host this is DESIGN's order, and across hosts it guarantees a
 * group's slaves restart before its master even when the master sits on an earlier host.
 */
function rolloutOrder(plan, hosts) {
    const batches = [];
    for (const kind of PHASES) {
        for (const host of hosts) {
            const entries = plan.entries.filter((e) => e.host === host.name && e.kind === kind && (e.action === 'create' || e.action === 'replace'));
            if (entries.length)
                batches.push({ kind, host, entries });
        }
    }
    return batches;
}
async function deploy(o) {
    const { reporter } = o;
    const now = o.now ?? (() => new Date());
    let plan = await planDeploy(o.cluster, o.hosts, o.onlyHosts);
    if (changes(plan).length === 0 || o.dryRun) {
        reporter.log('info', changes(plan).length === 0
            ? 'nothing to change: every container matches the spec'
            : 'dry run: nothing changed', { code: 'deploy.noop' });
        return { ok: true, plan, steps: [], hostTimings: [], noop: true };
    }
    const taken = [];
    const hostTimings = [];
    let rollout;
    try {
        await reporter.group('Pre-flight on all hosts', () => preflight(o, plan, taken));
        // Re-plan under the lock: another run may have changed the hosts since the first look.
        plan = await planDeploy(o.cluster, o.hosts, o.onlyHosts);
        rollout = new Rollout(o, plan);
        for (const batch of rolloutOrder(plan, o.hosts)) {
            const h = batch.host;
            const t = performance.now();
            await reporter.group(`${PHASE_TITLE[batch.kind]} on host ${h.name}`, async () => {
                for (const e of batch.entries) {
                    if (o.signal?.aborted) {
                        throw new StepError('interrupted by a signal before the next step', {
                            host: h.name,
                            phase: 'interrupted',
                            message: 'interrupted by a signal; no further container was touched',
                        });
                    }
                    await rollout?.step(h, e);
                }
            });
            const timing = hostTimings.find((x) => x.host === h.name);
            if (timing)
                timing.ms += elapsed(t);
            else
                hostTimings.push({ host: h.name, ms: elapsed(t) });
        }
        // Healthy: record the revision everywhere, then drop the containers kept for undo.
        const hashes = Object.fromEntries((0,render/* allContainers */.Yr)(o.cluster).map((c) => [`${c.host}/${c.name}`, c.configHash]));
        await Promise.all(o.hosts.map((h) => h.state.record({
            revision: o.cluster.revision,
            time: now().toISOString(),
            actor: o.owner.owner,
            ...(o.owner.runUrl ? { runUrl: o.owner.runUrl } : {}),
            result: 'success',
            configHashes: hashes,
        }, o.specText)));
        for (const k of rollout.kept)
            await k.host.docker.remove(k.name).catch(() => undefined);
        return { ok: true, plan, steps: rollout.steps, hostTimings, noop: false };
    }
    catch (error) {
        const failure = error instanceof StepError
            ? error.failure
            : { host: '?', phase: 'step', message: error.message };
        if (!(error instanceof StepError))
            reporter.log('error', error.message, { code: 'deploy.error' });
        // Containers already replaced on earlier steps stay (they passed their gates); their kept old
        // copies are dropped only after a fully healthy rollout, so leave them for a manual look.
        return { ok: false, plan, steps: rollout?.steps ?? [], hostTimings, failure, noop: false };
    }
    finally {
        await Promise.all(taken.map((h) => h.state.release(o.owner).catch(() => false)));
    }
}

;// CONCATENATED MODULE: ./src/rollout/host-state.ts
function stateDir(dataRoot, cluster) {
    return `${dataRoot}/.rocketmq-rollout/${cluster}`;
}
class LockHeldError extends Error {
    host;
    holder;
    ageSeconds;
    stale;
    constructor(host, holder, ageSeconds, stale) {
        const who = holder
            ? `${holder.owner}${holder.runUrl ? ` (${holder.runUrl})` : ''}, revision ${holder.revision}, for ${ageSeconds}s`
            : 'an unknown owner (no owner file)';
        super(`${host}: the deploy lock is held by ${who}${stale ? ' — it looks stale' : ''}. ` +
            `Wait for that run, or break the lock explicitly (--break-lock / input break-lock) if it is dead.`);
        this.host = host;
        this.holder = holder;
        this.ageSeconds = ageSeconds;
        this.stale = stale;
        this.name = 'LockHeldError';
    }
}
/** A lock older than this is reported as stale; it is still only broken on request. */
const STALE_LOCK_SECONDS = 3600;
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
        const text = await this.remote.readFile(`${this.lockDir}/owner.json`);
        if (!text)
            return undefined;
        try {
            return JSON.parse(text);
        }
        catch {
            return undefined;
        }
    }
    async acquire(owner, breakLock) {
        await this.remote.exec(['mkdir', '-p', this.dir]);
        let taken = await this.remote.exec(['mkdir', this.lockDir]);
        if (taken.code !== 0 && breakLock) {
            await this.remote.exec(['rm', '-rf', this.lockDir]);
            taken = await this.remote.exec(['mkdir', this.lockDir]);
        }
        if (taken.code !== 0) {
            const holder = await this.readLock();
            const age = holder ? Math.round((this.now().getTime() - Date.parse(holder.since)) / 1000) : undefined;
            throw new LockHeldError(this.remote.host, holder, age, age === undefined || age > STALE_LOCK_SECONDS);
        }
        await this.remote.writeFile(`${this.lockDir}/owner.json`, `${JSON.stringify(owner)}\n`);
    }
    /** Release only a lock we hold (same owner and pid): never someone else's. */
    async release(owner) {
        const holder = await this.readLock();
        if (holder &&
            (holder.owner !== owner.owner || holder.pid !== owner.pid || holder.since !== owner.since)) {
            return false;
        }
        const r = await this.remote.exec(['rm', '-rf', this.lockDir]);
        return r.code === 0;
    }
    /** For the action's post step: release a lock this run attempt left behind, nobody else's. */
    async releaseIfOwnedBy(owner) {
        const holder = await this.readLock();
        if (!holder || holder.owner !== owner)
            return false;
        return (await this.remote.exec(['rm', '-rf', this.lockDir])).code === 0;
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

;// CONCATENATED MODULE: ./src/rollout/live-gates.ts



const key = (c) => `${c.name}@${c.host}`;
function brokerAddr(c) {
    return `${c.address}:${c.listenPort}`;
}
class LiveGates {
    o;
    constructor(o) {
        this.o = o;
    }
    running(live, kind) {
        return (0,render/* allContainers */.Yr)(live.cluster).filter((c) => (!kind || c.kind === kind) && live.running.has(key(c)));
    }
    nameServersOf(live, except) {
        return this.running(live, 'nameServer')
            .filter((c) => !except || key(c) !== key(except))
            .map((c) => `${c.address}:${c.ports[0]}`);
    }
    /** The gates that prove `c` healthy, in the order they are run. */
    plan(c, live) {
        const gates = c.ports.map((p) => ({
            name: `port ${p}`,
            gate: tcpGate(c.address, p),
        }));
        if (c.kind === 'nameServer') {
            const self = `${c.address}:${c.ports[0]}`;
            gates.push({ name: 'name server', gate: nameServerGate(self) });
            const others = this.nameServersOf(live, c);
            // Brokers re-register every 30 s: wait until this one knows what the others know.
            if (others.length)
                gates.push({ name: 'name server caught up', gate: nameServerCaughtUpGate(self, others) });
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
                    }),
                });
            }
            if (c.brokerConfig)
                gates.push({ name: 'effective config', gate: effectiveConfigGate(addr, c.brokerConfig) });
            const members = this.running(live).filter((m) => m.group === c.group && key(m) !== key(c));
            if (c.kind === 'slave') {
                const master = members.find((m) => m.kind === 'master');
                if (master)
                    gates.push({ name: 'replication', gate: replicationGate(brokerAddr(master), addr) });
            }
            else {
                for (const s of members.filter((m) => m.kind === 'slave')) {
                    gates.push({ name: `replication to ${s.name}`, gate: replicationGate(addr, brokerAddr(s)) });
                }
            }
        }
        else if (c.kind === 'console') {
            const expected = this.running(live)
                .filter((m) => m.kind === 'master' || m.kind === 'slave')
                .map((m) => ({ brokerName: m.group ?? '', brokerId: m.brokerId ?? 0 }));
            gates.push({ name: 'console', gate: consoleGate(`http://${c.address}:${c.ports[0]}`, expected) });
        }
        return gates;
    }
    async check(c, live, signal) {
        const results = [];
        for (const { name, gate } of this.plan(c, live)) {
            const outcome = await runGate(gate, {
                deadlineMs: this.o.deadlineMs,
                consecutive: this.o.consecutive ?? 3,
                signal,
            });
            results.push({ gate: name, ok: outcome.ok, detail: outcome.message, elapsedMs: outcome.elapsedMs });
            // One short line a gate: the description is in the gate's name, the detail in the result.
            const took = `${(outcome.elapsedMs / 1000).toFixed(1)} s`;
            const line = outcome.ok
                ? `gate ${name} passed in ${took} (${outcome.attempts} probes): ${outcome.lastMessage ?? ''}`
                : `gate ${name} FAILED after ${took}: ${outcome.reason ?? outcome.message}`;
            this.o.reporter.log(outcome.ok ? 'info' : 'error', line, {
                host: c.host,
                code: outcome.ok ? 'gate.pass' : 'gate.fail',
            });
            if (!outcome.ok)
                break;
        }
        return results;
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
                    await fetchClusterInfo(ns, { timeoutMs: 3000 });
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
            const group = (0,render/* allContainers */.Yr)(live.cluster).filter((m) => m.group === c.group && key(m) !== key(c));
            const nameServers = this.nameServersOf(live);
            for (const m of group) {
                if (!live.running.has(key(m))) {
                    return {
                        ok: false,
                        why: `${m.name} on ${m.host} (same group ${c.group}) is not running: stopping this one too would take the group down`,
                    };
                }
                for (const ns of nameServers) {
                    const problem = await fetchClusterInfo(ns, { timeoutMs: 3000 })
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
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
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
class QuoteError extends Error {
    constructor(message) {
        super(message);
        this.name = 'QuoteError';
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

;// CONCATENATED MODULE: ./src/remote/remote.ts
class RemoteError extends Error {
    host;
    code;
    constructor(host, message, code) {
        super(`${host}: ${message}`);
        this.host = host;
        this.code = code;
        this.name = 'RemoteError';
    }
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
/** Exit status of readFile's script when the file is absent; cat and sh never use it. */
const MISSING_FILE_STATUS = 44;
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
    reporter.secret(options.privateKey);
    // A log line may carry one line of a multi-line key; mask each body line as well.
    for (const line of options.privateKey.split(/\r?\n/)) {
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
        throw new RemoteError(options.host, `the jump host ${options.jumpHost?.address} cannot reach ${options.address}:${options.port}: ${messageOf(err)}`, 'connect');
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
        privateKey: options.privateKey,
        readyTimeout: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
        keepaliveInterval: options.keepaliveIntervalMs ?? DEFAULT_KEEPALIVE_MS,
        keepaliveCountMax: 3,
        hostVerifier,
    };
    if (options.passphrase)
        config.passphrase = options.passphrase;
    if (sock)
        config.sock = sock;
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
    const message = messageOf(err);
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
function messageOf(err) {
    return err instanceof Error ? err.message : String(err);
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
                const stdout = [];
                const stderr = [];
                let code = null;
                let signal;
                opened.on('data', (chunk) => stdout.push(chunk));
                opened.stderr.on('data', (chunk) => stderr.push(chunk));
                opened.on('exit', (exitCode, signalName) => {
                    code = exitCode;
                    signal = signalName ?? undefined;
                });
                opened.on('close', () => {
                    if (settled)
                        return;
                    if (code === null && signal === undefined) {
                        // sshd always reports how a command ended; a channel closed without that is a lost
                        // connection (ssh2 may close the channels before it reports the connection itself).
                        fail(new RemoteError(this.host, `SSH connection lost while ${argv[0]} ran (no exit status)${this.lost ? `: ${this.lost}` : ''}`, 'connect'));
                        return;
                    }
                    settled = true;
                    clearTimeout(timer);
                    this.pending.delete(fail);
                    resolve({
                        code: code ?? signalStatus(signal),
                        stdout: Buffer.concat(stdout).toString('utf8'),
                        stderr: Buffer.concat(stderr).toString('utf8'),
                    });
                });
                opened.end(options.stdin !== undefined ? Buffer.from(options.stdin, 'utf8') : undefined);
            };
            try {
                this.client.exec(command, onChannel);
            }
            catch (err) {
                fail(new RemoteError(this.host, `cannot start ${argv[0]}: ${messageOf(err)}`, 'exec'));
            }
        });
    }
    async writeFile(path, content, mode = 0o644) {
        assertAbsolute(this.host, path);
        const tmp = `${path}.tmp-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`;
        // A fixed script with the values as positional parameters: nothing from the caller is parsed
        // by the shell. The temp file lives in the same directory, so `mv` is an atomic rename.
        // A directory at the target would make `mv` move the file INTO it: refuse instead.
        const script = 'set -e; mkdir -p -- "$1"; trap \'rm -f -- "$2"\' EXIT; cat > "$2"; chmod "$3" -- "$2"; ' +
            'if [ -d "$4" ] && [ ! -L "$4" ]; then echo "$4 is a directory" >&2; exit 1; fi; ' +
            'mv -f -- "$2" "$4"; trap - EXIT';
        const result = await this.exec(['sh', '-c', script, 'sh', external_node_path_.posix.dirname(path), tmp, mode.toString(8), path], {
            stdin: content,
        });
        if (result.code !== 0) {
            throw new RemoteError(this.host, `cannot write ${path}: ${result.stderr.trim() || `exit ${result.code}`}`, 'io');
        }
    }
    async readFile(path) {
        assertAbsolute(this.host, path);
        const script = `[ -e "$1" ] || exit ${MISSING_FILE_STATUS}; exec cat -- "$1"`;
        const result = await this.exec(['sh', '-c', script, 'sh', path]);
        if (result.code === MISSING_FILE_STATUS)
            return undefined;
        if (result.code !== 0) {
            throw new RemoteError(this.host, `cannot read ${path}: ${result.stderr.trim() || `exit ${result.code}`}`, 'io');
        }
        return result.stdout;
    }
    async close() {
        this.lost ??= 'closed by us';
        this.ssh.dispose();
        this.jump?.dispose();
    }
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

;// CONCATENATED MODULE: ./src/rollout/host-docker.ts
/** The engine's view of one host's docker: the DockerClient, with the log tail as one text. */
function dockerOnHost(client) {
    return {
        listManaged: (cluster) => client.listManaged(cluster),
        inspect: (name) => client.inspect(name),
        imagePresent: (image) => client.imagePresent(image),
        pull: (image) => client.pull(image),
        run: (runArgs) => client.run(runArgs),
        stop: (name, timeoutSeconds) => client.stop(name, timeoutSeconds),
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

;// CONCATENATED MODULE: ./src/rollout/session.ts





function parseJumpHost(text, fallbackUser) {
    const m = /^(?:([^@]+)@)?([^:]+)(?::(\d+))?$/.exec(text);
    if (!m)
        throw new Error(`invalid jump host '${text}': expected user@host:port`);
    return { user: m[1] ?? fallbackUser, address: m[2] ?? text, port: Number(m[3] ?? 22) };
}
/**
 * One SSH connection per host, opened in parallel, reused for the whole run. If any host fails,
 * the ones already open are closed before the error is rethrown.
 */
async function openHosts(spec, hostNames, settings, reporter) {
    const opened = [];
    const jump = settings.jumpHost ?? spec.ssh.jumpHost;
    try {
        return await Promise.all(hostNames.map(async (name) => {
            const host = spec.hosts[name];
            if (!host)
                throw new Error(`host ${name} is not in the spec`);
            const user = settings.user ?? host.ssh?.user ?? spec.ssh.user;
            const common = {
                host: name,
                address: host.address,
                port: host.ssh?.port ?? spec.ssh.port,
                user,
                privateKey: settings.privateKey,
                sudo: spec.ssh.sudo,
                ...(settings.passphrase ? { passphrase: settings.passphrase } : {}),
                ...(settings.connectTimeoutMs ? { connectTimeoutMs: settings.connectTimeoutMs } : {}),
                ...(settings.commandTimeoutMs ? { commandTimeoutMs: settings.commandTimeoutMs } : {}),
                ...(jump ? { jumpHost: parseJumpHost(jump, user) } : {}),
            };
            const options = settings.insecureSkipHostKeyCheck
                ? { ...common, insecureSkipHostKeyCheck: true }
                : { ...common, knownHosts: settings.knownHosts ?? '' };
            const remote = await connectSsh(options, reporter);
            opened.push(remote);
            return {
                name,
                remote,
                docker: dockerOnHost(new DockerClient(remote, { sudo: spec.ssh.sudo })),
                state: new HostState(remote, stateDir((0,render/* hostDataRoot */.H4)(spec, name), spec.cluster)),
            };
        }));
    }
    catch (error) {
        await Promise.all(opened.map((r) => r.close().catch(() => undefined)));
        throw error;
    }
}
async function closeHosts(hosts) {
    await Promise.all(hosts.map((h) => h.remote.close().catch(() => undefined)));
}

;// CONCATENATED MODULE: ./src/rollout/run.ts











class RunError extends Error {
}
function checkOnlyHosts(spec, only) {
    if (!only?.length)
        return undefined;
    const unknown = only.filter((h) => !spec.hosts[h]);
    if (unknown.length) {
        throw new RunError(`only-hosts names hosts that are not in the spec: ${unknown.join(', ')} (hosts: ${Object.keys(spec.hosts).join(', ')})`);
    }
    return new Set(only);
}
async function clusterStatus(cluster) {
    return Promise.all(cluster.nameServers.map(async (ns) => {
        try {
            const info = await fetchClusterInfo(ns, { timeoutMs: 3000 });
            return {
                nameServer: ns,
                brokers: registrationsOf(info)
                    .filter((r) => r.cluster === cluster.cluster)
                    .sort((a, b) => a.brokerName.localeCompare(b.brokerName) || a.brokerId - b.brokerId)
                    .map((r) => ({ name: r.brokerName, id: String(r.brokerId), addr: r.addr })),
            };
        }
        catch (error) {
            return { nameServer: ns, error: error.message, brokers: [] };
        }
    }));
}
async function withHosts(spec, s, reporter, fn) {
    const hosts = await reporter.group('Connecting to the hosts', () => openHosts(spec, Object.keys(spec.hosts), s.connection, reporter));
    try {
        return await fn(hosts);
    }
    finally {
        await closeHosts(hosts);
    }
}
async function runRemoteCommand(command, specPath, s, reporter) {
    let specText = await (0,promises_.readFile)(specPath, 'utf8');
    let validation = (0,validate/* validateSpecText */.Np)(specText, specPath);
    if (!validation.spec || (0,findings/* hasErrors */.Cs)(validation.findings))
        return { validation, specPath, error: 'the spec has errors' };
    let spec = validation.spec;
    const only = checkOnlyHosts(spec, s.onlyHosts);
    let revision = await (0,spec_revision/* specRevision */.j)(specPath, specText, s.revision);
    return withHosts(spec, s, reporter, async (hosts) => {
        if (command === 'rollback' && s.rollbackTo === 'previous') {
            // The hosts remember what was deployed: take the revision before the current one and its spec.
            const first = hosts[0];
            const history = first ? await first.state.history() : [];
            const previous = previousRevision(history);
            if (!previous || !first) {
                return {
                    validation,
                    specPath,
                    error: `no previous revision recorded on host ${first?.name ?? '?'}: nothing to roll back to`,
                };
            }
            const text = await first.state.specOf(previous);
            if (!text)
                return {
                    validation,
                    specPath,
                    error: `host ${first.name} has no spec stored for revision ${previous}`,
                };
            reporter.log('info', `rolling back to revision ${previous} (recorded on ${first.name})`, {
                code: 'rollback.previous',
            });
            specText = text;
            validation = (0,validate/* validateSpecText */.Np)(text, `${specPath}@${previous}`);
            if (!validation.spec)
                return { validation, specPath, error: `the spec of revision ${previous} no longer validates` };
            spec = validation.spec;
            revision = previous;
            if (Object.keys(spec.hosts).join() !== hosts.map((h) => h.name).join()) {
                return {
                    validation,
                    specPath,
                    error: `revision ${previous} has other hosts than the current spec: deploy it from its git ref instead`,
                };
            }
        }
        const cluster = (0,render/* renderCluster */.V4)(spec, revision);
        if (command === 'plan') {
            const plan = await planDeploy(cluster, hosts, only);
            return { validation, specPath, cluster, plan };
        }
        const owner = { ...s.owner, revision, pid: process.pid, since: new Date().toISOString() };
        const result = await deploy({
            cluster,
            specText,
            hosts,
            gates: new LiveGates({ deadlineMs: s.gateTimeoutMs, reporter }),
            reporter,
            owner,
            breakLock: s.breakLock,
            dryRun: s.dryRun,
            pullPolicy: spec.images.pull,
            sudo: spec.ssh.sudo,
            ...(only ? { onlyHosts: only } : {}),
            ...(s.signal ? { signal: s.signal } : {}),
        });
        const status = result.noop && !result.plan.entries.length ? [] : await clusterStatus(cluster);
        return { validation, specPath, cluster, plan: result.plan, result, clusterStatus: status };
    });
}


/***/ })

};
