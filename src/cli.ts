import { parseArgs } from 'node:util';
import { readNamedFile } from './commands/files.js';
import { checkSpec, containerCount } from './commands/validate.js';
import { errorMessage, isRolloutError, RolloutError } from './errors.js';
import { countBySeverity, formatFinding, printable, type Finding } from './spec/findings.js';
import type { ValidationResult } from './spec/validate.js';
import type { RemoteCommand } from './commands/remote.js';
import type { RemoteRunResult } from './rollout/run.js';
import type { ConnectionSettings } from './rollout/session.js';
import { closest } from './spec/suggest.js';
import type { Plan } from './plan/plan.js';
import pkg from '../package.json' with { type: 'json' };

/** Something to create or replace; orphans are only reported, so they are no change. */
function planHasChanges(plan: Plan): boolean {
  return plan.entries.some((e) => e.action === 'create' || e.action === 'replace');
}

/**
 * Exit codes: 0 ok (warnings allowed), 1 invalid spec or failed command, 2 usage error (a wrong
 * command line, or a file it names that cannot be read); plan --detailed-exitcode: 0 no changes,
 * 2 changes (`changes`), 1 any error.
 */
export const EXIT = { ok: 0, failed: 1, usage: 2, changes: 2 } as const;

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

type OptionName =
  | 'format'
  | 'out'
  | 'revision'
  | 'key'
  | 'known-hosts'
  | 'insecure-skip-host-key-check'
  | 'user'
  | 'jump-host'
  | 'only-hosts'
  | 'gate-timeout'
  | 'drain-seconds'
  | 'parallel'
  | 'gates-via'
  | 'break-lock'
  | 'dry-run'
  | 'detailed-exitcode'
  | 'plan'
  | 'to'
  | 'verbose'
  | 'help'
  | 'version';

interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** `--name <arg>` as the help shows it, and what it does. */
  arg?: string;
  help: string;
}

const OPTIONS: Record<OptionName, OptionSpec> = {
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
    help:
      'private key (or env ROCKETMQ_ROLLOUT_SSH_KEY with the key itself);\n' +
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

const SSH_OPTIONS: OptionName[] = ['key', 'known-hosts', 'insecure-skip-host-key-check', 'user', 'jump-host'];
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
] as const satisfies readonly OptionName[];

interface CommandSpec {
  args: string;
  summary: string;
  options: OptionName[];
}

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
    summary:
      'deploy the revision before the current one recorded on the hosts, or (without --to)\n' +
      'the spec file as given, e.g. checked out at an older ref',
    options: ['to', ...ROLLOUT_OPTIONS],
  },
  version: { args: '', summary: 'print the version', options: ['format'] },
  help: { args: '[command]', summary: "a command's options", options: [] },
} satisfies Record<string, CommandSpec>;

type CommandName = keyof typeof COMMAND_SPECS;
const COMMANDS = Object.keys(COMMAND_SPECS) as CommandName[];

/** Help's two columns: a name, then its text (continued lines aligned; below a name too long). */
function twoColumns(name: string, text: string): string[] {
  const WIDTH = 32;
  const [first = '', ...more] = text.split('\n');
  const rest = more.map((l) => `  ${''.padEnd(WIDTH)} ${l}`);
  if (name.length >= WIDTH) return [`  ${name}`, `  ${''.padEnd(WIDTH)} ${first}`, ...rest];
  return [`  ${name.padEnd(WIDTH)} ${first}`, ...rest];
}

function optionLines(names: readonly OptionName[]): string[] {
  return names.flatMap((name) => {
    const o = OPTIONS[name];
    return twoColumns(`${o.short ? `-${o.short}, ` : ''}--${name}${o.arg ? ` ${o.arg}` : ''}`, o.help);
  });
}

function usage(): string {
  const commands = COMMANDS.flatMap((c) =>
    twoColumns(`${c} ${COMMAND_SPECS[c].args}`, COMMAND_SPECS[c].summary),
  );
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
function exitCodeLines(command: CommandName): string[] {
  if (command === 'version' || command === 'help') return ['Exit code: 0.'];
  const failed =
    command === 'validate' || command === 'render' ? 'invalid spec' : 'invalid spec or failed command';
  const lines = [`Exit codes: 0 ok, 1 ${failed}, 2 usage error (or a file it names cannot be read).`];
  if (command === 'plan') lines.push('With --detailed-exitcode: 0 no changes, 2 changes, 1 any error.');
  return lines;
}

function commandUsage(command: CommandName): string {
  const c: CommandSpec = COMMAND_SPECS[command];
  const lines = [
    `Usage: rocketmq-rollout ${command}${c.args ? ` ${c.args}` : ''} [options]`,
    '',
    ...c.summary.split('\n'),
  ];
  const options: OptionName[] = [...c.options, 'help'];
  lines.push('', 'Options:', ...optionLines(options), '', ...exitCodeLines(command), '');
  return lines.join('\n');
}

/** A wrong command line: exit 2 (1 under --detailed-exitcode), a short message, never the full help. */
class UsageError extends RolloutError {
  constructor(
    message: string,
    readonly command?: CommandName,
  ) {
    super('usage', message);
  }
}

interface Parsed {
  command: 'validate' | 'render' | 'plan' | 'deploy' | 'rollback';
  spec: string;
  values: {
    format: 'text' | 'json';
    out?: string | undefined;
    revision?: string | undefined;
    key?: string | undefined;
    knownHosts?: string | undefined;
    insecure: boolean;
    user?: string | undefined;
    jumpHost?: string | undefined;
    onlyHosts?: string[] | undefined;
    gateTimeout: number;
    drainSeconds?: number;
    parallel?: number;
    gatesVia?: 'ssh' | 'direct';
    breakLock: boolean;
    dryRun: boolean;
    detailedExitcode: boolean;
    plan?: string;
    to?: string | undefined;
    verbose: boolean;
  };
}

type ParseOutcome = Parsed | { help: CommandName | undefined } | { version: true; format: 'text' | 'json' };

const didYouMean = (word: string, candidates: Iterable<string>, prefix = ''): string => {
  const c = closest(word, candidates);
  return c ? ` (did you mean '${prefix}${c}'?)` : '';
};

/**
 * parseArgs in its lenient mode, then our own checks of every token: its strict mode reports
 * unknown options with its raw text and no suggestion.
 */
function parse(argv: string[]): ParseOutcome {
  const { values, positionals, tokens } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    tokens: true,
    options: Object.fromEntries(
      Object.entries(OPTIONS).map(([name, o]) => [
        name,
        { type: o.type, ...(o.short ? { short: o.short } : {}) },
      ]),
    ),
  });
  const first = positionals[0];
  const command = COMMANDS.find((c) => c === first);
  checkOptionTokens(tokens, command);
  const str = (name: OptionName): string | undefined => {
    const v = values[name];
    return typeof v === 'string' ? v : undefined;
  };
  const bool = (name: OptionName): boolean => values[name] === true;
  const format = str('format') ?? 'text';
  if (format !== 'text' && format !== 'json') {
    throw new UsageError(`--format must be text or json, got '${format}'`, command);
  }
  if (bool('version') || command === 'version') return { version: true, format };
  if (positionals.length === 0) return { help: undefined };
  if (!command) {
    throw new UsageError(`unknown command '${first}'${didYouMean(first ?? '', COMMANDS)}`);
  }
  if (command === 'help') {
    const topic = positionals[1];
    if (topic === undefined) return { help: undefined };
    const known = COMMANDS.find((c) => c === topic);
    if (!known) throw new UsageError(`no command '${topic}'${didYouMean(topic, COMMANDS)}`);
    return { help: known };
  }
  if (bool('help')) return { help: command };
  return parseCommand(command, positionals.slice(1), { str, bool, format });
}

/** parseArgs' lenient mode accepts anything: every option token is checked here. */
function checkOptionTokens(
  tokens: NonNullable<ReturnType<typeof parseArgs>['tokens']>,
  command: CommandName | undefined,
): void {
  const longNames = Object.keys(OPTIONS);
  for (const t of tokens) {
    if (t.kind !== 'option') continue;
    const o = (OPTIONS as Record<string, OptionSpec | undefined>)[t.name];
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
function checkedRevision(revision: string | undefined, command: CommandName): string | undefined {
  if (revision !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(revision)) {
    throw new UsageError(
      `--revision must be letters, digits, '.', '_', '-' (at most 64), got '${revision}'`,
      command,
    );
  }
  return revision;
}

/** An option of plain digits within a range, or undefined when not given. */
function digitsOption(
  str: (name: OptionName) => string | undefined,
  name: OptionName,
  [min, max]: [number, number],
  what: string,
  command: CommandName,
): number | undefined {
  const text = str(name);
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^[0-9]+$/.test(text) || n < min || n > max)
    throw new UsageError(`--${name} must be ${what} from ${min} to ${max}, got '${text}'`, command);
  return n;
}

/** A command's own arguments and option values, each checked with a message of its own. */
function parseCommand(
  command: Parsed['command'],
  args: readonly string[],
  o: {
    str: (name: OptionName) => string | undefined;
    bool: (name: OptionName) => boolean;
    format: 'text' | 'json';
  },
): Parsed {
  const { str, bool, format } = o;
  const [specArg, ...rest] = args;
  const planFile = str('plan');
  if (planFile !== undefined && command !== 'deploy') throw new UsageError('--plan is for deploy', command);
  if (planFile !== undefined && str('revision') !== undefined)
    throw new UsageError('--revision and --plan: the plan records its revision', command);
  // With --plan the spec comes from the plan; a spec given too must be the same file.
  const spec = specArg ?? (planFile !== undefined ? '' : undefined);
  if (spec === undefined)
    throw new UsageError(`${command} needs a spec file: rocketmq-rollout ${command} <spec.yml>`, command);
  if (rest.length > 0) throw new UsageError(`unexpected argument '${rest[0]}'`, command);
  const out = str('out');
  if (command === 'render' && !out) throw new UsageError('render needs --out <dir>', command);
  const gateTimeoutText = str('gate-timeout') ?? '180';
  const gateTimeout = Number(gateTimeoutText);
  if (!Number.isInteger(gateTimeout) || gateTimeout < 5 || gateTimeout > 3600) {
    throw new UsageError(
      `--gate-timeout must be whole seconds from 5 to 3600, got '${gateTimeoutText}'`,
      command,
    );
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
    throw new UsageError(
      `--to is for rollback and takes 'previous' (to deploy an older ref, check it out and pass its spec)`,
      command,
    );
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

function summaryLine(findings: readonly Finding[]): string {
  const c = countBySeverity(findings);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${plural(c.notice, 'notice')}`;
}

function printFindings(io: CliIo, result: ValidationResult): void {
  for (const f of result.findings) io.stdout.write(`${formatFinding(f)}\n`);
  io.stdout.write(`${summaryLine(result.findings)}\n`);
}

/** Version of the --format json output; raised only when a field changes meaning or goes away. */
export const JSON_FORMAT_VERSION = 1;

/** Every --format json answer: the same envelope around the command's own fields. */
function writeJson(io: CliIo, command: string, ok: boolean, body: Record<string, unknown>): void {
  io.stdout.write(
    `${JSON.stringify({ formatVersion: JSON_FORMAT_VERSION, command, ok, ...body }, null, 2)}\n`,
  );
}

/**
 * The one place an error reaches the user: a line, never a stack trace (and the envelope under
 * --format json). Usage errors exit 2, or 1 under --detailed-exitcode, where 2 means "changes".
 */
function reportError(
  io: CliIo,
  error: unknown,
  context: { command?: string; json?: boolean; detailed?: boolean },
): number {
  const message = errorMessage(error);
  io.stderr.write(`rocketmq-rollout: ${printable(message)}\n`);
  if (error instanceof UsageError) {
    const cmd = error.command ?? (context.command as CommandName | undefined);
    io.stderr.write(
      cmd && cmd !== 'help' && cmd !== 'version'
        ? `Run 'rocketmq-rollout help ${cmd}' for its options.\n`
        : `Run 'rocketmq-rollout help' for the commands.\n`,
    );
  }
  const usage = isRolloutError(error) && (error.code === 'usage' || error.code === 'unreadable');
  // A host that could not be reached (or any error naming its host) says which, for machines too.
  const host = isRolloutError(error) ? error.host : undefined;
  if (context.json)
    writeJson(io, context.command ?? 'unknown', false, {
      error: message,
      usageError: usage,
      ...(host !== undefined
        ? { failure: { host, phase: (isRolloutError(error) && error.phase) || 'connect', message } }
        : {}),
    });
  if (context.detailed) return EXIT.failed;
  return usage ? EXIT.usage : EXIT.failed;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let parsed: ParseOutcome;
  try {
    parsed = parse(argv);
  } catch (error) {
    const json = argv.some((a, i) => a === '--format=json' || (a === '--format' && argv[i + 1] === 'json'));
    const command = error instanceof UsageError ? error.command : undefined;
    return reportError(io, error, {
      ...(command ? { command } : {}),
      json,
      detailed: command === 'plan' && argv.includes('--detailed-exitcode'),
    });
  }
  if ('version' in parsed) {
    if (parsed.format === 'json') writeJson(io, 'version', true, { version: pkg.version });
    else io.stdout.write(`rocketmq-rollout ${pkg.version}\n`);
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
    const r = await checkSpec(
      parsed.spec,
      parsed.command === 'render'
        ? { out: v.out ?? 'rendered', ...(v.revision ? { revision: v.revision } : {}) }
        : {},
    );
    const result = r.validation;
    if (!r.cluster || r.manifest === undefined) {
      if (json) writeJson(io, parsed.command, !!result.spec, { ...result, spec: undefined });
      else printFindings(io, result);
      return result.spec ? EXIT.ok : EXIT.failed;
    }
    const { cluster, manifest, revision } = r;
    const containers = containerCount(cluster);
    if (json) {
      writeJson(io, 'render', true, { manifest, containers, revision, findings: result.findings });
    } else {
      printFindings(io, result);
      io.stdout.write(`rendered ${containers} containers on ${cluster.hosts.length} hosts to ${manifest}\n`);
    }
    return EXIT.ok;
  } catch (error) {
    return reportError(io, error, { command: parsed.command, json });
  }
}

async function readSecretFile(path: string | undefined, what: string): Promise<string | undefined> {
  return path ? readNamedFile(path, what) : undefined;
}

async function printRemoteResult(io: CliIo, parsed: Parsed, r: RemoteRunResult): Promise<void> {
  const { drainPlanLine, formatLeftovers, formatPlanText, formatResultText, planJson } =
    await import('./report/format.js');
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
    if (f.severity !== 'notice') io.stdout.write(`${formatFinding(f)}\n`);
  if (r.plan) io.stdout.write(formatPlanText(r.plan) + (r.drain ? drainPlanLine(r.drain) : ''));
  if (r.interrupted?.length) io.stdout.write(formatLeftovers(r.interrupted));
  if (r.result) io.stdout.write(formatResultText(r.result));
  for (const ns of r.clusterStatus ?? []) {
    const brokers = ns.brokers.map((b) => `${b.name}/${b.id}@${b.addr}`).join(', ');
    io.stdout.write(
      `${printable(`name server ${ns.nameServer}: ${ns.error ? `unreachable (${ns.error})` : brokers || 'no brokers'}`)}\n`,
    );
  }
  if (r.error) io.stdout.write(`error: ${printable(r.error)}\n`);
}

/** The SSH settings of the command line: a key, else what plain ssh would use. */
async function cliConnection(parsed: Parsed): Promise<ConnectionSettings> {
  const { readUserSshConfig } = await import('./remote/ssh-config.js');
  const v = parsed.values;
  const privateKey = (await readSecretFile(v.key, 'SSH key')) ?? process.env.ROCKETMQ_ROLLOUT_SSH_KEY;
  // Without a key: what plain ssh would use, the agent and the user's ~/.ssh/config.
  const agent = privateKey ? undefined : process.env.SSH_AUTH_SOCK || undefined;
  const sshConfig = privateKey ? undefined : await readUserSshConfig();
  if (!privateKey && !agent && !/^\s*IdentityFile\b/im.test(sshConfig ?? '')) {
    throw new UsageError(
      `${parsed.command} needs --key <file>, ROCKETMQ_ROLLOUT_SSH_KEY, an ssh-agent (SSH_AUTH_SOCK) or an IdentityFile in ~/.ssh/config`,
      parsed.command,
    );
  }
  const knownHosts = await readSecretFile(v.knownHosts, 'known_hosts file');
  if (!knownHosts && !v.insecure) {
    throw new UsageError(
      `${parsed.command} needs --known-hosts <file> (or --insecure-skip-host-key-check, not for production)`,
    );
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
async function remoteCommand(parsed: Parsed, io: CliIo): Promise<number> {
  const [{ TerminalReporter }, { runRemote }, { hostname }] = await Promise.all([
    import('./report/terminal.js'),
    import('./commands/remote.js'),
    import('node:os'),
  ]);
  const reporter = new TerminalReporter(io.stderr, parsed.values.verbose);
  const v = parsed.values;
  try {
    const connection = await cliConnection(parsed);
    const r = await runRemote(
      {
        command: parsed.command as RemoteCommand,
        specPath: parsed.spec,
        specRequired: true,
        ...(v.revision ? { revision: v.revision } : {}),
        ...(v.plan !== undefined ? { planFile: v.plan } : {}),
        ...(v.out ? { planOut: v.out } : {}),
      },
      {
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
      },
      reporter,
    );
    await printRemoteResult(io, parsed, r);
    if (r.error || (r.result && !r.result.ok)) return EXIT.failed;
    // Like terraform plan -detailed-exitcode: a scheduled job fails on drift without parsing output.
    if (v.detailedExitcode && r.plan && planHasChanges(r.plan)) return EXIT.changes;
    return EXIT.ok;
  } catch (error) {
    return reportError(io, error, {
      command: parsed.command,
      json: v.format === 'json',
      detailed: v.detailedExitcode,
    });
  }
}
