import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import {
  allContainerIds,
  buildImage,
  cli,
  cliProcess,
  clusterList,
  collect,
  eventually,
  labUp,
  mqadmin,
  onHost,
  probe,
  runnerCanConnect,
  sshArgs,
  type Lab,
  emptyHosts,
} from './support.js';

/**
 * The rollout engine end to end on the lab: real sshd, the real docker CLI on podman, real
 * RocketMQ 4.8.0 name servers and brokers, the real mqadmin for every check. The tests run in
 * order and share one cluster, as an operator's day would.
 */
const run = promisify(execFile);
let lab: Lab;
let work: string;
let cluster: string;
const GATE = ['--gate-timeout', '40'];

/** A variant of the lab spec: `edit` changes the parsed document. */
async function specVariant(
  name: string,
  edit: (doc: ReturnType<typeof parseDocument>) => void,
): Promise<string> {
  const doc = parseDocument(await readFile(lab.spec, 'utf8'));
  edit(doc);
  const path = join(work, `${name}.yml`);
  await writeFile(path, doc.toString());
  return path;
}

async function deployJson(spec: string, extra: string[] = []) {
  const r = await cli(['deploy', spec, ...sshArgs(lab), ...GATE, '--format', 'json', ...extra]);
  let json: {
    ok: boolean;
    noop?: boolean;
    error?: string;
    steps?: {
      host: string;
      name: string;
      action: string;
      ok: boolean;
      stop?: { container: string; method: string; exitCode: number; killed: boolean };
    }[];
    failure?: { host: string; name?: string; message: string; restored?: string; logTail?: string };
  } = { ok: false };
  try {
    json = JSON.parse(r.stdout);
  } catch {
    // keep the default: the assertion below shows stdout and stderr
  }
  // Every rollout of this suite stops name servers and brokers cleanly: mqshutdown, JVM exit 143,
  // never a SIGKILL (137) after the stop timeout.
  for (const s of json.steps ?? []) {
    if (!s.stop) continue;
    expect(s.stop.killed, `${s.host}/${s.stop.container} exit ${s.stop.exitCode}`).toBe(false);
    if (!s.name.endsWith('-console')) expect(s.stop).toMatchObject({ method: 'mqshutdown', exitCode: 143 });
  }
  return { ...r, json };
}

function addr(host: string, port: number): string {
  return `${lab.hosts[host]}:${port}`;
}

async function brokerOffset(brokerAddr: string): Promise<number> {
  const out = await mqadmin(['brokerStatus', '-b', brokerAddr]);
  const m = /commitLogMaxOffset\s*:\s*(\d+)/.exec(out);
  return m ? Number(m[1]) : -1;
}

async function expectHealthyCluster(): Promise<void> {
  const expected = [
    `broker-a 0 ${addr('A', 10911)}`,
    `broker-a 1 ${addr('B', 11911)}`,
    `broker-b 0 ${addr('B', 10911)}`,
    `broker-b 1 ${addr('A', 11911)}`,
  ].sort();
  for (const ns of lab.namesrv.split(';')) {
    await eventually(
      `clusterList on ${ns} shows 2 masters and 2 slaves`,
      async () => {
        const rows = await clusterList(ns);
        return JSON.stringify(rows) === JSON.stringify(expected) ? rows : undefined;
      },
      90_000,
    );
  }
}

async function locksOnHosts(): Promise<string[]> {
  const found: string[] = [];
  for (const h of Object.keys(lab.hosts)) {
    const out = await onHost(lab, h, [
      'sh',
      '-c',
      `ls -d ${lab.dataRoot}/.rocketmq-rollout/*/lock 2>/dev/null || true`,
    ]);
    if (out.trim()) found.push(`${h}: ${out.trim()}`);
  }
  return found;
}

beforeAll(async () => {
  // Field mode: through the bastion, the RocketMQ ports closed to this runner (gates over SSH).
  lab = await labUp({ field: true });
  work = await mkdtemp(join(tmpdir(), 'rollout-e2e-'));
  cluster = String(parseDocument(await readFile(lab.spec, 'utf8')).get('cluster'));
  // Start from empty hosts: no container, lock, history or data an earlier run may have left.
  await emptyHosts(lab, cluster);
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('deploy on the lab', () => {
  it('deploys the classic 2-master-2-slave layout from empty hosts', async () => {
    const r = await deployJson(lab.spec);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.json.ok).toBe(true);
    expect(r.json.steps?.filter((s) => s.ok)).toHaveLength(7);
    await expectHealthyCluster();
    // ...and none of it was reachable from here: the gates went over SSH.
    for (const port of [9876, 10911, 11911]) {
      expect(await runnerCanConnect(lab.hosts.A ?? '', port), `A:${port} from the runner`).toBe(false);
    }

    // Slaves really replicate: new writes reach both slaves (the real tool reads the offsets).
    await mqadmin(['updateTopic', '-c', cluster, '-t', 'E2E_REPL']);
    expect(await probe(['send', '--topic', 'E2E_REPL', '--count', '100'])).toContain('sent 100');
    for (const [m, s] of [
      [addr('A', 10911), addr('B', 11911)],
      [addr('B', 10911), addr('A', 11911)],
    ] as const) {
      await eventually(
        `slave ${s} reaches master ${m}'s offset`,
        async () => {
          const [mo, so] = [await brokerOffset(m), await brokerOffset(s)];
          return mo > 0 && mo === so ? mo : undefined;
        },
        60_000,
      );
    }
  });

  it('re-deploys the same spec without restarting anything', async () => {
    const before = await allContainerIds(lab);
    const r = await deployJson(lab.spec);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json.noop).toBe(true);
    expect(await allContainerIds(lab)).toEqual(before);
  });

  it('restarts only broker-a, slave before master, and loses no message', async () => {
    await mqadmin(['updateTopic', '-c', cluster, '-t', 'E2E_KEEP']);
    expect(await probe(['send', '--topic', 'E2E_KEEP', '--count', '1000'])).toContain('sent 1000');
    const before = await allContainerIds(lab);
    const spec = await specVariant('broker-a-96h', (d) =>
      d.setIn(['brokers', 'broker-a', 'config'], { fileReservedTime: 96 }),
    );
    const r = await deployJson(spec);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.json.steps?.map((s) => `${s.host}/${s.name}`)).toEqual([
      `B/${cluster}-broker-a-1`,
      `A/${cluster}-broker-a-0`,
    ]);
    const after = await allContainerIds(lab);
    const changed = Object.keys(after)
      .filter((k) => after[k] !== before[k])
      .sort();
    expect(changed).toEqual([`A/${cluster}-broker-a-0`, `B/${cluster}-broker-a-1`]);
    await expectHealthyCluster();
    // The real broker loaded the new value (mqadmin getBrokerConfig, not our client).
    expect(await mqadmin(['getBrokerConfig', '-b', addr('A', 10911)])).toMatch(/fileReservedTime\s*=\s*96/);
    expect(
      await probe([
        'consume',
        '--topic',
        'E2E_KEEP',
        '--group',
        'e2e-keep',
        '--expect',
        '1000',
        '--timeout',
        '120',
      ]),
    ).toContain('consumed 1000');
  });

  it('rolls back to the previous revision recorded on the hosts', async () => {
    const r = await cli(['rollback', lab.spec, '--to', 'previous', ...sshArgs(lab), ...GATE]);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stderr).toContain('rolling back to revision');
    await expectHealthyCluster();
    expect(await mqadmin(['getBrokerConfig', '-b', addr('A', 10911)])).toMatch(/fileReservedTime\s*=\s*48/);
  });
});

describe('failures leave the cluster as it was', () => {
  let before: Record<string, string>;
  beforeAll(async () => {
    // The baseline for every failure: the lab spec deployed and healthy.
    const r = await deployJson(lab.spec);
    expect(r.code, r.stderr).toBe(0);
    before = await allContainerIds(lab);
  });

  async function expectUntouched(): Promise<void> {
    await eventually(
      'every container back as it was',
      async () => {
        const now = await allContainerIds(lab);
        return JSON.stringify(now) === JSON.stringify(before) ? now : undefined;
      },
      60_000,
    );
    expect(await locksOnHosts()).toEqual([]);
    await expectHealthyCluster();
  }

  it('an image tag that does not exist: fails in pre-flight, nothing stopped', async () => {
    const spec = await specVariant('missing-image', (d) =>
      d.setIn(['images', 'rocketmq'], 'apacherocketmq/rocketmq:4.8.0-does-not-exist'),
    );
    const r = await deployJson(spec);
    expect(r.code).toBe(1);
    expect(r.json.failure?.message).toMatch(
      /image apacherocketmq\/rocketmq:4\.8\.0-does-not-exist is not available/,
    );
    await expectUntouched();
  });

  it('broker-a moved to the other hosts while it runs: plan exits 1, deploy touches nothing', async () => {
    // Master from A to B (B's 10911 is broker-b's), slave from B to A: both would register twice.
    const spec = await specVariant('group-moved', (d) => {
      d.setIn(['brokers', 'broker-a', 'master'], { host: 'B', listenPort: 12911 });
      d.setIn(['brokers', 'broker-a', 'slaves', 0], { host: 'A', listenPort: 12811 });
    });
    const plan = await cli(['plan', spec, ...sshArgs(lab)]);
    expect(plan.code, plan.stderr).toBe(1);
    expect(plan.stdout).toMatch(
      /error: broker-a\/0 moves from host A \(\S+-broker-a-0, still running\) to host B/,
    );
    expect(plan.stdout).toMatch(
      /error: broker-a\/1 moves from host B \(\S+-broker-a-1, still running\) to host A/,
    );
    const r = await deployJson(spec);
    expect(r.code).toBe(1);
    expect(r.json.failure?.message).toMatch(/^the plan has 2 errors .*nothing was touched$/);
    await expectUntouched();
  });

  it('a broker that exits at start: undo restores the old one', async () => {
    // A 1 MiB heap passes the schema and kills the JVM at start, as a typo of 1g would.
    const spec = await specVariant('tiny-heap', (d) =>
      d.setIn(['brokers', 'broker-b', 'slaves', 0, 'heap'], '1m'),
    );
    const r = await deployJson(spec);
    expect(r.code).toBe(1);
    expect(r.json.failure?.name).toBe(`${cluster}-broker-b-1`);
    expect(r.json.failure?.restored).toMatch(/restored, started and healthy again/);
    await expectUntouched();
  });

  it('a port that never opens: the console is undone', async () => {
    // An image that runs but listens on nothing, made on host A from the console image.
    await buildImage(lab, 'A', 'e2e/silent:1', 'styletang/rocketmq-console-ng:1.0.0', [
      'CMD ["sleep","3600"]',
    ]);
    const spec = await specVariant('silent-console', (d) => d.setIn(['images', 'console'], 'e2e/silent:1'));
    // A port that never opens fails at any deadline: a short one (the old console gates in ~2 s).
    const r = await deployJson(spec, ['--gate-timeout', '15']);
    expect(r.code).toBe(1);
    expect(r.json.failure?.name).toBe(`${cluster}-console`);
    expect(r.json.failure?.message).toMatch(/gate port 8080 failed/);
    await expectUntouched();
  });

  it('a console that reports a broker missing: the console is undone', async () => {
    await buildImage(lab, 'A', 'e2e/console-hides-b:1', 'styletang/rocketmq-console-ng:1.0.0', [
      'ENV LAB_CONSOLE_HIDE_BROKERS=broker-b',
    ]);
    const spec = await specVariant('hiding-console', (d) =>
      d.setIn(['images', 'console'], 'e2e/console-hides-b:1'),
    );
    const r = await deployJson(spec, ['--gate-timeout', '15']);
    expect(r.code).toBe(1);
    expect(r.json.failure?.message).toMatch(/gate console failed.*broker-b/);
    await expectUntouched();
  });

  it('a host key that does not match: no command runs', async () => {
    const fake = join(work, 'fake_key');
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', fake]);
    const pub = (await readFile(`${fake}.pub`, 'utf8')).trim().split(' ').slice(0, 2).join(' ');
    const wrong = join(work, 'wrong_known_hosts');
    await writeFile(
      wrong,
      Object.values(lab.hosts)
        .map((a) => `${lab.sshPort === 22 ? a : `[${a}]:${lab.sshPort}`} ${pub}\n`)
        .join('') +
        // The bastion's own line stays right: the hosts' keys are what this test gets wrong.
        (await readFile(lab.knownHosts, 'utf8'))
          .split('\n')
          .filter((l) => lab.bastion && l.startsWith(`${lab.bastion} `))
          .map((l) => `${l}\n`)
          .join(''),
    );
    const spec = await specVariant('for-wrong-keys', (d) =>
      d.setIn(['brokers', 'broker-b', 'config'], { fileReservedTime: 24 }),
    );
    const r = await cli(['deploy', spec, ...sshArgs(lab, wrong), ...GATE]);
    expect(r.code).toBe(1);
    expect(r.stderr + r.stdout).toMatch(/host key/i);
    if (lab.bastion) expect(r.stderr + r.stdout).not.toMatch(/for jump host/);
    await expectUntouched();
  });

  it('a lock held by another live run: refused with the holder named, its lock left alone', async () => {
    const lockDir = `${lab.dataRoot}/.rocketmq-rollout/${cluster}`;
    // A heartbeat of now: that run lives (a dead one's lock would be taken over).
    const holder = JSON.stringify({
      owner: 'alice (run 42)',
      revision: 'x',
      pid: 1,
      since: '2026-01-01T00:00:00Z',
      heartbeat: new Date().toISOString(),
    });
    await onHost(lab, 'B', [
      'sh',
      '-c',
      `mkdir ${lockDir}/lock && printf '%s' "$1" > ${lockDir}/lock/owner.json`,
      'sh',
      holder,
    ]);
    try {
      const spec = await specVariant('while-locked', (d) =>
        d.setIn(['brokers', 'broker-b', 'config'], { fileReservedTime: 24 }),
      );
      const r = await deployJson(spec);
      expect(r.code).toBe(1);
      expect(r.json.failure?.message ?? r.json.error).toMatch(
        /^another run \(alice \(run 42\), no run URL, .*\) is changing this cluster: it holds the deploy lock on host B/,
      );
      expect(await locksOnHosts()).toEqual([`B: ${lockDir}/lock`]);
    } finally {
      await onHost(lab, 'B', ['rm', '-rf', `${lockDir}/lock`]);
    }
    await expectUntouched();
  });

  it('SIGTERM during a step: the step is undone and the lock released', async () => {
    const spec = await specVariant('interrupted', (d) =>
      d.setIn(['brokers', 'broker-b', 'config'], { fileReservedTime: 12 }),
    );
    const child = cliProcess(['deploy', spec, ...sshArgs(lab), ...GATE]);
    let signalled = false;
    const result = await collect(child, (stderr) => {
      // Signal once the new slave container was started and its gates run.
      if (!signalled && /gate port 11911/.test(stderr)) {
        signalled = true;
        child.kill('SIGTERM');
      }
    });
    expect(signalled).toBe(true);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/SIGTERM received/);
    await expectUntouched();
  });
});
