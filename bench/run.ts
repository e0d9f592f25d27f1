/**
 * `npm run bench`: figures, never assertions. Writes bench/results/spec.json (validate + render of
 * a 200-host, 100-group spec; CLI start-up) and, with `--lab` and the lab up, bench/results/lab.json
 * (no-op deploy time, orchestration overhead per container); with `--gates`, bench/results/gates.json
 * (gates over SSH against direct, SSH connections per host: see gates.ts).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { allContainers, renderCluster } from '../src/render/render.js';
import { validateSpecText } from '../src/spec/validate.js';

const RESULTS = new URL('./results/', import.meta.url);
mkdirSync(RESULTS, { recursive: true });

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

export function bigSpec(hosts: number, groups: number): string {
  const hostMap: Record<string, { address: string }> = {};
  for (let i = 0; i < hosts; i++) hostMap[`h${i}`] = { address: `10.${Math.floor(i / 250)}.${i % 250}.10` };
  const brokers: Record<string, unknown> = {};
  for (let g = 0; g < groups; g++) {
    brokers[`broker-${g}`] = {
      master: { host: `h${(2 * g) % hosts}`, listenPort: 10911 },
      slaves: [{ host: `h${(2 * g + 1) % hosts}`, listenPort: 11911 }],
    };
  }
  return stringify({
    version: 1,
    cluster: 'bench',
    images: {
      rocketmq: 'apacherocketmq/rocketmq:4.9.7-alpine',
      console: 'styletang/rocketmq-console-ng:1.0.0',
    },
    ssh: { user: 'deploy' },
    dataRoot: '/srv/rocketmq',
    hosts: hostMap,
    nameServers: { hosts: ['h0', 'h1', 'h2'] },
    brokerDefaults: { brokerRole: 'ASYNC_MASTER', flushDiskType: 'ASYNC_FLUSH', fileReservedTime: 48 },
    brokers,
    console: { host: 'h0' },
  });
}

function specBench() {
  const text = bigSpec(200, 100);
  const times: number[] = [];
  let containers = 0;
  let errors = 0;
  for (let i = 0; i < 15; i++) {
    const t = performance.now();
    const v = validateSpecText(text, 'bench.yml');
    errors = v.findings.filter((f) => f.severity === 'error').length;
    if (v.spec) containers = allContainers(renderCluster(v.spec, 'bench')).length;
    times.push(performance.now() - t);
  }
  const cli: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, ['dist/cli/index.js', 'validate', 'examples/single-node.yml']);
    cli.push(performance.now() - t);
    if (r.status !== 0) throw new Error(`bundled CLI failed: ${r.stderr}`);
  }
  return {
    when: new Date().toISOString(),
    node: process.version,
    spec: { hosts: 200, brokerGroups: 100, bytes: text.length, containers, errors },
    validateAndRenderMs: {
      median: Math.round(median(times) * 10) / 10,
      first: Math.round((times[0] ?? 0) * 10) / 10,
    },
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    bundledCliStartMs: { median: Math.round(median(cli)), spec: 'examples/single-node.yml' },
    targets: { validateAndRenderMs: 300, peakRssMb: 150, bundledCliStartMs: 150 },
    didYouMean: unknownKeysBench(),
  };
}

/** Did-you-mean under load: thousands of unknown broker.conf keys, and one enormous key. */
function unknownKeysBench() {
  const withDefaults = (lines: string[]): string =>
    `${bigSpec(2, 1).replace(/brokerDefaults:\n/, `brokerDefaults:\n${lines.map((l) => `  ${l}\n`).join('')}`)}`;
  const timed = (text: string): { ms: number; findings: number } => {
    const t = performance.now();
    const v = validateSpecText(text, 'bench.yml');
    return { ms: Math.round(performance.now() - t), findings: v.findings.length };
  };
  const keys = (n: number) => withDefaults(Array.from({ length: n }, (_, i) => `fileReservdTime${i}: 1`));
  timed(keys(10));
  return {
    unknownKeys4000: timed(keys(4000)),
    unknownKeys40000: timed(keys(40000)),
    oneKeyOf40000Chars: timed(withDefaults([`${'x'.repeat(40000)}: 1`])),
    targets: { unknownKeys4000Ms: 1000 },
  };
}

function labBench() {
  const args = [
    '--key',
    'lab/.state/id_ed25519',
    '--known-hosts',
    'lab/.state/known_hosts',
    '--format',
    'json',
  ];
  const deploy = (spec: string) => {
    const t = performance.now();
    const out = execFileSync(process.execPath, ['dist/cli/index.js', 'deploy', spec, ...args], {
      maxBuffer: 64 << 20,
    }).toString();
    return {
      ms: performance.now() - t,
      json: JSON.parse(out) as { noop: boolean; steps: { elapsedMs: number; engineMs: number }[] },
    };
  };
  const noop: number[] = [];
  for (let i = 0; i < 3; i++) noop.push(deploy('lab/.state/spec.yml').ms);
  // One real step per container: change a key of every group and measure what is not docker's time.
  const spec = 'lab/.state/bench-spec.yml';
  const text = execFileSync('sed', [
    's/fileReservedTime: 48/fileReservedTime: 47/',
    'lab/.state/spec.yml',
  ]).toString();
  writeFileSync(spec, text);
  const changed = deploy(spec);
  deploy('lab/.state/spec.yml');
  const overhead = changed.json.steps.map((s) => s.elapsedMs - s.engineMs);
  return {
    when: new Date().toISOString(),
    noopDeployMs: { median: Math.round(median(noop)), runs: noop.map(Math.round) },
    changedContainers: changed.json.steps.length,
    orchestrationOverheadPerContainerMs: { median: Math.round(median(overhead)), each: overhead },
    note: 'overhead = step time minus time in docker stop/run and waiting on gates (readiness)',
  };
}

const spec = specBench();
writeFileSync(new URL('spec.json', RESULTS), `${JSON.stringify(spec, null, 2)}\n`);
console.log(JSON.stringify(spec, null, 2));
if (process.argv.includes('--gates')) {
  const { gatesBench } = await import('./gates.js');
  const gates = await gatesBench();
  writeFileSync(new URL('gates.json', RESULTS), `${JSON.stringify(gates, null, 2)}\n`);
  console.log(JSON.stringify(gates, null, 2));
}
if (process.argv.includes('--lab')) {
  const lab = labBench();
  writeFileSync(new URL('lab.json', RESULTS), `${JSON.stringify(lab, null, 2)}\n`);
  console.log(JSON.stringify(lab, null, 2));
}
