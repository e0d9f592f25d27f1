import { changes, type Plan } from '../plan/plan.js';
import { hostArgv, parseDfFreeKb } from '../remote/host-commands.js';
import type { DeployOptions, HostHandle } from './deploy.js';
import { DEFAULT_LOCK_SETTINGS, acquireLocks, type HeldLocks } from './lock.js';
import { warnSingleGroupTopics } from './single-group.js';
import { StepError } from './step.js';

/**
 * Pre-flight, before anything stops: every host's own check, then every lock, then per host
 * docker, free disk, the new images and the containers' directories. Any refusal leaves every
 * running container as it was.
 */

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The first rejection of settled promises, thrown; allSettled so every host has finished first. */
function throwFirst(results: readonly PromiseSettledResult<unknown>[]): void {
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

export async function preflight(o: DeployOptions, plan: Plan, lock: { held?: HeldLocks }): Promise<void> {
  // Every host's check first, on all hosts, so one refusal leaves every host untouched.
  throwFirst(
    await Promise.allSettled(
      o.hosts.map(async (h) => {
        try {
          await o.checkHost?.(h);
        } catch (error) {
          const message = messageOf(error).replace(new RegExp(`^${h.name}: `), '');
          throw new StepError(`${h.name}: ${message}`, { host: h.name, phase: 'preflight', message });
        }
      }),
    ),
  );
  // Every host's lock, one host after the other in a fixed order (see lock.ts).
  lock.held = await acquireLocks(o.hosts, {
    owner: o.owner,
    breakLock: o.breakLock ?? false,
    settings: { ...DEFAULT_LOCK_SETTINGS, ...o.lock },
    reporter: o.reporter,
    ...(o.signal ? { signal: o.signal } : {}),
    ...(o.now ? { now: o.now } : {}),
  });
  throwFirst(await Promise.allSettled(o.hosts.map((h) => prepareHost(o, plan, h))));
  // A warning only: nothing the tool does keeps such a topic writable through its master's restart.
  if (o.topics) await warnSingleGroupTopics({ plan, source: o.topics, reporter: o.reporter });
}

async function prepareHost(o: DeployOptions, plan: Plan, h: HostHandle): Promise<void> {
  const version = await h.docker.version();
  o.reporter.log('info', `docker ${version}`, { host: h.name, code: 'preflight.docker' });
  await checkDisk(o, h);
  const entries = changes(plan).filter((e) => e.host === h.name);
  if (entries.length === 0) return;
  const images = new Set(entries.map((e) => e.desired?.image).filter((i): i is string => !!i));
  await ensureImages(o, h, images);
  for (const e of entries) if (e.desired) await prepareDirs(o, h, e.desired);
}

async function checkDisk(o: DeployOptions, h: HostHandle): Promise<void> {
  const root = o.cluster.hosts.find((x) => x.name === h.name)?.dataRoot ?? '/';
  await h.remote.exec(hostArgv.mkdirs([root]));
  const freeKb = parseDfFreeKb((await h.remote.exec(hostArgv.diskFree(root))).stdout);
  const min = o.minFreeDiskMb ?? 1024;
  if (freeKb !== undefined && freeKb / 1024 < min) {
    throw new StepError(`${h.name}: only ${Math.round(freeKb / 1024)} MiB free under ${root}`, {
      host: h.name,
      phase: 'preflight',
      message: `only ${Math.round(freeKb / 1024)} MiB free under ${root}, need ${min} MiB`,
    });
  }
}

/** New images present BEFORE anything stops: a missing tag must fail here, with nothing touched. */
async function ensureImages(o: DeployOptions, h: HostHandle, images: ReadonlySet<string>): Promise<void> {
  for (const image of images) {
    if (o.pullPolicy !== 'always' && (await h.docker.imagePresent(image))) continue;
    o.reporter.log('info', `pulling ${image}`, { host: h.name, code: 'preflight.pull' });
    try {
      await h.docker.pull(image);
    } catch (error) {
      throw new StepError(`${h.name}: image ${image} is not available`, {
        host: h.name,
        phase: 'preflight',
        message: `image ${image} is not available on ${h.name} and could not be pulled: ${messageOf(error)}`,
      });
    }
  }
}

/**
 * Host directories must belong to the image's uid 3000 or the broker exits (code 253, often with
 * no log): prepare them before anything stops.
 */
async function prepareDirs(
  o: DeployOptions,
  h: HostHandle,
  c: NonNullable<Plan['entries'][number]['desired']>,
): Promise<void> {
  const paths = [c.dir, ...c.dirs.map((d) => d.path)];
  const owner = String(c.dirs[0]?.owner ?? 3000);
  for (const argv of [hostArgv.mkdirs(paths), hostArgv.chown(owner, paths)]) {
    const r = await h.remote.exec(argv, o.sudo ? { sudo: true } : {});
    if (r.code !== 0) {
      throw new StepError(`${h.name}: cannot prepare ${c.dir}`, {
        host: h.name,
        name: c.name,
        phase: 'preflight',
        message: `cannot prepare ${c.dir} for uid ${owner} (${argv[0]} exited ${r.code}: ${r.stderr.trim()}); deploy as a user that may ${argv[0]} there, or set ssh.sudo`,
      });
    }
  }
}
