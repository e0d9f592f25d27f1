import { describe, expect, it } from 'vitest';
import { addressProblem, canonicalAddress, localAddressKind } from '../../src/spec/checks/index.js';

describe('host addresses', () => {
  it.each([
    ['10.20.0.12:22', ':22'],
    ['mq-1.example.com:2222', ':2222'],
    ['[fd00::5]:22', ':22'],
  ])('%s has a port, and is told so (not "not a valid IPv6 address")', (address, port) => {
    expect(addressProblem(address)).toBe(`ends in a port (${port}): an address has no port`);
  });

  it.each([
    ['127.0.0.1', 'a loopback address'],
    ['127.1.2.3', 'a loopback address'],
    ['0.0.0.0', 'the unspecified address'],
    ['::1', 'a loopback address'],
    ['0:0:0:0:0:0:0:1', 'a loopback address'],
    ['::', 'the unspecified address'],
    ['::ffff:127.0.0.1', 'a loopback address'],
    ['169.254.1.1', 'a link-local address'],
    ['fe80::1', 'a link-local address'],
    ['FEBF::1', 'a link-local address'],
    ['localhost', 'a name for the loopback address'],
    ['LOCALHOST.', 'a name for the loopback address'],
  ])('%s is %s', (address, kind) => {
    expect(localAddressKind(address)).toBe(kind);
  });

  it.each([
    '10.0.0.1',
    '128.0.0.1',
    '169.253.1.1',
    'fd00::1',
    'fec0::1',
    'fe8::1',
    'mq-1.example.com',
    'localhost-1',
  ])('%s is reachable from other hosts', (address) => {
    expect(localAddressKind(address)).toBeUndefined();
  });

  it('spells one machine one way: DNS case and trailing dot, IPv6 forms', () => {
    expect(canonicalAddress('MQ-1.Example.COM.')).toBe(canonicalAddress('mq-1.example.com'));
    expect(canonicalAddress('FD00:0:0::5')).toBe(canonicalAddress('fd00::5'));
    expect(canonicalAddress('10.0.0.1')).not.toBe(canonicalAddress('10.0.0.2'));
  });
});
