export const id = 435;
export const ids = [435];
export const modules = {

/***/ 435:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   parseSavedPlan: () => (/* binding */ parseSavedPlan)
/* harmony export */ });
/* unused harmony exports PLAN_FORMAT_VERSION, observationOf, renderedDigest, makeSavedPlan, PlanFileError, observationChanges */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9691);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);



/**
 * A plan as a file (`plan --out`), the artefact a reviewer approves: the spec it was made from,
 * what it renders, what it saw on every host and what it will do. `deploy --plan` re-reads the
 * hosts and runs it only if they still look exactly as the plan saw them, so what runs is what
 * was approved; a fingerprint over all of it catches an edited or truncated file.
 */
const PLAN_FORMAT_VERSION = 1;
const sha256 = (text) => (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(text).digest('hex');
/** Canonical JSON (sorted keys) so that the fingerprint does not depend on key order. */
function canonical(value) {
    if (Array.isArray(value))
        return `[${value.map(canonical).join(',')}]`;
    if (value && typeof value === 'object') {
        const entries = Object.entries(value)
            .filter(([, v]) => v !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
    }
    return JSON.stringify(value);
}
const ContainerSeen = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    name: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    id: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    image: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    running: zod__WEBPACK_IMPORTED_MODULE_2__/* .boolean */ .zMY(),
});
const HostSeen = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    containers: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(ContainerSeen),
    /** sha256 of each rendered file as deployed then; null: the file was missing. */
    files: zod__WEBPACK_IMPORTED_MODULE_2__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().nullable()),
});
const SavedPlanSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    kind: zod__WEBPACK_IMPORTED_MODULE_2__/* .literal */ .euz('rocketmq-rollout-plan'),
    formatVersion: zod__WEBPACK_IMPORTED_MODULE_2__/* .literal */ .euz(PLAN_FORMAT_VERSION),
    createdAt: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    cluster: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    revision: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    specPath: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    specText: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    specSha256: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    onlyHosts: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()).optional(),
    /** host → container → configHash of what the spec renders. */
    rendered: zod__WEBPACK_IMPORTED_MODULE_2__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_2__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP())),
    observed: zod__WEBPACK_IMPORTED_MODULE_2__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(), HostSeen),
    entries: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
        host: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
        name: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
        kind: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
        action: zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(['unchanged', 'create', 'replace', 'orphaned']),
        reasons: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()),
    })),
    fingerprint: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
});
function observationOf(observed) {
    return Object.fromEntries(observed.map((o) => [
        o.host,
        {
            containers: o.containers
                .map((c) => ({ name: c.name, id: c.id, image: c.image, running: c.running }))
                .sort((a, b) => a.name.localeCompare(b.name)),
            files: Object.fromEntries(Object.entries(o.files)
                .sort(([a], [b]) => a.localeCompare(b))
                .map(([path, text]) => [path, text === undefined ? null : sha256(text)])),
        },
    ]));
}
function renderedDigest(cluster) {
    return Object.fromEntries(cluster.hosts.map((h) => [h.name, Object.fromEntries(h.containers.map((c) => [c.name, c.configHash]))]));
}
function fingerprintOf(p) {
    const { createdAt, ...rest } = p;
    void createdAt;
    return sha256(canonical(rest));
}
function makeSavedPlan(input) {
    const body = {
        kind: 'rocketmq-rollout-plan',
        formatVersion: PLAN_FORMAT_VERSION,
        createdAt: (input.now ?? new Date()).toISOString(),
        cluster: input.cluster.cluster,
        revision: input.cluster.revision,
        specPath: input.specPath,
        specText: input.specText,
        specSha256: sha256(input.specText),
        ...(input.onlyHosts?.length ? { onlyHosts: [...input.onlyHosts] } : {}),
        rendered: renderedDigest(input.cluster),
        observed: observationOf(input.observed),
        entries: input.plan.entries.map((e) => ({
            host: e.host,
            name: e.name,
            kind: e.kind,
            action: e.action,
            reasons: e.reasons,
        })),
    };
    return { ...body, fingerprint: fingerprintOf(body) };
}
class PlanFileError extends _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .RolloutError */ .a6 {
    constructor(message) {
        super('plan-file', message);
    }
}
/** Reads a plan file; refuses one of another format, a damaged or an edited one. */
function parseSavedPlan(text, file) {
    let json;
    try {
        json = JSON.parse(text);
    }
    catch {
        throw new PlanFileError(`${file} is not a plan file (not JSON)`);
    }
    const version = json?.formatVersion;
    if (version !== undefined && version !== PLAN_FORMAT_VERSION) {
        throw new PlanFileError(`${file} has plan format ${typeof version === 'string' || typeof version === 'number' ? version : JSON.stringify(version)}; this rocketmq-rollout reads format ${PLAN_FORMAT_VERSION}: make the plan again`);
    }
    const parsed = SavedPlanSchema.safeParse(json);
    if (!parsed.success)
        throw new PlanFileError(`${file} is not a plan file of rocketmq-rollout plan --out`);
    const { fingerprint, ...body } = parsed.data;
    if (fingerprintOf(body) !== fingerprint || sha256(body.specText) !== body.specSha256) {
        throw new PlanFileError(`${file} was changed after it was made (its fingerprint does not match): make the plan again`);
    }
    return parsed.data;
}
/**
 * What differs between the hosts as the plan saw them and as they are now, one line each, in host
 * order; empty when nothing does.
 */
function observationChanges(planned, now) {
    const out = [];
    for (const host of [...new Set([...Object.keys(planned), ...Object.keys(now)])]) {
        const a = planned[host] ?? { containers: [], files: {} };
        const b = now[host] ?? { containers: [], files: {} };
        const before = new Map(a.containers.map((c) => [c.name, c]));
        const after = new Map(b.containers.map((c) => [c.name, c]));
        for (const [name, c] of before) {
            const d = after.get(name);
            if (!d)
                out.push(`${host}: container ${name} was removed`);
            else if (d.id !== c.id)
                out.push(`${host}: container ${name} was replaced (${c.id.slice(0, 12)} → ${d.id.slice(0, 12)})`);
            else {
                if (d.image !== c.image)
                    out.push(`${host}: container ${name} runs image ${d.image}, not ${c.image}`);
                if (d.running !== c.running)
                    out.push(`${host}: container ${name} is ${d.running ? 'running' : 'stopped'} now`);
            }
        }
        for (const name of after.keys())
            if (!before.has(name))
                out.push(`${host}: container ${name} appeared`);
        for (const path of [...new Set([...Object.keys(a.files), ...Object.keys(b.files)])].sort()) {
            const x = a.files[path] ?? null;
            const y = b.files[path] ?? null;
            if (x === y)
                continue;
            out.push(`${host}: ${path} ${x === null ? 'was created' : y === null ? 'was removed' : 'was edited'} since the plan`);
        }
    }
    return out;
}


/***/ })

};
