"use strict";
exports.id = 322;
exports.ids = [322];
exports.modules = {

/***/ 6322:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runRemote: () => (/* binding */ runRemote)
/* harmony export */ });
/* harmony import */ var _files_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2729);

/**
 * plan, deploy, rollback for both entries: the spec (or the saved plan) read, the revision looked
 * up, SIGINT/SIGTERM turned into an abort (undo the current container, release the lock), the
 * engine run, the saved plan written. The entries only parse their inputs and present the result.
 */
async function runRemote(input, settings, reporter) {
    const saved = input.planFile === undefined
        ? undefined
        : await (0,_files_js__WEBPACK_IMPORTED_MODULE_0__/* .readSavedPlan */ .LW)(input.planFile, input.specPath ? { path: input.specPath, required: input.specRequired ?? false } : undefined, reporter);
    const source = saved ? savedSource(input.specPath, saved) : await specSource(input);
    const { runRemoteCommand } = await Promise.all(/* import() */[__webpack_require__.e(699), __webpack_require__.e(487), __webpack_require__.e(278), __webpack_require__.e(776)]).then(__webpack_require__.bind(__webpack_require__, 9776));
    const r = await withAbortOnSignal(reporter, (signal) => runRemoteCommand(input.command, source, { ...settings, ...(saved ? { savedPlan: saved } : {}), signal }, reporter));
    if (input.command === 'plan' && input.planOut && r.savedPlan)
        await (0,_files_js__WEBPACK_IMPORTED_MODULE_0__/* .writeSavedPlan */ .mM)(input.planOut, r.savedPlan, reporter);
    return r;
}
async function specSource(input) {
    const text = await (0,_files_js__WEBPACK_IMPORTED_MODULE_0__/* .readSpecFile */ .MB)(input.specPath);
    const { specRevision } = await Promise.all(/* import() */[__webpack_require__.e(278), __webpack_require__.e(113)]).then(__webpack_require__.bind(__webpack_require__, 113));
    return { path: input.specPath, text, revision: await specRevision(input.specPath, text, input.revision) };
}
/** A saved plan carries its spec and revision: deploy exactly what was planned. */
function savedSource(specPath, saved) {
    return { path: specPath || saved.specPath, text: saved.specText, revision: saved.revision };
}
/** A cancelled job gets SIGINT, then SIGTERM; a terminal user presses Ctrl-C. Either aborts `fn`. */
async function withAbortOnSignal(reporter, fn) {
    const abort = new AbortController();
    const onSignal = (signal) => {
        reporter.log('warning', `${signal} received: undoing the current step and releasing the deploy lock (a second signal is ignored)`, { code: 'signal' });
        abort.abort(new Error(signal));
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
        return await fn(abort.signal);
    }
    finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
    }
}


/***/ })

};
;