/**
 * Writes the spec reference into README.md between its markers, from the generated JSON Schema,
 * so the documentation cannot drift from what validation accepts.
 */
import { readFileSync, writeFileSync } from 'node:fs';

interface Node {
  $ref?: string;
  type?: string | string[];
  description?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, Node>;
  additionalProperties?: Node | boolean;
  propertyNames?: Node;
  items?: Node;
  anyOf?: Node[];
  required?: string[];
}

const schema = JSON.parse(
  readFileSync(new URL('../schema/cluster.schema.json', import.meta.url), 'utf8'),
) as Node;
const rows: string[] = [];

function typeOf(n: Node): string {
  // The broker.conf key table is hundreds of keys: named here, listed in the schema itself.
  if (n.$ref === '#/$defs/brokerConfig') return 'map of broker.conf keys';
  if (n.const !== undefined) return `\`${JSON.stringify(n.const)}\``;
  if (n.enum) return n.enum.map((e) => `\`${String(e)}\``).join(' \\| ');
  if (n.anyOf) return n.anyOf.map(typeOf).join(' \\| ');
  if (n.type === 'array') return `list of ${n.items ? typeOf(n.items) : 'values'}`;
  if (n.type === 'object' && !n.properties && typeof n.additionalProperties === 'object')
    return `map of ${typeOf(n.additionalProperties)}`;
  return Array.isArray(n.type) ? n.type.join(' \\| ') : (n.type ?? 'any');
}

function walk(n: Node, path: string, required: boolean): void {
  const notes: string[] = [];
  if (n.description) notes.push(n.description);
  if (n.default !== undefined && typeof n.default !== 'object')
    notes.push(`default \`${String(n.default)}\``);
  const max = n.maximum !== undefined && n.maximum < Number.MAX_SAFE_INTEGER ? n.maximum : undefined;
  if (n.minimum !== undefined || max !== undefined) notes.push(`${n.minimum ?? ''}–${max ?? ''}`);
  if (n.pattern) notes.push(`pattern \`${n.pattern.replace(/\|/g, '\\|')}\``);
  if (path) rows.push(`| \`${path}\` | ${typeOf(n)} | ${required ? 'yes' : ''} | ${notes.join('; ')} |`);
  for (const [k, child] of Object.entries(n.properties ?? {})) {
    walk(child, path ? `${path}.${k}` : k, (n.required ?? []).includes(k));
  }
  if (typeof n.additionalProperties === 'object' && n.additionalProperties.properties) {
    walk(n.additionalProperties, `${path}.<name>`, false);
  }
  if (n.items?.properties) walk(n.items, `${path}[]`, false);
}
walk(schema, '', true);

const table = ['| Key | Type | Required | Notes |', '| --- | --- | --- | --- |', ...rows].join('\n');
const readmeUrl = new URL('../README.md', import.meta.url);
const readme = readFileSync(readmeUrl, 'utf8');
const start = '<!-- spec-reference:start -->';
const end = '<!-- spec-reference:end -->';
const a = readme.indexOf(start);
const b = readme.indexOf(end);
if (a < 0 || b < 0) throw new Error('README.md lacks the spec-reference markers');
writeFileSync(readmeUrl, `${readme.slice(0, a + start.length)}\n${table}\n${readme.slice(b)}`);
