/**
 * A CLI always starts cold, and compiling the bundle is most of a `validate`'s time: V8's compiled
 * code of the bundle's chunks is kept between runs. Node 22+ does that itself
 * (module.enableCompileCache); on older Node the CLI bundle is CommonJS, and each of its chunks is
 * compiled here through vm.Script with the code V8 produced on an earlier run. The cache lives in
 * a directory of the user's own (0700, checked before every use) under the temp directory, keyed by
 * a hash of the chunk's text, the Node version and the command, so a rebuilt bundle or another
 * Node never gets code compiled from other text. NODE_DISABLE_COMPILE_CACHE=1 turns it off, as for Node's own.
 * Any failure of the cache only costs the time it would have saved.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';

interface CjsModule {
  exports: unknown;
  require: (id: string) => unknown;
  _compile: (this: CjsModule, content: string, filename: string) => unknown;
}
type ModuleClass = typeof module & {
  prototype: CjsModule;
  wrap(content: string): string;
  _resolveFilename(request: string, parent: CjsModule): string;
  _cache: Record<string, unknown>;
};

/** The ncc chunk files of the bundle beside the running script: the only files cached. */
const CHUNK = /^\d+\.index\.js$/;

/** A private cache directory, or undefined when it cannot be made safe. */
function cacheDir(): string | undefined {
  const uid = process.getuid?.() ?? 0;
  const dir = path.join(os.tmpdir(), `rocketmq-rollout-compile-cache-${uid}`);
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = fs.lstatSync(dir);
    // Someone else's directory (or a link) could hand us compiled code: not used then.
    if (!st.isDirectory() || st.uid !== uid || (st.mode & 0o077) !== 0) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

function read(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** The chunks compiled without usable cached code this run: their code is saved at exit. */
const pending: { dir: string; prefix: string; file: string; script: vm.Script }[] = [];

/**
 * Written when the process ends (the code of every function run by then is in it), atomically.
 * One exit listener for all of them: a cold `deploy` compiles a dozen chunks, and a listener each
 * would trip Node's MaxListenersExceededWarning on the user's terminal.
 */
function saveOnExit(dir: string, prefix: string, file: string, script: vm.Script): void {
  if (!pending.length) process.once('exit', saveAll);
  pending.push({ dir, prefix, file, script });
}

function saveAll(): void {
  for (const { dir, prefix, file, script } of pending.splice(0)) {
    try {
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
      fs.renameSync(tmp, file);
      // Older builds of the same chunk go: one entry per chunk, command and Node is kept.
      for (const f of fs.readdirSync(dir))
        if (f.startsWith(prefix) && path.join(dir, f) !== file && !f.endsWith('.tmp'))
          fs.rmSync(path.join(dir, f));
    } catch {
      // A full or read-only temp directory: the next run compiles again.
    }
  }
}

/**
 * The cache holds the code of the functions a run called, so each command has its own: the first
 * `--version` must not leave a cache without the code `validate` needs.
 */
function commandOf(argv: readonly string[]): string {
  const first = argv.find((a) => !a.startsWith('-')) ?? 'none';
  return /^[a-z-]{1,24}$/.test(first) ? first : 'other';
}

function installHook(bundleDir: string, dir: string): void {
  const command = commandOf(process.argv.slice(2));
  const Module = module as ModuleClass;
  const original = Module.prototype._compile;
  const dynamicImport = (vm as unknown as { constants?: { USE_MAIN_CONTEXT_DEFAULT_LOADER?: symbol } })
    .constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  Module.prototype._compile = function (this: CjsModule, content: string, filename: string): unknown {
    const name = path.basename(filename);
    if (path.dirname(filename) !== bundleDir || !CHUNK.test(name))
      return original.call(this, content, filename);
    const hash = createHash('sha256').update(content).digest('hex').slice(0, 24);
    const file = path.join(dir, `${name}-${command}-${process.version}-${process.arch}-${hash}`);
    const cachedData = read(file);
    const script = new vm.Script(Module.wrap(content), {
      filename,
      ...(cachedData ? { cachedData } : {}),
      ...(dynamicImport ? { importModuleDynamically: dynamicImport as never } : {}),
    });
    if (!cachedData || script.cachedDataRejected) saveOnExit(dir, `${name}-${command}-`, file, script);
    const require = Object.assign((id: string) => this.require(id), {
      resolve: (request: string) => Module._resolveFilename(request, this),
      cache: Module._cache,
      main: process.mainModule,
    });
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, require, this, filename, path.dirname(filename));
  };
}

/** Turns the cache on for the rest of the process; call it before the CLI's chunks load. */
export function enableCompileCache(): void {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return;
  const native = (module as { enableCompileCache?: () => unknown }).enableCompileCache;
  if (native) {
    native();
    return;
  }
  // Only the CommonJS bundle goes through Module.prototype._compile; from source nothing matches.
  const script = process.argv[1];
  if (!script) return;
  const dir = cacheDir();
  if (dir) installHook(path.dirname(fs.realpathSync(script)), dir);
}
