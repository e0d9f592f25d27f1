#!/usr/bin/env node
import { enableCompileCache } from './compile-cache.js';

// V8's compiled code of the bundle is kept between runs (see compile-cache.ts). The CLI itself is
// loaded after this, as chunks of its own, so that the cache covers it.
enableCompileCache();

// `validate spec.yml | head -1`: the reader is gone. Later output is dropped quietly (no stack
// trace); the command still finishes, so a deploy is never cut short and the exit code stays true.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  });
}
// Node ignores SIGPIPE already; saying so keeps a changed default from killing a rollout midway.
process.on('SIGPIPE', () => undefined);

// No top-level await: the CLI bundle is CommonJS (so that older Node can cache its compiled code).
void import('./cli.js')
  .then(({ runCli }) => runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }))
  .then((code) => {
    process.exitCode = code;
  });
