import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NODE24 } from './run-dist.js';

/**
 * The committed CLI bundle, run with plain node and no install, down to its lazily loaded SSH
 * chunk: a plan against a closed port on loopback must fail with a connection error, not a
 * module error.
 */
describe('dist/cli', () => {
  it.each([
    ['node 20', process.execPath],
    ['node 24', NODE24],
  ])('validates with %s', (_name, node) => {
    const r = spawnSync(node, ['dist/cli/index.js', 'validate', 'examples/three-hosts.yml'], {
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('0 errors');
  });

  it('loads its SSH code and reports an unreachable host plainly', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dist-cli-'));
    const spec = readFileSync('examples/single-node.yml', 'utf8')
      .replace('address: 10.0.10.5', 'address: 127.0.0.1')
      .replace('ssh: { user: deploy }', 'ssh: { user: deploy, port: 1 }');
    writeFileSync(join(dir, 'spec.yml'), spec);
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'key')]);
    writeFileSync(join(dir, 'known_hosts'), `[127.0.0.1]:1 ${readFileSync(join(dir, 'key.pub'), 'utf8')}`);
    const r = spawnSync(
      process.execPath,
      [
        'dist/cli/index.js',
        'plan',
        join(dir, 'spec.yml'),
        '--key',
        join(dir, 'key'),
        '--known-hosts',
        join(dir, 'known_hosts'),
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/dev: .*(ECONNREFUSED|refused|cannot connect)/i);
    expect(r.stderr).not.toMatch(/is not defined|Cannot find module|ERR_/);
  });
});
