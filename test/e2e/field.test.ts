import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import {
  allContainerIds,
  cli,
  clusterList,
  eventually,
  labFirewall,
  labUp,
  mqadmin,
  onHost,
  runnerCanConnect,
  sshArgs,
  STATE,
  type Lab,
  emptyHosts,
} from './support.js';

/**
 * Field mode: the runner reaches only the bastion's SSH port, the hosts take SSH only from the
 * bastion and every other port only from each other. Gates go over SSH (the default); `direct`
 * still works where the runner sits next to the hosts; every bad input fails before anything is
 * touched.
 */
const run = promisify(execFile);
let lab: Lab;
let work: string;
let cluster: string;
const GATE = ['--gate-timeout', '40'];

async function specVariant(name: string, edit: (doc: ReturnType<typeof parseDocument>) => void) {
  const doc = parseDocument(await readFile(lab.spec, 'utf8'));
  edit(doc);
  const path = join(work, `${name}.yml`);
  await writeFile(path, doc.toString());
  return path;
}

async function deployJson(spec: string, extra: string[] = [], knownHosts = lab.knownHosts) {
  const r = await cli(['deploy', spec, ...sshArgs(lab, knownHosts), ...GATE, '--format', 'json', ...extra]);
  let json: {
    ok: boolean;
    noop?: boolean;
    error?: string;
    steps?: { host: string; name: string; ok: boolean }[];
    failure?: { host: string; phase?: string; message: string };
  } = { ok: false };
  try {
    json = JSON.parse(r.stdout);
  } catch {
    // the assertions show stdout and stderr
  }
  return { ...r, json };
}

const addr = (host: string, port: number): string => `${lab.hosts[host]}:${port}`;

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

/** An sshd_config line set (or removed) on a lab sshd, then that sshd reloaded (SIGHUP). */
async function setSshd(dir: string, line: string | undefined): Promise<void> {
  const file = `${dir}/sshd_config`;
  const text = (await readFile(file, 'utf8')).replace(/^AllowTcpForwarding .*\n/m, '');
  await writeFile(file, line ? `${line}\n${text}` : text);
  const listening = async (): Promise<number> =>
    ((await readFile(`${dir}/sshd.log`, 'utf8')).match(/Server listening on/g) ?? []).length;
  const seen = await listening();
  await run('kill', ['-HUP', (await readFile(`${dir}/sshd.pid`, 'utf8')).trim()]);
  // sshd re-executes itself on SIGHUP: it serves again once it logs that it listens again.
  await eventually(
    'sshd listening again',
    async () => ((await listening()) > seen ? true : undefined),
    20_000,
  );
}

beforeAll(async () => {
  lab = await labUp({ field: true });
  work = await mkdtemp(join(tmpdir(), 'rollout-field-'));
  cluster = String(parseDocument(await readFile(lab.spec, 'utf8')).get('cluster'));
  await emptyHosts(lab, cluster);
});

afterAll(async () => {
  await labFirewall('field').catch(() => undefined);
  if (work) await rm(work, { recursive: true, force: true });
});

describe('gates.via: direct, where the runner sits next to the hosts', () => {
  it('first deploy from empty hosts with gates dialled from the runner', async () => {
    await labFirewall('off');
    try {
      const r = await deployJson(lab.spec, ['--gates-via', 'direct']);
      expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
      expect(r.stderr).toContain('gates.via: direct');
      expect(r.json.steps?.filter((s) => s.ok)).toHaveLength(7);
    } finally {
      await labFirewall('field');
    }
    await expectHealthyCluster();
  });
});

describe('field mode', () => {
  it('the runner reaches the bastion only: no RocketMQ port, no host SSH port', async () => {
    expect(await runnerCanConnect(lab.bastion ?? '', lab.sshPort)).toBe(true);
    for (const h of ['A', 'B']) {
      for (const port of [9876, 10911, 11911, 8080, lab.sshPort]) {
        expect(await runnerCanConnect(lab.hosts[h] ?? '', port), `${h}:${port}`).toBe(false);
      }
    }
    // The ports are open all the same: the hosts reach each other.
    expect(await clusterList(addr('B', 9876))).toHaveLength(4);
  });

  it('with gates over SSH (the default) a config change deploys through the bastion', async () => {
    const spec = await specVariant('b-24h', (d) =>
      d.setIn(['brokers', 'broker-b', 'config'], { fileReservedTime: 24 }),
    );
    const r = await deployJson(spec);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stderr).toContain('gates.via: ssh');
    expect(r.json.steps?.map((s) => `${s.host}/${s.name}`)).toEqual([
      `A/${cluster}-broker-b-1`,
      `B/${cluster}-broker-b-0`,
    ]);
    for (const b of [addr('B', 10911), addr('A', 11911)]) {
      expect(await mqadmin(['getBrokerConfig', '-b', b])).toMatch(/fileReservedTime\s*=\s*24/);
    }
  });

  it('a plain lab firewalled by hand (runner: TCP 22 only) deploys a config change, default settings', async () => {
    await labFirewall('ssh-only');
    try {
      for (const port of [9876, 10911]) expect(await runnerCanConnect(lab.hosts.A ?? '', port)).toBe(false);
      // No bastion: straight to the hosts' SSH port, the only one open.
      const spec = await specVariant('b-36h-no-bastion', (d) => {
        d.deleteIn(['ssh', 'jumpHost']);
        d.setIn(['brokers', 'broker-b', 'config'], { fileReservedTime: 36 });
      });
      const r = await deployJson(spec);
      expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
      expect(r.json.steps).toHaveLength(2);
    } finally {
      await labFirewall('field');
    }
    expect(await mqadmin(['getBrokerConfig', '-b', addr('B', 10911)])).toMatch(/fileReservedTime\s*=\s*36/);
  });
});

describe('bad input touches nothing', () => {
  let before: Record<string, string>;
  let change: string;
  beforeAll(async () => {
    const r = await deployJson(lab.spec);
    expect(r.code, r.stderr).toBe(0);
    await expectHealthyCluster();
    before = await allContainerIds(lab);
    change = await specVariant('b-12h', (d) =>
      d.setIn(['brokers', 'broker-b', 'config'], { fileReservedTime: 12 }),
    );
  });

  async function expectUntouched(): Promise<void> {
    expect(await allContainerIds(lab)).toEqual(before);
    for (const h of Object.keys(lab.hosts)) {
      const locks = await onHost(lab, h, [
        'sh',
        '-c',
        `ls -d ${lab.dataRoot}/.rocketmq-rollout/*/lock 2>/dev/null || true`,
      ]);
      expect(locks.trim(), `lock on ${h}`).toBe('');
    }
  }

  it('forwarding disabled on one host: refused in pre-flight, naming the host and the sshd setting', async () => {
    const dir = `${STATE}/hosts/B`;
    await setSshd(dir, 'AllowTcpForwarding no');
    try {
      const r = await deployJson(change);
      expect(r.code).toBe(1);
      expect(r.json.failure?.phase).toBe('preflight');
      expect(r.json.failure?.host).toBe('B');
      expect(r.json.failure?.message).toMatch(/AllowTcpForwarding.*gates\.via: direct/);
    } finally {
      await setSshd(dir, undefined);
    }
    await expectUntouched();
  });

  it('the bastion refuses forwarding: no host is reached', async () => {
    const dir = `${STATE}/bastion`;
    await setSshd(dir, 'AllowTcpForwarding no');
    try {
      const r = await deployJson(change);
      expect(r.code).toBe(1);
      expect(r.stderr + r.stdout).toMatch(/jump host .* refuses TCP forwarding.*AllowTcpForwarding/);
    } finally {
      await setSshd(dir, 'AllowTcpForwarding yes');
    }
    await expectUntouched();
  });

  it('the bastion is down (its sshd stopped)', async () => {
    const dir = `${STATE}/bastion`;
    await run('kill', ['-TERM', (await readFile(`${dir}/sshd.pid`, 'utf8')).trim()]);
    try {
      await eventually('bastion sshd gone', async () =>
        (await runnerCanConnect(lab.bastion ?? '', lab.sshPort)) ? undefined : true,
      );
      const r = await deployJson(change);
      expect(r.code).toBe(1);
      expect(r.stderr + r.stdout).toMatch(/cannot connect to jump host .*ECONNREFUSED/);
    } finally {
      await run('ip', [
        'netns',
        'exec',
        'rmqbastion',
        '/usr/sbin/sshd',
        '-f',
        `${dir}/sshd_config`,
        '-E',
        `${dir}/sshd.log`,
      ]);
      await eventually('bastion sshd back', async () =>
        (await runnerCanConnect(lab.bastion ?? '', lab.sshPort)) ? true : undefined,
      );
    }
    await expectUntouched();
  });

  it("the bastion's host key does not match: nothing runs anywhere", async () => {
    const fake = join(work, 'fake_key');
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', fake]);
    const pub = (await readFile(`${fake}.pub`, 'utf8')).trim().split(' ').slice(0, 2).join(' ');
    const known = (await readFile(lab.knownHosts, 'utf8'))
      .split('\n')
      .map((l) => (l.startsWith(`${lab.bastion} `) ? `${lab.bastion} ${pub}` : l))
      .join('\n');
    const wrong = join(work, 'wrong_bastion_known_hosts');
    await writeFile(wrong, known);
    const r = await deployJson(change, [], wrong);
    expect(r.code).toBe(1);
    expect(r.stderr + r.stdout).toMatch(/host key verification failed for jump host/);
    await expectUntouched();
  });

  it('gates.via misspelt in the spec: a finding at its line, no host contacted', async () => {
    const text = `${await readFile(change, 'utf8')}gates:\n  via: shh\n`;
    const spec = join(work, 'misspelt.yml');
    await writeFile(spec, text);
    const line = text.split('\n').indexOf('  via: shh') + 1;
    // Every sshd logs each connection it accepts: none may come from this run.
    const logs = [
      ...Object.keys(lab.hosts).map((h) => `${STATE}/hosts/${h}/sshd.log`),
      `${STATE}/bastion/sshd.log`,
    ];
    const accepted = (): Promise<number[]> =>
      Promise.all(
        logs.map(async (f) => ((await readFile(f, 'utf8')).match(/Accepted publickey/g) ?? []).length),
      );
    const seen = await accepted();
    const r = await cli(['deploy', spec, ...sshArgs(lab), ...GATE]);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain(`${spec}:${line}:8: error`);
    expect(await accepted()).toEqual(seen);
    await expectUntouched();
  });
});
