// After ncc: the bundles are ES modules, but ssh2's bundled poly1305 (used when its optional
// native addon is absent, as in our deterministic builds) reads the CommonJS `__dirname`.
// Define it at the top of every bundle file that uses it (entries and lazily loaded chunks);
// make the CLI bundle directly executable.
import { chmodSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { URL } from 'node:url';

const PRELUDE =
  "import { fileURLToPath as __rmqFileURLToPath } from 'node:url';\n" +
  "import { dirname as __rmqDirname } from 'node:path';\n" +
  'const __filename = __rmqFileURLToPath(import.meta.url);\n' +
  'const __dirname = __rmqDirname(__filename);\n';

for (const entry of ['action', 'post', 'cli']) {
  const dir = new URL(`../dist/${entry}/`, import.meta.url);
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .sort()) {
    const file = new URL(name, dir);
    let text = readFileSync(file, 'utf8');
    const shebang = text.startsWith('#!') ? text.slice(0, text.indexOf('\n') + 1) : '';
    text = text.slice(shebang.length);
    // The CLI bundle is CommonJS (scripts/build-cli.mjs): it has __dirname, and no `import` statements.
    if (entry !== 'cli' && !text.startsWith(PRELUDE) && /\b__dirname\b/.test(text)) text = PRELUDE + text;
    const isCli = entry === 'cli' && name === 'index.js';
    writeFileSync(file, (isCli ? '#!/usr/bin/env node\n' : shebang) + text);
    if (isCli) chmodSync(file, 0o755);
  }
}
