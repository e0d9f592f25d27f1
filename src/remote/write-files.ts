/**
 * Several files written in ONE remote command: a step's config files and its docker-run.json
 * travel together instead of one round trip each. Every file goes to a temp file beside its target
 * first; only when all of them are written are they renamed into place, each rename atomic (so a
 * failure midway leaves every target as it was, and a kill during the renames leaves whole files).
 * A fixed script with the values as positional parameters (nothing is parsed by the shell); the
 * contents on stdin, one base64 line per file (base64 keeps every byte, and a line cannot end early).
 */
import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import { OBSERVE_UNSUPPORTED } from './observe.js';

export interface FileToWrite {
  path: string;
  content: string;
  /** Octal file mode; default 0644. */
  mode?: number;
}

/** Exit status when the host has no base64: the caller writes one file per command instead. */
export const WRITE_FILES_UNSUPPORTED = OBSERVE_UNSUPPORTED;

/**
 * Parameters in groups of four: octal mode, directory, temp file, target. A directory at a target
 * would make `mv` move the file INTO it, so that is refused; temp files are removed on any exit
 * before the renames are done.
 */
export const WRITE_FILES_SCRIPT =
  `command -v base64 >/dev/null 2>&1 || { echo 'base64 not found' >&2; exit ${WRITE_FILES_UNSUPPORTED}; }; ` +
  'set -e; ' +
  'w() { mkdir -p -- "$2"; if [ -d "$4" ] && [ ! -L "$4" ]; then echo "$4 is a directory" >&2; exit 1; fi; ' +
  'IFS= read -r line || line=; printf %s "$line" | base64 -d > "$3"; chmod "$1" -- "$3"; }; ' +
  'each() { f=$1; shift; while [ $# -ge 4 ]; do "$f" "$1" "$2" "$3" "$4"; shift 4; done; }; ' +
  'clean() { rm -f -- "$3"; }; mv4() { mv -f -- "$3" "$4"; }; ' +
  'trap \'each clean "$@"\' EXIT; each w "$@"; each mv4 "$@"; trap - EXIT';

function absolute(path: string): string {
  if (!path.startsWith('/')) throw new Error(`remote paths must be absolute, got ${JSON.stringify(path)}`);
  return path;
}

/** The argv and the stdin of one writeFiles command. */
export function writeFilesCommand(
  files: readonly FileToWrite[],
  tmpSuffix: () => string = () => randomBytes(6).toString('hex'),
): { argv: string[]; stdin: string } {
  if (files.length === 0) throw new Error('at least one file is needed');
  const params = files.flatMap((f) => [
    (f.mode ?? 0o644).toString(8),
    posix.dirname(absolute(f.path)),
    `${f.path}.tmp-${tmpSuffix()}`,
    f.path,
  ]);
  const stdin = files.map((f) => `${Buffer.from(f.content, 'utf8').toString('base64')}\n`).join('');
  return { argv: ['sh', '-c', WRITE_FILES_SCRIPT, 'rocketmq-rollout-write', ...params], stdin };
}
