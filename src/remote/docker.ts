/**
 * The docker CLI, and only the CLI: pure argv builders (tested as tables), parsers of its output,
 * and DockerClient, which runs them over a Remote. Hosts may run Docker or podman's docker-
 * compatible CLI/API; the parsers read both shapes of `inspect` (see __tests__/remote/fixtures).
 */
import { OBSERVE_READ_FAILED, OBSERVE_UNSUPPORTED, observeArgv, parseObservation } from './observe.js';
import { RemoteError, type Remote } from './remote.js';
import { RolloutError, errorMessage } from '../errors.js';

/** The label every managed container carries; its value is the spec's cluster name. */
export const CLUSTER_LABEL = 'rocketmq-rollout.cluster';

export class DockerError extends RolloutError {
  declare readonly host: string;

  constructor(
    host: string,
    readonly argv: readonly string[],
    readonly exitCode: number,
    readonly stderr: string,
  ) {
    const tail = stderr.trim().split('\n').slice(-3).join(' ') || '(no output)';
    super('docker', `${host}: ${argv.join(' ')} exited ${exitCode}: ${tail}`, { host });
  }
}

/** Container and image names come from the spec; one that starts with `-` would read as a flag. */
function operand(value: string, what: string): string {
  if (value === '' || value.startsWith('-')) {
    throw new Error(`invalid ${what} ${JSON.stringify(value)}: it must not be empty or start with '-'`);
  }
  return value;
}

function seconds(value: number, what: string): string {
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`${what} must be a whole number >= 0, got ${value}`);
  return String(value);
}

/**
 * What `mqshutdown` can stop inside a container of the RocketMQ image. A 5.x broker started with
 * `--enable-proxy` runs as the proxy: `mqshutdown broker` finds no JVM there, `proxy` does.
 */
export type RocketmqServer = 'broker' | 'namesrv' | 'proxy';

/**
 * $1 container, $2 server, $3 stop timeout; the exit status is docker stop's. The exec starts
 * first and says so ("started", waited for at most 5 s), then the stop is issued, and only a
 * second later does mqshutdown signal the JVM: by then the engine has recorded the stop as the
 * user's, so the JVM's exit is never taken for a crash that `--restart always` must repair. (With
 * mqshutdown first, a name server's JVM ended in 0.2 s, before the stop arrived: podman started
 * the old server again and its port refused the new container.)
 */
const SHUTDOWN_THEN_STOP = [
  'o=$(mktemp) || exit',
  'trap \'rm -f "$o"\' EXIT',
  `docker exec "$1" sh -c 'echo started; sleep 1; sh mqshutdown "$0"' "$2" >"$o" 2>&1 &`,
  'e=$!',
  'n=0',
  'while ! grep -qx started "$o" && kill -0 "$e" 2>/dev/null && [ "$n" -lt 100 ]; do n=$((n + 1)); sleep 0.05; done',
  'docker stop -t "$3" "$1" >/dev/null || { s=$?; kill "$e" 2>/dev/null; exit "$s"; }',
  'wait "$e"; c=$?',
  'grep -vx started "$o" >&2',
  'echo "mqshutdown=$c"',
].join('\n');

/**
 * $1 container. `docker rm -f` SIGKILLs a running container at once on Docker, but podman's waits
 * out its stop timeout first (60.9 s against 0.9 s on the lab): `docker kill` first makes both do
 * what the caller means. The kill's complaint about a container that is not running is dropped;
 * the exit status is rm's.
 */
const KILL_THEN_REMOVE = 'docker kill "$1" >/dev/null 2>&1; exec docker rm -f "$1"';

/** mqshutdown's exit code from shutdownThenStop's output; undefined when the line is missing. */
export function parseShutdownCode(stdout: string): number | undefined {
  const m = /^mqshutdown=(\d+)$/m.exec(stdout);
  return m ? Number(m[1]) : undefined;
}

/** Pure argv builders: each returns the full argv, `docker` first. */
export const dockerArgv = {
  version: (): string[] => ['docker', 'version', '--format', '{{.Server.Version}}'],
  /** IDs (full length) of every container, running or not, labelled with this cluster. */
  listByCluster: (cluster: string): string[] => [
    'docker',
    'ps',
    '-a',
    '--no-trunc',
    '--filter',
    `label=${CLUSTER_LABEL}=${cluster}`,
    '--format',
    '{{.ID}}',
  ],
  inspect: (ids: readonly string[]): string[] => [
    'docker',
    'inspect',
    '--type',
    'container',
    ...ids.map((id) => operand(id, 'container')),
  ],
  imageInspect: (image: string): string[] => ['docker', 'image', 'inspect', operand(image, 'image')],
  pull: (image: string): string[] => ['docker', 'pull', operand(image, 'image')],
  /** The renderer's run argv, `run` first (added when missing); never a shell string. */
  run: (runArgv: readonly string[]): string[] =>
    runArgv[0] === 'run' ? ['docker', ...runArgv] : ['docker', 'run', ...runArgv],
  stop: (name: string, timeoutSeconds: number): string[] => [
    'docker',
    'stop',
    '-t',
    seconds(timeoutSeconds, 'stop timeout'),
    operand(name, 'container'),
  ],
  /**
   * A clean stop in one host command, so no SSH round trip separates its parts: `docker exec NAME
   * sh mqshutdown broker|namesrv|proxy` in the image's bin directory (its WORKDIR) sends SIGTERM
   * to the JVM that PID 1 (`sh`) never passes a signal on to, and `docker stop -t T` marks the
   * exit as the user's (else `--restart always` starts the old server again the moment its JVM
   * exits). The exec must begin before the stop (podman refuses an exec once a stop has begun)
   * and signal the JVM only after it (see SHUTDOWN_THEN_STOP). The stop's SIGTERM to PID 1 is
   * ignored, it returns when the JVM's shutdown hook ends, and it SIGKILLs only after T seconds:
   * the fallback. The last stdout line is `mqshutdown=CODE`.
   */
  shutdownThenStop: (name: string, server: RocketmqServer, timeoutSeconds: number): string[] => [
    'sh',
    '-c',
    SHUTDOWN_THEN_STOP,
    'rocketmq-rollout-stop',
    operand(name, 'container'),
    server,
    seconds(timeoutSeconds, 'stop timeout'),
  ],
  start: (name: string): string[] => ['docker', 'start', operand(name, 'container')],
  rename: (from: string, to: string): string[] => [
    'docker',
    'rename',
    operand(from, 'container'),
    operand(to, 'container name'),
  ],
  rm: (name: string, options: { force?: boolean } = {}): string[] => [
    'docker',
    'rm',
    ...(options.force ? ['-f'] : []),
    operand(name, 'container'),
  ],
  /** Kill (if it runs) and remove, in one host command: see KILL_THEN_REMOVE. */
  killThenRemove: (name: string): string[] => [
    'sh',
    '-c',
    KILL_THEN_REMOVE,
    'rocketmq-rollout-rm',
    operand(name, 'container'),
  ],
  logs: (name: string, tail: number): string[] => [
    'docker',
    'logs',
    '--tail',
    seconds(tail, 'tail'),
    operand(name, 'container'),
  ],
};

export interface PublishedPort {
  /** `10911/tcp` */
  containerPort: string;
  hostIp: string;
  hostPort: string;
}

export interface ContainerInfo {
  id: string;
  /** Without docker's leading `/`. */
  name: string;
  /** The image reference the container was created from (`repo:tag`). */
  image: string;
  /** The image ID, `sha256:` prefix removed (podman prints it bare). */
  imageId: string;
  created: string;
  state: { status: string; running: boolean; exitCode: number; startedAt: string };
  /** Flat copies of state, the shape plan's ObservedContainer reads. */
  status: string;
  running: boolean;
  exitCode: number;
  labels: Record<string, string>;
  env: string[];
  ports: PublishedPort[];
  mounts: { source: string; destination: string; readOnly: boolean }[];
  restartPolicy: string;
}

export interface ImageInfo {
  id: string;
  repoTags: string[];
  created: string;
}

type Json = Record<string, unknown>;

function obj(v: unknown): Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {};
}
function str(v: unknown, fallback = ''): string {
  return typeof v === 'string' ? v : fallback;
}
function num(v: unknown, fallback = 0): number {
  return typeof v === 'number' ? v : fallback;
}
function strMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(obj(v))) if (typeof val === 'string') out[k] = val;
  return out;
}
function bareId(id: string): string {
  return id.replace(/^sha256:/, '');
}

/** `docker inspect` prints a JSON array even for errors (`[]`); empty output reads as none. */
function parseArray(text: string, what: string): unknown[] {
  if (text.trim() === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new Error(`unreadable ${what} output (not JSON): ${errorMessage(err)}`);
  }
  if (!Array.isArray(parsed)) throw new Error(`unreadable ${what} output: expected a JSON array`);
  return parsed;
}

export function parseContainerInspect(text: string): ContainerInfo[] {
  return parseArray(text, 'docker inspect').map((item) => {
    const c = obj(item);
    const state = obj(c.State);
    const config = obj(c.Config);
    const hostConfig = obj(c.HostConfig);
    const status = str(state.Status, 'unknown');
    const running = state.Running === true;
    const exitCode = num(state.ExitCode);
    const ports: PublishedPort[] = [];
    for (const [containerPort, bindings] of Object.entries(obj(obj(c.NetworkSettings).Ports))) {
      if (!Array.isArray(bindings)) continue;
      for (const b of bindings)
        ports.push({ containerPort, hostIp: str(obj(b).HostIp), hostPort: str(obj(b).HostPort) });
    }
    const mounts = (Array.isArray(c.Mounts) ? c.Mounts : []).map((m) => ({
      source: str(obj(m).Source),
      destination: str(obj(m).Destination),
      readOnly: obj(m).RW === false,
    }));
    return {
      id: str(c.Id),
      name: str(c.Name).replace(/^\//, ''),
      // Docker records the reference in Config.Image; podman also in ImageName.
      image: str(config.Image) || str(c.ImageName),
      imageId: bareId(str(c.Image)),
      created: str(c.Created),
      state: { status, running, exitCode, startedAt: str(state.StartedAt) },
      status,
      running,
      exitCode,
      labels: strMap(config.Labels),
      env: (Array.isArray(config.Env) ? config.Env : []).filter((e): e is string => typeof e === 'string'),
      ports,
      mounts,
      restartPolicy: str(obj(hostConfig.RestartPolicy).Name),
    };
  });
}

export function parseImageInspect(text: string): ImageInfo[] {
  return parseArray(text, 'docker image inspect').map((item) => {
    const i = obj(item);
    return {
      id: bareId(str(i.Id)),
      repoTags: (Array.isArray(i.RepoTags) ? i.RepoTags : []).filter(
        (t): t is string => typeof t === 'string',
      ),
      created: str(i.Created),
    };
  });
}

/** IDs printed one per line by `docker ps --format {{.ID}}`. */
export function parseIdLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/**
 * docker and podman say "No such object/container/image" for a missing one. Deliberately narrow:
 * "docker: command not found" must stay an error, not read as "absent".
 */
export function isNoSuch(stderr: string): boolean {
  return /no such (object|container|image)/i.test(stderr);
}

export interface DockerClientOptions {
  /** Run docker as `sudo -n docker` (users outside the docker group). */
  sudo?: boolean;
  /** Deadline of ordinary commands. Default 2 min. */
  timeoutMs?: number;
  /** Deadline of `docker pull`. Default 30 min. */
  pullTimeoutMs?: number;
  /** Added to `stop -t` seconds: docker waits that long, then kills. Default 60 s. */
  stopGraceMs?: number;
}

/** One host's docker CLI over a Remote. Every method throws DockerError with docker's stderr. */
export class DockerClient {
  constructor(
    readonly remote: Remote,
    private readonly options: DockerClientOptions = {},
  ) {}

  private async call(argv: string[], timeoutMs = this.options.timeoutMs ?? 120_000) {
    const result = await this.remote.exec(argv, {
      timeoutMs,
      ...(this.options.sudo !== undefined ? { sudo: this.options.sudo } : {}),
    });
    return { ...result, argv };
  }

  private async must(argv: string[], timeoutMs?: number): Promise<string> {
    const r = await this.call(argv, timeoutMs);
    if (r.code !== 0) throw new DockerError(this.remote.host, argv, r.code, r.stderr || r.stdout);
    return r.stdout;
  }

  /** The engine's version, proving docker answers (pre-flight). */
  async version(): Promise<string> {
    return (await this.must(dockerArgv.version())).trim();
  }

  /** Every container of the cluster, running or not, inspected. */
  async listManaged(cluster: string): Promise<ContainerInfo[]> {
    const ids = parseIdLines(await this.must(dockerArgv.listByCluster(cluster)));
    if (ids.length === 0) return [];
    const r = await this.call(dockerArgv.inspect(ids));
    // A container removed between ps and inspect: docker still prints the others, exit 1.
    if (r.code !== 0 && !(isNoSuch(r.stderr) && r.stdout.trim().startsWith('['))) {
      throw new DockerError(this.remote.host, r.argv, r.code, r.stderr);
    }
    return parseContainerInspect(r.stdout);
  }

  /**
   * listManaged and the content of `paths`, in one command (see observe.ts); undefined when the
   * host cannot (no base64): then ask for them one by one.
   */
  async observe(
    cluster: string,
    paths: readonly string[],
  ): Promise<{ containers: ContainerInfo[]; files: Record<string, string | undefined> } | undefined> {
    const argv = observeArgv.observe(
      `label=${CLUSTER_LABEL}=${cluster}`,
      paths,
      this.options.sudo ? { sudo: true } : {},
    );
    // The script calls docker itself (through sudo when asked): the Remote must not prefix it.
    const r = await this.remote.exec(argv, { timeoutMs: this.options.timeoutMs ?? 120_000, sudo: false });
    if (r.code === OBSERVE_UNSUPPORTED) return undefined;
    if (r.code !== 0) {
      const stderr = r.stderr.trim();
      if (r.code === OBSERVE_READ_FAILED)
        throw new RemoteError(this.remote.host, `cannot read the rendered files: ${stderr}`, 'io');
      throw new DockerError(
        this.remote.host,
        dockerArgv.listByCluster(cluster),
        r.code,
        r.stderr || r.stdout,
      );
    }
    const o = parseObservation(r.stdout, paths);
    // As listManaged: a container removed between ps and inspect leaves the others printed, exit 1.
    if (o.inspect.code !== 0 && !(isNoSuch(r.stderr) && o.inspect.stdout.trim().startsWith('[')))
      throw new DockerError(
        this.remote.host,
        ['docker', 'inspect', '--type', 'container'],
        o.inspect.code,
        r.stderr,
      );
    return { containers: parseContainerInspect(o.inspect.stdout), files: o.files };
  }

  /** One container by name or id; undefined when there is none. */
  async inspect(nameOrId: string): Promise<ContainerInfo | undefined> {
    const r = await this.call(dockerArgv.inspect([nameOrId]));
    if (r.code !== 0) {
      if (isNoSuch(r.stderr)) return undefined;
      throw new DockerError(this.remote.host, r.argv, r.code, r.stderr);
    }
    return parseContainerInspect(r.stdout)[0];
  }

  /** The image if present on the host; undefined when absent (then pull it). */
  async imageInspect(image: string): Promise<ImageInfo | undefined> {
    const r = await this.call(dockerArgv.imageInspect(image));
    if (r.code !== 0) {
      if (isNoSuch(r.stderr)) return undefined;
      throw new DockerError(this.remote.host, r.argv, r.code, r.stderr);
    }
    return parseImageInspect(r.stdout)[0];
  }

  async imagePresent(image: string): Promise<boolean> {
    return (await this.imageInspect(image)) !== undefined;
  }

  async pull(image: string): Promise<void> {
    await this.must(dockerArgv.pull(image), this.options.pullTimeoutMs ?? 30 * 60_000);
  }

  /** `docker run` the renderer's argv; returns the new container's id. */
  async run(runArgv: readonly string[]): Promise<string> {
    const out = await this.must(dockerArgv.run(runArgv), 5 * 60_000);
    return parseIdLines(out).at(-1) ?? '';
  }

  async stop(name: string, timeoutSeconds: number): Promise<void> {
    await this.must(
      dockerArgv.stop(name, timeoutSeconds),
      timeoutSeconds * 1000 + (this.options.stopGraceMs ?? 60_000),
    );
  }

  /**
   * mqshutdown, then docker stop (see dockerArgv.shutdownThenStop). Returns mqshutdown's exit code
   * and what it printed; throws DockerError when the stop itself fails.
   */
  async shutdownThenStop(
    name: string,
    server: RocketmqServer,
    timeoutSeconds: number,
  ): Promise<{ shutdownCode: number; output: string }> {
    const argv = dockerArgv.shutdownThenStop(name, server, timeoutSeconds);
    const r = await this.call(argv, timeoutSeconds * 1000 + (this.options.stopGraceMs ?? 60_000));
    const code = parseShutdownCode(r.stdout);
    if (r.code !== 0 || code === undefined)
      throw new DockerError(this.remote.host, argv, r.code, r.stderr || r.stdout);
    return { shutdownCode: code, output: r.stderr.trim() };
  }

  async start(name: string): Promise<void> {
    await this.must(dockerArgv.start(name));
  }

  async rename(from: string, to: string): Promise<void> {
    await this.must(dockerArgv.rename(from, to));
  }

  /** Remove a container; `force` (kill a running one) only where the caller asks. */
  async rm(name: string, options: { force?: boolean } = {}): Promise<void> {
    await this.must(dockerArgv.rm(name, options));
  }

  /** Killed and removed: a failed new container (or a stopped old one) that must go whatever its state. */
  async remove(name: string): Promise<void> {
    await this.must(dockerArgv.killThenRemove(name));
  }

  /** The last `tail` lines the container wrote, its stdout and stderr separately. */
  async logs(name: string, tail: number): Promise<{ stdout: string; stderr: string }> {
    const r = await this.call(dockerArgv.logs(name, tail));
    if (r.code !== 0) throw new DockerError(this.remote.host, r.argv, r.code, r.stderr);
    return { stdout: r.stdout, stderr: r.stderr };
  }
}
