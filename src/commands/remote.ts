import type { Reporter } from '../report/reporter.js';
import type { RemoteRunResult, RemoteRunSettings, SpecSource } from '../rollout/run.js';
import { readSavedPlan, readSpecFile, writeSavedPlan } from './files.js';

export type RemoteCommand = 'plan' | 'deploy' | 'rollback';

/** What an entry gives plan, deploy and rollback beside the engine's own settings. */
export interface RemoteCommandInput {
  command: RemoteCommand;
  specPath: string;
  /** An explicit revision to record (else git's or the content's). */
  revision?: string;
  /** deploy: the saved plan to run; `specRequired`: a spec named with it must be readable. */
  planFile?: string;
  specRequired?: boolean;
  /** plan: where to write the saved plan. */
  planOut?: string;
}

/**
 * plan, deploy, rollback for both entries: the spec (or the saved plan) read, the revision looked
 * up, SIGINT/SIGTERM turned into an abort (undo the current container, release the lock), the
 * engine run, the saved plan written. The entries only parse their inputs and present the result.
 */
export async function runRemote(
  input: RemoteCommandInput,
  settings: Omit<RemoteRunSettings, 'savedPlan' | 'signal'>,
  reporter: Reporter,
): Promise<RemoteRunResult> {
  const saved =
    input.planFile === undefined
      ? undefined
      : await readSavedPlan(
          input.planFile,
          input.specPath ? { path: input.specPath, required: input.specRequired ?? false } : undefined,
          reporter,
        );
  const source = saved ? savedSource(input.specPath, saved) : await specSource(input);
  const { runRemoteCommand } = await import('../rollout/run.js');
  const r = await withAbortOnSignal(reporter, (signal) =>
    runRemoteCommand(
      input.command,
      source,
      { ...settings, ...(saved ? { savedPlan: saved } : {}), signal },
      reporter,
    ),
  );
  if (input.command === 'plan' && input.planOut && r.savedPlan)
    await writeSavedPlan(input.planOut, r.savedPlan, reporter);
  return r;
}

async function specSource(input: RemoteCommandInput): Promise<SpecSource> {
  const text = await readSpecFile(input.specPath);
  const { specRevision } = await import('./revision.js');
  return { path: input.specPath, text, revision: await specRevision(input.specPath, text, input.revision) };
}

/** A saved plan carries its spec and revision: deploy exactly what was planned. */
function savedSource(
  specPath: string,
  saved: { specPath: string; specText: string; revision: string },
): SpecSource {
  return { path: specPath || saved.specPath, text: saved.specText, revision: saved.revision };
}

/** A cancelled job gets SIGINT, then SIGTERM; a terminal user presses Ctrl-C. Either aborts `fn`. */
async function withAbortOnSignal<T>(reporter: Reporter, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const abort = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    reporter.log(
      'warning',
      `${signal} received: undoing the current step and releasing the deploy lock (a second signal is ignored)`,
      { code: 'signal' },
    );
    abort.abort(new Error(signal));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await fn(abort.signal);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
