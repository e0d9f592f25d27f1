"use strict";
exports.id = 187;
exports.ids = [187];
exports.modules = {

/***/ 187:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   readUserSshConfig: () => (/* binding */ readUserSshConfig),
/* harmony export */   tE: () => (/* binding */ sshConfigEntry),
/* harmony export */   xN: () => (/* binding */ readIdentity)
/* harmony export */ });
/* unused harmony export expandHome */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var ssh_config__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(699);




const first = (v) => (Array.isArray(v) ? v[0] : v);
/** The entry for `host` (the address the spec gives); throws on what the CLI cannot honour. */
function sshConfigEntry(configText, host) {
    const computed = ssh_config__WEBPACK_IMPORTED_MODULE_3__/* ["default"].parse */ .Ay.parse(configText).compute(host);
    const entry = { identityFiles: [] };
    const user = first(computed.User);
    if (user)
        entry.user = user;
    const port = first(computed.Port);
    if (port) {
        const n = Number(port);
        if (!Number.isInteger(n) || n < 1 || n > 65535) {
            throw new Error(`~/.ssh/config: Port '${port}' for ${host} is not a port number`);
        }
        entry.port = n;
    }
    const files = computed.IdentityFile;
    entry.identityFiles = (Array.isArray(files) ? files : files ? [files] : []).filter(Boolean);
    const jump = first(computed.ProxyJump);
    if (jump && jump.toLowerCase() !== 'none') {
        if (jump.includes(',')) {
            throw new Error(`~/.ssh/config: ProxyJump '${jump}' for ${host} has several hops; only one is supported`);
        }
        // ssh://user@host:port is ProxyJump's URI form; the bare form is what --jump-host takes.
        entry.proxyJump = jump.replace(/^ssh:\/\//, '');
    }
    return entry;
}
/** `~` and `%d` (home) expanded as ssh does for IdentityFile; other tokens are left as written. */
function expandHome(file, home = (0,node_os__WEBPACK_IMPORTED_MODULE_1__.homedir)()) {
    const expanded = file.replace(/%d/g, home);
    if (expanded === '~')
        return home;
    if (expanded.startsWith('~/'))
        return node_path__WEBPACK_IMPORTED_MODULE_2___default().join(home, expanded.slice(2));
    return expanded;
}
/** The first IdentityFile that can be read, with its path, or undefined when none can. */
async function readIdentity(files) {
    for (const f of files) {
        const p = expandHome(f);
        try {
            return { path: p, key: await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(p, 'utf8') };
        }
        catch {
            // ssh skips identity files that are not there; so do we.
        }
    }
    return undefined;
}
/** ~/.ssh/config as text, or '' when there is none. */
async function readUserSshConfig(file = node_path__WEBPACK_IMPORTED_MODULE_2___default().join((0,node_os__WEBPACK_IMPORTED_MODULE_1__.homedir)(), '.ssh', 'config')) {
    try {
        return await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(file, 'utf8');
    }
    catch {
        return '';
    }
}


/***/ })

};
;