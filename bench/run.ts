/**
 * `npm run bench`: figures, never assertions. Writes bench/results/spec.json (validate + render of
 * a 200-host, 100-group spec; CLI start-up) and, with `--lab`, bench/results/lab.json (see lab.ts:
 * bare-ssh baseline against the tool, gate lag, no-op on 2/4/6 hosts, parallel rollout; run it under
 * `flock /tmp/rocketmq-lab.lock`); with `--gates`, bench/results/gates.json
 * (gates over SSH against direct, SSH connections per host: see gates.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { stringify } from 'yaml';
import { allContainers, renderCluster } from '../src/render/render.js';
import { validateSpecText } from '../src/spec/validate.js';
import { median, round2 } from './stats.js';

const RESULTS = new URL('./results/', import.meta.url);
mkdirSync(RESULTS, { recursive: true });

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
  const cliStart = cliStartBench();
  return {
    when: new Date().toISOString(),
    node: process.version,
    spec: { hosts: 200, brokerGroups: 100, bytes: text.length, containers, errors },
    validateAndRenderMs: {
      median: Math.round(median(times) * 10) / 10,
      first: Math.round((times[0] ?? 0) * 10) / 10,
    },
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    bundledCliStart: cliStart,
    targets: { validateAndRenderMs: 300, peakRssMb: 150, cliStartToNodeRatio: 1.5 },
    didYouMean: unknownKeysBench(),
  };
}

/**
 * The bundled CLI's `validate` of a small spec, start to exit, against a bare `node -e 0` in the
 * same run (alternated, so the machine's load hits both alike). The first run fills the compile
 * cache (src/compile-cache.ts) and is not counted; `--cli PATH` measures another bundle.
 */
function cliStartBench() {
  const at = process.argv.indexOf('--cli');
  const bundle = (at >= 0 ? process.argv[at + 1] : undefined) ?? 'dist/cli/index.js';
  const validate = [bundle, 'validate', 'examples/single-node.yml'];
  const timed = (args: string[]): number => {
    const t = performance.now();
    const r = spawnSync(process.execPath, args);
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
    return performance.now() - t;
  };
  timed(validate);
  const cli: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < 20; i++) {
    bare.push(timed(['-e', '0']));
    cli.push(timed(validate));
  }
  return {
    // A --cli bundle lives outside the tree: its path is this machine's, not a figure.
    bundle: at >= 0 ? '(--cli)' : bundle,
    spec: 'examples/single-node.yml',
    validateMs: Math.round(median(cli)),
    nodeDashE0Ms: Math.round(median(bare)),
    ratio: round2(median(cli) / median(bare)),
    runs: cli.length,
    // The machine's 1-minute load when the runs ended: the ratio means most on a quiet machine.
    loadAverage: Math.round((loadavg()[0] ?? 0) * 10) / 10,
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

const spec = specBench();
writeFileSync(new URL('spec.json', RESULTS), `${JSON.stringify(spec, null, 2)}\n`);
console.log(JSON.stringify(spec, null, 2));
if (process.argv.includes('--gates')) {
  const { gatesBench } = await import('./gates.js');
  const gates = await gatesBench();
  writeFileSync(new URL('gates.json', RESULTS), `${JSON.stringify(gates, null, 2)}\n`);
  console.log(JSON.stringify(gates, null, 2));
}
if (process.argv.includes('--lab') && process.argv.includes('--rolling')) {
  // What producers see of a rolling change, drain on and off (rolling.ts): bench/results/rolling.json.
  const { rollingBench } = await import('./rolling.js');
  const rolling = await rollingBench(process.argv);
  writeFileSync(new URL('rolling.json', RESULTS), `${JSON.stringify(rolling, null, 2)}\n`);
  console.log(JSON.stringify(rolling, null, 2));
} else if (process.argv.includes('--lab')) {
  const { labBench } = await import('./lab.js');
  const lab = await labBench(process.argv);
  writeFileSync(new URL('lab.json', RESULTS), `${JSON.stringify(lab, null, 2)}\n`);
  console.log(JSON.stringify(lab, null, 2));
}
