import { connectSsh, type SshOptions } from '../remote/ssh.js';
import { readIdentity, sshConfigEntry } from '../remote/ssh-config.js';
import { RemoteError } from '../remote/remote.js';
import { ReconnectingRemote } from '../remote/reconnect.js';
import { directDialer, routedDialer, type Dialer } from '../gates/dialer.js';
import type { HostConnection } from '../render/render.js';
import type { Reporter } from '../report/reporter.js';
import type { Spec } from '../spec/schema.js';
import type { HostHandle } from './deploy.js';
import { HostState, stateDir } from './host-state.js';
import { dockerOnHost } from './host-docker.js';
import { DockerClient } from '../remote/docker.js';

/** How to reach the hosts: everything here comes from inputs or flags, never from the spec alone. */
export interface ConnectionSettings {
  /** The key text; without it, the agent and/or an IdentityFile of sshConfig. */
  privateKey?: string;
  /** An ssh-agent socket (SSH_AUTH_SOCK). */
  agent?: string;
  /**
   * ~/.ssh/config text, consulted (by host address) only when no privateKey is given: its User,
   * Port and ProxyJump apply below flags and a host's own ssh settings in the spec, above the
   * spec's cluster-wide ssh settings; its first readable IdentityFile is the key.
   */
  sshConfig?: string;
  passphrase?: string;
  knownHosts?: string;
  insecureSkipHostKeyCheck: boolean;
  /** Overrides spec.ssh.user. */
  user?: string;
  /** `user@host:port`, overrides spec.ssh.jumpHost. */
  jumpHost?: string;
  connectTimeoutMs?: number;
  commandTimeoutMs?: number;
  /** How long a host lost mid-run may take to come back before the run gives it up (default 60 s). */
  reconnectWindowMs?: number;
}

export type GatesVia = Spec['gates']['via'];

function parseJumpHost(text: string, fallbackUser: string): { address: string; port: number; user: string } {
  const m = /^(?:([^@]+)@)?([^:]+)(?::(\d+))?$/.exec(text);
  if (!m) throw new Error(`invalid jump host '${text}': expected user@host:port`);
  return { user: m[1] ?? fallbackUser, address: m[2] ?? text, port: Number(m[3] ?? 22) };
}

/**
 * One SSH connection per host, opened in parallel, reused for the whole run. If any host fails,
 * every other connection is closed before the error is rethrown, including those that open only
 * after the failure (each attempt is bounded by the connect timeout, so this wait is too): one left
 * open would keep the process alive.
 */
export async function openHosts(
  hosts: readonly HostConnection[],
  cluster: string,
  settings: ConnectionSettings,
  reporter: Reporter,
): Promise<HostHandle[]> {
  const settled = await Promise.allSettled(
    hosts.map(async (host): Promise<HostHandle> => {
      const name = host.name;
      const cfg =
        settings.privateKey || settings.sshConfig === undefined
          ? undefined
          : sshConfigEntry(settings.sshConfig, host.address);
      const privateKey = settings.privateKey ?? (await readIdentity(cfg?.identityFiles ?? []))?.key;
      if (!privateKey && !settings.agent) {
        throw new Error(
          `no SSH key for ${name} (${host.address}): pass a key, run an ssh-agent (SSH_AUTH_SOCK) or give the host an IdentityFile in ~/.ssh/config`,
        );
      }
      const user = settings.user ?? host.ssh.user ?? cfg?.user ?? host.ssh.clusterUser;
      const hostJump = settings.jumpHost ?? cfg?.proxyJump ?? host.ssh.jumpHost;
      const common = {
        host: name,
        address: host.address,
        port: host.ssh.port ?? cfg?.port ?? host.ssh.clusterPort,
        user,
        ...(privateKey ? { privateKey } : {}),
        ...(settings.agent ? { agent: settings.agent } : {}),
        sudo: host.ssh.sudo,
        ...(settings.passphrase ? { passphrase: settings.passphrase } : {}),
        ...(settings.connectTimeoutMs ? { connectTimeoutMs: settings.connectTimeoutMs } : {}),
        ...(settings.commandTimeoutMs ? { commandTimeoutMs: settings.commandTimeoutMs } : {}),
        ...(hostJump ? { jumpHost: parseJumpHost(hostJump, user) } : {}),
      };
      const options: SshOptions = settings.insecureSkipHostKeyCheck
        ? { ...common, insecureSkipHostKeyCheck: true }
        : { ...common, knownHosts: settings.knownHosts ?? '' };
      // A connection lost mid-run is reopened (bounded) by the next command: an undo can finish.
      const remote = new ReconnectingRemote(
        await connectSsh(options, reporter),
        () => connectSsh(options, reporter),
        reporter,
        settings.reconnectWindowMs !== undefined ? { windowMs: settings.reconnectWindowMs } : {},
      );
      return {
        name,
        remote,
        docker: dockerOnHost(new DockerClient(remote, { sudo: host.ssh.sudo })),
        state: new HostState(remote, stateDir(host.dataRoot, cluster)),
      };
    }),
  );
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  const handles = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  if (failed) {
    await closeHosts(handles);
    throw failed.reason;
  }
  return handles;
}

export async function closeHosts(hosts: readonly HostHandle[]): Promise<void> {
  await Promise.all(hosts.map((h) => h.remote.close().catch(() => undefined)));
}

/**
 * The dialer the gates use. `ssh`: every address of a spec host is dialled through that host's
 * own SSH connection (a channel per probe), so the RocketMQ ports never need to be open to the
 * runner; `direct`: plain TCP from the runner.
 */
export function gateDialer(
  addresses: readonly Pick<HostConnection, 'name' | 'address'>[],
  hosts: readonly HostHandle[],
  via: GatesVia,
): Dialer {
  if (via === 'direct') return directDialer;
  const byAddress = new Map<string, Dialer>();
  for (const h of hosts) {
    const address = addresses.find((a) => a.name === h.name)?.address;
    const remote = h.remote;
    if (address === undefined || byAddress.has(address) || !remote.dial) continue;
    byAddress.set(address, (a, p, signal) => remote.dial?.(a, p, signal) ?? directDialer(a, p, signal));
  }
  return routedDialer(byAddress);
}

/**
 * Before anything stops: one channel through the host's SSH connection to its own SSH port, so an
 * sshd that forbids forwarding fails the run here, with nothing touched. A refused connect still
 * proves forwarding is allowed (sshd tried); only the refusal to forward is fatal.
 */
export async function proveForwarding(host: HostConnection, h: HostHandle): Promise<void> {
  if (!h.remote.dial) return;
  const port = host.ssh.port ?? host.ssh.clusterPort;
  try {
    const channel = await h.remote.dial(host.address, port, AbortSignal.timeout(15_000));
    channel.destroy();
  } catch (error) {
    if ((error as { forwardingRefused?: boolean }).forwardingRefused) throw error;
    if ((error as { code?: string }).code === 'ECONNREFUSED') return;
    if (error instanceof Error && error.name === 'TimeoutError')
      throw new RemoteError(h.name, 'opening an SSH channel for the gates took over 15 s', 'connect');
    throw error;
  }
}
