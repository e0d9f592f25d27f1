import * as core from '@actions/core';
import { checkSpec } from '../commands/validate.js';
import { errorMessage } from '../errors.js';
import { hostConnections } from '../render/render.js';
import { GitHubReporter } from '../report/github.js';
import { closeHosts, openHosts } from '../rollout/session.js';
import { connectionSettings, readSettings } from './inputs.js';

/**
 * The post step: when a deploy or rollback did not finish (cancelled, killed), release the deploy
 * lock this run attempt left on the hosts. It only warns: cleanup never fails a job.
 */
export async function cleanup(): Promise<void> {
  try {
    const command = core.getState('command');
    const owner = core.getState('lock-owner');
    if (!['deploy', 'rollback'].includes(command) || !owner || core.getState('finished') === 'true') return;
    const s = readSettings();
    const spec = (await checkSpec(s.spec)).validation.spec;
    if (!spec) return;
    const hosts = await openHosts(
      hostConnections(spec),
      spec.cluster,
      connectionSettings(s),
      new GitHubReporter(),
    );
    try {
      for (const h of hosts) {
        if (await h.state.releaseIfOwnedBy(owner))
          core.warning(`released the deploy lock this run left on host ${h.name}`);
      }
    } finally {
      await closeHosts(hosts);
    }
  } catch (error) {
    core.warning(`post step: could not check for a deploy lock left behind: ${errorMessage(error)}`);
  }
}
