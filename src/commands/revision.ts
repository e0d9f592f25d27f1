import { execFile } from 'node:child_process';
import { dirname, basename } from 'node:path';
import { promisify } from 'node:util';
import { contentRevision } from '../render/render.js';

const run = promisify(execFile);

/**
 * The revision recorded on containers and hosts: the git commit when the spec file is committed
 * unchanged at HEAD (what a rollback by ref needs), otherwise a hash of the spec's content — a
 * commit id would lie about a locally edited file.
 */
export async function specRevision(specPath: string, specText: string, explicit?: string): Promise<string> {
  if (explicit) return explicit;
  const cwd = dirname(specPath);
  try {
    await run('git', ['diff', '--quiet', 'HEAD', '--', basename(specPath)], { cwd });
    const { stdout: tracked } = await run('git', ['ls-files', '--error-unmatch', basename(specPath)], {
      cwd,
    });
    if (!tracked.trim()) return contentRevision(specText);
    const { stdout } = await run('git', ['rev-parse', 'HEAD'], { cwd });
    return `git-${stdout.trim().slice(0, 12)}`;
  } catch {
    return contentRevision(specText);
  }
}
