import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RESULTS = `${ROOT}test-results/`;

/**
 * Each e2e run starts its CLI log afresh (see CLI_LOG in support.ts) and bundles the CLI from
 * src/ once: the suite runs it a few hundred times, and plain node starts the bundle in about
 * 0.3 s where tsx needs 1.5–2 s to load the sources (minutes over the suite).
 */
export async function setup(): Promise<void> {
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(`${RESULTS}e2e-cli.log`, '');
  await build({
    entryPoints: [`${ROOT}src/cli-entry.ts`],
    outfile: `${RESULTS}e2e-cli/cli.mjs`,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Dependencies load from node_modules as they would for the published CLI.
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}

/** The e2e suite leaves no lab behind: namespaces, sshd, podman and containers go at the end. */
export function teardown(): void {
  execFileSync('bash', ['lab/lab.sh', 'down'], { cwd: ROOT, stdio: 'inherit', timeout: 300_000 });
}
