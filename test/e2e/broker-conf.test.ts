/**
 * broker.conf values that java.util.Properties would misread if written raw reach real RocketMQ
 * brokers exactly: a trailing backslash (which would swallow the next key), a literal `\u0041\n`
 * and text outside ISO-8859-1. The deploy's effective-config gate compares every rendered key with
 * what the broker answers to GET_BROKER_CONFIG, so a deploy that passes proves each value arrived.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { fetchBrokerConfig } from '../../src/gates/remoting.js';
import { cli, labUp, onHost, sshArgs, type Lab } from './support.js';

let lab: Lab;
let work: string;
let cluster: string;
const GATE = ['--gate-timeout', '60'];
const VALUES = { msgTraceTopicName: 'trace\\', regionId: 'tracé-日本\\u0041\\n\\tx' };

beforeAll(async () => {
  lab = await labUp();
  work = await mkdtemp(join(tmpdir(), 'rollout-e2e-conf-'));
  cluster = String(parseDocument(await readFile(lab.spec, 'utf8')).get('cluster'));
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('broker.conf escaping on real brokers', () => {
  it('deploys values with backslashes and non-Latin-1 text; the brokers load them exactly', async () => {
    const doc = parseDocument(await readFile(lab.spec, 'utf8'));
    doc.setIn(['brokers', 'broker-b', 'config'], VALUES);
    const spec = join(work, 'escaped.yml');
    await writeFile(spec, doc.toString());
    const r = await cli(['deploy', spec, ...sshArgs(lab), ...GATE]);
    // The effective-config gate passed on both members of broker-b: every key loaded as rendered.
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);

    const conf = await onHost(lab, 'B', ['cat', `${lab.dataRoot}/${cluster}-broker-b-0/conf/broker.conf`]);
    expect(conf).toMatch(/^[\x20-\x7e\n]*$/);
    expect(conf).toContain('msgTraceTopicName=trace\\\\\n');
    expect(conf).toContain('regionId=trac\\u00E9-\\u65E5\\u672C\\\\u0041\\\\n\\\\tx\n');
    // And read straight from the broker, not through the gate.
    const master = await fetchBrokerConfig(`${lab.hosts.B}:10911`);
    expect(master).toMatchObject({ ...VALUES, brokerName: 'broker-b', brokerId: '0' });
    const slave = await fetchBrokerConfig(`${lab.hosts.A}:11911`);
    expect(slave).toMatchObject({ ...VALUES, brokerName: 'broker-b', brokerRole: 'SLAVE', brokerId: '1' });

    // Back to the lab's spec for the files after this one.
    const back = await cli(['deploy', lab.spec, ...sshArgs(lab), ...GATE]);
    expect(back.code, `${back.stdout}\n${back.stderr}`).toBe(0);
  });
});
