import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  fingerprint,
  keyTypeOf,
  knownKeyTypes,
  parseKnownHosts,
  verifyHostKey,
} from '../../src/remote/known-hosts.js';

interface TestKey {
  type: string;
  /** The public key line without comment: "<type> <base64>". */
  pub: string;
  blob: Buffer;
  /** What `ssh-keygen -lf` prints for it. */
  sshFingerprint: string;
}

let dir: string;
const keys: Record<string, TestKey> = {};

function makeKey(name: string, args: string[]): TestKey {
  const file = join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-N', '', '-C', `test-${name}`, '-f', file, ...args]);
  const [type = '', base64 = ''] = readFileSync(`${file}.pub`, 'utf8').trim().split(' ');
  const printed =
    execFileSync('ssh-keygen', ['-l', '-f', `${file}.pub`], { encoding: 'utf8' }).split(' ')[1] ?? '';
  return { type, pub: `${type} ${base64}`, blob: Buffer.from(base64, 'base64'), sshFingerprint: printed };
}

/** Let ssh-keygen itself hash a known_hosts text (`ssh-keygen -H`). */
function hashed(text: string): string {
  const file = join(dir, `kh-${Math.random().toString(36).slice(2)}`);
  writeFileSync(file, text);
  execFileSync('ssh-keygen', ['-q', '-H', '-f', file], { stdio: 'ignore' });
  return readFileSync(file, 'utf8');
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rr-known-hosts-'));
  keys.ed25519 = makeKey('ed25519', ['-t', 'ed25519']);
  keys.ed25519b = makeKey('ed25519b', ['-t', 'ed25519']);
  keys.p256 = makeKey('p256', ['-t', 'ecdsa', '-b', '256']);
  keys.p384 = makeKey('p384', ['-t', 'ecdsa', '-b', '384']);
  keys.p521 = makeKey('p521', ['-t', 'ecdsa', '-b', '521']);
  keys.rsa = makeKey('rsa', ['-t', 'rsa', '-b', '2048']);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function key(name: string): TestKey {
  const k = keys[name];
  if (!k) throw new Error(`no test key ${name}`);
  return k;
}

describe('fingerprint', () => {
  test.each(['ed25519', 'p256', 'p384', 'p521', 'rsa'])('matches ssh-keygen -l for %s', (name) => {
    expect(fingerprint(key(name).blob)).toBe(key(name).sshFingerprint);
    expect(keyTypeOf(key(name).blob)).toBe(key(name).type);
  });
});

describe('verifyHostKey', () => {
  test.each([
    ['ed25519', 'ssh-ed25519'],
    ['p256', 'ecdsa-sha2-nistp256'],
    ['p384', 'ecdsa-sha2-nistp384'],
    ['p521', 'ecdsa-sha2-nistp521'],
    ['rsa', 'ssh-rsa'],
  ])('accepts a plain %s entry (%s) on port 22', (name, type) => {
    const k = key(name);
    expect(k.type).toBe(type);
    const verdict = verifyHostKey(`10.0.0.5 ${k.pub}\n`, '10.0.0.5', 22, k.blob);
    expect(verdict).toEqual({ ok: true, fingerprint: k.sshFingerprint, line: 1 });
  });

  test('uses [host]:port for other ports, exactly like ssh', () => {
    const k = key('ed25519');
    expect(verifyHostKey(`[10.0.0.5]:2222 ${k.pub}`, '10.0.0.5', 2222, k.blob).ok).toBe(true);
    // An entry for port 22 says nothing about port 2222, and the other way round.
    expect(verifyHostKey(`10.0.0.5 ${k.pub}`, '10.0.0.5', 2222, k.blob)).toMatchObject({
      ok: false,
      code: 'unknown',
    });
    expect(verifyHostKey(`[10.0.0.5]:2222 ${k.pub}`, '10.0.0.5', 22, k.blob)).toMatchObject({
      ok: false,
      code: 'unknown',
    });
  });

  test('reads comma-separated names, comments, blank lines and CRLF', () => {
    const k = key('p256');
    const text = `# lab hosts\r\n\r\nhost-a,10.0.0.5,[10.0.0.5]:2222 ${k.pub} comment here\r\n`;
    expect(verifyHostKey(text, 'host-a', 22, k.blob)).toMatchObject({ ok: true, line: 3 });
    expect(verifyHostKey(text, '10.0.0.5', 22, k.blob).ok).toBe(true);
    expect(verifyHostKey(text, '10.0.0.5', 2222, k.blob).ok).toBe(true);
    expect(parseKnownHosts(text).entries[0]?.comment).toBe('comment here');
  });

  test('matches hashed entries written by ssh-keygen -H (HMAC-SHA1), for port 22 and [host]:port', () => {
    const a = key('ed25519');
    const b = key('rsa');
    const text = hashed(`10.0.0.5 ${a.pub}\n[127.0.0.1]:40022 ${b.pub}\n`);
    expect(text).toMatch(/^\|1\|/);
    expect(text).not.toContain('10.0.0.5');
    expect(verifyHostKey(text, '10.0.0.5', 22, a.blob).ok).toBe(true);
    expect(verifyHostKey(text, '127.0.0.1', 40022, b.blob).ok).toBe(true);
    expect(verifyHostKey(text, '127.0.0.1', 40023, b.blob)).toMatchObject({ ok: false, code: 'unknown' });
    expect(verifyHostKey(text, '10.0.0.6', 22, a.blob)).toMatchObject({ ok: false, code: 'unknown' });
    // A known host presenting another key is a mismatch, hashed or not.
    expect(verifyHostKey(text, '10.0.0.5', 22, key('ed25519b').blob)).toMatchObject({
      ok: false,
      code: 'mismatch',
    });
  });

  test('refuses a changed key and names the presented fingerprint and the fix', () => {
    const known = key('ed25519');
    const presented = key('ed25519b');
    const verdict = verifyHostKey(`10.0.0.5 ${known.pub}`, '10.0.0.5', 22, presented.blob);
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.code).toBe('mismatch');
    expect(verdict.fingerprint).toBe(presented.sshFingerprint);
    expect(verdict.reason).toContain(presented.sshFingerprint);
    expect(verdict.reason).toContain(known.sshFingerprint);
    expect(verdict.reason).toContain('ssh-keygen -R');
  });

  test('a key of another type than the one on record is a mismatch, not a new host', () => {
    const verdict = verifyHostKey(`10.0.0.5 ${key('rsa').pub}`, '10.0.0.5', 22, key('p384').blob);
    expect(verdict).toMatchObject({ ok: false, code: 'mismatch' });
  });

  test('accepts when any of several entries for the host has the key', () => {
    const text = `10.0.0.5 ${key('rsa').pub}\n10.0.0.5 ${key('ed25519').pub}\n`;
    expect(verifyHostKey(text, '10.0.0.5', 22, key('ed25519').blob)).toMatchObject({ ok: true, line: 2 });
    expect(knownKeyTypes(text, '10.0.0.5', 22)).toEqual(['ssh-rsa', 'ssh-ed25519']);
    expect(knownKeyTypes(text, '10.0.0.6', 22)).toEqual([]);
  });

  test('refuses a @revoked key even when a plain entry also lists it', () => {
    const k = key('ed25519');
    const text = `@revoked * ${k.pub}\n10.0.0.5 ${k.pub}\n`;
    expect(verifyHostKey(text, '10.0.0.5', 22, k.blob)).toMatchObject({ ok: false, code: 'revoked' });
    // Revoking one key leaves others alone.
    const other = `@revoked * ${k.pub}\n10.0.0.5 ${key('p256').pub}\n`;
    expect(verifyHostKey(other, '10.0.0.5', 22, key('p256').blob).ok).toBe(true);
  });

  test('does not trust @cert-authority lines and says why', () => {
    const ca = key('p521');
    const verdict = verifyHostKey(`@cert-authority *.lab ${ca.pub}`, 'a.lab', 22, key('ed25519').blob);
    expect(verdict).toMatchObject({ ok: false, code: 'cert-authority-only' });
    if (!verdict.ok) expect(verdict.reason).toMatch(/certificates are not supported/);
    // Even the CA key itself presented as a host key is not accepted through that line.
    expect(verifyHostKey(`@cert-authority *.lab ${ca.pub}`, 'a.lab', 22, ca.blob).ok).toBe(false);
  });

  test('wildcards and negation follow ssh patterns', () => {
    const k = key('ed25519');
    const text = `10.213.0.*,!10.213.0.9 ${k.pub}`;
    expect(verifyHostKey(text, '10.213.0.2', 22, k.blob).ok).toBe(true);
    expect(verifyHostKey(text, '10.213.0.9', 22, k.blob)).toMatchObject({ ok: false, code: 'unknown' });
    expect(verifyHostKey(`host-? ${k.pub}`, 'HOST-A', 22, k.blob).ok).toBe(true);
    expect(verifyHostKey(`host.a ${k.pub}`, 'hostxa', 22, k.blob).ok).toBe(false);
  });
});

describe('parseKnownHosts', () => {
  test('reports lines it cannot read instead of silently trusting or dropping them', () => {
    const k = key('ed25519');
    const text = [
      'garbage',
      `@weird 10.0.0.5 ${k.pub}`,
      `10.0.0.5 ssh-rsa ${k.pub.split(' ')[1]}`,
      '|1|bad|hash ssh-ed25519 AAAA',
      `10.0.0.5 ${k.pub}`,
    ].join('\n');
    const parsed = parseKnownHosts(text);
    expect(parsed.entries.map((e) => e.line)).toEqual([5]);
    expect(parsed.problems.map((p) => p.line)).toEqual([1, 2, 3, 4]);
  });
});
