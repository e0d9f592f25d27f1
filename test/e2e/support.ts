import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/**
 * Helpers for the end-to-end suite: the lab (real sshd, podman behind the real docker CLI, real
 * RocketMQ), the CLI run as a user would run it, and the real RocketMQ admin tool for checks.
 */
const run = promisify(execFile);
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const STATE = `${ROOT}lab/.state`;

export interface Lab {
  hosts: Record<string, string>;
  sshPort: number;
  sshUser: string;
  namesrv: string;
  key: string;
  knownHosts: string;
  spec: string;
  dataRoot: string;
  /** Field mode: a bastion in front, the RocketMQ ports closed to this machine. */
  field: boolean;
  /** The bastion's address (field mode only). */
  bastion?: string;
}

/**
 * Bring the lab up (idempotent). Fails loudly, never skips, when the machine cannot run it.
 * `field: true` wants it behind a bastion (LAB_FIELD=1); a lab up in the other mode is taken down
 * and brought up again.
 */
export async function labUp(options: { field?: boolean } = {}): Promise<Lab> {
  const field = options.field ?? false;
  const check = await run('bash', ['lab/lab.sh', 'check'], { cwd: ROOT }).catch(
    (e: { stderr?: string; stdout?: string }) => {
      throw new Error(
        `THE LAB CANNOT RUN HERE, so the end-to-end suite cannot prove anything: ${e.stderr ?? e.stdout ?? e}`,
      );
    },
  );
  void check;
  let current: Lab | undefined;
  try {
    current = readLab();
  } catch {
    // down
  }
  if (current && current.field !== field) {
    await run('bash', ['lab/lab.sh', 'down'], {
      cwd: ROOT,
      maxBuffer: 64 * 1024 * 1024,
      timeout: 5 * 60_000,
    });
  }
  await run('bash', ['lab/lab.sh', 'up'], {
    cwd: ROOT,
    maxBuffer: 64 * 1024 * 1024,
    timeout: 15 * 60_000,
    env: { ...process.env, LAB_FIELD: field ? '1' : '0' },
  });
  return readLab();
}

export function readLab(): Lab {
  const env = Object.fromEntries(
    readFileSync(`${STATE}/lab.env`, 'utf8')
      .split('\n')
      .map((l) => /^(?:export\s+)?([A-Z0-9_]+)=["']?(.*?)["']?$/.exec(l.trim()))
      .filter((m): m is RegExpExecArray => !!m)
      // lab.env is written with printf %q: undo its backslash escapes.
      .map((m) => [m[1], (m[2] ?? '').replace(/\\(.)/g, '$1')]),
  ) as Record<string, string>;
  const names = (env.LAB_HOSTS ?? '').split(/\s+/).filter(Boolean);
  return {
    hosts: Object.fromEntries(names.map((n) => [n, env[`LAB_ADDR_${n}`] ?? ''])),
    sshPort: Number(env.LAB_SSH_PORT ?? 22),
    sshUser: env.LAB_SSH_USER ?? 'root',
    namesrv: env.LAB_NAMESRV ?? '',
    key: `${STATE}/id_ed25519`,
    knownHosts: `${STATE}/known_hosts`,
    spec: `${STATE}/spec.yml`,
    dataRoot: env.LAB_DATA_ROOT ?? '/srv/rocketmq',
    field: env.LAB_FIELD === '1',
    ...(env.LAB_BASTION ? { bastion: env.LAB_BASTION } : {}),
  };
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The CLI bundled from src/ by the e2e set-up (global-setup.ts). */
export const CLI_BUNDLE = `${ROOT}test-results/e2e-cli/cli.mjs`;

/** The CLI from source, as `rocketmq-rollout ARGS` would run it; its progress lines go to CLI_LOG. */
export function cliProcess(args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  const child = spawn(process.execPath, ['--enable-source-maps', CLI_BUNDLE, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  logRun(child, args);
  return child;
}

/**
 * Every CLI run's progress lines, with the test that ran it and its wall time, end up in one file
 * (emptied at the start of each e2e run): a failed CI run, or a slow one, can be read step by
 * step afterwards, and a whole run searched (e.g. for a SIGKILLed broker).
 */
export const CLI_LOG = `${ROOT}test-results/e2e-cli.log`;

function logRun(child: ChildProcess, args: string[]): void {
  const startedAt = performance.now();
  const test = expect.getState().currentTestName ?? '(set-up)';
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  child.on('close', (code, signal) => {
    try {
      mkdirSync(`${ROOT}test-results`, { recursive: true });
      const took = ((performance.now() - startedAt) / 1000).toFixed(1);
      appendFileSync(
        CLI_LOG,
        `\n### ${new Date().toISOString()} ${test}\n$ rocketmq-rollout ${args.join(' ')}\n` +
          `exit ${code ?? signal} after ${took} s\n${stderr}`,
      );
    } catch {
      // A diagnostic only: a run never fails for it.
    }
  });
}

export function collect(child: ChildProcess, onStderr?: (text: string) => void): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
    onStderr?.(stderr);
  });
  return new Promise((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
}

export function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return collect(cliProcess(args, env));
}

/** The SSH flags of the lab for deploy/plan/rollback. */
export function sshArgs(lab: Lab, knownHosts = lab.knownHosts): string[] {
  return ['--key', lab.key, '--known-hosts', knownHosts];
}

/** The OpenSSH options of the lab; in field mode through the bastion (same key and known_hosts). */
export function openSshOptions(lab: Lab): string[] {
  const base = [
    '-i',
    lab.key,
    '-o',
    `UserKnownHostsFile=${lab.knownHosts}`,
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    'BatchMode=yes',
    '-p',
    String(lab.sshPort),
  ];
  if (!lab.bastion) return base;
  return [...base, '-o', `ProxyCommand=ssh ${base.join(' ')} -W %h:%p ${lab.sshUser}@${lab.bastion}`];
}

/** A command on a lab host through the real OpenSSH client (not our code). */
export async function onHost(lab: Lab, host: string, argv: string[]): Promise<string> {
  const { stdout } = await run(
    'ssh',
    [
      ...openSshOptions(lab),
      `${lab.sshUser}@${lab.hosts[host]}`,
      '--',
      ...argv.map((a) => `'${a.replace(/'/g, `'\\''`)}'`),
    ],
    { maxBuffer: 16 * 1024 * 1024, timeout: 120_000 },
  );
  return stdout;
}

/** name → container id of every managed container on a host, running or not. */
export async function containerIds(lab: Lab, host: string): Promise<Record<string, string>> {
  const out = await onHost(lab, host, [
    'docker',
    'ps',
    '-a',
    '--filter',
    'label=rocketmq-rollout.cluster',
    '--no-trunc',
    '--format',
    '{{.Names}} {{.ID}} {{.State}}',
  ]);
  return Object.fromEntries(
    out
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split(' '))
      .map(([name, id, state]) => [name ?? '', `${id}:${state}`]),
  );
}

export async function allContainerIds(lab: Lab): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const h of Object.keys(lab.hosts)) {
    for (const [n, id] of Object.entries(await containerIds(lab, h))) out[`${h}/${n}`] = id;
  }
  return out;
}

/** The real RocketMQ admin tool, `-n` defaulting to the lab's name servers. */
export async function mqadmin(args: string[]): Promise<string> {
  const { stdout } = await run('bash', ['lab/mqadmin', ...args], {
    cwd: ROOT,
    timeout: 120_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

export async function probe(args: string[], timeoutMs = 180_000): Promise<string> {
  const { stdout } = await run('bash', ['lab/probe', ...args], {
    cwd: ROOT,
    timeout: timeoutMs,
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

/** clusterList rows as `brokerName id addr` for one name server. */
export async function clusterList(namesrv: string): Promise<string[]> {
  return clusterRows((await mqadmin(['clusterList', '-n', namesrv])).split('\n'));
}

/** `brokerName id addr` rows of clusterList output lines (the header and stack traces left out). */
function clusterRows(lines: string[]): string[] {
  return lines
    .map((l) => l.trim().split(/\s+/))
    .filter((c) => c.length >= 4 && /^\d+$/.test(c[2] ?? ''))
    .map((c) => `${c[1]} ${c[2]} ${c[3]}`)
    .sort();
}

/**
 * One long-running `mqadmin clusterList -i 1` per name server: a sample about every second, where
 * a fresh mqadmin per sample (a JVM start each) took 2–4 s on the loaded lab and could miss a
 * broker's few seconds between unregistering and registering again. A round is complete when the
 * next header arrives; the last, possibly cut, round is dropped. If mqadmin ends (it gives up on
 * the first error talking to the name server) it is started again until `stop`.
 */
export function watchClusterList(namesrvs: string[]): {
  samples: { ns: string; rows: string[] }[];
  stop: () => Promise<void>;
} {
  const samples: { ns: string; rows: string[] }[] = [];
  let stopped = false;
  const children = new Set<ChildProcess>();
  const watch = (ns: string): Promise<void> =>
    new Promise((resolve) => {
      const child = spawn('bash', ['lab/mqadmin', 'clusterList', '-i', '1', '-n', ns], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      children.add(child);
      let partial = '';
      let round: string[] | undefined;
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        const lines = (partial + chunk).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) {
          if (!line.startsWith('#Cluster Name')) {
            round?.push(line);
            continue;
          }
          if (round && !stopped) samples.push({ ns, rows: clusterRows(round) });
          round = [];
        }
      });
      child.on('close', () => {
        children.delete(child);
        resolve(stopped ? undefined : watch(ns));
      });
    });
  const watching = Promise.all(namesrvs.map(watch));
  return {
    samples,
    stop: async () => {
      stopped = true;
      for (const c of children) c.kill('SIGKILL');
      await watching;
    },
  };
}

/** Poll a condition with a deadline: the suite never sleeps to synchronise. */
export async function eventually<T>(
  what: string,
  fn: () => Promise<T | undefined>,
  deadlineMs = 120_000,
): Promise<T> {
  const end = Date.now() + deadlineMs;
  let last: unknown;
  for (let wait = 250; Date.now() < end; wait = Math.min(wait * 2, 5000)) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, Math.min(wait, Math.max(0, end - Date.now()))));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

/** Build a test image on a host from a base image and Dockerfile lines (through the docker API). */
export async function buildImage(
  lab: Lab,
  host: string,
  tag: string,
  from: string,
  lines: string[],
): Promise<void> {
  const dockerfile = [`FROM ${from}`, ...lines].join('\n');
  await onHost(lab, host, [
    'sh',
    '-c',
    `printf '%s\\n' "$1" | DOCKER_BUILDKIT=0 docker build -q -t "$2" - >/dev/null`,
    'build',
    dockerfile,
    tag,
  ]);
}

/** Whether this process (the runner) can open a TCP connection to `address:port` within `timeoutMs`. */
export function runnerCanConnect(address: string, port: number, timeoutMs = 2000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: address, port });
    const done = (ok: boolean): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Switch the hosts' firewall of the lab (field | ssh-only | off), see lab/field.sh. */
export async function labFirewall(mode: 'field' | 'ssh-only' | 'off'): Promise<void> {
  await run('bash', ['lab/lab.sh', 'firewall', mode], { cwd: ROOT, timeout: 60_000 });
}

/**
 * Empty hosts: no container any cluster of the tool manages (they hold the lab's ports), and no
 * data, lock or history of `cluster`.
 */
export async function emptyHosts(lab: Lab, cluster: string): Promise<void> {
  const emptied = Object.keys(lab.hosts).map((h) =>
    onHost(lab, h, [
      'sh',
      '-c',
      // kill, not rm -f alone: rm -f stops first, and the image's PID 1 (sh) ignores SIGTERM, so
      // each container would wait out its 60 s stop timeout; the data goes anyway.
      `ids=$(docker ps -aq --filter label=rocketmq-rollout.cluster); [ -z "$ids" ] || { docker kill $ids >/dev/null 2>&1; docker rm -f $ids >/dev/null; }; rm -rf ${lab.dataRoot}/${cluster}-* ${lab.dataRoot}/.rocketmq-rollout`,
    ]),
  );
  await Promise.all(emptied);
}

export interface ProduceSummary {
  mode: string;
  sent: number;
  failed: number;
  acked: number;
  p99Ms: number;
  errors: string[];
}

/**
 * Runs `during` while the real client sends to `topic` (20 msg/s sync by default, default retries,
 * routes polled every second as the lab's short drain waits assume); resolves with the
 * producer's summary once `during` is done, whether it passed or threw (then it rethrows).
 */
export async function produceDuring<T>(
  topic: string,
  dir: string,
  during: () => Promise<T>,
  options: { rate?: number; mode?: 'sync' | 'async' | 'oneway'; keys?: string } = {},
): Promise<{ result: T; summary: ProduceSummary; stderr: string }> {
  const stopFile = `${dir}/stop-producer-${topic}`;
  const producer = spawn(
    'bash',
    [
      'lab/probe',
      'produce',
      ...['--topic', topic, '--rate', String(options.rate ?? 20), '--seconds', '900'],
      ...['--mode', options.mode ?? 'sync', '--poll-ms', '1000', '--stop-file', stopFile],
      ...(options.keys ? ['--keys', options.keys] : []),
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const produced = collect(producer);
  let result: T;
  try {
    result = await during();
  } finally {
    writeFileSync(stopFile, '');
  }
  const p = await produced;
  const summary = JSON.parse(p.stdout.trim().split('\n').at(-1) ?? '{}') as ProduceSummary;
  return { result, summary, stderr: p.stderr };
}
