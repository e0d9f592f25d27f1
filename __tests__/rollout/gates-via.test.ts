import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough, type Duplex } from 'node:stream';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { directDialer } from '../../src/gates/dialer.js';
import { RemoteError } from '../../src/remote/remote.js';
import { hostConnections, renderCluster, type HostConnection } from '../../src/render/render.js';
import { RecordingReporter } from '../support/reporter.js';
import { deploy, type HostHandle } from '../../src/rollout/deploy.js';
import { gateDialer, proveForwarding } from '../../src/rollout/session.js';
import type { Spec } from '../../src/spec/schema.js';
import { validateSpecText } from '../../src/spec/validate.js';
import { loadExample } from '../render/helpers.js';
import { FakeGates } from '../support/fake-gates.js';
import { LAB_IMAGES } from '../support/lab.js';
import { MemoryHost, MemoryLab, memoryHandle } from '../support/memory-host.js';

/** gates.via: the spec key, the dialer per host, and the forwarding proof of pre-flight. */
const SKETCH = readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'design-sketch.yml'), 'utf8');

describe('gates.via in the spec', () => {
  it('defaults to ssh and takes direct', () => {
    expect(validateSpecText(SKETCH, 'c.yml').spec?.gates).toEqual({ via: 'ssh' });
    expect(validateSpecText(`${SKETCH}gates: { via: direct }\n`, 'c.yml').spec?.gates).toEqual({
      via: 'direct',
    });
  });

  it('a misspelt value is an error at its line and column, naming the choices', () => {
    const text = `${SKETCH}gates:\n  via: shh\n`;
    const line = text.split('\n').indexOf('  via: shh') + 1;
    const r = validateSpecText(text, 'c.yml');
    const errors = r.findings.filter((f) => f.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line, column: 8 });
    expect(`${errors[0]?.message} ${errors[0]?.hint ?? ''}`).toMatch(/ssh.*direct/);
  });
});

/** A remote whose dial records the target and answers as told. */
class DialingHost extends MemoryHost {
  readonly dialled: string[] = [];
  reply: () => Promise<Duplex> = () => Promise.reject(new Error('unset'));
  dial(address: string, port: number): Promise<Duplex> {
    this.dialled.push(`${address}:${port}`);
    return this.reply();
  }
}

let spec: Spec;
let lab: MemoryLab;
let fs: Record<string, DialingHost>;
let hosts: HostHandle[];
const C = 'docker-mq-cluster';
beforeEach(() => {
  spec = loadExample('two-host-2m-2s-async.yml');
  lab = new MemoryLab();
  fs = {
    A: new DialingHost('A', { lab, images: LAB_IMAGES }),
    B: new DialingHost('B', { lab, images: LAB_IMAGES }),
  };
  hosts = (['A', 'B'] as const).map((name) => memoryHandle(fs[name]!, spec.dataRoot, C));
});

const stream = (): Duplex => ({ destroy: () => undefined }) as unknown as Duplex;
const prohibited = (host: string) =>
  Object.assign(
    new RemoteError(
      host,
      'sshd refuses to forward to x:22 (administratively prohibited): AllowTcpForwarding',
      'connect',
    ),
    { forwardingRefused: true },
  );

const connectionOf = (name: string): HostConnection => hostConnections(spec).find((h) => h.name === name)!;

describe('gateDialer', () => {
  it('ssh: each address through its own host; direct: the plain TCP dialer', async () => {
    const dial = gateDialer(hostConnections(spec), hosts, 'ssh');
    const a = spec.hosts.A!.address;
    const b = spec.hosts.B!.address;
    fs.A!.reply = fs.B!.reply = async () => stream();
    await dial(b, 10911);
    await dial(a, 9876);
    expect(fs.A!.dialled).toEqual([`${a}:9876`]);
    expect(fs.B!.dialled).toEqual([`${b}:10911`]);
    expect(gateDialer(hostConnections(spec), hosts, 'direct')).toBe(directDialer);
  });
});

describe('pre-flight proves forwarding on every host before anything is touched', () => {
  const run = (checkHost?: (h: HostHandle) => Promise<void>) =>
    deploy({
      cluster: renderCluster(spec, 'r1'),
      specText: 'x',
      hosts,
      gates: new FakeGates(),
      reporter: new RecordingReporter(),
      owner: { owner: 't', revision: 'r1', pid: 1, since: '2026-01-01T00:00:00Z' },
      ...(checkHost ? { checkHost } : {}),
    });

  it('an sshd that forbids forwarding on one host: the run fails naming host and setting, nothing written', async () => {
    fs.A!.reply = async () => stream();
    fs.B!.reply = () => Promise.reject(prohibited('B'));
    const r = await run((h) => proveForwarding(connectionOf(h.name), h));
    expect(r.ok).toBe(false);
    expect(r.failure).toMatchObject({ host: 'B', phase: 'preflight' });
    expect(r.failure?.message).toMatch(/AllowTcpForwarding/);
    expect(r.steps).toEqual([]);
    // Only reads happened: no directory made, no lock taken, no file written, no container.
    expect(lab.lines().filter((l) => !/^[AB]: sh -c <(observe|read-file|read-files)> /.test(l))).toEqual([]);
    expect(fs.A!.writes + fs.B!.writes).toBe(0);
    expect(fs.B!.dialled).toEqual([`${spec.hosts.B!.address}:${spec.ssh.port}`]);
  });

  it('a refused connect still proves forwarding (sshd tried); other failures refuse the run', async () => {
    fs.A!.reply = fs.B!.reply = () =>
      Promise.reject(Object.assign(new Error('ECONNREFUSED (from A)'), { code: 'ECONNREFUSED' }));
    await expect(proveForwarding(connectionOf('A'), hosts[0]!)).resolves.toBeUndefined();
    fs.A!.reply = () => Promise.reject(new RemoteError('A', 'SSH connection lost: closed', 'connect'));
    await expect(proveForwarding(connectionOf('A'), hosts[0]!)).rejects.toThrow(/connection lost/);
  });

  it('with forwarding allowed everywhere the deploy goes on', async () => {
    fs.A!.reply = fs.B!.reply = async () => stream();
    const r = await run((h) => proveForwarding(connectionOf(h.name), h));
    expect(r.ok, r.failure?.message).toBe(true);
    expect(r.steps.length).toBeGreaterThan(0);
  });
});

describe('--gates-via', () => {
  it('takes ssh or direct; anything else is a usage error (exit 2) before any host is contacted', async () => {
    const stderr = new PassThrough();
    let err = '';
    stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await runCli(
      ['deploy', 'examples/single-node.yml', '--gates-via', 'tunnel', '--key', '/nonexistent'],
      { stdout: new PassThrough(), stderr },
    );
    expect(code).toBe(2);
    expect(err).toContain("--gates-via takes ssh or direct, got 'tunnel'");
  });
});
