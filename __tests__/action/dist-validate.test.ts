import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAction } from './run-dist.js';

/** The bundled action, run as the GitHub runner runs it (Node 24, INPUT_*, file commands). */
describe('dist/action on Node 24: validate and render', () => {
  it.each([
    'two-host-2m-2s-async.yml',
    'single-node.yml',
    'two-masters.yml',
    'two-host-2m-2s-sync.yml',
    'three-hosts.yml',
  ])('validates examples/%s with outputs, annotations and a summary', (file) => {
    const r = runAction('action', { command: 'validate', spec: `examples/${file}` });
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.outputs.valid).toBe('true');
    expect(r.outputs.errors).toBe('0');
    expect(Number(r.outputs.containers)).toBeGreaterThan(2);
    expect(r.summary).toContain(`<h2>✅ <code>examples/${file}</code> is valid</h2>`);
    expect(r.summary).toContain('<th>Host</th>');
    // Every warning and notice is an annotation on the spec file with a line, except the topology:
    // that is the summary's own line, not a note on every pull request.
    expect(r.annotations.length).toBe(Number(r.outputs.warnings) + Number(r.outputs.notices) - 1);
    expect(r.annotations.some((a) => /topology/.test(a.text))).toBe(false);
    expect(r.summary).toContain('<b>Topology:</b>');
    for (const a of r.annotations) {
      expect(a.props.file).toBe(`examples/${file}`);
      expect(Number(a.props.line)).toBeGreaterThan(0);
    }
  });

  it('fails on a spec with mistakes, annotating each on its line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spec-'));
    const spec = readFileSync('examples/two-host-2m-2s-async.yml', 'utf8')
      .replace('listenPort: 11911 } ] }', 'listenPort: 10911 } ] }') // broker-a's slave clashes with broker-b's master on B
      .replace('flushDiskType: ASYNC_FLUSH', 'flushDiskType: async_flush')
      .replace('console: { host: A, port: 8080 }', 'console: { host: C, port: 8080 }');
    writeFileSync(join(dir, 'cluster.yml'), spec);
    const r = runAction('action', { command: 'validate', spec: 'cluster.yml' }, { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.outputs.valid).toBe('false');
    expect(Number(r.outputs.errors)).toBeGreaterThanOrEqual(3);
    const errors = r.annotations.filter((a) => a.level === 'error' && a.props.file === 'cluster.yml');
    const lines = errors.map((a) => Number(a.props.line));
    expect(lines).toEqual(expect.arrayContaining([16, 26]));
    expect(errors.some((a) => [21, 23].includes(Number(a.props.line)) && /10911/.test(a.text))).toBe(true);
    expect(r.stdout).toMatch(/::error::cluster\.yml has \d+ error/);
    expect(r.summary).toContain('<h2>❌ <code>cluster.yml</code> is invalid</h2>');
  });

  it('renders to the out folder and reports the manifest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'render-'));
    const r = runAction(
      'action',
      {
        command: 'render',
        spec: join(process.cwd(), 'examples/two-host-2m-2s-async.yml'),
        out: join(dir, 'out'),
        revision: 'r1',
      },
      { cwd: dir },
    );
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.outputs.manifest).toBe(join(dir, 'out', 'manifest.json'));
    const manifest = JSON.parse(readFileSync(r.outputs.manifest ?? '', 'utf8')) as { containers: unknown[] };
    expect(manifest.containers).toHaveLength(7);
  });

  it('rejects a bad command input with the expected form', () => {
    const r = runAction('action', { command: 'destroy' });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      "::error::Invalid command 'destroy'. Expected one of validate, render, plan, deploy, rollback.",
    );
  });

  it('post step does nothing after validate', () => {
    const r = runAction('post', { command: 'validate' }, { state: { command: 'validate' } });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('::warning');
  });
});
