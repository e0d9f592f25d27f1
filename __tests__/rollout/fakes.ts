import { LABELS, type RenderedContainer } from '../../src/render/render.js';
import type { ObservedContainer } from '../../src/plan/plan.js';
import type { RocketmqServer } from '../../src/remote/docker.js';
import { RemoteError, type ExecResult, type Remote } from '../../src/remote/remote.js';
import { APPEND_SCRIPT } from '../../src/rollout/journal.js';
import type { GateResult, Gates, HostDocker, LiveView } from '../../src/rollout/ports.js';

/**
 * Fakes for the engine's ports (a host's files and docker, the gates), recording every call in
 * one shared journal so tests can assert order across hosts.
 */
export class Journal {
  readonly lines: string[] = [];
  /** The run's own journal line that "SIGKILLs" it: recorded, then every later call on any host fails. */
  killAt: RegExp | undefined;
  killed = false;
  add(line: string): void {
    this.lines.push(line);
  }
  /** Hosts unreachable over SSH now: every call fails like a lost connection. */
  readonly down = new Set<string>();
  /** Hosts whose next call fails like a lost connection, then work again (a short outage). */
  readonly dropOnce = new Set<string>();
  /** Throws once the run is dead (a killed process does nothing more, not even its cleanup), or the host is away. */
  alive(host?: string): void {
    if (this.killed) throw new Error('the process was killed');
    if (host && (this.down.has(host) || this.dropOnce.delete(host)))
      throw new RemoteError(host, 'SSH connection lost: Keepalive timeout', 'connect');
  }
}

export class FakeHostFs implements Remote {
  readonly files = new Map<string, string>();
  readonly dirs = new Set<string>();
  writes = 0;
  /** Answer every command this much later (a slow host, for ordering races). */
  delayMs = 0;
  constructor(
    readonly host: string,
    private readonly journal: Journal,
  ) {}

  async exec(argv: readonly string[]): Promise<ExecResult> {
    this.journal.alive(this.host);
    this.inFlight += 1;
    try {
      if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
      return this.answer(argv);
    } finally {
      this.inFlight -= 1;
      if (this.inFlight === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    }
  }

  private inFlight = 0;
  private readonly idleWaiters: (() => void)[] = [];

  /** Resolves once no command is running on this host (nothing left in the background). */
  idle(): Promise<void> {
    return this.inFlight === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private answer(argv: readonly string[]): ExecResult {
    const ok = { code: 0, stdout: '', stderr: '' };
    const [cmd, ...args] = argv;
    this.journal.add(`${this.host}: ${argv.join(' ')}`);
    if (cmd === 'mkdir' && args[0] === '-p') {
      for (const d of args.slice(1)) this.dirs.add(d);
      return ok;
    }
    if (cmd === 'mkdir') {
      const d = args[0] ?? '';
      if (this.dirs.has(d))
        return { code: 1, stdout: '', stderr: `mkdir: cannot create directory '${d}': File exists` };
      this.dirs.add(d);
      return ok;
    }
    if (cmd === 'rm') {
      for (const p of args.filter((a) => !a.startsWith('-'))) {
        this.files.delete(p);
        for (const d of [...this.dirs]) if (d === p || d.startsWith(`${p}/`)) this.dirs.delete(d);
        for (const f of [...this.files.keys()]) if (f.startsWith(`${p}/`)) this.files.delete(f);
      }
      return ok;
    }
    if (cmd === 'df')
      return {
        code: 0,
        stdout:
          'Filesystem 1024-blocks Used Available Capacity Mounted on\n/dev/x 100000000 1000 99999000 1% /\n',
        stderr: '',
      };
    if (cmd === 'chown') return ok;
    if (cmd === 'sh' && args[1] === APPEND_SCRIPT) {
      const [, , , line = '', path = ''] = args;
      this.files.set(path, `${this.files.get(path) ?? ''}${line}\n`);
      if (this.journal.killAt?.test(line)) this.journal.killed = true;
      return ok;
    }
    if (cmd === 'test' && args[0] === '-d') return this.dirs.has(args[1] ?? '') ? ok : { ...ok, code: 1 };
    if (cmd === 'mv') {
      // Directories only (what the lock take-over renames), and like rename(2): fails if the source is gone.
      const [from = '', to = ''] = args;
      if (!this.dirs.has(from) || this.dirs.has(to))
        return { code: 1, stdout: '', stderr: `mv: cannot move '${from}' to '${to}'` };
      for (const d of [...this.dirs])
        if (d === from || d.startsWith(`${from}/`)) {
          this.dirs.delete(d);
          this.dirs.add(to + d.slice(from.length));
        }
      for (const [f, text] of [...this.files])
        if (f.startsWith(`${from}/`)) {
          this.files.delete(f);
          this.files.set(to + f.slice(from.length), text);
        }
      return ok;
    }
    return { code: 127, stdout: '', stderr: `fake host: unknown command ${cmd}` };
  }

  async writeFile(path: string, content: string): Promise<void> {
    this.journal.alive(this.host);
    this.writes += 1;
    this.journal.add(`${this.host}: write ${path}`);
    this.files.set(path, content);
  }

  async readFile(path: string): Promise<string | undefined> {
    this.journal.alive(this.host);
    return this.files.get(path);
  }

  async close(): Promise<void> {}
}

interface FakeContainer extends ObservedContainer {
  runArgs: string[];
}

let nextId = 1;

export class FakeDocker implements HostDocker {
  readonly containers = new Map<string, FakeContainer>();
  images = new Set<string>(['apacherocketmq/rocketmq:4.8.0-alpine', 'styletang/rocketmq-console-ng:1.0.0']);
  /** Registry contents: pull succeeds only for these. */
  pullable = new Set<string>();
  /** `docker run` of these names fails like a port clash. */
  failRun = new Set<string>();
  /** Containers of these names exit with code 1 right after they start. */
  crashOnStart = new Set<string>();
  /** mqshutdown finds no JVM in these containers (exit 1, as in an image without it). */
  noShutdown = new Set<string>();
  /** These containers outlive the stop timeout: docker stop SIGKILLs them (exit 137). */
  hangOnStop = new Set<string>();

  constructor(
    readonly host: string,
    private readonly journal: Journal,
  ) {}

  private log(what: string): void {
    this.journal.alive(this.host);
    this.journal.add(`${this.host}: docker ${what}`);
  }

  async listManaged(cluster: string): Promise<ObservedContainer[]> {
    this.journal.alive(this.host);
    return [...this.containers.values()]
      .filter((c) => c.labels[LABELS.cluster] === cluster)
      .map((c) => ({ ...c, labels: { ...c.labels } }));
  }
  async inspect(name: string): Promise<ObservedContainer | undefined> {
    this.journal.alive(this.host);
    const c = this.containers.get(name);
    return c ? { ...c, labels: { ...c.labels } } : undefined;
  }
  async imagePresent(image: string): Promise<boolean> {
    return this.images.has(image);
  }
  async pull(image: string): Promise<void> {
    this.log(`pull ${image}`);
    if (!this.pullable.has(image)) throw new Error(`manifest unknown: ${image}`);
    this.images.add(image);
  }
  async run(runArgs: readonly string[]): Promise<string> {
    const name = runArgs[runArgs.indexOf('--name') + 1] ?? '';
    this.log(`run ${name}`);
    if (this.containers.has(name)) throw new Error(`the container name "${name}" is already in use`);
    if (this.failRun.has(name)) throw new Error('port is already allocated');
    const labels: Record<string, string> = {};
    runArgs.forEach((a, i) => {
      if (runArgs[i - 1] === '--label') labels[a.slice(0, a.indexOf('='))] = a.slice(a.indexOf('=') + 1);
    });
    const image = runArgs.find((a) => this.images.has(a)) ?? '';
    const id = `id${nextId++}`;
    const crash = this.crashOnStart.has(name);
    this.containers.set(name, {
      id,
      name,
      image,
      running: !crash,
      status: crash ? 'exited' : 'running',
      exitCode: crash ? 1 : 0,
      labels,
      runArgs: [...runArgs],
    });
    return id;
  }
  private get(name: string): FakeContainer {
    const c = this.containers.get(name);
    if (!c) throw new Error(`no such container: ${name}`);
    return c;
  }
  async stop(name: string, timeoutSeconds: number): Promise<void> {
    this.log(`stop -t ${timeoutSeconds} ${name}`);
    const c = this.get(name);
    c.running = false;
    c.status = 'exited';
    // PID 1 is sh in the RocketMQ image: a bare stop of a server ends in SIGKILL; mqshutdown's
    // SIGTERM ends the JVM (143) unless it hangs. The console's JVM gets docker's SIGTERM itself.
    const server = c.labels[LABELS.kind] !== 'console';
    c.exitCode = this.hangOnStop.has(name) || (server && !this.shutdownSent.has(name)) ? 137 : 143;
  }
  private readonly shutdownSent = new Set<string>();
  async stopServer(
    name: string,
    server: RocketmqServer,
    timeoutSeconds: number,
  ): Promise<{ shutdownCode: number; output: string }> {
    this.log(`exec ${name} sh mqshutdown ${server}`);
    this.get(name);
    const shutdownCode = this.noShutdown.has(name) ? 1 : 0;
    if (shutdownCode === 0) this.shutdownSent.add(name);
    await this.stop(name, timeoutSeconds);
    return { shutdownCode, output: shutdownCode ? `No ${server} running.` : '' };
  }
  async start(name: string): Promise<void> {
    this.log(`start ${name}`);
    const c = this.get(name);
    c.running = true;
    c.status = 'running';
    c.exitCode = 0;
  }
  async rename(from: string, to: string): Promise<void> {
    this.log(`rename ${from} ${to}`);
    const c = this.get(from);
    if (this.containers.has(to)) throw new Error(`name ${to} in use`);
    this.containers.delete(from);
    c.name = to;
    this.containers.set(to, c);
  }
  async remove(name: string): Promise<void> {
    this.journal.alive(this.host);
    this.get(name);
    this.log(`rm -f ${name}`);
    this.containers.delete(name);
  }
  async logs(name: string): Promise<string> {
    this.get(name);
    return `${name}: java.lang.IllegalArgumentException: boom\n`;
  }
  async version(): Promise<string> {
    return '4.3.1';
  }
}

export class FakeGates implements Gates {
  /** Containers whose gates fail the first time (the new one), not on the re-gate of the old. */
  failing = new Map<string, string>();
  /** Called while gating `name` (e.g. to abort mid-step). */
  during = new Map<string, () => void>();
  refuseStop = new Map<string, string>();
  /** Gates of these containers never pass: they wait until aborted (as a port that never opens). */
  hang = new Set<string>();
  readonly checked: string[] = [];
  /** Every check takes this long (a rollout that outlasts another run's wait for the lock). */
  delayMs = 0;

  async check(c: RenderedContainer, _live: LiveView, signal: AbortSignal): Promise<GateResult[]> {
    this.checked.push(`${c.host}/${c.name}`);
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    this.during.get(c.name)?.();
    if (this.hang.has(c.name)) {
      this.hang.delete(c.name);
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    }
    if (signal.aborted) return [{ gate: 'port', ok: false, detail: 'aborted', elapsedMs: 1 }];
    const bad = this.failing.get(c.name);
    this.failing.delete(c.name);
    if (bad)
      return [
        { gate: 'port', ok: true, detail: 'open', elapsedMs: 1 },
        { gate: bad, ok: false, detail: `${bad} never passed`, elapsedMs: 5 },
      ];
    return [{ gate: 'port', ok: true, detail: 'open', elapsedMs: 1 }];
  }

  async safeToStop(c: RenderedContainer): Promise<{ ok: boolean; why: string }> {
    const why = this.refuseStop.get(c.name);
    return why ? { ok: false, why } : { ok: true, why: 'fine' };
  }
}
