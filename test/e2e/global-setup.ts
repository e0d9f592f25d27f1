import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The e2e suite leaves no lab behind: namespaces, sshd, podman and containers go at the end. */
export function teardown(): void {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  execFileSync('bash', ['lab/lab.sh', 'down'], { cwd: root, stdio: 'inherit', timeout: 300_000 });
}
