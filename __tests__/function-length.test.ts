import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Every function in src/ stays under 80 lines, so each can be read in one screen.
 *
 * The rule: a function is a function declaration, a method, a constructor, a get/set accessor, an
 * arrow function or a function expression. Its length is the number of lines from the line its
 * declaration starts on (leading comments excluded) to the line of its closing brace, both
 * included. A nested function counts inside its parent (the parent's length includes it) and is
 * also measured on its own.
 */
const LIMIT = 80;
const ROOT = 'src';

interface Measured {
  where: string;
  name: string;
  lines: number;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

function nameOf(node: ts.Node): string {
  const named = node as ts.Node & { name?: ts.Node };
  if (named.name && ts.isIdentifier(named.name)) return named.name.text;
  if (named.name) return named.name.getText();
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  // An anonymous function takes the name of what it is assigned to, when it is.
  const parent = node.parent as ts.Node | undefined;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (parent && ts.isPropertyAssignment(parent)) return parent.name.getText();
  return '(anonymous)';
}

function measure(file: string): Measured[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: Measured[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      found.push({
        where: `${relative('.', file)}:${start + 1}`,
        name: nameOf(node),
        lines: end - start + 1,
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('function length', () => {
  const all = sourceFiles(ROOT)
    .flatMap(measure)
    .sort((a, b) => b.lines - a.lines);

  it('finds the functions of src/ (the walk itself works)', () => {
    expect(all.length).toBeGreaterThan(100);
    expect(all.some((f) => f.name === 'checkSpec')).toBe(true);
  });

  it(`keeps every function in src/ under ${LIMIT} lines`, () => {
    const top = all
      .slice(0, 5)
      .map((f) => `${f.lines} lines  ${f.name}  ${f.where}`)
      .join('\n');
    const tooLong = all.filter((f) => f.lines >= LIMIT).map((f) => `${f.where} ${f.name} (${f.lines})`);
    expect(tooLong, `longest functions in src/:\n${top}`).toEqual([]);
  });
});
