import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/** The reusable workflow in the field: any runner, a bastion, and no silent green on a typo. */
interface Step {
  id?: string;
  name?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
  uses?: string;
}
interface Workflow {
  on: { workflow_call: { inputs: Record<string, { type: string; default?: unknown }> } };
  jobs: Record<string, { 'runs-on': string; 'timeout-minutes'?: string; steps: Step[] }>;
}
const wf = parse(readFileSync('.github/workflows/rollout.yml', 'utf8')) as Workflow;
const inputs = wf.on.workflow_call.inputs;

describe('reusable workflow inputs', () => {
  it('declares runs-on, jump-host, ssh-user, gates-via, dry-run, break-lock and timeout-minutes', () => {
    for (const name of [
      'runs-on',
      'jump-host',
      'ssh-user',
      'gates-via',
      'dry-run',
      'break-lock',
      'timeout-minutes',
    ])
      expect(inputs[name], name).toBeDefined();
    expect(inputs['runs-on']?.default).toBe('ubuntu-latest');
  });

  it('every job runs on the runner asked for, a label or a JSON list, within timeout-minutes', () => {
    for (const [name, job] of Object.entries(wf.jobs)) {
      expect(job['runs-on'], name).toContain('fromJSON(inputs.runs-on)');
      expect(job['timeout-minutes'], name).toBe('${{ inputs.timeout-minutes }}');
    }
  });

  it('the rollout step gets the bastion, user, gate mode, dry-run and break-lock', () => {
    const step = wf.jobs.deploy?.steps.find((s) => s.id === 'rollout');
    for (const name of ['jump-host', 'ssh-user', 'gates-via', 'dry-run', 'break-lock'])
      expect(step?.with?.[name], name).toBe(`\${{ inputs.${name} }}`);
  });

  const check = wf.jobs.validate?.steps.find((s) => s.name === 'Check the command');
  it.each([
    ['deploy', 0],
    ['rollback', 0],
    ['validate', 0],
    ['plan', 0],
    ['deplyo', 1],
    ['', 1],
  ])('command %j: exit %i', (command, code) => {
    const r = spawnSync('bash', ['-euo', 'pipefail', '-c', check?.run ?? 'exit 9'], {
      env: { ...process.env, COMMAND: command },
      encoding: 'utf8',
    });
    expect(r.status, r.stdout + r.stderr).toBe(code);
    if (code) expect(r.stdout).toContain(`::error::unknown command '${command}'`);
  });

  it('names the rendered artifact per call (environment, command, spec, attempt)', () => {
    const step = wf.jobs.validate?.steps.find((s) => s.id === 'artifact');
    const dir = mkdtempSync(join(tmpdir(), 'wf-artifact-'));
    const out = join(dir, 'output');
    const r = spawnSync('bash', ['-c', (step?.run ?? '').replace('${{ github.run_attempt }}', '2')], {
      env: { ...process.env, NAME: 'rendered-prod-deploy-clusters/east.yml', GITHUB_OUTPUT: out },
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    const written = readFileSync(out, 'utf8');
    rmSync(dir, { recursive: true, force: true });
    expect(written).toBe('name=rendered-prod-deploy-clusters-east.yml-2\n');
    const upload = wf.jobs.validate?.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'));
    expect(upload?.with?.name).toBe('${{ steps.artifact.outputs.name }}');
  });
});
