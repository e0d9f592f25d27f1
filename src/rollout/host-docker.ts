import type { DockerClient } from '../remote/docker.js';
import type { HostDocker } from './ports.js';

/** The engine's view of one host's docker: the DockerClient, with the log tail as one text. */
export function dockerOnHost(client: DockerClient): HostDocker {
  return {
    listManaged: (cluster) => client.listManaged(cluster),
    observe: (cluster, paths) => client.observe(cluster, paths),
    inspect: (name) => client.inspect(name),
    imagePresent: (image) => client.imagePresent(image),
    pull: (image) => client.pull(image),
    run: (runArgs) => client.run(runArgs),
    stop: (name, timeoutSeconds) => client.stop(name, timeoutSeconds),
    stopServer: (name, server, timeoutSeconds) => client.shutdownThenStop(name, server, timeoutSeconds),
    start: (name) => client.start(name),
    rename: (from, to) => client.rename(from, to),
    remove: (name) => client.remove(name),
    version: () => client.version(),
    async logs(name, tail) {
      const { stdout, stderr } = await client.logs(name, tail);
      // A container writes to both streams; a short tail reads fine with stderr after stdout.
      return [stdout, stderr].filter((s) => s.trim()).join('\n');
    },
  };
}
