import { describe, expect, it } from 'vitest';
import { errorMessage, isRolloutError, RolloutError } from '../src/errors.js';
import { InputError } from '../src/action/inputs.js';
import { PlanFileError } from '../src/plan/plan-file.js';
import { RemotingError } from '../src/gates/remoting.js';
import { DockerError } from '../src/remote/docker.js';
import { RemoteError } from '../src/remote/remote.js';
import { QuoteError, quoteWord } from '../src/remote/quote.js';
import { LockHeldError } from '../src/rollout/host-state.js';
import { RunError } from '../src/rollout/run.js';
import { StepError } from '../src/rollout/step.js';

describe('one error base', () => {
  it('every error of ours is a RolloutError with a stable code, and names its class', () => {
    const errors: [RolloutError, string][] = [
      [new InputError('x'), 'usage'],
      [new PlanFileError('x'), 'plan-file'],
      [new RunError('x'), 'run'],
      [new QuoteError('x'), 'quote'],
      [new RemoteError('A', 'x', 'auth'), 'auth'],
      [new DockerError('A', ['docker', 'ps'], 125, 'boom'), 'docker'],
      [new RemotingError('timeout', '10.0.0.1:9876', 'x'), 'remoting-timeout'],
      [new StepError('x', { host: 'B', name: 'c-broker-a-0', phase: 'step', message: 'x' }), 'step-failed'],
      [new LockHeldError('B', undefined, undefined, undefined), 'lock-held'],
    ];
    for (const [error, code] of errors) {
      expect(isRolloutError(error)).toBe(true);
      expect(error.code).toBe(code);
      expect(error.name).toBe(error.constructor.name);
    }
    expect(isRolloutError(new Error('x'))).toBe(false);
    expect(isRolloutError('x')).toBe(false);
  });

  it('carries where it happened: host, container, phase', () => {
    const step = new StepError('x', { host: 'B', name: 'c-broker-a-0', phase: 'step', message: 'x' });
    expect(step).toMatchObject({ host: 'B', container: 'c-broker-a-0', phase: 'step' });
    expect(new RemoteError('A', 'refused', 'connect')).toMatchObject({ host: 'A', message: 'A: refused' });
    const docker = new DockerError('A', ['docker', 'run'], 125, 'name in use');
    expect(docker).toMatchObject({ host: 'A', exitCode: 125, code: 'docker' });
  });

  it('a held lock names its host, never "?"', () => {
    const held = new LockHeldError('B', undefined, 12, undefined);
    expect(held.host).toBe('B');
    expect(held.phase).toBe('lock');
    expect(held.message).toMatch(/holds the deploy lock on host B\b/);
  });

  it('errorMessage: an Error its message, anything else as text', () => {
    expect(errorMessage(new Error('boom'))).toBe('boom');
    expect(errorMessage('plain')).toBe('plain');
    expect(errorMessage(42)).toBe('42');
    expect(() => quoteWord('a\0b')).toThrow(QuoteError);
  });
});
