import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { parseDocument } from 'yaml';
import {
  cli,
  cliProcess,
  collect,
  emptyHosts,
  labUp,
  mqadmin,
  produceDuring,
  readLab,
  sshArgs,
  type Lab,
} from './support.js';

/**
 * A SYNC_MASTER layout on the lab (issue 12): a master that replicates synchronously answers every
 * write with an error (or a timeout) while its slave is down, so the slave restarts only while its
 * master is drained. A config change of all four brokers, with a producer sending throughout, must
 * fail no send. The producer polls routes every second, so the spec's drain of a few seconds stands
 * for production's 45 s against a 30 s refresh.
 */
let lab: Lab;
let work: string;
let cluster: string;
const TOPIC = 'rr-sync-master-e2e';
const SOLO = 'rr-sync-master-solo';
const DRAIN_SECONDS = 3;
const GATE = ['--gate-timeout', '60'];
const GROUPS = ['broker-a', 'broker-b'] as const;

async function specVariant(name: string, edit: (doc: ReturnType<typeof parseDocument>) => void) {
  const doc = parseDocument(await readFile(lab.spec, 'utf8'));
  doc.setIn(['brokerDefaults', 'brokerRole'], 'SYNC_MASTER');
  doc.setIn(['rollout'], doc.createNode({ drain: true, drainSeconds: DRAIN_SECONDS }));
  edit(doc);
  const path = join(work, `${name}.yml`);
  await writeFile(path, doc.toString());
  return path;
}

/** brokerRole of the broker at `addr` as it runs (the real mqadmin's getBrokerConfig). */
async function brokerRole(addr: string): Promise<string | undefined> {
  return /brokerRole\s*=\s*(\S+)/.exec(await mqadmin(['getBrokerConfig', '-b', addr]))?.[1];
}

beforeAll(async () => {
  // Whichever mode the lab is in (plain or field): the drain goes over the gates' path either way.
  let field = false;
  try {
    field = readLab().field;
  } catch {
    // down: plain
  }
  lab = await labUp({ field });
  work = await mkdtemp(join(tmpdir(), 'rollout-sync-master-e2e-'));
  cluster = String(parseDocument(await readFile(lab.spec, 'utf8')).get('cluster'));
  await emptyHosts(lab, cluster);
  // Set-up, not the thing tested: two containers at a time.
  const first = await cli([
    'deploy',
    await specVariant('initial', () => undefined),
    ...sshArgs(lab),
    ...GATE,
    '--parallel',
    '2',
  ]);
  expect(first.code, first.stderr).toBe(0);
  // A topic on both groups: while one master is drained, its writes go to the other.
  await mqadmin(['updateTopic', '-c', cluster, '-t', TOPIC, '-r', '4', '-w', '4']);
  // And one on broker-a only, which pre-flight must name (no one writes it here).
  await mqadmin(['updateTopic', '-b', `${lab.hosts.A}:10911`, '-t', SOLO, '-r', '2', '-w', '2']);
}, 600_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

test('SYNC_MASTER groups: each slave restarts while its master is drained; all four brokers roll with no failed send', async () => {
  const spec = await specVariant('delete-when', (doc) => doc.setIn(['brokerDefaults', 'deleteWhen'], '05'));
  const {
    result: r,
    summary,
    stderr: producerLog,
  } = await produceDuring(TOPIC, work, () =>
    collect(cliProcess(['deploy', spec, ...sshArgs(lab), ...GATE, '--format', 'json'])),
  );
  const json = JSON.parse(r.stdout) as {
    ok: boolean;
    failure?: unknown;
    drain?: { masters: { host?: string; name: string; forSlave?: string }[] };
    steps: { name: string; ok: boolean; stop?: { killed: boolean } }[];
  };
  expect(json.ok, r.stderr).toBe(true);
  expect(json.failure).toBeUndefined();
  expect(json.steps.map((s) => s.name).sort()).toEqual(
    GROUPS.flatMap((g) => [`${cluster}-${g}-0`, `${cluster}-${g}-1`]).sort(),
  );
  expect(json.steps.filter((s) => !s.ok)).toEqual([]);
  for (const s of json.steps) expect(s.stop?.killed ?? false, s.name).toBe(false);
  // The plan names each master twice: for its slave's restart and for its own.
  const drains = json.drain?.masters ?? [];
  for (const g of GROUPS) {
    expect(drains).toContainEqual(
      expect.objectContaining({ name: `${cluster}-${g}-0`, forSlave: `${cluster}-${g}-1` }),
    );
    expect(drains).toContainEqual(expect.objectContaining({ name: `${cluster}-${g}-0` }));
  }
  // In the progress lines: each slave stops only after its master was proven read-only on every
  // route, and before that master is writable again.
  for (const g of GROUPS) {
    const slaveStop = r.stderr.search(new RegExp(`${cluster}-${g}-1(-rollout-old)? stopped with`));
    expect(slaveStop, `${g} slave stop line in ${r.stderr}`).toBeGreaterThan(0);
    const before = r.stderr.slice(0, slaveStop);
    const drained = before.lastIndexOf(`${g} read-only on every route`);
    expect(drained, `${g} drained before its slave stopped`).toBeGreaterThanOrEqual(0);
    expect(before.slice(drained), `${g} not writable again before its slave stopped`).not.toContain(
      `${g} writable again`,
    );
  }
  // Pre-flight named the topic that lives on broker-a only (its writes fail whatever we do).
  expect(r.stderr).toMatch(new RegExp(`topic ${SOLO} lives only on broker-a`));
  expect(summary.sent, producerLog).toBeGreaterThan(100);
  expect(summary.failed, JSON.stringify(summary)).toBe(0);
  // Still synchronous masters afterwards, as rendered.
  for (const host of ['A', 'B']) {
    expect(await brokerRole(`${lab.hosts[host]}:10911`)).toBe('SYNC_MASTER');
    expect(await brokerRole(`${lab.hosts[host]}:11911`)).toBe('SLAVE');
  }
}, 900_000);
