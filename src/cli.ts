import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { renderCluster } from './render/render.js';
import { writeRendered } from './render/write.js';
import { countBySeverity, formatFinding, type Finding } from './spec/findings.js';
import { specRevision } from './spec/revision.js';
import { validateSpecText, type ValidationResult } from './spec/validate.js';
import { TerminalReporter } from './report/terminal.js';
import { formatPlanText, formatResultText, planJson } from './report/format.js';
import type { RemoteRunResult } from './rollout/run.js';

/** Exit codes: 0 ok (warnings allowed), 1 invalid spec or failed rollout, 2 usage error. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

const USAGE = `Usage: rocketmq-rollout <command> <spec.yml> [options]

Commands:
  validate <spec>                 check the spec; findings as file:line:col: severity: message (fix)
  render <spec> --out <dir>       write every broker.conf and docker run argv, one folder per host
  plan <spec>                     compare the hosts with the spec: create / replace (why) / unchanged / orphaned
  deploy <spec>                   make the hosts match the spec, host by host, gated, undoing a failed step
  rollback <spec> [--to previous] deploy the revision before the current one recorded on the hosts,
                                  or (without --to) the spec file as given, e.g. checked out at an older ref

Options:
  --format text|json              output for machines (json) or people (text, default)
  --revision <id>                 revision recorded on the hosts (default: git commit or content hash)
SSH (plan, deploy, rollback):
  --key <file>                    private key (or env ROCKETMQ_ROLLOUT_SSH_KEY with the key itself)
                                  passphrase from env ROCKETMQ_ROLLOUT_SSH_PASSPHRASE
  --known-hosts <file>            host keys to verify every host against (required unless the next)
  --insecure-skip-host-key-check  connect without verifying host keys (warned; not for production)
  --user <name>                   SSH user (overrides ssh.user of the spec)
  --jump-host <user@host:port>    reach the hosts through a bastion
Deploy:
  --only-hosts <A,B>              touch only these hosts' containers
  --gate-timeout <seconds>        deadline of each health gate (default 180)
  --break-lock                    take the deploy lock even when another run holds it
  --dry-run                       plan and stop: change nothing
  -v, --verbose                   debug lines too
  -h, --help                      this text
`;

class UsageError extends Error {}

interface Parsed {
  command: string;
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
    breakLock: boolean;
    dryRun: boolean;
    to?: string;
    verbose: boolean;
  };
}

const COMMANDS = ['validate', 'render', 'plan', 'deploy', 'rollback'];

function parse(argv: string[]): Parsed | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', default: 'text' },
      out: { type: 'string' },
      revision: { type: 'string' },
      key: { type: 'string' },
      'known-hosts': { type: 'string' },
      'insecure-skip-host-key-check': { type: 'boolean', default: false },
      user: { type: 'string' },
      'jump-host': { type: 'string' },
      'only-hosts': { type: 'string' },
      'gate-timeout': { type: 'string', default: '180' },
      'break-lock': { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      to: { type: 'string' },
      verbose: { type: 'boolean', short: 'v', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals.length === 0) return 'help';
  const [command, spec, ...rest] = positionals;
  if (!command || !COMMANDS.includes(command)) {
    throw new UsageError(`unknown command '${command}' (expected one of ${COMMANDS.join(', ')})`);
  }
  if (!spec) throw new UsageError(`${command} needs a spec file: rocketmq-rollout ${command} <spec.yml>`);
  if (rest.length > 0) throw new UsageError(`unexpected argument '${rest[0]}'`);
  if (values.format !== 'text' && values.format !== 'json') {
    throw new UsageError(`--format must be text or json, got '${values.format}'`);
  }
  if (command === 'render' && !values.out) throw new UsageError('render needs --out <dir>');
  const gateTimeout = Number(values['gate-timeout']);
  if (!Number.isInteger(gateTimeout) || gateTimeout < 5 || gateTimeout > 3600) {
    throw new UsageError(
      `--gate-timeout must be whole seconds from 5 to 3600, got '${values['gate-timeout']}'`,
    );
  }
  if (values.revision !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(values.revision)) {
    throw new UsageError(
      `--revision must be letters, digits, '.', '_', '-' (at most 64), got '${values.revision}'`,
    );
  }
  if (values.to !== undefined && (command !== 'rollback' || values.to !== 'previous')) {
    throw new UsageError(
      `--to is for rollback and takes 'previous' (to deploy an older ref, check it out and pass its spec)`,
    );
  }
  return {
    command,
    spec,
    values: {
      format: values.format,
      out: values.out,
      revision: values.revision,
      key: values.key,
      knownHosts: values['known-hosts'],
      insecure: values['insecure-skip-host-key-check'] ?? false,
      user: values.user,
      jumpHost: values['jump-host'],
      onlyHosts: values['only-hosts']?.split(/[\s,]+/).filter(Boolean),
      gateTimeout,
      breakLock: values['break-lock'] ?? false,
      dryRun: values['dry-run'] ?? false,
      to: values.to,
      verbose: values.verbose ?? false,
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

/** The one place an error reaches the user: a line, never a stack trace; usage errors exit 2. */
function reportError(io: CliIo, error: unknown): number {
  io.stderr.write(`rocketmq-rollout: ${error instanceof Error ? error.message : String(error)}\n`);
  return error instanceof UsageError ? EXIT.usage : EXIT.failed;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let parsed: Parsed | 'help';
  try {
    parsed = parse(argv);
  } catch (error) {
    io.stderr.write(`rocketmq-rollout: ${(error as Error).message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (parsed === 'help') {
    io.stdout.write(USAGE);
    return EXIT.ok;
  }
  if (['plan', 'deploy', 'rollback'].includes(parsed.command)) return remoteCommand(parsed, io);
  try {
    const { text, result } = await loadAndValidate(parsed.spec);
    const json = parsed.values.format === 'json';
    if (parsed.command === 'validate') {
      if (json) io.stdout.write(`${JSON.stringify({ ...result, spec: undefined }, null, 2)}\n`);
      else printFindings(io, result);
      return result.spec ? EXIT.ok : EXIT.failed;
    }
    // render
    if (!result.spec) {
      printFindings(io, result);
      return EXIT.failed;
    }
    const revision = await specRevision(parsed.spec, text, parsed.values.revision);
    const cluster = renderCluster(result.spec, revision);
    const manifest = await writeRendered(cluster, parsed.values.out ?? 'rendered');
    const containers = cluster.hosts.reduce((n, h) => n + h.containers.length, 0);
    if (json) {
      io.stdout.write(
        `${JSON.stringify({ manifest, containers, revision, findings: result.findings }, null, 2)}\n`,
      );
    } else {
      printFindings(io, result);
      io.stdout.write(`rendered ${containers} containers on ${cluster.hosts.length} hosts to ${manifest}\n`);
    }
    return EXIT.ok;
  } catch (error) {
    return reportError(io, error);
  }
}

async function readSecretFile(path: string | undefined, what: string): Promise<string | undefined> {
  if (!path) return undefined;
  try {
    return await readFile(path, 'utf8');
  } catch {
    throw new UsageError(`cannot read ${what} '${path}'`);
  }
}

function printRemoteResult(io: CliIo, parsed: Parsed, r: RemoteRunResult): void {
  if (parsed.values.format === 'json') {
    io.stdout.write(
      `${JSON.stringify(
        {
          ok: !r.error && (r.result?.ok ?? true),
          error: r.error,
          findings: r.validation.findings,
          plan: r.plan ? planJson(r.plan) : undefined,
          steps: r.result?.steps,
          hostTimings: r.result?.hostTimings,
          failure: r.result?.failure,
          noop: r.result?.noop,
          clusterStatus: r.clusterStatus,
        },
        null,
        2,
      )}\n`,
    );
    return;
  }
  for (const f of r.validation.findings)
    if (f.severity !== 'notice') io.stdout.write(`${formatFinding(f)}\n`);
  if (r.plan) io.stdout.write(formatPlanText(r.plan));
  if (r.result) io.stdout.write(formatResultText(r.result));
  for (const ns of r.clusterStatus ?? []) {
    const brokers = ns.brokers.map((b) => `${b.name}/${b.id}@${b.addr}`).join(', ');
    io.stdout.write(
      `name server ${ns.nameServer}: ${ns.error ? `unreachable (${ns.error})` : brokers || 'no brokers'}\n`,
    );
  }
  if (r.error) io.stdout.write(`error: ${r.error}\n`);
}

/** plan, deploy, rollback: SIGINT/SIGTERM finish or undo the current container, then release the lock. */
async function remoteCommand(parsed: Parsed, io: CliIo): Promise<number> {
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
    if (!privateKey) throw new UsageError(`${parsed.command} needs --key <file> or ROCKETMQ_ROLLOUT_SSH_KEY`);
    const knownHosts = await readSecretFile(v.knownHosts, 'known_hosts file');
    if (!knownHosts && !v.insecure) {
      throw new UsageError(
        `${parsed.command} needs --known-hosts <file> (or --insecure-skip-host-key-check, not for production)`,
      );
    }
    const passphrase = process.env.ROCKETMQ_ROLLOUT_SSH_PASSPHRASE;
    // Loaded on demand: validate and render start fast without the SSH and remoting code.
    const { runRemoteCommand } = await import('./rollout/run.js');
    const r = await runRemoteCommand(
      parsed.command as 'plan' | 'deploy' | 'rollback',
      parsed.spec,
      {
        connection: {
          privateKey,
          insecureSkipHostKeyCheck: v.insecure,
          ...(knownHosts ? { knownHosts } : {}),
          ...(passphrase ? { passphrase } : {}),
          ...(v.user ? { user: v.user } : {}),
          ...(v.jumpHost ? { jumpHost: v.jumpHost } : {}),
        },
        gateTimeoutMs: v.gateTimeout * 1000,
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
    printRemoteResult(io, parsed, r);
    return r.error || (r.result && !r.result.ok) ? EXIT.failed : EXIT.ok;
  } catch (error) {
    return reportError(io, error);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
