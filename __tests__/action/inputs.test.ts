import { afterEach, describe, expect, it, vi } from 'vitest';
import { readSettings } from '../../src/action/inputs.js';

/** The action's inputs as the runner passes them: INPUT_<NAME> variables. */
function inputs(values: Record<string, string>): void {
  for (const [k, v] of Object.entries(values)) vi.stubEnv(`INPUT_${k.toUpperCase()}`, v);
}

describe('action inputs', () => {
  afterEach(() => vi.unstubAllEnvs());
  const ssh = { 'ssh-key': 'KEY', 'known-hosts': 'k' };

  it('command defaults to validate, as action.yml says', () => {
    inputs({ command: '' });
    expect(readSettings().command).toBe('validate');
  });

  it('plan-out for plan, plan-file for deploy; plan-file elsewhere is refused', () => {
    inputs({ command: 'plan', 'plan-out': 'plan.json', 'fail-on-changes': 'true', ...ssh });
    expect(readSettings()).toMatchObject({ planOut: 'plan.json', failOnChanges: true });
    vi.unstubAllEnvs();
    inputs({ command: 'deploy', 'plan-file': 'approved/plan.json', ...ssh });
    expect(readSettings()).toMatchObject({ planFile: 'approved/plan.json', failOnChanges: false });
    vi.unstubAllEnvs();
    inputs({ command: 'rollback', 'plan-file': 'approved/plan.json', ...ssh });
    expect(() => readSettings()).toThrow(/plan-file is for command deploy, not 'rollback'/);
  });

  it('fail-on-changes takes true or false only', () => {
    inputs({ command: 'plan', 'fail-on-changes': 'yes', ...ssh });
    expect(() => readSettings()).toThrow(/Invalid fail-on-changes 'yes'/);
  });
});
