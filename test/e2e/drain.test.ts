import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { parseDocument } from 'yaml';
import {
  cli,
  cliProcess,
  collect,
  labUp,
  mqadmin,
  onHost,
  readLab,
  sshArgs,
  type Lab,
  emptyHosts,
  produceDuring,
} from './support.js';

/**
 * The drain on the lab (issue 12): a config change of both masters with rollout.drain on, while a
 * producer sends. The real mqadmin reads every name server's route while a master is drained; the
 * restarted masters come up writable from the rendered broker.conf (the drained permission the
 * broker writes back to its -c file does not survive: the mount is read-only); the producer sees no
 * failed send. The producer polls routes every second (its default is 30 s), so a drain of a few
 * seconds is the same as the production default of 45 s against a 30 s refresh.
 */
const run = promisify(execFile);
let lab: Lab;
let work: string;
let cluster: string;
const TOPIC = 'rr-drain-e2e';
const DRAIN_SECONDS = 5;
const GATE = ['--gate-timeout', '60'];

async function specVariant(name: string, edit: (doc: ReturnType<typeof parseDocument>) => void) {
  const doc = parseDocument(await readFile(lab.spec, 'utf8'));
  doc.setIn(['rollout'], doc.createNode({ drain: true, drainSeconds: DRAIN_SECONDS }));
  edit(doc);
  const path = join(work, `${name}.yml`);
  await writeFile(path, doc.toString());
  return path;
}

/** The perm each broker group has in a name server's route of TOPIC, from mqadmin topicRoute. */
async function routePerms(ns: string): Promise<Record<string, number>> {
  const out = await mqadmin(['topicRoute', '-t', TOPIC, '-n', ns]);
  const perms: Record<string, number> = {};
  for (const m of out.matchAll(/"brokerName"\s*:\s*"([^"]+)"\s*,\s*"perm"\s*:\s*(\d+)/g))
    perms[m[1] as string] = Number(m[2]);
  return perms;
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
  work = await mkdtemp(join(tmpdir(), 'rollout-drain-e2e-'));
  cluster = String(parseDocument(await readFile(lab.spec, 'utf8')).get('cluster'));
  await emptyHosts(lab, cluster);
  const first = await cli([
    'deploy',
    await specVariant('initial', () => undefined),
    ...sshArgs(lab),
    ...GATE,
  ]);
  expect(first.code, first.stderr).toBe(0);
  // A topic on both groups: while one master is drained, its writes go to the other.
  await mqadmin(['updateTopic', '-c', cluster, '-t', TOPIC, '-r', '4', '-w', '4']);
}, 600_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

test('both masters drained in turn: perm 4 on every name server meanwhile, writable from the rendered file after, no failed send', async () => {
  const keys = join(work, 'keys');
  const { summary, stderr: producerLog } = await produceDuring(
    TOPIC,
    work,
    async () => {
      const spec = await specVariant('delete-when', (doc) =>
        doc.setIn(['brokerDefaults', 'deleteWhen'], '05'),
      );
      // While each master is drained: what the real mqadmin reads from every name server.
      const seen: Record<string, Promise<Record<string, number>[]>> = {};
      const r = await collect(
        cliProcess(['deploy', spec, ...sshArgs(lab), ...GATE, '--format', 'json']),
        (stderr) => {
          for (const group of ['broker-a', 'broker-b']) {
            if (!seen[group] && stderr.includes(`${group} read-only on every route`))
              seen[group] = Promise.all(lab.namesrv.split(';').map((ns) => routePerms(ns)));
          }
        },
      );
      const json = JSON.parse(r.stdout) as {
        ok: boolean;
        drain?: { masters: { name: string }[]; waitSeconds: number };
        steps: { name: string; stop?: { killed: boolean; exitCode: number } }[];
      };
      expect(json.ok, r.stderr).toBe(true);
      expect(json.drain?.masters.map((m) => m.name).sort()).toEqual([
        `${cluster}-broker-a-0`,
        `${cluster}-broker-b-0`,
      ]);
      expect(json.drain?.waitSeconds).toBe(3 * DRAIN_SECONDS);
      for (const s of json.steps) expect(s.stop?.killed ?? false, s.name).toBe(false);
      // The countdown and the wait for the clients between the two masters are in the progress lines.
      expect(r.stderr).toMatch(new RegExp(`draining broker-a: 0 s of ${DRAIN_SECONDS}`));
      expect(r.stderr).toMatch(
        /waiting for clients to see broker-(a|b) writable before draining broker-(a|b)/,
      );
      for (const group of ['broker-a', 'broker-b']) {
        const perNs = await seen[group];
        expect(perNs, `${group} drained`).toHaveLength(lab.namesrv.split(';').length);
        for (const perms of perNs ?? []) expect(perms[group], `${group} on ${JSON.stringify(perms)}`).toBe(4);
      }
      // Writable again, from the rendered file: the broker's loaded config and every route.
      for (const [group, host] of [
        ['broker-a', 'A'],
        ['broker-b', 'B'],
      ] as const) {
        const conf = await onHost(lab, host, [
          'cat',
          `${lab.dataRoot}/${cluster}-${group}-0/conf/broker.conf`,
        ]);
        expect(conf).not.toMatch(/brokerPermission/);
        const loaded = await mqadmin(['getBrokerConfig', '-b', `${lab.hosts[host]}:10911`]);
        expect(loaded).toMatch(/brokerPermission\s*=\s*6/);
      }
      for (const ns of lab.namesrv.split(';')) {
        expect(await routePerms(ns)).toEqual({ 'broker-a': 6, 'broker-b': 6 });
      }
      // Every broker's restart passed its probe message (master and slave of each group).
      expect(r.stderr.match(/gate probe message passed/g)?.length ?? 0).toBeGreaterThanOrEqual(4);
    },
    { keys },
  );
  expect(summary.sent, producerLog).toBeGreaterThan(100);
  expect(summary.failed, JSON.stringify(summary)).toBe(0);
}, 900_000);

test('a slave whose HA connection is cut fails its probe gate and is undone; it passes once replication flows', async () => {
  // Host B's containers cannot reach any HA port (10912): broker-a's slave on B loses its master.
  const rule = ['FORWARD', '-i', 'podman0', '-p', 'tcp', '--dport', '10912', '-j', 'DROP'];
  // On top of what the case above left (deleteWhen 05), so that only broker-a's two members change.
  const spec = await specVariant('ha-cut', (doc) => {
    doc.setIn(['brokerDefaults', 'deleteWhen'], '05');
    doc.setIn(['brokers', 'broker-a', 'config', 'fileReservedTime'], 71);
  });
  await run('ip', ['netns', 'exec', 'rmqlab-B', 'iptables', '-w', '-I', ...rule]);
  let r: Awaited<ReturnType<typeof cli>>;
  try {
    r = await cli(['deploy', spec, ...sshArgs(lab), '--gate-timeout', '20', '--format', 'json']);
  } finally {
    await run('ip', ['netns', 'exec', 'rmqlab-B', 'iptables', '-w', '-D', ...rule]);
  }
  expect(r.code, r.stderr).toBe(1);
  const json = JSON.parse(r.stdout) as {
    failure?: { host: string; container?: string; message: string; restored?: string };
  };
  // The slave goes first: its probe never arrives, so the step is undone before the master is touched.
  expect(json.failure).toMatchObject({ host: 'B', container: `${cluster}-broker-a-1` });
  expect(json.failure?.message).toMatch(/gate probe message failed/);
  expect(r.stderr).toMatch(/slave \S+:11911 has not got the probe at offset \d+/);
  expect(json.failure?.restored).toMatch(new RegExp(`^old ${cluster}-broker-a-1 restored`));
  expect(r.stderr).not.toMatch(/draining broker-a/);
  // Replication flowing again: the same change passes, probe included.
  const again = await cli(['deploy', spec, ...sshArgs(lab), ...GATE, '--format', 'json']);
  expect(again.code, again.stderr).toBe(0);
  expect(again.stderr).toMatch(/gate probe message passed/);
}, 900_000);
