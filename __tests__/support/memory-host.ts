/**
 * The one in-memory host of the unit tests: a small file system and a docker engine that answer
 * exactly the argv the real builders make (src/remote/host-commands.ts, src/remote/docker.ts,
 * src/remote/observe.ts), so the engine runs unchanged over it (the real DockerClient, HostState,
 * journal) and a test asserts the argv it sent, Kamal-style. It mimics docker's exit codes and
 * messages where the engine reads them (125 for a run that cannot start, "No such container").
 *
 * A MemoryLab holds what the hosts of one test share: every call in order across hosts, a kill
 * switch (a journal line that "SIGKILLs" the run) and SSH outages.
 */
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { CLUSTER_LABEL, DockerClient, dockerArgv } from '../../src/remote/docker.js';
import {
  APPEND_SCRIPT,
  MISSING_FILE_STATUS,
  READ_FILE_SCRIPT,
  WRITE_FILE_SCRIPT,
  hostArgv,
} from '../../src/remote/host-commands.js';
import {
  OBSERVE_PS_FAILED,
  OBSERVE_SCRIPT,
  READ_FILES_SCRIPT,
  formatObservation,
  formatReadFiles,
  observeArgv,
  parseReadFiles,
} from '../../src/remote/observe.js';
import { RemoteError, type ExecOptions, type ExecResult, type Remote } from '../../src/remote/remote.js';
import { LABELS } from '../../src/render/render.js';
import { normalizeImage } from '../../src/rocketmq/image.js';
import type { HostHandle } from '../../src/rollout/deploy.js';
import { dockerOnHost } from '../../src/rollout/host-docker.js';
import { HostState, stateDir } from '../../src/rollout/host-state.js';

export interface MemoryContainer {
  id: string;
  name: string;
  /** The image reference as given to `docker run`. */
  image: string;
  imageId: string;
  labels: Record<string, string>;
  env: string[];
  ports: { hostIp: string; hostPort: string; containerPort: string }[];
  volumes: string[];
  restart: string;
  command: string[];
  /** The whole `docker run` argv that created it. */
  runArgv: string[];
  status: 'created' | 'running' | 'exited';
  exitCode: number;
  created: string;
  startedAt: string;
  /** What `docker logs` prints (stdout); set it from a test or through hooks.logs. */
  logs: string;
}

export interface MemoryHooks {
  /** Seen before anything else: return a result to answer any argv yourself (faults, other tools). */
  onExec?(argv: readonly string[], options: ExecOptions): ExecResult | undefined;
  /** At `docker run`: a result with a non-zero code makes the run fail with it, creating nothing. */
  onRun?(name: string, argv: readonly string[]): ExecResult | undefined;
  /** After a container starts (`docker run` or `start`): an exit code makes it exit at once, like a crash. */
  exitAfterStart?(name: string, by: 'run' | 'start'): number | undefined;
  /** Text for `docker logs` of a container (default: its `logs` field). */
  logs?(name: string): string | undefined;
  /** `mqshutdown` in this container finds no JVM (exit 1, as in an image without it). */
  noShutdown?(name: string): boolean;
  /** This container outlives the stop timeout: docker stop SIGKILLs it (exit 137). */
  hangOnStop?(name: string): boolean;
}

/** One call as a host received it. */
export interface HostCall {
  host: string;
  argv: string[];
  sudo: boolean;
  stdin?: string;
}

/** The clean-stop script of dockerArgv.shutdownThenStop (the same text for any container). */
const SHUTDOWN_SCRIPT = dockerArgv.shutdownThenStop('x', 'broker', 1)[2] ?? '';

/** dockerArgv.killThenRemove's script. */
const KILL_THEN_REMOVE_SCRIPT = dockerArgv.killThenRemove('x')[2] ?? '';

/** Fixed scripts by a short name, for readable call lines. */
const SCRIPT_NAMES = new Map<string, string>([
  [APPEND_SCRIPT, '<append>'],
  [WRITE_FILE_SCRIPT, '<write-file>'],
  [READ_FILE_SCRIPT, '<read-file>'],
  [OBSERVE_SCRIPT, '<observe>'],
  [READ_FILES_SCRIPT, '<read-files>'],
  [SHUTDOWN_SCRIPT, '<shutdown-then-stop>'],
  [KILL_THEN_REMOVE_SCRIPT, '<kill-then-rm>'],
]);

/** `A: docker rename x y`; a fixed script by its name: `A: sh -c <append> sh LINE PATH`. */
export function callLine(c: HostCall): string {
  const argv = c.argv.map((a, i) => (i === 2 && c.argv[0] === 'sh' ? (SCRIPT_NAMES.get(a) ?? a) : a));
  return `${c.host}: ${c.sudo ? 'sudo ' : ''}${argv.join(' ')}`;
}

export class MemoryLab {
  readonly calls: HostCall[] = [];
  /** The run's own journal line that "SIGKILLs" it: recorded, then every later call on any host fails. */
  killAt: RegExp | undefined;
  killed = false;
  /** Hosts unreachable over SSH now: every call fails like a lost connection. */
  readonly down = new Set<string>();
  /** Hosts whose next call fails like a lost connection, then work again (a short outage). */
  readonly dropOnce = new Set<string>();

  /** Throws once the run is dead (a killed process does nothing more, not even its cleanup), or the host is away. */
  alive(host: string): void {
    if (this.killed) throw new Error('the process was killed');
    if (this.down.has(host) || this.dropOnce.delete(host))
      throw new RemoteError(host, 'SSH connection lost: Keepalive timeout', 'connect');
  }

  /** Where the calls are now: `lines(mark)` then lists only what came after. */
  mark(): number {
    return this.calls.length;
  }

  /** The calls as text lines (see callLine), from `from` on. */
  lines(from = 0): string[] {
    return this.calls.slice(from).map(callLine);
  }
}

export interface MemoryHostOptions {
  lab?: MemoryLab;
  /** Files present at the start: path -> content. */
  files?: Record<string, string>;
  /** Images present on the host. */
  images?: readonly string[];
  /** Images `docker pull` can fetch; any other pull fails like an unreachable registry. */
  pullable?: readonly string[];
  hooks?: MemoryHooks;
  /** Time source for Created/StartedAt (tests pin it). */
  now?: () => Date;
  /** Free KiB that `df` reports. */
  freeKb?: number;
}

/** Flags of `docker run` that take a value; the image is the first argument after the flags. */
const RUN_VALUE_FLAGS = new Set([
  '--name',
  '--label',
  '-l',
  '--publish',
  '-p',
  '--env',
  '-e',
  '--volume',
  '-v',
  '--restart',
  '--stop-timeout',
  '--stop-signal',
  '--network',
  '--net',
  '--hostname',
  '-h',
  '--user',
  '-u',
  '--workdir',
  '-w',
  '--entrypoint',
  '--memory',
  '-m',
  '--memory-swap',
  '--cpus',
  '--ulimit',
  '--log-driver',
  '--log-opt',
  '--add-host',
  '--env-file',
  '--mount',
  '--pull',
  '--platform',
  '--tmpfs',
  '--shm-size',
  '--cap-add',
  '--cap-drop',
  '--security-opt',
]);
const RUN_BOOLEAN_FLAGS = new Set(['-d', '--detach', '--rm', '-i', '-t', '-it', '--init', '--privileged']);

function ok(stdout = ''): ExecResult {
  return { code: 0, stdout, stderr: '' };
}
function fail(code: number, stderr: string): ExecResult {
  return { code, stdout: '', stderr: stderr.endsWith('\n') ? stderr : `${stderr}\n` };
}
function sha(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

let tmpSerial = 0;

export class MemoryHost implements Remote {
  readonly lab: MemoryLab;
  readonly files = new Map<string, { content: string; mode: number }>();
  readonly dirs = new Set<string>(['/']);
  /** Containers by name. */
  readonly containers = new Map<string, MemoryContainer>();
  /** Present images: normalized reference -> image id. */
  readonly images = new Map<string, string>();
  readonly pullable: Set<string>;
  hooks: MemoryHooks;
  closed = false;
  /** Answer every command this much later (a slow host, for ordering races). */
  delayMs = 0;
  freeKb: number;
  private readonly now: () => Date;
  private serial = 0;
  private readonly shutdownSent = new Set<string>();
  private inFlight = 0;
  private readonly idleWaiters: (() => void)[] = [];

  constructor(
    readonly host: string,
    options: MemoryHostOptions = {},
  ) {
    this.lab = options.lab ?? new MemoryLab();
    this.hooks = options.hooks ?? {};
    this.now = options.now ?? (() => new Date());
    this.freeKb = options.freeKb ?? 99_999_000;
    for (const [path, content] of Object.entries(options.files ?? {})) this.putFile(path, content, 0o644);
    for (const image of options.images ?? []) this.addImage(image);
    this.pullable = new Set((options.pullable ?? []).map(normalizeImage));
  }

  /** Make an image present, as a `docker load` would. */
  addImage(ref: string): void {
    this.images.set(normalizeImage(ref), sha(`image:${normalizeImage(ref)}`));
  }

  /** This host's calls so far, in order. */
  get executed(): HostCall[] {
    return this.lab.calls.filter((c) => c.host === this.host);
  }

  /** This host's argvs so far, e.g. to assert order: `host.commands().map(a => a.join(' '))`. */
  commands(): string[][] {
    return this.executed.map((e) => e.argv);
  }

  /** How many files were written (the atomic write script) so far. */
  get writes(): number {
    return this.executed.filter((c) => c.argv[0] === 'sh' && c.argv[2] === WRITE_FILE_SCRIPT).length;
  }

  container(name: string): MemoryContainer | undefined {
    return this.containers.get(name);
  }

  /** A file's content, or undefined. */
  file(path: string): string | undefined {
    return this.files.get(path)?.content;
  }

  /** Put a file (and its parent directories) in place, as if written on the host by hand. */
  putFile(path: string, content: string, mode = 0o644): void {
    this.mkdirP(posix.dirname(path));
    this.files.set(path, { content, mode });
  }

  /** Resolves once no command is running on this host (nothing left in the background). */
  idle(): Promise<void> {
    return this.inFlight === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async exec(argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    if (this.closed) throw new RemoteError(this.host, 'exec after close', 'connect');
    this.lab.alive(this.host);
    const call: HostCall = { host: this.host, argv: [...argv], sudo: options.sudo === true };
    if (options.stdin !== undefined) call.stdin = options.stdin;
    this.lab.calls.push(call);
    this.inFlight += 1;
    try {
      if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
      return this.hooks.onExec?.(argv, options) ?? this.answer(argv, options);
    } finally {
      this.inFlight -= 1;
      if (this.inFlight === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    }
  }

  /** As the SSH Remote does it: the write-file script, the content on stdin. */
  async writeFile(path: string, content: string, mode = 0o644): Promise<void> {
    const tmp = `${path}.tmp-memory${++tmpSerial}`;
    const r = await this.exec(hostArgv.writeFile(path, tmp, mode), { stdin: content });
    if (r.code !== 0) throw new RemoteError(this.host, `cannot write ${path}: ${r.stderr.trim()}`, 'io');
  }

  async readFile(path: string): Promise<string | undefined> {
    const r = await this.exec(hostArgv.readFile(path));
    if (r.code === MISSING_FILE_STATUS) return undefined;
    if (r.code !== 0) throw new RemoteError(this.host, `cannot read ${path}: ${r.stderr.trim()}`, 'io');
    return r.stdout;
  }

  async readFiles(paths: readonly string[]): Promise<Record<string, string | undefined>> {
    const r = await this.exec(observeArgv.readFiles(paths));
    if (r.code !== 0) throw new RemoteError(this.host, `cannot read ${paths.join(', ')}`, 'io');
    return parseReadFiles(r.stdout, paths);
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private answer(argv: readonly string[], options: ExecOptions): ExecResult {
    const [cmd, ...args] = argv;
    switch (cmd) {
      case 'docker':
        return this.docker(args);
      case 'true':
      case 'chmod':
      case 'chown':
        return ok();
      case 'mkdir':
        return this.mkdir(args);
      case 'cat':
        return this.cat(args);
      case 'mv':
        return this.mv(args);
      case 'rm':
        return this.rm(args);
      case 'test':
        return this.test(args);
      case 'df':
        return this.df(args);
      case 'sh':
        return this.script(args, options);
      default:
        return fail(127, `sh: 1: ${cmd}: not found (MemoryHost: answer it with hooks.onExec)`);
    }
  }

  /** `sh -c SCRIPT $0 ARGS...`: the fixed scripts of the builders, run as the shell would. */
  private script(args: readonly string[], options: ExecOptions): ExecResult {
    const [flag, script, , ...params] = args;
    if (flag !== '-c') return fail(2, 'sh: only -c is supported (MemoryHost)');
    switch (script) {
      case APPEND_SCRIPT:
        return this.append(params[0] ?? '', params[1] ?? '');
      case WRITE_FILE_SCRIPT:
        return this.writeScript(params, options.stdin ?? '');
      case READ_FILE_SCRIPT: {
        const f = this.files.get(params[0] ?? '');
        return f ? ok(f.content) : { code: MISSING_FILE_STATUS, stdout: '', stderr: '' };
      }
      case OBSERVE_SCRIPT:
        return this.observe(params);
      case READ_FILES_SCRIPT:
        return ok(formatReadFiles(this.contents(params), params));
      case SHUTDOWN_SCRIPT:
        return this.shutdownThenStop(params[0] ?? '', params[1] ?? '', params[2] ?? '');
      case KILL_THEN_REMOVE_SCRIPT: {
        const c = this.find(params[0] ?? '');
        if (c?.status === 'running') {
          c.status = 'exited';
          c.exitCode = 137;
        }
        return this.dockerRm(['-f', params[0] ?? '']);
      }
    }
    return fail(127, `sh: unknown script (MemoryHost: answer it with hooks.onExec): ${script}`);
  }

  private append(line: string, path: string): ExecResult {
    if (!this.dirs.has(posix.dirname(path)))
      return fail(2, `sh: 1: cannot create ${path}: Directory nonexistent`);
    this.files.set(path, { content: `${this.files.get(path)?.content ?? ''}${line}\n`, mode: 0o644 });
    if (this.lab.killAt?.test(line)) this.lab.killed = true;
    return ok();
  }

  private writeScript([dir = '', , mode = '644', path = '']: readonly string[], content: string): ExecResult {
    if (this.dirs.has(path)) return fail(1, `${path} is a directory`);
    this.mkdirP(dir);
    this.files.set(path, { content, mode: parseInt(mode, 8) });
    return ok();
  }

  /** The observe script (observe.ts) as the host's sh would run it: ps, inspect, then the files. */
  private observe([, filter = '', ...paths]: readonly string[]): ExecResult {
    const ps = this.docker(['ps', '-a', '--no-trunc', '--filter', filter, '--format', '{{.ID}}']);
    if (ps.code !== 0) return { ...ps, code: OBSERVE_PS_FAILED };
    const ids = ps.stdout.split('\n').filter((l) => l !== '');
    const inspect = ids.length ? this.docker(['inspect', '--type', 'container', ...ids]) : ok();
    const stdout = formatObservation(
      { inspect: { code: inspect.code, stdout: inspect.stdout }, files: this.contents(paths) },
      paths,
    );
    return { code: 0, stdout, stderr: inspect.stderr };
  }

  /** dockerArgv.shutdownThenStop: `docker exec NAME sh mqshutdown SERVER`, then `docker stop -t T`. */
  private shutdownThenStop(name: string, server: string, timeout: string): ExecResult {
    const c = this.find(name);
    let stderr = '';
    let code = 0;
    if (!c || c.status !== 'running') {
      code = 1;
      stderr = `Error response from daemon: container ${name} is not running\n`;
    } else if (this.hooks.noShutdown?.(c.name)) {
      code = 1;
      stderr = `No ${server} running.\n`;
    } else this.shutdownSent.add(c.name);
    const stop = this.dockerStop(['-t', timeout, name]);
    if (stop.code !== 0) return { code: stop.code, stdout: '', stderr: stderr + stop.stderr };
    return { code: 0, stdout: `mqshutdown=${code}\n`, stderr };
  }

  private contents(paths: readonly string[]): Record<string, string | undefined> {
    return Object.fromEntries(paths.map((p) => [p, this.files.get(p)?.content]));
  }

  // --- file system -------------------------------------------------------------------------

  private mkdirP(dir: string): void {
    for (let d = posix.normalize(dir); !this.dirs.has(d); d = posix.dirname(d)) this.dirs.add(d);
  }

  private operands(args: readonly string[]): { flags: Set<string>; paths: string[] } {
    const flags = new Set<string>();
    const paths: string[] = [];
    let done = false;
    for (const a of args) {
      if (!done && a === '--') done = true;
      else if (!done && a.startsWith('-') && a.length > 1) for (const f of a.slice(1)) flags.add(f);
      else paths.push(a);
    }
    return { flags, paths };
  }

  private mkdir(args: readonly string[]): ExecResult {
    const { flags, paths } = this.operands(args);
    for (const p of paths) {
      if (!flags.has('p') && (this.dirs.has(p) || this.files.has(p)))
        return fail(1, `mkdir: cannot create directory '${p}': File exists`);
      if (!flags.has('p') && !this.dirs.has(posix.dirname(p)))
        return fail(1, `mkdir: cannot create directory '${p}': No such file or directory`);
      this.mkdirP(p);
    }
    return ok();
  }

  private cat(args: readonly string[]): ExecResult {
    let out = '';
    for (const p of this.operands(args).paths) {
      const f = this.files.get(p);
      if (!f) return { code: 1, stdout: out, stderr: `cat: ${p}: No such file or directory\n` };
      out += f.content;
    }
    return ok(out);
  }

  /** Files and directories, like rename(2): fails when the source is gone or a directory is in the way. */
  private mv(args: readonly string[]): ExecResult {
    const [from = '', to = ''] = this.operands(args).paths;
    const f = this.files.get(from);
    if (f) {
      this.files.delete(from);
      this.putFile(to, f.content, f.mode);
      return ok();
    }
    if (!this.dirs.has(from) || this.dirs.has(to))
      return fail(1, `mv: cannot move '${from}' to '${to}': No such file or directory`);
    for (const d of [...this.dirs])
      if (d === from || d.startsWith(`${from}/`)) {
        this.dirs.delete(d);
        this.dirs.add(to + d.slice(from.length));
      }
    for (const [p, file] of [...this.files])
      if (p.startsWith(`${from}/`)) {
        this.files.delete(p);
        this.files.set(to + p.slice(from.length), file);
      }
    return ok();
  }

  private rm(args: readonly string[]): ExecResult {
    const { flags, paths } = this.operands(args);
    for (const p of paths) {
      if (this.files.delete(p)) continue;
      if (this.dirs.has(p) && flags.has('r')) {
        for (const f of [...this.files.keys()]) if (f.startsWith(`${p}/`)) this.files.delete(f);
        for (const d of [...this.dirs]) if (d === p || d.startsWith(`${p}/`)) this.dirs.delete(d);
        continue;
      }
      if (!flags.has('f')) return fail(1, `rm: cannot remove '${p}': No such file or directory`);
    }
    return ok();
  }

  private test(args: readonly string[]): ExecResult {
    const [op, path = ''] = args;
    const isFile = this.files.has(path);
    const isDir = this.dirs.has(path);
    const yes = op === '-f' ? isFile : op === '-d' ? isDir : op === '-e' ? isFile || isDir : false;
    return { code: yes ? 0 : 1, stdout: '', stderr: '' };
  }

  private df(args: readonly string[]): ExecResult {
    const path = this.operands(args).paths[0] ?? '/';
    return ok(
      `Filesystem 1024-blocks Used Available Capacity Mounted on\n/dev/memory 100000000 1000 ${this.freeKb} 1% ${path}\n`,
    );
  }

  // --- docker ------------------------------------------------------------------------------

  private find(nameOrId: string): MemoryContainer | undefined {
    const byName = this.containers.get(nameOrId);
    if (byName) return byName;
    if (nameOrId.length < 4) return undefined;
    return [...this.containers.values()].find((c) => c.id.startsWith(nameOrId));
  }

  private noSuchContainer(name: string): ExecResult {
    return fail(1, `Error response from daemon: No such container: ${name}`);
  }

  private docker(args: readonly string[]): ExecResult {
    const [sub, ...rest] = args;
    switch (sub) {
      case 'version':
        return ok('27.0.0-memory\n');
      case 'ps':
        return this.dockerPs(rest);
      case 'inspect':
        return this.dockerInspect(rest);
      case 'image':
        if (rest[0] === 'inspect') return this.dockerImageInspect(rest.slice(1));
        break;
      case 'pull':
        return this.dockerPull(rest);
      case 'run':
        return this.dockerRun(args);
      case 'stop':
        return this.dockerStop(rest);
      case 'start':
        return this.dockerStart(rest);
      case 'rename':
        return this.dockerRename(rest);
      case 'rm':
        return this.dockerRm(rest);
      case 'logs':
        return this.dockerLogs(rest);
    }
    return fail(125, `unknown docker command: "docker ${args.join(' ')}" (MemoryHost)`);
  }

  private dockerPs(args: readonly string[]): ExecResult {
    let all = false;
    let full = false;
    const filters: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '-a' || a === '--all') all = true;
      else if (a === '--no-trunc') full = true;
      else if (a === '--filter' || a === '-f') filters.push(args[++i] ?? '');
      else if (a === '--format') {
        if (args[++i] !== '{{.ID}}') return fail(125, 'MemoryHost: ps only supports --format {{.ID}}');
      } else return fail(125, `MemoryHost: unsupported ps flag ${a}`);
    }
    const rows = [...this.containers.values()].filter((c) => {
      if (!all && c.status !== 'running') return false;
      return filters.every((f) => {
        const m = /^label=([^=]+)(?:=(.*))?$/.exec(f);
        if (!m || m[1] === undefined) return false;
        return m[2] === undefined ? m[1] in c.labels : c.labels[m[1]] === m[2];
      });
    });
    return ok(rows.map((c) => `${full ? c.id : c.id.slice(0, 12)}\n`).join(''));
  }

  private inspectJson(c: MemoryContainer): unknown {
    const ports: Record<string, { HostIp: string; HostPort: string }[]> = {};
    for (const p of c.ports) (ports[p.containerPort] ??= []).push({ HostIp: p.hostIp, HostPort: p.hostPort });
    return {
      Id: c.id,
      Created: c.created,
      Name: `/${c.name}`,
      Image: `sha256:${c.imageId}`,
      State: {
        Status: c.status,
        Running: c.status === 'running',
        ExitCode: c.exitCode,
        StartedAt: c.startedAt,
      },
      Config: { Image: c.image, Labels: c.labels, Env: c.env, Cmd: c.command },
      HostConfig: { RestartPolicy: { Name: c.restart, MaximumRetryCount: 0 } },
      NetworkSettings: { Ports: ports },
      Mounts: c.volumes.map((v) => {
        const [source = '', destination = '', opts = ''] = v.split(':');
        return {
          Type: 'bind',
          Source: source,
          Destination: destination,
          RW: !opts.split(',').includes('ro'),
        };
      }),
    };
  }

  private dockerInspect(args: readonly string[]): ExecResult {
    const ids = args.filter((a, i) => a !== '--type' && args[i - 1] !== '--type');
    const found: unknown[] = [];
    const missing: string[] = [];
    for (const id of ids) {
      const c = this.find(id);
      if (c) found.push(this.inspectJson(c));
      else missing.push(id);
    }
    const stdout = `${JSON.stringify(found, null, 4)}\n`;
    if (missing.length === 0) return ok(stdout);
    return { code: 1, stdout, stderr: missing.map((m) => `Error: No such object: ${m}\n`).join('') };
  }

  private dockerImageInspect(args: readonly string[]): ExecResult {
    const found: unknown[] = [];
    const missing: string[] = [];
    for (const ref of args) {
      const id = this.images.get(normalizeImage(ref));
      if (id)
        found.push({ Id: `sha256:${id}`, RepoTags: [normalizeImage(ref)], Created: '2026-01-01T00:00:00Z' });
      else missing.push(ref);
    }
    const stdout = `${JSON.stringify(found, null, 4)}\n`;
    if (missing.length === 0) return ok(stdout);
    return { code: 1, stdout, stderr: missing.map((m) => `Error: No such image: ${m}\n`).join('') };
  }

  private dockerPull(args: readonly string[]): ExecResult {
    const ref = args[0] ?? '';
    if (!this.pullable.has(normalizeImage(ref))) {
      return fail(
        1,
        `Error response from daemon: pull access denied for ${ref}, repository does not exist or may require 'docker login'`,
      );
    }
    this.addImage(ref);
    return ok(`${ref}: Pulled\n`);
  }

  private parseRun(argv: readonly string[]): MemoryContainer | ExecResult {
    const args = argv.slice(1);
    const c: MemoryContainer = {
      id: '',
      name: '',
      image: '',
      imageId: '',
      labels: {},
      env: [],
      ports: [],
      volumes: [],
      restart: 'no',
      command: [],
      runArgv: ['docker', ...argv],
      status: 'created',
      exitCode: 0,
      created: this.now().toISOString(),
      startedAt: '0001-01-01T00:00:00Z',
      logs: '',
    };
    let i = 0;
    for (; i < args.length; i++) {
      const a = args[i] ?? '';
      if (!a.startsWith('-')) break;
      if (RUN_BOOLEAN_FLAGS.has(a)) continue;
      const eq = a.indexOf('=');
      const flag = eq > 0 ? a.slice(0, eq) : a;
      if (!RUN_VALUE_FLAGS.has(flag)) return fail(125, `unknown flag: ${a} (MemoryHost)`);
      const value = eq > 0 ? a.slice(eq + 1) : args[++i];
      if (value === undefined) return fail(125, `flag needs an argument: ${flag}`);
      this.applyRunFlag(c, flag, value);
    }
    const image = args[i];
    if (image === undefined) return fail(125, '"docker run" requires at least 1 argument.');
    c.image = image;
    c.command = args.slice(i + 1);
    if (!c.name) c.name = `memory_${++this.serial}`;
    return c;
  }

  private dockerRun(argv: readonly string[]): ExecResult {
    const c = this.parseRun(argv);
    if ('code' in c) return c;
    const existing = this.containers.get(c.name);
    if (existing) {
      return fail(
        125,
        `docker: Error response from daemon: Conflict. The container name "/${c.name}" is already in use by container "${existing.id}". You have to remove (or rename) that container to be able to reuse that name.`,
      );
    }
    const imageId = this.images.get(normalizeImage(c.image));
    if (!imageId) {
      return fail(
        125,
        `Unable to find image '${c.image}' locally\ndocker: Error response from daemon: manifest for ${c.image} not found`,
      );
    }
    const injected = this.hooks.onRun?.(c.name, ['docker', ...argv]);
    if (injected && injected.code !== 0) return injected;
    c.imageId = imageId;
    c.id = sha(`container:${this.host}:${c.name}:${++this.serial}:${Math.random()}`);
    this.containers.set(c.name, c);
    const started = this.startContainer(c, 'run');
    if (started.code !== 0) return started;
    return ok(`${c.id}\n`);
  }

  private applyRunFlag(c: MemoryContainer, flag: string, value: string): void {
    switch (flag) {
      case '--name':
        c.name = value;
        break;
      case '--label':
      case '-l': {
        const eq = value.indexOf('=');
        if (eq === -1) c.labels[value] = '';
        else c.labels[value.slice(0, eq)] = value.slice(eq + 1);
        break;
      }
      case '--publish':
      case '-p': {
        // [ip:]hostPort:containerPort[/proto]
        const parts = value.split(':');
        const containerPart = parts.pop() ?? '';
        const hostPort = parts.pop() ?? '';
        const hostIp = parts.join(':') || '0.0.0.0';
        const containerPort = containerPart.includes('/') ? containerPart : `${containerPart}/tcp`;
        c.ports.push({ hostIp, hostPort, containerPort });
        break;
      }
      case '--env':
      case '-e':
        c.env.push(value);
        break;
      case '--volume':
      case '-v':
        c.volumes.push(value);
        break;
      case '--restart':
        c.restart = value;
        break;
    }
  }

  /** Start a created or exited container: port clashes and crash hooks apply. */
  private startContainer(c: MemoryContainer, by: 'run' | 'start'): ExecResult {
    for (const p of c.ports) {
      const taken = [...this.containers.values()].find(
        (o) =>
          o !== c &&
          o.status === 'running' &&
          o.ports.some(
            (q) =>
              q.hostPort === p.hostPort &&
              (q.hostIp === p.hostIp || q.hostIp === '0.0.0.0' || p.hostIp === '0.0.0.0'),
          ),
      );
      if (taken) {
        return fail(
          125,
          `docker: Error response from daemon: driver failed programming external connectivity on endpoint ${c.name}: Bind for ${p.hostIp}:${p.hostPort} failed: port is already allocated (by ${taken.name})`,
        );
      }
    }
    c.status = 'running';
    c.exitCode = 0;
    c.startedAt = this.now().toISOString();
    this.shutdownSent.delete(c.name);
    const crash = this.hooks.exitAfterStart?.(c.name, by);
    if (crash !== undefined) {
      c.status = 'exited';
      c.exitCode = crash;
    }
    return ok();
  }

  /**
   * PID 1 is `sh` in the RocketMQ image: a bare stop of a server ends in SIGKILL (137) unless
   * mqshutdown was sent first; the console's JVM takes docker's SIGTERM itself (143).
   */
  private dockerStop(args: readonly string[]): ExecResult {
    const names = args.filter(
      (a, i) => a !== '-t' && a !== '--time' && args[i - 1] !== '-t' && args[i - 1] !== '--time',
    );
    for (const n of names) {
      const c = this.find(n);
      if (!c) return this.noSuchContainer(n);
      if (c.status !== 'running') continue;
      const server = c.labels[LABELS.kind] !== undefined && c.labels[LABELS.kind] !== 'console';
      const killed = this.hooks.hangOnStop?.(c.name) === true || (server && !this.shutdownSent.has(c.name));
      c.status = 'exited';
      c.exitCode = killed ? 137 : 143;
    }
    return ok(names.map((n) => `${n}\n`).join(''));
  }

  private dockerStart(args: readonly string[]): ExecResult {
    for (const n of args) {
      const c = this.find(n);
      if (!c) return this.noSuchContainer(n);
      if (c.status !== 'running') {
        const r = this.startContainer(c, 'start');
        if (r.code !== 0) return { ...r, code: 1 };
      }
    }
    return ok(args.map((n) => `${n}\n`).join(''));
  }

  private dockerRename(args: readonly string[]): ExecResult {
    const [from = '', to = ''] = args;
    const c = this.find(from);
    if (!c) return this.noSuchContainer(from);
    if (this.containers.has(to) && this.containers.get(to) !== c) {
      return fail(1, `Error response from daemon: Conflict. The container name "/${to}" is already in use`);
    }
    this.containers.delete(c.name);
    if (this.shutdownSent.delete(c.name)) this.shutdownSent.add(to);
    c.name = to;
    this.containers.set(to, c);
    return ok();
  }

  private dockerRm(args: readonly string[]): ExecResult {
    const force = args.includes('-f') || args.includes('--force');
    for (const n of args.filter((a) => !a.startsWith('-'))) {
      const c = this.find(n);
      if (!c) return this.noSuchContainer(n);
      if (c.status === 'running' && !force) {
        return fail(
          1,
          `Error response from daemon: You cannot remove a running container ${c.id}. Stop the container before attempting removal or force remove`,
        );
      }
      this.containers.delete(c.name);
    }
    return ok();
  }

  private dockerLogs(args: readonly string[]): ExecResult {
    let tail: number | undefined;
    const names: string[] = [];
    for (let i = 0; i < args.length; i++) {
      if (args[i] === '--tail' || args[i] === '-n') tail = Number(args[++i]);
      else names.push(args[i] ?? '');
    }
    const name = names[0] ?? '';
    const c = this.find(name);
    if (!c) return this.noSuchContainer(name);
    const text = this.hooks.logs?.(c.name) ?? c.logs;
    const lines = text.split('\n');
    if (lines.at(-1) === '') lines.pop();
    const shown = tail === undefined ? lines : lines.slice(Math.max(0, lines.length - tail));
    return ok(shown.map((l) => `${l}\n`).join(''));
  }

  /** Containers of one cluster, as `docker ps -a --filter label=...` would list them. */
  clusterContainers(cluster: string): MemoryContainer[] {
    return [...this.containers.values()].filter((c) => c.labels[CLUSTER_LABEL] === cluster);
  }
}

/** A HostHandle over a MemoryHost with the real DockerClient, HostState and journal on top. */
export function memoryHandle(host: MemoryHost, dataRoot: string, cluster: string): HostHandle {
  return {
    name: host.host,
    remote: host,
    docker: dockerOnHost(new DockerClient(host)),
    state: new HostState(host, stateDir(dataRoot, cluster)),
  };
}
