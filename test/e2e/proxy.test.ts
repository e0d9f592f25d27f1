import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { cli, labUp, ROOT, sshArgs, type Lab, emptyHosts } from './support.js';

/**
 * The RocketMQ 5.x proxy on the lab: a fresh deploy of the classic layout on 5.3.3 with a proxy on
 * both hosts (its own containers, cluster mode), next to the console's 8080. The real 5.3.3 client
 * is the judge: its name server address is a proxy's remoting port, so the route, the send and the
 * pull all go through the proxy (whose remoting port takes 5.x remoting clients only: a 4.x send
 * lacks the broker name, `bname`, and is refused with code 15).
 */
const run = promisify(execFile);
const V533 = 'apache/rocketmq:5.3.3';
const REMOTING = 8082;
let lab: Lab;
let work: string;
let cluster: string;

beforeAll(async () => {
  lab = await labUp();
  work = await mkdtemp(join(tmpdir(), 'rollout-proxy-'));
  cluster = String(parseDocument(await readFile(lab.spec, 'utf8')).get('cluster'));
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the 5.x proxy on the lab', () => {
  it('deploys the classic layout on 5.3.3 with a proxy per host; a message sent through the proxy is consumed through it', async () => {
    await emptyHosts(lab, cluster);
    const doc = parseDocument(await readFile(lab.spec, 'utf8'));
    doc.setIn(['images', 'rocketmq'], V533);
    doc.setIn(['proxy'], doc.createNode({ hosts: Object.keys(lab.hosts) }));
    const spec = join(work, 'proxy.yml');
    await writeFile(spec, doc.toString());

    const r = await cli(['deploy', spec, ...sshArgs(lab), '--gate-timeout', '90', '--parallel', '2']);
    const out = `${r.stdout}\n${r.stderr}`;
    expect(r.code, out).toBe(0);
    expect(out).toMatch(new RegExp(`${cluster}-proxy: gate proxy route passed`));
    expect(out).toMatch(new RegExp(`${cluster}-proxy: gate port ${REMOTING} passed`));

    const [a, b] = Object.values(lab.hosts);
    const topic = 'PROXY_E2E';
    await run('bash', ['lab/mqadmin', 'updateTopic', '-c', cluster, '-t', topic], {
      cwd: ROOT,
      timeout: 120_000,
      env: { ...process.env, LAB_MQADMIN_VERSION: '5.3.3' },
    });
    // Name server address = a proxy's remoting port: the client finds, sends and pulls only there.
    const client = async (args: string[]): Promise<string> =>
      (
        await run('bash', ['lab/probe', ...args], {
          cwd: ROOT,
          timeout: 180_000,
          env: { ...process.env, LAB_PROBE_VERSION: '5.3.3' },
        })
      ).stdout;
    expect(await client(['send', '--topic', topic, '--count', '20', '-n', `${a}:${REMOTING}`])).toContain(
      'sent 20',
    );
    const consumed = await client([
      ...['consume', '--topic', topic, '--group', 'G_PROXY_E2E', '--expect', '20'],
      ...['--timeout', '90', '-n', `${b}:${REMOTING}`],
    ]);
    expect(consumed).toContain('consumed 20');
  });
});
