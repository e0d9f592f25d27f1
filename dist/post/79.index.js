export const id = 79;
export const ids = [79];
export const modules = {

/***/ 9079:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   writeRendered: () => (/* binding */ writeRendered)
/* harmony export */ });
/* unused harmony export buildManifest */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _render_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9271);



function buildManifest(cluster) {
    return {
        cluster: cluster.cluster,
        revision: cluster.revision,
        nameServers: cluster.nameServers,
        containers: (0,_render_js__WEBPACK_IMPORTED_MODULE_2__.allContainers)(cluster).map((c) => ({
            name: c.name,
            kind: c.kind,
            host: c.host,
            address: c.address,
            ...(c.group !== undefined ? { group: c.group } : {}),
            ...(c.brokerId !== undefined ? { brokerId: c.brokerId } : {}),
            image: c.image,
            ports: c.ports,
            configHash: c.configHash,
            files: c.files.map((f) => ({
                hostPath: f.path,
                renderedPath: `${c.host}/${c.name}/${f.path.slice(f.path.lastIndexOf('/') + 1)}`,
            })),
            runArgv: ['docker', ...c.runArgs],
        })),
    };
}
/**
 * Write one folder per host with its containers' files and the `docker run` argv, plus manifest.json.
 * The folder is replaced whole so no stale file from an earlier render survives.
 */
async function writeRendered(cluster, outDir) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(outDir, { recursive: true, force: true });
    const manifest = buildManifest(cluster);
    for (const c of (0,_render_js__WEBPACK_IMPORTED_MODULE_2__.allContainers)(cluster)) {
        const dir = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(outDir, c.host, c.name);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)(dir, { recursive: true });
        for (const f of c.files)
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, f.path.slice(f.path.lastIndexOf('/') + 1)), f.content);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, 'docker-run.json'), `${JSON.stringify(['docker', ...c.runArgs], null, 2)}\n`);
    }
    const manifestPath = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(outDir, 'manifest.json');
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    return manifestPath;
}


/***/ })

};
