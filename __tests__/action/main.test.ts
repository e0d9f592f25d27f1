import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeSavedPlan } from '../../src/plan/plan-file.js';
import type { Plan } from '../../src/plan/plan.js';
import { renderCluster } from '../../src/render/render.js';
import type { RemoteRunResult, RemoteRunSettings } from '../../src/rollout/run.js';
import { validateSpecText } from '../../src/spec/validate.js';

/** The action's plan and deploy paths around the engine (faked here; the lab runs the real one). */
const calls: { command: string; settings: RemoteRunSettings }[] = [];
let answer: (command: string) => RemoteRunResult;
vi.mock('../../src/rollout/run.js', () => ({
  runRemoteCommand: async (command: string, _spec: string, settings: RemoteRunSettings) => {
    calls.push({ command, settings });
    return answer(command);
  },
}));
const { run } = await import('../../src/main.js');
const { cleanup } = await import('../../src/action/cleanup.js');

const SPEC_FILE = 'examples/two-host-2m-2s-async.yml';
const specText = readFileSync(SPEC_FILE, 'utf8');
const validation = validateSpecText(specText, SPEC_FILE);
const cluster = renderCluster(validation.spec!, 'r1');
const plan: Plan = {
  cluster: cluster.cluster,
  revision: 'r1',
  entries: [
    {
      action: 'replace',
      host: 'B',
      name: 'docker-mq-cluster-broker-a-1',
      kind: 'broker',
      reasons: ['x'],
      configChanges: [],
    },
    {
      action: 'unchanged',
      host: 'A',
      name: 'docker-mq-cluster-namesrv',
      kind: 'nameServer',
      reasons: [],
      configChanges: [],
    },
  ],
};
const saved = makeSavedPlan({ specPath: SPEC_FILE, specText, cluster, plan, observed: [] });

let dir: string;
const outputs = () => readFileSync(join(dir, 'output'), 'utf8');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'action-'));
  for (const f of ['output', 'summary', 'state']) writeFileSync(join(dir, f), '');
  vi.stubEnv('GITHUB_OUTPUT', join(dir, 'output'));
  vi.stubEnv('GITHUB_STEP_SUMMARY', join(dir, 'summary'));
  vi.stubEnv('GITHUB_STATE', join(dir, 'state'));
  vi.stubEnv('INPUT_SPEC', SPEC_FILE);
  vi.stubEnv('INPUT_SSH-KEY', 'KEY');
  vi.stubEnv('INPUT_KNOWN-HOSTS', 'k');
  calls.length = 0;
  process.exitCode = undefined;
  answer = () => ({ validation, specPath: SPEC_FILE, cluster, plan, savedPlan: saved });
});
afterEach(() => {
  vi.unstubAllEnvs();
  process.exitCode = undefined;
});

describe('action: plan', () => {
  it('plan-out writes the saved plan and its fingerprint; fail-on-changes fails on drift', async () => {
    vi.stubEnv('INPUT_COMMAND', 'plan');
    vi.stubEnv('INPUT_PLAN-OUT', join(dir, 'plan.json'));
    vi.stubEnv('INPUT_FAIL-ON-CHANGES', 'true');
    await run();
    expect(JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8'))).toEqual(saved);
    expect(outputs()).toContain(saved.fingerprint);
    expect(process.exitCode).toBe(1);
    expect(readFileSync(join(dir, 'summary'), 'utf8')).toContain('1 change planned');
  });

  it('without changes, fail-on-changes passes', async () => {
    answer = () => ({
      validation,
      specPath: SPEC_FILE,
      cluster,
      plan: { ...plan, entries: [plan.entries[1]!] },
    });
    vi.stubEnv('INPUT_COMMAND', 'plan');
    vi.stubEnv('INPUT_FAIL-ON-CHANGES', 'true');
    await run();
    expect(process.exitCode).toBeUndefined();
  });
});

describe('action: deploy of a saved plan', () => {
  it('hands the plan to the engine', async () => {
    writeFileSync(join(dir, 'plan.json'), JSON.stringify(saved));
    vi.stubEnv('INPUT_COMMAND', 'deploy');
    vi.stubEnv('INPUT_PLAN-FILE', join(dir, 'plan.json'));
    answer = () => ({ validation, specPath: SPEC_FILE, cluster, plan });
    await run();
    expect(calls[0]?.settings.savedPlan?.fingerprint).toBe(saved.fingerprint);
  });

  it('refuses a plan made from another spec than the one checked out', async () => {
    const other = makeSavedPlan({
      specPath: SPEC_FILE,
      specText: `${specText}\n# edited`,
      cluster,
      plan,
      observed: [],
    });
    writeFileSync(join(dir, 'plan.json'), JSON.stringify(other));
    vi.stubEnv('INPUT_COMMAND', 'deploy');
    vi.stubEnv('INPUT_PLAN-FILE', join(dir, 'plan.json'));
    const out = await stdoutOf(run);
    expect(calls).toEqual([]);
    expect(process.exitCode).toBe(1);
    expect(out).toMatch(/is not the spec .*plan\.json was made from/);
  });
});

/** What the runner sees on stdout (workflow commands such as ::error::). */
async function stdoutOf(fn: () => Promise<void>): Promise<string> {
  const out: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    out.push(String(s));
    return true;
  });
  try {
    await fn();
  } finally {
    write.mockRestore();
  }
  return out.join('');
}

describe('action: validate and render', () => {
  it('validate sets the outputs and passes on a valid spec', async () => {
    vi.stubEnv('INPUT_COMMAND', 'validate');
    await stdoutOf(run);
    expect(process.exitCode).toBeUndefined();
    expect(outputs()).toMatch(/valid<<.*\ntrue\n/);
    expect(outputs()).toMatch(/containers<<.*\n7\n/);
    expect(calls).toEqual([]);
  });

  it('render writes one folder per host and the manifest', async () => {
    vi.stubEnv('INPUT_COMMAND', 'render');
    vi.stubEnv('INPUT_OUT', join(dir, 'out'));
    vi.stubEnv('INPUT_REVISION', 'r7');
    await stdoutOf(run);
    expect(process.exitCode).toBeUndefined();
    const manifest = JSON.parse(readFileSync(join(dir, 'out', 'manifest.json'), 'utf8'));
    expect(manifest.revision).toBe('r7');
    expect(outputs()).toContain(join(dir, 'out', 'manifest.json'));
  });

  it.each(['validate', 'render', 'plan', 'deploy', 'rollback'])(
    '%s of a spec that is not there fails the job with our message, never a stack trace',
    async (command) => {
      vi.stubEnv('INPUT_COMMAND', command);
      vi.stubEnv('INPUT_SPEC', 'no/such.yml');
      const out = await stdoutOf(run);
      expect(process.exitCode).toBe(1);
      expect(out).toContain("::error::cannot read spec 'no/such.yml': no such file");
      expect(out).not.toMatch(/\bat .*\.ts:\d+/);
      expect(calls).toEqual([]);
    },
  );

  it('a wrong input fails the job before anything runs', async () => {
    vi.stubEnv('INPUT_COMMAND', 'destroy');
    const out = await stdoutOf(run);
    expect(process.exitCode).toBe(1);
    expect(out).toContain("::error::Invalid command 'destroy'");
  });
});

describe('post step', () => {
  it('does nothing after a validate, or after a deploy that finished', async () => {
    vi.stubEnv('STATE_command', 'validate');
    expect(await stdoutOf(cleanup)).toBe('');
    vi.stubEnv('STATE_command', 'deploy');
    vi.stubEnv('STATE_lock-owner', 'me (run 1 attempt 1)');
    vi.stubEnv('STATE_finished', 'true');
    expect(await stdoutOf(cleanup)).toBe('');
  });

  it('only warns when it cannot check the hosts: cleanup never fails a job', async () => {
    vi.stubEnv('STATE_command', 'deploy');
    vi.stubEnv('STATE_lock-owner', 'me (run 1 attempt 1)');
    vi.stubEnv('INPUT_COMMAND', 'deploy');
    vi.stubEnv('INPUT_SPEC', 'no/such.yml');
    const out = await stdoutOf(cleanup);
    expect(out).toContain('::warning::post step: could not check for a deploy lock left behind');
    expect(process.exitCode).toBeUndefined();
  });
});
