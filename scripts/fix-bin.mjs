// ncc keeps the shebang of the entry only when it is first; make sure the CLI bundle is executable
// with plain `node` and directly as a bin.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { URL } from 'node:url';

const bin = new URL('../dist/cli/index.js', import.meta.url);
const text = readFileSync(bin, 'utf8');
if (!text.startsWith('#!')) writeFileSync(bin, `#!/usr/bin/env node\n${text}`);
chmodSync(bin, 0o755);
