import type { ObservedContainer } from '../plan/plan.js';
import { LABELS } from '../render/render.js';
import type { Remote } from '../remote/remote.js';
import type { HostDocker } from './ports.js';

/**
 * The engine's view of one host's docker, spoken only through the docker CLI over the host's
 * Remote (argv, never a shell string). A non-zero exit becomes an error carrying docker's stderr.
 */
export class DockerCommandError extends Error {
  constructor(
    readonly host: string,
    readonly argv: readonly string[],
    readonly code: number,
    readonly stderr: string,
  ) {
    super(
      `${argv.join(' ')} on ${host} exited ${code}: ${stderr.trim().split('\n').slice(-3).join(' ') || '(no output)'}`,
    );
    this.name = 'DockerCommandError';
  }
}

interface InspectJson {
  Id: string;
  Name: string;
  Config?: { Image?: string; Labels?: Record<string, string> | null };
  State?: { Status?: string; Running?: boolean; ExitCode?: number };
}

export function parseInspect(text: string): ObservedContainer[] {
  const items = JSON.parse(text) as InspectJson[];
  return items.map((i) => ({
    id: i.Id,
    name: i.Name.replace(/^\//, ''),
    image: i.Config?.Image ?? '',
    running: i.State?.Running ?? false,
    status: i.State?.Status ?? 'unknown',
    exitCode: i.State?.ExitCode ?? 0,
    labels: i.Config?.Labels ?? {},
  }));
}

export function dockerOnHost(
  remote: Remote,
  options: { sudo?: boolean; stopGraceMs?: number } = {},
): HostDocker {
  const docker = async (args: string[], timeoutMs = 120_000) => {
    const argv = ['docker', ...args];
    const r = await remote.exec(argv, { timeoutMs, ...(options.sudo ? { sudo: true } : {}) });
    return { ...r, argv };
  };
  const must = async (args: string[], timeoutMs?: number) => {
    const r = await docker(args, timeoutMs);
    if (r.code !== 0) throw new DockerCommandError(remote.host, r.argv, r.code, r.stderr || r.stdout);
    return r.stdout;
  };
  return {
    async listManaged(cluster) {
      const ids = (
        await must([
          'ps',
          '-a',
          '--no-trunc',
          '--filter',
          `label=${LABELS.cluster}=${cluster}`,
          '--format',
          '{{.ID}}',
        ])
      )
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
      if (ids.length === 0) return [];
      return parseInspect(await must(['inspect', '--type', 'container', ...ids]));
    },
    async imagePresent(image) {
      return (await docker(['image', 'inspect', '--format', '{{.Id}}', image])).code === 0;
    },
    async pull(image) {
      await must(['pull', image], 30 * 60_000);
    },
    async run(runArgs) {
      return (await must([...runArgs], 5 * 60_000)).trim();
    },
    async stop(name, timeoutSeconds) {
      // docker waits timeoutSeconds for the broker to flush, then kills: allow that plus slack.
      await must(
        ['stop', '-t', String(timeoutSeconds), name],
        timeoutSeconds * 1000 + (options.stopGraceMs ?? 60_000),
      );
    },
    async start(name) {
      await must(['start', name]);
    },
    async rename(from, to) {
      await must(['rename', from, to]);
    },
    async remove(name) {
      await must(['rm', '-f', name]);
    },
    async logs(name, tail) {
      const r = await docker(['logs', '--tail', String(tail), name]);
      if (r.code !== 0) throw new DockerCommandError(remote.host, r.argv, r.code, r.stderr);
      // A container writes to both streams; a short tail reads fine with stderr after stdout.
      return [r.stdout, r.stderr].filter((s) => s.trim()).join('\n');
    },
    async version() {
      return (await must(['version', '--format', '{{.Server.Version}}'])).trim();
    },
  };
}
