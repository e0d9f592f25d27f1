#!/usr/bin/env node
import module from 'node:module';

// Node 22+ keeps V8's compiled code of the bundle between runs: a CLI always starts cold, and
// compiling the bundle is most of a validate's time. The CLI itself is loaded after this, as a
// chunk of its own, so that the cache covers it (older Node: no cache, same behaviour).
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

// `validate spec.yml | head -1`: the reader is gone. Later output is dropped quietly (no stack
// trace); the command still finishes, so a deploy is never cut short and the exit code stays true.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  });
}
// Node ignores SIGPIPE already; saying so keeps a changed default from killing a rollout midway.
process.on('SIGPIPE', () => undefined);

const { runCli } = await import('./cli.js');
process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
