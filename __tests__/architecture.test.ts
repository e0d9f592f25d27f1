import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };

/**
 * The stages of src/, lowest first. A file may import its own stage and any LOWER one, never a
 * higher one: the engine does not know its presenters, a format does not know who sends it.
 * - errors.ts: the base of our errors, thrown at every stage.
 * - rocketmq/: RocketMQ's own formats (java.util.Properties, image references), used everywhere.
 * - report/reporter.ts: the Reporter port, so remote/ and rollout/ report without knowing how.
 * - report/ (the rest): presenters of rollout results for a terminal and GitHub.
 * - commands/: one function per command, shared by the CLI and the action.
 * - action/: the action's inputs. Files at the top of src/ are the entries.
 */
const STAGES = [
  'errors.ts',
  'rocketmq',
  'spec',
  'render',
  'plan',
  'report/reporter.ts',
  'remote',
  'gates',
  'rollout',
  'report',
  'commands',
  'action',
  '(entry)',
] as const;

const SRC = join(import.meta.dirname, '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** src-relative paths of the src files one file imports (static, type-only, dynamic, re-exports). */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .map((f) => f.fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => relative(SRC, normalize(join(dirname(file), name.replace(/\.js$/, '.ts')))))
    .filter((path) => !path.startsWith('..'));
}

function stageOf(path: string): number {
  const exact = STAGES.indexOf(path as (typeof STAGES)[number]);
  if (exact !== -1) return exact;
  const folder = path.includes('/') ? path.slice(0, path.indexOf('/')) : '(entry)';
  const stage = STAGES.indexOf(folder as (typeof STAGES)[number]);
  if (stage === -1) throw new Error(`src/${path}: folder ${folder} has no place in STAGES`);
  return stage;
}

/** What the build bundles (package.json "build": `ncc build src/<entry>.ts`, or build-cli.mjs for the CLI). */
const ENTRIES = [...pkg.scripts.build.matchAll(/(?:ncc build|build-cli\.mjs) src\/(\S+\.ts)/g)].map(
  (m) => m[1] as string,
);

const files = sourceFiles(SRC).map((f) => relative(SRC, f));
const graph = new Map(files.map((f) => [f, importsOf(join(SRC, f))]));

describe('architecture of src/', () => {
  it('finds the entries the build bundles', () => {
    expect(ENTRIES.sort()).toEqual(['cli-entry.ts', 'index.ts', 'post.ts']);
  });

  it('ships only what an entry reaches: no file under src/ is imported by tests alone', () => {
    const reached = new Set<string>();
    const visit = (f: string): void => {
      if (reached.has(f)) return;
      reached.add(f);
      for (const target of graph.get(f) ?? []) visit(target);
    };
    ENTRIES.forEach(visit);
    expect(files.filter((f) => !reached.has(f)).sort()).toEqual([]);
  });

  it('every import points down the stages (or stays in its own)', () => {
    const upward: string[] = [];
    for (const [from, targets] of graph) {
      for (const to of targets) {
        if (stageOf(to) > stageOf(from))
          upward.push(`${from} (${STAGES[stageOf(from)]}) imports ${to} (${STAGES[stageOf(to)]})`);
      }
    }
    expect(upward).toEqual([]);
  });
});
