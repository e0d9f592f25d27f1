import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import * as core from '@actions/core';
import { connectionSettings, readSettings, type ActionSettings } from './action/inputs.js';
import { parseSavedPlan, type SavedPlan } from './plan/plan-file.js';
import { renderCluster } from './render/render.js';
import { writeRendered } from './render/write.js';
import { planCounts } from './report/format.js';
import { annotate, GitHubReporter } from './report/github.js';
import { writeSummary, type SummaryInput } from './report/summary.js';
import { runRemoteCommand } from './rollout/run.js';
import { countBySeverity } from './spec/findings.js';
import { specRevision } from './spec/revision.js';
import { validateSpecText, type ValidationResult } from './spec/validate.js';

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
  let text: string;
  try {
    text = await readFile(s.spec, 'utf8');
  } catch {
    throw new Error(
      `Cannot read spec '${s.spec}'. Set the spec input to the path of your cluster spec in the repository.`,
    );
  }
  const v = validateSpecText(text, s.spec);
  annotate(v.findings);
  setFindingOutputs(v);
  const input: SummaryInput = { command: s.command, spec: s.spec, findings: v.findings };
  if (v.topology) input.topology = v.topology;
  if (v.spec) {
    const cluster = renderCluster(v.spec, await specRevision(s.spec, text, s.revision));
    input.cluster = cluster;
    core.setOutput(
      'containers',
      cluster.hosts.reduce((n, h) => n + h.containers.length, 0),
    );
    if (s.command === 'render') {
      const manifest = await writeRendered(cluster, s.out);
      core.setOutput('manifest', manifest);
      input.manifest = manifest;
    }
  }
  await summary(input);
  if (!v.spec) {
    const n = countBySeverity(v.findings).error;
    core.setFailed(`${s.spec} has ${n} ${n === 1 ? 'error' : 'errors'}: see the annotations`);
  }
}

/** plan-file: the approved plan, made from exactly the spec checked out now. */
async function savedPlan(s: ActionSettings): Promise<SavedPlan | undefined> {
  if (!s.planFile) return undefined;
  const saved = parseSavedPlan(await readFile(s.planFile, 'utf8'), s.planFile);
  const spec = await readFile(s.spec, 'utf8').catch(() => undefined);
  if (spec !== undefined && createHash('sha256').update(spec).digest('hex') !== saved.specSha256) {
    throw new Error(
      `${s.spec} is not the spec ${s.planFile} was made from (${saved.specPath} at revision ${saved.revision})`,
    );
  }
  core.info(
    `deploying the saved plan ${s.planFile} (fingerprint ${saved.fingerprint.slice(0, 12)}, made ${saved.createdAt})`,
  );
  return saved;
}

async function remote(s: ActionSettings): Promise<void> {
  const abort = new AbortController();
  // A cancelled job gets SIGINT, then SIGTERM: undo the current container and release the lock.
  const onSignal = (sig: NodeJS.Signals) => {
    core.warning(`${sig} received: undoing the current step and releasing the deploy lock`);
    abort.abort(new Error(sig));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const owner = lockOwner();
  core.saveState('lock-owner', owner.owner);
  const command = s.command as 'plan' | 'deploy' | 'rollback';
  try {
    const saved = await savedPlan(s);
    const r = await runRemoteCommand(
      command,
      s.spec,
      {
        connection: connectionSettings(s),
        gateTimeoutMs: s.gateTimeoutSeconds * 1000,
        ...(s.gatesVia ? { gatesVia: s.gatesVia } : {}),
        ...(saved ? { savedPlan: saved } : {}),
        breakLock: s.breakLock,
        dryRun: s.dryRun,
        owner,
        signal: abort.signal,
        ...(s.onlyHosts ? { onlyHosts: s.onlyHosts } : {}),
        ...(s.revision ? { revision: s.revision } : {}),
        ...(s.rollbackTo ? { rollbackTo: s.rollbackTo } : {}),
      },
      new GitHubReporter(),
    );
    annotate(r.validation.findings);
    setFindingOutputs(r.validation);
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
    if (s.planOut && r.savedPlan) {
      await writeFile(s.planOut, `${JSON.stringify(r.savedPlan, null, 2)}\n`);
      core.setOutput('plan-fingerprint', r.savedPlan.fingerprint);
      core.info(`plan written to ${s.planOut} (fingerprint ${r.savedPlan.fingerprint.slice(0, 12)})`);
    }
    if (r.result)
      core.setOutput('result', r.result.ok ? (r.result.noop ? 'unchanged' : 'deployed') : 'failed');
    const input: SummaryInput = { command, spec: s.spec, findings: r.validation.findings };
    if (r.validation.topology) input.topology = r.validation.topology;
    if (r.cluster) input.cluster = r.cluster;
    if (r.plan) input.plan = r.plan;
    if (r.result) input.result = r.result;
    if (r.clusterStatus) input.clusterStatus = r.clusterStatus;
    if (r.error) input.error = r.error;
    await summary(input);
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
    core.saveState('finished', 'true');
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
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
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}
