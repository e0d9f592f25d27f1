import type { RenderedCluster } from '../render/render.js';
import { validateSpecText, type ValidationResult } from '../spec/validate.js';
import { readSpecFile } from './files.js';

export interface SpecOutcome {
  validation: ValidationResult;
  /** Rendered when asked for and the spec is valid. */
  cluster?: RenderedCluster;
  revision?: string;
  /** render: the manifest written. */
  manifest?: string;
}

/**
 * validate, and render: read the spec, check it, and (render, or the action's summary) render it.
 * Rendering is loaded only when asked for: a validate starts no faster than it loads.
 */
export async function checkSpec(
  specPath: string,
  o: { render?: boolean; out?: string; revision?: string } = {},
): Promise<SpecOutcome> {
  const text = await readSpecFile(specPath);
  const validation = validateSpecText(text, specPath);
  if (!validation.spec || !(o.render || o.out !== undefined)) return { validation };
  const [{ specRevision }, { renderCluster }] = await Promise.all([
    import('./revision.js'),
    import('../render/render.js'),
  ]);
  const revision = await specRevision(specPath, text, o.revision);
  const cluster = renderCluster(validation.spec, revision);
  if (o.out === undefined) return { validation, cluster, revision };
  const { writeRendered } = await import('../render/write.js');
  return { validation, cluster, revision, manifest: await writeRendered(cluster, o.out) };
}

export const containerCount = (cluster: RenderedCluster): number =>
  cluster.hosts.reduce((n, h) => n + h.containers.length, 0);
