/** broker.conf keys the tool writes itself: setting them by hand is an error. */
import { compareVersions, type Version } from '../broker-keys.js';
import { own } from '../own.js';

interface Derived {
  why: string;
  hint: string;
}

const FROM_ADDRESS: Derived = {
  why: "is derived from the host's address",
  hint: 'set hosts.<name>.address instead',
};

/** Keys the tool writes itself whatever the version, with what to set in the spec instead. */
const DERIVED: Readonly<Record<string, Derived>> = {
  brokerClusterName: { why: 'is derived from the spec', hint: 'set the top-level `cluster` instead' },
  brokerName: {
    why: 'is derived from the spec',
    hint: 'the name of the group under `brokers` is the brokerName',
  },
  brokerId: { why: 'is derived: the master is 0, slaves are 1..n in list order', hint: 'remove it' },
  brokerIP1: FROM_ADDRESS,
  brokerIP2: FROM_ADDRESS,
  listenPort: {
    why: 'is derived from the spec',
    hint: 'set listenPort on the master or slave entry instead',
  },
  namesrvAddr: {
    why: 'is derived from the name servers',
    hint: 'list their hosts under nameServers.hosts instead',
  },
  haMasterAddress: {
    why: "is derived: on 4.x each slave's broker.conf names its master's HA address (the master host's address and listenPort+1), re-rendered whenever the master moves; a 5.x slave asks its master",
    hint: 'remove it; the master of the group is brokers.<group>.master',
  },
  brokerConfigPath: {
    why: 'is derived: the tool starts every broker with -c on the broker.conf it renders',
    hint: 'remove it',
  },
};

/** RocketMQ reads haListenPort from 5.1.1 on; before, the HA port is always listenPort+1. */
function haListenPort(version: Version | undefined): Derived {
  const configurable = version ? compareVersions(version, { major: 5, minor: 1, patch: 1 }) >= 0 : false;
  return {
    why: configurable
      ? 'is derived: the tool publishes listenPort+1 as the HA port, so another one would be unreachable'
      : 'is ignored by RocketMQ before 5.1.1 (the HA port is always listenPort+1)',
    hint: 'remove it; choose listenPort instead',
  };
}

/** Keys the tool writes itself, with what to set in the spec instead. */
export function derivedKeyHint(key: string, version: Version | undefined): Derived | undefined {
  return key === 'haListenPort' ? haListenPort(version) : own(DERIVED, key);
}
