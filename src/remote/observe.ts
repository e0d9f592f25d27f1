/**
 * What a plan needs from one host, in ONE remote command: `docker inspect` of the cluster's managed
 * containers and the exact bytes of every file it owns there. Each SSH command costs a round trip
 * (tens of ms on a LAN, more across the world), and a host has a dozen files, so they travel
 * together: a fixed script with the values as positional parameters (nothing from the caller is
 * parsed by the shell), its output framed so that the parser here recovers every byte. Pure argv
 * builders and parsers, tested as tables; the DockerClient runs them.
 *
 * Framing, one section after the other: `inspect CODE` then docker inspect's stdout in base64 and a
 * line `.`; then per path in argument order `-` (absent) or `+`, the file in base64 and `.`. Base64
 * never contains `.`, and it keeps a file's bytes (no trailing newline lost, as `$(...)` would).
 */

import { RolloutError } from '../errors.js';

/** Exit status when `docker ps` fails (its stderr is the command's). */
export const OBSERVE_PS_FAILED = 90;
/** Exit status when a file exists but cannot be read (the shell's message is on stderr). */
export const OBSERVE_READ_FAILED = 91;
/** Exit status when the host has no base64: the caller reads the old way, one command per part. */
export const OBSERVE_UNSUPPORTED = 92;

const FILES_PART =
  `for p do if [ -e "$p" ]; then echo +; base64 < "$p" || exit ${OBSERVE_READ_FAILED}; echo .; ` +
  'else echo -; fi; done';

const NEEDS_BASE64 = `command -v base64 >/dev/null 2>&1 || { echo 'base64 not found' >&2; exit ${OBSERVE_UNSUPPORTED}; }`;

/**
 * $1 `1` to run docker as `sudo -n docker`, $2 the ps filter, then the paths. IDs are hex, so the
 * unquoted `$ids` only splits (globbing off). A container removed between ps and inspect makes
 * inspect exit 1 with the others still printed: the code travels in the output, for the caller.
 */
export const OBSERVE_SCRIPT =
  `${NEEDS_BASE64}; set -f; s=$1; f=$2; shift 2; ` +
  'dk() { if [ "$s" = 1 ]; then sudo -n docker "$@"; else docker "$@"; fi; }; ' +
  `ids=$(dk ps -a --no-trunc --filter "$f" --format '{{.ID}}') || exit ${OBSERVE_PS_FAILED}; ` +
  'if [ -n "$ids" ]; then out=$(dk inspect --type container $ids); c=$?; else out=; c=0; fi; ' +
  `echo "inspect $c"; if [ -n "$out" ]; then printf '%s\\n' "$out" | base64; fi; echo .; ${FILES_PART}`;

/** Files only (what a step saves before it writes): the same framing without the inspect section. */
export const READ_FILES_SCRIPT = `${NEEDS_BASE64}; ${FILES_PART}`;

function absolute(paths: readonly string[]): string[] {
  for (const p of paths)
    if (!p.startsWith('/')) throw new Error(`remote paths must be absolute, got ${JSON.stringify(p)}`);
  return [...paths];
}

export const observeArgv = {
  /** `filter` is docker ps's `--filter` value, e.g. `label=rocketmq-rollout.cluster=prod`. */
  observe: (filter: string, paths: readonly string[], options: { sudo?: boolean } = {}): string[] => [
    'sh',
    '-c',
    OBSERVE_SCRIPT,
    'rocketmq-rollout-observe',
    options.sudo ? '1' : '0',
    filter,
    ...absolute(paths),
  ],
  readFiles: (paths: readonly string[]): string[] => [
    'sh',
    '-c',
    READ_FILES_SCRIPT,
    'rocketmq-rollout-read',
    ...absolute(paths),
  ],
};

export class ObserveFormatError extends RolloutError {
  constructor(message: string) {
    super('observe-format', `unreadable observation output: ${message}`, { phase: 'observe' });
  }
}

/** Reads the framed output line by line; every malformed frame is an error, never a guess. */
class Frames {
  private readonly lines: string[];
  private at = 0;
  constructor(text: string) {
    // Every frame line ends with a newline: the last one leaves an empty piece, not a line.
    this.lines = text.split('\n');
    if (this.lines.at(-1) === '') this.lines.pop();
  }
  next(what: string): string {
    const line = this.lines[this.at++];
    if (line === undefined) throw new ObserveFormatError(`output ends before ${what}`);
    return line;
  }
  /** Base64 lines up to the `.` line, decoded. */
  body(what: string): string {
    const parts: string[] = [];
    for (let line = this.next(what); line !== '.'; line = this.next(what)) {
      if (!/^[A-Za-z0-9+/=]*$/.test(line)) throw new ObserveFormatError(`not base64 in ${what}`);
      parts.push(line);
    }
    return Buffer.from(parts.join(''), 'base64').toString('utf8');
  }
  end(): void {
    if (this.at < this.lines.length) throw new ObserveFormatError('unexpected output after the last file');
  }
}

function parseFileFrames(frames: Frames, paths: readonly string[]): Record<string, string | undefined> {
  const files: Record<string, string | undefined> = {};
  for (const p of paths) {
    const mark = frames.next(p);
    if (mark === '-') files[p] = undefined;
    else if (mark === '+') files[p] = frames.body(p);
    else throw new ObserveFormatError(`expected + or - for ${p}, got ${JSON.stringify(mark.slice(0, 40))}`);
  }
  frames.end();
  return files;
}

export interface Observation {
  /** docker inspect's exit code and stdout (a JSON array, or empty when no container matched). */
  inspect: { code: number; stdout: string };
  /** Each path's exact content; undefined when absent. */
  files: Record<string, string | undefined>;
}

/** The output of a successful (exit 0) observe command, for exactly the paths it was given. */
export function parseObservation(stdout: string, paths: readonly string[]): Observation {
  const frames = new Frames(stdout);
  const head = /^inspect (\d+)$/.exec(frames.next('the inspect section'));
  if (!head) throw new ObserveFormatError('missing the inspect section');
  const inspect = { code: Number(head[1]), stdout: frames.body('docker inspect') };
  return { inspect, files: parseFileFrames(frames, paths) };
}

/** The output of a successful readFiles command. */
export function parseReadFiles(stdout: string, paths: readonly string[]): Record<string, string | undefined> {
  return parseFileFrames(new Frames(stdout), paths);
}

function base64Lines(text: string): string[] {
  const b = Buffer.from(text, 'utf8').toString('base64');
  const out: string[] = [];
  for (let i = 0; i < b.length; i += 76) out.push(b.slice(i, i + 76));
  return out;
}

function fileFrames(paths: readonly string[], files: Readonly<Record<string, string | undefined>>): string[] {
  return paths.flatMap((p) => {
    const text = files[p];
    return text === undefined ? ['-'] : ['+', ...base64Lines(text), '.'];
  });
}

/** What the observe script prints, built in memory (the in-memory host answers with it). */
export function formatObservation(o: Observation, paths: readonly string[]): string {
  const inspect = o.inspect.stdout === '' ? [] : base64Lines(o.inspect.stdout);
  return [`inspect ${o.inspect.code}`, ...inspect, '.', ...fileFrames(paths, o.files), ''].join('\n');
}

/** What the readFiles script prints, built in memory. */
export function formatReadFiles(
  files: Readonly<Record<string, string | undefined>>,
  paths: readonly string[],
): string {
  return [...fileFrames(paths, files), ''].join('\n');
}
