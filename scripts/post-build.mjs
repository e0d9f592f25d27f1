// After ncc: the bundles are ES modules, but ssh2's bundled poly1305 (used when its optional
// native addon is absent, as in our deterministic builds) reads the CommonJS `__dirname`.
// Define it once at the top of each bundle; make the CLI bundle directly executable.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { URL } from 'node:url';

const PRELUDE =
  "import { fileURLToPath as __rmqFileURLToPath } from 'node:url';\n" +
  "import { dirname as __rmqDirname } from 'node:path';\n" +
  'const __filename = __rmqFileURLToPath(import.meta.url);\n' +
  'const __dirname = __rmqDirname(__filename);\n';

for (const entry of ['action', 'post', 'cli']) {
  const file = new URL(`../dist/${entry}/index.js`, import.meta.url);
  let text = readFileSync(file, 'utf8');
  const shebang = text.startsWith('#!') ? text.slice(0, text.indexOf('\n') + 1) : '';
  text = text.slice(shebang.length);
  if (!text.startsWith(PRELUDE)) text = PRELUDE + text;
  writeFileSync(file, (entry === 'cli' ? '#!/usr/bin/env node\n' : shebang) + text);
  if (entry === 'cli') chmodSync(file, 0o755);
}
