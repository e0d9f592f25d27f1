import * as core from '@actions/core';
import { connectionSettings, readSettings, type ActionSettings } from './action/inputs.js';
import { runRemote, type RemoteCommand } from './commands/remote.js';
import { checkSpec, containerCount } from './commands/validate.js';
import { errorMessage } from './errors.js';
import { planCounts } from './report/format.js';
import { annotate, GitHubReporter } from './report/github.js';
import { writeSummary, type SummaryInput } from './report/summary.js';
import type { RemoteRunResult } from './rollout/run.js';
import { countBySeverity } from './spec/findings.js';
import type { ValidationResult } from './spec/validate.js';

/** Who holds the deploy lock: unique per run attempt, so the post step releases only its own. */
export function lockOwner(): { owner: string; runUrl?: string } {
  const e = process.env;
  const runUrl =
    e.GITHUB_SERVER_URL && e.GITHUB_REPOSITORY && e.GITHUB_RUN_ID
      ? `${e.GITHUB_SERVER_URL}/${e.GITHUB_REPOSITORY}/actions/runs/${e.GITHUB_RUN_ID}`
      : undefined;
  const owner = `${e.GITHUB_ACTOR ?? 'unknown'} (run ${e.GITHUB_RUN_ID ?? '?'} attempt ${e.GITHUB_RUN_ATTEMPT ?? '1'})`;
  return runUrl ? { owner, runUrl } : { owner };
}

function setFindingOutputs(v: ValidationResult): void {
  const c = countBySeverity(v.findings);
  core.setOutput('errors', c.error);
  core.setOutput('warnings', c.warning);
  core.setOutput('notices', c.notice);
  core.setOutput('valid', v.spec ? 'true' : 'false');
  if (v.topology) core.setOutput('topology', v.topology.summary);
}

async function summary(input: SummaryInput): Promise<void> {
  // Outside a runner (local runs) there is no summary file to write.
  if (process.env.GITHUB_STEP_SUMMARY) await writeSummary(input);
}

async function validateOrRender(s: ActionSettings): Promise<void> {
  // validate renders too: the summary shows the containers the spec makes.
  const r = await checkSpec(s.spec, {
    render: true,
    ...(s.command === 'render' ? { out: s.out } : {}),
    ...(s.revision ? { revision: s.revision } : {}),
  });
  const v = r.validation;
  annotate(v.findings);
  setFindingOutputs(v);
  const input: SummaryInput = { command: s.command, spec: s.spec, findings: v.findings };
  if (v.topology) input.topology = v.topology;
  if (r.cluster) {
    input.cluster = r.cluster;
    core.setOutput('containers', containerCount(r.cluster));
  }
  if (r.manifest !== undefined) {
    core.setOutput('manifest', r.manifest);
    input.manifest = r.manifest;
  }
  await summary(input);
  if (!v.spec) {
    const n = countBySeverity(v.findings).error;
    core.setFailed(`${s.spec} has ${n} ${n === 1 ? 'error' : 'errors'}: see the annotations`);
  }
}

async function remote(s: ActionSettings): Promise<void> {
  const owner = lockOwner();
  core.saveState('lock-owner', owner.owner);
  const command = s.command as RemoteCommand;
  const r = await runRemote(
    {
      command,
      specPath: s.spec,
      ...(s.revision ? { revision: s.revision } : {}),
      ...(s.planFile ? { planFile: s.planFile } : {}),
      ...(s.planOut ? { planOut: s.planOut } : {}),
    },
    {
      connection: connectionSettings(s),
      gateTimeoutMs: s.gateTimeoutSeconds * 1000,
      ...(s.gatesVia ? { gatesVia: s.gatesVia } : {}),
      ...(s.parallel !== undefined ? { parallel: s.parallel } : {}),
      breakLock: s.breakLock,
      dryRun: s.dryRun,
      owner,
      ...(s.onlyHosts ? { onlyHosts: s.onlyHosts } : {}),
      ...(s.rollbackTo ? { rollbackTo: s.rollbackTo } : {}),
    },
    new GitHubReporter(),
  );
  annotate(r.validation.findings);
  setFindingOutputs(r.validation);
  setRemoteOutputs(s, r);
  await summary(remoteSummary(command, s.spec, r));
  failOn(command, s, r);
  core.saveState('finished', 'true');
}

function setRemoteOutputs(s: ActionSettings, r: RemoteRunResult): void {
  if (r.plan) {
    const c = planCounts(r.plan);
    core.setOutput('changes', c.create + c.replace);
    core.setOutput(
      'plan',
      JSON.stringify(
        r.plan.entries.map((e) => ({ host: e.host, name: e.name, action: e.action, reasons: e.reasons })),
      ),
    );
  }
  if (s.planOut && r.savedPlan) core.setOutput('plan-fingerprint', r.savedPlan.fingerprint);
  if (r.result) core.setOutput('result', r.result.ok ? (r.result.noop ? 'unchanged' : 'deployed') : 'failed');
}

function remoteSummary(command: RemoteCommand, spec: string, r: RemoteRunResult): SummaryInput {
  const input: SummaryInput = { command, spec, findings: r.validation.findings };
  if (r.validation.topology) input.topology = r.validation.topology;
  if (r.cluster) input.cluster = r.cluster;
  if (r.plan) input.plan = r.plan;
  if (r.drain) input.drain = r.drain;
  if (r.result) input.result = r.result;
  if (r.clusterStatus) input.clusterStatus = r.clusterStatus;
  if (r.error) input.error = r.error;
  return input;
}

/** The job fails on an error, a failed rollout, or (plan with fail-on-changes) on drift. */
function failOn(command: RemoteCommand, s: ActionSettings, r: RemoteRunResult): void {
  const drift = r.plan ? planCounts(r.plan) : undefined;
  if (r.error) core.setFailed(r.error);
  else if (command === 'plan' && s.failOnChanges && drift && drift.create + drift.replace > 0) {
    const n = drift.create + drift.replace;
    core.setFailed(
      `the hosts differ from ${s.spec}: ${n} ${n === 1 ? 'container' : 'containers'} to create or replace (see the job summary)`,
    );
  } else if (r.result && !r.result.ok) {
    const f = r.result.failure;
    core.setFailed(
      `${command} failed on ${f?.host}${f?.name ? ` (${f.name})` : ''}: ${f?.message}${f?.restored ? `. ${f.restored}` : ''}`,
    );
  }
}

/** The action's entry: one try/catch, and the job fails with a message, never a stack trace. */
export async function run(): Promise<void> {
  try {
    const s = readSettings();
    core.saveState('command', s.command);
    if (s.command === 'validate' || s.command === 'render') await validateOrRender(s);
    else await remote(s);
  } catch (error) {
    core.setFailed(errorMessage(error));
  }
}
