import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Runs the committed dist/ the way GitHub's runner does: Node 24, inputs as INPUT_* variables,
 * GITHUB_OUTPUT / GITHUB_STATE / GITHUB_STEP_SUMMARY files, main then post with the saved state.
 */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const NODE24 = join(ROOT, 'test/node24/node_modules/.bin/node');

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  state: Record<string, string>;
  summary: string;
  /** `::error file=...,line=...::text` commands printed by main. */
  annotations: { level: string; props: Record<string, string>; text: string }[];
}

/** `name<<DELIM\nvalue\nDELIM` blocks, as @actions/core writes them. */
export function parseFileCommands(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i] ?? '');
    if (!m) continue;
    const [, name, delim] = m;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== delim; i++) value.push(lines[i] ?? '');
    out[name ?? ''] = value.join('\n');
  }
  return out;
}

function parseAnnotations(stdout: string): ActionRun['annotations'] {
  return stdout
    .split('\n')
    .map((l) => /^::(error|warning|notice)( [^:]*)?::(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => !!m)
    .map((m) => ({
      level: m[1] ?? '',
      props: Object.fromEntries(
        (m[2] ?? '')
          .trim()
          .split(',')
          .filter(Boolean)
          .map((kv) => [
            kv.slice(0, kv.indexOf('=')),
            decodeURIComponent(kv.slice(kv.indexOf('=') + 1).replace(/%2C/g, ',')),
          ]),
      ),
      text: (m[3] ?? '').replace(/%0A/g, '\n').replace(/%25/g, '%'),
    }));
}

export function runAction(
  entry: 'action' | 'post',
  inputs: Record<string, string>,
  options: { cwd?: string; state?: Record<string, string>; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): ActionRun {
  if (!existsSync(NODE24))
    throw new Error(`Node 24 missing at ${NODE24}: run 'bash scripts/test-setup.sh' (npm test does)`);
  const dir = mkdtempSync(join(tmpdir(), 'gh-runner-'));
  const files = { output: join(dir, 'output'), state: join(dir, 'state'), summary: join(dir, 'summary') };
  for (const f of Object.values(files)) writeFileSync(f, '');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: options.cwd ?? ROOT,
    GITHUB_OUTPUT: files.output,
    GITHUB_STATE: files.state,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_REPOSITORY: 'acme/mq-cluster',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_ACTOR: 'octocat',
    GITHUB_SERVER_URL: 'https://github.com',
    RUNNER_TEMP: dir,
    ...options.env,
  };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  for (const [k, v] of Object.entries(options.state ?? {})) env[`STATE_${k}`] = v;
  const r = spawnSync(NODE24, [join(ROOT, `dist/${entry}/index.js`)], {
    cwd: options.cwd ?? ROOT,
    env,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 60_000,
    maxBuffer: 64 << 20,
  });
  return {
    code: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    outputs: parseFileCommands(readFileSync(files.output, 'utf8')),
    state: parseFileCommands(readFileSync(files.state, 'utf8')),
    summary: readFileSync(files.summary, 'utf8'),
    annotations: parseAnnotations(r.stdout),
  };
}
