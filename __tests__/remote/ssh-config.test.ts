import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { expandHome, readIdentity, sshConfigEntry } from '../../src/remote/ssh-config.js';
import type { SshOptions } from '../../src/remote/ssh.js';
import { hostsOf } from '../support/hosts.js';
import { RecordingReporter } from '../support/reporter.js';
import { validateSpecText } from '../../src/spec/validate.js';

const connected: SshOptions[] = [];
vi.mock('../../src/remote/ssh.js', () => ({
  connectSsh: async (options: SshOptions) => {
    connected.push(options);
    return { host: options.host, close: async () => undefined };
  },
}));
const { openHosts } = await import('../../src/rollout/session.js');

const CONFIG = `
Host 10.0.10.*
  User ops
  Port 2222
  IdentityFile ~/.ssh/missing
  IdentityFile %d/.ssh/deploy
  ProxyJump jump@bastion.example:2200

Host 10.9.*
  ProxyJump a@one,b@two

Host *
  User fallback
`;

describe('~/.ssh/config entries', () => {
  it('User, Port, IdentityFile (in order) and ProxyJump of the first matching section, as ssh computes them', () => {
    expect(sshConfigEntry(CONFIG, '10.0.10.5')).toEqual({
      user: 'ops',
      port: 2222,
      identityFiles: ['~/.ssh/missing', '%d/.ssh/deploy'],
      proxyJump: 'jump@bastion.example:2200',
    });
    expect(sshConfigEntry(CONFIG, '192.0.2.1')).toEqual({ user: 'fallback', identityFiles: [] });
    expect(sshConfigEntry('', '192.0.2.1')).toEqual({ identityFiles: [] });
  });

  it('refuses what it cannot honour: a chain of jump hosts, a port that is no port', () => {
    expect(() => sshConfigEntry(CONFIG, '10.9.0.1')).toThrow(/several hops/);
    expect(() => sshConfigEntry('Host x\n  Port 99999\n', 'x')).toThrow(/not a port number/);
  });

  it('expands ~ and %d like ssh, and reads the first identity file that exists', async () => {
    const home = await mkdtemp(join(tmpdir(), 'ssh-home-'));
    expect(expandHome('~/.ssh/id', home)).toBe(join(home, '.ssh/id'));
    expect(expandHome('%d/k', home)).toBe(`${home}/k`);
    expect(expandHome('/abs/k', home)).toBe('/abs/k');
    await writeFile(join(home, 'second'), 'KEY TEXT');
    expect(await readIdentity([join(home, 'first'), join(home, 'second')])).toEqual({
      path: join(home, 'second'),
      key: 'KEY TEXT',
    });
    expect(await readIdentity([join(home, 'none')])).toBeUndefined();
  });
});

describe('openHosts without a key', () => {
  afterEach(() => {
    connected.length = 0;
    vi.unstubAllEnvs();
  });
  const spec = (text: string) => {
    const v = validateSpecText(text, 'spec.yml');
    if (!v.spec) throw new Error(v.findings.map((f) => f.message).join('\n'));
    return v.spec;
  };
  const SPEC = `version: 1
cluster: dev-mq
images: { rocketmq: apacherocketmq/rocketmq:4.9.7-alpine }
ssh: { user: deploy }
dataRoot: /srv/rocketmq
hosts:
  dev: { address: 10.0.10.5 }
  other: { address: 192.0.2.7, ssh: { port: 2201 } }
nameServers: { hosts: [dev, other] }
brokers:
  broker-a: { master: { host: dev } }
`;

  it('takes user, port, key and jump host from ~/.ssh/config, and the agent socket', async () => {
    const home = await mkdtemp(join(tmpdir(), 'ssh-home-'));
    vi.stubEnv('HOME', home);
    await writeFile(join(home, 'deploy-key'), 'THE KEY');
    const config = CONFIG.replace('%d/.ssh/deploy', '~/deploy-key');
    await openHosts(
      ...hostsOf(spec(SPEC), ['dev', 'other']),
      { agent: '/run/agent.sock', sshConfig: config, insecureSkipHostKeyCheck: true },
      new RecordingReporter(),
    );
    const dev = connected.find((c) => c.host === 'dev');
    const other = connected.find((c) => c.host === 'other');
    expect(dev).toMatchObject({
      user: 'ops',
      port: 2222,
      privateKey: 'THE KEY',
      agent: '/run/agent.sock',
      jumpHost: { user: 'jump', address: 'bastion.example', port: 2200 },
    });
    // The spec's own per-host port wins over the config; its cluster-wide user does not.
    expect(other).toMatchObject({ user: 'fallback', port: 2201, agent: '/run/agent.sock' });
    expect(other?.privateKey).toBeUndefined();
  });

  it('flags win over the config, and a given key means the config is not read', async () => {
    await openHosts(
      ...hostsOf(spec(SPEC), ['dev']),
      { privateKey: 'FLAG KEY', user: 'root', sshConfig: CONFIG, insecureSkipHostKeyCheck: true },
      new RecordingReporter(),
    );
    expect(connected[0]).toMatchObject({ user: 'root', port: 22, privateKey: 'FLAG KEY' });
    expect(connected[0]?.jumpHost).toBeUndefined();
  });

  it('no key, no agent, no readable IdentityFile: a plain refusal before connecting', async () => {
    vi.stubEnv('HOME', await mkdtemp(join(tmpdir(), 'ssh-home-')));
    await expect(
      openHosts(
        ...hostsOf(spec(SPEC), ['dev']),
        { sshConfig: CONFIG, insecureSkipHostKeyCheck: true },
        new RecordingReporter(),
      ),
    ).rejects.toThrow(/no SSH key for dev \(10\.0\.10\.5\)/);
    expect(connected).toEqual([]);
  });
});
