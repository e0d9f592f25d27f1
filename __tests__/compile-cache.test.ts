import { spawnSync } from 'node:child_process';
import module from 'node:module';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * The CLI's compile cache on Node before 22 (this machine's Node 20): a "bundle" directory with a
 * main script and a chunk named like ncc's, run in fresh processes with their own temp directory.
 */
const CACHE = fileURLToPath(new URL('../src/compile-cache.ts', import.meta.url));
const native = typeof (module as { enableCompileCache?: unknown }).enableCompileCache === 'function';
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** `7.index.js` holds `chunk`; with `more`, chunks 100.. too, each loaded by the one before. */
function bundle(chunk: string, more = 0): { dir: string; tmp: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cc-bundle-'));
  const tmp = mkdtempSync(join(tmpdir(), 'cc-tmp-'));
  dirs.push(dir, tmp);
  writeFileSync(
    join(dir, 'main.mjs'),
    `import { createRequire } from 'node:module';\nimport { enableCompileCache } from ${JSON.stringify(CACHE)};\n` +
      `enableCompileCache();\nconsole.log(createRequire(import.meta.url)('./7.index.js').answer());\n`,
  );
  writeFileSync(join(dir, '7.index.js'), more ? `require('./100.index.js');\n${chunk}` : chunk);
  for (let i = 0; i < more; i++)
    writeFileSync(
      join(dir, `${100 + i}.index.js`),
      i + 1 < more ? `require('./${101 + i}.index.js');\n` : 'exports.last = true;\n',
    );
  return { dir, tmp };
}
function spawnRun(b: { dir: string; tmp: string }, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(b.dir, 'main.mjs'), 'validate'], {
    encoding: 'utf8',
    env: { ...process.env, TMPDIR: b.tmp, ...env },
  });
  expect(r.status, r.stderr).toBe(0);
  return { stdout: r.stdout.trim(), stderr: r.stderr };
}
const run = (b: { dir: string; tmp: string }, env: Record<string, string> = {}): string =>
  spawnRun(b, env).stdout;
const cacheFiles = (tmp: string): string[] =>
  readdirSync(tmp)
    .filter((d) => d.startsWith('rocketmq-rollout-compile-cache-'))
    .flatMap((d) => readdirSync(join(tmp, d)));

describe.skipIf(native)('compile cache (Node without module.enableCompileCache)', () => {
  it("keeps a chunk's compiled code per command, and never serves it for other text", () => {
    const b = bundle('exports.answer = () => "forty-two";\n');
    expect(run(b)).toBe('forty-two');
    const [entry, ...more] = cacheFiles(b.tmp);
    expect(more).toEqual([]);
    expect(entry).toMatch(/^7\.index\.js-validate-v\d+\.\d+\.\d+-\w+-[0-9a-f]{24}$/);
    expect(run(b)).toBe('forty-two');
    // Same length, other text (V8's own check would accept it): another key, the new code runs.
    writeFileSync(join(b.dir, '7.index.js'), 'exports.answer = () => "forty-six";\n');
    expect(run(b)).toBe('forty-six');
    expect(cacheFiles(b.tmp)).toHaveLength(1);
  });

  it('saves a dozen chunks cold without a warning on the terminal', () => {
    // A cold deploy compiles a dozen chunks: a listener each tripped MaxListenersExceededWarning.
    const b = bundle('exports.answer = () => "cold";\n', 12);
    const first = spawnRun(b);
    expect(first.stdout).toBe('cold');
    expect(first.stderr).not.toMatch(/Warning/);
    expect(cacheFiles(b.tmp)).toHaveLength(13);
    expect(spawnRun(b).stderr).toBe('');
  });

  it('leaves a directory it does not own alone, and is off with NODE_DISABLE_COMPILE_CACHE', () => {
    const b = bundle('exports.answer = () => 1;\n');
    expect(run(b, { NODE_DISABLE_COMPILE_CACHE: '1' })).toBe('1');
    expect(cacheFiles(b.tmp)).toEqual([]);
    const shared = join(b.tmp, `rocketmq-rollout-compile-cache-${process.getuid?.() ?? 0}`);
    mkdirSync(shared);
    chmodSync(shared, 0o777);
    expect(run(b)).toBe('1');
    expect(readdirSync(shared)).toEqual([]);
  });
});
