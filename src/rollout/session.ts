import { connectSsh, type SshOptions } from '../remote/ssh.js';
import type { Remote } from '../remote/remote.js';
import { hostDataRoot } from '../render/render.js';
import type { Reporter } from '../report/reporter.js';
import type { Spec } from '../spec/schema.js';
import type { HostHandle } from './deploy.js';
import { HostState, stateDir } from './host-state.js';
import { dockerOnHost } from './host-docker.js';
import { DockerClient } from '../remote/docker.js';

/** How to reach the hosts: everything here comes from inputs or flags, never from the spec alone. */
export interface ConnectionSettings {
  privateKey: string;
  passphrase?: string;
  knownHosts?: string;
  insecureSkipHostKeyCheck: boolean;
  /** Overrides spec.ssh.user. */
  user?: string;
  /** `user@host:port`, overrides spec.ssh.jumpHost. */
  jumpHost?: string;
  connectTimeoutMs?: number;
  commandTimeoutMs?: number;
}

function parseJumpHost(text: string, fallbackUser: string): { address: string; port: number; user: string } {
  const m = /^(?:([^@]+)@)?([^:]+)(?::(\d+))?$/.exec(text);
  if (!m) throw new Error(`invalid jump host '${text}': expected user@host:port`);
  return { user: m[1] ?? fallbackUser, address: m[2] ?? text, port: Number(m[3] ?? 22) };
}

/**
 * One SSH connection per host, opened in parallel, reused for the whole run. If any host fails,
 * the ones already open are closed before the error is rethrown.
 */
export async function openHosts(
  spec: Spec,
  hostNames: readonly string[],
  settings: ConnectionSettings,
  reporter: Reporter,
): Promise<HostHandle[]> {
  const opened: Remote[] = [];
  const jump = settings.jumpHost ?? spec.ssh.jumpHost;
  try {
    return await Promise.all(
      hostNames.map(async (name) => {
        const host = spec.hosts[name];
        if (!host) throw new Error(`host ${name} is not in the spec`);
        const user = settings.user ?? host.ssh?.user ?? spec.ssh.user;
        const common = {
          host: name,
          address: host.address,
          port: host.ssh?.port ?? spec.ssh.port,
          user,
          privateKey: settings.privateKey,
          sudo: spec.ssh.sudo,
          ...(settings.passphrase ? { passphrase: settings.passphrase } : {}),
          ...(settings.connectTimeoutMs ? { connectTimeoutMs: settings.connectTimeoutMs } : {}),
          ...(settings.commandTimeoutMs ? { commandTimeoutMs: settings.commandTimeoutMs } : {}),
          ...(jump ? { jumpHost: parseJumpHost(jump, user) } : {}),
        };
        const options: SshOptions = settings.insecureSkipHostKeyCheck
          ? { ...common, insecureSkipHostKeyCheck: true }
          : { ...common, knownHosts: settings.knownHosts ?? '' };
        const remote = await connectSsh(options, reporter);
        opened.push(remote);
        return {
          name,
          remote,
          docker: dockerOnHost(new DockerClient(remote, { sudo: spec.ssh.sudo })),
          state: new HostState(remote, stateDir(hostDataRoot(spec, name), spec.cluster)),
        };
      }),
    );
  } catch (error) {
    await Promise.all(opened.map((r) => r.close().catch(() => undefined)));
    throw error;
  }
}

export async function closeHosts(hosts: readonly HostHandle[]): Promise<void> {
  await Promise.all(hosts.map((h) => h.remote.close().catch(() => undefined)));
}
