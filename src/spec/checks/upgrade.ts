/** Hazards of changing RocketMQ's version that a spec alone shows (the plan sees the running version). */
import type { SpecPath } from '../findings.js';
import { own } from '../own.js';
import { finding, pathText, type Scalar } from './common.js';
import type { Context } from './context.js';

type Config = Record<string, Scalar> | undefined;

/** The most specific layer that sets `key` for one broker: instance, then group, then brokerDefaults. */
function layerSetting(
  key: string,
  layers: readonly { config: Config; path: SpecPath }[],
): { path: SpecPath; value: Scalar } | undefined {
  for (const l of layers) {
    const value = own(l.config, key);
    if (value !== undefined) return { path: [...l.path, key], value };
  }
  return undefined;
}

/**
 * storePathRootDir without storePathCommitLog: RocketMQ before 4.9.4 keeps the commit log in
 * ~/store/commitlog whatever the root says, 4.9.4 and later under the root, so a version change
 * would open an empty commit log. The plan pins the path on such a change; the notice says why the
 * rendered broker.conf may then hold a key the spec does not.
 */
export function checkCommitLogPath(ctx: Context, imageVersion: string | undefined): void {
  const seen = new Set<string>();
  for (const [group, g] of Object.entries(ctx.spec.brokers ?? {})) {
    const instances: { config: Config; path: SpecPath }[] = [
      { config: g.master.config, path: ['brokers', group, 'master', 'config'] },
      ...g.slaves.map((s, i) => ({ config: s.config, path: ['brokers', group, 'slaves', i, 'config'] })),
    ];
    for (const instance of instances) {
      const layers = [
        instance,
        { config: g.config, path: ['brokers', group, 'config'] },
        { config: ctx.spec.brokerDefaults, path: ['brokerDefaults'] },
      ];
      const root = layerSetting('storePathRootDir', layers);
      if (!root || layerSetting('storePathCommitLog', layers) || seen.has(pathText(root.path))) continue;
      seen.add(pathText(root.path));
      ctx.out.push(
        finding(
          'notice',
          'commit-log-path',
          root.path,
          `storePathRootDir without storePathCommitLog: RocketMQ before 4.9.4 keeps the commit log in /home/rocketmq/store/commitlog, 4.9.4 and later in ${String(root.value)}/commitlog` +
            (imageVersion ? ` (${imageVersion} here)` : '') +
            '; a deploy that changes the version pins storePathCommitLog to where the running broker has it',
          `set storePathCommitLog as well, to say where the commit log lives`,
          'key',
        ),
      );
    }
  }
}
