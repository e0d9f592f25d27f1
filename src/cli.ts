import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { countBySeverity, formatFinding, printable, type Finding } from './spec/findings.js';
import { validateSpecText, type ValidationResult } from './spec/validate.js';
import type { RemoteRunResult } from './rollout/run.js';
import type { SavedPlan } from './plan/plan-file.js';
import { closest } from './spec/suggest.js';
import type { Plan } from './plan/plan.js';
import pkg from '../package.json' with { type: 'json' };

/** Something to create or replace; orphans are only reported, so they are no change. */
function planHasChanges(plan: Plan): boolean {
  return plan.entries.some((e) => e.action === 'create' || e.action === 'replace');
}

/**
 * Exit codes: 0 ok (warnings allowed), 1 invalid spec or failed command, 2 usage error;
 * plan --detailed-exitcode: 0 no changes, 2 changes (`changes`), 1 any error.
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
    options: ['out', 'detailed-exitcode', 'format', 'revision', 'only-hosts', ...SSH_OPTIONS, 'verbose'],
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

const pad = (text: string, width: number) => text.padEnd(width);

function optionLines(names: readonly OptionName[]): string[] {
  return names.flatMap((name) => {
    const o = OPTIONS[name];
    const flag = `${o.short ? `-${o.short}, ` : ''}--${name}${o.arg ? ` ${o.arg}` : ''}`;
    const [first, ...more] = o.help.split('\n');
    return [`  ${pad(flag, 32)} ${first}`, ...more.map((l) => `  ${pad('', 32)} ${l}`)];
  });
}

function usage(): string {
  const commands = COMMANDS.flatMap((c) => {
    const [first, ...more] = COMMAND_SPECS[c].summary.split('\n');
    return [
      `  ${pad(`${c} ${COMMAND_SPECS[c].args}`, 32)} ${first}`,
      ...more.map((l) => `  ${pad('', 32)} ${l}`),
    ];
  });
  return [
    'Usage: rocketmq-rollout <command> <spec.yml> [options]',
    '',
    'Commands:',
    ...commands,
    '',
    "Run 'rocketmq-rollout help <command>' (or '<command> --help') for its options.",
    'Options of every command: --format text|json, -h/--help; --version prints the version.',
    'Exit codes: 0 ok (warnings allowed), 1 invalid spec or failed command, 2 usage error;',
    'plan --detailed-exitcode: 0 no changes, 2 changes, 1 error (usage errors included).',
    '',
  ].join('\n');
}

function commandUsage(command: CommandName): string {
  const c: CommandSpec = COMMAND_SPECS[command];
  const lines = [
    `Usage: rocketmq-rollout ${command}${c.args ? ` ${c.args}` : ''} [options]`,
    '',
    ...c.summary.split('\n'),
  ];
  const options: OptionName[] = [...c.options, 'help'];
  lines.push('', 'Options:', ...optionLines(options), '');
  return lines.join('\n');
}

/** A wrong command line: exit 2 (1 under --detailed-exitcode), a short message, never the full help. */
class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: CommandName,
  ) {
    super(message);
  }
}

interface Parsed {
  command: 'validate' | 'render' | 'plan' | 'deploy' | 'rollback';
  spec: string;
  values: {
    format: 'text' | 'json';
    out?: string;
    revision?: string;
    key?: string;
    knownHosts?: string;
    insecure: boolean;
    user?: string;
    jumpHost?: string;
    onlyHosts?: string[];
    gateTimeout: number;
    gatesVia?: 'ssh' | 'direct';
    breakLock: boolean;
    dryRun: boolean;
    detailedExitcode: boolean;
    plan?: string;
    to?: string;
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
  const [, specArg, ...rest] = positionals;
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
  const gatesVia = str('gates-via');
  if (gatesVia !== undefined && gatesVia !== 'ssh' && gatesVia !== 'direct') {
    throw new UsageError(`--gates-via takes ssh or direct, got '${gatesVia}'`, command);
  }
  const revision = str('revision');
  if (revision !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(revision)) {
    throw new UsageError(
      `--revision must be letters, digits, '.', '_', '-' (at most 64), got '${revision}'`,
      command,
    );
  }
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

async function loadAndValidate(specPath: string): Promise<{ text: string; result: ValidationResult }> {
  let text: string;
  try {
    text = await readFile(specPath, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error);
    throw new UsageError(`cannot read spec '${specPath}': ${reason}`);
  }
  return { text, result: validateSpecText(text, specPath) };
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
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`rocketmq-rollout: ${printable(message)}\n`);
  if (error instanceof UsageError && !error.message.startsWith('cannot read')) {
    const cmd = error.command ?? (context.command as CommandName | undefined);
    io.stderr.write(
      cmd && cmd !== 'help' && cmd !== 'version'
        ? `Run 'rocketmq-rollout help ${cmd}' for its options.\n`
        : `Run 'rocketmq-rollout help' for the commands.\n`,
    );
  }
  const usage = error instanceof UsageError;
  // A host that could not be reached (or any error naming its host) says which, for machines too.
  const host = (error as { host?: unknown } | undefined)?.host;
  if (context.json)
    writeJson(io, context.command ?? 'unknown', false, {
      error: message,
      usageError: usage,
      ...(typeof host === 'string' ? { failure: { host, phase: 'connect', message } } : {}),
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
    const { text, result } = await loadAndValidate(parsed.spec);
    if (parsed.command === 'validate' || !result.spec) {
      if (json) writeJson(io, parsed.command, !!result.spec, { ...result, spec: undefined });
      else printFindings(io, result);
      return result.spec ? EXIT.ok : EXIT.failed;
    }
    // render (loaded only here, as every command's own code: a validate starts no faster than it loads)
    const [{ specRevision }, { renderCluster }, { writeRendered }] = await Promise.all([
      import('./spec/revision.js'),
      import('./render/render.js'),
      import('./render/write.js'),
    ]);
    const revision = await specRevision(parsed.spec, text, parsed.values.revision);
    const cluster = renderCluster(result.spec, revision);
    const manifest = await writeRendered(cluster, parsed.values.out ?? 'rendered');
    const containers = cluster.hosts.reduce((n, h) => n + h.containers.length, 0);
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

/** deploy --plan: the saved plan, and the spec given with it must be the one it was made from. */
async function loadSavedPlan(file: string, spec: string): Promise<SavedPlan> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read plan '${file}'`, 'deploy');
  }
  const { parseSavedPlan } = await import('./plan/plan-file.js');
  const saved = parseSavedPlan(text, file);
  if (spec) {
    const given = await readFile(spec, 'utf8').catch(() => {
      throw new UsageError(`cannot read spec '${spec}'`, 'deploy');
    });
    if (createHash('sha256').update(given).digest('hex') !== saved.specSha256) {
      throw new Error(
        `${spec} is not the spec ${file} was made from (${saved.specPath} at revision ${saved.revision})`,
      );
    }
  }
  return saved;
}

async function readSecretFile(path: string | undefined, what: string): Promise<string | undefined> {
  if (!path) return undefined;
  try {
    return await readFile(path, 'utf8');
  } catch {
    throw new UsageError(`cannot read ${what} '${path}'`);
  }
}

async function printRemoteResult(io: CliIo, parsed: Parsed, r: RemoteRunResult): Promise<void> {
  const { formatLeftovers, formatPlanText, formatResultText, planJson } = await import('./report/format.js');
  if (parsed.values.format === 'json') {
    writeJson(io, parsed.command, !r.error && (r.result?.ok ?? true), {
      error: r.error,
      findings: r.validation.findings,
      plan: r.plan ? planJson(r.plan) : undefined,
      interrupted: r.interrupted,
      changes: r.plan ? planHasChanges(r.plan) : undefined,
      steps: r.result?.steps,
      hostTimings: r.result?.hostTimings,
      // container: the same as name, under the word the reports use.
      failure: r.result?.failure && { ...r.result.failure, container: r.result.failure.name },
      noop: r.result?.noop,
      clusterStatus: r.clusterStatus,
    });
    return;
  }
  for (const f of r.validation.findings)
    if (f.severity !== 'notice') io.stdout.write(`${formatFinding(f)}\n`);
  if (r.plan) io.stdout.write(formatPlanText(r.plan));
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

/** plan, deploy, rollback: SIGINT/SIGTERM finish or undo the current container, then release the lock. */
async function remoteCommand(parsed: Parsed, io: CliIo): Promise<number> {
  const [{ TerminalReporter }, { readUserSshConfig }] = await Promise.all([
    import('./report/terminal.js'),
    import('./remote/ssh-config.js'),
  ]);
  const reporter = new TerminalReporter(io.stderr, parsed.values.verbose);
  const abort = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    reporter.log(
      'warning',
      `${signal} received: undoing the current step and releasing the lock (a second signal is ignored)`,
      { code: 'signal' },
    );
    abort.abort(new Error(signal));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
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
    const saved = v.plan ? await loadSavedPlan(v.plan, parsed.spec) : undefined;
    if (saved) {
      reporter.log(
        'info',
        `deploying the plan ${v.plan} (fingerprint ${saved.fingerprint.slice(0, 12)}, made ${saved.createdAt} from ${saved.specPath} at revision ${saved.revision})`,
        { code: 'plan.load' },
      );
    }
    // Loaded on demand: validate and render start fast without the SSH and remoting code.
    const { runRemoteCommand } = await import('./rollout/run.js');
    const r = await runRemoteCommand(
      parsed.command as 'plan' | 'deploy' | 'rollback',
      saved ? parsed.spec || saved.specPath : parsed.spec,
      {
        ...(saved ? { savedPlan: saved } : {}),
        connection: {
          ...(privateKey ? { privateKey } : {}),
          ...(agent ? { agent } : {}),
          ...(sshConfig !== undefined ? { sshConfig } : {}),
          insecureSkipHostKeyCheck: v.insecure,
          ...(knownHosts ? { knownHosts } : {}),
          ...(passphrase ? { passphrase } : {}),
          ...(v.user ? { user: v.user } : {}),
          ...(v.jumpHost ? { jumpHost: v.jumpHost } : {}),
        },
        gateTimeoutMs: v.gateTimeout * 1000,
        ...(v.gatesVia ? { gatesVia: v.gatesVia } : {}),
        breakLock: v.breakLock,
        dryRun: v.dryRun,
        owner: { owner: `${process.env.USER ?? 'someone'}@${(await import('node:os')).hostname()} (cli)` },
        signal: abort.signal,
        ...(v.onlyHosts ? { onlyHosts: v.onlyHosts } : {}),
        ...(v.revision ? { revision: v.revision } : {}),
        ...(v.to ? { rollbackTo: v.to } : {}),
      },
      reporter,
    );
    if (parsed.command === 'plan' && v.out && r.savedPlan) {
      await writeFile(v.out, `${JSON.stringify(r.savedPlan, null, 2)}\n`);
      reporter.log(
        'info',
        `plan written to ${v.out} (fingerprint ${r.savedPlan.fingerprint.slice(0, 12)}): run it with deploy --plan ${v.out}`,
        { code: 'plan.saved' },
      );
    }
    await printRemoteResult(io, parsed, r);
    if (r.error || (r.result && !r.result.ok)) return EXIT.failed;
    // Like terraform plan -detailed-exitcode: a scheduled job fails on drift without parsing output.
    if (v.detailedExitcode && r.plan && planHasChanges(r.plan)) return EXIT.changes;
    return EXIT.ok;
  } catch (error) {
    return reportError(io, error, {
      command: parsed.command,
      json: parsed.values.format === 'json',
      detailed: parsed.values.detailedExitcode,
    });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
