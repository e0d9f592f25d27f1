/**
 * An in-memory host for unit tests of the engine: a small file system and a fake docker engine
 * that answers exactly the argv docker.ts builds, with hooks to inject failures and a log of every
 * argv executed. It mimics docker's exit codes and messages where the engine reads them (125 for
 * a run that cannot start, "No such container" for a missing one).
 */
import { normalizeImage } from './docker.js';
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { CLUSTER_LABEL } from './docker.js';
import {
  OBSERVE_PS_FAILED,
  OBSERVE_SCRIPT,
  READ_FILES_SCRIPT,
  formatObservation,
  formatReadFiles,
} from './observe.js';
import { RemoteError, type ExecOptions, type ExecResult, type Remote } from './remote.js';

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
  /** At `docker run`: a non-zero code makes the run fail with it, creating nothing. */
  onRun?(name: string, argv: readonly string[]): number | undefined;
  /** After a container starts (run or start): an exit code makes it exit at once, like a crash. */
  exitAfterStart?(name: string): number | undefined;
  /** Text for `docker logs` of a container (default: its `logs` field). */
  logs?(name: string): string | undefined;
}

export interface MemoryRemoteOptions {
  /** Files present at the start: path -> content. */
  files?: Record<string, string>;
  /** Images present on the host. */
  images?: readonly string[];
  /** Images `docker pull` can fetch; any other pull fails like an unreachable registry. */
  pullable?: readonly string[];
  hooks?: MemoryHooks;
  /** Time source for Created/StartedAt (tests pin it). */
  now?: () => Date;
}

export interface ExecutedCommand {
  argv: string[];
  sudo: boolean;
  stdin?: string;
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
  '--health-cmd',
  '--health-interval',
  '--health-retries',
  '--health-timeout',
  '--health-start-period',
  '--tmpfs',
  '--shm-size',
  '--cap-add',
  '--cap-drop',
  '--security-opt',
]);
const RUN_BOOLEAN_FLAGS = new Set([
  '-d',
  '--detach',
  '--rm',
  '-i',
  '--interactive',
  '-t',
  '--tty',
  '-it',
  '--init',
  '--privileged',
  '--read-only',
]);

function ok(stdout = ''): ExecResult {
  return { code: 0, stdout, stderr: '' };
}
function fail(code: number, stderr: string): ExecResult {
  return { code, stdout: '', stderr: stderr.endsWith('\n') ? stderr : `${stderr}\n` };
}
function sha(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export class MemoryRemote implements Remote {
  readonly executed: ExecutedCommand[] = [];
  readonly files = new Map<string, { content: string; mode: number }>();
  readonly dirs = new Set<string>(['/']);
  /** Containers by name. */
  readonly containers = new Map<string, MemoryContainer>();
  /** Present images: normalized reference -> image id. */
  readonly images = new Map<string, string>();
  readonly pullable: Set<string>;
  hooks: MemoryHooks;
  closed = false;
  private readonly now: () => Date;
  private serial = 0;

  constructor(
    readonly host: string,
    options: MemoryRemoteOptions = {},
  ) {
    this.hooks = options.hooks ?? {};
    this.now = options.now ?? (() => new Date());
    for (const [path, content] of Object.entries(options.files ?? {})) this.putFile(path, content, 0o644);
    for (const image of options.images ?? []) this.addImage(image);
    this.pullable = new Set((options.pullable ?? []).map(normalizeImage));
  }

  /** Make an image present, as a `docker load` would. */
  addImage(ref: string): void {
    this.images.set(normalizeImage(ref), sha(`image:${normalizeImage(ref)}`));
  }

  /** The argvs run so far, e.g. to assert order: `remote.commands().map(a => a.join(' '))`. */
  commands(): string[][] {
    return this.executed.map((e) => e.argv);
  }

  container(name: string): MemoryContainer | undefined {
    return this.containers.get(name);
  }

  async exec(argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    if (this.closed) throw new RemoteError(this.host, 'exec after close', 'connect');
    const entry: ExecutedCommand = { argv: [...argv], sudo: options.sudo === true };
    if (options.stdin !== undefined) entry.stdin = options.stdin;
    this.executed.push(entry);
    const injected = this.hooks.onExec?.(argv, options);
    if (injected) return injected;
    const [cmd, ...args] = argv;
    switch (cmd) {
      case 'docker':
        return this.docker(args);
      case 'true':
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
      case 'chmod':
      case 'chown':
        return ok();
      case 'sh':
        if (args[1] === OBSERVE_SCRIPT) return this.observe(args.slice(3));
        if (args[1] === READ_FILES_SCRIPT)
          return ok(formatReadFiles(this.contents(args.slice(3)), args.slice(3)));
        return fail(127, `sh: 1: ${cmd}: not found (MemoryRemote: answer it with hooks.onExec)`);
      default:
        return fail(127, `sh: 1: ${cmd}: not found (MemoryRemote: answer it with hooks.onExec)`);
    }
  }

  async writeFile(path: string, content: string, mode = 0o644): Promise<void> {
    if (this.closed) throw new RemoteError(this.host, 'writeFile after close', 'connect');
    this.executed.push({ argv: ['<writeFile>', path, mode.toString(8)], sudo: false, stdin: content });
    this.putFile(path, content, mode);
  }

  async readFile(path: string): Promise<string | undefined> {
    if (this.closed) throw new RemoteError(this.host, 'readFile after close', 'connect');
    return this.files.get(path)?.content;
  }

  async close(): Promise<void> {
    this.closed = true;
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

  private contents(paths: readonly string[]): Record<string, string | undefined> {
    return Object.fromEntries(paths.map((p) => [p, this.files.get(p)?.content]));
  }

  // --- file system -------------------------------------------------------------------------

  private putFile(path: string, content: string, mode: number): void {
    this.mkdirP(posix.dirname(path));
    this.files.set(path, { content, mode });
  }

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

  private mv(args: readonly string[]): ExecResult {
    const [from, to] = this.operands(args).paths;
    const f = from === undefined ? undefined : this.files.get(from);
    if (!f || from === undefined || to === undefined)
      return fail(1, `mv: cannot stat '${from}': No such file or directory`);
    this.files.delete(from);
    this.putFile(to, f.content, f.mode);
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
    return fail(125, `unknown docker command: "docker ${args.join(' ')}" (MemoryRemote)`);
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
        if (args[++i] !== '{{.ID}}') return fail(125, 'MemoryRemote: ps only supports --format {{.ID}}');
      } else return fail(125, `MemoryRemote: unsupported ps flag ${a}`);
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

  private dockerRun(argv: readonly string[]): ExecResult {
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
      if (!RUN_VALUE_FLAGS.has(flag)) return fail(125, `unknown flag: ${a} (MemoryRemote)`);
      const value = eq > 0 ? a.slice(eq + 1) : args[++i];
      if (value === undefined) return fail(125, `flag needs an argument: ${flag}`);
      this.applyRunFlag(c, flag, value);
    }
    const image = args[i];
    if (image === undefined) return fail(125, '"docker run" requires at least 1 argument.');
    c.image = image;
    c.command = args.slice(i + 1);
    if (!c.name) c.name = `memory_${++this.serial}`;
    if (this.containers.has(c.name)) {
      return fail(
        125,
        `docker: Error response from daemon: Conflict. The container name "/${c.name}" is already in use by container "${this.containers.get(c.name)?.id}". You have to remove (or rename) that container to be able to reuse that name.`,
      );
    }
    const imageId = this.images.get(normalizeImage(image));
    if (!imageId) {
      return fail(
        125,
        `Unable to find image '${image}' locally\ndocker: Error response from daemon: manifest for ${image} not found`,
      );
    }
    const injected = this.hooks.onRun?.(c.name, ['docker', ...argv]);
    if (injected !== undefined && injected !== 0) {
      return fail(
        injected,
        `docker: Error response from daemon: injected failure for ${c.name} (MemoryRemote onRun)`,
      );
    }
    c.imageId = imageId;
    c.id = sha(`container:${c.name}:${++this.serial}`);
    this.containers.set(c.name, c);
    const started = this.startContainer(c);
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
  private startContainer(c: MemoryContainer): ExecResult {
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
    const crash = this.hooks.exitAfterStart?.(c.name);
    if (crash !== undefined) {
      c.status = 'exited';
      c.exitCode = crash;
    }
    return ok();
  }

  private dockerStop(args: readonly string[]): ExecResult {
    const names = args.filter(
      (a, i) => a !== '-t' && a !== '--time' && args[i - 1] !== '-t' && args[i - 1] !== '--time',
    );
    for (const n of names) {
      const c = this.find(n);
      if (!c) return this.noSuchContainer(n);
      if (c.status === 'running') {
        c.status = 'exited';
        c.exitCode = 143;
      }
    }
    return ok(names.map((n) => `${n}\n`).join(''));
  }

  private dockerStart(args: readonly string[]): ExecResult {
    for (const n of args) {
      const c = this.find(n);
      if (!c) return this.noSuchContainer(n);
      if (c.status !== 'running') {
        const r = this.startContainer(c);
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

export { normalizeImage };
