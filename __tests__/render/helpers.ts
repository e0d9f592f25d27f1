import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { SpecSchema, type Spec } from '../../src/spec/schema.js';

/** Parse an example spec straight through the schema (validation has its own tests). */
export function loadExample(name: string): Spec {
  const text = readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8');
  return SpecSchema.parse(parse(text));
}
