#!/usr/bin/env node
/******/ (() => { // webpackBootstrap
/******/ 	"use strict";
/******/ 	var __webpack_modules__ = ({

/***/ 2613:
/***/ ((module) => {

module.exports = require("assert");

/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = require("buffer");

/***/ }),

/***/ 5317:
/***/ ((module) => {

module.exports = require("child_process");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = require("crypto");

/***/ }),

/***/ 2250:
/***/ ((module) => {

module.exports = require("dns");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = require("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = require("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = require("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = require("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = require("net");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = require("node:child_process");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = require("node:crypto");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = require("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = require("node:http");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = require("node:net");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = require("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = require("node:path");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = require("node:util");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = require("path");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = require("process");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = require("stream");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = require("tls");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = require("util");

/***/ }),

/***/ 3106:
/***/ ((module) => {

module.exports = require("zlib");

/***/ })

/******/ 	});
/************************************************************************/
/******/ 	// The module cache
/******/ 	var __webpack_module_cache__ = {};
/******/ 	
/******/ 	// The require function
/******/ 	function __nccwpck_require__(moduleId) {
/******/ 		// Check if module is in cache
/******/ 		var cachedModule = __webpack_module_cache__[moduleId];
/******/ 		if (cachedModule !== undefined) {
/******/ 			return cachedModule.exports;
/******/ 		}
/******/ 		// Create a new module (and put it into the cache)
/******/ 		var module = __webpack_module_cache__[moduleId] = {
/******/ 			// no module.id needed
/******/ 			// no module.loaded needed
/******/ 			exports: {}
/******/ 		};
/******/ 	
/******/ 		// Execute the module function
/******/ 		var threw = true;
/******/ 		try {
/******/ 			__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 			threw = false;
/******/ 		} finally {
/******/ 			if(threw) delete __webpack_module_cache__[moduleId];
/******/ 		}
/******/ 	
/******/ 		// Return the exports of the module
/******/ 		return module.exports;
/******/ 	}
/******/ 	
/******/ 	// expose the modules object (__webpack_modules__)
/******/ 	__nccwpck_require__.m = __webpack_modules__;
/******/ 	
/************************************************************************/
/******/ 	/* webpack/runtime/asset-relocator-loader */
/******/ 	if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = __dirname + "/";
/******/ 	
/******/ 	/* webpack/runtime/compat get default export */
/******/ 	(() => {
/******/ 		// getDefaultExport function for compatibility with non-harmony modules
/******/ 		__nccwpck_require__.n = (module) => {
/******/ 			var getter = module && module.__esModule ?
/******/ 				() => (module['default']) :
/******/ 				() => (module);
/******/ 			__nccwpck_require__.d(getter, { a: getter });
/******/ 			return getter;
/******/ 		};
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/create fake namespace object */
/******/ 	(() => {
/******/ 		var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 		var leafPrototypes;
/******/ 		// create a fake namespace object
/******/ 		// mode & 1: value is a module id, require it
/******/ 		// mode & 2: merge all properties of value into the ns
/******/ 		// mode & 4: return value when already ns object
/******/ 		// mode & 16: return value when it's Promise-like
/******/ 		// mode & 8|1: behave like require
/******/ 		__nccwpck_require__.t = function(value, mode) {
/******/ 			if(mode & 1) value = this(value);
/******/ 			if(mode & 8) return value;
/******/ 			if(typeof value === 'object' && value) {
/******/ 				if((mode & 4) && value.__esModule) return value;
/******/ 				if((mode & 16) && typeof value.then === 'function') return value;
/******/ 			}
/******/ 			var ns = Object.create(null);
/******/ 			__nccwpck_require__.r(ns);
/******/ 			var def = {};
/******/ 			leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 			for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 				Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 			}
/******/ 			def['default'] = () => (value);
/******/ 			__nccwpck_require__.d(ns, def);
/******/ 			return ns;
/******/ 		};
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/define property getters */
/******/ 	(() => {
/******/ 		// define getter functions for harmony exports
/******/ 		__nccwpck_require__.d = (exports, definition) => {
/******/ 			for(var key in definition) {
/******/ 				if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 					Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 				}
/******/ 			}
/******/ 		};
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/ensure chunk */
/******/ 	(() => {
/******/ 		__nccwpck_require__.f = {};
/******/ 		// This file contains only the entry chunk.
/******/ 		// The chunk loading function for additional chunks
/******/ 		__nccwpck_require__.e = (chunkId) => {
/******/ 			return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 				__nccwpck_require__.f[key](chunkId, promises);
/******/ 				return promises;
/******/ 			}, []));
/******/ 		};
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/get javascript chunk filename */
/******/ 	(() => {
/******/ 		// This function allow to reference async chunks
/******/ 		__nccwpck_require__.u = (chunkId) => {
/******/ 			// return url for filenames based on template
/******/ 			return "" + chunkId + ".index.js";
/******/ 		};
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/hasOwnProperty shorthand */
/******/ 	(() => {
/******/ 		__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/make namespace object */
/******/ 	(() => {
/******/ 		// define __esModule on exports
/******/ 		__nccwpck_require__.r = (exports) => {
/******/ 			if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 				Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 			}
/******/ 			Object.defineProperty(exports, '__esModule', { value: true });
/******/ 		};
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/require chunk loading */
/******/ 	(() => {
/******/ 		// no baseURI
/******/ 		
/******/ 		// object to store loaded chunks
/******/ 		// "1" means "loaded", otherwise not loaded yet
/******/ 		var installedChunks = {
/******/ 			792: 1
/******/ 		};
/******/ 		
/******/ 		// no on chunks loaded
/******/ 		
/******/ 		var installChunk = (chunk) => {
/******/ 			var moreModules = chunk.modules, chunkIds = chunk.ids, runtime = chunk.runtime;
/******/ 			for(var moduleId in moreModules) {
/******/ 				if(__nccwpck_require__.o(moreModules, moduleId)) {
/******/ 					__nccwpck_require__.m[moduleId] = moreModules[moduleId];
/******/ 				}
/******/ 			}
/******/ 			if(runtime) runtime(__nccwpck_require__);
/******/ 			for(var i = 0; i < chunkIds.length; i++)
/******/ 				installedChunks[chunkIds[i]] = 1;
/******/ 		
/******/ 		};
/******/ 		
/******/ 		// require() chunk loading for javascript
/******/ 		__nccwpck_require__.f.require = (chunkId, promises) => {
/******/ 			// "1" is the signal for "already loaded"
/******/ 			if(!installedChunks[chunkId]) {
/******/ 				if(true) { // all chunks have JS
/******/ 					installChunk(require("./" + __nccwpck_require__.u(chunkId)));
/******/ 				} else installedChunks[chunkId] = 1;
/******/ 			}
/******/ 		};
/******/ 		
/******/ 		// no external install chunk
/******/ 		
/******/ 		// no HMR
/******/ 		
/******/ 		// no HMR manifest
/******/ 	})();
/******/ 	
/************************************************************************/
var __webpack_exports__ = {};

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = require("node:fs");
var external_node_fs_default = /*#__PURE__*/__nccwpck_require__.n(external_node_fs_namespaceObject);
;// CONCATENATED MODULE: external "node:module"
const external_node_module_namespaceObject = require("node:module");
var external_node_module_default = /*#__PURE__*/__nccwpck_require__.n(external_node_module_namespaceObject);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(8161);
var external_node_os_default = /*#__PURE__*/__nccwpck_require__.n(external_node_os_);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
var external_node_path_default = /*#__PURE__*/__nccwpck_require__.n(external_node_path_);
;// CONCATENATED MODULE: external "node:vm"
const external_node_vm_namespaceObject = require("node:vm");
var external_node_vm_default = /*#__PURE__*/__nccwpck_require__.n(external_node_vm_namespaceObject);
;// CONCATENATED MODULE: ./src/compile-cache.ts
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






/** The ncc chunk files of the bundle beside the running script: the only files cached. */
const CHUNK = /^\d+\.index\.js$/;
/** A private cache directory, or undefined when it cannot be made safe. */
function cacheDir() {
    const uid = process.getuid?.() ?? 0;
    const dir = external_node_path_default().join(external_node_os_default().tmpdir(), `rocketmq-rollout-compile-cache-${uid}`);
    try {
        external_node_fs_default().mkdirSync(dir, { recursive: true, mode: 0o700 });
        const st = external_node_fs_default().lstatSync(dir);
        // Someone else's directory (or a link) could hand us compiled code: not used then.
        if (!st.isDirectory() || st.uid !== uid || (st.mode & 0o077) !== 0)
            return undefined;
        return dir;
    }
    catch {
        return undefined;
    }
}
function read(file) {
    try {
        return external_node_fs_default().readFileSync(file);
    }
    catch {
        return undefined;
    }
}
/** The chunks compiled without usable cached code this run: their code is saved at exit. */
const pending = [];
/**
 * Written when the process ends (the code of every function run by then is in it), atomically.
 * One exit listener for all of them: a cold `deploy` compiles a dozen chunks, and a listener each
 * would trip Node's MaxListenersExceededWarning on the user's terminal.
 */
function saveOnExit(dir, prefix, file, script) {
    if (!pending.length)
        process.once('exit', saveAll);
    pending.push({ dir, prefix, file, script });
}
function saveAll() {
    for (const { dir, prefix, file, script } of pending.splice(0)) {
        try {
            const tmp = `${file}.${process.pid}.tmp`;
            external_node_fs_default().writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
            external_node_fs_default().renameSync(tmp, file);
            // Older builds of the same chunk go: one entry per chunk, command and Node is kept.
            for (const f of external_node_fs_default().readdirSync(dir))
                if (f.startsWith(prefix) && external_node_path_default().join(dir, f) !== file && !f.endsWith('.tmp'))
                    external_node_fs_default().rmSync(external_node_path_default().join(dir, f));
        }
        catch {
            // A full or read-only temp directory: the next run compiles again.
        }
    }
}
/**
 * The cache holds the code of the functions a run called, so each command has its own: the first
 * `--version` must not leave a cache without the code `validate` needs.
 */
function commandOf(argv) {
    const first = argv.find((a) => !a.startsWith('-')) ?? 'none';
    return /^[a-z-]{1,24}$/.test(first) ? first : 'other';
}
function installHook(bundleDir, dir) {
    const command = commandOf(process.argv.slice(2));
    const Module = (external_node_module_default());
    const original = Module.prototype._compile;
    const dynamicImport = (external_node_vm_default()).constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER;
    Module.prototype._compile = function (content, filename) {
        const name = external_node_path_default().basename(filename);
        if (external_node_path_default().dirname(filename) !== bundleDir || !CHUNK.test(name))
            return original.call(this, content, filename);
        const hash = (0,external_node_crypto_.createHash)('sha256').update(content).digest('hex').slice(0, 24);
        const file = external_node_path_default().join(dir, `${name}-${command}-${process.version}-${process.arch}-${hash}`);
        const cachedData = read(file);
        const script = new (external_node_vm_default()).Script(Module.wrap(content), {
            filename,
            ...(cachedData ? { cachedData } : {}),
            ...(dynamicImport ? { importModuleDynamically: dynamicImport } : {}),
        });
        if (!cachedData || script.cachedDataRejected)
            saveOnExit(dir, `${name}-${command}-`, file, script);
        const require = Object.assign((id) => this.require(id), {
            resolve: (request) => Module._resolveFilename(request, this),
            cache: Module._cache,
            main: process.mainModule,
        });
        const wrapper = script.runInThisContext({ displayErrors: true });
        return wrapper.call(this.exports, this.exports, require, this, filename, external_node_path_default().dirname(filename));
    };
}
/** Turns the cache on for the rest of the process; call it before the CLI's chunks load. */
function enableCompileCache() {
    if (process.env.NODE_DISABLE_COMPILE_CACHE)
        return;
    const native = (external_node_module_default()).enableCompileCache;
    if (native) {
        native();
        return;
    }
    // Only the CommonJS bundle goes through Module.prototype._compile; from source nothing matches.
    const script = process.argv[1];
    if (!script)
        return;
    const dir = cacheDir();
    if (dir)
        installHook(external_node_path_default().dirname(external_node_fs_default().realpathSync(script)), dir);
}

;// CONCATENATED MODULE: ./src/cli-entry.ts

// V8's compiled code of the bundle is kept between runs (see compile-cache.ts). The CLI itself is
// loaded after this, as chunks of its own, so that the cache covers it.
enableCompileCache();
// `validate spec.yml | head -1`: the reader is gone. Later output is dropped quietly (no stack
// trace); the command still finishes, so a deploy is never cut short and the exit code stays true.
for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error) => {
        if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED')
            throw error;
    });
}
// Node ignores SIGPIPE already; saying so keeps a changed default from killing a rollout midway.
process.on('SIGPIPE', () => undefined);
// No top-level await: the CLI bundle is CommonJS (so that older Node can cache its compiled code).
void Promise.all(/* import() */[__nccwpck_require__.e(688), __nccwpck_require__.e(120)]).then(__nccwpck_require__.bind(__nccwpck_require__, 5120))
    .then(({ runCli }) => runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }))
    .then((code) => {
    process.exitCode = code;
});

module.exports = __webpack_exports__;
/******/ })()
;