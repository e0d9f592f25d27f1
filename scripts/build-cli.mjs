// Bundles the CLI as CommonJS: `node scripts/build-cli.mjs src/cli-entry.ts dist/cli`.
// ncc makes an ES module bundle of a TypeScript entry in a `"type": "module"` package, and Node
// before 22 has no compile cache for ES modules; CommonJS chunks can be compiled with V8's cached
// code (src/compile-cache.ts), which makes a `validate` start about twice as fast. So the same
// entry is bundled with ncc's API and `esm: false`; a package.json in the output says `commonjs`.
import { createRequire } from 'node:module';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const [entry, out] = process.argv.slice(2);
if (!entry || !out) {
  console.error('usage: node scripts/build-cli.mjs ENTRY.ts OUTDIR');
  process.exit(2);
}
const ncc = createRequire(import.meta.url)('@vercel/ncc');
const { code, assets } = await ncc(resolve(entry), { esm: false, quiet: true, sourceMapRegister: false });
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'index.js'), code);
for (const [name, asset] of Object.entries(assets)) {
  if (name === 'package.json') continue;
  mkdirSync(dirname(join(out, name)), { recursive: true });
  writeFileSync(join(out, name), asset.source);
  if (asset.permissions) chmodSync(join(out, name), asset.permissions);
}
writeFileSync(join(out, 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
for (const [name, asset] of Object.entries(assets))
  console.log(`${String(asset.source.length).padStart(9)}  ${name}`);
console.log(`${String(code.length).padStart(9)}  index.js`);
