import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { allContainerIds, cli, labUp, onHost, sshArgs, type Lab, emptyHosts } from './support.js';

/**
 * Plans as artefacts and drift, on the lab: `plan --out` writes what a reviewer approves,
 * `deploy --plan` runs exactly that or refuses when a host changed in between, and
 * `plan --detailed-exitcode` tells a scheduled job whether the hosts drifted (0 / 2 / 1).
 */
let lab: Lab;
let work: string;
let cluster: string;
const GATE = ['--gate-timeout', '60'];

async function variant(name: string, edit: (doc: ReturnType<typeof parseDocument>) => void): Promise<string> {
  const doc = parseDocument(await readFile(lab.spec, 'utf8'));
  edit(doc);
  const path = join(work, `${name}.yml`);
  await writeFile(path, doc.toString());
  return path;
}

interface Json {
  ok: boolean;
  error?: string;
  noop?: boolean;
  failure?: { host: string; message: string; phase: string };
  steps?: { host: string; name: string; ok: boolean }[];
  plan?: { entries: { host: string; name: string; action: string }[] };
}

async function json(args: string[]): Promise<{ code: number | null; stderr: string; json: Json }> {
  const r = await cli([...args, ...sshArgs(lab), '--format', 'json']);
  let parsed: Json = { ok: false };
  try {
    parsed = JSON.parse(r.stdout) as Json;
  } catch {
    // the assertions show stdout and stderr
  }
  return { code: r.code, stderr: `${r.stdout}\n${r.stderr}`, json: parsed };
}

beforeAll(async () => {
  lab = await labUp();
  work = await mkdtemp(join(tmpdir(), 'rollout-plan-e2e-'));
  cluster = String(parseDocument(await readFile(lab.spec, 'utf8')).get('cluster'));
  // From empty hosts, then the lab spec deployed: the state every test below starts from.
  await emptyHosts(lab, cluster);
  const r = await json(['deploy', lab.spec, ...GATE]);
  expect(r.code, r.stderr).toBe(0);
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('plan --detailed-exitcode on the lab', () => {
  it('0 when the hosts match the spec, 2 when the spec changes something, 1 on an error', async () => {
    const same = await cli(['plan', lab.spec, ...sshArgs(lab), '--detailed-exitcode']);
    expect(same.code, same.stderr).toBe(0);

    const changed = await variant('retention', (d) => d.setIn(['brokerDefaults', 'fileReservedTime'], 96));
    const drift = await cli(['plan', changed, ...sshArgs(lab), '--detailed-exitcode']);
    expect(drift.code, drift.stderr).toBe(2);
    expect(drift.stdout).toMatch(/replace: fileReservedTime: \d+ → 96/);

    // An error is 1, never 2: a host key that does not match.
    const wrongKeys = join(work, 'known_hosts');
    await writeFile(
      wrongKeys,
      Object.values(lab.hosts)
        .map(
          (a) =>
            `[${a}]:${lab.sshPort} ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB5cYFr5h3OXKVTprZ1nOYPR1x7aXVdKfZ6pM7oX9b3Q\n`,
        )
        .join(''),
    );
    const failed = await cli(['plan', lab.spec, ...sshArgs(lab, wrongKeys), '--detailed-exitcode']);
    expect(failed.code, failed.stderr).toBe(1);
  });

  it('2 when a host was changed by hand (a removed container, an edited broker.conf)', async () => {
    const conf = `${lab.dataRoot}/${cluster}-broker-b-0/conf/broker.conf`;
    const original = await onHost(lab, 'B', ['cat', conf]);
    await onHost(lab, 'B', ['sh', '-c', `echo fileReservedTime=1 >> ${conf}`]);
    try {
      const r = await cli(['plan', lab.spec, ...sshArgs(lab), '--detailed-exitcode']);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stdout).toMatch(new RegExp(`~ ${cluster}-broker-b-0 .*replace`));
    } finally {
      await onHost(lab, 'B', ['sh', '-c', `printf '%s' "$1" > ${conf}`, 'restore', original]);
    }
    const back = await cli(['plan', lab.spec, ...sshArgs(lab), '--detailed-exitcode']);
    expect(back.code, back.stderr).toBe(0);

    // A container removed by hand: drift until a deploy puts it back.
    await onHost(lab, 'A', ['docker', 'rm', '-f', `${cluster}-console`]);
    const removed = await cli(['plan', lab.spec, ...sshArgs(lab), '--detailed-exitcode']);
    expect(removed.code, removed.stderr).toBe(2);
    expect(removed.stdout).toMatch(new RegExp(`\\+ ${cluster}-console .*create`));
    const restore = await json(['deploy', lab.spec, ...GATE]);
    expect(restore.code, restore.stderr).toBe(0);
    const healed = await cli(['plan', lab.spec, ...sshArgs(lab), '--detailed-exitcode']);
    expect(healed.code, healed.stderr).toBe(0);
  });
});

describe('plan --out, deploy --plan on the lab', () => {
  it('refuses a plan when a host changed by hand since it was made, listing the change; nothing touched', async () => {
    const spec = await variant('retention', (d) => d.setIn(['brokerDefaults', 'fileReservedTime'], 96));
    const planFile = join(work, 'plan.json');
    const made = await json(['plan', spec, '--out', planFile]);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stderr).toContain(`plan written to ${planFile}`);

    // The hand change: someone edits broker-b's master's broker.conf on host B.
    const conf = `${lab.dataRoot}/${cluster}-broker-b-0/conf/broker.conf`;
    const original = await onHost(lab, 'B', ['cat', conf]);
    await onHost(lab, 'B', ['sh', '-c', `echo fileReservedTime=1 >> ${conf}`]);
    try {
      const before = await allContainerIds(lab);
      const r = await json(['deploy', '--plan', planFile, ...GATE]);
      expect(r.code, r.stderr).toBe(1);
      expect(r.json.failure?.phase).toBe('preflight');
      expect(r.json.failure?.message).toContain('the hosts changed since the plan was made');
      expect(r.json.failure?.message).toContain(`B: ${conf} was edited since the plan`);
      expect(r.stderr).toContain(`changed since the plan: B: ${conf} was edited since the plan`);
      expect(await allContainerIds(lab)).toEqual(before);
      expect(await onHost(lab, 'B', ['cat', conf])).toBe(`${original}fileReservedTime=1\n`);
    } finally {
      await onHost(lab, 'B', ['sh', '-c', `printf '%s' "$1" > ${conf}`, 'restore', original]);
    }
  });

  it('without a hand change, runs exactly the plan, and then the hosts match the spec', async () => {
    const spec = await variant('retention', (d) => d.setIn(['brokerDefaults', 'fileReservedTime'], 96));
    const planFile = join(work, 'plan-2.json');
    const made = await json(['plan', spec, '--out', planFile]);
    expect(made.code, made.stderr).toBe(0);
    const planned = (made.json.plan?.entries ?? [])
      .filter((e) => e.action === 'create' || e.action === 'replace')
      .map((e) => `${e.host}/${e.name}`)
      .sort();
    expect(planned.length).toBeGreaterThan(0);

    // The spec file may change after the plan: deploy --plan runs the planned spec, not this one.
    await writeFile(
      spec,
      (await readFile(spec, 'utf8')).replace('fileReservedTime: 96', 'fileReservedTime: 120'),
    );
    const mismatch = await json(['deploy', spec, '--plan', planFile, ...GATE]);
    expect(mismatch.code).toBe(1);
    expect(mismatch.json.error ?? mismatch.stderr).toMatch(/is not the spec .* was made from/);

    const r = await json(['deploy', '--plan', planFile, ...GATE]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json.ok).toBe(true);
    expect((r.json.steps ?? []).map((s) => `${s.host}/${s.name}`).sort()).toEqual(planned);
    expect((r.json.steps ?? []).every((s) => s.ok)).toBe(true);

    // The planned spec (96) is what runs now: planning it again finds nothing to do.
    await writeFile(
      spec,
      (await readFile(spec, 'utf8')).replace('fileReservedTime: 120', 'fileReservedTime: 96'),
    );
    const after = await cli(['plan', spec, ...sshArgs(lab), '--detailed-exitcode']);
    expect(after.code, after.stderr).toBe(0);
    // A plan is used once: the hosts changed by running it, so a second run refuses.
    const again = await json(['deploy', '--plan', planFile, ...GATE]);
    expect(again.code).toBe(1);
    expect(again.json.failure?.message).toContain('the hosts changed since the plan was made');
  });
});

describe('SSH without --key on the lab: ssh-agent and ~/.ssh/config', () => {
  const noKey = (extra: NodeJS.ProcessEnv) => ({ ROCKETMQ_ROLLOUT_SSH_KEY: '', SSH_AUTH_SOCK: '', ...extra });

  it('authenticates with the agent of SSH_AUTH_SOCK', async () => {
    const home = await mkdtemp(join(tmpdir(), 'agent-home-'));
    const sock = join(home, 'agent.sock');
    // Its own agent, ended by its pid at the end.
    const started = execFileSync('ssh-agent', ['-s', '-a', sock], { encoding: 'utf8' });
    const pid = Number(/SSH_AGENT_PID=(\d+)/.exec(started)?.[1]);
    expect(pid).toBeGreaterThan(0);
    try {
      execFileSync('ssh-add', ['-q', lab.key], {
        env: { ...process.env, SSH_AUTH_SOCK: sock },
        stdio: 'pipe',
      });
      const r = await cli(
        ['plan', lab.spec, '--known-hosts', lab.knownHosts],
        noKey({ SSH_AUTH_SOCK: sock, HOME: home }),
      );
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^Plan for cluster /m);
      // Without the agent and without a key: a plain refusal.
      const none = await cli(['plan', lab.spec, '--known-hosts', lab.knownHosts], noKey({ HOME: home }));
      expect(none.code).toBe(2);
      expect(none.stderr).toMatch(/needs --key <file>, ROCKETMQ_ROLLOUT_SSH_KEY, an ssh-agent/);
    } finally {
      process.kill(pid);
    }
  });

  // Connected and planned (exit 0 with a plan); whether the hosts match the spec is not the point.
  it("uses the hosts' IdentityFile and User from ~/.ssh/config", async () => {
    const home = await mkdtemp(join(tmpdir(), 'config-home-'));
    await mkdir(join(home, '.ssh'));
    await writeFile(
      join(home, '.ssh', 'config'),
      `Host ${Object.values(lab.hosts).join(' ')}\n  User ${lab.sshUser}\n  IdentityFile ~/.ssh/missing\n  IdentityFile ${lab.key}\n`,
    );
    // The spec names another user: the config's User wins over the spec's cluster-wide one.
    const spec = await variant('other-user', (d) => d.setIn(['ssh', 'user'], 'nobodyhere'));
    const r = await cli(['plan', spec, '--known-hosts', lab.knownHosts], noKey({ HOME: home }));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Plan for cluster /m);
  });
});
