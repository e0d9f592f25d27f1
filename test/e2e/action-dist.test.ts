import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../../__tests__/action/run-dist.js';
import { labUp, onHost, type Lab } from './support.js';

/**
 * The bundled action against the lab, run as GitHub's runner runs it: Node 24, INPUT_* variables,
 * GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files, then the post step with the state main saved.
 */
let lab: Lab;
let inputs: Record<string, string>;

beforeAll(async () => {
  lab = await labUp();
  inputs = {
    spec: lab.spec,
    'ssh-key': readFileSync(lab.key, 'utf8'),
    'known-hosts': readFileSync(lab.knownHosts, 'utf8'),
    'gate-timeout': '60',
  };
});

describe('dist/action deploy on the lab', () => {
  it('deploys (or finds nothing to do), with outputs, a summary and masked key', () => {
    const r = runAction('action', { ...inputs, command: 'deploy' }, { timeoutMs: 900_000 });
    expect(r.code, r.stdout.slice(-4000)).toBe(0);
    expect(['deployed', 'unchanged']).toContain(r.outputs.result);
    expect(r.outputs.valid).toBe('true');
    expect(r.summary).toMatch(
      /<h2>✅ (deploy of <code>.*<\/code>: healthy|<code>.*<\/code>: nothing to change)<\/h2>/,
    );
    expect(r.summary).toContain('<th>Container</th><th>Host</th><th>Action</th><th>Reason</th>');
    expect(r.summary).toContain('Cluster status');
    // The key is registered as a secret and never printed.
    const keyBody = inputs['ssh-key']?.split('\n')[1] ?? 'no key';
    // The runner consumes ::add-mask:: lines (they carry the secret by design); no other line may.
    const shown = r.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'));
    expect(shown.join('\n')).not.toContain(keyBody);
    expect(r.stdout).toContain('::add-mask::');
    // The run finished: the post step has nothing to release.
    expect(r.state.finished).toBe('true');
    const post = runAction('post', { ...inputs, command: 'deploy' }, { state: r.state });
    expect(post.code).toBe(0);
    expect(post.stdout).not.toContain('released the deploy lock');
  });

  it('plan shows every container unchanged after the deploy', () => {
    const r = runAction('action', { ...inputs, command: 'plan' }, { timeoutMs: 300_000 });
    expect(r.code, r.stdout.slice(-4000)).toBe(0);
    expect(r.outputs.changes).toBe('0');
    const plan = JSON.parse(r.outputs.plan ?? '[]') as { action: string }[];
    expect(plan.length).toBe(7);
    expect(plan.every((e) => e.action === 'unchanged')).toBe(true);
  });

  it('the post step releases a lock its run left behind, and only its own', async () => {
    const owner = 'octocat (run 4242 attempt 1)';
    const dir = `${lab.dataRoot}/.rocketmq-rollout/docker-mq-cluster`;
    await onHost(lab, 'A', [
      'sh',
      '-c',
      `mkdir -p ${dir}/lock && printf '%s' '{"owner":"${owner}","revision":"r","pid":1,"since":"2026-11-25T00:00:00Z"}' > ${dir}/lock/owner.json`,
    ]);
    const post = runAction(
      'post',
      { ...inputs, command: 'deploy' },
      { state: { command: 'deploy', 'lock-owner': owner } },
    );
    expect(post.code).toBe(0);
    expect(post.stdout).toContain('released the deploy lock this run left on host A');
    expect(
      (await onHost(lab, 'A', ['sh', '-c', `test -e ${dir}/lock && echo held || echo free`])).trim(),
    ).toBe('free');
  });

  it('fails with a clear message when the host keys do not match, before any command', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wrong-key-'));
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'k')]);
    const other = readFileSync(join(dir, 'k.pub'), 'utf8').split(' ')[1] ?? '';
    const wrong = inputs['known-hosts']?.replace(/ssh-ed25519 \S+/g, `ssh-ed25519 ${other}`) ?? '';
    expect(wrong).toContain(other);
    const r = runAction(
      'action',
      { ...inputs, command: 'plan', 'known-hosts': wrong },
      { timeoutMs: 120_000 },
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/::error::.*host key/i);
  });
});
