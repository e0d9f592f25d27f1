/**
 * `npm run bench -- --gates` (the lab up in field mode, classic layout deployed): what gates over
 * SSH cost against direct dialling, on the same lab in one run, and how many SSH connections a
 * deploy opens per host (sshd's own log counts them). Also the latency of one SSH command with
 * TCP_NODELAY off and on, and of one gate connection over SSH and direct. Figures, not assertions.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { Client } from 'ssh2';
import { median } from './stats.js';

const STATE = new URL('../lab/.state/', import.meta.url).pathname;
const env = Object.fromEntries(
  readFileSync(`${STATE}lab.env`, 'utf8')
    .split('\n')
    .map((l) => /^([A-Z0-9_]+)="(.*)"$/.exec(l))
    .filter((m): m is RegExpExecArray => !!m)
    .map((m) => [m[1], m[2]]),
) as Record<string, string>;
const hosts = (env.LAB_HOSTS ?? '').split(' ').filter(Boolean);

const round = (x: number): number => Math.round(x * 10) / 10;

function firewall(mode: 'field' | 'off'): void {
  execFileSync('bash', ['lab/lab.sh', 'firewall', mode], { stdio: 'ignore' });
}

/** SSH connections each sshd accepted so far (one "Accepted publickey" line per connection). */
function accepted(): Record<string, number> {
  const count = (file: string): number =>
    (readFileSync(file, 'utf8').match(/Accepted publickey/g) ?? []).length;
  const out: Record<string, number> = {};
  for (const h of hosts) out[h] = count(`${STATE}hosts/${h}/sshd.log`);
  if (env.LAB_FIELD === '1') out.bastion = count(`${STATE}bastion/sshd.log`);
  return out;
}

interface Step {
  name: string;
  elapsedMs: number;
  gates: { gate: string; elapsedMs: number }[];
}

/** One deploy from source (dist/ is built at release), gates over `via`. */
function deploy(spec: string, via: 'ssh' | 'direct'): { steps: Step[]; connections: Record<string, number> } {
  const before = accepted();
  const out = execFileSync(
    'node_modules/.bin/tsx',
    [
      'src/cli-entry.ts',
      'deploy',
      spec,
      '--key',
      `${STATE}id_ed25519`,
      '--known-hosts',
      `${STATE}known_hosts`,
      '--gates-via',
      via,
      '--gate-timeout',
      '120',
      '--format',
      'json',
    ],
    { maxBuffer: 64 << 20 },
  ).toString();
  const json = JSON.parse(out) as { ok: boolean; steps?: Step[]; error?: string };
  if (!json.ok) throw new Error(`deploy (${via}) failed: ${out.slice(0, 2000)}`);
  const after = accepted();
  const connections = Object.fromEntries(
    Object.keys(after).map((k) => [k, (after[k] ?? 0) - (before[k] ?? 0)]),
  );
  return { steps: json.steps ?? [], connections };
}

/**
 * The master drain (read-only, a fixed wait for clients, writable again) is the same fixed wait in
 * both modes and would only dilute the ratio: off, where the spec knows the setting.
 */
function withoutDrain(path: string, text: string): void {
  writeFileSync(path, `${text}rollout: { drain: false }\n`);
  const check = spawnSync('node_modules/.bin/tsx', ['src/cli-entry.ts', 'validate', path], {
    stdio: 'ignore',
  });
  if (check.status !== 0) writeFileSync(path, text);
}

/** The lab hosts' podman bridge keeps its MAC (addr_assign_type 3: set by hand; see lab.sh). */
function containerBridgeMacFixed(): boolean {
  return hosts.every((h) => {
    const r = spawnSync('ip', [
      'netns',
      'exec',
      `rmqlab-${h}`,
      'cat',
      '/sys/class/net/podman0/addr_assign_type',
    ]);
    return r.stdout.toString().trim() === '3';
  });
}

/** Each round changes a key of every broker group: four broker steps with every gate. */
function stepBench(rounds: number) {
  const base = readFileSync(`${STATE}spec.yml`, 'utf8');
  const specs = [47, 48].map((days) => {
    const path = `${STATE}bench-gates-${days}.yml`;
    withoutDrain(path, base.replace('fileReservedTime: 48', `fileReservedTime: ${days}`));
    return path;
  });
  const runs: Record<
    'ssh' | 'direct',
    { stepMs: number[]; gateMs: number[]; connections: Record<string, number>[] }
  > = {
    ssh: { stepMs: [], gateMs: [], connections: [] },
    direct: { stepMs: [], gateMs: [], connections: [] },
  };
  // Direct dialling needs the ports open to this machine: the firewall is off for both modes, so
  // the two differ only in how the gates connect. SSH goes through the bastion in both.
  firewall('off');
  try {
    let i = 0;
    for (let r = 0; r < rounds; r++) {
      for (const via of r % 2 === 0 ? (['ssh', 'direct'] as const) : (['direct', 'ssh'] as const)) {
        const { steps, connections } = deploy(specs[i++ % 2] ?? '', via);
        runs[via].stepMs.push(...steps.map((s) => s.elapsedMs));
        runs[via].gateMs.push(...steps.map((s) => s.gates.reduce((t, g) => t + g.elapsedMs, 0)));
        runs[via].connections.push(connections);
      }
    }
    // Back to the lab's own spec.
    if (i % 2 === 1) deploy(specs[1] ?? '', 'ssh');
  } finally {
    if (env.LAB_FIELD === '1') firewall('field');
  }
  const summary = (via: 'ssh' | 'direct') => ({
    steps: runs[via].stepMs.length,
    stepMsMedian: median(runs[via].stepMs),
    stepMsMax: Math.max(...runs[via].stepMs),
    stepMsTotal: runs[via].stepMs.reduce((a, b) => a + b, 0),
    gateMsMedian: median(runs[via].gateMs),
    sshConnectionsPerDeploy: runs[via].connections,
  });
  const ssh = summary('ssh');
  const direct = summary('direct');
  return {
    ssh,
    direct,
    stepTimeRatioSshToDirect: round((ssh.stepMsTotal / direct.stepMsTotal) * 100) / 100,
    medianStepRatioSshToDirect: round((ssh.stepMsMedian / direct.stepMsMedian) * 100) / 100,
    target: { stepTimeRatioMax: 1.1, sshConnectionsPerHostPerDeploy: 1 },
    sshConnectionsNote:
      'one SSH connection per host per deploy, in both modes: every gate channel of a host rides on it. ' +
      "In field mode the bastion's count is the hosts' connections passing through it (one per host), " +
      'not extra connections: the bastion runs no command and no gate of its own',
  };
}

/** One SSH connection to host A (through the bastion in field mode), `setNoDelay` as given. */
function connect(noDelay: boolean): Promise<{ client: Client; jump?: Client }> {
  const key = readFileSync(`${STATE}id_ed25519`, 'utf8');
  const open = (sock: net.Socket | NodeJS.ReadWriteStream): Promise<Client> =>
    new Promise((resolve, reject) => {
      const c = new Client();
      c.once('ready', () => resolve(c)).once('error', reject);
      c.connect({ sock: sock as net.Socket, username: 'root', privateKey: key, hostVerifier: () => true });
    });
  const tcp = (host: string): net.Socket => net.connect({ host, port: 22 }).setNoDelay(noDelay);
  if (env.LAB_FIELD !== '1') return open(tcp(env.LAB_ADDR_A ?? '')).then((client) => ({ client }));
  return open(tcp(env.LAB_BASTION ?? '')).then(
    (jump) =>
      new Promise((resolve, reject) =>
        jump.forwardOut('127.0.0.1', 0, env.LAB_ADDR_A ?? '', 22, (err, stream) => {
          if (err) return reject(err);
          open(stream).then((client) => resolve({ client, jump }), reject);
        }),
      ),
  );
}

const exec = (c: Client, command: string): Promise<void> =>
  new Promise((resolve, reject) =>
    c.exec(command, (err, ch) => {
      if (err) return reject(err);
      ch.on('close', () => resolve()).resume();
      ch.stderr.resume();
      ch.end();
    }),
  );

async function timed(n: number, fn: () => Promise<void>): Promise<number> {
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    xs.push(performance.now() - t);
  }
  return round(median(xs));
}

async function latencyBench() {
  const result: Record<string, unknown> = {};
  for (const noDelay of [false, true]) {
    const { client, jump } = await connect(noDelay);
    const commandMs = await timed(40, () => exec(client, 'true'));
    // What one gate probe costs over SSH: open a channel to the name server, close it.
    const channelMs = await timed(40, async () => {
      await new Promise<void>((resolve, reject) =>
        client.forwardOut('127.0.0.1', 0, env.LAB_ADDR_A ?? '', 9876, (err, ch) => {
          if (err) return reject(err);
          // 'close' comes only once the stream ended, and it ends only when read.
          ch.on('close', () => resolve()).resume();
          ch.close();
        }),
      );
    });
    result[noDelay ? 'noDelayOn' : 'noDelayOff'] = { commandMs, gateChannelMs: channelMs };
    client.end();
    jump?.end();
  }
  return result;
}

export async function gatesBench(rounds = 3) {
  return {
    when: new Date().toISOString(),
    lab: {
      field: env.LAB_FIELD === '1',
      hosts: hosts.length,
      containerBridgeMacFixed: containerBridgeMacFixed(),
    },
    sshLatencyMedianMs: await latencyBench(),
    gates: stepBench(rounds),
    note:
      'step = one broker container replaced (stop, run, every gate), from the CLI JSON; ' +
      'connections = "Accepted publickey" lines each sshd logged during one deploy; ' +
      'both modes with the hosts firewall off and SSH through the bastion, rounds alternating which mode ' +
      'goes first; the CLI run from source',
  };
}
