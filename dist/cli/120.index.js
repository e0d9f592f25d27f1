"use strict";
exports.id = 120;
exports.ids = [120];
exports.modules = {

/***/ 5120:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  EXIT: () => (/* binding */ EXIT),
  JSON_FORMAT_VERSION: () => (/* binding */ JSON_FORMAT_VERSION),
  runCli: () => (/* binding */ runCli)
});

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
// EXTERNAL MODULE: ./src/commands/files.ts
var files = __webpack_require__(2729);
// EXTERNAL MODULE: ./src/spec/validate.ts + 21 modules
var validate = __webpack_require__(1841);
;// CONCATENATED MODULE: ./src/commands/validate.ts


/**
 * validate, and render: read the spec, check it, and (render, or the action's summary) render it.
 * Rendering is loaded only when asked for: a validate starts no faster than it loads.
 */
async function checkSpec(specPath, o = {}) {
    const text = await (0,files/* readSpecFile */.MB)(specPath);
    const validation = (0,validate/* validateSpecText */.Np)(text, specPath);
    if (!validation.spec || !(o.render || o.out !== undefined))
        return { validation };
    const [{ specRevision }, { renderCluster }] = await Promise.all([
        Promise.all(/* import() */[__webpack_require__.e(278), __webpack_require__.e(113)]).then(__webpack_require__.bind(__webpack_require__, 113)),
        __webpack_require__.e(/* import() */ 278).then(__webpack_require__.bind(__webpack_require__, 4278)),
    ]);
    const revision = await specRevision(specPath, text, o.revision);
    const cluster = renderCluster(validation.spec, revision);
    if (o.out === undefined)
        return { validation, cluster, revision };
    const { writeRendered } = await Promise.all(/* import() */[__webpack_require__.e(278), __webpack_require__.e(79)]).then(__webpack_require__.bind(__webpack_require__, 9079));
    return { validation, cluster, revision, manifest: await writeRendered(cluster, o.out) };
}
const containerCount = (cluster) => cluster.hosts.reduce((n, h) => n + h.containers.length, 0);

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/spec/findings.ts
var spec_findings = __webpack_require__(5293);
// EXTERNAL MODULE: ./src/spec/suggest.ts
var suggest = __webpack_require__(1381);
;// CONCATENATED MODULE: ./package.json
const package_namespaceObject = {"rE":"0.1.0"};
;// CONCATENATED MODULE: ./src/cli.ts







/** Something to create or replace; orphans are only reported, so they are no change. */
function planHasChanges(plan) {
    return plan.entries.some((e) => e.action === 'create' || e.action === 'replace');
}
/**
 * Exit codes: 0 ok (warnings allowed), 1 invalid spec or failed command, 2 usage error (a wrong
 * command line, or a file it names that cannot be read); plan --detailed-exitcode: 0 no changes,
 * 2 changes (`changes`), 1 any error.
 */
const EXIT = { ok: 0, failed: 1, usage: 2, changes: 2 };
const OPTIONS = {
    format: { type: 'string', arg: 'text|json', help: 'output for people (text, default) or machines (json)' },
    out: {
        type: 'string',
        arg: '<dir|file>',
        help: 'render: folder to write one sub-folder per host and manifest.json to;\nplan: file to write the plan to, for review and deploy --plan',
    },
    plan: {
        type: 'string',
        arg: '<plan.json>',
        help: 'deploy exactly this plan (plan --out): refused, listing what changed,\nwhen the hosts no longer look as the plan saw them; the spec is optional',
    },
    revision: {
        type: 'string',
        arg: '<id>',
        help: 'revision recorded on the hosts (default: git commit or content hash)',
    },
    key: {
        type: 'string',
        arg: '<file>',
        help: 'private key (or env ROCKETMQ_ROLLOUT_SSH_KEY with the key itself);\n' +
            'passphrase from env ROCKETMQ_ROLLOUT_SSH_PASSPHRASE. Without a key: the\n' +
            "ssh-agent of SSH_AUTH_SOCK and the hosts' entries in ~/.ssh/config\n" +
            '(User, Port, IdentityFile, ProxyJump; looked up by host address)',
    },
    'known-hosts': {
        type: 'string',
        arg: '<file>',
        help: 'host keys to verify every host against (required unless the next)',
    },
    'insecure-skip-host-key-check': {
        type: 'boolean',
        help: 'connect without verifying host keys (warned; not for production)',
    },
    user: { type: 'string', arg: '<name>', help: 'SSH user (overrides ssh.user of the spec)' },
    'jump-host': { type: 'string', arg: '<user@host:port>', help: 'reach the hosts through a bastion' },
    'only-hosts': { type: 'string', arg: '<A,B>', help: "touch only these hosts' containers" },
    'gate-timeout': { type: 'string', arg: '<seconds>', help: 'deadline of each health gate (default 180)' },
    'drain-seconds': {
        type: 'string',
        arg: '<seconds>',
        help: "wait after a master goes read-only, and between masters (overrides the spec's rollout.drainSeconds)",
    },
    parallel: {
        type: 'string',
        arg: '<n>',
        help: "restart up to n containers at once, never two of one broker group\n(overrides the spec's rollout.parallel; 1 = one at a time)",
    },
    'gates-via': {
        type: 'string',
        arg: 'ssh|direct',
        help: "how gates reach RocketMQ: through each host's SSH connection (ssh) or from here (direct)",
    },
    'break-lock': {
        type: 'boolean',
        help: 'take the deploy lock even when another live run holds it (dead runs: not needed)',
    },
    'dry-run': { type: 'boolean', help: 'plan and stop: change nothing' },
    'detailed-exitcode': {
        type: 'boolean',
        help: 'exit 0 when nothing would change, 2 when something would, 1 on any error',
    },
    to: {
        type: 'string',
        arg: 'previous',
        help: 'deploy the revision before the current one recorded on the hosts',
    },
    verbose: { type: 'boolean', short: 'v', help: 'debug lines too' },
    help: { type: 'boolean', short: 'h', help: 'this text' },
    version: { type: 'boolean', help: 'print the version' },
};
const SSH_OPTIONS = ['key', 'known-hosts', 'insecure-skip-host-key-check', 'user', 'jump-host'];
/** What deploy and rollback share after their own first option (the same rollout underneath). */
const ROLLOUT_OPTIONS = [
    'dry-run',
    'only-hosts',
    'gate-timeout',
    'drain-seconds',
    'parallel',
    'gates-via',
    'break-lock',
    'format',
    'revision',
    ...SSH_OPTIONS,
    'verbose',
];
const COMMAND_SPECS = {
    validate: {
        args: '<spec>',
        summary: 'check the spec; findings as file:line:col: severity: message (fix)',
        options: ['format'],
    },
    render: {
        args: '<spec> --out <dir>',
        summary: 'write every broker.conf and docker run argv, one folder per host',
        options: ['out', 'format', 'revision'],
    },
    plan: {
        args: '<spec>',
        summary: 'compare the hosts with the spec: create / replace (why) / unchanged / orphaned',
        options: [
            'out',
            'detailed-exitcode',
            'format',
            'revision',
            'only-hosts',
            'drain-seconds',
            ...SSH_OPTIONS,
            'verbose',
        ],
    },
    deploy: {
        args: '<spec> | --plan <plan.json>',
        summary: 'make the hosts match the spec, host by host, gated, undoing a failed step',
        options: ['plan', ...ROLLOUT_OPTIONS],
    },
    rollback: {
        args: '<spec> [--to previous]',
        summary: 'deploy the revision before the current one recorded on the hosts, or (without --to)\n' +
            'the spec file as given, e.g. checked out at an older ref',
        options: ['to', ...ROLLOUT_OPTIONS],
    },
    version: { args: '', summary: 'print the version', options: ['format'] },
    help: { args: '[command]', summary: "a command's options", options: [] },
};
const COMMANDS = Object.keys(COMMAND_SPECS);
/** Help's two columns: a name, then its text (continued lines aligned; below a name too long). */
function twoColumns(name, text) {
    const WIDTH = 32;
    const [first = '', ...more] = text.split('\n');
    const rest = more.map((l) => `  ${''.padEnd(WIDTH)} ${l}`);
    if (name.length >= WIDTH)
        return [`  ${name}`, `  ${''.padEnd(WIDTH)} ${first}`, ...rest];
    return [`  ${name.padEnd(WIDTH)} ${first}`, ...rest];
}
function optionLines(names) {
    return names.flatMap((name) => {
        const o = OPTIONS[name];
        return twoColumns(`${o.short ? `-${o.short}, ` : ''}--${name}${o.arg ? ` ${o.arg}` : ''}`, o.help);
    });
}
function usage() {
    const commands = COMMANDS.flatMap((c) => twoColumns(`${c} ${COMMAND_SPECS[c].args}`, COMMAND_SPECS[c].summary));
    return [
        'Usage: rocketmq-rollout <command> <spec.yml> [options]',
        '',
        'Commands:',
        ...commands,
        '',
        "Run 'rocketmq-rollout help <command>' (or '<command> --help') for its options.",
        'Options of every command: --format text|json, -h/--help; --version prints the version.',
        'Exit codes: 0 ok (warnings allowed), 1 invalid spec or failed command, 2 usage error',
        '(a wrong command line, or a file it names that cannot be read);',
        'plan --detailed-exitcode: 0 no changes, 2 changes, 1 error (usage errors included).',
        '',
    ].join('\n');
}
/** Exit codes as the help of one command gives them (README: the same table). */
function exitCodeLines(command) {
    if (command === 'version' || command === 'help')
        return ['Exit code: 0.'];
    const failed = command === 'validate' || command === 'render' ? 'invalid spec' : 'invalid spec or failed command';
    const lines = [`Exit codes: 0 ok, 1 ${failed}, 2 usage error (or a file it names cannot be read).`];
    if (command === 'plan')
        lines.push('With --detailed-exitcode: 0 no changes, 2 changes, 1 any error.');
    return lines;
}
function commandUsage(command) {
    const c = COMMAND_SPECS[command];
    const lines = [
        `Usage: rocketmq-rollout ${command}${c.args ? ` ${c.args}` : ''} [options]`,
        '',
        ...c.summary.split('\n'),
    ];
    const options = [...c.options, 'help'];
    lines.push('', 'Options:', ...optionLines(options), '', ...exitCodeLines(command), '');
    return lines.join('\n');
}
/** A wrong command line: exit 2 (1 under --detailed-exitcode), a short message, never the full help. */
class UsageError extends errors/* RolloutError */.a6 {
    command;
    constructor(message, command) {
        super('usage', message);
        this.command = command;
    }
}
const didYouMean = (word, candidates, prefix = '') => {
    const c = (0,suggest/* closest */.kp)(word, candidates);
    return c ? ` (did you mean '${prefix}${c}'?)` : '';
};
/**
 * parseArgs in its lenient mode, then our own checks of every token: its strict mode reports
 * unknown options with its raw text and no suggestion.
 */
function parse(argv) {
    const { values, positionals, tokens } = (0,external_node_util_.parseArgs)({
        args: argv,
        allowPositionals: true,
        strict: false,
        tokens: true,
        options: Object.fromEntries(Object.entries(OPTIONS).map(([name, o]) => [
            name,
            { type: o.type, ...(o.short ? { short: o.short } : {}) },
        ])),
    });
    const first = positionals[0];
    const command = COMMANDS.find((c) => c === first);
    checkOptionTokens(tokens, command);
    const str = (name) => {
        const v = values[name];
        return typeof v === 'string' ? v : undefined;
    };
    const bool = (name) => values[name] === true;
    const format = str('format') ?? 'text';
    if (format !== 'text' && format !== 'json') {
        throw new UsageError(`--format must be text or json, got '${format}'`, command);
    }
    if (bool('version') || command === 'version')
        return { version: true, format };
    if (positionals.length === 0)
        return { help: undefined };
    if (!command) {
        throw new UsageError(`unknown command '${first}'${didYouMean(first ?? '', COMMANDS)}`);
    }
    if (command === 'help') {
        const topic = positionals[1];
        if (topic === undefined)
            return { help: undefined };
        const known = COMMANDS.find((c) => c === topic);
        if (!known)
            throw new UsageError(`no command '${topic}'${didYouMean(topic, COMMANDS)}`);
        return { help: known };
    }
    if (bool('help'))
        return { help: command };
    return parseCommand(command, positionals.slice(1), { str, bool, format });
}
/** parseArgs' lenient mode accepts anything: every option token is checked here. */
function checkOptionTokens(tokens, command) {
    const longNames = Object.keys(OPTIONS);
    for (const t of tokens) {
        if (t.kind !== 'option')
            continue;
        const o = OPTIONS[t.name];
        if (!o || (!t.rawName.startsWith('--') && o.short !== t.rawName.slice(1))) {
            const name = t.rawName.replace(/^-+/, '');
            throw new UsageError(`unknown option '${t.rawName}'${didYouMean(name, longNames, '--')}`, command);
        }
        if (o.type === 'string' && (t.value === undefined || (!t.inlineValue && t.value.startsWith('-')))) {
            throw new UsageError(`option ${t.rawName} needs a value: ${t.rawName} ${o.arg ?? '<value>'}`, command);
        }
        if (o.type === 'boolean' && t.inlineValue) {
            throw new UsageError(`option ${t.rawName} takes no value`, command);
        }
    }
}
/** --revision is recorded in labels and file names on the hosts: a short plain word. */
function checkedRevision(revision, command) {
    if (revision !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(revision)) {
        throw new UsageError(`--revision must be letters, digits, '.', '_', '-' (at most 64), got '${revision}'`, command);
    }
    return revision;
}
/** An option of plain digits within a range, or undefined when not given. */
function digitsOption(str, name, [min, max], what, command) {
    const text = str(name);
    if (text === undefined)
        return undefined;
    const n = Number(text);
    if (!/^[0-9]+$/.test(text) || n < min || n > max)
        throw new UsageError(`--${name} must be ${what} from ${min} to ${max}, got '${text}'`, command);
    return n;
}
/** A command's own arguments and option values, each checked with a message of its own. */
function parseCommand(command, args, o) {
    const { str, bool, format } = o;
    const [specArg, ...rest] = args;
    const planFile = str('plan');
    if (planFile !== undefined && command !== 'deploy')
        throw new UsageError('--plan is for deploy', command);
    if (planFile !== undefined && str('revision') !== undefined)
        throw new UsageError('--revision and --plan: the plan records its revision', command);
    // With --plan the spec comes from the plan; a spec given too must be the same file.
    const spec = specArg ?? (planFile !== undefined ? '' : undefined);
    if (spec === undefined)
        throw new UsageError(`${command} needs a spec file: rocketmq-rollout ${command} <spec.yml>`, command);
    if (rest.length > 0)
        throw new UsageError(`unexpected argument '${rest[0]}'`, command);
    const out = str('out');
    if (command === 'render' && !out)
        throw new UsageError('render needs --out <dir>', command);
    const gateTimeoutText = str('gate-timeout') ?? '180';
    const gateTimeout = Number(gateTimeoutText);
    if (!Number.isInteger(gateTimeout) || gateTimeout < 5 || gateTimeout > 3600) {
        throw new UsageError(`--gate-timeout must be whole seconds from 5 to 3600, got '${gateTimeoutText}'`, command);
    }
    const drainSeconds = digitsOption(str, 'drain-seconds', [0, 600], 'whole seconds', command);
    const parallel = digitsOption(str, 'parallel', [1, 64], 'a whole number', command);
    const gatesVia = str('gates-via');
    if (gatesVia !== undefined && gatesVia !== 'ssh' && gatesVia !== 'direct') {
        throw new UsageError(`--gates-via takes ssh or direct, got '${gatesVia}'`, command);
    }
    const revision = checkedRevision(str('revision'), command);
    const to = str('to');
    if (to !== undefined && (command !== 'rollback' || to !== 'previous')) {
        throw new UsageError(`--to is for rollback and takes 'previous' (to deploy an older ref, check it out and pass its spec)`, command);
    }
    if (bool('detailed-exitcode') && command !== 'plan') {
        throw new UsageError('--detailed-exitcode is for plan', command);
    }
    return {
        command,
        spec,
        values: {
            format,
            out,
            revision,
            key: str('key'),
            knownHosts: str('known-hosts'),
            insecure: bool('insecure-skip-host-key-check'),
            user: str('user'),
            jumpHost: str('jump-host'),
            onlyHosts: str('only-hosts')
                ?.split(/[\s,]+/)
                .filter(Boolean),
            gateTimeout,
            ...(drainSeconds !== undefined ? { drainSeconds } : {}),
            ...(parallel !== undefined ? { parallel } : {}),
            ...(gatesVia ? { gatesVia } : {}),
            breakLock: bool('break-lock'),
            dryRun: bool('dry-run'),
            detailedExitcode: bool('detailed-exitcode'),
            ...(planFile !== undefined ? { plan: planFile } : {}),
            to,
            verbose: bool('verbose'),
        },
    };
}
function summaryLine(findings) {
    const c = (0,spec_findings/* countBySeverity */.Ot)(findings);
    const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
    return `${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${plural(c.notice, 'notice')}`;
}
function printFindings(io, result) {
    for (const f of result.findings)
        io.stdout.write(`${(0,spec_findings/* formatFinding */.tf)(f)}\n`);
    io.stdout.write(`${summaryLine(result.findings)}\n`);
}
/** Version of the --format json output; raised only when a field changes meaning or goes away. */
const JSON_FORMAT_VERSION = 1;
/** Every --format json answer: the same envelope around the command's own fields. */
function writeJson(io, command, ok, body) {
    io.stdout.write(`${JSON.stringify({ formatVersion: JSON_FORMAT_VERSION, command, ok, ...body }, null, 2)}\n`);
}
/**
 * The one place an error reaches the user: a line, never a stack trace (and the envelope under
 * --format json). Usage errors exit 2, or 1 under --detailed-exitcode, where 2 means "changes".
 */
function reportError(io, error, context) {
    const message = (0,errors/* errorMessage */.gJ)(error);
    io.stderr.write(`rocketmq-rollout: ${(0,spec_findings/* printable */.g$)(message)}\n`);
    if (error instanceof UsageError) {
        const cmd = error.command ?? context.command;
        io.stderr.write(cmd && cmd !== 'help' && cmd !== 'version'
            ? `Run 'rocketmq-rollout help ${cmd}' for its options.\n`
            : `Run 'rocketmq-rollout help' for the commands.\n`);
    }
    const usage = (0,errors/* isRolloutError */.IV)(error) && (error.code === 'usage' || error.code === 'unreadable');
    // A host that could not be reached (or any error naming its host) says which, for machines too.
    const host = (0,errors/* isRolloutError */.IV)(error) ? error.host : undefined;
    if (context.json)
        writeJson(io, context.command ?? 'unknown', false, {
            error: message,
            usageError: usage,
            ...(host !== undefined
                ? { failure: { host, phase: ((0,errors/* isRolloutError */.IV)(error) && error.phase) || 'connect', message } }
                : {}),
        });
    if (context.detailed)
        return EXIT.failed;
    return usage ? EXIT.usage : EXIT.failed;
}
async function runCli(argv, io) {
    let parsed;
    try {
        parsed = parse(argv);
    }
    catch (error) {
        const json = argv.some((a, i) => a === '--format=json' || (a === '--format' && argv[i + 1] === 'json'));
        const command = error instanceof UsageError ? error.command : undefined;
        return reportError(io, error, {
            ...(command ? { command } : {}),
            json,
            detailed: command === 'plan' && argv.includes('--detailed-exitcode'),
        });
    }
    if ('version' in parsed) {
        if (parsed.format === 'json')
            writeJson(io, 'version', true, { version: package_namespaceObject.rE });
        else
            io.stdout.write(`rocketmq-rollout ${package_namespaceObject.rE}\n`);
        return EXIT.ok;
    }
    if ('help' in parsed) {
        io.stdout.write(parsed.help && parsed.help !== 'help' ? commandUsage(parsed.help) : usage());
        return EXIT.ok;
    }
    if (parsed.command === 'plan' || parsed.command === 'deploy' || parsed.command === 'rollback')
        return remoteCommand(parsed, io);
    const json = parsed.values.format === 'json';
    try {
        const v = parsed.values;
        const r = await checkSpec(parsed.spec, parsed.command === 'render'
            ? { out: v.out ?? 'rendered', ...(v.revision ? { revision: v.revision } : {}) }
            : {});
        const result = r.validation;
        if (!r.cluster || r.manifest === undefined) {
            if (json)
                writeJson(io, parsed.command, !!result.spec, { ...result, spec: undefined });
            else
                printFindings(io, result);
            return result.spec ? EXIT.ok : EXIT.failed;
        }
        const { cluster, manifest, revision } = r;
        const containers = containerCount(cluster);
        if (json) {
            writeJson(io, 'render', true, { manifest, containers, revision, findings: result.findings });
        }
        else {
            printFindings(io, result);
            io.stdout.write(`rendered ${containers} containers on ${cluster.hosts.length} hosts to ${manifest}\n`);
        }
        return EXIT.ok;
    }
    catch (error) {
        return reportError(io, error, { command: parsed.command, json });
    }
}
async function readSecretFile(path, what) {
    return path ? (0,files/* readNamedFile */.wh)(path, what) : undefined;
}
async function printRemoteResult(io, parsed, r) {
    const { drainPlanLine, formatLeftovers, formatPlanText, formatResultText, planJson } = await __webpack_require__.e(/* import() */ 11).then(__webpack_require__.bind(__webpack_require__, 2011));
    if (parsed.values.format === 'json') {
        writeJson(io, parsed.command, !r.error && (r.result?.ok ?? true), {
            error: r.error,
            findings: r.validation.findings,
            plan: r.plan ? planJson(r.plan) : undefined,
            drain: r.drain,
            interrupted: r.interrupted,
            changes: r.plan ? planHasChanges(r.plan) : undefined,
            steps: r.result?.steps,
            hostTimings: r.result?.hostTimings,
            // container: the same as name, under the word the reports use.
            failure: r.result?.failure && { ...r.result.failure, container: r.result.failure.name },
            // Every failed step (several when steps ran in parallel), the first one first.
            failures: r.result?.failures?.map((f) => ({ ...f, container: f.name })),
            noop: r.result?.noop,
            clusterStatus: r.clusterStatus,
        });
        return;
    }
    for (const f of r.validation.findings)
        if (f.severity !== 'notice')
            io.stdout.write(`${(0,spec_findings/* formatFinding */.tf)(f)}\n`);
    if (r.plan)
        io.stdout.write(formatPlanText(r.plan) + (r.drain ? drainPlanLine(r.drain) : ''));
    if (r.interrupted?.length)
        io.stdout.write(formatLeftovers(r.interrupted));
    if (r.result)
        io.stdout.write(formatResultText(r.result));
    for (const ns of r.clusterStatus ?? []) {
        const brokers = ns.brokers.map((b) => `${b.name}/${b.id}@${b.addr}`).join(', ');
        io.stdout.write(`${(0,spec_findings/* printable */.g$)(`name server ${ns.nameServer}: ${ns.error ? `unreachable (${ns.error})` : brokers || 'no brokers'}`)}\n`);
    }
    if (r.error)
        io.stdout.write(`error: ${(0,spec_findings/* printable */.g$)(r.error)}\n`);
}
/** The SSH settings of the command line: a key, else what plain ssh would use. */
async function cliConnection(parsed) {
    const { readUserSshConfig } = await Promise.all(/* import() */[__webpack_require__.e(699), __webpack_require__.e(187)]).then(__webpack_require__.bind(__webpack_require__, 187));
    const v = parsed.values;
    const privateKey = (await readSecretFile(v.key, 'SSH key')) ?? process.env.ROCKETMQ_ROLLOUT_SSH_KEY;
    // Without a key: what plain ssh would use, the agent and the user's ~/.ssh/config.
    const agent = privateKey ? undefined : process.env.SSH_AUTH_SOCK || undefined;
    const sshConfig = privateKey ? undefined : await readUserSshConfig();
    if (!privateKey && !agent && !/^\s*IdentityFile\b/im.test(sshConfig ?? '')) {
        throw new UsageError(`${parsed.command} needs --key <file>, ROCKETMQ_ROLLOUT_SSH_KEY, an ssh-agent (SSH_AUTH_SOCK) or an IdentityFile in ~/.ssh/config`, parsed.command);
    }
    const knownHosts = await readSecretFile(v.knownHosts, 'known_hosts file');
    if (!knownHosts && !v.insecure) {
        throw new UsageError(`${parsed.command} needs --known-hosts <file> (or --insecure-skip-host-key-check, not for production)`);
    }
    const passphrase = process.env.ROCKETMQ_ROLLOUT_SSH_PASSPHRASE;
    return {
        ...(privateKey ? { privateKey } : {}),
        ...(agent ? { agent } : {}),
        ...(sshConfig !== undefined ? { sshConfig } : {}),
        insecureSkipHostKeyCheck: v.insecure,
        ...(knownHosts ? { knownHosts } : {}),
        ...(passphrase ? { passphrase } : {}),
        ...(v.user ? { user: v.user } : {}),
        ...(v.jumpHost ? { jumpHost: v.jumpHost } : {}),
    };
}
/** plan, deploy, rollback: SIGINT/SIGTERM finish or undo the current container, then release the lock. */
async function remoteCommand(parsed, io) {
    const [{ TerminalReporter }, { runRemote }, { hostname }] = await Promise.all([
        __webpack_require__.e(/* import() */ 496).then(__webpack_require__.bind(__webpack_require__, 7496)),
        __webpack_require__.e(/* import() */ 322).then(__webpack_require__.bind(__webpack_require__, 6322)),
        Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 8161, 23)),
    ]);
    const reporter = new TerminalReporter(io.stderr, parsed.values.verbose);
    const v = parsed.values;
    try {
        const connection = await cliConnection(parsed);
        const r = await runRemote({
            command: parsed.command,
            specPath: parsed.spec,
            specRequired: true,
            ...(v.revision ? { revision: v.revision } : {}),
            ...(v.plan !== undefined ? { planFile: v.plan } : {}),
            ...(v.out ? { planOut: v.out } : {}),
        }, {
            connection,
            gateTimeoutMs: v.gateTimeout * 1000,
            ...(v.drainSeconds !== undefined ? { drainSeconds: v.drainSeconds } : {}),
            ...(v.parallel !== undefined ? { parallel: v.parallel } : {}),
            ...(v.gatesVia ? { gatesVia: v.gatesVia } : {}),
            breakLock: v.breakLock,
            dryRun: v.dryRun,
            owner: { owner: `${process.env.USER ?? 'someone'}@${hostname()} (cli)` },
            ...(v.onlyHosts ? { onlyHosts: v.onlyHosts } : {}),
            ...(v.to ? { rollbackTo: v.to } : {}),
        }, reporter);
        await printRemoteResult(io, parsed, r);
        if (r.error || (r.result && !r.result.ok))
            return EXIT.failed;
        // Like terraform plan -detailed-exitcode: a scheduled job fails on drift without parsing output.
        if (v.detailedExitcode && r.plan && planHasChanges(r.plan))
            return EXIT.changes;
        return EXIT.ok;
    }
    catch (error) {
        return reportError(io, error, {
            command: parsed.command,
            json: v.format === 'json',
            detailed: v.detailedExitcode,
        });
    }
}


/***/ }),

/***/ 2729:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LW: () => (/* binding */ readSavedPlan),
/* harmony export */   MB: () => (/* binding */ readSpecFile),
/* harmony export */   mM: () => (/* binding */ writeSavedPlan),
/* harmony export */   wh: () => (/* binding */ readNamedFile)
/* harmony export */ });
/* unused harmony export UnreadableFileError */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);



/** A file named on the command line (or in an input) that cannot be read: a usage error. */
class UnreadableFileError extends _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .RolloutError */ .a6 {
    path;
    constructor(what, path, error) {
        const reason = error?.code === 'ENOENT' ? ': no such file' : '';
        super('unreadable', `cannot read ${what} '${path}'${reason}`, { cause: error });
        this.path = path;
    }
}
async function readNamedFile(path, what) {
    try {
        return await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)(path, 'utf8');
    }
    catch (error) {
        throw new UnreadableFileError(what, path, error);
    }
}
const readSpecFile = (path) => readNamedFile(path, 'spec');
/**
 * deploy --plan / plan-file: the approved plan; a spec named with it must be the one it was made
 * from. `spec.required`: the CLI names it on purpose; the action's default spec may not exist.
 */
async function readSavedPlan(file, spec, reporter) {
    const text = await readNamedFile(file, 'plan');
    const { parseSavedPlan } = await __webpack_require__.e(/* import() */ 435).then(__webpack_require__.bind(__webpack_require__, 435));
    const saved = parseSavedPlan(text, file);
    if (spec) {
        const given = spec.required
            ? await readSpecFile(spec.path)
            : await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)(spec.path, 'utf8').catch(() => undefined);
        if (given !== undefined && (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(given).digest('hex') !== saved.specSha256) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .RolloutError */ .a6('plan-mismatch', `${spec.path} is not the spec ${file} was made from (${saved.specPath} at revision ${saved.revision})`);
        }
    }
    reporter.log('info', `deploying the plan ${file} (fingerprint ${saved.fingerprint.slice(0, 12)}, made ${saved.createdAt} from ${saved.specPath} at revision ${saved.revision})`, { code: 'plan.load' });
    return saved;
}
/** plan --out / plan-out: the plan as a file to review and hand to deploy --plan. */
async function writeSavedPlan(file, saved, reporter) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.writeFile)(file, `${JSON.stringify(saved, null, 2)}\n`);
    reporter.log('info', `plan written to ${file} (fingerprint ${saved.fingerprint.slice(0, 12)}): run it with deploy --plan ${file}`, { code: 'plan.saved' });
}


/***/ }),

/***/ 3916:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IV: () => (/* binding */ isRolloutError),
/* harmony export */   a6: () => (/* binding */ RolloutError),
/* harmony export */   gJ: () => (/* binding */ errorMessage)
/* harmony export */ });
class RolloutError extends Error {
    code;
    host;
    container;
    phase;
    constructor(code, message, place = {}) {
        super(message, place.cause === undefined ? undefined : { cause: place.cause });
        this.code = code;
        this.name = new.target.name;
        if (place.host !== undefined)
            this.host = place.host;
        if (place.container !== undefined)
            this.container = place.container;
        if (place.phase !== undefined)
            this.phase = place.phase;
    }
}
function isRolloutError(error) {
    return error instanceof RolloutError;
}
/** The message of anything thrown: an Error's own, anything else as text. */
function errorMessage(error) {
    return error instanceof Error ? error.message : String(error);
}


/***/ }),

/***/ 1659:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Zy: () => (/* binding */ compareVersions),
  I_: () => (/* binding */ imageTag),
  PD: () => (/* binding */ keyReadBy),
  Z3: () => (/* binding */ keyTableFor),
  jz: () => (/* binding */ legacyKey),
  ot: () => (/* binding */ parseVersion),
  V8: () => (/* binding */ releasesReading),
  Ko: () => (/* binding */ rocketmqVersionOf)
});

;// CONCATENATED MODULE: ./src/spec/broker-keys.generated.ts
// Generated by scripts/gen-broker-keys.ts from the broker.conf key tables. Do not edit by hand.
/** Every broker.conf key RocketMQ 4.8.0 reads (broker-keys.tsv). */
const BROKER_KEYS_4_8_0 = [
    ['accessMessageInMemoryMaxRatio', 'int', '40', 'MessageStoreConfig'],
    ['aclEnable', 'boolean', 'false', 'BrokerConfig'],
    ['adminBrokerThreadPoolNums', 'int', '16', 'BrokerConfig'],
    ['autoCreateSubscriptionGroup', 'boolean', 'true', 'BrokerConfig'],
    ['autoCreateTopicEnable', 'boolean', 'true', 'BrokerConfig'],
    ['autoDeleteUnusedStats', 'boolean', 'false', 'BrokerConfig'],
    ['bitMapLengthConsumeQueueExt', 'int', '64', 'MessageStoreConfig'],
    ['brokerClusterName', 'String', 'DefaultCluster', 'BrokerConfig'],
    ['brokerFastFailureEnable', 'boolean', 'true', 'BrokerConfig'],
    [
        'brokerIP1',
        'String',
        'local IPv4: first non-loopback not starting 127.0/192.168, else last IPv4 found (RemotingUtil.getLocalAddress)',
        'BrokerConfig',
    ],
    [
        'brokerIP2',
        'String',
        'local IPv4: first non-loopback not starting 127.0/192.168, else last IPv4 found (RemotingUtil.getLocalAddress)',
        'BrokerConfig',
    ],
    [
        'brokerId',
        'long',
        '0 (forced to 0 for ASYNC_MASTER/SYNC_MASTER; SLAVE must be >0 or exit(-3); -1 if enableDLegerCommitLog)',
        'BrokerConfig',
    ],
    [
        'brokerName',
        'String',
        '<hostname> (InetAddress.getLocalHost().getHostName(); "DEFAULT_BROKER" on failure)',
        'BrokerConfig',
    ],
    ['brokerPermission', 'int', '6', 'BrokerConfig'],
    ['brokerRole', 'enum BrokerRole (String, Enum.valueOf)', 'ASYNC_MASTER', 'MessageStoreConfig'],
    ['brokerTopicEnable', 'boolean', 'true', 'BrokerConfig'],
    ['channelNotActiveInterval', 'long', '60000', 'NettyClientConfig'],
    ['checkCRCOnRecover', 'boolean', 'true', 'MessageStoreConfig'],
    ['cleanFileForciblyEnable', 'boolean', 'true', 'MessageStoreConfig'],
    ['cleanResourceInterval', 'int', '10000', 'MessageStoreConfig'],
    ['clientAsyncSemaphoreValue', 'int', '65535', 'NettyClientConfig'],
    ['clientCallbackExecutorThreads', 'int', 'NPROC', 'NettyClientConfig'],
    ['clientChannelMaxIdleTimeSeconds', 'int', '120', 'NettyClientConfig'],
    ['clientCloseSocketIfTimeout', 'boolean', 'false', 'NettyClientConfig'],
    ['clientManageThreadPoolNums', 'int', '32', 'BrokerConfig'],
    ['clientManagerThreadPoolQueueCapacity', 'int', '1000000', 'BrokerConfig'],
    ['clientOnewaySemaphoreValue', 'int', '65535', 'NettyClientConfig'],
    ['clientPooledByteBufAllocatorEnable', 'boolean', 'false', 'NettyClientConfig'],
    [
        'clientSocketRcvBufSize',
        'int',
        '131072 (BrokerStartup sets NettySystemConfig.socketRcvbufSize=131072 unless -Dcom.rocketmq.remoting.socket.rcvbuf.size)',
        'NettyClientConfig',
    ],
    [
        'clientSocketSndBufSize',
        'int',
        '131072 (BrokerStartup sets NettySystemConfig.socketSndbufSize=131072 unless -Dcom.rocketmq.remoting.socket.sndbuf.size)',
        'NettyClientConfig',
    ],
    ['clientWorkerThreads', 'int', '4', 'NettyClientConfig'],
    ['clusterTopicEnable', 'boolean', 'true', 'BrokerConfig'],
    ['commercialBaseCount', 'int', '1', 'BrokerConfig'],
    ['commercialBigCount', 'int', '1', 'BrokerConfig'],
    ['commercialEnable', 'boolean', 'true', 'BrokerConfig'],
    ['commercialTimerCount', 'int', '1', 'BrokerConfig'],
    ['commercialTransCount', 'int', '1', 'BrokerConfig'],
    ['commitCommitLogLeastPages', 'int', '4', 'MessageStoreConfig'],
    ['commitCommitLogThoroughInterval', 'int', '200', 'MessageStoreConfig'],
    ['commitIntervalCommitLog', 'int', '200', 'MessageStoreConfig'],
    ['compressedRegister', 'boolean', 'false', 'BrokerConfig'],
    ['connectTimeoutMillis', 'int', '3000', 'NettyClientConfig'],
    ['consumerFallbehindThreshold', 'long', '17179869184', 'BrokerConfig'],
    ['consumerManageThreadPoolNums', 'int', '32', 'BrokerConfig'],
    ['consumerManagerThreadPoolQueueCapacity', 'int', '1000000', 'BrokerConfig'],
    ['dLegerGroup', 'String', 'null', 'MessageStoreConfig'],
    ['dLegerPeers', 'String', 'null', 'MessageStoreConfig'],
    ['dLegerSelfId', 'String', 'null', 'MessageStoreConfig'],
    ['debugLockEnable', 'boolean', 'false', 'MessageStoreConfig'],
    ['defaultQueryMaxNum', 'int', '32', 'MessageStoreConfig'],
    ['defaultTopicQueueNums', 'int', '8', 'BrokerConfig'],
    ['deleteCommitLogFilesInterval', 'int', '100', 'MessageStoreConfig'],
    ['deleteConsumeQueueFilesInterval', 'int', '100', 'MessageStoreConfig'],
    ['deleteWhen', 'String', '04', 'MessageStoreConfig'],
    ['destroyMapedFileIntervalForcibly', 'int', '120000', 'MessageStoreConfig'],
    ['disableConsumeIfConsumerReadSlowly', 'boolean', 'false', 'BrokerConfig'],
    ['diskFallRecorded', 'boolean', 'true', 'MessageStoreConfig'],
    ['diskMaxUsedSpaceRatio', 'int', '75', 'MessageStoreConfig'],
    ['duplicationEnable', 'boolean', 'false', 'MessageStoreConfig'],
    ['enableBatchPush', 'boolean', 'false', 'MessageStoreConfig'],
    ['enableCalcFilterBitMap', 'boolean', 'false', 'BrokerConfig'],
    ['enableConsumeQueueExt', 'boolean', 'false', 'MessageStoreConfig'],
    ['enableDLegerCommitLog', 'boolean', 'false', 'MessageStoreConfig'],
    ['enablePropertyFilter', 'boolean', 'false', 'BrokerConfig'],
    ['endTransactionPoolQueueCapacity', 'int', '100000', 'BrokerConfig'],
    ['endTransactionThreadPoolNums', 'int', '8+NPROC*2', 'BrokerConfig'],
    ['expectConsumerNumUseFilter', 'int', '32', 'BrokerConfig'],
    ['fastFailIfNoBufferInStorePool', 'boolean', 'false', 'MessageStoreConfig'],
    ['fetchNamesrvAddrByAddressServer', 'boolean', 'false', 'BrokerConfig'],
    ['fileReservedTime', 'int', '72', 'MessageStoreConfig'],
    ['filterDataCleanTimeSpan', 'long', '86400000', 'BrokerConfig'],
    ['filterServerNums', 'int', '0', 'BrokerConfig'],
    ['filterSupportRetry', 'boolean', 'false', 'BrokerConfig'],
    ['flushCommitLogLeastPages', 'int', '4', 'MessageStoreConfig'],
    ['flushCommitLogThoroughInterval', 'int', '10000', 'MessageStoreConfig'],
    ['flushCommitLogTimed', 'boolean', 'false', 'MessageStoreConfig'],
    ['flushConsumeQueueLeastPages', 'int', '2', 'MessageStoreConfig'],
    ['flushConsumeQueueThoroughInterval', 'int', '60000', 'MessageStoreConfig'],
    ['flushConsumerOffsetHistoryInterval', 'int', '60000', 'BrokerConfig'],
    ['flushConsumerOffsetInterval', 'int', '5000', 'BrokerConfig'],
    ['flushDelayOffsetInterval', 'long', '10000', 'MessageStoreConfig'],
    ['flushDiskType', 'enum FlushDiskType (String, Enum.valueOf)', 'ASYNC_FLUSH', 'MessageStoreConfig'],
    ['flushIntervalCommitLog', 'int', '500', 'MessageStoreConfig'],
    ['flushIntervalConsumeQueue', 'int', '1000', 'MessageStoreConfig'],
    ['flushLeastPagesWhenWarmMapedFile', 'int', '4096', 'MessageStoreConfig'],
    ['forceRegister', 'boolean', 'true', 'BrokerConfig'],
    ['haHousekeepingInterval', 'int', '20000', 'MessageStoreConfig'],
    [
        'haListenPort',
        'int',
        'listenPort+1 (ALWAYS overwritten by BrokerStartup in <=5.1.0; value in broker.conf is ignored)',
        'MessageStoreConfig',
    ],
    ['haMasterAddress', 'String', 'null', 'MessageStoreConfig'],
    ['haSendHeartbeatInterval', 'int', '5000', 'MessageStoreConfig'],
    ['haSlaveFallbehindMax', 'int', '268435456', 'MessageStoreConfig'],
    ['haTransferBatchSize', 'int', '32768', 'MessageStoreConfig'],
    ['heartbeatThreadPoolNums', 'int', 'Math.min(32,NPROC)', 'BrokerConfig'],
    ['heartbeatThreadPoolQueueCapacity', 'int', '50000', 'BrokerConfig'],
    ['highSpeedMode', 'boolean', 'false', 'BrokerConfig'],
    [
        'listenPort',
        'int',
        '10911 (class default 8888/0; BrokerStartup.setListenPort(10911) before reading the file)',
        'NettyServerConfig',
    ],
    ['longPollingEnable', 'boolean', 'true', 'BrokerConfig'],
    ['mappedFileSizeCommitLog', 'int', '1073741824', 'MessageStoreConfig'],
    ['mappedFileSizeConsumeQueue', 'int', '6000000', 'MessageStoreConfig'],
    ['mappedFileSizeConsumeQueueExt', 'int', '50331648', 'MessageStoreConfig'],
    ['maxDelayTime', 'int', '40', 'BrokerConfig'],
    ['maxErrorRateOfBloomFilter', 'int', '20', 'BrokerConfig'],
    ['maxHashSlotNum', 'int', '5000000', 'MessageStoreConfig'],
    ['maxIndexNum', 'int', '20000000', 'MessageStoreConfig'],
    ['maxMessageSize', 'int', '4194304', 'MessageStoreConfig'],
    ['maxMsgsNumBatch', 'int', '64', 'MessageStoreConfig'],
    ['maxTransferBytesOnMessageInDisk', 'int', '65536', 'MessageStoreConfig'],
    ['maxTransferBytesOnMessageInMemory', 'int', '262144', 'MessageStoreConfig'],
    ['maxTransferCountOnMessageInDisk', 'int', '8', 'MessageStoreConfig'],
    ['maxTransferCountOnMessageInMemory', 'int', '32', 'MessageStoreConfig'],
    [
        'messageDelayLevel',
        'String',
        '1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h',
        'MessageStoreConfig',
    ],
    ['messageIndexEnable', 'boolean', 'true', 'MessageStoreConfig'],
    ['messageIndexSafe', 'boolean', 'false', 'MessageStoreConfig'],
    ['messageStorePlugIn', 'String', '', 'BrokerConfig'],
    ['msgTraceTopicName', 'String', 'RMQ_SYS_TRACE_TOPIC', 'BrokerConfig'],
    ['namesrvAddr', 'String', '${NAMESRV_ADDR} (or JVM -Drocketmq.namesrv.addr); else null', 'BrokerConfig'],
    ['notifyConsumerIdsChangedEnable', 'boolean', 'true', 'BrokerConfig'],
    ['offsetCheckInSlave', 'boolean', 'false', 'MessageStoreConfig'],
    ['osPageCacheBusyTimeOutMills', 'long', '1000', 'MessageStoreConfig'],
    ['preferredLeaderId', 'String', 'null', 'MessageStoreConfig'],
    ['processReplyMessageThreadPoolNums', 'int', '16+NPROC*2', 'BrokerConfig'],
    ['pullMessageThreadPoolNums', 'int', '16+NPROC*2', 'BrokerConfig'],
    ['pullThreadPoolQueueCapacity', 'int', '100000', 'BrokerConfig'],
    ['putMsgIndexHightWater', 'int', '600000', 'MessageStoreConfig'],
    ['queryMessageThreadPoolNums', 'int', '8+NPROC', 'BrokerConfig'],
    ['queryThreadPoolQueueCapacity', 'int', '20000', 'BrokerConfig'],
    ['redeleteHangedFileInterval', 'int', '120000', 'MessageStoreConfig'],
    ['regionId', 'String', 'DefaultRegion', 'BrokerConfig'],
    ['registerBrokerTimeoutMills', 'int', '6000', 'BrokerConfig'],
    ['registerNameServerPeriod', 'int', '30000', 'BrokerConfig'],
    ['rejectTransactionMessage', 'boolean', 'false', 'BrokerConfig'],
    ['replyThreadPoolQueueCapacity', 'int', '10000', 'BrokerConfig'],
    [
        'rmqAddressServerDomain',
        'String',
        'jmenv.tbsite.net (-> System property rocketmq.namesrv.domain)',
        'BrokerStartup.properties2SystemEnv',
    ],
    [
        'rmqAddressServerSubGroup',
        'String',
        'nsaddr (-> System property rocketmq.namesrv.domain.subgroup)',
        'BrokerStartup.properties2SystemEnv',
    ],
    [
        'rocketmqHome',
        'String',
        '${ROCKETMQ_HOME} (or JVM -Drocketmq.home.dir); REQUIRED, broker exits(-2) if null',
        'BrokerConfig',
    ],
    ['sendMessageThreadPoolNums', 'int', '1', 'BrokerConfig'],
    ['sendThreadPoolQueueCapacity', 'int', '10000', 'BrokerConfig'],
    ['serverAsyncSemaphoreValue', 'int', '64', 'NettyServerConfig'],
    ['serverCallbackExecutorThreads', 'int', '0', 'NettyServerConfig'],
    ['serverChannelMaxIdleTimeSeconds', 'int', '120', 'NettyServerConfig'],
    ['serverOnewaySemaphoreValue', 'int', '256', 'NettyServerConfig'],
    ['serverPooledByteBufAllocatorEnable', 'boolean', 'true', 'NettyServerConfig'],
    ['serverSelectorThreads', 'int', '3', 'NettyServerConfig'],
    [
        'serverSocketRcvBufSize',
        'int',
        '131072 (BrokerStartup sets NettySystemConfig.socketRcvbufSize=131072 unless -Dcom.rocketmq.remoting.socket.rcvbuf.size)',
        'NettyServerConfig',
    ],
    [
        'serverSocketSndBufSize',
        'int',
        '131072 (BrokerStartup sets NettySystemConfig.socketSndbufSize=131072 unless -Dcom.rocketmq.remoting.socket.sndbuf.size)',
        'NettyServerConfig',
    ],
    ['serverWorkerThreads', 'int', '8', 'NettyServerConfig'],
    ['shortPollingTimeMills', 'long', '1000', 'BrokerConfig'],
    ['slaveReadEnable', 'boolean', 'false', 'BrokerConfig'],
    ['startAcceptSendRequestTimeStamp', 'long', '0', 'BrokerConfig'],
    ['storePathCommitLog', 'String', '${user.home}/store/commitlog', 'MessageStoreConfig'],
    ['storePathRootDir', 'String', '${user.home}/store', 'MessageStoreConfig'],
    ['storeReplyMessageEnable', 'boolean', 'true', 'BrokerConfig'],
    ['syncFlushTimeout', 'int', '5000', 'MessageStoreConfig'],
    ['traceOn', 'boolean', 'true', 'BrokerConfig'],
    ['traceTopicEnable', 'boolean', 'false', 'BrokerConfig'],
    ['transactionCheckInterval', 'long', '60000', 'BrokerConfig'],
    ['transactionCheckMax', 'int', '15', 'BrokerConfig'],
    ['transactionTimeOut', 'long', '6000', 'BrokerConfig'],
    ['transferMsgByHeap', 'boolean', 'true', 'BrokerConfig'],
    ['transientStorePoolEnable', 'boolean', 'false', 'MessageStoreConfig'],
    ['transientStorePoolSize', 'int', '5', 'MessageStoreConfig'],
    ['useEpollNativeSelector', 'boolean', 'false', 'NettyServerConfig'],
    ['useReentrantLockWhenPutMessage', 'boolean', 'false', 'MessageStoreConfig'],
    [
        'useTLS',
        'boolean',
        'false (BrokerStartup: Boolean.parseBoolean(-Dtls.enable, tlsMode==ENFORCING))',
        'NettyClientConfig',
    ],
    ['waitTimeMillsInHeartbeatQueue', 'long', '31000', 'BrokerConfig'],
    ['waitTimeMillsInPullQueue', 'long', '5000', 'BrokerConfig'],
    ['waitTimeMillsInSendQueue', 'long', '200', 'BrokerConfig'],
    ['waitTimeMillsInTransactionQueue', 'long', '3000', 'BrokerConfig'],
    ['warmMapedFileEnable', 'boolean', 'false', 'MessageStoreConfig'],
];
/** Every broker.conf key RocketMQ 4.9.8 reads (broker-keys-4.9.8.tsv). */
const BROKER_KEYS_4_9_8 = [
    ['accessMessageInMemoryMaxRatio', 'int', '40', 'MessageStoreConfig'],
    ['aclEnable', 'boolean', 'false', 'BrokerConfig'],
    ['adminBrokerThreadPoolNums', 'int', '16', 'BrokerConfig'],
    ['autoCreateSubscriptionGroup', 'boolean', 'true', 'BrokerConfig'],
    ['autoCreateTopicEnable', 'boolean', 'true', 'BrokerConfig'],
    ['autoDeleteUnusedStats', 'boolean', 'false', 'BrokerConfig'],
    ['bitMapLengthConsumeQueueExt', 'int', '64', 'MessageStoreConfig'],
    ['brokerClusterName', 'String', 'DefaultCluster', 'BrokerConfig'],
    ['brokerFastFailureEnable', 'boolean', 'true', 'BrokerConfig'],
    [
        'brokerIP1',
        'String',
        'local IPv4: first non-loopback not starting 127.0/192.168, else last IPv4 found (RemotingUtil.getLocalAddress)',
        'BrokerConfig',
    ],
    [
        'brokerIP2',
        'String',
        'local IPv4: first non-loopback not starting 127.0/192.168, else last IPv4 found (RemotingUtil.getLocalAddress)',
        'BrokerConfig',
    ],
    [
        'brokerId',
        'long',
        '0 (forced to 0 for ASYNC_MASTER/SYNC_MASTER; SLAVE must be >0 or exit(-3); -1 if enableDLegerCommitLog)',
        'BrokerConfig',
    ],
    [
        'brokerName',
        'String',
        '<hostname> (InetAddress.getLocalHost().getHostName(); "DEFAULT_BROKER" on failure)',
        'BrokerConfig',
    ],
    ['brokerPermission', 'int', '6', 'BrokerConfig'],
    ['brokerRole', 'enum BrokerRole (String, Enum.valueOf)', 'ASYNC_MASTER', 'MessageStoreConfig'],
    ['brokerTopicEnable', 'boolean', 'true', 'BrokerConfig'],
    ['channelNotActiveInterval', 'long', '60000', 'NettyClientConfig'],
    ['checkCRCOnRecover', 'boolean', 'true', 'MessageStoreConfig'],
    ['cleanFileForciblyEnable', 'boolean', 'true', 'MessageStoreConfig'],
    ['cleanResourceInterval', 'int', '10000', 'MessageStoreConfig'],
    ['clientAsyncSemaphoreValue', 'int', '65535', 'NettyClientConfig'],
    ['clientCallbackExecutorThreads', 'int', 'NPROC', 'NettyClientConfig'],
    [
        'clientChannelMaxIdleTimeSeconds',
        'int',
        '120 (JVM -Dcom.rocketmq.remoting.client.channel.maxIdleTimeSeconds)',
        'NettyClientConfig',
    ],
    [
        'clientCloseSocketIfTimeout',
        'boolean',
        'true (JVM -Dcom.rocketmq.remoting.client.closeSocketIfTimeout)',
        'NettyClientConfig',
    ],
    ['clientManageThreadPoolNums', 'int', '32', 'BrokerConfig'],
    ['clientManagerThreadPoolQueueCapacity', 'int', '1000000', 'BrokerConfig'],
    ['clientOnewaySemaphoreValue', 'int', '65535', 'NettyClientConfig'],
    ['clientPooledByteBufAllocatorEnable', 'boolean', 'false', 'NettyClientConfig'],
    [
        'clientSocketRcvBufSize',
        'int',
        '0 (JVM -Dcom.rocketmq.remoting.socket.rcvbuf.size)',
        'NettyClientConfig',
    ],
    [
        'clientSocketSndBufSize',
        'int',
        '0 (JVM -Dcom.rocketmq.remoting.socket.sndbuf.size)',
        'NettyClientConfig',
    ],
    ['clientWorkerThreads', 'int', '4 (JVM -Dcom.rocketmq.remoting.client.worker.size)', 'NettyClientConfig'],
    ['clusterTopicEnable', 'boolean', 'true', 'BrokerConfig'],
    ['commercialBaseCount', 'int', '1', 'BrokerConfig'],
    ['commercialBigCount', 'int', '1', 'BrokerConfig'],
    ['commercialEnable', 'boolean', 'true', 'BrokerConfig'],
    ['commercialTimerCount', 'int', '1', 'BrokerConfig'],
    ['commercialTransCount', 'int', '1', 'BrokerConfig'],
    ['commitCommitLogLeastPages', 'int', '4', 'MessageStoreConfig'],
    ['commitCommitLogThoroughInterval', 'int', '200', 'MessageStoreConfig'],
    ['commitIntervalCommitLog', 'int', '200', 'MessageStoreConfig'],
    ['compressedRegister', 'boolean', 'false', 'BrokerConfig'],
    ['configBlackList', 'String', 'configBlackList;brokerConfigPath', 'BrokerConfig'],
    [
        'connectTimeoutMillis',
        'int',
        '3000 (JVM -Dcom.rocketmq.remoting.client.connect.timeout)',
        'NettyClientConfig',
    ],
    ['consumerFallbehindThreshold', 'long', '17179869184', 'BrokerConfig'],
    ['consumerManageThreadPoolNums', 'int', '32', 'BrokerConfig'],
    ['consumerManagerThreadPoolQueueCapacity', 'int', '1000000', 'BrokerConfig'],
    ['dLegerGroup', 'String', 'null', 'MessageStoreConfig'],
    ['dLegerPeers', 'String', 'null', 'MessageStoreConfig'],
    ['dLegerSelfId', 'String', 'null', 'MessageStoreConfig'],
    ['debugLockEnable', 'boolean', 'false', 'MessageStoreConfig'],
    ['defaultQueryMaxNum', 'int', '32', 'MessageStoreConfig'],
    ['defaultTopicQueueNums', 'int', '8', 'BrokerConfig'],
    ['deleteCommitLogFilesInterval', 'int', '100', 'MessageStoreConfig'],
    ['deleteConsumeQueueFilesInterval', 'int', '100', 'MessageStoreConfig'],
    ['deleteWhen', 'String', '04', 'MessageStoreConfig'],
    ['destroyMapedFileIntervalForcibly', 'int', '120000', 'MessageStoreConfig'],
    ['disableConsumeIfConsumerReadSlowly', 'boolean', 'false', 'BrokerConfig'],
    ['diskFallRecorded', 'boolean', 'true', 'MessageStoreConfig'],
    ['diskMaxUsedSpaceRatio', 'int', '75', 'MessageStoreConfig'],
    ['duplicationEnable', 'boolean', 'false', 'MessageStoreConfig'],
    ['enableBatchPush', 'boolean', 'false', 'MessageStoreConfig'],
    ['enableCalcFilterBitMap', 'boolean', 'false', 'BrokerConfig'],
    ['enableConsumeQueueExt', 'boolean', 'false', 'MessageStoreConfig'],
    ['enableDLegerCommitLog', 'boolean', 'false', 'MessageStoreConfig'],
    ['enableDetailStat', 'boolean', 'true', 'BrokerConfig'],
    ['enableLmq', 'boolean', 'false', 'MessageStoreConfig'],
    ['enableMultiDispatch', 'boolean', 'false', 'MessageStoreConfig'],
    ['enablePropertyFilter', 'boolean', 'false', 'BrokerConfig'],
    ['enableScheduleAsyncDeliver', 'boolean', 'false', 'MessageStoreConfig'],
    ['enableScheduleMessageStats', 'boolean', 'true', 'MessageStoreConfig'],
    ['endTransactionPoolQueueCapacity', 'int', '100000', 'BrokerConfig'],
    ['endTransactionThreadPoolNums', 'int', 'Math.max(8+NPROC*2,sendMessageThreadPoolNums*4)', 'BrokerConfig'],
    ['expectConsumerNumUseFilter', 'int', '32', 'BrokerConfig'],
    ['fastFailIfNoBufferInStorePool', 'boolean', 'false', 'MessageStoreConfig'],
    ['fetchNamesrvAddrByAddressServer', 'boolean', 'false', 'BrokerConfig'],
    ['fileReservedTime', 'int', '72', 'MessageStoreConfig'],
    ['filterDataCleanTimeSpan', 'long', '86400000', 'BrokerConfig'],
    ['filterServerNums', 'int', '0', 'BrokerConfig'],
    ['filterSupportRetry', 'boolean', 'false', 'BrokerConfig'],
    ['flushCommitLogLeastPages', 'int', '4', 'MessageStoreConfig'],
    ['flushCommitLogThoroughInterval', 'int', '10000', 'MessageStoreConfig'],
    ['flushCommitLogTimed', 'boolean', 'true', 'MessageStoreConfig'],
    ['flushConsumeQueueLeastPages', 'int', '2', 'MessageStoreConfig'],
    ['flushConsumeQueueThoroughInterval', 'int', '60000', 'MessageStoreConfig'],
    ['flushConsumerOffsetHistoryInterval', 'int', '60000', 'BrokerConfig'],
    ['flushConsumerOffsetInterval', 'int', '5000', 'BrokerConfig'],
    ['flushDelayOffsetInterval', 'long', '10000', 'MessageStoreConfig'],
    ['flushDiskType', 'enum FlushDiskType (String, Enum.valueOf)', 'ASYNC_FLUSH', 'MessageStoreConfig'],
    ['flushIntervalCommitLog', 'int', '500', 'MessageStoreConfig'],
    ['flushIntervalConsumeQueue', 'int', '1000', 'MessageStoreConfig'],
    ['flushLeastPagesWhenWarmMapedFile', 'int', '4096', 'MessageStoreConfig'],
    ['forceRegister', 'boolean', 'true', 'BrokerConfig'],
    ['haHousekeepingInterval', 'int', '20000', 'MessageStoreConfig'],
    [
        'haListenPort',
        'int',
        'listenPort+1 (ALWAYS overwritten by BrokerStartup in <=5.1.0; value in broker.conf is ignored)',
        'MessageStoreConfig',
    ],
    ['haMasterAddress', 'String', 'null', 'MessageStoreConfig'],
    ['haSendHeartbeatInterval', 'int', '5000', 'MessageStoreConfig'],
    ['haSlaveFallbehindMax', 'int', '268435456', 'MessageStoreConfig'],
    ['haTransferBatchSize', 'int', '32768', 'MessageStoreConfig'],
    ['heartbeatThreadPoolNums', 'int', 'Math.min(32,NPROC)', 'BrokerConfig'],
    ['heartbeatThreadPoolQueueCapacity', 'int', '50000', 'BrokerConfig'],
    ['highSpeedMode', 'boolean', 'false', 'BrokerConfig'],
    ['isolateLogEnable', 'boolean', 'false', 'BrokerConfig'],
    [
        'listenPort',
        'int',
        '10911 (class default 8888/0; BrokerStartup.setListenPort(10911) before reading the file)',
        'NettyServerConfig',
    ],
    ['longPollingEnable', 'boolean', 'true', 'BrokerConfig'],
    ['mappedFileSizeCommitLog', 'int', '1073741824', 'MessageStoreConfig'],
    ['mappedFileSizeConsumeQueue', 'int', '6000000', 'MessageStoreConfig'],
    ['mappedFileSizeConsumeQueueExt', 'int', '50331648', 'MessageStoreConfig'],
    ['maxDelayTime', 'int', '40', 'BrokerConfig'],
    ['maxErrorRateOfBloomFilter', 'int', '20', 'BrokerConfig'],
    ['maxHashSlotNum', 'int', '5000000', 'MessageStoreConfig'],
    ['maxIndexNum', 'int', '20000000', 'MessageStoreConfig'],
    ['maxLmqConsumeQueueNum', 'int', '20000', 'MessageStoreConfig'],
    ['maxMessageSize', 'int', '4194304', 'MessageStoreConfig'],
    ['maxMsgsNumBatch', 'int', '64', 'MessageStoreConfig'],
    ['maxTransferBytesOnMessageInDisk', 'int', '65536', 'MessageStoreConfig'],
    ['maxTransferBytesOnMessageInMemory', 'int', '262144', 'MessageStoreConfig'],
    ['maxTransferCountOnMessageInDisk', 'int', '8', 'MessageStoreConfig'],
    ['maxTransferCountOnMessageInMemory', 'int', '32', 'MessageStoreConfig'],
    [
        'messageDelayLevel',
        'String',
        '1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h',
        'MessageStoreConfig',
    ],
    ['messageIndexEnable', 'boolean', 'true', 'MessageStoreConfig'],
    ['messageIndexSafe', 'boolean', 'false', 'MessageStoreConfig'],
    ['messageStorePlugIn', 'String', '', 'BrokerConfig'],
    ['msgTraceTopicName', 'String', 'RMQ_SYS_TRACE_TOPIC', 'BrokerConfig'],
    ['namesrvAddr', 'String', '${NAMESRV_ADDR} (or JVM -Drocketmq.namesrv.addr); else null', 'BrokerConfig'],
    ['notifyConsumerIdsChangedEnable', 'boolean', 'true', 'BrokerConfig'],
    ['offsetCheckInSlave', 'boolean', 'false', 'MessageStoreConfig'],
    ['osPageCacheBusyTimeOutMills', 'long', '1000', 'MessageStoreConfig'],
    ['preferredLeaderId', 'String', 'null', 'MessageStoreConfig'],
    ['processReplyMessageThreadPoolNums', 'int', '16+NPROC*2', 'BrokerConfig'],
    ['pullMessageThreadPoolNums', 'int', '16+NPROC*2', 'BrokerConfig'],
    ['pullThreadPoolQueueCapacity', 'int', '100000', 'BrokerConfig'],
    ['putMessageFutureThreadPoolNums', 'int', 'Math.min(NPROC,4)', 'BrokerConfig'],
    ['putMsgIndexHightWater', 'int', '600000', 'MessageStoreConfig'],
    ['putThreadPoolQueueCapacity', 'int', '10000', 'BrokerConfig'],
    ['queryMessageThreadPoolNums', 'int', '8+NPROC', 'BrokerConfig'],
    ['queryThreadPoolQueueCapacity', 'int', '20000', 'BrokerConfig'],
    ['readOnlyCommitLogStorePaths', 'String', 'null', 'MessageStoreConfig'],
    ['redeleteHangedFileInterval', 'int', '120000', 'MessageStoreConfig'],
    ['regionId', 'String', 'DefaultRegion', 'BrokerConfig'],
    ['registerBrokerTimeoutMills', 'int', '6000', 'BrokerConfig'],
    ['registerNameServerPeriod', 'int', '30000', 'BrokerConfig'],
    ['rejectTransactionMessage', 'boolean', 'false', 'BrokerConfig'],
    ['replyThreadPoolQueueCapacity', 'int', '10000', 'BrokerConfig'],
    [
        'rmqAddressServerDomain',
        'String',
        'jmenv.tbsite.net (-> System property rocketmq.namesrv.domain)',
        'BrokerStartup.properties2SystemEnv',
    ],
    [
        'rmqAddressServerSubGroup',
        'String',
        'nsaddr (-> System property rocketmq.namesrv.domain.subgroup)',
        'BrokerStartup.properties2SystemEnv',
    ],
    [
        'rocketmqHome',
        'String',
        '${ROCKETMQ_HOME} (or JVM -Drocketmq.home.dir); REQUIRED, broker exits(-2) if null',
        'BrokerConfig',
    ],
    ['scheduleAsyncDeliverMaxPendingLimit', 'int', '2000', 'MessageStoreConfig'],
    ['scheduleAsyncDeliverMaxResendNum2Blocked', 'int', '3', 'MessageStoreConfig'],
    ['sendMessageThreadPoolNums', 'int', 'Math.min(NPROC,4)', 'BrokerConfig'],
    ['sendThreadPoolQueueCapacity', 'int', '10000', 'BrokerConfig'],
    ['serverAsyncSemaphoreValue', 'int', '64', 'NettyServerConfig'],
    ['serverCallbackExecutorThreads', 'int', '0', 'NettyServerConfig'],
    ['serverChannelMaxIdleTimeSeconds', 'int', '120', 'NettyServerConfig'],
    ['serverOnewaySemaphoreValue', 'int', '256', 'NettyServerConfig'],
    ['serverPooledByteBufAllocatorEnable', 'boolean', 'true', 'NettyServerConfig'],
    ['serverSelectorThreads', 'int', '3', 'NettyServerConfig'],
    ['serverSocketBacklog', 'int', '1024 (JVM -Dcom.rocketmq.remoting.socket.backlog)', 'NettyServerConfig'],
    [
        'serverSocketRcvBufSize',
        'int',
        '0 (JVM -Dcom.rocketmq.remoting.socket.rcvbuf.size)',
        'NettyServerConfig',
    ],
    [
        'serverSocketSndBufSize',
        'int',
        '0 (JVM -Dcom.rocketmq.remoting.socket.sndbuf.size)',
        'NettyServerConfig',
    ],
    ['serverWorkerThreads', 'int', '8', 'NettyServerConfig'],
    ['shortPollingTimeMills', 'long', '1000', 'BrokerConfig'],
    ['slaveReadEnable', 'boolean', 'false', 'BrokerConfig'],
    ['slaveTimeout', 'int', '3000', 'MessageStoreConfig'],
    ['startAcceptSendRequestTimeStamp', 'long', '0', 'BrokerConfig'],
    ['storePathCommitLog', 'String', 'null -> storePathRootDir + "/commitlog" (getter)', 'MessageStoreConfig'],
    ['storePathDLedgerCommitLog', 'String', 'null', 'MessageStoreConfig'],
    ['storePathRootDir', 'String', '${user.home}/store', 'MessageStoreConfig'],
    ['storeReplyMessageEnable', 'boolean', 'true', 'BrokerConfig'],
    ['syncFlushTimeout', 'int', '5000', 'MessageStoreConfig'],
    ['traceOn', 'boolean', 'true', 'BrokerConfig'],
    ['traceTopicEnable', 'boolean', 'false', 'BrokerConfig'],
    ['transactionCheckInterval', 'long', '60000', 'BrokerConfig'],
    ['transactionCheckMax', 'int', '15', 'BrokerConfig'],
    ['transactionTimeOut', 'long', '6000', 'BrokerConfig'],
    ['transferMsgByHeap', 'boolean', 'true', 'BrokerConfig'],
    ['transientStorePoolEnable', 'boolean', 'false', 'MessageStoreConfig'],
    ['transientStorePoolSize', 'int', '5', 'MessageStoreConfig'],
    ['useEpollNativeSelector', 'boolean', 'false', 'NettyServerConfig'],
    ['useReentrantLockWhenPutMessage', 'boolean', 'true', 'MessageStoreConfig'],
    [
        'useTLS',
        'boolean',
        'false (BrokerStartup: Boolean.parseBoolean(-Dtls.enable, tlsMode==ENFORCING))',
        'NettyClientConfig',
    ],
    ['waitTimeMillsInHeartbeatQueue', 'long', '31000', 'BrokerConfig'],
    ['waitTimeMillsInPullQueue', 'long', '5000', 'BrokerConfig'],
    ['waitTimeMillsInSendQueue', 'long', '200', 'BrokerConfig'],
    ['waitTimeMillsInTransactionQueue', 'long', '3000', 'BrokerConfig'],
    ['warmMapedFileEnable', 'boolean', 'false', 'MessageStoreConfig'],
    [
        'writeBufferHighWaterMark',
        'int',
        '0 (JVM -Dcom.rocketmq.remoting.write.buffer.high.water.mark)',
        'NettyServerConfig|NettyClientConfig',
    ],
    [
        'writeBufferLowWaterMark',
        'int',
        '0 (JVM -Dcom.rocketmq.remoting.write.buffer.low.water.mark)',
        'NettyServerConfig|NettyClientConfig',
    ],
];
/** Every broker.conf key RocketMQ 5.3.3 reads (broker-keys-5.3.3.tsv). */
const BROKER_KEYS_5_3_3 = [
    ['accessMessageInMemoryHotRatio', 'int', '26', 'MessageStoreConfig'],
    ['accessMessageInMemoryMaxRatio', 'int', '40', 'MessageStoreConfig'],
    ['accountStatsEnable', 'boolean', 'true', 'BrokerConfig'],
    ['accountStatsPrintZeroValues', 'boolean', 'true', 'BrokerConfig'],
    ['ackMessageThreadPoolNums', 'int', '16', 'BrokerConfig'],
    ['ackThreadPoolQueueCapacity', 'int', '100000', 'BrokerConfig'],
    ['aclCacheExpiredSecond', 'int', '600', 'AuthConfig'],
    ['aclCacheMaxNum', 'int', '1000', 'AuthConfig'],
    ['aclCacheRefreshSecond', 'int', '60', 'AuthConfig'],
    ['aclEnable', 'boolean', 'false', 'BrokerConfig'],
    ['adminBrokerThreadPoolNums', 'int', '16', 'BrokerConfig'],
    ['adminBrokerThreadPoolQueueCapacity', 'int', '10000', 'BrokerConfig'],
    ['allAckInSyncStateSet', 'boolean', 'false', 'MessageStoreConfig'],
    ['allowRecallWhenBrokerNotWriteable', 'boolean', 'true', 'BrokerConfig'],
    ['appendAckAsync', 'boolean', 'false', 'BrokerConfig'],
    ['appendCkAsync', 'boolean', 'false', 'BrokerConfig'],
    ['asyncLearner', 'boolean', 'false', 'MessageStoreConfig'],
    ['asyncSendEnable', 'boolean', 'true', 'BrokerConfig'],
    ['authConfigPath', 'String', 'null', 'AuthConfig'],
    ['authenticationEnabled', 'boolean', 'false', 'AuthConfig'],
    ['authenticationMetadataProvider', 'String', 'null', 'AuthConfig'],
    ['authenticationProvider', 'String', 'null', 'AuthConfig'],
    ['authenticationStrategy', 'String', 'null', 'AuthConfig'],
    ['authenticationWhitelist', 'String', 'null', 'AuthConfig'],
    ['authorizationEnabled', 'boolean', 'false', 'AuthConfig'],
    ['authorizationMetadataProvider', 'String', 'null', 'AuthConfig'],
    ['authorizationProvider', 'String', 'null', 'AuthConfig'],
    ['authorizationStrategy', 'String', 'null', 'AuthConfig'],
    ['authorizationWhitelist', 'String', 'null', 'AuthConfig'],
    ['autoCreateSubscriptionGroup', 'boolean', 'true', 'BrokerConfig'],
    ['autoCreateTopicEnable', 'boolean', 'true', 'BrokerConfig'],
    ['autoDeleteUnusedStats', 'boolean', 'true', 'BrokerConfig'],
    ['autoMessageVersionOnTopicLen', 'boolean', 'true', 'MessageStoreConfig'],
    ['batchDispatchRequestThreadPoolNums', 'int', '16', 'MessageStoreConfig'],
    ['bindAddress', 'String', '0.0.0.0', 'NettyServerConfig'],
    ['bitMapLengthConsumeQueueExt', 'int', '64', 'MessageStoreConfig'],
    [
        'bottomMostCompressionTypeForConsumeQueueStore',
        'String',
        'zstd (org.rocksdb CompressionType.ZSTD_COMPRESSION library name; unverified)',
        'MessageStoreConfig',
    ],
    ['broadcastOffsetExpireMaxSecond', 'long', '300', 'BrokerConfig'],
    ['broadcastOffsetExpireSecond', 'long', '120', 'BrokerConfig'],
    ['brokerClusterName', 'String', 'DefaultCluster', 'BrokerConfig'],
    ['brokerConfigPath', 'String', 'null', 'BrokerConfig'],
    ['brokerElectionPriority', 'int', '127 (Byte.MAX_VALUE)', 'BrokerConfig'],
    ['brokerFastFailureEnable', 'boolean', 'true', 'BrokerConfig'],
    ['brokerHeartbeatInterval', 'int', '1000', 'BrokerConfig'],
    [
        'brokerIP1',
        'String',
        'local IPv4: first non-loopback not starting 127.0/192.168, else last IPv4 found (RemotingUtil.getLocalAddress)',
        'BrokerConfig',
    ],
    [
        'brokerIP2',
        'String',
        'local IPv4: first non-loopback not starting 127.0/192.168, else last IPv4 found (RemotingUtil.getLocalAddress)',
        'BrokerConfig',
    ],
    [
        'brokerId',
        'long',
        '0 (forced to 0 for ASYNC_MASTER/SYNC_MASTER; SLAVE must be >0 or exit(-3); -1 if enableDLegerCommitLog)',
        'BrokerConfig',
    ],
    [
        'brokerName',
        'String',
        '<hostname> (InetAddress.getLocalHost().getHostName(); "DEFAULT_BROKER" on failure)',
        'BrokerConfig',
    ],
    ['brokerNotActiveTimeoutMillis', 'long', '10000', 'BrokerConfig'],
    ['brokerPermission', 'int', '6', 'BrokerConfig'],
    ['brokerRole', 'enum BrokerRole (String, Enum.valueOf)', 'ASYNC_MASTER', 'MessageStoreConfig'],
    ['brokerTopicEnable', 'boolean', 'true', 'BrokerConfig'],
    ['cgColdReadThreshold', 'long', '3145728', 'BrokerConfig'],
    ['channelExpiredTimeout', 'long', '120000', 'BrokerConfig'],
    ['channelNotActiveInterval', 'long', '60000', 'NettyClientConfig'],
    ['checkCRCOnRecover', 'boolean', 'true', 'MessageStoreConfig'],
    ['checkSyncStateSetPeriod', 'long', '5000', 'BrokerConfig'],
    ['cleanFileForciblyEnable', 'boolean', 'true', 'MessageStoreConfig'],
    ['cleanOfflineBrokerInterval', 'int', '30000', 'BrokerConfig'],
    ['cleanResourceInterval', 'int', '10000', 'MessageStoreConfig'],
    ['cleanRocksDBDirtyCQIntervalMin', 'long', '60', 'MessageStoreConfig'],
    ['cleanSwapedMapInterval', 'long', '300000', 'MessageStoreConfig'],
    ['clearRetryTopicWhenDeleteTopic', 'boolean', 'true', 'BrokerConfig'],
    ['clientAsyncSemaphoreValue', 'int', '65535', 'NettyClientConfig'],
    ['clientCallbackExecutorThreads', 'int', 'NPROC', 'NettyClientConfig'],
    [
        'clientChannelMaxIdleTimeSeconds',
        'int',
        '120 (JVM -Dcom.rocketmq.remoting.client.channel.maxIdleTimeSeconds)',
        'NettyClientConfig',
    ],
    [
        'clientCloseSocketIfTimeout',
        'boolean',
        'true (JVM -Dcom.rocketmq.remoting.client.closeSocketIfTimeout)',
        'NettyClientConfig',
    ],
    ['clientManageThreadPoolNums', 'int', '32', 'BrokerConfig'],
    ['clientManagerThreadPoolQueueCapacity', 'int', '1000000', 'BrokerConfig'],
    ['clientOnewaySemaphoreValue', 'int', '65535', 'NettyClientConfig'],
    ['clientPooledByteBufAllocatorEnable', 'boolean', 'false', 'NettyClientConfig'],
    [
        'clientSocketRcvBufSize',
        'int',
        '0 (JVM -Dcom.rocketmq.remoting.socket.rcvbuf.size)',
        'NettyClientConfig',
    ],
    [
        'clientSocketSndBufSize',
        'int',
        '0 (JVM -Dcom.rocketmq.remoting.socket.sndbuf.size)',
        'NettyClientConfig',
    ],
    ['clientWorkerThreads', 'int', '4 (JVM -Dcom.rocketmq.remoting.client.worker.size)', 'NettyClientConfig'],
    ['clusterName', 'String', 'null', 'AuthConfig'],
    ['clusterTopicEnable', 'boolean', 'true', 'BrokerConfig'],
    ['coldCtrStrategyEnable', 'boolean', 'false', 'BrokerConfig'],
    ['coldDataFlowControlEnable', 'boolean', 'false', 'MessageStoreConfig'],
    ['coldDataScanEnable', 'boolean', 'false', 'MessageStoreConfig'],
    ['commercialBaseCount', 'int', '1', 'BrokerConfig'],
    ['commercialSizePerMsg', 'int', '4096', 'BrokerConfig'],
    ['commitCommitLogLeastPages', 'int', '4', 'MessageStoreConfig'],
    ['commitCommitLogThoroughInterval', 'int', '200', 'MessageStoreConfig'],
    ['commitIntervalCommitLog', 'int', '200', 'MessageStoreConfig'],
    ['commitLogForceSwapMapInterval', 'long', '43200000', 'MessageStoreConfig'],
    ['commitLogSwapMapInterval', 'long', '3600000', 'MessageStoreConfig'],
    ['commitLogSwapMapReserveFileNum', 'int', '100', 'MessageStoreConfig'],
    ['compactionCqMappedFileSize', 'int', '10485760', 'MessageStoreConfig'],
    ['compactionMappedFileSize', 'int', '104857600', 'MessageStoreConfig'],
    ['compactionScheduleInternal', 'int', '900000', 'MessageStoreConfig'],
    ['compactionThreadNum', 'int', '6', 'MessageStoreConfig'],
    ['compatibleWithOldNameSrv', 'boolean', 'true', 'BrokerConfig'],
    ['compressedRegister', 'boolean', 'false', 'BrokerConfig'],
    ['configBlackList', 'String', 'configBlackList;brokerConfigPath', 'BrokerConfig'],
    ['configManagerVersion', 'String', 'v1', 'BrokerConfig'],
    ['configName', 'String', 'null', 'AuthConfig'],
    [
        'connectTimeoutMillis',
        'int',
        '3000 (JVM -Dcom.rocketmq.remoting.client.connect.timeout)',
        'NettyClientConfig',
    ],
    ['consumerFallbehindThreshold', 'long', '17179869184', 'BrokerConfig'],
    ['consumerManageThreadPoolNums', 'int', '32', 'BrokerConfig'],
    ['consumerManagerThreadPoolQueueCapacity', 'int', '1000000', 'BrokerConfig'],
    ['consumerOffsetUpdateVersionStep', 'long', '500', 'BrokerConfig'],
    ['controllerAddr', 'String', '', 'BrokerConfig'],
    ['controllerHeartBeatTimeoutMills', 'long', '10000', 'BrokerConfig'],
    ['correctLogicMinOffsetForceInterval', 'int', '300000', 'MessageStoreConfig'],
    ['correctLogicMinOffsetSleepInterval', 'int', '1', 'MessageStoreConfig'],
    ['dLegerGroup', 'String', 'null', 'MessageStoreConfig'],
    ['dLegerPeers', 'String', 'null', 'MessageStoreConfig'],
    ['dLegerSelfId', 'String', 'null', 'MessageStoreConfig'],
    ['dataReadAheadEnable', 'boolean', 'true', 'MessageStoreConfig'],
    ['debugLockEnable', 'boolean', 'false', 'MessageStoreConfig'],
    ['defaultMessageRequestMode', 'enum MessageRequestMode (String, Enum.valueOf)', 'PULL', 'BrokerConfig'],
    ['defaultPopShareQueueNum', 'int', '-1', 'BrokerConfig'],
    ['defaultQueryMaxNum', 'int', '32', 'MessageStoreConfig'],
    ['defaultTopicQueueNums', 'int', '8', 'BrokerConfig'],
    ['delayOffsetUpdateVersionStep', 'long', '200', 'BrokerConfig'],
    ['deleteCommitLogFilesInterval', 'int', '100', 'MessageStoreConfig'],
    ['deleteConsumeQueueFilesInterval', 'int', '100', 'MessageStoreConfig'],
    ['deleteFileBatchMax', 'int', '10', 'MessageStoreConfig'],
    ['deleteWhen', 'String', '04', 'MessageStoreConfig'],
    ['destroyMapedFileIntervalForcibly', 'int', '120000', 'MessageStoreConfig'],
    ['disableCallbackExecutor', 'boolean', 'false', 'NettyClientConfig'],
    ['disableConsumeIfConsumerReadSlowly', 'boolean', 'false', 'BrokerConfig'],
    ['disableNettyWorkerGroup', 'boolean', 'false', 'NettyClientConfig'],
    ['disappearTimeAfterStart', 'int', '-1', 'MessageStoreConfig'],
    ['diskFallRecorded', 'boolean', 'true', 'MessageStoreConfig'],
    ['diskMaxUsedSpaceRatio', 'int', '75', 'MessageStoreConfig'],
    ['diskSpaceCleanForciblyRatio', 'int', '85', 'MessageStoreConfig'],
    ['diskSpaceWarningLevelRatio', 'int', '90', 'MessageStoreConfig'],
    ['dispatchCqCacheNum', 'int', '4096', 'MessageStoreConfig'],
    ['dispatchCqThreads', 'int', '10', 'MessageStoreConfig'],
    ['dispatchFromSenderThread', 'boolean', 'false', 'MessageStoreConfig'],
    ['duplicationEnable', 'boolean', 'false', 'MessageStoreConfig'],
    ['enableAsyncReput', 'boolean', 'true', 'MessageStoreConfig'],
    ['enableAutoInSyncReplicas', 'boolean', 'false', 'MessageStoreConfig'],
    ['enableBatchPush', 'boolean', 'false', 'MessageStoreConfig'],
    ['enableBroadcastOffsetStore', 'boolean', 'true', 'BrokerConfig'],
    ['enableBuildConsumeQueueConcurrently', 'boolean', 'false', 'MessageStoreConfig'],
    ['enableCalcFilterBitMap', 'boolean', 'false', 'BrokerConfig'],
    ['enableCleanExpiredOffset', 'boolean', 'false', 'MessageStoreConfig'],
    ['enableCompaction', 'boolean', 'true', 'MessageStoreConfig'],
    ['enableConsumeQueueExt', 'boolean', 'false', 'MessageStoreConfig'],
    ['enableControllerMode', 'boolean', 'false', 'BrokerConfig'],
    ['enableCreateSysGroup', 'boolean', 'true', 'BrokerConfig'],
    ['enableDLegerCommitLog', 'boolean', 'false', 'MessageStoreConfig'],
    ['enableDetailStat', 'boolean', 'true', 'BrokerConfig'],
    ['enableFastChannelEventProcess', 'boolean', 'false', 'BrokerConfig'],
    ['enableLmq', 'boolean', 'false', 'MessageStoreConfig'],
    ['enableLmqStats', 'boolean', 'false', 'BrokerConfig'],
    ['enableMixedMessageType', 'boolean', 'false', 'BrokerConfig'],
    ['enableMultiDispatch', 'boolean', 'false', 'MessageStoreConfig'],
    ['enableNetWorkFlowControl', 'boolean', 'false', 'BrokerConfig'],
    ['enableNotifyAfterPopOrderLockRelease', 'boolean', 'true', 'BrokerConfig'],
    ['enableNotifyBeforePopCalculateLag', 'boolean', 'true', 'BrokerConfig'],
    ['enablePopBatchAck', 'boolean', 'false', 'BrokerConfig'],
    ['enablePopBufferMerge', 'boolean', 'false', 'BrokerConfig'],
    ['enablePopLog', 'boolean', 'false', 'BrokerConfig'],
    ['enablePopMessageThreshold', 'boolean', 'false', 'BrokerConfig'],
    ['enablePropertyFilter', 'boolean', 'false', 'BrokerConfig'],
    ['enableReconnectForGoAway', 'boolean', 'true', 'NettyClientConfig'],
    ['enableRegisterProducer', 'boolean', 'true', 'BrokerConfig'],
    ['enableRemoteEscape', 'boolean', 'false', 'BrokerConfig'],
    ['enableRetryTopicV2', 'boolean', 'false', 'BrokerConfig'],
    ['enableRocksDBLog', 'boolean', 'false', 'MessageStoreConfig'],
    ['enableScheduleAsyncDeliver', 'boolean', 'false', 'MessageStoreConfig'],
    ['enableScheduleMessageStats', 'boolean', 'true', 'MessageStoreConfig'],
    ['enableShutdownGracefully', 'boolean', 'false', 'NettyServerConfig'],
    ['enableSingleTopicRegister', 'boolean', 'false', 'BrokerConfig'],
    ['enableSkipLongAwaitingAck', 'boolean', 'false', 'BrokerConfig'],
    ['enableSlaveActingMaster', 'boolean', 'false', 'BrokerConfig'],
    ['enableSplitRegistration', 'boolean', 'false', 'BrokerConfig'],
    ['enabledAppendPropCRC', 'boolean', 'false', 'MessageStoreConfig'],
    ['endTransactionPoolQueueCapacity', 'int', '100000', 'BrokerConfig'],
    ['endTransactionThreadPoolNums', 'int', 'Math.max(8+NPROC*2,sendMessageThreadPoolNums*4)', 'BrokerConfig'],
    ['estimateAccumulation', 'boolean', 'true', 'BrokerConfig'],
    ['expectConsumerNumUseFilter', 'int', '32', 'BrokerConfig'],
    ['fastFailIfNoBufferInStorePool', 'boolean', 'false', 'MessageStoreConfig'],
    ['fetchControllerAddrByDnsLookup', 'boolean', 'false', 'BrokerConfig'],
    ['fetchNameSrvAddrByDnsLookup', 'boolean', 'false', 'BrokerConfig'],
    ['fetchNamesrvAddrByAddressServer', 'boolean', 'false', 'BrokerConfig'],
    ['fetchNamesrvAddrInterval', 'long', '10000', 'BrokerConfig'],
    ['fileReservedTime', 'int', '72', 'MessageStoreConfig'],
    ['filterDataCleanTimeSpan', 'long', '86400000', 'BrokerConfig'],
    ['filterSupportRetry', 'boolean', 'false', 'BrokerConfig'],
    ['flushCommitLogLeastPages', 'int', '4', 'MessageStoreConfig'],
    ['flushCommitLogThoroughInterval', 'int', '10000', 'MessageStoreConfig'],
    ['flushCommitLogTimed', 'boolean', 'true', 'MessageStoreConfig'],
    ['flushConsumeQueueLeastPages', 'int', '2', 'MessageStoreConfig'],
    ['flushConsumeQueueThoroughInterval', 'int', '60000', 'MessageStoreConfig'],
    ['flushConsumerOffsetHistoryInterval', 'int', '60000', 'BrokerConfig'],
    ['flushConsumerOffsetInterval', 'int', '5000', 'BrokerConfig'],
    ['flushDelayOffsetInterval', 'long', '10000', 'MessageStoreConfig'],
    ['flushDiskType', 'enum FlushDiskType (String, Enum.valueOf)', 'ASYNC_FLUSH', 'MessageStoreConfig'],
    ['flushIntervalCommitLog', 'int', '500', 'MessageStoreConfig'],
    ['flushIntervalConsumeQueue', 'int', '1000', 'MessageStoreConfig'],
    ['flushLeastPagesWhenWarmMapedFile', 'int', '4096', 'MessageStoreConfig'],
    ['forceRegister', 'boolean', 'true', 'BrokerConfig'],
    ['forceVerifyPropCRC', 'boolean', 'false', 'MessageStoreConfig'],
    ['forwardTimeout', 'long', '3000', 'BrokerConfig'],
    ['globalColdReadThreshold', 'long', '104857600', 'BrokerConfig'],
    ['haFlowControlEnable', 'boolean', 'false', 'MessageStoreConfig'],
    ['haHousekeepingInterval', 'int', '20000', 'MessageStoreConfig'],
    [
        'haListenPort',
        'int',
        'listenPort+1 (BrokerStartup sets 0 then listenPort+1 if <=0; configurable since 5.1.1)',
        'MessageStoreConfig',
    ],
    ['haMasterAddress', 'String', 'null', 'MessageStoreConfig'],
    ['haMaxGapNotInSync', 'int', '268435456', 'MessageStoreConfig'],
    ['haMaxTimeSlaveNotCatchup', 'long', '15000', 'MessageStoreConfig'],
    ['haSendHeartbeatInterval', 'int', '5000', 'MessageStoreConfig'],
    ['haTransferBatchSize', 'int', '32768', 'MessageStoreConfig'],
    ['heartbeatThreadPoolNums', 'int', 'Math.min(32,NPROC)', 'BrokerConfig'],
    ['heartbeatThreadPoolQueueCapacity', 'int', '50000', 'BrokerConfig'],
    ['highSpeedMode', 'boolean', 'false', 'BrokerConfig'],
    ['inBrokerContainer', 'boolean', 'false', 'BrokerConfig'],
    ['inSyncReplicas', 'int', '1', 'MessageStoreConfig'],
    ['initAuthenticationUser', 'String', 'null', 'AuthConfig'],
    ['initPopOffsetByCheckMsgInMem', 'boolean', 'true', 'BrokerConfig'],
    ['innerClientAuthenticationCredentials', 'String', 'null', 'AuthConfig'],
    ['isolateLogEnable', 'boolean', 'false', 'BrokerConfig'],
    [
        'listenPort',
        'int',
        '10911 (class default 8888/0; BrokerStartup.setListenPort(10911) before reading the file)',
        'BrokerConfig|NettyServerConfig',
    ],
    ['litePullMessageEnable', 'boolean', 'true', 'BrokerConfig'],
    ['litePullMessageThreadPoolNums', 'int', '16+NPROC*2', 'BrokerConfig'],
    ['litePullThreadPoolQueueCapacity', 'int', '100000', 'BrokerConfig'],
    ['loadBalancePollNameServerInterval', 'long', '30000', 'BrokerConfig'],
    ['loadBalanceProcessorThreadPoolNums', 'int', '32', 'BrokerConfig'],
    ['loadBalanceThreadPoolQueueCapacity', 'int', '100000', 'BrokerConfig'],
    ['lockInStrictMode', 'boolean', 'false', 'BrokerConfig'],
    ['logicQueueForceSwapMapInterval', 'long', '43200000', 'MessageStoreConfig'],
    ['logicQueueSwapMapInterval', 'long', '3600000', 'MessageStoreConfig'],
    ['logicQueueSwapMapReserveFileNum', 'int', '20', 'MessageStoreConfig'],
    ['logicalDiskSpaceCleanForciblyThreshold', 'double', '0.8', 'MessageStoreConfig'],
    ['longPollingEnable', 'boolean', 'true', 'BrokerConfig'],
    ['mappedFileSizeCommitLog', 'int', '1073741824', 'MessageStoreConfig'],
    ['mappedFileSizeConsumeQueue', 'int', '6000000', 'MessageStoreConfig'],
    ['mappedFileSizeConsumeQueueExt', 'int', '50331648', 'MessageStoreConfig'],
    ['mappedFileSizeTimerLog', 'int', '104857600', 'MessageStoreConfig'],
    ['mappedFileSwapEnable', 'boolean', 'true', 'MessageStoreConfig'],
    ['mapperFileSizeBatchConsumeQueue', 'int', '13800000', 'MessageStoreConfig'],
    ['maxAsyncPutMessageRequests', 'int', '5000', 'MessageStoreConfig'],
    ['maxBatchDeleteFilesNum', 'int', '50', 'MessageStoreConfig'],
    ['maxChecksumRange', 'long', '1073741824', 'MessageStoreConfig'],
    ['maxConsumeQueueScan', 'int', '20000', 'MessageStoreConfig'],
    ['maxErrorRateOfBloomFilter', 'int', '20', 'BrokerConfig'],
    ['maxFilterMessageSize', 'int', '16000', 'MessageStoreConfig'],
    ['maxHaTransferByteInSecond', 'long', '104857600', 'MessageStoreConfig'],
    ['maxHashSlotNum', 'int', '5000000', 'MessageStoreConfig'],
    ['maxIndexNum', 'int', '20000000', 'MessageStoreConfig'],
    ['maxLmqConsumeQueueNum', 'int', '20000', 'MessageStoreConfig'],
    ['maxMessageSize', 'int', '4194304', 'MessageStoreConfig'],
    ['maxMsgsNumBatch', 'int', '64', 'MessageStoreConfig'],
    ['maxOffsetMapSize', 'int', '104857600', 'MessageStoreConfig'],
    ['maxPopPollingSize', 'long', '100000', 'BrokerConfig'],
    ['maxReconnectIntervalTimeSeconds', 'long', '60', 'NettyClientConfig'],
    ['maxRecoveryCommitlogFiles', 'int', '30', 'MessageStoreConfig'],
    ['maxSlaveResendLength', 'long', '268435456', 'MessageStoreConfig'],
    ['maxStatsIdleTimeInMinutes', 'int', '-1', 'BrokerConfig'],
    ['maxTopicLength', 'int', '127 (Byte.MAX_VALUE)', 'MessageStoreConfig'],
    ['maxTransferBytesOnMessageInDisk', 'int', '65536', 'MessageStoreConfig'],
    ['maxTransferBytesOnMessageInMemory', 'int', '262144', 'MessageStoreConfig'],
    ['maxTransferCountOnMessageInDisk', 'int', '8', 'MessageStoreConfig'],
    ['maxTransferCountOnMessageInMemory', 'int', '32', 'MessageStoreConfig'],
    ['memTableFlushIntervalMs', 'long', '3600000', 'MessageStoreConfig'],
    [
        'messageDelayLevel',
        'String',
        '1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h',
        'MessageStoreConfig',
    ],
    ['messageIndexEnable', 'boolean', 'true', 'MessageStoreConfig'],
    ['messageIndexSafe', 'boolean', 'false', 'MessageStoreConfig'],
    ['messageStorePlugIn', 'String', '', 'BrokerConfig'],
    ['metricGrpcExporterIntervalInMills', 'long', '60000', 'BrokerConfig'],
    ['metricGrpcExporterTimeOutInMills', 'long', '3000', 'BrokerConfig'],
    ['metricLoggingExporterIntervalInMills', 'long', '10000', 'BrokerConfig'],
    ['metricsExporterType', 'int', 'DISABLE', 'BrokerConfig'],
    ['metricsGrpcExporterHeader', 'String', '', 'BrokerConfig'],
    ['metricsGrpcExporterTarget', 'String', '', 'BrokerConfig'],
    ['metricsInDelta', 'boolean', 'false', 'BrokerConfig'],
    ['metricsLabel', 'String', '', 'BrokerConfig'],
    ['metricsOtelCardinalityLimit', 'int', '50000', 'BrokerConfig'],
    ['metricsPromExporterHost', 'String', '', 'BrokerConfig'],
    ['metricsPromExporterPort', 'int', '5557', 'BrokerConfig'],
    ['migrateAuthFromV1Enabled', 'boolean', 'false', 'AuthConfig'],
    ['minInSyncReplicas', 'int', '1', 'MessageStoreConfig'],
    ['msgTraceTopicName', 'String', 'RMQ_SYS_TRACE_TOPIC', 'BrokerConfig'],
    ['namesrvAddr', 'String', '${NAMESRV_ADDR} (or JVM -Drocketmq.namesrv.addr); else null', 'BrokerConfig'],
    ['notifyConsumerIdsChangedEnable', 'boolean', 'true', 'BrokerConfig'],
    ['offsetCheckInSlave', 'boolean', 'false', 'MessageStoreConfig'],
    ['osPageCacheBusyTimeOutMills', 'long', '1000', 'MessageStoreConfig'],
    ['popCkMaxBufferSize', 'int', '200000', 'BrokerConfig'],
    ['popCkOffsetMaxQueueSize', 'int', '20000', 'BrokerConfig'],
    ['popCkStayBufferTime', 'int', '10000', 'BrokerConfig'],
    ['popCkStayBufferTimeOut', 'int', '3000', 'BrokerConfig'],
    ['popConsumerFSServiceInit', 'boolean', 'true', 'BrokerConfig'],
    ['popConsumerKVServiceEnable', 'boolean', 'false', 'BrokerConfig'],
    ['popConsumerKVServiceInit', 'boolean', 'false', 'BrokerConfig'],
    ['popConsumerKVServiceLog', 'boolean', 'false', 'BrokerConfig'],
    ['popFromRetryProbability', 'int', '20', 'BrokerConfig'],
    ['popInflightMessageThreshold', 'long', '10000', 'BrokerConfig'],
    ['popLongPollingForceNotifyInterval', 'long', '800', 'BrokerConfig'],
    ['popPollingMapSize', 'int', '100000', 'BrokerConfig'],
    ['popPollingSize', 'int', '1024', 'BrokerConfig'],
    ['popResponseReturnActualRetryTopic', 'boolean', 'false', 'BrokerConfig'],
    ['popReviveMaxAttemptTimes', 'int', '16', 'BrokerConfig'],
    ['popReviveMaxReturnSizePerRead', 'int', '16384', 'BrokerConfig'],
    ['preferredLeaderId', 'String', 'null', 'MessageStoreConfig'],
    ['printChannelGroups', 'boolean', 'false', 'BrokerConfig'],
    ['printChannelGroupsMinNum', 'int', '5', 'BrokerConfig'],
    ['processReplyMessageThreadPoolNums', 'int', '16+NPROC*2', 'BrokerConfig'],
    ['pullBatchMaxMessageCount', 'int', '160', 'MessageStoreConfig'],
    ['pullMessageThreadPoolNums', 'int', '16+NPROC*2', 'BrokerConfig'],
    ['pullThreadPoolQueueCapacity', 'int', '100000', 'BrokerConfig'],
    ['putConsumeQueueDataByFileChannel', 'boolean', 'true', 'MessageStoreConfig'],
    ['putMessageFutureThreadPoolNums', 'int', 'Math.min(NPROC,4)', 'BrokerConfig'],
    ['putMessageTimeout', 'int', '8000', 'MessageStoreConfig'],
    ['putMsgIndexHightWater', 'int', '600000', 'MessageStoreConfig'],
    ['putThreadPoolQueueCapacity', 'int', '10000', 'BrokerConfig'],
    ['queryMessageThreadPoolNums', 'int', '8+NPROC', 'BrokerConfig'],
    ['queryThreadPoolQueueCapacity', 'int', '20000', 'BrokerConfig'],
    ['readOnlyCommitLogStorePaths', 'String', 'null', 'MessageStoreConfig'],
    ['readUnCommitted', 'boolean', 'false', 'MessageStoreConfig'],
    ['realTimeNotifyConsumerChange', 'boolean', 'true', 'BrokerConfig'],
    ['realTimePersistRocksDBConfig', 'boolean', 'true', 'MessageStoreConfig'],
    ['recallMessageEnable', 'boolean', 'false', 'BrokerConfig'],
    ['recheckReputOffsetFromCq', 'boolean', 'false', 'MessageStoreConfig'],
    ['recoverConcurrently', 'boolean', 'false', 'BrokerConfig'],
    ['recoverThreadPoolNums', 'int', '32', 'BrokerConfig'],
    ['redeleteHangedFileInterval', 'int', '120000', 'MessageStoreConfig'],
    ['regionId', 'String', 'DefaultRegion', 'BrokerConfig'],
    ['registerBrokerTimeoutMills', 'int', '24000', 'BrokerConfig'],
    ['registerNameServerPeriod', 'int', '30000', 'BrokerConfig'],
    ['rejectPullConsumerEnable', 'boolean', 'false', 'BrokerConfig'],
    ['rejectTransactionMessage', 'boolean', 'false', 'BrokerConfig'],
    ['replicasPerDiskPartition', 'int', '1', 'MessageStoreConfig'],
    ['replyThreadPoolQueueCapacity', 'int', '10000', 'BrokerConfig'],
    ['retrieveMessageFromPopRetryTopicV1', 'boolean', 'true', 'BrokerConfig'],
    ['reviveAckWaitMs', 'long', '180000', 'BrokerConfig'],
    ['reviveInterval', 'long', '1000', 'BrokerConfig'],
    ['reviveMaxSlow', 'long', '3', 'BrokerConfig'],
    ['reviveQueueNum', 'int', '8', 'BrokerConfig'],
    ['reviveScanTime', 'long', '10000', 'BrokerConfig'],
    [
        'rmqAddressServerDomain',
        'String',
        'jmenv.tbsite.net (-> System property rocketmq.namesrv.domain)',
        'BrokerStartup.properties2SystemEnv',
    ],
    [
        'rmqAddressServerSubGroup',
        'String',
        'nsaddr (-> System property rocketmq.namesrv.domain.subgroup)',
        'BrokerStartup.properties2SystemEnv',
    ],
    [
        'rocketmqHome',
        'String',
        '${ROCKETMQ_HOME} (or JVM -Drocketmq.home.dir); REQUIRED, broker exits(-2) if null',
        'BrokerConfig',
    ],
    ['rocksdbCQDoubleWriteEnable', 'boolean', 'false', 'MessageStoreConfig'],
    [
        'rocksdbCompressionType',
        'String',
        'lz4 (org.rocksdb CompressionType.LZ4_COMPRESSION library name; unverified)',
        'MessageStoreConfig',
    ],
    ['rocksdbFlushWalFrequency', 'int', '1024', 'MessageStoreConfig'],
    ['rocksdbWalFileRollingThreshold', 'long', 'GB', 'MessageStoreConfig'],
    ['sampleCountThreshold', 'int', '5000', 'MessageStoreConfig'],
    ['sampleSteps', 'int', '32', 'MessageStoreConfig'],
    ['scanAvailableNameSrv', 'boolean', 'true', 'NettyClientConfig'],
    ['scheduleAsyncDeliverMaxPendingLimit', 'int', '2000', 'MessageStoreConfig'],
    ['scheduleAsyncDeliverMaxResendNum2Blocked', 'int', '3', 'MessageStoreConfig'],
    ['searchBcqByCacheEnable', 'boolean', 'true', 'MessageStoreConfig'],
    ['sendHeartbeatTimeoutMillis', 'int', '1000', 'BrokerConfig'],
    ['sendMessageThreadPoolNums', 'int', 'Math.min(NPROC,4)', 'BrokerConfig'],
    ['sendThreadPoolQueueCapacity', 'int', '10000', 'BrokerConfig'],
    ['serverAsyncSemaphoreValue', 'int', '64', 'NettyServerConfig'],
    ['serverCallbackExecutorThreads', 'int', '0', 'NettyServerConfig'],
    ['serverChannelMaxIdleTimeSeconds', 'int', '120', 'NettyServerConfig'],
    ['serverLoadBalancerEnable', 'boolean', 'true', 'BrokerConfig'],
    ['serverNettyWorkerGroupEnable', 'boolean', 'true', 'NettyServerConfig'],
    ['serverOnewaySemaphoreValue', 'int', '256', 'NettyServerConfig'],
    ['serverPooledByteBufAllocatorEnable', 'boolean', 'true', 'NettyServerConfig'],
    ['serverSelectorThreads', 'int', '3', 'NettyServerConfig'],
    ['serverSocketBacklog', 'int', '1024 (JVM -Dcom.rocketmq.remoting.socket.backlog)', 'NettyServerConfig'],
    [
        'serverSocketRcvBufSize',
        'int',
        '0 (JVM -Dcom.rocketmq.remoting.socket.rcvbuf.size)',
        'NettyServerConfig',
    ],
    [
        'serverSocketSndBufSize',
        'int',
        '0 (JVM -Dcom.rocketmq.remoting.socket.sndbuf.size)',
        'NettyServerConfig',
    ],
    ['serverWorkerThreads', 'int', '8', 'NettyServerConfig'],
    ['shortPollingTimeMills', 'long', '1000', 'BrokerConfig'],
    ['shutdownWaitTimeSeconds', 'int', '30', 'NettyServerConfig'],
    ['skipPreOnline', 'boolean', 'false', 'BrokerConfig'],
    ['skipWhenCKRePutReachMaxTimes', 'boolean', 'false', 'BrokerConfig'],
    ['slaveReadEnable', 'boolean', 'false', 'BrokerConfig'],
    ['slaveTimeout', 'int', '3000', 'MessageStoreConfig'],
    ['socksProxyConfig', 'String', '{}', 'NettyClientConfig'],
    ['spinLockCollisionRetreatOptimalDegree', 'int', '1000', 'MessageStoreConfig'],
    ['splitRegistrationSize', 'int', '800', 'BrokerConfig'],
    ['startAcceptSendRequestTimeStamp', 'long', '0', 'BrokerConfig'],
    ['statRocksDBCQIntervalSec', 'long', '10', 'MessageStoreConfig'],
    ['statefulAuthenticationCacheExpiredSecond', 'int', '60', 'AuthConfig'],
    ['statefulAuthenticationCacheMaxNum', 'int', '10000', 'AuthConfig'],
    ['statefulAuthorizationCacheExpiredSecond', 'int', '60', 'AuthConfig'],
    ['statefulAuthorizationCacheMaxNum', 'int', '10000', 'AuthConfig'],
    ['storePathBrokerIdentity', 'String', 'null', 'MessageStoreConfig'],
    ['storePathCommitLog', 'String', 'null -> storePathRootDir + "/commitlog" (getter)', 'MessageStoreConfig'],
    ['storePathDLedgerCommitLog', 'String', 'null', 'MessageStoreConfig'],
    ['storePathEpochFile', 'String', 'null', 'MessageStoreConfig'],
    ['storePathRootDir', 'String', '${user.home}/store', 'MessageStoreConfig'],
    ['storeReplyMessageEnable', 'boolean', 'true', 'BrokerConfig'],
    ['storeType', 'String', 'default', 'MessageStoreConfig'],
    ['subscriptionExpiredTimeout', 'long', '600000', 'BrokerConfig'],
    ['syncBrokerMemberGroupPeriod', 'int', '1000', 'BrokerConfig'],
    ['syncBrokerMetadataPeriod', 'long', '5000', 'BrokerConfig'],
    ['syncControllerMetadataPeriod', 'long', '10000', 'BrokerConfig'],
    ['syncFlushTimeout', 'int', '5000', 'MessageStoreConfig'],
    ['syncFromLastFile', 'boolean', 'false', 'MessageStoreConfig'],
    ['syncMasterFlushOffsetWhenStartup', 'boolean', 'false', 'MessageStoreConfig'],
    ['timerColdDataCheckIntervalMs', 'int', '60000', 'MessageStoreConfig'],
    ['timerCongestNumEachSlot', 'int', '127 (Byte.MAX_VALUE)', 'MessageStoreConfig'],
    ['timerEnableCheckMetrics', 'boolean', 'true', 'MessageStoreConfig'],
    ['timerEnableRetryUntilSuccess', 'boolean', 'false', 'MessageStoreConfig'],
    ['timerFlushIntervalMs', 'int', '1000', 'MessageStoreConfig'],
    ['timerGetMessageThreadNum', 'int', '3', 'MessageStoreConfig'],
    ['timerInterceptDelayLevel', 'boolean', 'false', 'MessageStoreConfig'],
    ['timerMaxDelaySec', 'int', '259200', 'MessageStoreConfig'],
    ['timerMetricSmallThreshold', 'int', '1000000', 'MessageStoreConfig'],
    ['timerPrecisionMs', 'int', '1000', 'MessageStoreConfig'],
    ['timerProgressLogIntervalMs', 'int', '10000', 'MessageStoreConfig'],
    ['timerPutMessageThreadNum', 'int', '3', 'MessageStoreConfig'],
    ['timerRollWindowSlot', 'int', '172800', 'MessageStoreConfig'],
    ['timerSkipUnknownError', 'boolean', 'false', 'MessageStoreConfig'],
    ['timerStopEnqueue', 'boolean', 'false', 'MessageStoreConfig'],
    ['timerWheelEnable', 'boolean', 'true', 'MessageStoreConfig'],
    ['topicQueueLockNum', 'int', '32', 'MessageStoreConfig'],
    ['totalReplicas', 'int', '1', 'MessageStoreConfig'],
    ['traceOn', 'boolean', 'true', 'BrokerConfig'],
    ['traceTopicEnable', 'boolean', 'false', 'BrokerConfig'],
    ['transactionCheckInterval', 'long', '30000', 'BrokerConfig'],
    ['transactionCheckMax', 'int', '15', 'BrokerConfig'],
    ['transactionMetricFlushInterval', 'long', '3000', 'BrokerConfig'],
    ['transactionOpBatchInterval', 'int', '3000', 'BrokerConfig'],
    ['transactionOpMsgMaxSize', 'int', '4096', 'BrokerConfig'],
    ['transactionTimeOut', 'long', '6000', 'BrokerConfig'],
    ['transferMsgByHeap', 'boolean', 'true', 'BrokerConfig'],
    ['transientStorePoolEnable', 'boolean', 'false', 'MessageStoreConfig'],
    ['transientStorePoolSize', 'int', '5', 'MessageStoreConfig'],
    ['travelCqFileNumWhenGetMessage', 'int', '1', 'MessageStoreConfig'],
    ['updateNameServerAddrPeriod', 'int', '120000', 'BrokerConfig'],
    ['useABSLock', 'boolean', 'false', 'MessageStoreConfig'],
    ['useEpollNativeSelector', 'boolean', 'false', 'NettyServerConfig'],
    ['usePIDColdCtrStrategy', 'boolean', 'true', 'BrokerConfig'],
    ['useReentrantLockWhenPutMessage', 'boolean', 'true', 'MessageStoreConfig'],
    ['useServerSideResetOffset', 'boolean', 'true', 'BrokerConfig'],
    ['useStaticSubscription', 'boolean', 'false', 'BrokerConfig'],
    [
        'useTLS',
        'boolean',
        'false (BrokerStartup: Boolean.parseBoolean(-Dtls.enable, tlsMode==ENFORCING))',
        'NettyClientConfig',
    ],
    ['userCacheExpiredSecond', 'int', '600', 'AuthConfig'],
    ['userCacheMaxNum', 'int', '1000', 'AuthConfig'],
    ['userCacheRefreshSecond', 'int', '60', 'AuthConfig'],
    ['validateSystemTopicWhenUpdateTopic', 'boolean', 'true', 'BrokerConfig'],
    ['waitTimeMillsInAckQueue', 'long', '3000', 'BrokerConfig'],
    ['waitTimeMillsInAdminBrokerQueue', 'long', '5000', 'BrokerConfig'],
    ['waitTimeMillsInHeartbeatQueue', 'long', '31000', 'BrokerConfig'],
    ['waitTimeMillsInLitePullQueue', 'long', '5000', 'BrokerConfig'],
    ['waitTimeMillsInPullQueue', 'long', '5000', 'BrokerConfig'],
    ['waitTimeMillsInSendQueue', 'long', '200', 'BrokerConfig'],
    ['waitTimeMillsInTransactionQueue', 'long', '3000', 'BrokerConfig'],
    ['wakeCommitWhenPutMessage', 'boolean', 'true', 'MessageStoreConfig'],
    ['wakeFlushWhenPutMessage', 'boolean', 'false', 'MessageStoreConfig'],
    ['warmMapedFileEnable', 'boolean', 'false', 'MessageStoreConfig'],
    [
        'writeBufferHighWaterMark',
        'int',
        '0 (JVM -Dcom.rocketmq.remoting.write.buffer.high.water.mark)',
        'NettyServerConfig|NettyClientConfig',
    ],
    [
        'writeBufferLowWaterMark',
        'int',
        '0 (JVM -Dcom.rocketmq.remoting.write.buffer.low.water.mark)',
        'NettyServerConfig|NettyClientConfig',
    ],
];
/** Old spellings RocketMQ no longer reads: key, replacement, last release that read it. */
const LEGACY_BROKER_KEYS = [
    ['mapedFileSizeCommitLog', 'mappedFileSizeCommitLog', 'rocketmq-all-4.5.1 (renamed in 4.5.2)'],
    ['mapedFileSizeConsumeQueue', 'mappedFileSizeConsumeQueue', 'rocketmq-all-4.5.1 (renamed in 4.5.2)'],
];
/** Every broker.conf key RocketMQ 4.9.7 reads: the 4.9.8 table cut by the matrix (broker-keys-versions.tsv). */
const BROKER_KEYS_4_9_7 = [
    ['accessMessageInMemoryMaxRatio', 'int', '40', 'MessageStoreConfig'],
    ['aclEnable', 'boolean', 'false', 'BrokerConfig'],
    ['adminBrokerThreadPoolNums', 'int', '16', 'BrokerConfig'],
    ['autoCreateSubscriptionGroup', 'boolean', 'true', 'BrokerConfig'],
    ['autoCreateTopicEnable', 'boolean', 'true', 'BrokerConfig'],
    ['autoDeleteUnusedStats', 'boolean', 'false', 'BrokerConfig'],
    ['bitMapLengthConsumeQueueExt', 'int', '64', 'MessageStoreConfig'],
    ['brokerClusterName', 'String', 'DefaultCluster', 'BrokerConfig'],
    ['brokerFastFailureEnable', 'boolean', 'true', 'BrokerConfig'],
    [
        'brokerIP1',
        'String',
        'local IPv4: first non-loopback not starting 127.0/192.168, else last IPv4 found (RemotingUtil.getLocalAddress)',
        'BrokerConfig',
    ],
    [
        'brokerIP2',
        'String',
        'local IPv4: first non-loopback not starting 127.0/192.168, else last IPv4 found (RemotingUtil.getLocalAddress)',
        'BrokerConfig',
    ],
    [
        'brokerId',
        'long',
        '0 (forced to 0 for ASYNC_MASTER/SYNC_MASTER; SLAVE must be >0 or exit(-3); -1 if enableDLegerCommitLog)',
        'BrokerConfig',
    ],
    [
        'brokerName',
        'String',
        '<hostname> (InetAddress.getLocalHost().getHostName(); "DEFAULT_BROKER" on failure)',
        'BrokerConfig',
    ],
    ['brokerPermission', 'int', '6', 'BrokerConfig'],
    ['brokerRole', 'enum BrokerRole (String, Enum.valueOf)', 'ASYNC_MASTER', 'MessageStoreConfig'],
    ['brokerTopicEnable', 'boolean', 'true', 'BrokerConfig'],
    ['channelNotActiveInterval', 'long', '60000', 'NettyClientConfig'],
    ['checkCRCOnRecover', 'boolean', 'true', 'MessageStoreConfig'],
    ['cleanFileForciblyEnable', 'boolean', 'true', 'MessageStoreConfig'],
    ['cleanResourceInterval', 'int', '10000', 'MessageStoreConfig'],
    ['clientAsyncSemaphoreValue', 'int', '65535', 'NettyClientConfig'],
    ['clientCallbackExecutorThreads', 'int', 'NPROC', 'NettyClientConfig'],
    [
        'clientChannelMaxIdleTimeSeconds',
        'int',
        '120 (JVM -Dcom.rocketmq.remoting.client.channel.maxIdleTimeSeconds)',
        'NettyClientConfig',
    ],
    [
        'clientCloseSocketIfTimeout',
        'boolean',
        'true (JVM -Dcom.rocketmq.remoting.client.closeSocketIfTimeout)',
        'NettyClientConfig',
    ],
    ['clientManageThreadPoolNums', 'int', '32', 'BrokerConfig'],
    ['clientManagerThreadPoolQueueCapacity', 'int', '1000000', 'BrokerConfig'],
    ['clientOnewaySemaphoreValue', 'int', '65535', 'NettyClientConfig'],
    ['clientPooledByteBufAllocatorEnable', 'boolean', 'false', 'NettyClientConfig'],
    [
        'clientSocketRcvBufSize',
        'int',
        '0 (JVM -Dcom.rocketmq.remoting.socket.rcvbuf.size)',
        'NettyClientConfig',
    ],
    [
        'clientSocketSndBufSize',
        'int',
        '0 (JVM -Dcom.rocketmq.remoting.socket.sndbuf.size)',
        'NettyClientConfig',
    ],
    ['clientWorkerThreads', 'int', '4 (JVM -Dcom.rocketmq.remoting.client.worker.size)', 'NettyClientConfig'],
    ['clusterTopicEnable', 'boolean', 'true', 'BrokerConfig'],
    ['commercialBaseCount', 'int', '1', 'BrokerConfig'],
    ['commercialBigCount', 'int', '1', 'BrokerConfig'],
    ['commercialEnable', 'boolean', 'true', 'BrokerConfig'],
    ['commercialTimerCount', 'int', '1', 'BrokerConfig'],
    ['commercialTransCount', 'int', '1', 'BrokerConfig'],
    ['commitCommitLogLeastPages', 'int', '4', 'MessageStoreConfig'],
    ['commitCommitLogThoroughInterval', 'int', '200', 'MessageStoreConfig'],
    ['commitIntervalCommitLog', 'int', '200', 'MessageStoreConfig'],
    ['compressedRegister', 'boolean', 'false', 'BrokerConfig'],
    [
        'connectTimeoutMillis',
        'int',
        '3000 (JVM -Dcom.rocketmq.remoting.client.connect.timeout)',
        'NettyClientConfig',
    ],
    ['consumerFallbehindThreshold', 'long', '17179869184', 'BrokerConfig'],
    ['consumerManageThreadPoolNums', 'int', '32', 'BrokerConfig'],
    ['consumerManagerThreadPoolQueueCapacity', 'int', '1000000', 'BrokerConfig'],
    ['dLegerGroup', 'String', 'null', 'MessageStoreConfig'],
    ['dLegerPeers', 'String', 'null', 'MessageStoreConfig'],
    ['dLegerSelfId', 'String', 'null', 'MessageStoreConfig'],
    ['debugLockEnable', 'boolean', 'false', 'MessageStoreConfig'],
    ['defaultQueryMaxNum', 'int', '32', 'MessageStoreConfig'],
    ['defaultTopicQueueNums', 'int', '8', 'BrokerConfig'],
    ['deleteCommitLogFilesInterval', 'int', '100', 'MessageStoreConfig'],
    ['deleteConsumeQueueFilesInterval', 'int', '100', 'MessageStoreConfig'],
    ['deleteWhen', 'String', '04', 'MessageStoreConfig'],
    ['destroyMapedFileIntervalForcibly', 'int', '120000', 'MessageStoreConfig'],
    ['disableConsumeIfConsumerReadSlowly', 'boolean', 'false', 'BrokerConfig'],
    ['diskFallRecorded', 'boolean', 'true', 'MessageStoreConfig'],
    ['diskMaxUsedSpaceRatio', 'int', '75', 'MessageStoreConfig'],
    ['duplicationEnable', 'boolean', 'false', 'MessageStoreConfig'],
    ['enableBatchPush', 'boolean', 'false', 'MessageStoreConfig'],
    ['enableCalcFilterBitMap', 'boolean', 'false', 'BrokerConfig'],
    ['enableConsumeQueueExt', 'boolean', 'false', 'MessageStoreConfig'],
    ['enableDLegerCommitLog', 'boolean', 'false', 'MessageStoreConfig'],
    ['enableDetailStat', 'boolean', 'true', 'BrokerConfig'],
    ['enableLmq', 'boolean', 'false', 'MessageStoreConfig'],
    ['enableMultiDispatch', 'boolean', 'false', 'MessageStoreConfig'],
    ['enablePropertyFilter', 'boolean', 'false', 'BrokerConfig'],
    ['enableScheduleAsyncDeliver', 'boolean', 'false', 'MessageStoreConfig'],
    ['enableScheduleMessageStats', 'boolean', 'true', 'MessageStoreConfig'],
    ['endTransactionPoolQueueCapacity', 'int', '100000', 'BrokerConfig'],
    ['endTransactionThreadPoolNums', 'int', 'Math.max(8+NPROC*2,sendMessageThreadPoolNums*4)', 'BrokerConfig'],
    ['expectConsumerNumUseFilter', 'int', '32', 'BrokerConfig'],
    ['fastFailIfNoBufferInStorePool', 'boolean', 'false', 'MessageStoreConfig'],
    ['fetchNamesrvAddrByAddressServer', 'boolean', 'false', 'BrokerConfig'],
    ['fileReservedTime', 'int', '72', 'MessageStoreConfig'],
    ['filterDataCleanTimeSpan', 'long', '86400000', 'BrokerConfig'],
    ['filterServerNums', 'int', '0', 'BrokerConfig'],
    ['filterSupportRetry', 'boolean', 'false', 'BrokerConfig'],
    ['flushCommitLogLeastPages', 'int', '4', 'MessageStoreConfig'],
    ['flushCommitLogThoroughInterval', 'int', '10000', 'MessageStoreConfig'],
    ['flushCommitLogTimed', 'boolean', 'true', 'MessageStoreConfig'],
    ['flushConsumeQueueLeastPages', 'int', '2', 'MessageStoreConfig'],
    ['flushConsumeQueueThoroughInterval', 'int', '60000', 'MessageStoreConfig'],
    ['flushConsumerOffsetHistoryInterval', 'int', '60000', 'BrokerConfig'],
    ['flushConsumerOffsetInterval', 'int', '5000', 'BrokerConfig'],
    ['flushDelayOffsetInterval', 'long', '10000', 'MessageStoreConfig'],
    ['flushDiskType', 'enum FlushDiskType (String, Enum.valueOf)', 'ASYNC_FLUSH', 'MessageStoreConfig'],
    ['flushIntervalCommitLog', 'int', '500', 'MessageStoreConfig'],
    ['flushIntervalConsumeQueue', 'int', '1000', 'MessageStoreConfig'],
    ['flushLeastPagesWhenWarmMapedFile', 'int', '4096', 'MessageStoreConfig'],
    ['forceRegister', 'boolean', 'true', 'BrokerConfig'],
    ['haHousekeepingInterval', 'int', '20000', 'MessageStoreConfig'],
    [
        'haListenPort',
        'int',
        'listenPort+1 (ALWAYS overwritten by BrokerStartup in <=5.1.0; value in broker.conf is ignored)',
        'MessageStoreConfig',
    ],
    ['haMasterAddress', 'String', 'null', 'MessageStoreConfig'],
    ['haSendHeartbeatInterval', 'int', '5000', 'MessageStoreConfig'],
    ['haSlaveFallbehindMax', 'int', '268435456', 'MessageStoreConfig'],
    ['haTransferBatchSize', 'int', '32768', 'MessageStoreConfig'],
    ['heartbeatThreadPoolNums', 'int', 'Math.min(32,NPROC)', 'BrokerConfig'],
    ['heartbeatThreadPoolQueueCapacity', 'int', '50000', 'BrokerConfig'],
    ['highSpeedMode', 'boolean', 'false', 'BrokerConfig'],
    ['isolateLogEnable', 'boolean', 'false', 'BrokerConfig'],
    [
        'listenPort',
        'int',
        '10911 (class default 8888/0; BrokerStartup.setListenPort(10911) before reading the file)',
        'NettyServerConfig',
    ],
    ['longPollingEnable', 'boolean', 'true', 'BrokerConfig'],
    ['mappedFileSizeCommitLog', 'int', '1073741824', 'MessageStoreConfig'],
    ['mappedFileSizeConsumeQueue', 'int', '6000000', 'MessageStoreConfig'],
    ['mappedFileSizeConsumeQueueExt', 'int', '50331648', 'MessageStoreConfig'],
    ['maxDelayTime', 'int', '40', 'BrokerConfig'],
    ['maxErrorRateOfBloomFilter', 'int', '20', 'BrokerConfig'],
    ['maxHashSlotNum', 'int', '5000000', 'MessageStoreConfig'],
    ['maxIndexNum', 'int', '20000000', 'MessageStoreConfig'],
    ['maxLmqConsumeQueueNum', 'int', '20000', 'MessageStoreConfig'],
    ['maxMessageSize', 'int', '4194304', 'MessageStoreConfig'],
    ['maxMsgsNumBatch', 'int', '64', 'MessageStoreConfig'],
    ['maxTransferBytesOnMessageInDisk', 'int', '65536', 'MessageStoreConfig'],
    ['maxTransferBytesOnMessageInMemory', 'int', '262144', 'MessageStoreConfig'],
    ['maxTransferCountOnMessageInDisk', 'int', '8', 'MessageStoreConfig'],
    ['maxTransferCountOnMessageInMemory', 'int', '32', 'MessageStoreConfig'],
    [
        'messageDelayLevel',
        'String',
        '1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h',
        'MessageStoreConfig',
    ],
    ['messageIndexEnable', 'boolean', 'true', 'MessageStoreConfig'],
    ['messageIndexSafe', 'boolean', 'false', 'MessageStoreConfig'],
    ['messageStorePlugIn', 'String', '', 'BrokerConfig'],
    ['msgTraceTopicName', 'String', 'RMQ_SYS_TRACE_TOPIC', 'BrokerConfig'],
    ['namesrvAddr', 'String', '${NAMESRV_ADDR} (or JVM -Drocketmq.namesrv.addr); else null', 'BrokerConfig'],
    ['notifyConsumerIdsChangedEnable', 'boolean', 'true', 'BrokerConfig'],
    ['offsetCheckInSlave', 'boolean', 'false', 'MessageStoreConfig'],
    ['osPageCacheBusyTimeOutMills', 'long', '1000', 'MessageStoreConfig'],
    ['preferredLeaderId', 'String', 'null', 'MessageStoreConfig'],
    ['processReplyMessageThreadPoolNums', 'int', '16+NPROC*2', 'BrokerConfig'],
    ['pullMessageThreadPoolNums', 'int', '16+NPROC*2', 'BrokerConfig'],
    ['pullThreadPoolQueueCapacity', 'int', '100000', 'BrokerConfig'],
    ['putMessageFutureThreadPoolNums', 'int', 'Math.min(NPROC,4)', 'BrokerConfig'],
    ['putMsgIndexHightWater', 'int', '600000', 'MessageStoreConfig'],
    ['putThreadPoolQueueCapacity', 'int', '10000', 'BrokerConfig'],
    ['queryMessageThreadPoolNums', 'int', '8+NPROC', 'BrokerConfig'],
    ['queryThreadPoolQueueCapacity', 'int', '20000', 'BrokerConfig'],
    ['readOnlyCommitLogStorePaths', 'String', 'null', 'MessageStoreConfig'],
    ['redeleteHangedFileInterval', 'int', '120000', 'MessageStoreConfig'],
    ['regionId', 'String', 'DefaultRegion', 'BrokerConfig'],
    ['registerBrokerTimeoutMills', 'int', '6000', 'BrokerConfig'],
    ['registerNameServerPeriod', 'int', '30000', 'BrokerConfig'],
    ['rejectTransactionMessage', 'boolean', 'false', 'BrokerConfig'],
    ['replyThreadPoolQueueCapacity', 'int', '10000', 'BrokerConfig'],
    [
        'rmqAddressServerDomain',
        'String',
        'jmenv.tbsite.net (-> System property rocketmq.namesrv.domain)',
        'BrokerStartup.properties2SystemEnv',
    ],
    [
        'rmqAddressServerSubGroup',
        'String',
        'nsaddr (-> System property rocketmq.namesrv.domain.subgroup)',
        'BrokerStartup.properties2SystemEnv',
    ],
    [
        'rocketmqHome',
        'String',
        '${ROCKETMQ_HOME} (or JVM -Drocketmq.home.dir); REQUIRED, broker exits(-2) if null',
        'BrokerConfig',
    ],
    ['scheduleAsyncDeliverMaxPendingLimit', 'int', '2000', 'MessageStoreConfig'],
    ['scheduleAsyncDeliverMaxResendNum2Blocked', 'int', '3', 'MessageStoreConfig'],
    ['sendMessageThreadPoolNums', 'int', 'Math.min(NPROC,4)', 'BrokerConfig'],
    ['sendThreadPoolQueueCapacity', 'int', '10000', 'BrokerConfig'],
    ['serverAsyncSemaphoreValue', 'int', '64', 'NettyServerConfig'],
    ['serverCallbackExecutorThreads', 'int', '0', 'NettyServerConfig'],
    ['serverChannelMaxIdleTimeSeconds', 'int', '120', 'NettyServerConfig'],
    ['serverOnewaySemaphoreValue', 'int', '256', 'NettyServerConfig'],
    ['serverPooledByteBufAllocatorEnable', 'boolean', 'true', 'NettyServerConfig'],
    ['serverSelectorThreads', 'int', '3', 'NettyServerConfig'],
    ['serverSocketBacklog', 'int', '1024 (JVM -Dcom.rocketmq.remoting.socket.backlog)', 'NettyServerConfig'],
    [
        'serverSocketRcvBufSize',
        'int',
        '0 (JVM -Dcom.rocketmq.remoting.socket.rcvbuf.size)',
        'NettyServerConfig',
    ],
    [
        'serverSocketSndBufSize',
        'int',
        '0 (JVM -Dcom.rocketmq.remoting.socket.sndbuf.size)',
        'NettyServerConfig',
    ],
    ['serverWorkerThreads', 'int', '8', 'NettyServerConfig'],
    ['shortPollingTimeMills', 'long', '1000', 'BrokerConfig'],
    ['slaveReadEnable', 'boolean', 'false', 'BrokerConfig'],
    ['slaveTimeout', 'int', '3000', 'MessageStoreConfig'],
    ['startAcceptSendRequestTimeStamp', 'long', '0', 'BrokerConfig'],
    ['storePathCommitLog', 'String', 'null -> storePathRootDir + "/commitlog" (getter)', 'MessageStoreConfig'],
    ['storePathDLedgerCommitLog', 'String', 'null', 'MessageStoreConfig'],
    ['storePathRootDir', 'String', '${user.home}/store', 'MessageStoreConfig'],
    ['storeReplyMessageEnable', 'boolean', 'true', 'BrokerConfig'],
    ['syncFlushTimeout', 'int', '5000', 'MessageStoreConfig'],
    ['traceOn', 'boolean', 'true', 'BrokerConfig'],
    ['traceTopicEnable', 'boolean', 'false', 'BrokerConfig'],
    ['transactionCheckInterval', 'long', '60000', 'BrokerConfig'],
    ['transactionCheckMax', 'int', '15', 'BrokerConfig'],
    ['transactionTimeOut', 'long', '6000', 'BrokerConfig'],
    ['transferMsgByHeap', 'boolean', 'true', 'BrokerConfig'],
    ['transientStorePoolEnable', 'boolean', 'false', 'MessageStoreConfig'],
    ['transientStorePoolSize', 'int', '5', 'MessageStoreConfig'],
    ['useEpollNativeSelector', 'boolean', 'false', 'NettyServerConfig'],
    ['useReentrantLockWhenPutMessage', 'boolean', 'true', 'MessageStoreConfig'],
    [
        'useTLS',
        'boolean',
        'false (BrokerStartup: Boolean.parseBoolean(-Dtls.enable, tlsMode==ENFORCING))',
        'NettyClientConfig',
    ],
    ['waitTimeMillsInHeartbeatQueue', 'long', '31000', 'BrokerConfig'],
    ['waitTimeMillsInPullQueue', 'long', '5000', 'BrokerConfig'],
    ['waitTimeMillsInSendQueue', 'long', '200', 'BrokerConfig'],
    ['waitTimeMillsInTransactionQueue', 'long', '3000', 'BrokerConfig'],
    ['warmMapedFileEnable', 'boolean', 'false', 'MessageStoreConfig'],
    [
        'writeBufferHighWaterMark',
        'int',
        '0 (JVM -Dcom.rocketmq.remoting.write.buffer.high.water.mark)',
        'NettyServerConfig|NettyClientConfig',
    ],
    [
        'writeBufferLowWaterMark',
        'int',
        '0 (JVM -Dcom.rocketmq.remoting.write.buffer.low.water.mark)',
        'NettyServerConfig|NettyClientConfig',
    ],
];
/** Releases whose key sets are known exactly (broker-keys-versions.tsv). */
const BROKER_KEY_MATRIX_VERSIONS = [
    '4.8.0',
    '4.9.0',
    '4.9.1',
    '4.9.2',
    '4.9.3',
    '4.9.4',
    '4.9.5',
    '4.9.6',
    '4.9.7',
    '4.9.8',
    '5.0.0',
    '5.3.3',
];
/** key -> space-separated releases (of BROKER_KEY_MATRIX_VERSIONS) that read it. */
const BROKER_KEY_PRESENCE = {
    accessMessageInMemoryHotRatio: '5.3.3',
    accessMessageInMemoryMaxRatio: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    accountStatsEnable: '5.0.0 5.3.3',
    accountStatsPrintZeroValues: '5.0.0 5.3.3',
    ackMessageThreadPoolNums: '5.0.0 5.3.3',
    ackThreadPoolQueueCapacity: '5.0.0 5.3.3',
    aclCacheExpiredSecond: '5.3.3',
    aclCacheMaxNum: '5.3.3',
    aclCacheRefreshSecond: '5.3.3',
    aclEnable: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    adminBrokerThreadPoolNums: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    adminBrokerThreadPoolQueueCapacity: '5.0.0 5.3.3',
    allAckInSyncStateSet: '5.0.0 5.3.3',
    allowRecallWhenBrokerNotWriteable: '5.3.3',
    appendAckAsync: '5.3.3',
    appendCkAsync: '5.3.3',
    asyncLearner: '5.0.0 5.3.3',
    asyncSendEnable: '5.0.0 5.3.3',
    authConfigPath: '5.3.3',
    authenticationEnabled: '5.3.3',
    authenticationMetadataProvider: '5.3.3',
    authenticationProvider: '5.3.3',
    authenticationStrategy: '5.3.3',
    authenticationWhitelist: '5.3.3',
    authorizationEnabled: '5.3.3',
    authorizationMetadataProvider: '5.3.3',
    authorizationProvider: '5.3.3',
    authorizationStrategy: '5.3.3',
    authorizationWhitelist: '5.3.3',
    autoCreateSubscriptionGroup: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    autoCreateTopicEnable: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    autoDeleteUnusedStats: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    autoMessageVersionOnTopicLen: '5.3.3',
    batchDispatchRequestThreadPoolNums: '5.3.3',
    bindAddress: '5.0.0 5.3.3',
    bitMapLengthConsumeQueueExt: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    bottomMostCompressionTypeForConsumeQueueStore: '5.3.3',
    broadcastOffsetExpireMaxSecond: '5.3.3',
    broadcastOffsetExpireSecond: '5.3.3',
    brokerClusterName: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    brokerConfigPath: '5.0.0 5.3.3',
    brokerElectionPriority: '5.3.3',
    brokerFastFailureEnable: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    brokerHeartbeatInterval: '5.0.0 5.3.3',
    brokerIP1: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    brokerIP2: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    brokerId: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    brokerName: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    brokerNotActiveTimeoutMillis: '5.0.0 5.3.3',
    brokerPermission: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    brokerRole: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    brokerTopicEnable: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    cgColdReadThreshold: '5.3.3',
    channelExpiredTimeout: '5.3.3',
    channelNotActiveInterval: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    checkCRCOnRecover: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    checkSyncStateSetPeriod: '5.0.0 5.3.3',
    cleanFileForciblyEnable: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    cleanOfflineBrokerInterval: '5.0.0 5.3.3',
    cleanResourceInterval: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    cleanRocksDBDirtyCQIntervalMin: '5.3.3',
    cleanSwapedMapInterval: '5.0.0 5.3.3',
    clearRetryTopicWhenDeleteTopic: '5.3.3',
    clientAsyncSemaphoreValue: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    clientCallbackExecutorThreads: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    clientChannelMaxIdleTimeSeconds: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    clientCloseSocketIfTimeout: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    clientManageThreadPoolNums: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    clientManagerThreadPoolQueueCapacity: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    clientOnewaySemaphoreValue: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    clientPooledByteBufAllocatorEnable: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    clientSocketRcvBufSize: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    clientSocketSndBufSize: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    clientWorkerThreads: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    clusterName: '5.3.3',
    clusterTopicEnable: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    coldCtrStrategyEnable: '5.3.3',
    coldDataFlowControlEnable: '5.3.3',
    coldDataScanEnable: '5.3.3',
    commercialBaseCount: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    commercialBigCount: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8',
    commercialEnable: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8',
    commercialSizePerMsg: '5.0.0 5.3.3',
    commercialTimerCount: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8',
    commercialTransCount: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8',
    commitCommitLogLeastPages: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    commitCommitLogThoroughInterval: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    commitIntervalCommitLog: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    commitLogForceSwapMapInterval: '5.0.0 5.3.3',
    commitLogSwapMapInterval: '5.0.0 5.3.3',
    commitLogSwapMapReserveFileNum: '5.0.0 5.3.3',
    compactionCqMappedFileSize: '5.3.3',
    compactionMappedFileSize: '5.3.3',
    compactionScheduleInternal: '5.3.3',
    compactionThreadNum: '5.3.3',
    compatibleWithOldNameSrv: '5.0.0 5.3.3',
    compressedRegister: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    configBlackList: '4.9.8 5.3.3',
    configManagerVersion: '5.3.3',
    configName: '5.3.3',
    connectTimeoutMillis: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    consumerFallbehindThreshold: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    consumerManageThreadPoolNums: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    consumerManagerThreadPoolQueueCapacity: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    consumerOffsetUpdateVersionStep: '5.0.0 5.3.3',
    controllerAddr: '5.0.0 5.3.3',
    controllerHeartBeatTimeoutMills: '5.3.3',
    correctLogicMinOffsetForceInterval: '5.0.0 5.3.3',
    correctLogicMinOffsetSleepInterval: '5.0.0 5.3.3',
    dLegerGroup: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    dLegerPeers: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    dLegerSelfId: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    dataReadAheadEnable: '5.3.3',
    debugLockEnable: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    defaultMessageRequestMode: '5.0.0 5.3.3',
    defaultPopShareQueueNum: '5.0.0 5.3.3',
    defaultQueryMaxNum: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    defaultTopicQueueNums: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    delayOffsetUpdateVersionStep: '5.0.0 5.3.3',
    deleteCommitLogFilesInterval: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    deleteConsumeQueueFilesInterval: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    deleteFileBatchMax: '5.0.0 5.3.3',
    deleteWhen: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    destroyMapedFileIntervalForcibly: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    disableCallbackExecutor: '5.0.0 5.3.3',
    disableConsumeIfConsumerReadSlowly: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    disableNettyWorkerGroup: '5.0.0 5.3.3',
    disappearTimeAfterStart: '5.0.0 5.3.3',
    diskFallRecorded: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    diskMaxUsedSpaceRatio: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    diskSpaceCleanForciblyRatio: '5.0.0 5.3.3',
    diskSpaceWarningLevelRatio: '5.0.0 5.3.3',
    dispatchCqCacheNum: '5.0.0 5.3.3',
    dispatchCqThreads: '5.0.0 5.3.3',
    dispatchFromSenderThread: '5.0.0 5.3.3',
    duplicationEnable: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    enableAsyncReput: '5.0.0 5.3.3',
    enableAutoInSyncReplicas: '5.0.0 5.3.3',
    enableBatchPush: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    enableBroadcastOffsetStore: '5.3.3',
    enableBuildConsumeQueueConcurrently: '5.3.3',
    enableCalcFilterBitMap: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    enableCleanExpiredOffset: '5.0.0 5.3.3',
    enableCompaction: '5.3.3',
    enableConsumeQueueExt: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    enableControllerMode: '5.0.0 5.3.3',
    enableCreateSysGroup: '5.3.3',
    enableDLegerCommitLog: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    enableDetailStat: '4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    enableFastChannelEventProcess: '5.3.3',
    enableLmq: '4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    enableLmqStats: '5.3.3',
    enableMixedMessageType: '5.3.3',
    enableMultiDispatch: '4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    enableNetWorkFlowControl: '5.0.0 5.3.3',
    enableNotifyAfterPopOrderLockRelease: '5.3.3',
    enableNotifyBeforePopCalculateLag: '5.3.3',
    enablePopBatchAck: '5.3.3',
    enablePopBufferMerge: '5.0.0 5.3.3',
    enablePopLog: '5.0.0 5.3.3',
    enablePopMessageThreshold: '5.3.3',
    enablePropertyFilter: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    enableReconnectForGoAway: '5.3.3',
    enableRegisterProducer: '5.3.3',
    enableRemoteEscape: '5.0.0 5.3.3',
    enableRetryTopicV2: '5.3.3',
    enableRocksDBLog: '5.3.3',
    enableScheduleAsyncDeliver: '4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    enableScheduleMessageStats: '4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    enableShutdownGracefully: '5.3.3',
    enableSingleTopicRegister: '5.3.3',
    enableSkipLongAwaitingAck: '5.3.3',
    enableSlaveActingMaster: '5.0.0 5.3.3',
    enableSplitRegistration: '5.3.3',
    enabledAppendPropCRC: '5.3.3',
    endTransactionPoolQueueCapacity: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    endTransactionThreadPoolNums: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    estimateAccumulation: '5.3.3',
    expectConsumerNumUseFilter: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    fastFailIfNoBufferInStorePool: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    fetchControllerAddrByDnsLookup: '5.3.3',
    fetchNameSrvAddrByDnsLookup: '5.3.3',
    fetchNamesrvAddrByAddressServer: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    fetchNamesrvAddrInterval: '5.3.3',
    fileReservedTime: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    filterDataCleanTimeSpan: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    filterServerNums: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0',
    filterSupportRetry: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    flushCommitLogLeastPages: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    flushCommitLogThoroughInterval: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    flushCommitLogTimed: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    flushConsumeQueueLeastPages: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    flushConsumeQueueThoroughInterval: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    flushConsumerOffsetHistoryInterval: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    flushConsumerOffsetInterval: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    flushDelayOffsetInterval: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    flushDiskType: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    flushIntervalCommitLog: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    flushIntervalConsumeQueue: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    flushLeastPagesWhenWarmMapedFile: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    forceRegister: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    forceVerifyPropCRC: '5.3.3',
    forwardTimeout: '5.0.0 5.3.3',
    globalColdReadThreshold: '5.3.3',
    haFlowControlEnable: '5.0.0 5.3.3',
    haHousekeepingInterval: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    haListenPort: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    haMasterAddress: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    haMaxGapNotInSync: '5.0.0 5.3.3',
    haMaxTimeSlaveNotCatchup: '5.0.0 5.3.3',
    haSendHeartbeatInterval: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    haSlaveFallbehindMax: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8',
    haTransferBatchSize: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    heartbeatThreadPoolNums: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    heartbeatThreadPoolQueueCapacity: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    highSpeedMode: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    inBrokerContainer: '5.0.0 5.3.3',
    inSyncReplicas: '5.0.0 5.3.3',
    initAuthenticationUser: '5.3.3',
    initPopOffsetByCheckMsgInMem: '5.3.3',
    innerClientAuthenticationCredentials: '5.3.3',
    isolateLogEnable: '4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    listenPort: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    litePullMessageEnable: '5.0.0 5.3.3',
    litePullMessageThreadPoolNums: '5.0.0 5.3.3',
    litePullThreadPoolQueueCapacity: '5.0.0 5.3.3',
    loadBalancePollNameServerInterval: '5.0.0 5.3.3',
    loadBalanceProcessorThreadPoolNums: '5.0.0 5.3.3',
    loadBalanceThreadPoolQueueCapacity: '5.0.0 5.3.3',
    lockInStrictMode: '5.0.0 5.3.3',
    logicQueueForceSwapMapInterval: '5.0.0 5.3.3',
    logicQueueSwapMapInterval: '5.0.0 5.3.3',
    logicQueueSwapMapReserveFileNum: '5.0.0 5.3.3',
    logicalDiskSpaceCleanForciblyThreshold: '5.0.0 5.3.3',
    longPollingEnable: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    mappedFileSizeCommitLog: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    mappedFileSizeConsumeQueue: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    mappedFileSizeConsumeQueueExt: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    mappedFileSizeTimerLog: '5.0.0 5.3.3',
    mappedFileSwapEnable: '5.0.0 5.3.3',
    mapperFileSizeBatchConsumeQueue: '5.0.0 5.3.3',
    maxAsyncPutMessageRequests: '5.0.0 5.3.3',
    maxBatchDeleteFilesNum: '5.0.0 5.3.3',
    maxChecksumRange: '5.0.0 5.3.3',
    maxConsumeQueueScan: '5.3.3',
    maxDelayTime: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0',
    maxErrorRateOfBloomFilter: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    maxFilterMessageSize: '5.3.3',
    maxHaTransferByteInSecond: '5.0.0 5.3.3',
    maxHashSlotNum: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    maxIndexNum: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    maxLmqConsumeQueueNum: '4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    maxMessageSize: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    maxMsgsNumBatch: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    maxOffsetMapSize: '5.3.3',
    maxPopPollingSize: '5.0.0 5.3.3',
    maxReconnectIntervalTimeSeconds: '5.3.3',
    maxRecoveryCommitlogFiles: '5.0.0 5.3.3',
    maxSlaveResendLength: '5.0.0 5.3.3',
    maxStatsIdleTimeInMinutes: '5.3.3',
    maxTopicLength: '5.0.0 5.3.3',
    maxTransferBytesOnMessageInDisk: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    maxTransferBytesOnMessageInMemory: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    maxTransferCountOnMessageInDisk: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    maxTransferCountOnMessageInMemory: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    memTableFlushIntervalMs: '5.3.3',
    messageDelayLevel: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    messageIndexEnable: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    messageIndexSafe: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    messageStorePlugIn: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    metricGrpcExporterIntervalInMills: '5.3.3',
    metricGrpcExporterTimeOutInMills: '5.3.3',
    metricLoggingExporterIntervalInMills: '5.3.3',
    metricsExporterType: '5.3.3',
    metricsGrpcExporterHeader: '5.3.3',
    metricsGrpcExporterTarget: '5.3.3',
    metricsInDelta: '5.3.3',
    metricsLabel: '5.3.3',
    metricsOtelCardinalityLimit: '5.3.3',
    metricsPromExporterHost: '5.3.3',
    metricsPromExporterPort: '5.3.3',
    migrateAuthFromV1Enabled: '5.3.3',
    minInSyncReplicas: '5.0.0 5.3.3',
    msgTraceTopicName: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    namesrvAddr: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    notifyConsumerIdsChangedEnable: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    offsetCheckInSlave: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    osPageCacheBusyTimeOutMills: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    popCkMaxBufferSize: '5.0.0 5.3.3',
    popCkOffsetMaxQueueSize: '5.0.0 5.3.3',
    popCkStayBufferTime: '5.0.0 5.3.3',
    popCkStayBufferTimeOut: '5.0.0 5.3.3',
    popConsumerFSServiceInit: '5.3.3',
    popConsumerKVServiceEnable: '5.3.3',
    popConsumerKVServiceInit: '5.3.3',
    popConsumerKVServiceLog: '5.3.3',
    popFromRetryProbability: '5.3.3',
    popInflightMessageThreshold: '5.3.3',
    popLongPollingForceNotifyInterval: '5.3.3',
    popPollingMapSize: '5.0.0 5.3.3',
    popPollingSize: '5.0.0 5.3.3',
    popResponseReturnActualRetryTopic: '5.3.3',
    popReviveMaxAttemptTimes: '5.3.3',
    popReviveMaxReturnSizePerRead: '5.3.3',
    preferredLeaderId: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    printChannelGroups: '5.3.3',
    printChannelGroupsMinNum: '5.3.3',
    processReplyMessageThreadPoolNums: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    pullBatchMaxMessageCount: '5.0.0 5.3.3',
    pullMessageThreadPoolNums: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    pullThreadPoolQueueCapacity: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    putConsumeQueueDataByFileChannel: '5.3.3',
    putMessageFutureThreadPoolNums: '4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    putMessageTimeout: '5.0.0 5.3.3',
    putMsgIndexHightWater: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    putThreadPoolQueueCapacity: '4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    queryMessageThreadPoolNums: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    queryThreadPoolQueueCapacity: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    readOnlyCommitLogStorePaths: '4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    readUnCommitted: '5.3.3',
    realTimeNotifyConsumerChange: '5.0.0 5.3.3',
    realTimePersistRocksDBConfig: '5.3.3',
    recallMessageEnable: '5.3.3',
    recheckReputOffsetFromCq: '5.0.0 5.3.3',
    recoverConcurrently: '5.3.3',
    recoverThreadPoolNums: '5.3.3',
    redeleteHangedFileInterval: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    regionId: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    registerBrokerTimeoutMills: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    registerNameServerPeriod: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    rejectPullConsumerEnable: '5.0.0 5.3.3',
    rejectTransactionMessage: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    replicasPerDiskPartition: '5.0.0 5.3.3',
    replyThreadPoolQueueCapacity: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    retrieveMessageFromPopRetryTopicV1: '5.3.3',
    reviveAckWaitMs: '5.3.3',
    reviveInterval: '5.0.0 5.3.3',
    reviveMaxSlow: '5.0.0 5.3.3',
    reviveQueueNum: '5.0.0 5.3.3',
    reviveScanTime: '5.0.0 5.3.3',
    rmqAddressServerDomain: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    rmqAddressServerSubGroup: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    rocketmqHome: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    rocksdbCQDoubleWriteEnable: '5.3.3',
    rocksdbCompressionType: '5.3.3',
    rocksdbFlushWalFrequency: '5.3.3',
    rocksdbWalFileRollingThreshold: '5.3.3',
    sampleCountThreshold: '5.3.3',
    sampleSteps: '5.3.3',
    scanAvailableNameSrv: '5.3.3',
    scheduleAsyncDeliverMaxPendingLimit: '4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    scheduleAsyncDeliverMaxResendNum2Blocked: '4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    searchBcqByCacheEnable: '5.0.0 5.3.3',
    sendHeartbeatTimeoutMillis: '5.0.0 5.3.3',
    sendMessageThreadPoolNums: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    sendThreadPoolQueueCapacity: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    serverAsyncSemaphoreValue: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    serverCallbackExecutorThreads: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    serverChannelMaxIdleTimeSeconds: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    serverLoadBalancerEnable: '5.0.0 5.3.3',
    serverNettyWorkerGroupEnable: '5.3.3',
    serverOnewaySemaphoreValue: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    serverPooledByteBufAllocatorEnable: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    serverSelectorThreads: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    serverSocketBacklog: '4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    serverSocketRcvBufSize: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    serverSocketSndBufSize: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    serverWorkerThreads: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    shortPollingTimeMills: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    shutdownWaitTimeSeconds: '5.3.3',
    skipPreOnline: '5.0.0 5.3.3',
    skipWhenCKRePutReachMaxTimes: '5.3.3',
    slaveReadEnable: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    slaveTimeout: '4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    socksProxyConfig: '5.3.3',
    spinLockCollisionRetreatOptimalDegree: '5.3.3',
    splitRegistrationSize: '5.3.3',
    startAcceptSendRequestTimeStamp: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    statRocksDBCQIntervalSec: '5.3.3',
    statefulAuthenticationCacheExpiredSecond: '5.3.3',
    statefulAuthenticationCacheMaxNum: '5.3.3',
    statefulAuthorizationCacheExpiredSecond: '5.3.3',
    statefulAuthorizationCacheMaxNum: '5.3.3',
    storePathBrokerIdentity: '5.3.3',
    storePathCommitLog: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    storePathDLedgerCommitLog: '4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    storePathEpochFile: '5.0.0 5.3.3',
    storePathRootDir: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    storeReplyMessageEnable: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    storeType: '5.3.3',
    subscriptionExpiredTimeout: '5.3.3',
    syncBrokerMemberGroupPeriod: '5.0.0 5.3.3',
    syncBrokerMetadataPeriod: '5.0.0 5.3.3',
    syncControllerMetadataPeriod: '5.0.0 5.3.3',
    syncFlushTimeout: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    syncFromLastFile: '5.0.0 5.3.3',
    syncMasterFlushOffsetWhenStartup: '5.0.0 5.3.3',
    timerColdDataCheckIntervalMs: '5.3.3',
    timerCongestNumEachSlot: '5.0.0 5.3.3',
    timerEnableCheckMetrics: '5.0.0 5.3.3',
    timerEnableRetryUntilSuccess: '5.3.3',
    timerFlushIntervalMs: '5.0.0 5.3.3',
    timerGetMessageThreadNum: '5.0.0 5.3.3',
    timerInterceptDelayLevel: '5.0.0 5.3.3',
    timerMaxDelaySec: '5.0.0 5.3.3',
    timerMetricSmallThreshold: '5.0.0 5.3.3',
    timerPrecisionMs: '5.0.0 5.3.3',
    timerProgressLogIntervalMs: '5.0.0 5.3.3',
    timerPutMessageThreadNum: '5.0.0 5.3.3',
    timerRollWindowSlot: '5.0.0 5.3.3',
    timerSkipUnknownError: '5.3.3',
    timerStopEnqueue: '5.0.0 5.3.3',
    timerWheelEnable: '5.0.0 5.3.3',
    topicQueueLockNum: '5.3.3',
    totalReplicas: '5.0.0 5.3.3',
    traceOn: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    traceTopicEnable: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    transactionCheckInterval: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    transactionCheckMax: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    transactionMetricFlushInterval: '5.3.3',
    transactionOpBatchInterval: '5.3.3',
    transactionOpMsgMaxSize: '5.3.3',
    transactionTimeOut: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    transferMsgByHeap: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    transientStorePoolEnable: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    transientStorePoolSize: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    travelCqFileNumWhenGetMessage: '5.0.0 5.3.3',
    updateNameServerAddrPeriod: '5.3.3',
    useABSLock: '5.3.3',
    useEpollNativeSelector: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    usePIDColdCtrStrategy: '5.3.3',
    useReentrantLockWhenPutMessage: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    useServerSideResetOffset: '5.3.3',
    useStaticSubscription: '5.3.3',
    useTLS: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    userCacheExpiredSecond: '5.3.3',
    userCacheMaxNum: '5.3.3',
    userCacheRefreshSecond: '5.3.3',
    validateSystemTopicWhenUpdateTopic: '5.3.3',
    waitTimeMillsInAckQueue: '5.0.0 5.3.3',
    waitTimeMillsInAdminBrokerQueue: '5.3.3',
    waitTimeMillsInHeartbeatQueue: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    waitTimeMillsInLitePullQueue: '5.0.0 5.3.3',
    waitTimeMillsInPullQueue: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    waitTimeMillsInSendQueue: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    waitTimeMillsInTransactionQueue: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    wakeCommitWhenPutMessage: '5.0.0 5.3.3',
    wakeFlushWhenPutMessage: '5.0.0 5.3.3',
    warmMapedFileEnable: '4.8.0 4.9.0 4.9.1 4.9.2 4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    writeBufferHighWaterMark: '4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
    writeBufferLowWaterMark: '4.9.3 4.9.4 4.9.5 4.9.6 4.9.7 4.9.8 5.0.0 5.3.3',
};

// EXTERNAL MODULE: ./src/spec/own.ts
var own = __webpack_require__(4223);
;// CONCATENATED MODULE: ./src/spec/broker-keys.ts
/**
 * Which broker.conf keys a RocketMQ image reads, by version. RocketMQ silently ignores keys it does
 * not know, so the validator, the renderer and the effective-config gate all check against these.
 */


/** Enum constants, read from RocketMQ's sources (BrokerRole, FlushDiskType, MessageRequestMode). */
const ENUMS = {
    BrokerRole: ['ASYNC_MASTER', 'SYNC_MASTER', 'SLAVE'],
    FlushDiskType: ['ASYNC_FLUSH', 'SYNC_FLUSH'],
    MessageRequestMode: ['PULL', 'POP'],
};
function toMap(rows) {
    const map = new Map();
    for (const [key, type, defaultValue, owner] of rows) {
        const enumName = /^enum (\w+)/.exec(type)?.[1];
        const enumValues = enumName ? ENUMS[enumName] : undefined;
        map.set(key, { type, default: defaultValue, owner, ...(enumValues ? { enumValues } : {}) });
    }
    return map;
}
const FAMILY_TABLES = {
    '4.8': { version: '4.8.0', keys: toMap(BROKER_KEYS_4_8_0) },
    '4.9': { version: '4.9.8', keys: toMap(BROKER_KEYS_4_9_8) },
    '5': { version: '5.3.3', keys: toMap(BROKER_KEYS_5_3_3) },
};
/** Releases with a table of their own (the family's table covers the others). */
const RELEASE_TABLES = {
    '4.8.0': FAMILY_TABLES['4.8'].keys,
    '4.9.7': toMap(BROKER_KEYS_4_9_7),
    '4.9.8': FAMILY_TABLES['4.9'].keys,
    '5.3.3': FAMILY_TABLES['5'].keys,
};
function parseVersion(text) {
    const m = /^(\d+)\.(\d+)(?:\.(\d+))?$/.exec(text);
    if (!m)
        return undefined;
    return { major: Number(m[1]), minor: Number(m[2]), ...(m[3] !== undefined ? { patch: Number(m[3]) } : {}) };
}
/** -1, 0, 1; a missing patch counts as 0. */
function compareVersions(a, b) {
    return Math.sign(a.major - b.major || a.minor - b.minor || (a.patch ?? 0) - (b.patch ?? 0));
}
/** The tag of an image reference, without registry, repository or digest; undefined when untagged. */
function imageTag(image) {
    const withoutDigest = image.split('@')[0] ?? '';
    const lastSegment = withoutDigest.slice(withoutDigest.lastIndexOf('/') + 1);
    const colon = lastSegment.indexOf(':');
    return colon >= 0 ? lastSegment.slice(colon + 1) : undefined;
}
/**
 * The RocketMQ version in an image's tag: `apacherocketmq/rocketmq:4.8.0-alpine` -> `4.8.0`,
 * `apache/rocketmq:5.3.3` -> `5.3.3`, `x/rocketmq:4.9` -> `4.9`; undefined for `latest` or no tag.
 */
function rocketmqVersionOf(image) {
    const tag = imageTag(image);
    if (!tag)
        return undefined;
    const m = /(?:^|[^\d.])v?(\d+\.\d+(?:\.\d+)?)(?![.\d])/.exec(tag);
    return m?.[1];
}
function familyOf(v) {
    if (v.major === 5)
        return '5';
    if (v.major === 4 && v.minor === 9)
        return '4.9';
    if (v.major === 4 && v.minor <= 8)
        return '4.8';
    return undefined;
}
/** The key table to check an image's broker.conf against; the newest table (with a note) when unsure. */
function keyTableFor(image) {
    const text = rocketmqVersionOf(image);
    const v = text ? parseVersion(text) : undefined;
    const family = v ? familyOf(v) : undefined;
    if (!family || !text) {
        const newest = FAMILY_TABLES['5'];
        const why = text
            ? `RocketMQ ${text} is not a version with a known key table`
            : `no RocketMQ version in '${image}'`;
        return {
            version: newest.version,
            family: '5',
            keys: newest.keys,
            note: `${why}: broker.conf keys checked against RocketMQ ${newest.version}`,
        };
    }
    const release = (0,own/* own */.Z)(RELEASE_TABLES, text);
    if (release)
        return { version: text, family, keys: release };
    const table = FAMILY_TABLES[family];
    const exact = text === table.version || (family === '4.8' && text === '4.8');
    return {
        version: table.version,
        family,
        keys: table.keys,
        ...(exact
            ? {}
            : { note: `broker.conf keys of RocketMQ ${text} checked against RocketMQ ${table.version}` }),
    };
}
/** The current spelling of an old key that RocketMQ no longer reads (mapedFile* -> mappedFile*). */
function legacyKey(key) {
    const row = LEGACY_BROKER_KEYS.find(([k]) => k === key);
    return row ? { replacement: row[1], lastSeenIn: row[2] } : undefined;
}
/**
 * Whether RocketMQ `version` reads `key`, from the per-release matrix: undefined when that release is
 * not in the matrix (only the family table is known then).
 */
function keyReadBy(key, version) {
    if (!BROKER_KEY_MATRIX_VERSIONS.includes(version))
        return undefined;
    const present = (0,own/* own */.Z)(BROKER_KEY_PRESENCE, key);
    return present !== undefined && present.split(' ').includes(version);
}
/** Releases (of the matrix) that read `key`, oldest first; empty when none does. */
function releasesReading(key) {
    const present = (0,own/* own */.Z)(BROKER_KEY_PRESENCE, key);
    return present ? present.split(' ') : [];
}


/***/ }),

/***/ 5293:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cs: () => (/* binding */ hasErrors),
/* harmony export */   Ot: () => (/* binding */ countBySeverity),
/* harmony export */   Tc: () => (/* binding */ sortFindings),
/* harmony export */   g$: () => (/* binding */ printable),
/* harmony export */   tf: () => (/* binding */ formatFinding)
/* harmony export */ });
function hasErrors(findings) {
    return findings.some((f) => f.severity === 'error');
}
function countBySeverity(findings) {
    const counts = { error: 0, warning: 0, notice: 0 };
    for (const f of findings)
        counts[f.severity] += 1;
    return counts;
}
/**
 * Control characters (C0, DEL, C1), Unicode line and paragraph separators and bidirectional
 * overrides: in a terminal or a CI log they start a line, move the cursor or reorder text.
 */
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
/**
 * Text safe to print as part of one line: every character above is written as an escape (`\n`,
 * `\u001b`), so a value from the spec (or a host) can never start a line of its own, e.g. a forged
 * `::error` workflow command or a fake `file:1:1: error:` line.
 */
function printable(text) {
    return text.replace(UNPRINTABLE, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
/** `file:line:col: severity: message (hint)` — the shape compilers and problem matchers expect. */
function formatFinding(f) {
    const where = `${f.file ?? '<spec>'}:${f.line ?? 1}:${f.column ?? 1}`;
    const hint = f.hint ? ` (${f.hint})` : '';
    return printable(`${where}: ${f.severity}: ${f.message}${hint}`);
}
/** Sort by position so output reads top to bottom like the file. */
function sortFindings(findings) {
    return [...findings].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) ||
        (a.column ?? 0) - (b.column ?? 0) ||
        a.code.localeCompare(b.code) ||
        a.message.localeCompare(b.message));
}


/***/ }),

/***/ 4223:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ own)
/* harmony export */ });
/* unused harmony export PROTOTYPE_NAMES */
/**
 * Lookups keyed by user text. A plain object answers `constructor`, `toString` or `__proto__` from
 * Object.prototype, so a host named like a built-in would look defined: only own keys count.
 */
function own(record, key) {
    return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
/** Every name Object.prototype answers to (for tests and the raw-key check). */
const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype);


/***/ }),

/***/ 1381:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   au: () => (/* binding */ didYouMean),
/* harmony export */   kp: () => (/* binding */ closest),
/* harmony export */   yh: () => (/* binding */ listWords)
/* harmony export */ });
/* unused harmony export editDistance */
/** "Did you mean" for misspelt keys, host names and values. */
/**
 * Optimal string alignment distance: Levenshtein plus adjacent transpositions (`prot` -> `port` is 1).
 * With `max`, gives up as soon as the distance must exceed it and returns max + 1: a typo check
 * only needs to know "close or not", and a 40,000-character key must not cost 40,000 x n steps.
 */
function editDistance(a, b, max = Number.POSITIVE_INFINITY) {
    if (Math.abs(a.length - b.length) > max)
        return max + 1;
    const cols = b.length + 1;
    // Three rolling rows (two back for transpositions) instead of the whole matrix.
    let before = new Array(cols).fill(0);
    let previous = Array.from({ length: cols }, (_, j) => j);
    let current = new Array(cols).fill(0);
    for (let i = 1; i <= a.length; i++) {
        current[0] = i;
        let rowMin = i;
        for (let j = 1; j < cols; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            let best = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
                best = Math.min(best, (before[j - 2] ?? 0) + 1);
            current[j] = best;
            if (best < rowMin)
                rowMin = best;
        }
        if (rowMin > max)
            return max + 1;
        [before, previous, current] = [previous, current, before];
    }
    const d = previous[b.length] ?? 0;
    return d > max ? max + 1 : d;
}
/**
 * A cheap lower bound of the edit distance from character counts: what one word has more of than
 * the other must be inserted, deleted or substituted (a transposition keeps the counts). `counts`
 * holds the word's counts by char code (mod 128) and is left as it was found.
 */
function countBound(counts, wordLength, candidate) {
    let missing = 0;
    for (let i = 0; i < candidate.length; i++) {
        const c = candidate.charCodeAt(i) & 127;
        if (--counts[c] < 0)
            missing += 1;
    }
    for (let i = 0; i < candidate.length; i++)
        counts[candidate.charCodeAt(i) & 127] += 1;
    // missing: candidate characters the word lacks; the word's surplus follows from the lengths.
    return Math.max(missing, wordLength - candidate.length + missing);
}
/** Longer than any key, host or value name a suggestion is made from (broker keys are under 60). */
const MAX_CANDIDATE_LENGTH = 200;
/**
 * The closest candidate, or undefined when none is close enough to be a likely typo. Case is
 * ignored for closeness (brokerrole -> brokerRole) and used only to break ties. Candidates are
 * filtered by length and character counts before the (cut-off) edit distance: cost stays linear in
 * the word's length and the number of candidates.
 */
function closest(word, candidates) {
    // Roughly one edit per three characters: catches typos without suggesting unrelated short keys.
    // One- and two-letter names (hosts A, B) are all one edit apart: only a case slip counts there.
    const limit = word.length <= 2 ? 0 : Math.min(4, Math.max(1, Math.round(word.length / 3)));
    // No candidate is longer than this: a longer word is more than `limit` edits from all of them.
    if (word.length > MAX_CANDIDATE_LENGTH + limit)
        return undefined;
    const lower = word.toLowerCase();
    const counts = new Int32Array(128);
    for (let i = 0; i < lower.length; i++)
        counts[lower.charCodeAt(i) & 127] += 1;
    let best;
    for (const candidate of candidates) {
        if (candidate === word || Math.abs(candidate.length - word.length) > limit)
            continue;
        const candidateLower = candidate.toLowerCase();
        if (countBound(counts, lower.length, candidateLower) > limit)
            continue;
        const score = editDistance(lower, candidateLower, best ? Math.min(limit, best.score) : limit);
        if (score > limit)
            continue;
        const exact = editDistance(word, candidate);
        if (!best ||
            score < best.score ||
            (score === best.score && (exact < best.exact || (exact === best.exact && candidate < best.candidate)))) {
            best = { candidate, score, exact };
        }
    }
    return best?.candidate;
}
/** `did you mean 'x'?` or undefined. */
function didYouMean(word, candidates) {
    const c = closest(word, candidates);
    return c === undefined ? undefined : `did you mean '${c}'?`;
}
/** `'a', 'b' or 'c'` for messages listing allowed values. */
function listWords(words) {
    const quoted = words.map((w) => `'${w}'`);
    if (quoted.length <= 1)
        return quoted.join('');
    return `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}


/***/ }),

/***/ 1841:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Np: () => (/* binding */ validateSpecText)
});

// UNUSED EXPORTS: pathText, validateSpecFile

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./src/spec/broker-keys.ts + 1 modules
var broker_keys = __webpack_require__(1659);
// EXTERNAL MODULE: ./src/spec/own.ts
var own = __webpack_require__(4223);
// EXTERNAL MODULE: ./src/spec/suggest.ts
var suggest = __webpack_require__(1381);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/spec/checks/common.ts
/** Where the official image keeps its message store; the renderer mounts the host's store there. */
const CONTAINER_STORE = '/home/rocketmq/store';
function finding(severity, code, path, message, hint, at) {
    return { severity, code, message, ...(hint ? { hint } : {}), path, ...(at ? { at } : {}) };
}
/** A path as one string, to group findings by the place they point at. */
const pathText = (path) => path.map(String).join('\u0000');
const show = (value) => (typeof value === 'string' ? `'${value}'` : String(value));
/**
 * Line breaks and other control characters: broker.conf could carry them (escaped), but in a
 * setting they are a paste mistake, and they would break every log line and report that shows them.
 */
const hasControlCharacter = (value) => [...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
/** Leading or trailing whitespace: reported once by checkWhitespace, so value checks skip it. */
const padded = (value) => typeof value === 'string' && value !== value.trim();

;// CONCATENATED MODULE: ./src/spec/checks/broker-values.ts
/** broker.conf values: what RocketMQ would ignore silently, misread, or die on at start. */



const INT_RANGE = [-(2n ** 31n), 2n ** 31n - 1n];
const LONG_RANGE = [-(2n ** 63n), 2n ** 63n - 1n];
/** Store paths must stay inside the mounted store, or `docker rm` deletes what they hold. */
const STORE_PATH_KEYS = new Set([
    'storePathRootDir',
    'storePathCommitLog',
    'storePathDLedgerCommitLog',
    'storePathEpochFile',
    'storePathBrokerIdentity',
    'readOnlyCommitLogStorePaths',
]);
const DELETE_WHEN = /^([01][0-9]|2[0-3])(;([01][0-9]|2[0-3]))*$/;
const DELAY_TOKEN = /^[0-9]+[smhd]$/;
const JAVA_DOUBLE = /^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?[fFdD]?$/;
const DEFAULT_DELAY_LEVELS = 18;
function integerProblem(value, range, type) {
    let n;
    if (typeof value === 'number' && Number.isInteger(value))
        n = BigInt(value);
    else if (typeof value === 'string' && /^[+-]?[0-9]+$/.test(value))
        n = BigInt(value);
    if (n === undefined)
        return `${show(value)} is not a whole number`;
    if (n < range[0] || n > range[1])
        return `${show(value)} does not fit a Java ${type}`;
    return undefined;
}
/** Keys whose values RocketMQ reads as an enum: case-sensitive, and brokerRole SLAVE is derived. */
function checkEnumValue(v, layer, enumValues) {
    const { key, value, entry, err } = v;
    const allowed = key === 'brokerRole' ? enumValues.filter((x) => x !== 'SLAVE') : enumValues;
    if (key === 'brokerRole' && layer.slave) {
        err('derived-key', "a slave's brokerRole is derived (SLAVE)", "remove brokerRole from this slave's config");
        return;
    }
    if (key === 'brokerRole' && value === 'SLAVE') {
        err('slave-role', 'brokerRole SLAVE is not set by hand: every entry under `slaves` runs as SLAVE', `list the broker under brokers.<group>.slaves and use ${(0,suggest/* listWords */.yh)(allowed)} here`);
        return;
    }
    if (typeof value !== 'string' || !allowed.includes(value)) {
        const guess = (0,suggest/* closest */.kp)(String(value), allowed);
        err('broker-value', `${key} ${show(value)} is not one of ${(0,suggest/* listWords */.yh)(allowed)} (case matters: RocketMQ keeps the default ${entry.default})`, guess ? `did you mean '${guess}'?` : `use one of ${(0,suggest/* listWords */.yh)(allowed)}`);
    }
}
function checkDelayLevels({ value, path, out, err }) {
    const text = String(value);
    const tokens = text.split(' ');
    const bad = tokens.filter((t) => !DELAY_TOKEN.test(t));
    if (bad.length > 0) {
        const what = bad.includes('')
            ? 'an empty level (two spaces in a row, or a space at an end)'
            : show(bad[0] ?? '');
        err('delay-level', `messageDelayLevel has ${what}: each level is a number and s, m, h or d, separated by single spaces; the broker exits at start`, 'e.g. "1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h" (the default)');
    }
    else if (tokens.length < DEFAULT_DELAY_LEVELS) {
        out.push(finding('notice', 'delay-level-short', path, `messageDelayLevel has ${tokens.length} levels (the default has ${DEFAULT_DELAY_LEVELS}): consumer retries use level 3 + retry count, so every retry past level ${tokens.length} waits ${tokens[tokens.length - 1]}`, 'fine if intended; delayed messages can only use these levels'));
    }
    return true;
}
function checkDeleteWhen({ value, path, out, err }) {
    if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 23) {
        out.push(finding('warning', 'delete-when', path, `deleteWhen is the number ${value} (YAML reads an unquoted 04 as 4): it works, but it is not the "HH" string RocketMQ documents`, `quote it: deleteWhen: "${String(value).padStart(2, '0')}"`));
        return true;
    }
    if (!DELETE_WHEN.test(String(value))) {
        err('delete-when', `deleteWhen ${show(value)} is not hours 00-23 (two digits) joined by ';': expired commit log files would not be deleted on schedule and the disk fills up`, 'e.g. deleteWhen: "04" or "04;16"');
    }
    return true;
}
function checkReservedTime({ value, path, out, err }) {
    const problem = integerProblem(value, INT_RANGE, 'int');
    const hours = Number(value);
    if (problem || hours < 1) {
        err('reserved-time', `fileReservedTime ${show(value)} must be a whole number of hours, at least 1`, 'e.g. 48 or 72');
    }
    else if (hours > 8760) {
        out.push(finding('warning', 'reserved-time', path, `fileReservedTime ${hours} keeps messages for more than a year`, 'make sure the disk under dataRoot holds that much, or lower it (hours; default 72)'));
    }
    return true;
}
/** Judged here only when RocketMQ would clamp it; otherwise it goes on to the type check. */
function checkDiskRatio({ value, path, out }) {
    const n = Number(value);
    if (integerProblem(value, INT_RANGE, 'int') || (n >= 10 && n <= 95))
        return false;
    out.push(finding('warning', 'broker-value', path, `diskMaxUsedSpaceRatio ${n} is clamped by RocketMQ to 10-95`, 'use 10 to 95'));
    return true;
}
/** Keys with rules of their own; true when the value needs no further check. */
const KEY_RULES = new Map([
    ['messageDelayLevel', checkDelayLevels],
    ['deleteWhen', checkDeleteWhen],
    ['fileReservedTime', checkReservedTime],
    ['diskMaxUsedSpaceRatio', checkDiskRatio],
]);
function checkStorePath({ key, value, err }) {
    const outside = String(value)
        .split(/[;,]/)
        .filter((p) => p !== '' && !(external_node_path_.posix.normalize(p) + '/').startsWith(`${CONTAINER_STORE}/`));
    if (outside.length > 0) {
        err('store-path', `${key} ${show(value)} is outside the mounted store ${CONTAINER_STORE}: what it holds is lost on docker rm`, `use a path below ${CONTAINER_STORE}/, or remove the key`);
    }
}
/** The value against the Java type of its setter. */
function checkJavaType({ key, value, entry, err }) {
    const fallback = `RocketMQ ignores it silently and keeps the default (${entry.default})`;
    switch (entry.type) {
        case 'int':
        case 'long': {
            const problem = integerProblem(value, entry.type === 'int' ? INT_RANGE : LONG_RANGE, entry.type);
            if (problem)
                err('broker-value', `${key}: ${problem}: ${fallback}`, `write a whole number (a Java ${entry.type})`);
            return;
        }
        case 'boolean':
            if (typeof value !== 'boolean' && value !== 'true' && value !== 'false') {
                err('broker-value', `${key}: ${show(value)} is not true or false: RocketMQ reads anything but exactly 'true' as false`, 'write true or false (lower case, no quotes needed)');
            }
            return;
        case 'double':
        case 'float':
            if (typeof value === 'boolean' || (typeof value === 'string' && !JAVA_DOUBLE.test(value))) {
                err('broker-value', `${key}: ${show(value)} is not a number: ${fallback}`, 'write a number, e.g. 0.8');
            }
            return;
        default:
            return;
    }
}
/** One known key's value: control characters, then enum, key rules, store paths, Java type. */
function checkBrokerValue(key, value, path, layer, table, out) {
    const entry = table.keys.get(key);
    if (!entry || padded(value))
        return;
    const err = (code, message, hint) => {
        out.push(finding('error', code, path, message, hint));
    };
    const v = { key, value, path, entry, out, err };
    if (typeof value === 'string' && hasControlCharacter(value)) {
        err('unsafe-value', `${key} contains a line break or control character: no RocketMQ setting takes one, and it would show in every log line that prints the value`, 'write the value on one line, without control characters');
        return;
    }
    if (entry.enumValues)
        return checkEnumValue(v, layer, entry.enumValues);
    if (KEY_RULES.get(key)?.(v))
        return;
    if (STORE_PATH_KEYS.has(key))
        return checkStorePath(v);
    checkJavaType(v);
}

;// CONCATENATED MODULE: ./src/spec/checks/derived-keys.ts
/** broker.conf keys the tool writes itself: setting them by hand is an error. */


const FROM_ADDRESS = {
    why: "is derived from the host's address",
    hint: 'set hosts.<name>.address instead',
};
/** Keys the tool writes itself whatever the version, with what to set in the spec instead. */
const DERIVED = {
    brokerClusterName: { why: 'is derived from the spec', hint: 'set the top-level `cluster` instead' },
    brokerName: {
        why: 'is derived from the spec',
        hint: 'the name of the group under `brokers` is the brokerName',
    },
    brokerId: { why: 'is derived: the master is 0, slaves are 1..n in list order', hint: 'remove it' },
    brokerIP1: FROM_ADDRESS,
    brokerIP2: FROM_ADDRESS,
    listenPort: {
        why: 'is derived from the spec',
        hint: 'set listenPort on the master or slave entry instead',
    },
    namesrvAddr: {
        why: 'is derived from the name servers',
        hint: 'list their hosts under nameServers.hosts instead',
    },
    haMasterAddress: {
        why: "is derived: on 4.x each slave's broker.conf names its master's HA address (the master host's address and listenPort+1), re-rendered whenever the master moves; a 5.x slave asks its master",
        hint: 'remove it; the master of the group is brokers.<group>.master',
    },
    brokerConfigPath: {
        why: 'is derived: the tool starts every broker with -c on the broker.conf it renders',
        hint: 'remove it',
    },
};
/** RocketMQ reads haListenPort from 5.1.1 on; before, the HA port is always listenPort+1. */
function haListenPort(version) {
    const configurable = version ? (0,broker_keys/* compareVersions */.Zy)(version, { major: 5, minor: 1, patch: 1 }) >= 0 : false;
    return {
        why: configurable
            ? 'is derived: the tool publishes listenPort+1 as the HA port, so another one would be unreachable'
            : 'is ignored by RocketMQ before 5.1.1 (the HA port is always listenPort+1)',
        hint: 'remove it; choose listenPort instead',
    };
}
/** Keys the tool writes itself, with what to set in the spec instead. */
function derivedKeyHint(key, version) {
    return key === 'haListenPort' ? haListenPort(version) : (0,own/* own */.Z)(DERIVED, key);
}

;// CONCATENATED MODULE: ./src/spec/checks/broker-config.ts
/** broker.conf keys in every layer: derived, unknown, read by another release, unsupported modes. */






/** Modes where RocketMQ elects roles itself: incompatible with derived roles and brokerIds. */
const UNSUPPORTED_MODES = {
    enableDLegerCommitLog: 'DLedger mode',
    enableControllerMode: 'controller mode',
};
/** A key the layer's key table does not hold: an old spelling, another release's key, or a typo. */
function keyNotInTable(key, path, table, versionName) {
    const legacy = (0,broker_keys/* legacyKey */.jz)(key);
    const elsewhere = (0,broker_keys/* releasesReading */.V8)(key);
    if (legacy) {
        return finding('error', 'legacy-broker-key', path, `broker.conf key ${key} is an old spelling (read until ${legacy.lastSeenIn}): RocketMQ ${versionName} ignores it silently`, `rename it to ${legacy.replacement}`, 'key');
    }
    if (elsewhere.length > 0) {
        return finding('error', 'broker-key-version', path, `RocketMQ ${versionName} does not read broker.conf key ${key} (read by ${elsewhere[0]}${elsewhere.length > 1 ? ` to ${elsewhere[elsewhere.length - 1]}` : ''}): it would be ignored silently`, 'remove it, or use an image of a version that reads it', 'key');
    }
    const guess = (0,suggest/* didYouMean */.au)(key, table.keys.keys());
    return finding('error', 'unknown-broker-key', path, `unknown broker.conf key ${key}: RocketMQ ${versionName} ignores it silently`, guess ?? `remove it; only keys RocketMQ ${table.version} reads are allowed`, 'key');
}
/** Why the key itself is wrong in this layer (its value aside); undefined when it may be set. */
function keyFinding(key, value, path, table, imageVersion) {
    const derived = derivedKeyHint(key, imageVersion ? (0,broker_keys/* parseVersion */.ot)(imageVersion) : undefined);
    if (derived) {
        return finding('error', 'derived-key', path, `broker.conf key ${key} ${derived.why}`, derived.hint, 'key');
    }
    if (!table.keys.has(key))
        return keyNotInTable(key, path, table, imageVersion ?? table.version);
    // The family table may be newer than the exact release: the per-release matrix knows better.
    if (imageVersion && (0,broker_keys/* keyReadBy */.PD)(key, imageVersion) === false) {
        const since = (0,broker_keys/* releasesReading */.V8)(key)[0];
        return finding('error', 'broker-key-version', path, `RocketMQ ${imageVersion} does not read broker.conf key ${key}${since ? ` (read from ${since})` : ''}: it would be ignored silently`, 'remove it, or use an image of a version that reads it', 'key');
    }
    const mode = (0,own/* own */.Z)(UNSUPPORTED_MODES, key);
    if (mode && (value === true || value === 'true')) {
        return finding('error', 'unsupported-mode', path, `${key}: ${mode} elects masters itself, but this tool derives roles and brokerIds (master 0, slaves 1..n)`, `remove ${key}; DLedger and controller clusters are out of scope for now`);
    }
    return undefined;
}
function checkBrokerConfigLayer(values, layer, table, imageVersion, out) {
    if (!values)
        return;
    for (const [key, value] of Object.entries(values)) {
        const path = [...layer.path, key];
        const wrongKey = keyFinding(key, value, path, table, imageVersion);
        if (wrongKey)
            out.push(wrongKey);
        else
            checkBrokerValue(key, value, path, layer, table, out);
    }
}
/** Every broker.conf layer: brokerDefaults, group config, instance config. */
function checkBrokerConfigs(ctx, table, imageVersion) {
    const { spec, out } = ctx;
    const layer = (values, path, slave = false) => checkBrokerConfigLayer(values, { path, slave }, table, imageVersion, out);
    layer(spec.brokerDefaults, ['brokerDefaults']);
    for (const [group, g] of Object.entries(spec.brokers ?? {})) {
        layer(g.config, ['brokers', group, 'config']);
        layer(g.master.config, ['brokers', group, 'master', 'config']);
        g.slaves.forEach((s, i) => layer(s.config, ['brokers', group, 'slaves', i, 'config'], true));
    }
}

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
;// CONCATENATED MODULE: ./src/spec/checks/addresses.ts
/** Host addresses and data roots: what a host entry may name. */


const DNS_LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const DNS_NAME = new RegExp(`^(?=.{1,253}\\.?$)${DNS_LABEL}(?:\\.${DNS_LABEL})*\\.?$`);
/** `10.0.0.5:22`, `mq-1:22`, `[fd00::5]:22`: an address with a port appended. */
const WITH_PORT = /^(?:\[[^\]]*\]|[^:[\]]+):[0-9]+$/;
/** Why an address is not an IPv4/IPv6 literal or DNS name; undefined when it is fine. */
function addressProblem(address) {
    if ((0,external_node_net_.isIP)(address) !== 0)
        return undefined;
    if (WITH_PORT.test(address))
        return `ends in a port (${address.slice(address.lastIndexOf(':'))}): an address has no port`;
    if (/^\[.*\]$/.test(address))
        return 'IPv6 addresses are written without brackets';
    if (/^[0-9.]+$/.test(address))
        return 'is not a valid IPv4 address (four numbers 0-255)';
    if (address.includes(':'))
        return 'is not a valid IPv6 address';
    if (!DNS_NAME.test(address))
        return 'is neither an IP address nor a DNS name (letters, digits, - and . only)';
    return undefined;
}
/**
 * Addresses that mean "this machine" (or one network link) wherever they are used: as brokerIP1 a
 * broker would advertise them, and no other host could reach it.
 */
function localAddressKind(address) {
    const lower = address.toLowerCase().replace(/\.$/, '');
    if (lower === 'localhost' || lower.endsWith('.localhost'))
        return 'a name for the loopback address';
    const mapped = /^::ffff:([0-9.]+)$/.exec(lower)?.[1];
    const v4 = (0,external_node_net_.isIP)(lower) === 4 ? lower : mapped !== undefined && (0,external_node_net_.isIP)(mapped) === 4 ? mapped : undefined;
    if (v4 !== undefined) {
        const [a, b] = v4.split('.').map(Number);
        if (a === 127)
            return 'a loopback address';
        if (v4 === '0.0.0.0')
            return 'the unspecified address';
        if (a === 169 && b === 254)
            return 'a link-local address';
        return undefined;
    }
    if ((0,external_node_net_.isIP)(lower) !== 6)
        return undefined;
    const canonical = canonicalAddress(lower);
    if (canonical === '::1')
        return 'a loopback address';
    if (canonical === '::')
        return 'the unspecified address';
    if (/^fe[89ab][0-9a-f]:/.test(canonical))
        return 'a link-local address';
    return undefined;
}
/**
 * One spelling per machine: DNS names ignore case and a trailing dot, IPv6 has many spellings of one
 * address. Two host names whose addresses agree here are the same machine.
 */
function canonicalAddress(address) {
    if ((0,external_node_net_.isIP)(address) === 6) {
        try {
            return new URL(`http://[${address}]/`).hostname.slice(1, -1);
        }
        catch {
            return address.toLowerCase();
        }
    }
    return address.toLowerCase().replace(/\.$/, '');
}
/** Top-level system directories: chowning or filling them breaks the host. */
const SYSTEM_DIRS = new Set([
    '/bin',
    '/boot',
    '/dev',
    '/etc',
    '/home',
    '/lib',
    '/lib32',
    '/lib64',
    '/opt',
    '/proc',
    '/root',
    '/run',
    '/sbin',
    '/srv',
    '/sys',
    '/tmp',
    '/usr',
    '/var',
]);
/** Why a dataRoot is unsafe; undefined when it is an absolute, normalised path of plain characters. */
function dataRootProblem(path) {
    if (!path.startsWith('/'))
        return 'must be an absolute path (start with /)';
    const bad = [...new Set(path.replace(/[A-Za-z0-9._/-]/g, ''))];
    if (bad.length > 0) {
        return `contains ${bad.map((c) => (c === ' ' ? 'a space' : `'${c}'`)).join(', ')}: use only letters, digits, '.', '_', '-' and '/'`;
    }
    if (path.split('/').some((s) => s === '..' || s === '.'))
        return "must not contain '.' or '..' segments";
    if (path === '/')
        return 'must not be / itself';
    if (external_node_path_.posix.normalize(path) !== path || path.endsWith('/'))
        return 'must be normalised (no // and no trailing /)';
    if (SYSTEM_DIRS.has(path) || /^\/(proc|sys|dev)\//.test(path))
        return 'is a system directory';
    return undefined;
}

;// CONCATENATED MODULE: ./src/spec/checks/context.ts


function memberLabel(group, member) {
    return member === 'master' ? `${group} master` : `${group} slave ${member + 1}`;
}
function membersOf(spec) {
    const members = [];
    for (const [group, g] of Object.entries(spec.brokers ?? {})) {
        members.push({
            group,
            member: 'master',
            host: g.master.host,
            listenPort: g.master.listenPort,
            heap: g.master.heap ?? g.heap,
            path: ['brokers', group, 'master'],
        });
        g.slaves.forEach((s, i) => members.push({
            group,
            member: i,
            host: s.host,
            listenPort: s.listenPort,
            heap: s.heap ?? g.heap,
            path: ['brokers', group, 'slaves', i],
        }));
    }
    return members;
}
/** The machine behind a host name: two names for one address are one machine. */
const machineOf = (ctx, host) => {
    const address = (0,own/* own */.Z)(ctx.spec.hosts, host)?.address;
    return address === undefined ? `host ${host}` : canonicalAddress(address);
};
const hostLabel = (ctx, host) => {
    const address = (0,own/* own */.Z)(ctx.spec.hosts, host)?.address;
    return address ? `host ${host} (${address})` : `host ${host}`;
};

;// CONCATENATED MODULE: ./src/spec/topology.ts

/**
 * The value of a broker.conf key for one member of a group, layered like the renderer does:
 * brokerDefaults < group config < instance config.
 */
function layeredValue(spec, group, member, key) {
    const g = (0,own/* own */.Z)(spec.brokers, group);
    const instance = member === 'master' ? g?.master : g?.slaves[member];
    const instancePath = member === 'master' ? ['brokers', group, 'master'] : ['brokers', group, 'slaves', member];
    const layers = [
        [instance?.config, [...instancePath, 'config', key]],
        [g?.config, ['brokers', group, 'config', key]],
        [spec.brokerDefaults, ['brokerDefaults', key]],
    ];
    for (const [values, path] of layers) {
        const value = (0,own/* own */.Z)(values, key);
        if (value !== undefined)
            return { value, path };
    }
    return undefined;
}
/** The role a group's master runs with: ASYNC_MASTER unless a layer says otherwise. */
function masterRole(spec, group) {
    return layeredValue(spec, group, 'master', 'brokerRole') ?? { value: 'ASYNC_MASTER', path: [] };
}
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
function describeTopology(spec) {
    const groups = Object.entries(spec.brokers ?? {});
    if (groups.length === 0)
        return undefined;
    const masters = groups.length;
    const slaves = groups.reduce((n, [, g]) => n + g.slaves.length, 0);
    const withoutSlave = groups.filter(([, g]) => g.slaves.length === 0).map(([name]) => name);
    const replicated = groups.filter(([, g]) => g.slaves.length > 0).map(([name]) => name);
    const syncGroups = replicated.filter((name) => masterRole(spec, name).value === 'SYNC_MASTER');
    const allSync = replicated.length > 0 && syncGroups.length === replicated.length;
    const replication = syncGroups.length === 0
        ? 'async replication'
        : allSync
            ? 'sync replication'
            : `mixed replication (sync: ${syncGroups.join(', ')}; async: ${replicated.filter((n) => !syncGroups.includes(n)).join(', ')})`;
    const asyncTradeoff = 'a slave copies the commit log shortly after each write: if a master host dies, messages written in the ' +
        'last moments before may be lost, and that group takes no writes until its master is back (slaves serve reads)';
    const syncTradeoff = 'a send succeeds only once the slave holds the message, so losing a master loses nothing acknowledged; ' +
        'sends are slower by a network round trip and report SLAVE_NOT_AVAILABLE while the slave is down';
    if (slaves === 0 && masters === 1) {
        return {
            kind: 'single-node',
            summary: '1 master, no slave',
            tradeoff: 'the simplest shape: when its host is down the whole cluster is down, and a lost disk loses every ' +
                'message; fine for development, not for production',
        };
    }
    if (slaves === 0) {
        return {
            kind: 'multi-master',
            summary: `${plural(masters, 'master')}, no slaves`,
            tradeoff: 'full write throughput and the simplest operations; while a host is down its unconsumed messages ' +
                'cannot be read until it is back, and a lost disk loses them (there is no copy)',
        };
    }
    const missing = withoutSlave.length > 0 ? `; no slave for ${withoutSlave.join(', ')}` : '';
    const summary = `${plural(masters, 'master')}, ${plural(slaves, 'slave')}, ${replication}${missing}`;
    if (masters === 1) {
        return {
            kind: 'master-slave',
            summary,
            tradeoff: `${allSync ? syncTradeoff : asyncTradeoff}; with one master, writes stop while it is down`,
        };
    }
    return allSync
        ? { kind: 'multi-master-multi-slave-sync', summary, tradeoff: syncTradeoff }
        : { kind: 'multi-master-multi-slave-async', summary, tradeoff: asyncTradeoff };
}

;// CONCATENATED MODULE: ./src/spec/checks/names.ts
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
function nameProblem(name) {
    if (name.includes('.')) {
        return "contains '.': RocketMQ creates a topic named after it, and clients reject topic names with '.'";
    }
    if (SYSTEM_TOPICS.has(name) || name.toLowerCase().startsWith('rmq_sys_')) {
        return 'is the name of a topic RocketMQ uses itself';
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/spec/checks/groups.ts
/** Names and broker groups: names RocketMQ would misparse, members apart, HA said plainly. */





/** Cluster and broker group names RocketMQ would misparse. */
function checkNames(ctx) {
    const { spec, out } = ctx;
    const clusterProblem = spec.cluster === undefined ? undefined : nameProblem(spec.cluster);
    if (clusterProblem) {
        const message = `cluster name '${spec.cluster}' ${clusterProblem}`;
        out.push(finding('error', 'unsafe-name', ['cluster'], message, 'use letters, digits, - and _'));
    }
    for (const group of Object.keys(spec.brokers ?? {})) {
        const problem = nameProblem(group);
        if (problem) {
            out.push(finding('error', 'unsafe-name', ['brokers', group], `broker group name '${group}' ${problem}`, 'use letters, digits, - and _, e.g. broker-a', 'key'));
        }
        if (group === spec.cluster) {
            out.push(finding('warning', 'unsafe-name', ['brokers', group], `broker group '${group}' has the cluster's name: the topics RocketMQ creates for both collide`, 'rename the group, e.g. broker-a', 'key'));
        }
    }
}
/** Broker groups: at least one, members on different machines, HA said plainly. */
function checkGroups(ctx) {
    const { spec, out } = ctx;
    if (spec.brokers && Object.keys(spec.brokers).length === 0) {
        out.push(finding('error', 'no-brokers', ['brokers'], 'brokers is empty: a cluster needs at least one broker group', 'add e.g. broker-a: { master: { host: A } }', 'key'));
    }
    for (const [group, g] of Object.entries(spec.brokers ?? {})) {
        const seen = new Map();
        for (const m of ctx.members.filter((x) => x.group === group && (0,own/* own */.Z)(spec.hosts, x.host))) {
            const first = seen.get(machineOf(ctx, m.host));
            if (!first) {
                seen.set(machineOf(ctx, m.host), m);
                continue;
            }
            const where = first.host === m.host ? `host ${m.host}` : `hosts ${first.host} and ${m.host} (one address)`;
            out.push(finding('error', 'group-same-host', [...m.path, 'host'], `${memberLabel(group, first.member)} and ${memberLabel(group, m.member)} are both on ${where}: one host failure takes the whole group down`, 'put every member of a broker group on a different host'));
        }
        if (g.slaves.length > 0)
            continue;
        const role = masterRole(spec, group);
        if (role.value === 'SYNC_MASTER') {
            out.push(finding('error', 'sync-master-without-slave', role.path, `broker group ${group} is a SYNC_MASTER without a slave: every send waits for a copy that cannot happen and reports SLAVE_NOT_AVAILABLE`, `add a slave to ${group}, or use ASYNC_MASTER`));
        }
        out.push(finding('warning', 'no-slave', ['brokers', group], `broker group ${group} has no slave: no HA — while ${hostLabel(ctx, g.master.host)} is down its messages cannot be read, and a lost disk loses them`, `add a slave on another host, e.g. slaves: [ { host: <other host>, listenPort: ${g.master.listenPort + 1000} } ]`, 'key'));
    }
}

// EXTERNAL MODULE: ./node_modules/zod/v4/core/core.js
var core = __webpack_require__(8532);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 14 modules
var schemas = __webpack_require__(5586);
;// CONCATENATED MODULE: ./src/spec/schema.ts

// zod compiles each object schema into a function (new Function) the first time it parses: worth
// it for a server that parses the same shape a million times, not for a CLI that parses one spec
// and exits. Interpreted, a `validate` starts about 10 ms sooner (bench: CLI start), and nothing is
// ever evaluated from a string. The setting is zod's global one: it applies to every schema here.
core/* config */.$W({ jitless: true });
/**
 * The cluster spec. The README's example spec is the contract: a file written like it must validate.
 * Structural rules live here (so the JSON Schema for editors is generated from them); rules that
 * need the whole spec (references, port clashes, broker.conf keys) live in checks.ts.
 */
// Names go into container names, labels, file names and shell-free argv: keep them boring.
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;
const schema_name = (what) => schemas/* string */.YjP()
    .regex(SAFE_NAME, `${what} must start with a letter or digit and use only letters, digits, '.', '_', '-'`);
const port = schemas/* number */.aig().int().min(1).max(65535);
/** A JVM heap size as the JVM takes it: 512m, 1g, 1024M. */
const HEAP = /^[1-9][0-9]*[mMgG]$/;
const heap = schemas/* string */.YjP().regex(HEAP, 'heap must look like 512m or 2g');
/** broker.conf values: scalars only. Keys are checked against RocketMQ's own key table in checks.ts. */
const BrokerConfigSchema = schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* number */.aig(), schemas/* boolean */.zMY()]))
    .describe('broker.conf keys (any key RocketMQ reads, checked against the key table of the image version)');
const SshSchema = schemas/* strictObject */.rej({
    user: schemas/* string */.YjP().regex(/^[a-z_][a-z0-9_-]{0,31}$/, 'ssh user must be a plain Unix user name'),
    port: port.default(22),
    /** Run docker through `sudo -n` for users outside the docker group. */
    sudo: schemas/* boolean */.zMY()
        .default(false)
        .describe('Run docker (and the chown of data directories) through `sudo -n`'),
    /** Optional jump host `user@host:port` (port optional). */
    jumpHost: schemas/* string */.YjP()
        .regex(/^([a-z_][a-z0-9_-]*@)?[A-Za-z0-9.-]+(:[0-9]{1,5})?$/, 'jumpHost must look like user@host:port')
        .optional(),
})
    .describe('How to reach the hosts over SSH');
const HostSchema = schemas/* strictObject */.rej({
    address: schemas/* string */.YjP()
        .describe('IP address or DNS name the other hosts and the runner reach this host on; becomes brokerIP1'),
    ssh: schemas/* strictObject */.rej({ user: SshSchema.shape.user.optional(), port: port.optional() })
        .optional()
        .describe('Per-host SSH overrides'),
    /** Memory the host can give to JVMs, checked against the heaps planned on it. */
    memoryMb: schemas/* number */.aig()
        .int()
        .positive()
        .optional()
        .describe('Memory (MiB) the host can give to JVMs: the heaps planned on it must fit'),
    /** Overrides the spec's dataRoot on this host only. */
    dataRoot: schemas/* string */.YjP().optional().describe("Overrides the spec's dataRoot on this host only"),
});
const BrokerInstanceSchema = schemas/* strictObject */.rej({
    host: schema_name('host reference'),
    listenPort: port
        .default(10911)
        .describe('Broker port; listenPort-2 (fast) and listenPort+1 (HA) are published too'),
    heap: heap.optional().describe('JVM heap of this broker (overrides the group and heap.broker)'),
    /** broker.conf keys for this instance only. */
    config: BrokerConfigSchema.optional().describe('broker.conf keys for this instance only'),
});
const BrokerGroupSchema = schemas/* strictObject */.rej({
    master: BrokerInstanceSchema,
    slaves: schemas/* array */.YOg(BrokerInstanceSchema)
        .default([])
        .describe('Slaves of the group, brokerId 1..n in this order; each on another host than the master'),
    /** broker.conf keys for every member of this group; override brokerDefaults. */
    config: BrokerConfigSchema.optional().describe('broker.conf keys for every member of this group; override brokerDefaults'),
    heap: heap.optional().describe('JVM heap of every member of this group'),
});
const SpecSchema = schemas/* strictObject */.rej({
    $schema: schemas/* string */.YjP().optional(),
    version: schemas/* literal */.euz(1).describe('Spec format version'),
    cluster: schema_name('cluster').describe('brokerClusterName, and the prefix of every container name'),
    images: schemas/* strictObject */.rej({
        rocketmq: schemas/* string */.YjP()
            .min(1)
            .describe('RocketMQ image for name servers and brokers, e.g. apacherocketmq/rocketmq:4.8.0-alpine'),
        console: schemas/* string */.YjP()
            .min(1)
            .optional()
            .describe('Console image, e.g. styletang/rocketmq-console-ng:1.0.0'),
        /** `missing` pulls only when the image is absent on a host; `always` re-pulls (moving tags). */
        pull: schemas/* enum */.k5n(['missing', 'always']).default('missing'),
    }),
    ssh: SshSchema,
    dataRoot: schemas/* string */.YjP().describe('Host directory for conf, logs and store of every container'),
    hosts: schemas/* record */.g1P(schema_name('host name'), HostSchema)
        .refine((h) => Object.keys(h).length > 0, 'at least one host'),
    nameServers: schemas/* strictObject */.rej({
        hosts: schemas/* array */.YOg(schema_name('host reference')).min(1).describe('Hosts that run a name server (one each)'),
        port: port.default(9876).describe('Published name server port'),
        heap: heap.optional().describe('JVM heap of the name servers (overrides heap.nameServer)'),
    }),
    heap: schemas/* strictObject */.rej({
        nameServer: heap.default('256m'),
        broker: heap.default('512m'),
        console: heap.default('256m'),
    })
        .default({ nameServer: '256m', broker: '512m', console: '256m' })
        .describe('JVM heap per kind of container: the image sizes it from host memory otherwise'),
    /** Seconds `docker stop` waits: a broker flushes and unregisters on SIGTERM. */
    stopTimeout: schemas/* number */.aig().int().min(10).max(3600).default(60),
    restartPolicy: schemas/* enum */.k5n(['no', 'always', 'unless-stopped', 'on-failure']).default('always'),
    brokerDefaults: BrokerConfigSchema.default({}),
    brokers: schemas/* record */.g1P(schema_name('broker group name'), BrokerGroupSchema),
    console: schemas/* strictObject */.rej({
        host: schema_name('host reference'),
        port: port.default(8080),
        heap: heap.optional(),
    })
        .optional(),
    proxy: schemas/* strictObject */.rej({
        hosts: schemas/* array */.YOg(schema_name('host reference'))
            .min(1)
            .describe('Hosts that run a RocketMQ 5.x proxy (one each), in its own container in cluster mode: `sh mqproxy`'),
        remotingPort: port
            .default(8082)
            .describe("The proxy's remoting port (4.x and 5.x remoting clients use it as their name server address); the official 8080 is the console's"),
        grpcPort: port.default(8081).describe("The proxy's gRPC port (5.x gRPC clients' endpoint)"),
        heap: heap.default('256m').describe('JVM heap of each proxy'),
    })
        .optional()
        .describe('RocketMQ 5.x proxy for gRPC and remoting clients (needs a 5.x images.rocketmq)'),
    gates: schemas/* strictObject */.rej({
        via: schemas/* enum */.k5n(['ssh', 'direct'])
            .default('ssh')
            .describe("How the health gates reach the RocketMQ ports: `ssh` through each host's SSH connection, so only SSH needs to be open to the runner; `direct` from the runner itself"),
    })
        .default({ via: 'ssh' })
        .describe('How the health gates reach the cluster'),
    rollout: schemas/* strictObject */.rej({
        drain: schemas/* boolean */.zMY()
            .default(true)
            .describe('Before a running master stops: make it read-only (brokerPermission=4), prove it on every name server, wait for producers to move their writes, prove its slaves hold its whole commit log; give its writes back once the new master is healthy. In a SYNC_MASTER group the master is drained also while its slave restarts'),
        drainSeconds: schemas/* number */.aig()
            .int()
            .min(0)
            .max(600)
            .default(45)
            .describe("Seconds to wait after a master goes read-only, and again after it is writable before the next master is drained: the clients' route refresh (pollNameServerInterval, 30 s by default) plus a margin"),
        parallel: schemas/* number */.aig()
            .int()
            .min(1)
            .max(64)
            .default(1)
            .describe('Containers restarted at once across independent broker groups (never two of one group, never two name servers, slaves of a group before its master (in a new group the master first), the console last); 1 restarts one container at a time'),
    })
        .default({ drain: true, drainSeconds: 45, parallel: 1 })
        .describe('How containers are restarted: masters without failing producers, groups in parallel'),
})
    .describe('rocketmq-rollout cluster spec');

;// CONCATENATED MODULE: ./src/spec/checks/heaps.ts
/** JVM heaps against a host's memoryMb. */



function heapMb(heap) {
    const m = HEAP.test(heap) ? /^([0-9]+)([mMgG])$/.exec(heap) : null;
    if (!m)
        return 0;
    return Number(m[1]) * (m[2] === 'g' || m[2] === 'G' ? 1024 : 1);
}
function checkHeaps(ctx) {
    const { spec, out } = ctx;
    const defaults = spec.heap;
    if (!defaults)
        return;
    for (const [name, host] of Object.entries(spec.hosts ?? {})) {
        if (host.memoryMb === undefined)
            continue;
        const parts = [];
        if (ctx.nameServerHosts.includes(name)) {
            parts.push(['name server', spec.nameServers?.heap ?? defaults.nameServer]);
        }
        for (const m of ctx.members.filter((x) => x.host === name)) {
            parts.push([memberLabel(m.group, m.member), m.heap ?? defaults.broker]);
        }
        if (spec.console?.host === name)
            parts.push(['console', spec.console.heap ?? defaults.console]);
        if (spec.proxy?.hosts.includes(name))
            parts.push(['proxy', spec.proxy.heap]);
        const total = parts.reduce((n, [, h]) => n + heapMb(h), 0);
        const detail = parts.map(([what, h]) => `${what} ${h}`).join(', ');
        const path = ['hosts', name, 'memoryMb'];
        if (total > host.memoryMb) {
            out.push(finding('error', 'heap-too-big', path, `the heaps on host ${name} add up to ${total} MB (${detail}), more than its memoryMb ${host.memoryMb}: the kernel kills a JVM (exit 137)`, 'lower heap (heap.broker, brokers.<group>.heap) or move containers to another host'));
        }
        else if (total > host.memoryMb * 0.75) {
            out.push(finding('warning', 'heap-too-big', path, `the heaps on host ${name} take ${total} of ${host.memoryMb} MB (${detail}): little is left for direct memory and the page cache brokers rely on`, 'keep heaps under three quarters of memoryMb'));
        }
    }
}

;// CONCATENATED MODULE: ./src/spec/checks/hosts.ts
/** Hosts: addresses, data roots, and every reference to a host name. */






function checkHosts(ctx) {
    const { spec, out } = ctx;
    const byAddress = new Map();
    const hostCount = Object.keys(spec.hosts ?? {}).length;
    for (const [name, host] of Object.entries(spec.hosts ?? {})) {
        const problem = padded(host.address) ? undefined : addressProblem(host.address);
        if (problem) {
            const withPort = WITH_PORT.test(host.address);
            out.push(finding('error', 'address-invalid', ['hosts', name, 'address'], `address '${host.address}' of host ${name} ${problem}`, withPort
                ? `set ssh.port or hosts.${name}.ssh.port for the SSH port, and write the address alone: ${host.address.slice(0, host.address.lastIndexOf(':')).replace(/^\[(.*)\]$/, '$1')}`
                : 'write an IPv4 address (10.0.0.5), an IPv6 address (fd00::5) or a DNS name (mq-1.example.com)'));
        }
        const local = problem || padded(host.address) ? undefined : localAddressKind(host.address);
        if (local && hostCount > 1) {
            out.push(finding('error', 'address-local', ['hosts', name, 'address'], `address '${host.address}' of host ${name} is ${local}: it becomes brokerIP1 (and the name server address), and no other host of this ${hostCount}-host cluster can reach it`, 'write the address the other hosts reach this host on, e.g. 10.0.0.5 or mq-1.example.com'));
        }
        const other = byAddress.get(canonicalAddress(host.address));
        if (other === undefined) {
            byAddress.set(canonicalAddress(host.address), { name, address: host.address });
        }
        else if (other.address !== host.address) {
            const how = (0,external_node_net_.isIP)(host.address) === 6 ? 'one IPv6 address written two ways' : 'DNS names ignore case';
            out.push(finding('error', 'address-spelling', ['hosts', name, 'address'], `hosts ${other.name} and ${name} have the addresses '${other.address}' and '${host.address}', one machine (${how}): they would share ports and fail together`, 'give each host its own machine; write each address once, in one spelling (lower case)'));
        }
        else {
            out.push(finding('warning', 'address-shared', ['hosts', name, 'address'], `hosts ${other.name} and ${name} have the same address ${host.address}: they are one machine, so they share ports and fail together`, 'give each host its own machine, or use one host name'));
        }
        const rootProblem = host.dataRoot === undefined || padded(host.dataRoot) ? undefined : dataRootProblem(host.dataRoot);
        if (rootProblem) {
            const message = `dataRoot '${host.dataRoot}' of host ${name} ${rootProblem}`;
            out.push(finding('error', 'unsafe-path', ['hosts', name, 'dataRoot'], message, 'e.g. /srv/rocketmq'));
        }
    }
    const rootProblem = spec.dataRoot === undefined || padded(spec.dataRoot) ? undefined : dataRootProblem(spec.dataRoot);
    if (rootProblem) {
        const message = `dataRoot '${spec.dataRoot}' ${rootProblem}`;
        out.push(finding('error', 'unsafe-path', ['dataRoot'], message, 'e.g. /home/docker/rocketmq'));
    }
}
function checkReferences(ctx, brokenHosts) {
    const { spec, out, hostNames } = ctx;
    const used = new Set();
    const reference = (host, path, what) => {
        used.add(host);
        if (!spec.hosts || (0,own/* own */.Z)(spec.hosts, host) || brokenHosts.has(host))
            return;
        const hint = (0,suggest/* didYouMean */.au)(host, hostNames) ??
            (hostNames.length > 0
                ? `use one of ${(0,suggest/* listWords */.yh)(hostNames)}, or add '${host}' under hosts`
                : `add '${host}' under hosts`);
        const message = `${what} is on host '${host}', which is not defined under hosts`;
        out.push(finding('error', 'host-undefined', path, message, hint));
    };
    spec.nameServers?.hosts.forEach((h, i) => {
        reference(h, ['nameServers', 'hosts', i], 'a name server');
        if (!ctx.nameServerHosts.includes(h)) {
            ctx.nameServerHosts.push(h);
            return;
        }
        out.push(finding('error', 'name-server-duplicate', ['nameServers', 'hosts', i], `host ${h} is listed twice under nameServers.hosts: a host runs one name server`, 'list each host once'));
    });
    for (const m of ctx.members)
        reference(m.host, [...m.path, 'host'], `broker ${memberLabel(m.group, m.member)}`);
    if (spec.console)
        reference(spec.console.host, ['console', 'host'], 'the console');
    spec.proxy?.hosts.forEach((h, i) => reference(h, ['proxy', 'hosts', i], 'a proxy'));
    if (spec.nameServers && spec.brokers) {
        for (const name of hostNames.filter((n) => !used.has(n))) {
            const hint = 'remove it, or place a name server or broker on it';
            out.push(finding('notice', 'host-unused', ['hosts', name], `host ${name} runs nothing`, hint, 'key'));
        }
    }
    if (ctx.nameServerHosts.length === 1) {
        out.push(finding('warning', 'single-name-server', ['nameServers', 'hosts'], `only one name server (on host ${ctx.nameServerHosts[0]}): no HA — while it is down, producers and consumers cannot look up routes and brokers cannot register`, 'list two or more hosts under nameServers.hosts'));
    }
}

;// CONCATENATED MODULE: ./src/spec/checks/security.ts
/** Known remote-code-execution flaws of the RocketMQ release an image runs. */


const atMost = (v, text) => {
    const limit = (0,broker_keys/* parseVersion */.ot)(text);
    return limit !== undefined && (0,broker_keys/* compareVersions */.Zy)(v, limit) <= 0;
};
/** Remote-code-execution flaws reachable on the ports a cluster exposes (from the Apache advisories). */
const CVES = [
    {
        id: 'CVE-2023-33246',
        servers: 'brokers and name servers',
        affected: (v) => (v.major === 4 && atMost(v, '4.9.5')) || (v.major === 5 && atMost(v, '5.1.0')),
        fixed: '4.9.6 / 5.1.1',
        what: 'anyone who reaches their ports can change the configuration and run commands',
    },
    {
        id: 'CVE-2023-37582',
        servers: 'name servers',
        affected: (v) => (v.major === 4 && atMost(v, '4.9.6')) || (v.major === 5 && atMost(v, '5.1.1')),
        fixed: '4.9.7 / 5.1.2',
        what: 'anyone who reaches the name server port can write files and run commands',
    },
];
function checkCves(version, path, out) {
    const v = version ? (0,broker_keys/* parseVersion */.ot)(version) : undefined;
    // A tag like `4.9` moves between patch releases: nothing certain can be said about it.
    if (!v || v.patch === undefined)
        return;
    for (const cve of CVES) {
        if (!cve.affected(v))
            continue;
        out.push(finding('warning', 'cve', path, `RocketMQ ${version} has ${cve.id} (remote code execution on ${cve.servers}: ${cve.what}); fixed in ${cve.fixed}`, 'use RocketMQ 4.9.7+ or 5.1.2+, and keep ports 9876 and the broker ports reachable only from trusted hosts'));
    }
}

;// CONCATENATED MODULE: ./src/spec/checks/images.ts
/** The images section: well-formed references, pinned tags, CVEs, the key table the image implies. */



/** `[registry[:port]/]repo[/repo...][:tag][@sha256:digest]` in the characters docker itself allows. */
const REPO_PATH = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;
const REGISTRY = /^(?:localhost|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)(?::[0-9]{1,5})?$/;
function isImageReference(image) {
    const [name = '', digest, ...more] = image.split('@');
    if (more.length > 0 || (digest !== undefined && !DIGEST.test(digest)))
        return false;
    const slash = name.indexOf('/');
    const first = slash >= 0 ? name.slice(0, slash) : '';
    // Like docker: the first part is a registry only when it has a '.', a ':' or is localhost.
    const hasRegistry = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
    if (hasRegistry && !REGISTRY.test(first))
        return false;
    const rest = hasRegistry ? name.slice(slash + 1) : name;
    const colon = rest.lastIndexOf(':');
    const repo = colon >= 0 && !rest.slice(colon).includes('/') ? rest.slice(0, colon) : rest;
    const tag = repo === rest ? undefined : rest.slice(colon + 1);
    return REPO_PATH.test(repo) && (tag === undefined || TAG.test(tag));
}
function checkImage(image, path, out) {
    if (padded(image))
        return false;
    if (!isImageReference(image)) {
        out.push(finding('error', 'image-invalid', path, `image '${image}' is not a plain image reference`, 'write repository[:tag] in lower case, e.g. apacherocketmq/rocketmq:4.8.0-alpine'));
        return false;
    }
    const tag = (0,broker_keys/* imageTag */.I_)(image);
    if (!image.includes('@') && (tag === undefined || tag === 'latest')) {
        out.push(finding('warning', 'image-unpinned', path, `image '${image}' ${tag === undefined ? 'has no tag (docker takes latest)' : "uses the moving tag 'latest'"}: a rollback cannot bring back what 'latest' meant yesterday`, 'pin a version tag, e.g. apacherocketmq/rocketmq:4.9.7'));
    }
    return true;
}
/** Image references, CVEs, and the broker.conf key table the rocketmq image's version implies. */
function checkImages(ctx, fallbackImage) {
    const { spec, out } = ctx;
    const image = spec.images?.rocketmq ?? fallbackImage;
    if (spec.images?.console !== undefined)
        checkImage(spec.images.console, ['images', 'console'], out);
    if (spec.console && spec.images && spec.images.console === undefined) {
        out.push(finding('error', 'console-image-missing', ['console'], 'console is set but images.console is not: no console would be deployed', 'add images.console, e.g. styletang/rocketmq-console-ng:1.0.0', 'key'));
    }
    if (image === undefined)
        return {};
    const imageVersion = (0,broker_keys/* rocketmqVersionOf */.Ko)(image);
    const table = (0,broker_keys/* keyTableFor */.Z3)(image);
    if (spec.images) {
        checkImage(image, ['images', 'rocketmq'], out);
        checkCves(imageVersion, ['images', 'rocketmq'], out);
    }
    // Releases in the per-release matrix are checked exactly (keyReadBy): the family note would mislead.
    const exact = imageVersion !== undefined && (0,broker_keys/* keyReadBy */.PD)('brokerName', imageVersion) !== undefined;
    if (table.note && !exact) {
        const hint = imageVersion
            ? `keys that RocketMQ ${imageVersion} reads differently from ${table.version} are not caught`
            : 'pin a tag with the RocketMQ version, e.g. apacherocketmq/rocketmq:4.9.7';
        out.push(finding('notice', 'key-table', ['images', 'rocketmq'], table.note, hint));
    }
    return { table, ...(imageVersion !== undefined ? { imageVersion } : {}) };
}

;// CONCATENATED MODULE: ./src/spec/checks/ports.ts




/** Every port each machine must publish (plus its sshd), after checking the derived broker ports. */
function portUses(ctx) {
    const { spec, out } = ctx;
    const uses = [];
    // sshd already listens on the host: a container publishing its port would cut the tool off.
    const sshSeen = new Set();
    for (const [name, host] of Object.entries(spec.hosts ?? {})) {
        const port = host.ssh?.port ?? spec.ssh?.port;
        // Two host names for one machine share one sshd.
        const machine = `${canonicalAddress(host.address)}:${port}`;
        if (port === undefined || sshSeen.has(machine))
            continue;
        sshSeen.add(machine);
        const path = host.ssh?.port !== undefined ? ['hosts', name, 'ssh', 'port'] : ['ssh', 'port'];
        uses.push({ port, what: 'the SSH server (ssh.port)', path, host: name });
    }
    const nameServerPort = spec.nameServers?.port;
    if (nameServerPort !== undefined) {
        for (const host of ctx.nameServerHosts) {
            uses.push({ port: nameServerPort, what: 'the name server port', path: ['nameServers', 'port'], host });
        }
    }
    for (const m of ctx.members) {
        const owner = memberLabel(m.group, m.member);
        const path = [...m.path, 'listenPort'];
        const ports = [
            [m.listenPort, `${owner} listenPort`],
            [m.listenPort - 2, `${owner} fast port (listenPort-2)`],
            [m.listenPort + 1, `${owner} HA port (listenPort+1)`],
        ];
        const outside = ports.filter(([port]) => port < 1 || port > 65535);
        for (const [port, what] of outside) {
            out.push(finding('error', 'port-range', path, `${what} ${port} is outside 1-65535 (a broker also listens on listenPort-2 and listenPort+1)`, 'use a listenPort between 3 and 65534'));
        }
        if (outside.length > 0)
            continue;
        for (const [port, what] of ports)
            uses.push({ port, what, path, host: m.host, owner, listenPort: m.listenPort });
    }
    if (spec.console) {
        const { port, host } = spec.console;
        uses.push({ port, what: 'the console port', path: ['console', 'port'], host });
    }
    const proxy = spec.proxy;
    // Each proxy host once (checkProxy reports a duplicate), both of its ports.
    for (const host of new Set(proxy?.hosts ?? [])) {
        if (!proxy)
            break;
        uses.push({
            port: proxy.remotingPort,
            what: 'the proxy remoting port',
            path: ['proxy', 'remotingPort'],
            host,
        });
        if (proxy.grpcPort !== proxy.remotingPort)
            uses.push({ port: proxy.grpcPort, what: 'the proxy gRPC port', path: ['proxy', 'grpcPort'], host });
    }
    return uses;
}
/** Two containers (or a container and sshd) publishing one port on one machine: one finding per pair. */
function checkPorts(ctx) {
    const taken = new Map();
    const clashes = new Map();
    for (const use of portUses(ctx)) {
        if (ctx.spec.hosts && !(0,own/* own */.Z)(ctx.spec.hosts, use.host))
            continue;
        const machine = machineOf(ctx, use.host);
        const ports = taken.get(machine) ?? new Map();
        taken.set(machine, ports);
        const first = ports.get(use.port);
        if (!first) {
            ports.set(use.port, use);
            continue;
        }
        const pair = [machine, pathText(first.path), first.host, pathText(use.path), use.host].join('\u0001');
        const clash = clashes.get(pair) ?? { first, use, ports: [] };
        clash.ports.push([use.port, first.what, use.what]);
        clashes.set(pair, clash);
    }
    for (const { first, use, ports } of clashes.values()) {
        const occupied = taken.get(machineOf(ctx, use.host)) ?? new Map();
        const free = (p) => p - 2 >= 1 && p + 1 <= 65535 && ![p - 2, p, p + 1].some((q) => occupied.has(q));
        let hint = 'choose another nameServers.port, or move a broker';
        const listenPort = use.listenPort;
        if (listenPort !== undefined) {
            const candidate = [1, 2, 3, 4, 5].map((k) => listenPort + 1000 * k).find(free);
            hint = `a broker takes listenPort-2, listenPort and listenPort+1: choose a listenPort whose three ports are free${candidate ? `, e.g. ${candidate}` : ''}`;
        }
        else if (use.what === 'the console port') {
            hint = 'choose another console port';
        }
        else if (use.what.startsWith('the proxy')) {
            const key = use.what === 'the proxy gRPC port' ? 'grpcPort' : 'remotingPort';
            hint = `choose another proxy.${key} (the console takes 8080, name servers 9876, brokers listenPort-2 to listenPort+1)`;
        }
        const where = hostLabel(ctx, use.host);
        const elsewhere = first.host !== use.host ? ` (host ${first.host})` : '';
        const numbers = ports.map(([p]) => p).sort((a, b) => a - b);
        let message;
        if (ports.length === 1) {
            message = `port ${numbers[0]} on ${where} is published twice: ${ports[0]?.[1]}${elsewhere} and ${ports[0]?.[2]}`;
        }
        else if (first.owner && use.owner && first.listenPort === use.listenPort) {
            message = `${first.owner}${elsewhere} and ${use.owner} both use listenPort ${use.listenPort} on ${where}: ports ${numbers.join(', ')} are published twice`;
        }
        else {
            const each = ports.map(([p, a, b]) => `${p} by ${a}${elsewhere} and ${b}`).join('; ');
            message = `ports ${numbers.join(', ')} on ${where} are published twice: ${each}`;
        }
        const error = finding('error', 'port-clash', use.path, message, hint);
        if (pathText(first.path) === pathText(use.path)) {
            ctx.out.push(error);
            continue;
        }
        // Both places get a line: the error where the second use is, a pointer back at the first.
        ctx.out.push({
            ...error,
            related: {
                path: first.path,
                text: `also used by ${ports.length === 1 ? first.what : (first.owner ?? first.what)}${elsewhere} at`,
            },
        });
        const also = ports.length === 1 ? `port ${numbers[0]}` : `ports ${numbers.join(', ')}`;
        ctx.out.push({
            ...finding('notice', 'port-clash-also', first.path, `${also} on ${where} (${first.what} here) ${ports.length === 1 ? 'is' : 'are'} also published by ${use.what}`, 'change one of the two; the port-clash error there says how'),
            related: { path: use.path, text: 'port-clash error at' },
        });
    }
}

;// CONCATENATED MODULE: ./src/spec/checks/proxy.ts
/** The proxy section: RocketMQ 5.x only, each host once, two distinct ports, the cluster topic kept. */


function checkProxy(ctx, imageVersion) {
    const { spec, out } = ctx;
    const proxy = spec.proxy;
    if (!proxy)
        return;
    const version = imageVersion !== undefined ? (0,broker_keys/* parseVersion */.ot)(imageVersion) : undefined;
    if (version && version.major < 5) {
        out.push(finding('error', 'proxy-version', ['proxy'], `proxy is set but images.rocketmq runs RocketMQ ${imageVersion}: the proxy (mqproxy) exists from RocketMQ 5.0 on`, 'use a 5.x image, e.g. apache/rocketmq:5.3.3, or remove proxy', 'key'));
    }
    const seen = new Set();
    proxy.hosts.forEach((h, i) => {
        if (!seen.has(h)) {
            seen.add(h);
            return;
        }
        out.push(finding('error', 'proxy-duplicate', ['proxy', 'hosts', i], `host ${h} is listed twice under proxy.hosts: a host runs one proxy`, 'list each host once'));
    });
    if (proxy.remotingPort === proxy.grpcPort) {
        out.push(finding('error', 'proxy-ports', ['proxy', 'grpcPort'], `proxy.grpcPort and proxy.remotingPort are both ${proxy.grpcPort}: the proxy listens on two ports`, 'give them different values, e.g. remotingPort 8082 and grpcPort 8081'));
    }
    checkClusterTopic(ctx);
}
/**
 * A proxy's gate asks it for the route of the cluster's own topic (the cluster name), which every
 * master creates unless clusterTopicEnable is false: without it the gate can never pass. Java's
 * Boolean.parseBoolean reads anything but "true" as false.
 */
function checkClusterTopic(ctx) {
    const { spec, out } = ctx;
    for (const [group, g] of Object.entries(spec.brokers ?? {})) {
        const layers = [
            [['brokers', group, 'master', 'config', 'clusterTopicEnable'], g.master.config?.clusterTopicEnable],
            [['brokers', group, 'config', 'clusterTopicEnable'], g.config?.clusterTopicEnable],
            [['brokerDefaults', 'clusterTopicEnable'], spec.brokerDefaults?.clusterTopicEnable],
        ];
        const [path, value] = layers.find(([, v]) => v !== undefined) ?? [];
        if (!path || String(value).trim().toLowerCase() === 'true')
            continue;
        const whose = path[0] === 'brokerDefaults' ? 'the masters that inherit it' : `${group}'s master`;
        out.push(finding('error', 'proxy-cluster-topic', path, `clusterTopicEnable is ${String(value)} for ${whose}, but the proxy's gate asks the proxy for the route of the cluster's topic '${spec.cluster}', which such a master never creates`, 'remove clusterTopicEnable (it defaults to true), or remove proxy', 'value'));
        // One finding for a brokerDefaults value shared by every group.
        if (path[0] === 'brokerDefaults')
            break;
    }
}

;// CONCATENATED MODULE: ./src/spec/checks/upgrade.ts


/** The most specific layer that sets `key` for one broker: instance, then group, then brokerDefaults. */
function layerSetting(key, layers) {
    for (const l of layers) {
        const value = (0,own/* own */.Z)(l.config, key);
        if (value !== undefined)
            return { path: [...l.path, key], value };
    }
    return undefined;
}
/**
 * storePathRootDir without storePathCommitLog: RocketMQ before 4.9.4 keeps the commit log in
 * ~/store/commitlog whatever the root says, 4.9.4 and later under the root, so a version change
 * would open an empty commit log. The plan pins the path on such a change; the notice says why the
 * rendered broker.conf may then hold a key the spec does not.
 */
function checkCommitLogPath(ctx, imageVersion) {
    const seen = new Set();
    for (const [group, g] of Object.entries(ctx.spec.brokers ?? {})) {
        const instances = [
            { config: g.master.config, path: ['brokers', group, 'master', 'config'] },
            ...g.slaves.map((s, i) => ({ config: s.config, path: ['brokers', group, 'slaves', i, 'config'] })),
        ];
        for (const instance of instances) {
            const layers = [
                instance,
                { config: g.config, path: ['brokers', group, 'config'] },
                { config: ctx.spec.brokerDefaults, path: ['brokerDefaults'] },
            ];
            const root = layerSetting('storePathRootDir', layers);
            if (!root || layerSetting('storePathCommitLog', layers) || seen.has(pathText(root.path)))
                continue;
            seen.add(pathText(root.path));
            ctx.out.push(finding('notice', 'commit-log-path', root.path, `storePathRootDir without storePathCommitLog: RocketMQ before 4.9.4 keeps the commit log in /home/rocketmq/store/commitlog, 4.9.4 and later in ${String(root.value)}/commitlog` +
                (imageVersion ? ` (${imageVersion} here)` : '') +
                '; a deploy that changes the version pins storePathCommitLog to where the running broker has it', `set storePathCommitLog as well, to say where the commit log lives`, 'key'));
        }
    }
}

;// CONCATENATED MODULE: ./src/spec/checks/document.ts

/**
 * Strings with leading or trailing whitespace, anywhere in the raw document. RocketMQ 4.x does not
 * trim broker.conf values: `true ` reads as false and `10911 ` falls back to the default.
 */
function checkWhitespace(data) {
    const out = [];
    const visit = (value, path, depth) => {
        if (depth > 64)
            return;
        if (typeof value === 'string') {
            if (padded(value)) {
                const inBrokerConf = path[0] === 'brokerDefaults' || path.includes('config');
                out.push(finding('error', 'whitespace', path, `'${value}' has leading or trailing whitespace${inBrokerConf ? ': RocketMQ 4.x does not trim it, so `true ` reads as false and `10911 ` falls back to the default' : ''}`, 'remove the spaces (they are inside quotes)'));
            }
        }
        else if (Array.isArray(value)) {
            value.forEach((v, i) => visit(v, [...path, i], depth + 1));
        }
        else if (value !== null && typeof value === 'object') {
            for (const [k, v] of Object.entries(value))
                visit(v, [...path, k], depth + 1);
        }
    };
    visit(data, [], 0);
    return out;
}
/**
 * `__proto__` as a key: JavaScript maps of names (and the schema's records) drop it without a word,
 * so a host, group or broker.conf key of that name would vanish. Reported from the raw document.
 */
function checkReservedKeys(data) {
    const out = [];
    const visit = (value, path, depth) => {
        if (depth > 64)
            return;
        if (Array.isArray(value)) {
            value.forEach((v, i) => visit(v, [...path, i], depth + 1));
        }
        else if (value !== null && typeof value === 'object') {
            for (const [k, v] of Object.entries(value)) {
                if (k === '__proto__') {
                    out.push(finding('error', 'reserved-key', [...path, k], "key '__proto__' is not allowed: it names the prototype of a JavaScript object, so the entry would be dropped silently", 'rename or remove it', 'key'));
                    continue;
                }
                visit(v, [...path, k], depth + 1);
            }
        }
    };
    visit(data, [], 0);
    return out;
}

;// CONCATENATED MODULE: ./src/spec/checks/index.ts












/** Every whole-spec rule over a (possibly partial) spec; findings carry paths, not positions. */
function checkSpec(spec, options = {}) {
    const ctx = {
        spec,
        hostNames: Object.keys(spec.hosts ?? {}),
        members: membersOf(spec),
        nameServerHosts: [],
        out: [],
    };
    checkHosts(ctx);
    checkReferences(ctx, options.brokenHosts ?? new Set());
    const { table, imageVersion } = checkImages(ctx, options.rocketmqImage);
    checkNames(ctx);
    checkGroups(ctx);
    if (table)
        checkBrokerConfigs(ctx, table, imageVersion);
    checkCommitLogPath(ctx, imageVersion);
    checkProxy(ctx, imageVersion);
    checkPorts(ctx);
    checkHeaps(ctx);
    return ctx.out;
}

// EXTERNAL MODULE: ./src/spec/findings.ts
var findings = __webpack_require__(5293);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./src/spec/load.ts
/**
 * YAML text -> plain data plus a way back from a path of keys to a line and column, so every
 * finding can point at the exact spot in the user's file. YAML problems become findings, never
 * exceptions.
 */

/** Aliases may fan out exponentially ("billion laughs"): keep well below anything harmful. */
const MAX_ALIAS_COUNT = 100;
function keyText(pair) {
    const key = pair.key;
    if ((0,dist/* isScalar */.jn)(key))
        return String(key.value);
    return String(key);
}
/** Each map's last pair per key, built once: locating every finding must not rescan big maps. */
const pairIndex = new WeakMap();
/** The last pair for `key` in a map (the one whose value wins), skipping merge keys. */
function pairIn(map, key) {
    let index = pairIndex.get(map);
    if (!index) {
        index = new Map();
        for (const item of map.items)
            if ((0,dist/* isPair */.tO)(item))
                index.set(keyText(item), item);
        pairIndex.set(map, index);
    }
    return index.get(key);
}
function locator(doc, lineCounter) {
    const pos = (offset) => {
        const { line, col } = lineCounter.linePos(offset);
        return { line, column: col };
    };
    const deref = (node) => {
        if ((0,dist/* isAlias */.Vj)(node)) {
            try {
                return deref(node.resolve(doc));
            }
            catch {
                return undefined;
            }
        }
        return (0,dist/* isMap */.jh)(node) || (0,dist/* isSeq */.oP)(node) || (0,dist/* isScalar */.jn)(node) ? node : undefined;
    };
    /** Walk `path`; returns the steps that exist, deepest last. */
    const walk = (path) => {
        const steps = [];
        let node = deref(doc.contents);
        for (const segment of path) {
            if ((0,dist/* isMap */.jh)(node)) {
                const pair = pairIn(node, String(segment));
                if (!pair)
                    break;
                const key = pair.key;
                const value = pair.value;
                steps.push({ key: (0,dist/* isScalar */.jn)(key) ? key : undefined, value: (0,dist/* isAlias */.Vj)(value) ? value : deref(value) });
                node = deref(value);
            }
            else if ((0,dist/* isSeq */.oP)(node) && typeof segment === 'number') {
                const item = node.items[segment];
                if (item === undefined)
                    break;
                const itemNode = (0,dist/* isAlias */.Vj)(item) ? item : deref(item);
                steps.push({ key: itemNode, value: itemNode });
                node = deref(item);
            }
            else {
                break;
            }
        }
        return steps;
    };
    const start = (node) => {
        const range = node?.range;
        return range ? range[0] : undefined;
    };
    const locate = (path, at = 'value') => {
        const steps = walk(path);
        const last = steps[steps.length - 1];
        if (!last) {
            const root = start(deref(doc.contents));
            return root === undefined ? { line: 1, column: 1 } : pos(root);
        }
        const complete = steps.length === path.length;
        // An empty value (`key:`) has no text of its own: point at its key.
        const emptyValue = (0,dist/* isScalar */.jn)(last.value) && last.value.value === null && last.value.source === '';
        const node = complete && at === 'value' && !emptyValue ? (last.value ?? last.key) : (last.key ?? last.value);
        const offset = start(node);
        return offset === undefined ? { line: 1, column: 1 } : pos(offset);
    };
    const has = (path) => walk(path).length === path.length;
    return { pos, start, locate, has };
}
/** YAML syntax errors reported, each on its own line, before the rest is only counted. */
const YAML_ERROR_LINES = 3;
/** YAML errors and warnings as findings; `usable` is false once an error makes the data unreliable. */
function yamlProblems(doc, file, { pos }) {
    const findings = [];
    let usable = true;
    // One stray bracket makes the parser stumble over every token after it: 30 errors for one typo
    // on the lab. The first error of a line, on the first few lines, and a count of the rest.
    const lines = new Set();
    const dropped = { count: 0, first: Infinity, last: 0, at: undefined };
    for (const error of doc.errors) {
        // Duplicate keys are reported below with both places; the rest makes the data unreliable.
        if (error.code === 'DUPLICATE_KEY')
            continue;
        usable = false;
        const line = pos(error.pos[0]).line;
        dropped.at ??= error.pos[0];
        if (lines.has(line) || lines.size >= YAML_ERROR_LINES) {
            dropped.count += 1;
            dropped.first = Math.min(dropped.first, line);
            dropped.last = Math.max(dropped.last, line);
            continue;
        }
        lines.add(line);
        const multiple = error.code === 'MULTIPLE_DOCS';
        findings.push({
            severity: 'error',
            code: 'yaml-syntax',
            message: multiple
                ? 'YAML syntax: the spec must be one YAML document, but a second one starts here (after ---)'
                : `YAML syntax: ${error.message.replace(/\s+/g, ' ').trim()}`,
            hint: multiple
                ? 'remove the --- line and what follows it, or merge the two documents'
                : 'fix the YAML at this spot (indentation, quotes, brackets); a YAML linter shows the structure',
            path: [],
            file,
            ...pos(error.pos[0]),
        });
    }
    // Beside the first error (findings are sorted by place): the count is about that one.
    if (dropped.count) {
        const where = dropped.first === dropped.last ? `line ${dropped.first}` : `lines ${dropped.first}–${dropped.last}`;
        findings.push({
            severity: 'notice',
            code: 'yaml-syntax-more',
            message: `YAML syntax: ${dropped.count} more error${dropped.count === 1 ? '' : 's'} on ${where} left out, most likely caused by this first one`,
            hint: 'fix the first YAML error and validate again',
            path: [],
            file,
            ...pos(dropped.at ?? 0),
        });
    }
    for (const warning of doc.warnings) {
        findings.push({
            severity: 'warning',
            code: 'yaml-warning',
            message: `YAML: ${warning.message.replace(/\s+/g, ' ').trim()}`,
            hint: 'use plain YAML without custom tags',
            path: [],
            file,
            ...pos(warning.pos[0]),
        });
    }
    return { findings, usable };
}
/** Duplicate keys: name the key and where it first appeared (the yaml error only knows the second). */
function duplicateKeys(doc, file, { pos, start }) {
    const findings = [];
    const visitMaps = (node, path, seen) => {
        if (seen.has(node))
            return;
        seen.add(node);
        if ((0,dist/* isMap */.jh)(node)) {
            const first = new Map();
            for (const item of node.items) {
                if (!(0,dist/* isPair */.tO)(item))
                    continue;
                const key = keyText(item);
                const earlier = first.get(key);
                if (earlier) {
                    const at = start((0,dist/* isScalar */.jn)(earlier.key) ? earlier.key : undefined);
                    const here = start((0,dist/* isScalar */.jn)(item.key) ? item.key : undefined);
                    const firstLine = at === undefined ? undefined : pos(at).line;
                    findings.push({
                        severity: 'error',
                        code: 'duplicate-key',
                        message: `duplicate key '${key}'${firstLine ? ` (first on line ${firstLine})` : ''}: YAML keeps only the last one`,
                        hint: `remove one '${key}' or merge the two`,
                        path: [...path, key],
                        at: 'key',
                        file,
                        ...(here === undefined ? { line: 1, column: 1 } : pos(here)),
                    });
                }
                else {
                    first.set(key, item);
                }
                visitMaps(item.value, [...path, key], seen);
            }
        }
        else if ((0,dist/* isSeq */.oP)(node)) {
            node.items.forEach((item, i) => visitMaps(item, [...path, i], seen));
        }
    };
    visitMaps(doc.contents, [], new Set());
    return findings;
}
/** The document as plain data, or the finding that says why it cannot be (too many aliases). */
function plainData(doc, file) {
    try {
        return { data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
    }
    catch (e) {
        return {
            finding: {
                severity: 'error',
                code: 'yaml-syntax',
                message: `YAML: ${e instanceof Error ? e.message : String(e)}`,
                hint: 'use fewer or simpler aliases (*name); the spec should not need many',
                path: [],
                file,
                line: 1,
                column: 1,
            },
        };
    }
}
function loadSpecText(text, file) {
    const lineCounter = new dist/* LineCounter */.HN();
    const doc = (0,dist/* parseDocument */.Tp)(text, {
        lineCounter,
        // Duplicate keys are found below in one pass (the library's own check is quadratic in a map's size).
        uniqueKeys: false,
        prettyErrors: false,
        merge: true,
    });
    const at = locator(doc, lineCounter);
    const problems = yamlProblems(doc, file, at);
    const findings = [...problems.findings, ...duplicateKeys(doc, file, at)];
    let usable = problems.usable;
    let data;
    if (usable) {
        const plain = plainData(doc, file);
        if ('finding' in plain) {
            usable = false;
            findings.push(plain.finding);
        }
        else {
            data = plain.data;
        }
    }
    return { data, findings, usable, locate: at.locate, has: at.has };
}

;// CONCATENATED MODULE: ./src/spec/schema-findings.ts
/**
 * Schema issues (zod's) -> findings in plain words, at the offending key or value, with a hint
 * that says what to write instead.
 */




function toPath(path) {
    return path.map((p) => (typeof p === 'number' ? p : String(p)));
}
/** `brokers.broker-a.slaves[0].listenPort` */
function schema_findings_pathText(path) {
    return path.reduce((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${p}` : p), '');
}
function valueAt(data, path) {
    let node = data;
    for (const p of path) {
        if (node === null || typeof node !== 'object' || !Object.hasOwn(node, p))
            return undefined;
        node = node[p];
    }
    return node;
}
function describeValue(value) {
    if (value === null)
        return 'an empty value';
    if (typeof value === 'string')
        return `the string '${value}'`;
    if (typeof value === 'number')
        return `the number ${value}`;
    if (typeof value === 'boolean')
        return `${value}`;
    if (Array.isArray(value))
        return 'a list';
    if (typeof value === 'object')
        return 'a map of keys';
    return typeof value;
}
function describeExpected(expected) {
    switch (expected) {
        case 'number':
            return 'a number';
        case 'int':
            return 'a whole number';
        case 'string':
            return 'a string';
        case 'boolean':
            return 'true or false';
        case 'object':
        case 'record':
            return 'a map of keys';
        case 'array':
            return 'a list';
        default:
            return expected;
    }
}
const showPrimitive = (v) => (typeof v === 'string' ? `'${v}'` : String(v));
/** The schema node at a path, unwrapping optional/default; undefined past records of scalars. */
function schemaAt(path) {
    let node = SpecSchema;
    const unwrap = (n) => {
        let cur = n;
        for (let i = 0; i < 10; i++) {
            if (cur instanceof schemas/* ZodOptional */.IiU || cur instanceof schemas/* ZodDefault */.XiL || cur instanceof schemas/* ZodNullable */.l1C) {
                cur = cur.unwrap();
            }
            else {
                break;
            }
        }
        return cur;
    };
    for (const p of path) {
        node = unwrap(node);
        if (node instanceof schemas/* ZodObject */.bvH)
            node = (0,own/* own */.Z)(node.shape, String(p));
        else if (node instanceof schemas/* ZodRecord */.b8S)
            node = node.valueType;
        else if (node instanceof schemas/* ZodArray */.naA)
            node = node.element;
        else
            return undefined;
    }
    return unwrap(node);
}
function allowedKeysAt(path) {
    const node = schemaAt(path);
    return node instanceof schemas/* ZodObject */.bvH ? Object.keys(node.shape) : [];
}
const RECORD_ENTRY = { hosts: 'host', brokers: 'broker group' };
/** What to write instead of a value of the wrong type. */
function typeHint(expected, { path, value, last }) {
    if ((expected === 'number' || expected === 'int') &&
        typeof value === 'string' &&
        /^-?[0-9.]+$/.test(value.trim())) {
        return `remove the quotes: ${String(last)}: ${value.trim()}`;
    }
    if (path.includes('heap'))
        return 'write a JVM heap size like 512m or 2g';
    if (expected === 'string' && typeof value === 'number')
        return `quote it: ${String(last)}: "${value}"`;
    if ((expected === 'object' || expected === 'record') && Array.isArray(value)) {
        return "write name: value lines (or { ... }), without the leading '- '";
    }
    if (expected === 'array' && value !== null && typeof value === 'object') {
        return "write a list: [ ... ] or lines starting with '- '";
    }
    if (expected === 'array' && typeof value === 'string')
        return `write a list: [${value}]`;
    return `write ${describeExpected(expected)}`;
}
function invalidType(expected, at) {
    const { path, where, value, last, error } = at;
    if (value === undefined && path.length > 0) {
        const hint = typeof last === 'string'
            ? `add ${last}: <${describeExpected(expected)}>${path.length > 1 ? ` under ${schema_findings_pathText(path.slice(0, -1))}` : ''}`
            : 'add it';
        return [{ ...error(`missing required key ${where}`, hint, path, 'key'), code: 'missing-key' }];
    }
    if (path.length === 0) {
        return [
            {
                ...error(`the spec must be a map of keys (version, cluster, hosts, ...), got ${describeValue(value)}`, 'start from the example in the README'),
                code: 'schema-type',
            },
        ];
    }
    const message = `${where}: expected ${describeExpected(expected)}, got ${describeValue(value)}`;
    return [{ ...error(message, typeHint(expected, at)), code: 'schema-type' }];
}
function invalidValue(values, { where, value, last, error }) {
    if (values.length === 1) {
        return [
            {
                ...error(`${where} must be ${showPrimitive(values[0])}, got ${describeValue(value)}`, `write ${String(last)}: ${String(values[0])}`),
                code: 'schema-value',
            },
        ];
    }
    const allowed = values.map(String);
    const guess = typeof value === 'string' ? (0,suggest/* didYouMean */.au)(value, allowed) : undefined;
    return [
        {
            ...error(`${where} ${showPrimitive(value)} is not one of ${(0,suggest/* listWords */.yh)(allowed)}`, guess ?? `use one of ${(0,suggest/* listWords */.yh)(allowed)}`),
            code: 'schema-value',
        },
    ];
}
function outOfRange(issue, { where, value, last, error }) {
    const isPort = typeof last === 'string' && /port$/i.test(last);
    let message;
    let hint;
    if (issue.origin === 'array') {
        message = `${where} needs at least ${String(issue.code === 'too_small' ? issue.minimum : 0)} ${Number(issue.code === 'too_small' ? issue.minimum : 0) === 1 ? 'entry' : 'entries'}`;
        hint = 'add one';
    }
    else if (issue.origin === 'string') {
        message = `${where} must not be empty`;
        hint = 'write a value';
    }
    else if (isPort) {
        message = `${where} ${showPrimitive(value)} is not a port (1-65535)`;
        hint = 'use a port between 1 and 65535';
    }
    else if (issue.code === 'too_small') {
        message = `${where} ${showPrimitive(value)} is too small (minimum ${String(issue.minimum)}${issue.inclusive ? '' : ', exclusive'})`;
        hint = `use a value ${issue.inclusive ? 'of at least' : 'above'} ${String(issue.minimum)}`;
    }
    else {
        message = `${where} ${showPrimitive(value)} is too big (maximum ${String(issue.maximum)})`;
        hint = `use a value of at most ${String(issue.maximum)}`;
    }
    return [{ ...error(message, hint), code: 'schema-range' }];
}
function unknownKeys(keys, { path, where, error }) {
    const allowed = allowedKeysAt(path);
    return keys.map((key) => ({
        ...error(`unknown key '${key}'${path.length > 0 ? ` in ${where}` : ''}`, (0,suggest/* didYouMean */.au)(key, allowed) ?? (allowed.length > 0 ? `allowed here: ${allowed.join(', ')}` : 'remove it'), [...path, key], 'key'),
        code: 'unknown-key',
    }));
}
function invalidKey(nestedIssues, { path, last, error }) {
    const parent = path[path.length - 2];
    const what = (typeof parent === 'string' && (0,own/* own */.Z)(RECORD_ENTRY, parent)) || 'key';
    const nested = nestedIssues.map((i) => i.message).join('; ');
    return [
        {
            ...error(`${what} name '${String(last)}' is not valid`, nested, path, 'key'),
            code: 'schema-format',
        },
    ];
}
/** One zod issue -> findings in plain words, at the offending key or value. */
function issueFindings(issue, data) {
    const path = toPath(issue.path);
    const error = (message, hint, p = path, at) => ({
        severity: 'error',
        code: 'schema',
        message,
        hint,
        path: p,
        ...(at ? { at } : {}),
    });
    const at = {
        path,
        where: schema_findings_pathText(path) || 'the spec',
        value: valueAt(data, path),
        last: path[path.length - 1],
        error,
    };
    const { where, value, last } = at;
    switch (issue.code) {
        case 'invalid_type':
            return invalidType(issue.expected, at);
        case 'invalid_value':
            return invalidValue(issue.values, at);
        case 'too_small':
        case 'too_big':
            return outOfRange(issue, at);
        case 'invalid_format':
            return [
                { ...error(`${where} ${showPrimitive(value)} is not valid`, issue.message), code: 'schema-format' },
            ];
        case 'unrecognized_keys':
            return unknownKeys(issue.keys, at);
        case 'invalid_key':
            return invalidKey(issue.issues, at);
        case 'invalid_union':
            return [
                {
                    ...error(`${where} must be a single value (a string, a number or true/false), got ${describeValue(value)}`, 'broker.conf holds one value per key'),
                    code: 'schema-type',
                },
            ];
        default:
            // Refinements ('custom') and anything else zod may add: the message says what is needed.
            return [
                {
                    ...error(`${where} needs ${issue.message}`, last === 'hosts'
                        ? 'add a host, e.g. A: { address: 10.0.0.1 }'
                        : 'see the README for the expected shape'),
                    code: 'schema',
                },
            ];
    }
}

;// CONCATENATED MODULE: ./src/spec/validate.ts
/**
 * Spec file -> a valid Spec or the complete list of findings, judged like a strict compiler: YAML,
 * then the schema, then the whole-spec checks, all in one run, every finding at its line and column.
 */










/** Sections whose entries are judged one by one: a broken entry drops alone. */
const ENTRY_SECTIONS = new Set(['hosts', 'brokers', 'brokerDefaults']);
const LenientSchema = SpecSchema.partial();
/**
 * A draft of the spec with the broken parts dropped, so the whole-spec checks can still judge the
 * rest in the same run. Dropped host entries are remembered: references to them are not errors twice.
 */
function salvage(raw) {
    const brokenHosts = new Set();
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
        return { brokenHosts };
    let data = structuredClone(raw);
    for (let round = 0; round < 20; round++) {
        const result = LenientSchema.safeParse(data);
        if (result.success)
            return { draft: result.data, brokenHosts };
        const before = JSON.stringify(data);
        for (const issue of result.error.issues) {
            const path = toPath(issue.path);
            const cuts = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...path, k]) : [path];
            for (const cut of cuts) {
                const head = cut[0];
                const depth = typeof head === 'string' && ENTRY_SECTIONS.has(head) && cut.length >= 2 ? 2 : 1;
                const target = cut.slice(0, depth);
                if (target.length === 0)
                    return { brokenHosts };
                if (target[0] === 'hosts' && typeof target[1] === 'string')
                    brokenHosts.add(target[1]);
                data = removeAt(data, target);
            }
        }
        // No progress means the damage cannot be cut out: give up on the draft rather than loop.
        if (JSON.stringify(data) === before)
            return { brokenHosts };
    }
    return { brokenHosts };
}
function removeAt(data, path) {
    const [head, ...rest] = path;
    if (head === undefined)
        return data;
    const key = String(head);
    if (rest.length === 0) {
        const copy = { ...data };
        delete copy[key];
        return copy;
    }
    const child = (0,own/* own */.Z)(data, key);
    if (child === undefined || child === null || typeof child !== 'object' || Array.isArray(child))
        return data;
    return { ...data, [key]: removeAt(child, rest) };
}
const samePath = (a, b) => a.length === b.length && a.every((p, i) => p === b[i]);
/** Schema findings, less those a whitespace or reserved-key finding already made at the same place. */
function schemaFindings(issues, raw, earlier) {
    const found = [];
    for (const issue of issues) {
        for (const f of issueFindings(issue, raw)) {
            // A padded value is already reported as whitespace: its type error would say the same twice.
            const repeats = earlier.some((e) => samePath(e.path, f.path) && (e.code === 'reserved-key' || f.at !== 'key'));
            if (!repeats)
                found.push(f);
        }
    }
    return found;
}
/** The topology, named only when every broker group survived: a half-read section would mislead. */
function topologyOf(raw, draft) {
    const rawBrokers = valueAt(raw, ['brokers']);
    const allGroups = draft?.brokers !== undefined &&
        rawBrokers !== null &&
        typeof rawBrokers === 'object' &&
        Object.keys(rawBrokers).length === Object.keys(draft.brokers).length;
    return draft && allGroups ? describeTopology(draft) : undefined;
}
/** The loaded data through the raw-document checks, the schema and the whole-spec checks. */
function judge(raw) {
    if (raw === null || raw === undefined) {
        const hint = 'start from the example in the README: version, cluster, images, ssh, dataRoot, hosts, nameServers, brokers';
        return {
            findings: [{ severity: 'error', code: 'empty-spec', message: 'the spec is empty', hint, path: [] }],
        };
    }
    const findings = [...checkWhitespace(raw), ...checkReservedKeys(raw)];
    const parsed = SpecSchema.safeParse(raw);
    let draft;
    let brokenHosts = new Set();
    if (parsed.success) {
        draft = parsed.data;
    }
    else {
        findings.push(...schemaFindings(parsed.error.issues, raw, findings));
        ({ draft, brokenHosts } = salvage(raw));
    }
    const rawImage = valueAt(raw, ['images', 'rocketmq']);
    const image = draft?.images?.rocketmq ?? (typeof rawImage === 'string' ? rawImage : undefined);
    if (draft) {
        findings.push(...checkSpec(draft, { brokenHosts, ...(image !== undefined ? { rocketmqImage: image } : {}) }));
    }
    const rocketmqVersion = image !== undefined ? (0,broker_keys/* rocketmqVersionOf */.Ko)(image) : undefined;
    const topology = topologyOf(raw, draft);
    if (topology) {
        findings.push({
            severity: 'notice',
            code: 'topology',
            message: `topology: ${topology.summary} (${topology.kind})`,
            hint: topology.tradeoff,
            path: ['brokers'],
            at: 'key',
        });
    }
    return {
        findings,
        ...(parsed.success ? { spec: parsed.data } : {}),
        ...(topology ? { topology } : {}),
        ...(rocketmqVersion ? { rocketmqVersion } : {}),
    };
}
/** Every finding at its line and column (and a related place's line in its message). */
function positioned(findings, loaded, file) {
    return findings.map((f) => {
        const at = f.line !== undefined && f.column !== undefined
            ? { line: f.line, column: f.column }
            : loaded.locate(f.path, f.at);
        if (!f.related)
            return { ...f, file, ...at };
        const other = loaded.locate(f.related.path, f.related.at);
        return {
            ...f,
            message: `${f.message} (${f.related.text} line ${other.line})`,
            related: { ...f.related, ...other },
            file,
            ...at,
        };
    });
}
function validateSpecText(text, file) {
    const loaded = loadSpecText(text, file);
    const judged = loaded.usable ? judge(loaded.data) : { findings: [] };
    const sorted = (0,findings/* sortFindings */.Tc)(positioned([...loaded.findings, ...judged.findings], loaded, file));
    const { spec, topology, rocketmqVersion } = judged;
    return {
        ...(spec && !(0,findings/* hasErrors */.Cs)(sorted) ? { spec } : {}),
        findings: sorted,
        ...(topology ? { topology } : {}),
        ...(rocketmqVersion ? { rocketmqVersion } : {}),
    };
}
async function validateSpecFile(path) {
    let text;
    try {
        text = await readFile(path, 'utf8');
    }
    catch (e) {
        const reason = e instanceof Error && 'code' in e && e.code === 'ENOENT' ? 'does not exist' : 'cannot be read';
        return {
            findings: [
                {
                    severity: 'error',
                    code: 'file',
                    message: `spec file ${path} ${reason}`,
                    hint: 'check the path given to validate (the action input `spec`)',
                    path: [],
                    file: path,
                    line: 1,
                    column: 1,
                },
            ],
        };
    }
    return validateSpecText(text, path);
}


/***/ })

};
;