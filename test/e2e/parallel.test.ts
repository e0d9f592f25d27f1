import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import {
  cli,
  cliProcess,
  clusterList,
  collect,
  eventually,
  labUp,
  sshArgs,
  watchClusterList,
  type Lab,
} from './support.js';

/**
 * rollout.parallel on the lab: a config change of both broker groups at parallel 2, with the real
 * mqadmin asking both name servers over and over DURING the roll which brokers they list. The
 * group rule is proven from RocketMQ's own view, not from our state: at no sample are both members
 * of a group missing, while the two groups really restart side by side.
 */
let lab: Lab;
let work: string;
let cluster: string;
const GATE = ['--gate-timeout', '60'];
const GROUPS = ['broker-a', 'broker-b'];

async function deploy(spec: string, extra: string[] = []) {
  const r = await cli(['deploy', spec, ...sshArgs(lab), ...GATE, '--format', 'json', ...extra]);
  return { ...r, json: JSON.parse(r.stdout || '{}') as { ok?: boolean; steps?: { name: string }[] } };
}

/** All four brokers listed on every name server. */
async function healthy(): Promise<void> {
  for (const ns of lab.namesrv.split(';'))
    await eventually(`${ns} lists 4 brokers`, async () =>
      (await clusterList(ns)).length === 4 ? true : undefined,
    );
}

beforeAll(async () => {
  lab = await labUp({ field: true });
  work = await mkdtemp(join(tmpdir(), 'rollout-parallel-'));
  cluster = String(parseDocument(await readFile(lab.spec, 'utf8')).get('cluster'));
  // From whatever an earlier suite left: the lab's spec deployed and every broker registered.
  const r = await deploy(lab.spec);
  expect(r.json.ok, `${r.stdout}\n${r.stderr}`).toBe(true);
  await healthy();
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('parallel rollout on the lab', () => {
  it('parallel 2 restarts both groups side by side; mqadmin never sees a group without a broker', async () => {
    // A value no earlier run left, so every broker changes.
    const hours = 100 + (Date.now() % 500);
    const doc = parseDocument(await readFile(lab.spec, 'utf8'));
    for (const g of GROUPS) doc.setIn(['brokers', g, 'config'], { fileReservedTime: hours });
    const spec = join(work, 'all-groups.yml');
    await writeFile(spec, doc.toString());

    const child = cliProcess([
      'deploy',
      spec,
      ...sshArgs(lab),
      ...GATE,
      '--format',
      'json',
      '--parallel',
      '2',
    ]);
    // mqadmin during the roll, on both name servers: which groups does each list, every second?
    const watcher = watchClusterList(lab.namesrv.split(';'));
    const r = await collect(child).finally(() => watcher.stop());
    const samples = watcher.samples;

    const json = JSON.parse(r.stdout || '{}') as { ok?: boolean; steps?: { name: string }[] };
    expect(json.ok, `${r.stdout}\n${r.stderr}`).toBe(true);
    expect(json.steps?.map((s) => s.name).sort()).toEqual(
      [
        `${cluster}-broker-a-0`,
        `${cluster}-broker-a-1`,
        `${cluster}-broker-b-0`,
        `${cluster}-broker-b-1`,
      ].sort(),
    );
    // The check saw the roll: some samples miss a broker (one was restarting then).
    expect(samples.length, 'mqadmin rounds during the roll').toBeGreaterThan(4);
    expect(
      samples.some((s) => s.rows.length < 4),
      `a sample taken while a broker restarted (of ${samples.length})`,
    ).toBe(true);
    // The rule, from RocketMQ's view: every group keeps a listed broker on every name server.
    const gaps = samples.flatMap((s) =>
      GROUPS.filter((g) => !s.rows.some((row) => row.startsWith(`${g} `))).map(
        (g) => `${s.ns}: no ${g} in ${JSON.stringify(s.rows)}`,
      ),
    );
    expect(gaps).toEqual([]);
    // Side by side: both slaves were started before either was healthy (the progress lines).
    const at = (text: string) => r.stderr.indexOf(text);
    const started = [at(`replace ${cluster}-broker-a-1`), at(`replace ${cluster}-broker-b-1`)];
    const firstHealthy = Math.min(
      ...[`${cluster}-broker-a-1 healthy`, `${cluster}-broker-b-1 healthy`].map(at).filter((i) => i >= 0),
    );
    expect(
      started.every((i) => i >= 0 && i < firstHealthy),
      r.stderr,
    ).toBe(true);
    await healthy();
  });
});
