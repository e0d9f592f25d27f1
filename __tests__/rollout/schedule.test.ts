import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ContainerKind } from '../../src/render/render.js';
import { mayStart, runScheduled, type Unit } from '../../src/rollout/schedule.js';

/** A layout in rolloutOrder: name servers, masters of new groups, slaves, other masters, console. */
interface Layout {
  nameServers: number;
  /** Per group: its slaves, and whether nothing of it runs yet (then its master goes first). */
  groups: { slaves: number; created: boolean }[];
  console: boolean;
}

function unitsOf(l: Layout): Unit<string>[] {
  const u = (kind: ContainerKind, item: string, group?: string, masterFirst = false): Unit<string> => ({
    kind,
    item,
    ...(group !== undefined ? { group } : {}),
    ...(masterFirst ? { masterFirst } : {}),
  });
  const masters = (created: boolean) =>
    l.groups.flatMap((g, i) => (g.created === created ? [u('master', `g${i}-m`, `g${i}`, created)] : []));
  return [
    ...Array.from({ length: l.nameServers }, (_, i) => u('nameServer', `ns${i}`)),
    ...masters(true),
    ...l.groups.flatMap((g, i) =>
      Array.from({ length: g.slaves }, (_, s) => u('slave', `g${i}-s${s}`, `g${i}`)),
    ),
    ...masters(false),
    ...(l.console ? [u('console', 'console')] : []),
  ];
}

const existing = (slaves: number[]) => slaves.map((n) => ({ slaves: n, created: false }));

const layout = fc.record({
  nameServers: fc.integer({ min: 1, max: 3 }),
  groups: fc.array(fc.record({ slaves: fc.integer({ min: 0, max: 2 }), created: fc.boolean() }), {
    minLength: 1,
    maxLength: 7,
  }),
  console: fc.boolean(),
});

/** Lets the event loop turn `n` times: steps of different lengths, finishing in any order. */
async function turns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
}

interface Trace {
  events: { at: number; what: 'start' | 'end'; u: Unit<string> }[];
  failures: unknown[];
}

async function trace(
  units: Unit<string>[],
  limit: number,
  lengths: (u: Unit<string>) => number,
  fails: (u: Unit<string>) => boolean = () => false,
): Promise<Trace> {
  const events: Trace['events'] = [];
  let clock = 0;
  const failures = await runScheduled(units, limit, async (u) => {
    events.push({ at: clock++, what: 'start', u });
    await turns(lengths(u));
    events.push({ at: clock++, what: 'end', u });
    if (fails(u)) throw new Error(`${u.item} failed`);
  });
  return { events, failures };
}

/** The rules at every start: what was in flight and what had ended then. */
function violations(t: Trace, limit: number, all: readonly Unit<string>[]): string[] {
  const out: string[] = [];
  const inFlight = new Set<Unit<string>>();
  const ended = new Set<Unit<string>>();
  for (const e of t.events) {
    if (e.what === 'end') {
      inFlight.delete(e.u);
      ended.add(e.u);
      continue;
    }
    const u = e.u;
    const running = [...inFlight];
    if (running.length + 1 > limit) out.push(`${u.item}: more than ${limit} in flight`);
    if (u.group !== undefined && running.some((x) => x.group === u.group))
      out.push(`${u.item}: another member of ${u.group} in flight`);
    if (u.kind === 'nameServer' && running.some((x) => x.kind === 'nameServer'))
      out.push(`${u.item}: two name servers in flight`);
    const notEnded = (pred: (x: Unit<string>) => boolean) => all.filter((x) => pred(x) && !ended.has(x));
    if (u.kind !== 'nameServer' && notEnded((x) => x.kind === 'nameServer').length)
      out.push(`${u.item}: started before every name server was done`);
    if (
      u.kind === 'master' &&
      !u.masterFirst &&
      notEnded((x) => x.kind === 'slave' && x.group === u.group).length
    )
      out.push(`${u.item}: started before its group's slaves were done`);
    if (u.kind === 'slave' && notEnded((x) => x.masterFirst === true && x.group === u.group).length)
      out.push(`${u.item}: started before the master of its new group was done`);
    if (u.kind === 'console' && notEnded((x) => x !== u).length)
      out.push('console: started before everything else was done');
    inFlight.add(u);
  }
  return out;
}

describe('the parallel schedule', () => {
  it('property: any layout, any limit, any step lengths: the rules hold at every start and every step runs once', async () => {
    await fc.assert(
      fc.asyncProperty(
        layout,
        fc.integer({ min: 1, max: 8 }),
        fc.func(fc.integer({ min: 0, max: 6 })),
        async (l, limit, length) => {
          const units = unitsOf(l);
          const t = await trace(units, limit, (u) => length(u.item));
          expect(violations(t, limit, units)).toEqual([]);
          expect(t.failures).toEqual([]);
          const started = t.events.filter((e) => e.what === 'start').map((e) => e.u.item);
          expect([...started].sort()).toEqual(units.map((u) => u.item).sort());
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: parallel 1 is the given order exactly', async () => {
    await fc.assert(
      fc.asyncProperty(layout, fc.func(fc.integer({ min: 0, max: 3 })), async (l, length) => {
        const units = unitsOf(l);
        const t = await trace(units, 1, (u) => length(u.item));
        expect(t.events.filter((e) => e.what === 'start').map((e) => e.u.item)).toEqual(
          units.map((u) => u.item),
        );
      }),
      { numRuns: 100 },
    );
  });

  it('property: after a failure nothing new starts; steps in flight finish; every failure is returned', async () => {
    await fc.assert(
      fc.asyncProperty(
        layout,
        fc.integer({ min: 1, max: 8 }),
        fc.func(fc.integer({ min: 0, max: 6 })),
        fc.func(fc.boolean()),
        async (l, limit, length, failing) => {
          const units = unitsOf(l);
          const t = await trace(
            units,
            limit,
            (u) => length(u.item),
            (u) => failing(u.item),
          );
          const firstFailEnd = t.events.find((e) => e.what === 'end' && failing(e.u.item))?.at;
          const starts = t.events.filter((e) => e.what === 'start');
          if (firstFailEnd !== undefined) expect(starts.filter((e) => e.at > firstFailEnd)).toEqual([]);
          // Every started step ended (finished or undone); the failures are those that failed.
          expect(t.events.filter((e) => e.what === 'end')).toHaveLength(starts.length);
          expect(t.failures.map((f) => (f as Error).message)).toEqual(
            t.events.filter((e) => e.what === 'end' && failing(e.u.item)).map((e) => `${e.u.item} failed`),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('runs independent groups side by side: 3 groups at parallel 3', async () => {
    const units = unitsOf({ nameServers: 2, groups: existing([1, 1, 1]), console: true });
    const t = await trace(units, 3, () => 2);
    let open = 0;
    let most = 0;
    for (const e of t.events) {
      open += e.what === 'start' ? 1 : -1;
      most = Math.max(most, open);
    }
    expect(most).toBe(3);
    // The three slaves start together, each master as soon as its own slave is done.
    const starts = t.events.filter((e) => e.what === 'start').map((e) => e.u.item);
    expect(starts.slice(0, 5)).toEqual(['ns0', 'ns1', 'g0-s0', 'g1-s0', 'g2-s0']);
    expect(starts.at(-1)).toBe('console');
  });

  it('mayStart: the rules one by one', () => {
    const [ns0, ns1, s, m, other, console_] = [
      { kind: 'nameServer', item: 'ns0' },
      { kind: 'nameServer', item: 'ns1' },
      { kind: 'slave', group: 'a', item: 'a-1' },
      { kind: 'master', group: 'a', item: 'a-0' },
      { kind: 'master', group: 'b', item: 'b-0' },
      { kind: 'console', item: 'console' },
    ] as Unit<string>[];
    expect(mayStart(ns1!, [ns0!], [ns1!, s!])).toBe(false);
    expect(mayStart(s!, [], [ns1!, s!])).toBe(false);
    expect(mayStart(s!, [other!], [s!, m!])).toBe(true);
    expect(mayStart(m!, [], [s!, m!])).toBe(false);
    expect(mayStart(m!, [s!], [m!])).toBe(false);
    expect(mayStart(m!, [other!], [m!])).toBe(true);
    expect(mayStart(console_!, [other!], [console_!])).toBe(false);
    expect(mayStart(console_!, [], [console_!])).toBe(true);
    // A group of which nothing runs yet: the other way round.
    const [newSlave, newMaster] = [
      { kind: 'slave', group: 'c', item: 'c-1' },
      { kind: 'master', group: 'c', item: 'c-0', masterFirst: true },
    ] as Unit<string>[];
    expect(mayStart(newMaster!, [], [newMaster!, newSlave!])).toBe(true);
    expect(mayStart(newSlave!, [], [newMaster!, newSlave!])).toBe(false);
    expect(mayStart(newSlave!, [newMaster!], [newSlave!])).toBe(false);
    expect(mayStart(newSlave!, [other!], [newSlave!])).toBe(true);
  });

  it("starts a new group's master first and its slave as soon as the master is done", async () => {
    const units = unitsOf({
      nameServers: 1,
      groups: [
        { slaves: 1, created: true },
        { slaves: 1, created: false },
      ],
      console: false,
    });
    const t = await trace(units, 2, () => 2);
    const starts = t.events.filter((e) => e.what === 'start').map((e) => e.u.item);
    // g0's master and g1's slave side by side, then g0's slave and g1's master.
    expect(starts).toEqual(['ns0', 'g0-m', 'g1-s0', 'g0-s0', 'g1-m']);
  });
});
