import * as core from '@actions/core';
import { describe, expect, it } from 'vitest';
import { buildPlan, runArgsPath, type ObservedHost } from '../../src/plan/plan.js';
import {
  changedDefaults,
  commitLogPath,
  commitLogPin,
  downgradeHazard,
  versionChange,
} from '../../src/plan/versions.js';
import { LABELS, renderCluster, withBrokerKeys, type RenderedCluster } from '../../src/render/render.js';
import { parseProperties } from '../../src/rocketmq/properties.js';
import type { Spec } from '../../src/spec/schema.js';
import { formatPlanText, planJson } from '../../src/report/format.js';
import { buildSummary } from '../../src/report/summary.js';
import { loadExample } from '../render/helpers.js';

const V480 = 'apache/rocketmq:4.8.0';
const V497 = 'apache/rocketmq:4.9.7';
const V533 = 'apache/rocketmq:5.3.3';

function specOn(image: string, defaults: Record<string, string> = {}): Spec {
  const spec = loadExample('two-host-2m-2s-async.yml');
  return {
    ...spec,
    images: { ...spec.images, rocketmq: image },
    brokerDefaults: { ...spec.brokerDefaults, ...defaults },
  };
}

/** What the hosts report after a healthy deploy of `cluster`: its containers running, its files written. */
function deployed(cluster: RenderedCluster): ObservedHost[] {
  return cluster.hosts.map((h) => ({
    host: h.name,
    containers: h.containers.map((c, i) => ({
      id: `id-${h.name}-${i}`,
      name: c.name,
      image: c.image,
      running: true,
      status: 'running',
      exitCode: 0,
      labels: { [LABELS.configHash]: c.configHash, [LABELS.kind]: c.kind },
    })),
    files: Object.fromEntries(
      h.containers.flatMap((c) => [
        ...c.files.map((f) => [f.path, f.content] as const),
        [runArgsPath(c), JSON.stringify(['docker', ...c.runArgs])] as const,
      ]),
    ),
  }));
}

describe('version changes in the plan', () => {
  it('names an upgrade as its own kind of change, name servers and brokers alike, never the console', () => {
    const plan = buildPlan(renderCluster(specOn(V497), 'r2'), deployed(renderCluster(specOn(V480), 'r1')));
    const byName = new Map(plan.entries.map((e) => [`${e.host}/${e.name}`, e]));
    const master = byName.get('A/docker-mq-cluster-broker-a-0');
    expect(master?.action).toBe('replace');
    expect(master?.version).toEqual({ from: '4.8.0', to: '4.9.7', direction: 'upgrade' });
    expect(master?.reasons[0]).toBe(`upgrade 4.8.0 → 4.9.7 (image ${V480} → ${V497})`);
    expect(byName.get('B/docker-mq-cluster-namesrv')?.reasons).toEqual([
      `upgrade 4.8.0 → 4.9.7 (image ${V480} → ${V497})`,
    ]);
    expect(byName.get('A/docker-mq-cluster-console')?.action).toBe('unchanged');
    // Only the version changed: no broker.conf key moved and nothing is pinned.
    expect(master?.configChanges).toEqual([]);
    expect(master?.commitLogPin).toBeUndefined();
    // Within a host the rollout order is name server, slave, master.
    expect(plan.entries.filter((e) => e.host === 'A').map((e) => e.kind)).toEqual([
      'nameServer',
      'slave',
      'master',
      'console',
    ]);
  });

  it('lists, once for the plan, the defaults that move under keys the spec does not set', () => {
    const plan = buildPlan(renderCluster(specOn(V497), 'r2'), deployed(renderCluster(specOn(V480), 'r1')));
    const notice = plan.notes?.find((n) => n.severity === 'notice')?.message ?? '';
    expect(notice).toMatch(/^upgrade 4\.8\.0 → 4\.9\.7 changes the defaults of keys the spec does not set: /);
    expect(notice).toContain('sendMessageThreadPoolNums 1 → Math.min(NPROC,4)');
    expect(notice).toContain('useReentrantLockWhenPutMessage false → true');
    expect(notice).toContain('flushCommitLogTimed false → true');
    // Set by the spec (brokerDefaults): its default does not apply.
    expect(notice).not.toContain('fileReservedTime');
    expect(plan.notes?.some((n) => n.severity === 'warning')).toBe(false);
    expect(formatPlanText(plan)).toContain('\nnotice: upgrade 4.8.0 → 4.9.7 changes the defaults');
  });

  it('warns about a downgrade from 5.x to 4.x', () => {
    const plan = buildPlan(renderCluster(specOn(V497), 'r3'), deployed(renderCluster(specOn(V533), 'r2')));
    expect(plan.entries.find((e) => e.kind === 'master')?.reasons[0]).toBe(
      `downgrade 5.3.3 → 4.9.7 (image ${V533} → ${V497})`,
    );
    expect(plan.notes?.filter((n) => n.severity === 'warning').map((n) => n.message)).toEqual([
      'downgrade 5.3.3 → 4.9.7: safe only if no topic name is longer than 127 characters (RocketMQ 5 stores messages of such topics in a format 4.9.7 cannot read)',
    ]);
    expect(downgradeHazard({ from: '4.9.7', to: '4.8.0', direction: 'downgrade' })).toBeUndefined();
  });

  it('shows the notes in the JSON plan and the job summary', () => {
    const plan = buildPlan(renderCluster(specOn(V497), 'r3'), deployed(renderCluster(specOn(V533), 'r2')));
    expect((planJson(plan) as { notes: unknown[] }).notes).toEqual(plan.notes);
    core.summary.emptyBuffer();
    const html = buildSummary({ command: 'plan', spec: 'c.yml', findings: [], plan }, undefined).stringify();
    core.summary.emptyBuffer();
    expect(html).toContain(
      '<li>warning: downgrade 5.3.3 → 4.9.7: safe only if no topic name is longer than 127 characters',
    );
  });

  it('plans nothing and notes nothing when the version stays', () => {
    const cluster = renderCluster(specOn(V497), 'r1');
    const plan = buildPlan(renderCluster(specOn(V497), 'r2'), deployed(cluster));
    expect(plan.entries.every((e) => e.action === 'unchanged')).toBe(true);
    expect(plan.notes).toBeUndefined();
  });

  it('reads versions from tags and compares them numerically', () => {
    expect(versionChange('apacherocketmq/rocketmq:4.8.0-alpine', V497)?.direction).toBe('upgrade');
    expect(versionChange('x/rocketmq:4.9.10', 'x/rocketmq:4.9.9')?.direction).toBe('downgrade');
    expect(versionChange(V497, 'docker.io/apache/rocketmq:4.9.7')).toBeUndefined();
    expect(versionChange('apache/rocketmq:latest', V497)).toBeUndefined();
    expect(
      changedDefaults({ from: '4.9.7', to: '5.3.3', direction: 'upgrade' }, new Set()).length,
    ).toBeGreaterThan(0);
  });
});

describe('commit-log pin', () => {
  const ROOT = { storePathRootDir: '/home/rocketmq/store/root' };

  it('knows where each version keeps the commit log', () => {
    expect(commitLogPath('4.8.0', ROOT)).toBe('/home/rocketmq/store/commitlog');
    expect(commitLogPath('4.9.3', ROOT)).toBe('/home/rocketmq/store/commitlog');
    expect(commitLogPath('4.9.4', ROOT)).toBe('/home/rocketmq/store/root/commitlog');
    expect(commitLogPath('5.3.3', {})).toBe('/home/rocketmq/store/commitlog');
    expect(commitLogPath('4.9.7', { ...ROOT, storePathCommitLog: '/x/cl' })).toBe('/x/cl');
  });

  it('pins storePathCommitLog in the rendered broker.conf when storePathRootDir alone would move it', () => {
    const before = renderCluster(specOn(V480, ROOT), 'r1');
    const plan = buildPlan(renderCluster(specOn(V497, ROOT), 'r2'), deployed(before));
    const brokers = plan.entries.filter((e) => e.kind === 'master' || e.kind === 'slave');
    expect(brokers).toHaveLength(4);
    for (const e of brokers) {
      expect(e.commitLogPin?.path).toBe('/home/rocketmq/store/commitlog');
      expect(e.desired?.brokerConfig?.storePathCommitLog).toBe('/home/rocketmq/store/commitlog');
      const conf = e.desired?.files.find((f) => f.path.endsWith('/broker.conf'))?.content ?? '';
      expect(parseProperties(conf).storePathCommitLog).toBe('/home/rocketmq/store/commitlog');
      expect(e.desired?.runArgs).toContain(`${LABELS.configHash}=${e.desired?.configHash}`);
      expect(e.reasons).toEqual([
        `upgrade 4.8.0 → 4.9.7 (image ${V480} → ${V497})`,
        'storePathCommitLog pinned to /home/rocketmq/store/commitlog, where RocketMQ 4.8.0 keeps this commit log (4.9.7 would read /home/rocketmq/store/root/commitlog, an empty one)',
      ]);
    }
    // Name servers have no store: nothing to pin.
    expect(plan.entries.find((e) => e.kind === 'nameServer')?.commitLogPin).toBeUndefined();
  });

  it('keeps the pin on later deploys of the same version, and drops nothing a rollback needs', () => {
    const v480 = renderCluster(specOn(V480, ROOT), 'r1');
    const upgrade = buildPlan(renderCluster(specOn(V497, ROOT), 'r2'), deployed(v480));
    // What the hosts run after the upgrade: the pinned containers.
    const after: RenderedCluster = {
      ...v480,
      hosts: v480.hosts.map((h) => ({
        ...h,
        containers: upgrade.entries.filter((e) => e.host === h.name && e.desired).map((e) => e.desired!),
      })),
    };
    const again = buildPlan(renderCluster(specOn(V497, ROOT), 'r3'), deployed(after));
    expect(again.entries.map((e) => e.action)).toEqual(again.entries.map(() => 'unchanged'));
    // Back to 4.8.0: the commit log is where 4.8.0 reads it anyway, so no pin and no broker.conf key.
    const back = buildPlan(renderCluster(specOn(V480, ROOT), 'r4'), deployed(after));
    const master = back.entries.find((e) => e.kind === 'master');
    expect(master?.commitLogPin).toBeUndefined();
    expect(master?.configChanges).toEqual([
      { key: 'storePathCommitLog', old: '/home/rocketmq/store/commitlog' },
    ]);
  });

  it('pins nothing without storePathRootDir, or when the spec sets storePathCommitLog', () => {
    const plain = buildPlan(renderCluster(specOn(V497), 'r2'), deployed(renderCluster(specOn(V480), 'r1')));
    expect(plain.entries.some((e) => e.commitLogPin)).toBe(false);
    const both = { ...ROOT, storePathCommitLog: '/home/rocketmq/store/root/commitlog' };
    const explicit = buildPlan(
      renderCluster(specOn(V497, both), 'r2'),
      deployed(renderCluster(specOn(V480, both), 'r1')),
    );
    expect(explicit.entries.some((e) => e.commitLogPin)).toBe(false);
    expect(
      commitLogPin({ image: V480, conf: ROOT }, { image: 'apache/rocketmq:latest', conf: ROOT }),
    ).toBeUndefined();
  });

  it('re-renders exactly: adding no keys keeps the hash', () => {
    const c = renderCluster(specOn(V497, ROOT), 'r1').hosts[0]!.containers.find((x) => x.kind === 'master')!;
    expect(withBrokerKeys(c, {})).toEqual(c);
    const pinned = withBrokerKeys(c, { storePathCommitLog: '/home/rocketmq/store/commitlog' });
    expect(pinned.configHash).not.toBe(c.configHash);
    expect(Object.keys(pinned.brokerConfig!).slice(-3)).toEqual([
      'messageDelayLevel',
      'storePathCommitLog',
      'storePathRootDir',
    ]);
  });
});
