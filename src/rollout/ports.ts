import type { ObservedContainer } from '../plan/plan.js';
import type { RenderedCluster, RenderedContainer } from '../render/render.js';
import type { RocketmqServer } from '../remote/docker.js';

/**
 * What the rollout engine needs from a host's docker and from the gates, as narrow interfaces:
 * the engine is tested with fakes of these, the real ones wrap the docker CLI over SSH and the
 * RocketMQ remoting client.
 */
export interface HostDocker {
  listManaged(cluster: string): Promise<ObservedContainer[]>;
  /**
   * listManaged and the content of `paths` in one host command; undefined (or absent) where the
   * host cannot, and the caller reads them one by one.
   */
  observe?(
    cluster: string,
    paths: readonly string[],
  ): Promise<{ containers: ObservedContainer[]; files: Record<string, string | undefined> } | undefined>;
  /** One container by name; undefined when there is none. */
  inspect(name: string): Promise<ObservedContainer | undefined>;
  imagePresent(image: string): Promise<boolean>;
  pull(image: string): Promise<void>;
  run(runArgs: readonly string[]): Promise<string>;
  stop(name: string, timeoutSeconds: number): Promise<void>;
  /** `mqshutdown SERVER` in the container, then docker stop (the fallback); mqshutdown's exit code. */
  stopServer(
    name: string,
    server: RocketmqServer,
    timeoutSeconds: number,
  ): Promise<{ shutdownCode: number; output: string }>;
  start(name: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  remove(name: string): Promise<void>;
  logs(name: string, tail: number): Promise<string>;
  version(): Promise<string>;
}

export interface GateResult {
  gate: string;
  ok: boolean;
  detail: string;
  elapsedMs: number;
  /** When the gate passed or failed (epoch ms): gates of one container run concurrently. */
  at?: number;
}

/** Which parts of the cluster run right now: gates only expect what has been started so far. */
export interface LiveView {
  cluster: RenderedCluster;
  /** Names of containers known to be running (observed or started and gated in this run). */
  running: Set<string>;
}

export interface Gates {
  /** Every gate that proves `container` healthy, given what else runs; stops at the first failure. */
  check(container: RenderedContainer, live: LiveView, signal: AbortSignal): Promise<GateResult[]>;
  /** Before stopping a container: refuse when that would take a group or the name service down. */
  safeToStop(container: RenderedContainer, live: LiveView): Promise<{ ok: boolean; why: string }>;
  /** After a broker stopped: make every name server forget it, or throw (the step is undone). */
  forgetStopped?(old: RenderedContainer, live: LiveView): Promise<void>;
  /**
   * Before a broker stops: idle connections to its remoting ports, for its shutdown to close
   * (see LiveGates). Resolves to what closes those still open; never rejects.
   */
  holdDuringStop?(old: RenderedContainer): Promise<() => void>;
}
