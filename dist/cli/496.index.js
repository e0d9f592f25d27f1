"use strict";
exports.id = 496;
exports.ids = [496];
exports.modules = {

/***/ 7496:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   TerminalReporter: () => (/* binding */ TerminalReporter)
/* harmony export */ });
/* harmony import */ var _spec_findings_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5293);

/** Reporter for the CLI: progress to stderr (so stdout stays the command's result), secrets masked. */
class TerminalReporter {
    out;
    verbose;
    secrets = [];
    depth = 0;
    constructor(out = process.stderr, verbose = false) {
        this.out = out;
        this.verbose = verbose;
    }
    log(level, message, fields = {}) {
        if (level === 'debug' && !this.verbose)
            return;
        const tag = level === 'info' || level === 'debug' ? '' : `${level}: `;
        const host = fields.host ? `[${fields.host}] ` : '';
        this.out.write(`${'  '.repeat(this.depth)}${host}${tag}${this.mask(message)}\n`);
    }
    async group(title, fn) {
        this.out.write(`${'  '.repeat(this.depth)}== ${this.mask(title)}\n`);
        this.depth += 1;
        try {
            return await fn();
        }
        finally {
            this.depth -= 1;
        }
    }
    secret(value) {
        if (value)
            this.secrets.push(value);
    }
    mask(text) {
        // Masked first (a secret may span a line break), then kept on one line.
        return (0,_spec_findings_js__WEBPACK_IMPORTED_MODULE_0__/* .printable */ .g$)(this.secrets.reduce((t, s) => t.split(s).join('***'), text));
    }
}


/***/ })

};
;