import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { JSON_FORMAT_VERSION, runCli } from '../src/cli.js';

// No agent and an empty home: the key tests must not depend on the machine's ssh setup.
const emptyHome = mkdtempSync(join(tmpdir(), 'cli-home-'));
beforeEach(() => {
  vi.stubEnv('SSH_AUTH_SOCK', '');
  vi.stubEnv('HOME', emptyHome);
  vi.stubEnv('ROCKETMQ_ROLLOUT_SSH_KEY', '');
});

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await runCli(args, { stdout, stderr });
  return { code, stdout: out, stderr: err };
}

describe('rocketmq-rollout CLI', () => {
  it('validate: exit 0 with warnings, findings compiler-style', async () => {
    const r = await cli(['validate', 'examples/two-host-2m-2s-async.yml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^examples\/two-host-2m-2s-async\.yml:6:13: warning: RocketMQ 4\.8\.0 has CVE-2023-33246/m,
    );
    expect(r.stdout.trim().split('\n').at(-1)).toBe('0 errors, 2 warnings, 2 notices');
  });

  it('validate: exit 1 and every mistake with its line, no stack trace', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cli-'));
    const text = (await readFile('examples/two-host-2m-2s-async.yml', 'utf8'))
      .replace('flushDiskType: ASYNC_FLUSH', 'flushDiskType: async_flush')
      .replace('fileReservedTime: 48', 'fileReservedTme: 48')
      .replace(
        'slaves: [ { host: B, listenPort: 11911 } ] }',
        'slaves: [ { host: C, listenPort: 11911 } ] }',
      );
    await writeFile(join(dir, 'three.yml'), text);
    const r = await cli(['validate', join(dir, 'three.yml')]);
    expect(r.code).toBe(1);
    const errors = r.stdout.split('\n').filter((l) => l.includes(': error: '));
    expect(errors.map((l) => Number(l.split(':')[1]))).toEqual([16, 18, 21]);
    expect(r.stdout).not.toMatch(/\n\s+at /);
  });

  it('validate --format json gives the findings as data', async () => {
    const r = await cli(['validate', 'examples/single-node.yml', '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as {
      findings: { severity: string; line: number }[];
      topology: { kind: string };
    };
    expect(json.topology.kind).toBe('single-node');
    expect(json.findings.every((f) => f.line > 0)).toBe(true);
  });

  it('render writes per-host folders and a manifest, byte-identical twice', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cli-'));
    const a = await cli(['render', 'examples/three-hosts.yml', '--out', join(dir, 'a'), '--revision', 'r1']);
    const b = await cli(['render', 'examples/three-hosts.yml', '--out', join(dir, 'b'), '--revision', 'r1']);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(a.stdout).toContain('rendered 10 containers on 3 hosts');
    expect(await readFile(join(dir, 'a/manifest.json'), 'utf8')).toBe(
      await readFile(join(dir, 'b/manifest.json'), 'utf8'),
    );
    expect(await readFile(join(dir, 'a/h2/ring-cluster-broker-a-1/broker.conf'), 'utf8')).toContain(
      'brokerRole=SLAVE',
    );
  });

  it.each([
    [[], 0, /Usage: rocketmq-rollout/],
    [['explode', 'x.yml'], 2, /unknown command 'explode'/],
    [['validate'], 2, /validate needs a spec file/],
    [['render', 'examples/single-node.yml'], 2, /render needs --out/],
    [['validate', 'no/such.yml'], 2, /cannot read spec 'no\/such\.yml': no such file/],
    [['validate', 'examples/single-node.yml', '--format', 'xml'], 2, /--format must be text or json/],
    [['deploy', 'examples/single-node.yml'], 2, /deploy needs --key/],
    [
      ['rollback', 'examples/single-node.yml', '--to', 'yesterday'],
      2,
      /--to is for rollback and takes 'previous'/,
    ],
    [
      ['deploy', 'examples/single-node.yml', '--gate-timeout', '0'],
      2,
      /--gate-timeout must be whole seconds/,
    ],
  ])('usage %j exits %i', async (args, code, message) => {
    const r = await cli(args as string[]);
    expect(r.code).toBe(code);
    expect(r.stdout + r.stderr).toMatch(message);
  });
});

describe('CLI usage, help and version', () => {
  const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

  it.each([[['--version']], [['version']]])('%j prints the package version', async (args) => {
    const r = await cli(args);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`rocketmq-rollout ${version}\n`);
  });

  it("help COMMAND and COMMAND --help print that command's options only", async () => {
    const a = await cli(['help', 'deploy']);
    const b = await cli(['deploy', '--help']);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toMatch(/^Usage: rocketmq-rollout deploy <spec>/);
    expect(a.stdout).toContain('--break-lock');
    expect(a.stdout).not.toMatch(/^ +--out /m);
    expect(a.stdout).toMatch(/^ +--plan <plan.json> /m);
    expect(a.stdout).not.toContain('--detailed-exitcode');
    expect((await cli(['help', 'plan'])).stdout).toContain('--detailed-exitcode');
  });

  it('takes the short form of an option it declares (-v for --verbose)', async () => {
    const r = await cli(['plan', 'examples/single-node.yml', '-v', '--key', '/nonexistent/key']);
    expect(r.stderr).not.toMatch(/unknown option/);
    expect(r.stderr).toMatch(/cannot read SSH key/);
  });

  it.each([
    [
      ['validate', 'examples/single-node.yml', '--fromat', 'json'],
      /unknown option '--fromat' \(did you mean '--format'\?\)/,
    ],
    [['valdate', 'examples/single-node.yml'], /unknown command 'valdate' \(did you mean 'validate'\?\)/],
    [['plan', 'examples/single-node.yml', '--konwn-hosts', 'k'], /did you mean '--known-hosts'/],
    [['help', 'rolback'], /no command 'rolback' \(did you mean 'rollback'\?\)/],
    [['plan', 'examples/single-node.yml', '--key'], /option --key needs a value/],
    [['plan', 'examples/single-node.yml', '--key', '--dry-run'], /option --key needs a value/],
    [['deploy', 'examples/single-node.yml', '--dry-run=yes'], /option --dry-run takes no value/],
    [['deploy', 'examples/single-node.yml', '--detailed-exitcode'], /--detailed-exitcode is for plan/],
    [['plan', 'examples/single-node.yml', '-x'], /unknown option '-x'/],
  ])('usage error %j: one short message and a pointer to help, exit 2', async (args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^Run 'rocketmq-rollout help( \w+)?' for/);
    // Neither the full help nor parseArgs' own wording.
    expect(r.stderr).not.toMatch(/Commands:|ERR_PARSE_ARGS|'-- "/);
  });
});

describe('CLI --format json envelope', () => {
  type Envelope = { formatVersion: number; command: string; ok: boolean; error?: string };

  it.each([
    [['validate', 'examples/single-node.yml'], 'validate', true],
    [['version'], 'version', true],
    [['validate', 'no/such.yml'], 'validate', false],
    [['deploy', 'examples/single-node.yml'], 'deploy', false],
  ])('%j carries formatVersion, command and ok', async (args, command, ok) => {
    const r = await cli([...args, '--format', 'json']);
    const json = JSON.parse(r.stdout) as Envelope;
    expect(json.formatVersion).toBe(JSON_FORMAT_VERSION);
    expect(json.command).toBe(command);
    expect(json.ok).toBe(ok);
    if (!ok) expect(json.error).toBeTruthy();
  });

  it('render: the envelope around manifest, containers and revision', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cli-'));
    const r = await cli([
      'render',
      'examples/single-node.yml',
      '--out',
      dir,
      '--format',
      'json',
      '--revision',
      'r1',
    ]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as Envelope & {
      manifest: string;
      containers: number;
      revision: string;
    };
    expect(json).toMatchObject({ formatVersion: 1, command: 'render', ok: true, revision: 'r1' });
    expect(json.containers).toBeGreaterThan(0);
  });
});

describe('CLI exit codes of every command', () => {
  it.each(['validate', 'render', 'plan', 'deploy', 'rollback'])(
    '%s --help documents its exit codes',
    async (command) => {
      const help = (await cli([command, '--help'])).stdout;
      expect(help).toMatch(/^Exit codes: 0 ok, 1 invalid spec.*, 2 usage error/m);
      expect(help.includes('With --detailed-exitcode: 0 no changes, 2 changes')).toBe(command === 'plan');
    },
  );

  const broken = async (): Promise<string> => {
    const dir = await mkdtemp(join(tmpdir(), 'cli-'));
    const text = (await readFile('examples/single-node.yml', 'utf8')).replace('version: 1', 'version: 2');
    await writeFile(join(dir, 'broken.yml'), text);
    return join(dir, 'broken.yml');
  };
  /** A spec whose one host is loopback port 1 (refused at once), and a throw-away key. */
  const unreachable = async (): Promise<{ spec: string; key: string }> => {
    const dir = await mkdtemp(join(tmpdir(), 'cli-'));
    const text = (await readFile('examples/single-node.yml', 'utf8'))
      .replace('address: 10.0.10.5', 'address: 127.0.0.1')
      .replace('ssh: { user: deploy }', 'ssh: { user: deploy, port: 1 }');
    expect(text).toContain('127.0.0.1');
    await writeFile(join(dir, 'spec.yml'), text);
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'key')]);
    return { spec: join(dir, 'spec.yml'), key: join(dir, 'key') };
  };

  it('validate and render: 0 valid, 1 invalid, 2 usage', async () => {
    const bad = await broken();
    const out = await mkdtemp(join(tmpdir(), 'cli-'));
    expect((await cli(['validate', 'examples/single-node.yml'])).code).toBe(0);
    expect((await cli(['validate', bad])).code).toBe(1);
    expect((await cli(['validate'])).code).toBe(2);
    expect((await cli(['render', 'examples/single-node.yml', '--out', out])).code).toBe(0);
    expect((await cli(['render', bad, '--out', out])).code).toBe(1);
    expect((await cli(['render', 'examples/single-node.yml'])).code).toBe(2);
  });

  it.each(['plan', 'deploy', 'rollback'])(
    '%s: 1 invalid spec or unreachable host, 2 usage',
    async (command) => {
      const bad = await broken();
      const { spec, key } = await unreachable();
      const ssh = ['--key', key, '--insecure-skip-host-key-check'];
      expect((await cli([command, bad, ...ssh])).code).toBe(1);
      const r = await cli([command, spec, ...ssh]);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toMatch(/ECONNREFUSED|cannot connect/);
      // The error names its host, for machines too.
      const json = await cli([command, spec, ...ssh, '--format', 'json']);
      expect(json.code).toBe(1);
      expect(JSON.parse(json.stdout).failure).toMatchObject({ host: 'dev', phase: 'connect' });
      expect((await cli([command, spec, '--gate-timeout', 'x'])).code).toBe(2);
      // A spec that is not there: our message and the usage code, as validate says it.
      const missing = await cli([command, 'no/such.yml', ...ssh]);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toBe("rocketmq-rollout: cannot read spec 'no/such.yml': no such file\n");
      const missingJson = await cli([command, 'no/such.yml', ...ssh, '--format', 'json']);
      expect(missingJson.code).toBe(2);
      expect(JSON.parse(missingJson.stdout)).toMatchObject({ ok: false, usageError: true });
    },
  );

  it('plan --detailed-exitcode: every error is 1, 2 is kept for "changes"', async () => {
    const { spec, key } = await unreachable();
    const ssh = ['--key', key, '--insecure-skip-host-key-check', '--detailed-exitcode'];
    expect((await cli(['plan', spec, ...ssh])).code).toBe(1);
    expect((await cli(['plan', await broken(), ...ssh])).code).toBe(1);
    expect((await cli(['plan', spec, ...ssh, '--fromat', 'json'])).code).toBe(1);
    expect((await cli(['plan', 'no/such.yml', ...ssh])).code).toBe(1);
  });

  it('deploy --plan: usage checked first, a file that is not a plan refused (exit 1)', async () => {
    expect((await cli(['plan', 'examples/single-node.yml', '--plan', 'p.json'])).stderr).toMatch(
      /--plan is for deploy/,
    );
    const both = await cli(['deploy', '--plan', 'p.json', '--revision', 'r1']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/the plan records its revision/);
    const { key } = await unreachable();
    const ssh = ['--key', key, '--insecure-skip-host-key-check'];
    const missing = await cli(['deploy', '--plan', 'no/such/plan.json', ...ssh]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read plan 'no\/such\/plan.json'/);
    const dir = await mkdtemp(join(tmpdir(), 'cli-'));
    await writeFile(join(dir, 'p.json'), '{"kind":"something else"}');
    const foreign = await cli(['deploy', '--plan', join(dir, 'p.json'), ...ssh]);
    expect(foreign.code).toBe(1);
    expect(foreign.stderr).toMatch(/is not a plan file of rocketmq-rollout plan --out/);
  });

  it('without a key, an agent or an IdentityFile, plan says what it needs (exit 2)', async () => {
    const r = await cli(['plan', 'examples/single-node.yml', '--insecure-skip-host-key-check']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/needs --key <file>, ROCKETMQ_ROLLOUT_SSH_KEY, an ssh-agent \(SSH_AUTH_SOCK\)/);
  });
});
