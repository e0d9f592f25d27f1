/**
 * `npm run bench -- --lab --rolling` (under `flock /tmp/rocketmq-lab.lock`): what producers see of
 * a rolling change of the classic layout's 4 brokers, with rollout.drain on and with it off, in
 * one run. Three producers (the real 4.8.0 client, lab/probe produce: sync 200 msg/s, async
 * 200 msg/s, oneway 50 msg/s, the client's default 30 s route refresh, timeout and retries) send
 * through an idle period and the roll. Per mode and producer: failed sends, lost (acknowledged,
 * or for oneway sent, then never consumed), duplicates, p99 send latency during the roll against
 * the idle p99; and the roll's wall time against (the drain's waits + the roll without drain) × 1.2.
 * Writes bench/results/rolling.json. Figures, never assertions.
 * Options: `--drain-seconds N` (default: the spec's 45), `--idle-seconds N` (the idle baseline
 * after the clients' 60 s warm-up; default 60: nearer the 170 s roll than 30 s, so that a rare
 * hiccup of the shared machine is about as likely to fall in either; 30 s baselines of two runs
 * put the async p99 at 5.01 and 2.85 ms, where their rolls put it at 7.64 and 8.08 ms),
 * `--keep DIR` (the per-send logs, kept).
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { round2 } from './stats.js';

const STATE = 'lab/.state';
const TOPIC = 'rr_bench_rolling';
/**
 * The clients' start and JIT warm-up, not idle: their first 30 s had an async p99 of 0.2–1.3 s,
 * and the 30 s after that still 6–48 ms in 10 s slices (one run), against 1.3–2.5 ms after 60 s.
 */
const WARM_UP_SECONDS = 60;
/** A producer stops on its own after this even if the bench dies before it writes the stop file. */
const MAX_SECONDS = '1800';
const PRODUCERS = [
  { mode: 'sync', rate: 200 },
  { mode: 'async', rate: 200 },
  { mode: 'oneway', rate: 50 },
] as const;

function labEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(`${STATE}/lab.env`, 'utf8').split('\n')) {
    const m = /^([A-Z0-9_]+)="(.*)"$/.exec(line);
    if (m?.[1]) env[m[1]] = m[2] ?? '';
  }
  return env;
}

/** The classic two hosts in plain mode (down first when the lab runs otherwise). */
function labUp(): Record<string, string> {
  let env: Record<string, string> | undefined;
  try {
    env = labEnv();
  } catch {
    env = undefined;
  }
  const lab = (...args: string[]) =>
    execFileSync('bash', ['lab/lab.sh', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (env && (env.LAB_N !== '2' || env.LAB_FIELD !== '0')) lab('down');
  lab('up', '2');
  return labEnv();
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (x: number) => Math.round(x);

function percentile(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.min(s.length - 1, Math.ceil(p * s.length) - 1))] ?? NaN;
}

function run(cmd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

function specWith(
  base: string,
  value: number,
  drain: boolean,
  drainSeconds: number | undefined,
  out: string,
) {
  const doc = parse(readFileSync(base, 'utf8')) as Record<string, Record<string, unknown>>;
  doc.brokerDefaults = { ...doc.brokerDefaults, fileReservedTime: value };
  doc.rollout = { drain, ...(drainSeconds !== undefined ? { drainSeconds } : {}) };
  writeFileSync(out, stringify(doc));
  return out;
}

async function deploy(cli: string, spec: string, extra: string[] = []) {
  const t = performance.now();
  const r = await run(process.execPath, [
    cli,
    'deploy',
    spec,
    ...['--key', `${STATE}/id_ed25519`, '--known-hosts', `${STATE}/known_hosts`, '--format', 'json'],
    ...extra,
  ]);
  const ms = performance.now() - t;
  let json: {
    ok?: boolean;
    drain?: { waitSeconds: number };
    steps?: { name: string; stop?: { killed: boolean } }[];
  } = {};
  try {
    json = JSON.parse(r.stdout) as typeof json;
  } catch {
    // reported as not ok below
  }
  if (r.code !== 0 || !json.ok)
    throw new Error(`deploy of ${spec} failed: ${r.stderr.split('\n').slice(-8).join('\n')}`);
  return { ms, json };
}

interface Summary {
  mode: string;
  sent: number;
  failed: number;
  acked: number;
  p99Ms: number;
  errors: string[];
}

/** One mode (drain on or off): idle, then the roll, with the three producers running throughout. */
async function oneRoll(cli: string, spec: string, idleMs: number, work: string, tag: string) {
  const warmUpMs = WARM_UP_SECONDS * 1000;
  const stop = join(work, `${tag}-stop`);
  const producers = PRODUCERS.map((p) => {
    const keys = join(work, `${tag}-${p.mode}.keys`);
    const log = join(work, `${tag}-${p.mode}.log`);
    const done = run('bash', [
      'lab/probe',
      'produce',
      ...['--topic', TOPIC, '--rate', String(p.rate), '--seconds', MAX_SECONDS, '--mode', p.mode],
      ...['--stop-file', stop, '--keys', keys, '--log', log],
    ]);
    return { ...p, keys, log, done };
  });
  // The clients start, connect and warm up first; the idle baseline is what comes after that.
  await sleep(warmUpMs + idleMs);
  const rollStart = Date.now();
  const roll = await deploy(cli, spec);
  const rollEnd = Date.now();
  writeFileSync(join(work, `${tag}-deploy.json`), `${JSON.stringify(roll.json, null, 2)}\n`);
  await sleep(5000);
  writeFileSync(stop, '');
  const out = [];
  for (const p of producers) {
    const r = await p.done;
    const summary = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as Summary;
    const samples = readFileSync(p.log, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split(' ').map(Number) as [number, number, number]);
    const idle = samples.filter(([at]) => at >= rollStart - idleMs && at < rollStart).map(([, ms]) => ms);
    const warmUp = samples.filter(([at]) => at < rollStart - idleMs).map(([, ms]) => ms);
    const during = samples.filter(([at]) => at >= rollStart && at <= rollEnd).map(([, ms]) => ms);
    // Where the failures fall: a roll's own, or the idle period's (the clients' start and warm-up:
    // the probe keeps a fixed schedule, so after a stall it sends its backlog at once).
    const failedAt = samples.filter(([, , ok]) => ok === 0).map(([at]) => at);
    const verify = await run('bash', [
      'lab/probe',
      'verify',
      ...['--topic', TOPIC, '--group', `rr_bench_${tag}_${p.mode}`, '--keys', p.keys, '--timeout', '180'],
    ]);
    const v = JSON.parse(verify.stdout.trim().split('\n').at(-1) ?? '{}') as {
      expected: number;
      lost: number;
      duplicates: number;
    };
    const idleP99 = percentile(idle, 0.99);
    const rollP99 = percentile(during, 0.99);
    out.push({
      mode: p.mode,
      rate: p.rate,
      sent: summary.sent,
      failed: summary.failed,
      failedBeforeRoll: failedAt.filter((at) => at < rollStart).length,
      failedDuringRoll: failedAt.filter((at) => at >= rollStart && at <= rollEnd).length,
      failedAfterRoll: failedAt.filter((at) => at > rollEnd).length,
      firstFailureSecondsFromStart: failedAt.length
        ? round((Math.min(...failedAt) - (samples[0]?.[0] ?? 0)) / 100) / 10
        : null,
      firstErrors: summary.errors,
      lost: v.lost,
      duplicates: v.duplicates,
      warmUpP99Ms: round2(percentile(warmUp, 0.99)),
      idleP99Ms: round2(idleP99),
      rollP99Ms: round2(rollP99),
      // Latencies come to the microsecond (lab/probe's log); under 1 ms a ratio says nothing (a oneway
      // send only hands the message to the socket), so the idle side counts as at least 1 ms.
      p99RollToIdle: round2(rollP99 / Math.max(1, idleP99)),
    });
  }
  return {
    rollMs: round(roll.ms),
    drainWaitSeconds: roll.json.drain?.waitSeconds ?? 0,
    sigkilled: (roll.json.steps ?? []).filter((s) => s.stop?.killed).map((s) => s.name),
    producers: out,
  };
}

export async function rollingBench(argv: string[]): Promise<Record<string, unknown>> {
  const arg = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const cli = arg('--cli') ?? 'dist/cli/index.js';
  const drainSeconds = arg('--drain-seconds') !== undefined ? Number(arg('--drain-seconds')) : undefined;
  const idleMs = Number(arg('--idle-seconds') ?? 60) * 1000;
  const env = labUp();
  const base = env.LAB_SPEC ?? `${STATE}/spec.yml`;
  const work = mkdtempSync(join(tmpdir(), 'rr-bench-rolling-'));
  try {
    // Set-up, not measured: whatever the lab runs becomes the base layout, quickly.
    const settle = specWith(base, 48, false, drainSeconds, join(work, 'settle.yml'));
    await deploy(cli, settle, ['--parallel', '2']);
    // The topic on both groups: while one master is drained its writes go to the other.
    execFileSync(
      'bash',
      [
        'lab/mqadmin',
        'updateTopic',
        '-c',
        parse(readFileSync(base, 'utf8')).cluster,
        '-t',
        TOPIC,
        '-r',
        '8',
        '-w',
        '8',
      ],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    const on = await oneRoll(
      cli,
      specWith(base, 47, true, drainSeconds, join(work, 'on.yml')),
      idleMs,
      work,
      'drain_on',
    );
    const off = await oneRoll(
      cli,
      specWith(base, 48, false, drainSeconds, join(work, 'off.yml')),
      idleMs,
      work,
      'drain_off',
    );
    const limitMs = (on.drainWaitSeconds * 1000 + off.rollMs) * 1.2;
    return {
      when: new Date().toISOString(),
      cli,
      layout:
        'classic: 2 hosts, 2 groups (4 brokers), fileReservedTime changed on all 4; topic on both groups, 8 queues each',
      drainSeconds: drainSeconds ?? 45,
      warmUpSeconds: WARM_UP_SECONDS,
      idleSeconds: idleMs / 1000,
      drainOn: on,
      drainOff: off,
      rollTime: {
        drainOnMs: on.rollMs,
        limitMs: round(limitMs),
        formula: '(drain waits + the roll without drain) x 1.2',
        within: on.rollMs <= limitMs,
      },
      targets: { failed: 0, lost: 0, duplicates: 0, p99RollToIdle: 2 },
    };
  } finally {
    // --keep DIR: the producers' per-send logs and the specs, for a look at where the slow sends fall.
    const keep = arg('--keep');
    if (keep) cpSync(work, keep, { recursive: true });
    rmSync(work, { recursive: true, force: true });
  }
}
