import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import {
  cli,
  eventually,
  labUp,
  onHost,
  probe,
  ROOT,
  sshArgs,
  type Lab,
  emptyHosts,
  produceDuring,
} from './support.js';

/**
 * Rolling RocketMQ upgrades on the lab: 4.8.0 → 4.9.7 → 5.3.3 and `rollback --to previous` back to
 * 4.9.7, each keeping 1,000 messages while a producer sends through the roll without a failed send.
 * The spec sets storePathRootDir only, so the 4.9.7 upgrade keeps its messages only because the
 * commit-log path is pinned (4.9.4 moved its default under the root dir). RocketMQ's own mqadmin
 * and client are the judges. The cases run in order on one cluster.
 */
const run = promisify(execFile);
const V480 = 'apacherocketmq/rocketmq:4.8.0-alpine';
const V497 = 'apache/rocketmq:4.9.7';
const V533 = 'apache/rocketmq:5.3.3';
const GATE = ['--gate-timeout', '60'];
/** Set only storePathRootDir: 4.8.0 keeps the commit log outside it, 4.9.4+ would look inside. */
const ROOT_ONLY = { storePathRootDir: '/home/rocketmq/store/root' };
let lab: Lab;
let work: string;
let cluster: string;

/** The lab spec on `image`, without the console (it takes no part in an upgrade). */
async function specOn(image: string, name: string, defaults: Record<string, string> = {}): Promise<string> {
  const doc = parseDocument(await readFile(lab.spec, 'utf8'));
  doc.setIn(['images', 'rocketmq'], image);
  doc.deleteIn(['console']);
  doc.deleteIn(['images', 'console']);
  for (const [k, v] of Object.entries(defaults)) doc.setIn(['brokerDefaults', k], v);
  const path = join(work, `${name}.yml`);
  await writeFile(path, doc.toString());
  return path;
}

interface Step {
  host: string;
  name: string;
  ok: boolean;
  stop?: { method: string; exitCode: number; killed: boolean };
}

async function rollout(args: string[]): Promise<{ steps: Step[]; out: string }> {
  const r = await cli([...args, ...sshArgs(lab), ...GATE, '--format', 'json']);
  const out = `${r.stdout}\n${r.stderr}`;
  expect(r.code, out).toBe(0);
  const json = JSON.parse(r.stdout) as { ok: boolean; steps?: Step[] };
  expect(json.ok, out).toBe(true);
  // Every name server and broker of every version stops cleanly: mqshutdown, the JVM ends on SIGTERM.
  for (const s of json.steps ?? [])
    if (s.stop) expect(s.stop, `${s.host}/${s.name}`).toMatchObject({ method: 'mqshutdown', killed: false });
  return { steps: json.steps ?? [], out };
}

/** The real mqadmin of `tools` (a lab version), on the lab's name servers unless -n says otherwise. */
async function mqadmin(args: string[], tools = '4.9.7'): Promise<string> {
  const { stdout } = await run('bash', ['lab/mqadmin', ...args], {
    cwd: ROOT,
    timeout: 120_000,
    maxBuffer: 16 * 1024 * 1024,
    env: { ...process.env, LAB_MQADMIN_VERSION: tools },
  });
  return stdout;
}

/** clusterList rows as `brokerName id version` on every name server, once all four show `version`. */
async function expectVersionEverywhere(version: string, tools: string): Promise<void> {
  const expected = ['broker-a 0', 'broker-a 1', 'broker-b 0', 'broker-b 1'].map((b) => `${b} ${version}`);
  for (const ns of lab.namesrv.split(';')) {
    await eventually(
      `clusterList on ${ns} shows all four brokers on ${version}`,
      async () => {
        const rows = (await mqadmin(['clusterList', '-n', ns], tools))
          .split('\n')
          .map((l) => l.trim().split(/\s+/))
          .filter((c) => c.length >= 5 && /^\d+$/.test(c[2] ?? ''))
          .map((c) => `${c[1]} ${c[2]} ${c[4]}`)
          .sort();
        return JSON.stringify(rows) === JSON.stringify(expected) ? rows : undefined;
      },
      90_000,
    );
  }
}

async function send1000(topic: string, tools: string): Promise<void> {
  await mqadmin(['updateTopic', '-c', cluster, '-t', topic], tools);
  expect(await probe(['send', '--topic', topic, '--count', '1000'])).toContain('sent 1000');
}

async function consume1000(topic: string): Promise<void> {
  const out = await probe([
    'consume',
    '--topic',
    topic,
    '--group',
    `G_${topic}`,
    '--expect',
    '1000',
    '--timeout',
    '150',
  ]);
  expect(out).toContain('consumed 1000');
}

/** Runs `roll` while the real client sends to a topic on both groups; no send may fail. */
async function withProducer(topic: string, tools: string, roll: () => Promise<void>): Promise<void> {
  await mqadmin(['updateTopic', '-c', cluster, '-t', topic, '-r', '4', '-w', '4'], tools);
  const { summary, stderr } = await produceDuring(topic, work, roll);
  expect(summary.sent, stderr).toBeGreaterThan(100);
  expect(summary.failed, JSON.stringify(summary)).toBe(0);
}

const stepNames = (steps: Step[]) => steps.map((s) => `${s.host}/${s.name.slice(cluster.length + 1)}`);

/** One step per name server and broker, the name servers first, then each group's slave before its master. */
function expectRollOrder(steps: Step[]): void {
  const names = stepNames(steps);
  expect([...names].sort()).toEqual(
    ['A/namesrv', 'B/namesrv', 'A/broker-a-0', 'B/broker-a-1', 'B/broker-b-0', 'A/broker-b-1'].sort(),
  );
  const at = (n: string) => names.indexOf(n);
  const lastNameServer = Math.max(at('A/namesrv'), at('B/namesrv'));
  expect(
    names.slice(0, lastNameServer + 1).every((n) => n.endsWith('/namesrv')),
    names.join(' '),
  ).toBe(true);
  expect(at('B/broker-a-1'), names.join(' ')).toBeLessThan(at('A/broker-a-0'));
  expect(at('A/broker-b-1'), names.join(' ')).toBeLessThan(at('B/broker-b-0'));
}

beforeAll(async () => {
  lab = await labUp();
  work = await mkdtemp(join(tmpdir(), 'rollout-upgrade-'));
  cluster = String(parseDocument(await readFile(lab.spec, 'utf8')).get('cluster'));
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('rolling upgrades on the lab', () => {
  it('deploys the classic layout on 4.8.0 (storePathRootDir set, the commit-log path not) and stores 1,000 messages', async () => {
    await emptyHosts(lab, cluster);
    await rollout(['deploy', await specOn(V480, 'v480', ROOT_ONLY)]);
    await expectVersionEverywhere('V4_8_0', '4.8.0');
    await send1000('UPG_480', '4.8.0');
  });

  it('upgrades the whole cluster to 4.9.7 in one deploy, pins the commit log, keeps the 1,000 messages, no failed send', async () => {
    const spec = await specOn(V497, 'v497', ROOT_ONLY);
    const plan = await cli(['plan', spec, ...sshArgs(lab)]);
    expect(plan.stdout).toContain(`upgrade 4.8.0 → 4.9.7 (image docker.io/${V480} → ${V497})`);
    expect(plan.stdout).toContain('notice: upgrade 4.8.0 → 4.9.7 changes the defaults');
    let out = '';
    await withProducer('UPG_PRODUCE_497', '4.8.0', async () => {
      const r = await rollout(['deploy', spec]);
      expectRollOrder(r.steps);
      out = r.out;
    });
    // Without the pin 4.9.7 reads root/commitlog, an empty commit log, and the consume below fails.
    expect(out).toContain('storePathCommitLog pinned to /home/rocketmq/store/commitlog');
    await expectVersionEverywhere('V4_9_7', '4.9.7');
    await consume1000('UPG_480');
    // On the host: the commit log 4.8.0 wrote, which the pin keeps in use, holds files; under the
    // root dir, where 4.9.7 would have looked without the pin, there is no commit log at all.
    const store = `${lab.dataRoot}/${cluster}-broker-a-0/store`;
    const counts = await onHost(lab, 'A', [
      'sh',
      '-c',
      `ls -A ${store}/commitlog | wc -l; ls -A ${store}/root/commitlog 2>/dev/null | wc -l`,
    ]);
    const [pinned, unpinned] = counts.trim().split(/\s+/).map(Number);
    expect(pinned, counts).toBeGreaterThan(0);
    expect(unpinned, counts).toBe(0);
    const validate = await cli(['validate', spec]);
    expect(validate.code).toBe(0);
    expect(validate.stdout).not.toContain('CVE-');
  });

  it('upgrades 4.9.7 → 5.3.3, keeps the pin and the 1,000 messages, no failed send', async () => {
    await send1000('UPG_497', '4.9.7');
    let out = '';
    await withProducer('UPG_PRODUCE_533', '4.9.7', async () => {
      const r = await rollout(['deploy', await specOn(V533, 'v533', ROOT_ONLY)]);
      expectRollOrder(r.steps);
      out = r.out;
    });
    expect(out).toContain('storePathCommitLog kept at /home/rocketmq/store/commitlog');
    await expectVersionEverywhere('V5_3_3', '5.3.3');
    await consume1000('UPG_497');
  });

  it('rolls back from 5.3.3 to 4.9.7 with rollback --to previous and keeps 1,000 messages', async () => {
    await send1000('UPG_533', '5.3.3');
    const spec = await specOn(V533, 'v533', ROOT_ONLY);
    const { steps, out } = await rollout(['rollback', spec, '--to', 'previous']);
    expect(out).toContain('downgrade 5.3.3 → 4.9.7');
    expectRollOrder(steps);
    await expectVersionEverywhere('V4_9_7', '4.9.7');
    await consume1000('UPG_533');
  });
});
