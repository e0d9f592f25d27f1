/**
 * `npm run bench -- --lab`: the standing lab benchmark (run it under `flock /tmp/rocketmq-lab.lock`).
 * In one run, on the real lab:
 * - a rolling config change of the classic layout's 4 brokers, alternated: bench/bare-roll.sh (the
 *   baseline: OpenSSH ControlMaster, docker stop/rm/run, port open + listed on every name server)
 *   and the tool, each `--rounds` times (default 3); wall time of each, tool/bare ratio of the
 *   medians, where the tool's step time goes (ours / docker / gates), gate lag (each condition seen
 *   holding by an observer in this process, a port open or the broker listed on every name server →
 *   the gate's pass time the tool reports), SSH commands per changed container (the tool's
 *   `--verbose` command lines); the tool runs with drain off (the baseline does not drain) and all of
 *   its gates, and the time its second wave (probe message, replication) took is given apart;
 * - the no-op deploy time for 2, 4 and 6 lab hosts (a generated layout: one group per host), each
 *   alternated with its baseline: the tool's own observe command run on every host at once over
 *   fresh OpenSSH connections (the hosts' share of the time, which the lab's shared cores grow);
 * - the 6-host layout (6 groups, 12 brokers) rolled at parallel 1 and parallel 6, when the CLI has
 *   `--parallel`.
 * `--only roll,noop,parallel` picks parts, `--rounds N` the rounds of the first (a quick look: 1);
 * `--cli PATH` runs another CLI bundle than dist/cli. Each tool run's progress lines are kept in the
 * temp dir as rocketmq-bench-<part>.log.
 * Figures, never assertions: a missed target is written down as measured.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { registrationsOf } from '../src/gates/gates.js';
import { fetchClusterInfo } from '../src/gates/remoting.js';
import { containerFilePaths } from '../src/plan/plan.js';
import { CLUSTER_LABEL } from '../src/remote/docker.js';
import { observeArgv } from '../src/remote/observe.js';
import { quoteArgv } from '../src/remote/quote.js';
import { renderCluster } from '../src/render/render.js';
import { validateSpecText } from '../src/spec/validate.js';
import { round2 } from './stats.js';

const STATE = 'lab/.state';
const KEY = 'fileReservedTime';
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.floor((s.length - 1) / 2)] ?? NaN) : NaN;
};
const round = (x: number): number => Math.round(x);

interface Options {
  cli: string;
  rounds: number;
  only: Set<string>;
}

interface GateJson {
  gate: string;
  ok: boolean;
  elapsedMs: number;
  at?: number;
}
interface StepJson {
  host: string;
  name: string;
  ok: boolean;
  elapsedMs: number;
  engineMs: number;
  gates: GateJson[];
}
interface ToolRun {
  ms: number;
  ok: boolean;
  steps: StepJson[];
  commands: number;
  stderrTail: string;
  stderr: string;
}

/** A tool run's progress lines, kept outside the tree for a look at where its time went. */
function keepLog(name: string, run: ToolRun): void {
  writeFileSync(join(tmpdir(), `rocketmq-bench-${name}.log`), run.stderr);
}

function labEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(`${STATE}/lab.env`, 'utf8').split('\n')) {
    const m = /^([A-Z0-9_]+)="(.*)"$/.exec(line);
    if (m?.[1]) env[m[1]] = m[2] ?? '';
  }
  return env;
}

function lab(...args: string[]): void {
  execFileSync('bash', ['lab/lab.sh', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/**
 * Brings the lab up with n hosts in plain mode: down first when it runs with another count or mode,
 * or always when `fresh` (another suite may have left containers on the ports a layout needs).
 */
function labWith(n: number, fresh = false): Record<string, string> {
  let env: Record<string, string> | undefined;
  try {
    env = labEnv();
  } catch {
    env = undefined;
  }
  if (env && (fresh || env.LAB_N !== String(n) || env.LAB_FIELD !== '0')) lab('down');
  lab('up', String(n));
  return labEnv();
}

/** Runs the CLI's deploy with JSON output and every SSH command logged, timing it from spawn to exit. */
function deploy(o: Options, spec: string, extra: string[] = []): Promise<ToolRun> {
  const args = [
    o.cli,
    'deploy',
    spec,
    '--key',
    `${STATE}/id_ed25519`,
    '--known-hosts',
    `${STATE}/known_hosts`,
  ];
  args.push('--format', 'json', '--verbose', ...extra);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      const stderr = Buffer.concat(err).toString();
      let json: { ok?: boolean; steps?: StepJson[] } = {};
      try {
        json = JSON.parse(Buffer.concat(out).toString()) as typeof json;
      } catch {
        // no JSON: reported as a failed run with stderr's tail
      }
      resolve({
        ms,
        ok: code === 0 && json.ok !== false,
        steps: json.steps ?? [],
        commands: stderr.split('\n').filter((l) => /^\s*\[[^\]]+\] \$ /.test(l)).length,
        stderrTail: stderr.split('\n').slice(-8).join('\n'),
        stderr,
      });
    });
  });
}

/** The lab's spec with one broker.conf key of every group set, drain off (the baseline does none). */
function specWith(base: string, value: number, out: string, gatesVia: string): string {
  const doc = parse(readFileSync(base, 'utf8')) as Record<string, Record<string, unknown>>;
  doc.brokerDefaults = { ...doc.brokerDefaults, [KEY]: value };
  doc.rollout = { ...doc.rollout, drain: false };
  doc.gates = { via: gatesVia };
  writeFileSync(out, stringify(doc));
  return out;
}

interface Broker {
  host: string;
  address: string;
  name: string;
  port: number;
  group: string;
}

/** The spec's brokers in the order a rollout takes them: per group, slaves before the master. */
function brokersOf(specFile: string): Broker[] {
  const doc = parse(readFileSync(specFile, 'utf8')) as {
    cluster: string;
    hosts: Record<string, { address: string }>;
    brokers: Record<
      string,
      { master: { host: string; listenPort: number }; slaves?: { host: string; listenPort: number }[] }
    >;
  };
  return Object.entries(doc.brokers).flatMap(([group, g]) =>
    [...(g.slaves ?? []).map((s, i) => ({ ...s, id: i + 1 })), { ...g.master, id: 0 }].map((m) => ({
      host: m.host,
      address: doc.hosts[m.host]?.address ?? '',
      name: `${doc.cluster}-${group}-${m.id}`,
      port: m.listenPort,
      group,
    })),
  );
}

/**
 * Watches, from this process, what the tool's gates wait for: each TCP port, and each broker address
 * being listed by every name server. Records when each condition was seen becoming true after being
 * seen false. A tick is about 50 ms plus the probes' own time, so a condition is seen at most one
 * tick after it holds: lags measured against these times are, if anything, slightly short.
 */
class ConditionObserver {
  private readonly trueAt = new Map<string, number[]>();
  private readonly was = new Map<string, boolean>();
  private stopped = false;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly ports: { address: string; port: number }[],
    private readonly nameServers: string[],
  ) {}

  private probe(address: string, port: number): Promise<boolean> {
    return new Promise((resolve) => {
      const s = connect({ host: address, port, timeout: 300 });
      const done = (ok: boolean) => {
        s.destroy();
        resolve(ok);
      };
      s.once('connect', () => done(true));
      s.once('error', () => done(false));
      s.once('timeout', () => done(false));
    });
  }

  /** Broker addresses every name server lists right now (none when one does not answer). */
  private async listedEverywhere(): Promise<Set<string>> {
    const lists = await Promise.all(
      this.nameServers.map((ns) =>
        fetchClusterInfo(ns, { timeoutMs: 1000 }).then(
          (info) => new Set(registrationsOf(info).map((r) => r.addr)),
          () => new Set<string>(),
        ),
      ),
    );
    return lists.reduce((all, l) => new Set([...all].filter((a) => l.has(a))));
  }

  private see(k: string, now: boolean, at: number): void {
    if (now && this.was.get(k) === false) this.trueAt.set(k, [...(this.trueAt.get(k) ?? []), at]);
    this.was.set(k, now);
  }

  start(): void {
    this.loop = (async () => {
      while (!this.stopped) {
        await Promise.all([
          ...this.ports.map(async ({ address, port }) => {
            const open = await this.probe(address, port);
            this.see(`port ${address}:${port}`, open, Date.now());
          }),
          this.nameServers.length
            ? this.listedEverywhere().then((listed) => {
                const at = Date.now();
                for (const { address, port } of this.ports)
                  this.see(`registered ${address}:${port}`, listed.has(`${address}:${port}`), at);
              })
            : Promise.resolve(),
        ]);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
  }

  /** The last time `what` ('port' or 'registered') became true for `address:port` before `t` (epoch ms). */
  becameTrueBefore(
    what: 'port' | 'registered',
    address: string,
    port: number,
    t: number,
  ): number | undefined {
    return (this.trueAt.get(`${what} ${address}:${port}`) ?? []).filter((x) => x <= t).at(-1);
  }
}

/** Step time split: ours (preparation, journal, stop bookkeeping), docker (stop/run), gates (wall span). */
function phases(s: StepJson): {
  name: string;
  stepMs: number;
  oursMs: number;
  dockerMs: number;
  gatesMs: number;
} {
  const ends = s.gates.filter((g) => g.at !== undefined).map((g) => g.at ?? 0);
  const starts = s.gates.filter((g) => g.at !== undefined).map((g) => (g.at ?? 0) - g.elapsedMs);
  const gatesMs = ends.length
    ? Math.max(...ends) - Math.min(...starts)
    : s.gates.reduce((a, g) => a + g.elapsedMs, 0);
  return {
    name: s.name,
    stepMs: s.elapsedMs,
    oursMs: s.elapsedMs - s.engineMs,
    dockerMs: s.engineMs - gatesMs,
    gatesMs,
  };
}

/**
 * Per gate: how long after its condition was seen holding the tool reported it passed. Port gates
 * against their port opening, `registered` against the address being listed on every name server;
 * the other gates (effective config, probe message, replication) against the listen port opening,
 * which bounds them from above (their condition comes later), kept apart as `sinceListenPort`.
 */
function gateLag(runs: ToolRun[], brokers: Broker[], seen: ConditionObserver) {
  const lag: Record<string, number[]> = {};
  const since: Record<string, number[]> = {};
  for (const s of runs.flatMap((r) => r.steps)) {
    const b = brokers.find((x) => x.name === s.name && x.host === s.host);
    if (!b) continue;
    for (const g of s.gates) {
      if (g.at === undefined || !g.ok) continue;
      const port = /^port (\d+)$/.exec(g.gate)?.[1];
      if (port) {
        const opened = seen.becameTrueBefore('port', b.address, Number(port), g.at);
        if (opened !== undefined) (lag.port ??= []).push(g.at - opened);
      } else if (g.gate === 'registered') {
        const listed = seen.becameTrueBefore('registered', b.address, b.port, g.at);
        if (listed !== undefined) (lag.registered ??= []).push(g.at - listed);
      } else {
        const opened = seen.becameTrueBefore('port', b.address, b.port, g.at);
        if (opened !== undefined) (since[g.gate.replace(/ to .*$/, '')] ??= []).push(g.at - opened);
      }
    }
  }
  const summary = (m: Record<string, number[]>) =>
    Object.fromEntries(Object.entries(m).map(([k, v]) => [k, { medianMs: round(median(v)), each: v }]));
  const conditioned = Object.values(lag).flat();
  return {
    medianMs: round(median(conditioned)),
    samples: conditioned.length,
    byGate: summary(lag),
    sinceListenPort: summary(since),
  };
}

/** Gates that wait on the new process alone (the first wave); the rest build on them. */
const firstWave = (gate: string): boolean =>
  gate.startsWith('port ') || gate === 'registered' || gate === 'effective config' || gate === 'name server';

/**
 * How long a step waited on its second wave of gates (probe message through the group, replication)
 * after the first wave (ports, registration, effective config: what the baseline checks) passed.
 */
function secondWaveMs(s: StepJson): number {
  const last = (gs: GateJson[]) => Math.max(0, ...gs.map((g) => g.at ?? 0));
  const first = last(s.gates.filter((g) => firstWave(g.gate)));
  const second = last(s.gates.filter((g) => !firstWave(g.gate)));
  return first && second > first ? second - first : 0;
}

function bare(
  value: number,
  env: Record<string, string>,
  brokers: Broker[],
): { ms: number; brokers: unknown } {
  const t = performance.now();
  const out = execFileSync(
    'bash',
    [
      'bench/bare-roll.sh',
      KEY,
      String(value),
      env.LAB_NAMESRV ?? '',
      ...brokers.map((b) => `${b.address}:${b.name}:${b.port}`),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  ).toString();
  const ms = performance.now() - t;
  const json = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { brokers?: unknown };
  return { ms, brokers: json.brokers };
}

/** The classic 4 brokers, bare and tool alternated; the tool puts back the lab's value each time. */
async function rolling(o: Options) {
  const env = labWith(2, true);
  const spec = specWith(env.LAB_SPEC ?? `${STATE}/spec.yml`, 48, `${STATE}/bench-roll.yml`, 'direct');
  const settle = await deploy(o, spec);
  if (!settle.ok) throw new Error(`the lab's layout does not deploy: ${settle.stderrTail}`);
  const brokers = brokersOf(spec);
  const seen = new ConditionObserver(
    brokers.flatMap((b) => [b.port, b.port - 2, b.port + 1].map((port) => ({ address: b.address, port }))),
    (env.LAB_NAMESRV ?? '').split(';').filter(Boolean),
  );
  seen.start();
  const bareRuns: { ms: number; brokers: unknown }[] = [];
  const toolRuns: ToolRun[] = [];
  try {
    for (let i = 0; i < o.rounds; i++) {
      bareRuns.push(bare(47, env, brokers));
      const run = await deploy(o, spec);
      keepLog(`roll-tool-${i + 1}`, run);
      if (!run.ok) throw new Error(`tool run ${i + 1} failed: ${run.stderrTail}`);
      toolRuns.push(run);
    }
  } finally {
    await seen.stop();
  }
  const toolMs = median(toolRuns.map((r) => r.ms));
  const bareMs = median(bareRuns.map((r) => r.ms));
  const changed = toolRuns.map((r) => r.steps.length);
  const lessSecondWave = toolRuns.map((r) => r.ms - r.steps.reduce((a, s) => a + secondWaveMs(s), 0));
  return {
    layout:
      'classic: 2 hosts, 2 groups (4 brokers), one broker.conf key changed on all 4; the tool with drain off and gates direct (as the baseline), every gate on: ports, registered, effective config, then probe message and replication (the baseline checks the listen port and the registration only)',
    order: brokers.map((b) => `${b.name}@${b.host}`),
    bareMs: { median: round(bareMs), runs: bareRuns.map((r) => round(r.ms)) },
    toolMs: { median: round(toolMs), runs: toolRuns.map((r) => round(r.ms)) },
    ratioToolToBare: round2(toolMs / bareMs),
    // Derived, not measured: the tool's runs less the time its steps waited on the second wave of
    // gates (a probe message read back from every member, replication), which the baseline does
    // not check; i.e. the tool against the baseline for the same checks.
    toolLessSecondWaveMs: { median: round(median(lessSecondWave)), runs: lessSecondWave.map(round) },
    ratioToolLessSecondWaveToBare: round2(median(lessSecondWave) / bareMs),
    bareBrokers: bareRuns.at(-1)?.brokers,
    toolSteps: toolRuns.at(-1)?.steps.map(phases),
    gateLag: gateLag(toolRuns, brokers, seen),
    sshCommandsPerContainer:
      Math.round((median(toolRuns.map((r) => r.commands)) / Math.max(1, median(changed))) * 10) / 10,
    sshCommandsPerRun: toolRuns.map((r) => r.commands),
    targets: { ratioToolToBare: 1.1, gateLagMedianMs: 500 },
  };
}

/** n hosts, one group per host: master on host i, slave on host i+1; name servers on A and B. */
function scaleSpec(env: Record<string, string>, n: number, out: string): string {
  const names = (env.LAB_HOSTS ?? '').split(' ').slice(0, n);
  const hosts = Object.fromEntries(names.map((h) => [h, { address: env[`LAB_ADDR_${h}`] }]));
  const brokers = Object.fromEntries(
    names.map((h, i) => [
      `broker-${h.toLowerCase()}`,
      { master: { host: h, listenPort: 10911 }, slaves: [{ host: names[(i + 1) % n], listenPort: 11911 }] },
    ]),
  );
  const doc = {
    version: 1,
    cluster: 'bench-scale',
    images: { rocketmq: env.LAB_ROCKETMQ_IMAGE ?? 'apacherocketmq/rocketmq:4.8.0-alpine' },
    ssh: { user: env.LAB_SSH_USER ?? 'root', port: Number(env.LAB_SSH_PORT ?? 22) },
    dataRoot: env.LAB_DATA_ROOT ?? '/srv/rocketmq',
    hosts,
    nameServers: { hosts: names.slice(0, 2), port: 9876 },
    heap: { nameServer: '128m', broker: '256m' },
    brokerDefaults: { brokerRole: 'ASYNC_MASTER', flushDiskType: 'ASYNC_FLUSH', [KEY]: 48 },
    brokers,
    rollout: { drain: false },
    gates: { via: 'direct' },
  };
  writeFileSync(out, stringify(doc));
  return out;
}

/**
 * The no-op's baseline: the hosts' own part of a plan and nothing of ours. OpenSSH opens a fresh
 * connection to every host at once (the tool's run connects cold too) and runs there the tool's
 * own observe command: docker ps, docker inspect and every file the plan compares. What this takes
 * at 6 hosts against 2 is the lab's share of the growth (its hosts share the machine's cores).
 */
async function bareObserve(env: Record<string, string>, specFile: string): Promise<number> {
  const { spec } = validateSpecText(readFileSync(specFile, 'utf8'), specFile);
  if (!spec) throw new Error(`${specFile} does not validate`);
  const cluster = renderCluster(spec, 'bench');
  const ssh = (address: string, command: string) =>
    new Promise<void>((resolve, reject) => {
      const child = spawn(
        'ssh',
        [
          ...['-i', env.LAB_SSH_KEY ?? '', '-o', `UserKnownHostsFile=${env.LAB_KNOWN_HOSTS ?? ''}`],
          ...['-o', 'StrictHostKeyChecking=yes', '-o', 'BatchMode=yes', '-p', env.LAB_SSH_PORT ?? '22'],
          `${env.LAB_SSH_USER ?? 'root'}@${address}`,
          command,
        ],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('error', reject);
      child.on('close', (code) =>
        code === 0 ? resolve() : reject(new Error(`ssh ${address}: ${code} ${err}`)),
      );
    });
  const t = performance.now();
  await Promise.all(
    cluster.hosts.map((h) => {
      const paths = h.containers.flatMap((c) => containerFilePaths(c));
      return ssh(
        h.address,
        quoteArgv(observeArgv.observe(`label=${CLUSTER_LABEL}=${cluster.cluster}`, paths)),
      );
    }),
  );
  return performance.now() - t;
}

/** No-op deploy on 2, 4 and 6 hosts: the layout is deployed once, then deployed again unchanged. */
async function noop(o: Options) {
  const result: Record<
    string,
    {
      medianMs: number;
      runs: number[];
      sshCommands: number;
      bareObserveMs: { median: number; runs: number[] };
    }
  > = {};
  for (const n of [2, 4, 6]) {
    const env = labWith(n, true);
    const spec = scaleSpec(env, n, `${STATE}/bench-scale-${n}.yml`);
    // The first deploy only sets the layout up: several groups at once when the CLI can.
    const first = await deploy(o, spec, hasParallel(o) ? ['--parallel', String(n)] : []);
    if (!first.ok) throw new Error(`first deploy of ${n} hosts failed: ${first.stderrTail}`);
    const runs: ToolRun[] = [];
    const bare: number[] = [];
    // Alternated, so the machine's load hits both alike.
    for (let i = 0; i < 3; i++) {
      runs.push(await deploy(o, spec));
      bare.push(await bareObserve(env, spec));
    }
    if (runs.some((r) => !r.ok || r.steps.length)) throw new Error(`no-op on ${n} hosts changed something`);
    result[`${n}hosts`] = {
      medianMs: round(median(runs.map((r) => r.ms))),
      runs: runs.map((r) => round(r.ms)),
      sshCommands: runs[0]?.commands ?? 0,
      bareObserveMs: { median: round(median(bare)), runs: bare.map(round) },
    };
  }
  const ratio = (a: number, b: number) => round2(a / b);
  const two = result['2hosts'];
  const six = result['6hosts'];
  return {
    ...result,
    ratio6to2: ratio(six?.medianMs ?? NaN, two?.medianMs ?? NaN),
    bareObserveRatio6to2: ratio(six?.bareObserveMs.median ?? NaN, two?.bareObserveMs.median ?? NaN),
    // What the tool adds above the hosts' own part, at 6 hosts against 2.
    oursRatio6to2: ratio(
      (six?.medianMs ?? NaN) - (six?.bareObserveMs.median ?? NaN),
      (two?.medianMs ?? NaN) - (two?.bareObserveMs.median ?? NaN),
    ),
    targets: { twoHostsMs: 600, ratio6to2: 1.3 },
  };
}

function hasParallel(o: Options): boolean {
  return execFileSync(process.execPath, [o.cli, 'deploy', '--help']).toString().includes('--parallel');
}

/** The 6-host layout (6 groups, 12 brokers): one rolling change at parallel 1, one at parallel 6. */
async function parallel(o: Options) {
  if (!hasParallel(o)) return { measured: false, why: 'this CLI has no --parallel yet' };
  // Right after the no-op part the lab runs this very layout; alone, it starts from a clean lab.
  const env = labWith(6, !o.only.has('noop'));
  const base = scaleSpec(env, 6, `${STATE}/bench-scale-6.yml`);
  const settle = await deploy(o, base);
  if (!settle.ok) throw new Error(`the 6-host layout does not deploy: ${settle.stderrTail}`);
  const out: Record<string, { ms: number; steps: number }> = {};
  for (const [p, value] of [
    [1, 47],
    [6, 48],
  ] as const) {
    const spec = specWith(base, value, `${STATE}/bench-parallel-${p}.yml`, 'direct');
    const run = await deploy(o, spec, ['--parallel', String(p)]);
    keepLog(`parallel-${p}`, run);
    if (!run.ok) throw new Error(`parallel ${p} failed: ${run.stderrTail}`);
    out[`parallel${p}`] = { ms: round(run.ms), steps: run.steps.length };
  }
  const ratio = (out.parallel6?.ms ?? NaN) / (out.parallel1?.ms ?? NaN);
  return { measured: true, ...out, ratio6to1: round2(ratio), target: 0.5 };
}

export async function labBench(argv: string[]): Promise<Record<string, unknown>> {
  const arg = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const o: Options = {
    cli: arg('--cli') ?? 'dist/cli/index.js',
    rounds: Number(arg('--rounds') ?? 3),
    only: new Set((arg('--only') ?? 'roll,noop,parallel').split(',')),
  };
  const previous = (() => {
    try {
      return JSON.parse(readFileSync('bench/results/lab.json', 'utf8')) as Record<string, unknown>;
    } catch {
      return {};
    }
  })();
  const result: Record<string, unknown> = {
    when: new Date().toISOString(),
    // A --cli bundle lives outside the tree: its path is this machine's.
    cli: o.cli === 'dist/cli/index.js' ? o.cli : '(--cli)',
  };
  const parts = { rollingChange: 'roll', noopDeploy: 'noop', parallelRollout: 'parallel' } as const;
  // A part not run this time keeps its last figures (with their own date).
  for (const [k, part] of Object.entries(parts)) {
    if (!o.only.has(part) && previous[k]) result[k] = previous[k];
  }
  try {
    if (o.only.has('roll')) result.rollingChange = { when: new Date().toISOString(), ...(await rolling(o)) };
    if (o.only.has('noop')) result.noopDeploy = { when: new Date().toISOString(), ...(await noop(o)) };
    if (o.only.has('parallel'))
      result.parallelRollout = { when: new Date().toISOString(), ...(await parallel(o)) };
  } finally {
    // Leave the lab as the other suites expect it: the classic two hosts.
    if (o.only.has('noop') || o.only.has('parallel')) labWith(2);
  }
  return result;
}
