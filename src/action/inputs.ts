import * as core from '@actions/core';
import type { ConnectionSettings } from '../rollout/session.js';
import { RolloutError } from '../errors.js';

/** Every input of action.yml, read in this one place into one typed settings object. */
export type Command = 'validate' | 'render' | 'plan' | 'deploy' | 'rollback';
const COMMANDS: readonly Command[] = ['validate', 'render', 'plan', 'deploy', 'rollback'];

export interface ActionSettings {
  command: Command;
  spec: string;
  out: string;
  revision?: string;
  /** For rollback: `previous`, or empty to deploy the spec file as checked out. */
  rollbackTo?: string;
  ssh: {
    privateKey?: string;
    passphrase?: string;
    user?: string;
    knownHosts?: string;
    insecureSkipHostKeyCheck: boolean;
    jumpHost?: string;
  };
  onlyHosts?: string[];
  gateTimeoutSeconds: number;
  /** Overrides the spec's gates.via. */
  gatesVia?: 'ssh' | 'direct';
  /** Overrides the spec's rollout.parallel. */
  parallel?: number;
  breakLock: boolean;
  dryRun: boolean;
  /** plan: fail when the plan has changes (drift). */
  failOnChanges: boolean;
  /** plan: write the saved plan here. */
  planOut?: string;
  /** deploy: run this saved plan. */
  planFile?: string;
}

export class InputError extends RolloutError {
  constructor(message: string) {
    super('usage', message);
  }
}

function optional(name: string): string | undefined {
  const v = core.getInput(name);
  return v === '' ? undefined : v;
}

function bool(name: string): boolean {
  const v = core.getInput(name).trim().toLowerCase();
  if (v === '' || v === 'false') return false;
  if (v === 'true') return true;
  throw new InputError(`Invalid ${name} '${v}'. Expected true or false.`);
}

export function readSettings(): ActionSettings {
  // action.yml defaults it to validate; the same default when run outside a runner.
  const command = (core.getInput('command').trim() || 'validate') as Command;
  if (!COMMANDS.includes(command)) {
    throw new InputError(`Invalid command '${command}'. Expected one of ${COMMANDS.join(', ')}.`);
  }
  const spec = core.getInput('spec').trim() || 'rocketmq-cluster.yml';
  const timeout = Number(core.getInput('gate-timeout') || '180');
  if (!Number.isInteger(timeout) || timeout < 5 || timeout > 3600) {
    throw new InputError(
      `Invalid gate-timeout '${core.getInput('gate-timeout')}'. Expected whole seconds from 5 to 3600.`,
    );
  }
  const privateKey = optional('ssh-key');
  const passphrase = optional('ssh-passphrase');
  if (privateKey) core.setSecret(privateKey);
  if (passphrase) core.setSecret(passphrase);
  const onlyHosts = optional('only-hosts')
    ?.split(/[\s,]+/)
    .filter(Boolean);
  const settings: ActionSettings = {
    command,
    spec,
    out: core.getInput('out').trim() || 'rendered',
    ssh: {
      insecureSkipHostKeyCheck: bool('insecure-skip-host-key-check'),
    },
    gateTimeoutSeconds: timeout,
    breakLock: bool('break-lock'),
    dryRun: bool('dry-run'),
    failOnChanges: bool('fail-on-changes'),
  };
  const revision = optional('revision');
  if (revision) settings.revision = revision;
  const to = optional('rollback-to');
  if (to) settings.rollbackTo = to;
  if (privateKey) settings.ssh.privateKey = privateKey;
  if (passphrase) settings.ssh.passphrase = passphrase;
  const user = optional('ssh-user');
  if (user) settings.ssh.user = user;
  const knownHosts = optional('known-hosts');
  if (knownHosts) settings.ssh.knownHosts = knownHosts;
  const jump = optional('jump-host');
  if (jump) settings.ssh.jumpHost = jump;
  if (onlyHosts?.length) settings.onlyHosts = onlyHosts;
  const planOut = optional('plan-out');
  if (planOut && command === 'plan') settings.planOut = planOut;
  const planFile = optional('plan-file');
  if (planFile && command !== 'deploy')
    throw new InputError(`plan-file is for command deploy, not '${command}'.`);
  if (planFile) settings.planFile = planFile;
  const via = optional('gates-via')?.trim();
  if (via !== undefined) {
    if (via !== 'ssh' && via !== 'direct')
      throw new InputError(`Invalid gates-via '${via}'. Expected ssh or direct.`);
    settings.gatesVia = via;
  }
  const parallel = optional('parallel')?.trim();
  if (parallel !== undefined) {
    if (!/^[0-9]+$/.test(parallel) || Number(parallel) < 1 || Number(parallel) > 64)
      throw new InputError(`Invalid parallel '${parallel}'. Expected a whole number from 1 to 64.`);
    settings.parallel = Number(parallel);
  }
  const needsHosts = command === 'plan' || command === 'deploy' || command === 'rollback';
  if (needsHosts && !privateKey) {
    throw new InputError(`Command '${command}' needs the ssh-key input (the deploy key, from a secret).`);
  }
  if (needsHosts && !knownHosts && !settings.ssh.insecureSkipHostKeyCheck) {
    throw new InputError(
      `Command '${command}' needs the known-hosts input (host keys of every host, from a secret), ` +
        `or insecure-skip-host-key-check: true to connect without verifying them (not recommended).`,
    );
  }
  return settings;
}

/** The SSH part of the settings, as the engine takes it (main and the post step share it). */
export function connectionSettings(s: ActionSettings): ConnectionSettings {
  return {
    ...(s.ssh.privateKey ? { privateKey: s.ssh.privateKey } : {}),
    insecureSkipHostKeyCheck: s.ssh.insecureSkipHostKeyCheck,
    ...(s.ssh.knownHosts ? { knownHosts: s.ssh.knownHosts } : {}),
    ...(s.ssh.passphrase ? { passphrase: s.ssh.passphrase } : {}),
    ...(s.ssh.user ? { user: s.ssh.user } : {}),
    ...(s.ssh.jumpHost ? { jumpHost: s.ssh.jumpHost } : {}),
  };
}
