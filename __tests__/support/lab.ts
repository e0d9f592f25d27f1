import type { HostHandle } from '../../src/rollout/deploy.js';
import { MemoryHost, MemoryLab, memoryHandle, type MemoryHooks } from './memory-host.js';

/** The images the example specs use, present on every host of a test lab. */
export const LAB_IMAGES = ['apacherocketmq/rocketmq:4.8.0-alpine', 'styletang/rocketmq-console-ng:1.0.0'];

/** What a failed container prints, so an undo has a log tail to report. */
export const CRASH_LOG = 'java.lang.IllegalArgumentException: boom';

/**
 * Hosts of one unit test, in memory: each a MemoryHost sharing one MemoryLab (the calls of all
 * hosts in order, kills and outages), with the real DockerClient and HostState on top.
 * Per-container faults are sets the hooks read: add a name to make that container misbehave.
 */
export class TestHosts {
  readonly lab = new MemoryLab();
  readonly host: Record<string, MemoryHost> = {};
  readonly handles: HostHandle[];
  /** `docker run` of these names fails like a port clash. */
  readonly failRun = new Set<string>();
  /** Containers of these names exit with code 1 right after `docker run` (not after a start). */
  readonly crashOnStart = new Set<string>();
  /** mqshutdown finds no JVM in these containers. */
  readonly noShutdown = new Set<string>();
  /** These containers outlive the stop timeout: SIGKILLed (exit 137). */
  readonly hangOnStop = new Set<string>();

  constructor(names: readonly string[], dataRoot: string, cluster: string) {
    const hooks: MemoryHooks = {
      onRun: (name) =>
        this.failRun.has(name)
          ? {
              code: 125,
              stdout: '',
              stderr: `docker: Error response from daemon: Bind for 0.0.0.0:10911 failed: port is already allocated\n`,
            }
          : undefined,
      exitAfterStart: (name, by) => (by === 'run' && this.crashOnStart.has(name) ? 1 : undefined),
      logs: (name) => `${name}: ${CRASH_LOG}\n`,
      noShutdown: (name) => this.noShutdown.has(name),
      hangOnStop: (name) => this.hangOnStop.has(name),
    };
    for (const n of names) this.host[n] = new MemoryHost(n, { lab: this.lab, images: LAB_IMAGES, hooks });
    this.handles = names.map((n) => memoryHandle(this.host[n]!, dataRoot, cluster));
  }

  /** Every call since `from` (lab.mark()), as lines: `A: docker rename x y`. */
  lines(from = 0): string[] {
    return this.lab.lines(from);
  }

  /** The containers the steps change (run, stop, rename, rm, start, the clean stop, kill+rm), from `from` on. */
  steps(from = 0): string[] {
    return this.lines(from)
      .filter((l) =>
        /: (docker (run|stop|rename|rm|start)|sh -c <(shutdown-then-stop|kill-then-rm)>) /.test(l),
      )
      .map(shortRun);
  }

  get writes(): number {
    return Object.values(this.host).reduce((n, h) => n + h.writes, 0);
  }
}

/** `docker run -d --name X ...` shortened to `docker run X`: the full argv is asserted apart. */
export function shortRun(line: string): string {
  const m = /^(\S+: )docker run .*?--name (\S+) .*$/.exec(line);
  return m ? `${m[1]}docker run ${m[2]}` : line;
}
