import {
  brokerRegisteredGate,
  consoleGate,
  effectiveConfigGate,
  nameServerCaughtUpGate,
  nameServerGate,
  registrationProblem,
  registrationsOf,
  replicationGate,
  runGate,
  tcpGate,
  type Gate,
} from '../gates/gates.js';
import { dialWithin, directDialer, type Dialer } from '../gates/dialer.js';
import { probeGate, probeTopic } from '../gates/probe-message.js';
import { proxyRouteGate } from '../gates/proxy.js';
import { fetchClusterInfo, RemotingError, unregisterBroker } from '../gates/remoting.js';
import { allContainers, brokerPorts, type RenderedContainer } from '../render/render.js';
import type { Reporter } from '../report/reporter.js';
import type { GateResult, Gates, LiveView } from './ports.js';

/**
 * Chooses the gates for a container from what runs at that moment: on a first deploy the name
 * server on host B does not exist yet while host A's brokers start, so "every name server" means
 * every name server running now. Each gate needs a short run of consecutive successes.
 */
export interface LiveGatesOptions {
  /** Deadline of each gate. */
  deadlineMs: number;
  reporter: Reporter;
  /** Successes in a row a gate needs; default 3. */
  consecutive?: number;
  /** How every gate reaches its target (over SSH through the target's host, or direct). */
  dial?: Dialer;
}

const key = (c: RenderedContainer): string => `${c.name}@${c.host}`;

/** Idle connections to each remoting port of a broker while it stops (see holdDuringStop). */
const HELD_PER_PORT = 4;

/** Gates that need nothing but the new container's own process: they run together (see check). */
const ownGate = (name: string): boolean =>
  name.startsWith('port ') || name === 'name server' || name === 'registered' || name === 'effective config';

function brokerAddr(c: RenderedContainer): string {
  return `${c.address}:${c.listenPort}`;
}

export class LiveGates implements Gates {
  /** Passed to every network call of a gate. */
  private readonly net: { dial?: Dialer };

  constructor(private readonly o: LiveGatesOptions) {
    this.net = o.dial ? { dial: o.dial } : {};
  }

  private running(live: LiveView, kind?: RenderedContainer['kind']): RenderedContainer[] {
    return allContainers(live.cluster).filter((c) => (!kind || c.kind === kind) && live.running.has(key(c)));
  }

  private nameServersOf(live: LiveView, except?: RenderedContainer): string[] {
    return this.running(live, 'nameServer')
      .filter((c) => !except || key(c) !== key(except))
      .map((c) => `${c.address}:${c.port}`);
  }

  /** The gates that prove `c` healthy, in the order they are run. */
  plan(c: RenderedContainer, live: LiveView): { name: string; gate: Gate<unknown> }[] {
    const gates: { name: string; gate: Gate<unknown> }[] = c.ports.map((p) => ({
      name: `port ${p}`,
      gate: tcpGate(c.address, p, this.net),
    }));
    if (c.kind === 'nameServer') {
      const self = `${c.address}:${c.port}`;
      gates.push({ name: 'name server', gate: nameServerGate(self, this.net) });
      const others = this.nameServersOf(live, c);
      // Brokers re-register every 30 s: wait until this one knows what the others know.
      if (others.length)
        gates.push({ name: 'name server caught up', gate: nameServerCaughtUpGate(self, others, this.net) });
    } else if (c.kind === 'master' || c.kind === 'slave') {
      const nameServers = this.nameServersOf(live);
      const addr = brokerAddr(c);
      if (nameServers.length) {
        gates.push({
          name: 'registered',
          gate: brokerRegisteredGate(
            nameServers,
            {
              cluster: live.cluster.cluster,
              brokerName: c.group ?? '',
              brokerId: c.brokerId ?? 0,
              addr,
            },
            this.net,
          ),
        });
      }
      if (c.brokerConfig)
        gates.push({ name: 'effective config', gate: effectiveConfigGate(addr, c.brokerConfig, this.net) });
      const members = this.running(live).filter((m) => m.group === c.group && key(m) !== key(c));
      // One message through the group (probe-message.ts): before the replication gates, so their
      // master offset is never the 0 of a master that has written nothing.
      // A group without a running slave has no replication to prove: no probe.
      const probe = c.kind === 'master' ? c : members.find((m) => m.kind === 'master');
      const slaves = c.kind === 'slave' ? [c] : members.filter((m) => m.kind === 'slave');
      if (probe && slaves.length) {
        gates.push({
          name: 'probe message',
          gate: probeGate(brokerAddr(probe), slaves.map(brokerAddr), probeTopic(c.group ?? ''), this.net),
        });
      }
      if (c.kind === 'slave') {
        const master = members.find((m) => m.kind === 'master');
        if (master)
          gates.push({ name: 'replication', gate: replicationGate(brokerAddr(master), addr, this.net) });
      } else {
        for (const s of members.filter((m) => m.kind === 'slave')) {
          gates.push({
            name: `replication to ${s.name}`,
            gate: replicationGate(addr, brokerAddr(s), this.net),
          });
        }
      }
    } else if (c.kind === 'proxy') {
      // The brokers' cluster topic: every running master's group, reached through this proxy.
      const groups = [...new Set(this.running(live, 'master').map((m) => m.group ?? ''))].sort();
      gates.push({
        name: 'proxy route',
        gate: proxyRouteGate(`${c.address}:${c.port}`, live.cluster.cluster, groups, this.net),
      });
    } else if (c.kind === 'console') {
      const expected = this.running(live)
        .filter((m) => m.kind === 'master' || m.kind === 'slave')
        .map((m) => ({ brokerName: m.group ?? '', brokerId: m.brokerId ?? 0 }));
      gates.push({
        name: 'console',
        gate: consoleGate(`http://${c.address}:${c.port}`, expected, this.net),
      });
    }
    return gates;
  }

  /**
   * The gates in waves: first every gate that only needs the new process itself (its ports, its
   * registration, its effective config, a name server answering), all at once, so the step waits
   * for the slowest of them and not for their sum; then the ones that build on those (a name server
   * catching up with the others, replication, the console). Each gate still needs its own run of
   * consecutive successes. The gates of a wave share one deadline, so each runs to its own end; a
   * failure in a wave keeps the waves after it from running.
   */
  async check(c: RenderedContainer, live: LiveView, signal: AbortSignal): Promise<GateResult[]> {
    const planned = this.plan(c, live);
    const results: GateResult[] = [];
    for (const wave of [planned.filter((g) => ownGate(g.name)), planned.filter((g) => !ownGate(g.name))]) {
      results.push(...(await Promise.all(wave.map(({ name, gate }) => this.runOne(c, name, gate, signal)))));
      if (results.some((r) => !r.ok)) break;
    }
    return results;
  }

  /** One gate, with its progress lines. */
  private async runOne(
    c: RenderedContainer,
    name: string,
    gate: Gate<unknown>,
    signal: AbortSignal,
  ): Promise<GateResult> {
    const outcome = await runGate(gate, {
      deadlineMs: this.o.deadlineMs,
      consecutive: this.o.consecutive ?? 3,
      signal,
      // A gate may wait minutes: say so every 10 s instead of going silent.
      onWaiting: (elapsedMs, last) =>
        this.o.reporter.log(
          'info',
          `waiting for ${c.name} ${name}: ${Math.round(elapsedMs / 1000)} s of ${Math.round(this.o.deadlineMs / 1000)}${last ? ` (${last})` : ''}`,
          { host: c.host, code: 'gate.wait' },
        ),
    });
    // One short line a gate: the description is in the gate's name, the detail in the result.
    const took = `${(outcome.elapsedMs / 1000).toFixed(1)} s`;
    const line = outcome.ok
      ? `${c.name}: gate ${name} passed in ${took} (${outcome.attempts} probes): ${outcome.lastMessage ?? ''}`
      : `${c.name}: gate ${name} FAILED after ${took}: ${outcome.reason ?? outcome.message}`;
    this.o.reporter.log(outcome.ok ? 'info' : 'error', line, {
      host: c.host,
      code: outcome.ok ? 'gate.pass' : 'gate.fail',
    });
    return {
      gate: name,
      ok: outcome.ok,
      detail: outcome.message,
      elapsedMs: outcome.elapsedMs,
      at: Date.now(),
    };
  }

  async safeToStop(c: RenderedContainer, live: LiveView): Promise<{ ok: boolean; why: string }> {
    if (c.kind === 'nameServer') {
      const others = this.nameServersOf(live, c);
      if (others.length === 0) {
        const total = live.cluster.nameServers.length;
        return total > 1
          ? { ok: false, why: 'it is the last running name server: start the others first' }
          : { ok: true, why: 'single name server: clients lose routing until it is back' };
      }
      for (const ns of others) {
        try {
          await fetchClusterInfo(ns, { timeoutMs: 3000, ...this.net });
          return { ok: true, why: `name server ${ns} keeps serving` };
        } catch {
          // try the next one
        }
      }
      return {
        ok: false,
        why: `no other name server answers (${others.join(', ')}): it would be the last one down`,
      };
    }
    if (c.kind === 'master' || c.kind === 'slave') {
      const group = allContainers(live.cluster).filter((m) => m.group === c.group && key(m) !== key(c));
      const nameServers = this.nameServersOf(live);
      for (const m of group) {
        if (!live.running.has(key(m))) {
          return {
            ok: false,
            why: `${m.name} on ${m.host} (same group ${c.group}) is not running: stopping this one too would take the group down`,
          };
        }
        for (const ns of nameServers) {
          const problem = await fetchClusterInfo(ns, { timeoutMs: 3000, ...this.net })
            .then((info) =>
              registrationProblem(info, {
                cluster: live.cluster.cluster,
                brokerName: m.group ?? '',
                brokerId: m.brokerId ?? 0,
                addr: brokerAddr(m),
              }),
            )
            .catch((e: Error) => `does not answer (${e.message})`);
          if (!problem) break;
          if (ns === nameServers.at(-1)) {
            return {
              ok: false,
              why: `${m.name} of group ${c.group} is not registered (name server ${ns} ${problem}): stopping this one would leave the group without a live member`,
            };
          }
        }
      }
    }
    return { ok: true, why: 'other members are healthy' };
  }

  /**
   * A broker's shutdown joins the event thread of each of its two remoting servers (listen and
   * fast port), and that thread wakes only for a connection event or after its 3 s poll: a broker
   * nobody is connected to, a slave most of all, spent 6 of its 7.5 s of shutdown there on the lab.
   * Idle connections to each port, open while it stops, are closed by the shutdown itself, and
   * each close is an event. It must reach the thread after the thread was told to stop: with one
   * connection a port the close sometimes came just before, so a few are held, whose closes
   * arrive one after another. Best effort: a port that does not answer is left alone.
   */
  async holdDuringStop(old: RenderedContainer): Promise<() => void> {
    if ((old.kind !== 'master' && old.kind !== 'slave') || old.listenPort === undefined)
      return () => undefined;
    const p = brokerPorts(old.listenPort);
    const dial = this.o.dial ?? directDialer;
    const ports = [p.listen, p.fast].flatMap((port) => Array<number>(HELD_PER_PORT).fill(port));
    const opened = await Promise.allSettled(
      ports.map((port) => dialWithin(dial, old.address, port, AbortSignal.timeout(2000))),
    );
    const streams = opened.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    // The broker closes them as it stops: a reset then is expected, not an error.
    for (const s of streams) s.on('error', () => undefined);
    return () => {
      for (const s of streams) s.destroy();
    };
  }

  /**
   * After the old broker stopped, before the new one runs: no name server may still list it (one
   * killed, or a 4.x broker that closed its ports before it unregistered, stays listed for 120 s),
   * so that "registered" afterwards can only mean the new process. A name server that does not
   * answer is skipped: it lists nobody the gates could be fooled by until it is back.
   */
  async forgetStopped(old: RenderedContainer, live: LiveView): Promise<void> {
    if ((old.kind !== 'master' && old.kind !== 'slave') || !old.group) return;
    const broker = {
      clusterName: live.cluster.cluster,
      brokerName: old.group,
      brokerAddr: brokerAddr(old),
      brokerId: old.brokerId ?? 0,
    };
    const listed = async (ns: string): Promise<boolean> =>
      registrationsOf(await fetchClusterInfo(ns, { timeoutMs: 3000, ...this.net })).some(
        (r) =>
          r.brokerName === broker.brokerName &&
          r.brokerId === broker.brokerId &&
          r.addr === broker.brokerAddr,
      );
    for (const ns of this.nameServersOf(live)) {
      try {
        for (let attempt = 1; await listed(ns); attempt++) {
          if (attempt > 3) {
            throw new Error(
              `name server ${ns} still lists ${broker.brokerName}/${broker.brokerId} at ${broker.brokerAddr} after 3 UNREGISTER_BROKER`,
            );
          }
          await unregisterBroker(ns, broker, { timeoutMs: 3000, ...this.net });
          this.o.reporter.log(
            'info',
            `name server ${ns}: stale registration of ${broker.brokerName}/${broker.brokerId} at ${broker.brokerAddr} removed`,
            { code: 'gate.unregister', host: old.host },
          );
        }
      } catch (error) {
        if (error instanceof RemotingError && error.kind !== 'response' && error.kind !== 'protocol') {
          this.o.reporter.log(
            'warning',
            `name server ${ns} not asked to forget ${broker.brokerAddr}: ${error.message}`,
            {
              code: 'gate.unregister',
              host: old.host,
            },
          );
          continue;
        }
        throw error;
      }
    }
  }
}
