/**
 * Every command the engine sends to a host that is not docker's CLI (docker.ts builds those): the
 * directories and files it prepares, the lock directory, the journal, the free-disk check, and the
 * scripts an SSH Remote uses to write and read a file. Pure argv builders, tested as tables; a
 * script is a fixed string with the values as positional parameters, so nothing from the caller is
 * ever parsed by the shell. Paths must be absolute: one starting with `-` cannot read as a flag.
 */
import { posix } from 'node:path';

/** Appends one line ($1) to a file ($2). */
export const APPEND_SCRIPT = 'printf "%s\\n" "$1" >> "$2"';

/**
 * $1 directory, $2 temp file beside the target, $3 octal mode, $4 target; the content on stdin.
 * The temp file lives in the same directory, so `mv` is an atomic rename; a directory at the
 * target would make `mv` move the file INTO it, so that is refused instead.
 */
export const WRITE_FILE_SCRIPT =
  'set -e; mkdir -p -- "$1"; trap \'rm -f -- "$2"\' EXIT; cat > "$2"; chmod "$3" -- "$2"; ' +
  'if [ -d "$4" ] && [ ! -L "$4" ]; then echo "$4 is a directory" >&2; exit 1; fi; ' +
  'mv -f -- "$2" "$4"; trap - EXIT';

/** Exit status of the read-file script when the file is absent; cat and sh never use it. */
export const MISSING_FILE_STATUS = 44;

/** $1 the file: its bytes on stdout, or exit MISSING_FILE_STATUS when it does not exist. */
export const READ_FILE_SCRIPT = `[ -e "$1" ] || exit ${MISSING_FILE_STATUS}; exec cat -- "$1"`;

function absolute(path: string): string {
  if (!path.startsWith('/')) throw new Error(`remote paths must be absolute, got ${JSON.stringify(path)}`);
  return path;
}

function paths(list: readonly string[]): string[] {
  if (list.length === 0) throw new Error('at least one path is needed');
  return list.map(absolute);
}

function uid(value: number | string): string {
  const text = String(value);
  if (!/^\d+$/.test(text)) throw new Error(`a numeric uid is needed, got ${JSON.stringify(text)}`);
  return text;
}

/** Pure argv builders: each returns the full argv, the program first. */
export const hostArgv = {
  /** Create directories and their parents; nothing happens to one that exists. */
  mkdirs: (dirs: readonly string[]): string[] => ['mkdir', '-p', ...paths(dirs)],
  /** Create ONE directory, failing when it exists: mkdir is atomic, the lock relies on it. */
  mkdirExclusive: (dir: string): string[] => ['mkdir', absolute(dir)],
  /** Give directories to a uid (and the group of the same number), as the image's user needs. */
  chown: (owner: number | string, dirs: readonly string[]): string[] => [
    'chown',
    `${uid(owner)}:${uid(owner)}`,
    ...paths(dirs),
  ],
  /** Free space of the file system holding `dir`, POSIX format in KiB (parseDfFreeKb reads it). */
  diskFree: (dir: string): string[] => ['df', '-Pk', absolute(dir)],
  /** Remove files; an absent one is not an error. */
  removeFiles: (files: readonly string[]): string[] => ['rm', '-f', ...paths(files)],
  /** Remove a directory and everything under it; absent is not an error. */
  removeTree: (dir: string): string[] => ['rm', '-rf', absolute(dir)],
  /** Rename, like rename(2): fails when the source is gone (one of two racing renames wins). */
  move: (from: string, to: string): string[] => ['mv', absolute(from), absolute(to)],
  /** Append one line to a file (the journal): one command, so a kill leaves whole lines. */
  appendLine: (file: string, line: string): string[] => [
    'sh',
    '-c',
    APPEND_SCRIPT,
    'sh',
    line,
    absolute(file),
  ],
  /** Write the content given on stdin atomically (see WRITE_FILE_SCRIPT). */
  writeFile: (file: string, tmp: string, mode: number): string[] => [
    'sh',
    '-c',
    WRITE_FILE_SCRIPT,
    'sh',
    posix.dirname(absolute(file)),
    absolute(tmp),
    mode.toString(8),
    file,
  ],
  /** A file's bytes on stdout; exit MISSING_FILE_STATUS when absent. */
  readFile: (file: string): string[] => ['sh', '-c', READ_FILE_SCRIPT, 'sh', absolute(file)],
};

/** Available KiB from `df -Pk`'s last line (its fourth column); undefined when unreadable. */
export function parseDfFreeKb(stdout: string): number | undefined {
  const free = Number(stdout.trim().split('\n').at(-1)?.split(/\s+/)[3]);
  return Number.isFinite(free) ? free : undefined;
}
