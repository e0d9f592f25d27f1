import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { allContainers, type RenderedCluster } from './render.js';

/** The machine-readable list of every container, written beside the rendered files. */
export interface Manifest {
  cluster: string;
  revision: string;
  nameServers: string[];
  containers: {
    name: string;
    kind: string;
    host: string;
    address: string;
    group?: string;
    brokerId?: number;
    image: string;
    ports: number[];
    configHash: string;
    /** Files as they land on the host, with the copy under --out beside each. */
    files: { hostPath: string; renderedPath: string }[];
    runArgv: string[];
  }[];
}

export function buildManifest(cluster: RenderedCluster): Manifest {
  return {
    cluster: cluster.cluster,
    revision: cluster.revision,
    nameServers: cluster.nameServers,
    containers: allContainers(cluster).map((c) => ({
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
export async function writeRendered(cluster: RenderedCluster, outDir: string): Promise<string> {
  await rm(outDir, { recursive: true, force: true });
  const manifest = buildManifest(cluster);
  for (const c of allContainers(cluster)) {
    const dir = join(outDir, c.host, c.name);
    await mkdir(dir, { recursive: true });
    for (const f of c.files) await writeFile(join(dir, f.path.slice(f.path.lastIndexOf('/') + 1)), f.content);
    await writeFile(join(dir, 'docker-run.json'), `${JSON.stringify(['docker', ...c.runArgs], null, 2)}\n`);
  }
  const manifestPath = join(outDir, 'manifest.json');
  await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return manifestPath;
}
