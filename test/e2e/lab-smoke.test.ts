import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The lab's own smoke test, run as `npm run lab:smoke` runs it: lab up, the classic recipe's
 * `docker run` commands over SSH, registration on both name servers checked with the real mqadmin,
 * 100 messages sent and consumed, lab down. It fails loudly (never skips) when the lab cannot run.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface Run {
  code: number | null;
  output: string;
}

function bash(args: string[], timeoutMs: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('lab smoke', () => {
  it('the lab can run on this machine', async () => {
    const r = await bash(['lab/lab.sh', 'check'], 60_000);
    // A machine without root or namespaces must fail this suite, not skip it.
    expect(r.code, `THE LAB CANNOT RUN HERE:\n${r.output}`).toBe(0);
    expect(r.output).toContain('lab check: ok');
  });

  it('runs the classic recipe over SSH, registers on both name servers, sends and consumes 100 messages', async () => {
    const r = await bash(['lab/smoke.sh'], 580_000);
    expect(r.code, r.output).toBe(0);
    const out = r.output;
    expect(out).toMatch(/lab up: 2 hosts in \d+ s/);
    // Both brokers of broker-a on each of the two name servers.
    expect(out).toContain('registered on 10.213.0.2:9876: 10.213.0.2:10911 10.213.0.3:11911');
    expect(out).toContain('registered on 10.213.0.3:9876: 10.213.0.2:10911 10.213.0.3:11911');
    expect(out).toMatch(/^docker-mq-cluster\s+broker-a\s+0\s+10\.213\.0\.2:10911\s+V4_8_0/m);
    expect(out).toMatch(/^docker-mq-cluster\s+broker-a\s+1\s+10\.213\.0\.3:11911\s+V4_8_0/m);
    expect(out).toMatch(/^sent 100$/m);
    expect(out).toMatch(/^consumed 100$/m);
    expect(out).toMatch(/^commitLogMaxOffset master (\d+) = slave \1$/m);
    expect(out).toMatch(/^SMOKE OK/m);
    expect(out).toContain('lab down');
  });

  it('left nothing behind: status reports the lab down', async () => {
    const r = await bash(['lab/lab.sh', 'status'], 60_000);
    expect(r.output).toContain('lab: down');
    expect(r.output).not.toContain('leftovers');
    expect(r.code).toBe(3);
  });

  it('down removes every namespace, link, process and file even after an up killed midway', async () => {
    // detached: the up gets its own process group, killed whole as a crash or a cancelled CI job would.
    const up = spawn('bash', ['lab/lab.sh', 'up'], { cwd: ROOT, detached: true, stdio: 'ignore' });
    const pid = up.pid;
    if (pid === undefined) throw new Error('could not start lab.sh up');
    const started = `${ROOT}lab/.state/hosts/A/sshd.pid`;
    const deadline = Date.now() + 180_000;
    while (!existsSync(started) && up.exitCode === null) {
      if (Date.now() > deadline) throw new Error('lab.sh up never started host A');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(up.exitCode, 'up must still be running when it is killed').toBeNull();
    process.kill(-pid, 'SIGKILL');

    const down = await bash(['lab/lab.sh', 'down'], 180_000);
    expect(down.code, down.output).toBe(0);
    expect(execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' })).not.toMatch(/^rmqlab-/m);
    expect(() => execFileSync('ip', ['link', 'show', 'lab0'], { stdio: 'ignore' })).toThrow();
    expect(existsSync(`${ROOT}lab/.state`)).toBe(false);
    const processes = execFileSync('ps', ['-eo', 'args='], { encoding: 'utf8' });
    expect(processes).not.toContain(`${ROOT}lab/.state/`);
  });
});
