/**
 * OpenSSH known_hosts, read the way `ssh` reads it (sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT"), so that
 * the file a team already trusts (`ssh-keyscan`, `ssh-keygen -H`) works unchanged. ssh2 only hands
 * us the presented key; deciding whether to trust it is ours.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const SUPPORTED_KEY_TYPES = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'ssh-rsa',
] as const;
export type KeyType = (typeof SUPPORTED_KEY_TYPES)[number];

/** Who an entry is for: host patterns (`*`, `?`, `!negated`) or one hashed name. */
export type HostMatcher =
  { kind: 'patterns'; patterns: string[] } | { kind: 'hashed'; salt: Buffer; hash: Buffer };

export interface KnownHostEntry {
  /** 1-based line in the known_hosts text. */
  line: number;
  marker?: 'revoked' | 'cert-authority';
  hosts: HostMatcher;
  keyType: string;
  /** The key blob as sent on the wire (base64-decoded third field). */
  key: Buffer;
  comment?: string;
}

export interface KnownHostsProblem {
  line: number;
  message: string;
}

export interface ParsedKnownHosts {
  entries: KnownHostEntry[];
  /** Lines that are not entries; ssh skips them too, we report them so a typo is visible. */
  problems: KnownHostsProblem[];
}

export type HostKeyVerdict =
  | { ok: true; fingerprint: string; line: number }
  | {
      ok: false;
      /** unknown: no entry for the host; mismatch: entries exist, none with this key; revoked: @revoked. */
      code: 'unknown' | 'mismatch' | 'revoked' | 'cert-authority-only';
      reason: string;
      /** The presented key, as `ssh` prints it: SHA256:<base64 without padding>. */
      fingerprint: string;
    };

/** SHA256 fingerprint of a key blob, byte for byte what `ssh-keygen -lf` prints. */
export function fingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/** The key type recorded inside a wire-format key blob (a length-prefixed string first). */
export function keyTypeOf(key: Buffer): string | undefined {
  if (key.length < 4) return undefined;
  const len = key.readUInt32BE(0);
  if (len === 0 || len > 64 || key.length < 4 + len) return undefined;
  return key.subarray(4, 4 + len).toString('latin1');
}

/** How ssh names a host in known_hosts: the bare name on port 22, `[name]:port` otherwise. */
export function hostKeyName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

export function parseKnownHosts(text: string): ParsedKnownHosts {
  const entries: KnownHostEntry[] = [];
  const problems: KnownHostsProblem[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const fields = trimmed.split(/\s+/);
    let marker: KnownHostEntry['marker'];
    if (fields[0]?.startsWith('@')) {
      const m = fields.shift();
      if (m === '@revoked') marker = 'revoked';
      else if (m === '@cert-authority') marker = 'cert-authority';
      else {
        problems.push({ line, message: `unknown marker ${m}` });
        return;
      }
    }
    const [hostField, keyType, keyBase64, ...rest] = fields;
    if (!hostField || !keyType || !keyBase64) {
      problems.push({ line, message: 'expected "hostnames keytype base64-key [comment]"' });
      return;
    }
    const key = Buffer.from(keyBase64, 'base64');
    if (key.length === 0 || keyTypeOf(key) !== keyType) {
      problems.push({ line, message: `the key does not decode to a ${keyType} key` });
      return;
    }
    const hosts = parseHostField(hostField);
    if (!hosts) {
      problems.push({ line, message: `unreadable hashed host name ${hostField}` });
      return;
    }
    const entry: KnownHostEntry = { line, hosts, keyType, key };
    if (marker) entry.marker = marker;
    if (rest.length > 0) entry.comment = rest.join(' ');
    entries.push(entry);
  });
  return { entries, problems };
}

function parseHostField(field: string): HostMatcher | undefined {
  if (field.startsWith('|')) {
    // |1|base64(salt)|base64(HMAC-SHA1(salt, name)) — the only hash format OpenSSH writes.
    const [, kind, salt, hash] = field.split('|');
    if (kind !== '1' || !salt || !hash) return undefined;
    const saltBuf = Buffer.from(salt, 'base64');
    const hashBuf = Buffer.from(hash, 'base64');
    if (saltBuf.length !== 20 || hashBuf.length !== 20) return undefined;
    return { kind: 'hashed', salt: saltBuf, hash: hashBuf };
  }
  return { kind: 'patterns', patterns: field.split(',').filter((p) => p !== '') };
}

/** Glob as ssh_config(5) PATTERNS: `*` any run, `?` one character; case-insensitive like ssh. */
function globMatch(pattern: string, name: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 'i').test(name);
}

export function entryMatches(hosts: HostMatcher, name: string): boolean {
  if (hosts.kind === 'hashed') {
    const digest = createHmac('sha1', hosts.salt).update(name).digest();
    return timingSafeEqual(digest, hosts.hash);
  }
  let matched = false;
  for (const p of hosts.patterns) {
    if (p.startsWith('!')) {
      // A matching negation vetoes the whole line, as in ssh's match_hostname.
      if (globMatch(p.slice(1), name)) return false;
    } else if (globMatch(p, name)) {
      matched = true;
    }
  }
  return matched;
}

function entriesFor(knownHosts: string | ParsedKnownHosts, host: string, port: number): KnownHostEntry[] {
  const parsed = typeof knownHosts === 'string' ? parseKnownHosts(knownHosts) : knownHosts;
  const name = hostKeyName(host, port);
  return parsed.entries.filter((e) => entryMatches(e.hosts, name));
}

/**
 * Key types known for a host, to offer the server only host key algorithms we can verify (as ssh
 * orders HostKeyAlgorithms from known_hosts); otherwise a server with an ed25519 AND an rsa key
 * could present the one the file does not list.
 */
export function knownKeyTypes(knownHosts: string | ParsedKnownHosts, host: string, port: number): string[] {
  const types = entriesFor(knownHosts, host, port)
    .filter((e) => !e.marker)
    .map((e) => e.keyType);
  return [...new Set(types)];
}

/** Decide whether `key`, presented by `host`:`port`, is the one known_hosts trusts. */
export function verifyHostKey(
  knownHosts: string | ParsedKnownHosts,
  host: string,
  port: number,
  key: Buffer,
): HostKeyVerdict {
  const fp = fingerprint(key);
  const name = hostKeyName(host, port);
  const entries = entriesFor(knownHosts, host, port);
  const revoked = entries.find((e) => e.marker === 'revoked' && e.key.equals(key));
  if (revoked) {
    return {
      ok: false,
      code: 'revoked',
      reason: `the host key of ${name} (${fp}) is marked @revoked on known_hosts line ${revoked.line}`,
      fingerprint: fp,
    };
  }
  const plain = entries.filter((e) => !e.marker);
  const same = plain.find((e) => e.key.equals(key));
  if (same) return { ok: true, fingerprint: fp, line: same.line };
  const presentedType = keyTypeOf(key) ?? 'unknown type';
  if (plain.length > 0) {
    const lines = plain.map((e) => `${e.line} (${e.keyType} ${fingerprint(e.key)})`).join(', ');
    return {
      ok: false,
      code: 'mismatch',
      reason:
        `the host key of ${name} has CHANGED or is not the one on record: it presented ${presentedType} ${fp}, ` +
        `known_hosts has line ${lines}. If the host was really re-installed, verify the new key out of band ` +
        `and replace those lines (ssh-keygen -R '${name}'; ssh-keyscan -p ${port} ${host}); otherwise this may be an attack`,
      fingerprint: fp,
    };
  }
  if (entries.some((e) => e.marker === 'cert-authority')) {
    return {
      ok: false,
      code: 'cert-authority-only',
      reason:
        `known_hosts trusts ${name} only through @cert-authority, and host certificates are not supported: ` +
        `add the host's own key (ssh-keyscan -p ${port} ${host}); it presented ${presentedType} ${fp}`,
      fingerprint: fp,
    };
  }
  return {
    ok: false,
    code: 'unknown',
    reason:
      `${name} is not in known_hosts; it presented ${presentedType} ${fp}. Verify that fingerprint out of band, ` +
      `then add the key (ssh-keyscan -p ${port} ${host} >> known_hosts) to the known_hosts you pass in`,
    fingerprint: fp,
  };
}
