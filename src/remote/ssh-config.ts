import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import SSHConfig from 'ssh-config';

/**
 * The parts of an OpenSSH client config (~/.ssh/config) the CLI honours when no key is given, so
 * that a host reachable with plain `ssh` is reachable here too: User, Port, IdentityFile and
 * ProxyJump of the first matching Host/Match sections, as ssh computes them.
 */
export interface SshConfigEntry {
  user?: string;
  port?: number;
  identityFiles: string[];
  /** `[user@]host[:port]`: one hop (a chain of jump hosts is refused). */
  proxyJump?: string;
}

const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

/** The entry for `host` (the address the spec gives); throws on what the CLI cannot honour. */
export function sshConfigEntry(configText: string, host: string): SshConfigEntry {
  const computed = SSHConfig.parse(configText).compute(host);
  const entry: SshConfigEntry = { identityFiles: [] };
  const user = first(computed.User);
  if (user) entry.user = user;
  const port = first(computed.Port);
  if (port) {
    const n = Number(port);
    if (!Number.isInteger(n) || n < 1 || n > 65535) {
      throw new Error(`~/.ssh/config: Port '${port}' for ${host} is not a port number`);
    }
    entry.port = n;
  }
  const files = computed.IdentityFile;
  entry.identityFiles = (Array.isArray(files) ? files : files ? [files] : []).filter(Boolean);
  const jump = first(computed.ProxyJump);
  if (jump && jump.toLowerCase() !== 'none') {
    if (jump.includes(',')) {
      throw new Error(
        `~/.ssh/config: ProxyJump '${jump}' for ${host} has several hops; only one is supported`,
      );
    }
    // ssh://user@host:port is ProxyJump's URI form; the bare form is what --jump-host takes.
    entry.proxyJump = jump.replace(/^ssh:\/\//, '');
  }
  return entry;
}

/** `~` and `%d` (home) expanded as ssh does for IdentityFile; other tokens are left as written. */
export function expandHome(file: string, home = homedir()): string {
  const expanded = file.replace(/%d/g, home);
  if (expanded === '~') return home;
  if (expanded.startsWith('~/')) return path.join(home, expanded.slice(2));
  return expanded;
}

/** The first IdentityFile that can be read, with its path, or undefined when none can. */
export async function readIdentity(
  files: readonly string[],
): Promise<{ path: string; key: string } | undefined> {
  for (const f of files) {
    const p = expandHome(f);
    try {
      return { path: p, key: await readFile(p, 'utf8') };
    } catch {
      // ssh skips identity files that are not there; so do we.
    }
  }
  return undefined;
}

/** ~/.ssh/config as text, or '' when there is none. */
export async function readUserSshConfig(file = path.join(homedir(), '.ssh', 'config')): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return '';
  }
}
