import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli.js';

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
