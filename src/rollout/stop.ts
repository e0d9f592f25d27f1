import type { ContainerKind } from '../render/render.js';
import type { RocketmqServer } from '../remote/docker.js';
import type { HostDocker } from './ports.js';

/**
 * How a running container is stopped. In the official RocketMQ image PID 1 is `sh` (mqbroker and
 * mqnamesrv start java as a grandchild), so `docker stop` alone never reaches the JVM: it waits
 * the whole timeout and SIGKILLs. Name servers and brokers are stopped with the image's own
 * mqshutdown first; the console (and anything else) with a plain docker stop.
 */

/** The exit code of a container whose processes were SIGKILLed (128 + 9). */
export const SIGKILL_EXIT = 137;

export interface StopRecord {
  /** The container stopped (the old one, already renamed aside). */
  container: string;
  /** How the JVM was asked to stop: mqshutdown, or docker stop when that failed or does not apply. */
  method: 'mqshutdown' | 'docker stop';
  /** The container's exit code after the stop (143 = the JVM ended on SIGTERM); -1 unknown. */
  exitCode: number;
  /** SIGKILLed (exit 137): the JVM did not shut down cleanly. */
  killed: boolean;
  ms: number;
  /** mqshutdown's complaint when it failed. */
  detail?: string;
}

const SERVER: Partial<Record<ContainerKind, RocketmqServer>> = {
  nameServer: 'namesrv',
  master: 'broker',
  slave: 'broker',
  proxy: 'proxy',
};

export async function stopContainer(
  docker: HostDocker,
  name: string,
  kind: ContainerKind,
  timeoutSeconds: number,
): Promise<StopRecord> {
  const started = performance.now();
  const server = SERVER[kind];
  let method: StopRecord['method'] = 'docker stop';
  let detail: string | undefined;
  if (server) {
    const r = await docker.stopServer(name, server, timeoutSeconds);
    if (r.shutdownCode === 0) method = 'mqshutdown';
    else detail = `mqshutdown exited ${r.shutdownCode}${r.output ? `: ${r.output}` : ''}`;
  } else {
    await docker.stop(name, timeoutSeconds);
  }
  let state = await docker.inspect(name);
  // The stop is issued before mqshutdown signals the JVM, so the restart policy should never see
  // a crash; should the engine have started the old server again all the same, stop it once
  // more, cleanly (a bare docker stop of the official image waits the timeout and SIGKILLs).
  if (state?.running) {
    if (server) await docker.stopServer(name, server, timeoutSeconds);
    else await docker.stop(name, timeoutSeconds);
    state = (await docker.inspect(name)) ?? state;
  }
  const exitCode = state?.exitCode ?? -1;
  return {
    container: name,
    method,
    exitCode,
    killed: exitCode === SIGKILL_EXIT,
    ms: Math.round(performance.now() - started),
    ...(detail ? { detail } : {}),
  };
}

/** One progress line for a stop, and whether it deserves a warning. */
export function describeStop(s: StopRecord, timeoutSeconds: number): { warn: boolean; text: string } {
  const how = `${s.container} stopped with ${s.method} in ${(s.ms / 1000).toFixed(1)}s (exit ${s.exitCode})`;
  const fellBack = s.detail ? `; ${s.detail}, so it fell back to docker stop` : '';
  if (s.killed) {
    return {
      warn: true,
      text:
        `${how}${fellBack}: SIGKILLed after the ${timeoutSeconds}s stop timeout, not a clean shutdown — ` +
        'the store was not flushed and closed (it runs a recovery pass on the next start) and the ' +
        'server did not unregister from the name servers',
    };
  }
  return { warn: s.detail !== undefined, text: `${how}${fellBack}` };
}
