/** Host addresses and data roots: what a host entry may name. */
import { isIP } from 'node:net';
import { posix } from 'node:path';

const DNS_LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const DNS_NAME = new RegExp(`^(?=.{1,253}\\.?$)${DNS_LABEL}(?:\\.${DNS_LABEL})*\\.?$`);

/** `10.0.0.5:22`, `mq-1:22`, `[fd00::5]:22`: an address with a port appended. */
export const WITH_PORT = /^(?:\[[^\]]*\]|[^:[\]]+):[0-9]+$/;

/** Why an address is not an IPv4/IPv6 literal or DNS name; undefined when it is fine. */
export function addressProblem(address: string): string | undefined {
  if (isIP(address) !== 0) return undefined;
  if (WITH_PORT.test(address))
    return `ends in a port (${address.slice(address.lastIndexOf(':'))}): an address has no port`;
  if (/^\[.*\]$/.test(address)) return 'IPv6 addresses are written without brackets';
  if (/^[0-9.]+$/.test(address)) return 'is not a valid IPv4 address (four numbers 0-255)';
  if (address.includes(':')) return 'is not a valid IPv6 address';
  if (!DNS_NAME.test(address))
    return 'is neither an IP address nor a DNS name (letters, digits, - and . only)';
  return undefined;
}

/**
 * Addresses that mean "this machine" (or one network link) wherever they are used: as brokerIP1 a
 * broker would advertise them, and no other host could reach it.
 */
export function localAddressKind(address: string): string | undefined {
  const lower = address.toLowerCase().replace(/\.$/, '');
  if (lower === 'localhost' || lower.endsWith('.localhost')) return 'a name for the loopback address';
  const mapped = /^::ffff:([0-9.]+)$/.exec(lower)?.[1];
  const v4 = isIP(lower) === 4 ? lower : mapped !== undefined && isIP(mapped) === 4 ? mapped : undefined;
  if (v4 !== undefined) {
    const [a, b] = v4.split('.').map(Number);
    if (a === 127) return 'a loopback address';
    if (v4 === '0.0.0.0') return 'the unspecified address';
    if (a === 169 && b === 254) return 'a link-local address';
    return undefined;
  }
  if (isIP(lower) !== 6) return undefined;
  const canonical = canonicalAddress(lower);
  if (canonical === '::1') return 'a loopback address';
  if (canonical === '::') return 'the unspecified address';
  if (/^fe[89ab][0-9a-f]:/.test(canonical)) return 'a link-local address';
  return undefined;
}

/**
 * One spelling per machine: DNS names ignore case and a trailing dot, IPv6 has many spellings of one
 * address. Two host names whose addresses agree here are the same machine.
 */
export function canonicalAddress(address: string): string {
  if (isIP(address) === 6) {
    try {
      return new URL(`http://[${address}]/`).hostname.slice(1, -1);
    } catch {
      return address.toLowerCase();
    }
  }
  return address.toLowerCase().replace(/\.$/, '');
}

/** Top-level system directories: chowning or filling them breaks the host. */
const SYSTEM_DIRS = new Set([
  '/bin',
  '/boot',
  '/dev',
  '/etc',
  '/home',
  '/lib',
  '/lib32',
  '/lib64',
  '/opt',
  '/proc',
  '/root',
  '/run',
  '/sbin',
  '/srv',
  '/sys',
  '/tmp',
  '/usr',
  '/var',
]);

/** Why a dataRoot is unsafe; undefined when it is an absolute, normalised path of plain characters. */
export function dataRootProblem(path: string): string | undefined {
  if (!path.startsWith('/')) return 'must be an absolute path (start with /)';
  const bad = [...new Set(path.replace(/[A-Za-z0-9._/-]/g, ''))];
  if (bad.length > 0) {
    return `contains ${bad.map((c) => (c === ' ' ? 'a space' : `'${c}'`)).join(', ')}: use only letters, digits, '.', '_', '-' and '/'`;
  }
  if (path.split('/').some((s) => s === '..' || s === '.')) return "must not contain '.' or '..' segments";
  if (path === '/') return 'must not be / itself';
  if (posix.normalize(path) !== path || path.endsWith('/'))
    return 'must be normalised (no // and no trailing /)';
  if (SYSTEM_DIRS.has(path) || /^\/(proc|sys|dev)\//.test(path)) return 'is a system directory';
  return undefined;
}
