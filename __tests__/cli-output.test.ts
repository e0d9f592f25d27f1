/** What the CLI prints cannot be forged by a spec, and a closed pipe ends it quietly. */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'cli-output-'));

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

const SPEC = (cluster: string, extra = '') => `version: 1
cluster: ${JSON.stringify(cluster)}
images: { rocketmq: apacherocketmq/rocketmq:4.9.7 }
ssh: { user: deploy }
dataRoot: /srv/rocketmq
hosts: { A: { address: 10.0.0.1 }, B: { address: 10.0.0.2 } }
nameServers: { hosts: [A, B] }
brokerDefaults:
${extra}  fileReservedTime: 48
brokers:
  broker-a: { master: { host: A }, slaves: [ { host: B, listenPort: 11911 } ] }
`;

describe('CLI text output', () => {
  it('escapes control characters in values, so a spec cannot print its own lines', async () => {
    const forged =
      'x\n::warning file=cluster.yml,line=1::looks fine\nevil.yml:1:1: error: fake\r\u001b[2K\u2028y';
    const file = join(dir, 'forged.yml');
    writeFileSync(file, SPEC(forged, `  msgTraceTopicName: "t\\n::error::forged"\n`));
    const r = await cli(['validate', file]);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n').filter(Boolean);
    // Every line is one of ours: a finding at the spec's path, or the summary.
    for (const line of lines)
      expect(line, line).toMatch(/^(.*forged\.yml:\d+:\d+: (error|warning|notice): |\d+ errors?, )/);
    expect(r.stdout).not.toMatch(/^::/m);
    expect(r.stdout).not.toMatch(/^evil\.yml/m);
    for (const c of ['\r', '\u001b', '\u2028']) expect(r.stdout).not.toContain(c);
    expect(r.stdout).toContain('x\\n::warning file=cluster.yml');
    expect(r.stdout).toContain('\\u001b[2K');
  });

  it('ends quietly with the right exit code when the reader of stdout goes away (| head -1)', async () => {
    // Enough findings to fill the pipe many times over.
    const keys = Array.from({ length: 3000 }, (_, i) => `  fileReservdTime${i}: 1\n`).join('');
    const file = join(dir, 'many.yml');
    writeFileSync(file, SPEC('c', keys));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli-entry.ts', 'validate', file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let first = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', (d: Buffer) => {
      first = d.toString().split('\n')[0] ?? '';
      child.stdout.destroy();
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(first).toMatch(/many\.yml:9:3: error: unknown broker\.conf key fileReservdTime0/);
    expect(stderr).toBe('');
    expect(code).toBe(1);
  });
});
