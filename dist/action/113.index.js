export const id = 113;
export const ids = [113];
export const modules = {

/***/ 113:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   specRevision: () => (/* binding */ specRevision)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_util__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _render_render_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4278);




const run = (0,node_util__WEBPACK_IMPORTED_MODULE_2__.promisify)(node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFile);
/**
 * The revision recorded on containers and hosts: the git commit when the spec file is committed
 * unchanged at HEAD (what a rollback by ref needs), otherwise a hash of the spec's content — a
 * commit id would lie about a locally edited file.
 */
async function specRevision(specPath, specText, explicit) {
    if (explicit)
        return explicit;
    const cwd = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(specPath);
    try {
        await run('git', ['diff', '--quiet', 'HEAD', '--', (0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(specPath)], { cwd });
        const { stdout: tracked } = await run('git', ['ls-files', '--error-unmatch', (0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(specPath)], {
            cwd,
        });
        if (!tracked.trim())
            return (0,_render_render_js__WEBPACK_IMPORTED_MODULE_3__.contentRevision)(specText);
        const { stdout } = await run('git', ['rev-parse', 'HEAD'], { cwd });
        return `git-${stdout.trim().slice(0, 12)}`;
    }
    catch {
        return (0,_render_render_js__WEBPACK_IMPORTED_MODULE_3__.contentRevision)(specText);
    }
}


/***/ })

};
