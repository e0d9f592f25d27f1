import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { RolloutError } from '../errors.js';
import type { SavedPlan } from '../plan/plan-file.js';
import type { Reporter } from '../report/reporter.js';

/** A file named on the command line (or in an input) that cannot be read: a usage error. */
export class UnreadableFileError extends RolloutError {
  constructor(
    what: string,
    readonly path: string,
    error?: unknown,
  ) {
    const reason = (error as { code?: unknown } | undefined)?.code === 'ENOENT' ? ': no such file' : '';
    super('unreadable', `cannot read ${what} '${path}'${reason}`, { cause: error });
  }
}

export async function readNamedFile(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new UnreadableFileError(what, path, error);
  }
}

export const readSpecFile = (path: string): Promise<string> => readNamedFile(path, 'spec');

/**
 * deploy --plan / plan-file: the approved plan; a spec named with it must be the one it was made
 * from. `spec.required`: the CLI names it on purpose; the action's default spec may not exist.
 */
export async function readSavedPlan(
  file: string,
  spec: { path: string; required: boolean } | undefined,
  reporter: Reporter,
): Promise<SavedPlan> {
  const text = await readNamedFile(file, 'plan');
  const { parseSavedPlan } = await import('../plan/plan-file.js');
  const saved = parseSavedPlan(text, file);
  if (spec) {
    const given = spec.required
      ? await readSpecFile(spec.path)
      : await readFile(spec.path, 'utf8').catch(() => undefined);
    if (given !== undefined && createHash('sha256').update(given).digest('hex') !== saved.specSha256) {
      throw new RolloutError(
        'plan-mismatch',
        `${spec.path} is not the spec ${file} was made from (${saved.specPath} at revision ${saved.revision})`,
      );
    }
  }
  reporter.log(
    'info',
    `deploying the plan ${file} (fingerprint ${saved.fingerprint.slice(0, 12)}, made ${saved.createdAt} from ${saved.specPath} at revision ${saved.revision})`,
    { code: 'plan.load' },
  );
  return saved;
}

/** plan --out / plan-out: the plan as a file to review and hand to deploy --plan. */
export async function writeSavedPlan(file: string, saved: SavedPlan, reporter: Reporter): Promise<void> {
  await writeFile(file, `${JSON.stringify(saved, null, 2)}\n`);
  reporter.log(
    'info',
    `plan written to ${file} (fingerprint ${saved.fingerprint.slice(0, 12)}): run it with deploy --plan ${file}`,
    { code: 'plan.saved' },
  );
}
