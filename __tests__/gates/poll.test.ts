import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pollUntil, type ProbeResult } from '../../src/gates/poll.js';

/** A probe that answers from a script and records when (in fake time) it was called. */
function scripted<T>(answers: Array<ProbeResult<T> | Error | 'hang'>) {
  const calls: number[] = [];
  const start = performance.now();
  const probe = (): Promise<ProbeResult<T>> => {
    calls.push(Math.round(performance.now() - start));
    const a = answers[Math.min(calls.length - 1, answers.length - 1)];
    if (a === 'hang') return new Promise(() => undefined);
    if (a instanceof Error) return Promise.reject(a);
    return Promise.resolve(a as ProbeResult<T>);
  };
  return { probe, calls };
}

const ok = (value = 1): ProbeResult<number> => ({ ok: true, message: `ok ${value}`, value });
const bad = (why = 'down'): ProbeResult<number> => ({ ok: false, message: why });

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('pollUntil', () => {
  it('passes on N consecutive successes, spaced by the current interval', async () => {
    const { probe, calls } = scripted([ok(1), ok(2), ok(3)]);
    const done = pollUntil(probe, {
      deadlineMs: 10_000,
      consecutive: 3,
      initialIntervalMs: 100,
      describe: 'x',
    });
    await vi.runAllTimersAsync();
    const outcome = await done;
    expect(outcome).toMatchObject({ ok: true, attempts: 3, consecutive: 3, value: 3, aborted: false });
    expect(outcome.reason).toBeUndefined();
    expect(calls).toEqual([0, 100, 200]);
    expect(outcome.elapsedMs).toBe(200);
    expect(outcome.message).toBe('x: passed (3 in a row, 3 probes, 0.2 s): ok 3');
  });

  it('a failure resets the run; one lucky success is not enough', async () => {
    const { probe, calls } = scripted([ok(), bad('blip'), ok(), ok(), ok()]);
    const done = pollUntil(probe, {
      deadlineMs: 10_000,
      consecutive: 3,
      initialIntervalMs: 100,
      describe: 'x',
    });
    await vi.runAllTimersAsync();
    const outcome = await done;
    expect(outcome.ok).toBe(true);
    expect(outcome.attempts).toBe(5);
    // after the failure the interval doubled to 200 and stays there for the confirmations
    expect(calls).toEqual([0, 100, 200, 400, 600]);
  });

  it('backs off from the initial to the maximum interval on failures', async () => {
    const { probe, calls } = scripted([bad()]);
    const done = pollUntil(probe, {
      deadlineMs: 10_000,
      consecutive: 1,
      initialIntervalMs: 100,
      maxIntervalMs: 1000,
      describe: 'x',
    });
    await vi.runAllTimersAsync();
    const outcome = await done;
    const gaps = calls.slice(1).map((t, i) => t - (calls[i] as number));
    expect(gaps.slice(0, 6)).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(outcome.ok).toBe(false);
    expect(outcome.elapsedMs).toBe(10_000);
    expect(outcome.attempts).toBe(calls.length);
    expect(outcome.reason).toBe('down');
    expect(outcome.message).toMatch(/^x: failed after \d+ probes in 10\.0 s: down$/);
  });

  it('reports the last failure reason and the last value seen', async () => {
    const { probe } = scripted<number>([
      { ok: false, message: 'behind by 10', value: 90 },
      { ok: false, message: 'behind by 5', value: 95 },
    ]);
    const done = pollUntil(probe, {
      deadlineMs: 1000,
      consecutive: 2,
      initialIntervalMs: 300,
      describe: 'slave',
    });
    await vi.runAllTimersAsync();
    const outcome = await done;
    expect(outcome).toMatchObject({
      ok: false,
      reason: 'behind by 5',
      value: 95,
      lastMessage: 'behind by 5',
    });
  });

  it('says when successes came but too few before the deadline', async () => {
    const { probe } = scripted([bad(), bad(), ok()]);
    const done = pollUntil(probe, {
      deadlineMs: 1000,
      consecutive: 10,
      initialIntervalMs: 200,
      describe: 'x',
    });
    await vi.runAllTimersAsync();
    const outcome = await done;
    expect(outcome.ok).toBe(false);
    expect(outcome.reason).toMatch(/^only \d of 10 successes in a row before the deadline$/);
  });

  it('a thrown probe error is a failure, not a crash', async () => {
    const { probe } = scripted([new Error('ECONNREFUSED'), ok(), ok()]);
    const done = pollUntil(probe, { deadlineMs: 5000, consecutive: 2, initialIntervalMs: 50, describe: 'x' });
    await vi.runAllTimersAsync();
    const outcome = await done;
    expect(outcome.ok).toBe(true);
    expect(outcome.attempts).toBe(3);
  });

  it('a hanging probe is cut off at the deadline', async () => {
    const { probe, calls } = scripted([bad('refused'), 'hang']);
    const done = pollUntil(probe, {
      deadlineMs: 2000,
      consecutive: 1,
      initialIntervalMs: 100,
      describe: 'x',
    });
    await vi.runAllTimersAsync();
    const outcome = await done;
    expect(calls).toEqual([0, 100]);
    expect(outcome).toMatchObject({ ok: false, attempts: 1, elapsedMs: 2000, reason: 'refused' });
  });

  it('a first probe that hangs reports that nothing finished', async () => {
    const { probe } = scripted(['hang']);
    const done = pollUntil(probe, { deadlineMs: 500, consecutive: 1, describe: 'x' });
    await vi.runAllTimersAsync();
    const outcome = await done;
    expect(outcome).toMatchObject({
      ok: false,
      attempts: 0,
      reason: 'no probe finished before the deadline',
    });
  });

  it('never sleeps past the deadline', async () => {
    const { probe, calls } = scripted([bad()]);
    const done = pollUntil(probe, {
      deadlineMs: 1000,
      consecutive: 1,
      initialIntervalMs: 700,
      maxIntervalMs: 5000,
      describe: 'x',
    });
    await vi.runAllTimersAsync();
    const outcome = await done;
    expect(calls).toEqual([0, 700]);
    expect(outcome.elapsedMs).toBe(1000);
  });

  it('an infinite deadline does not cut the probe off at once', async () => {
    let settled = false;
    const slow = () => new Promise<ProbeResult<number>>((r) => setTimeout(() => r(ok()), 50));
    const done = pollUntil(slow, {
      deadlineMs: Infinity,
      consecutive: 2,
      initialIntervalMs: 10,
      describe: 'x',
    });
    void done.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(60);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(100);
    expect(await done).toMatchObject({ ok: true, attempts: 2, elapsedMs: 110 });
  });

  it('stops at once on abort, during a wait and during a probe', async () => {
    const controller = new AbortController();
    const { probe, calls } = scripted([bad()]);
    const done = pollUntil(probe, {
      deadlineMs: 60_000,
      consecutive: 1,
      initialIntervalMs: 1000,
      signal: controller.signal,
      describe: 'x',
    });
    await vi.advanceTimersByTimeAsync(2500);
    controller.abort();
    const outcome = await done;
    expect(outcome).toMatchObject({ ok: false, aborted: true, elapsedMs: 2500 });
    expect(outcome.reason).toBe('aborted (last failure: down)');
    // no maximum given: the interval stays at its first value
    expect(calls).toEqual([0, 1000, 2000]);

    const c2 = new AbortController();
    const hanging = scripted(['hang']);
    const done2 = pollUntil(hanging.probe, {
      deadlineMs: 60_000,
      consecutive: 1,
      signal: c2.signal,
      describe: 'y',
    });
    await vi.advanceTimersByTimeAsync(300);
    c2.abort();
    expect(await done2).toMatchObject({ ok: false, aborted: true, attempts: 0, elapsedMs: 300 });
  });

  it('an already aborted signal runs no probe', async () => {
    const { probe, calls } = scripted([ok()]);
    const outcome = await pollUntil(probe, {
      deadlineMs: 1000,
      consecutive: 1,
      signal: AbortSignal.abort(),
      describe: 'x',
    });
    expect(outcome).toMatchObject({ ok: false, aborted: true, attempts: 0 });
    expect(calls).toEqual([]);
  });

  it('leaves no timer behind once done', async () => {
    const { probe } = scripted([ok()]);
    const outcome = await pollUntil(probe, { deadlineMs: 60_000, consecutive: 1, describe: 'x' });
    expect(outcome.ok).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('calls onAttempt after every probe', async () => {
    const seen: Array<[number, boolean]> = [];
    const { probe } = scripted([bad(), ok()]);
    const done = pollUntil(probe, {
      deadlineMs: 5000,
      consecutive: 1,
      describe: 'x',
      onAttempt: (n, r) => seen.push([n, r.ok]),
    });
    await vi.runAllTimersAsync();
    await done;
    expect(seen).toEqual([
      [1, false],
      [2, true],
    ]);
  });

  it('by default probes every 200 ms, failing or not, so a gate passes right after its condition holds', async () => {
    // down for 2 s, then up: the run of 3 completes 400 ms after the first success
    const answers = [...Array.from({ length: 10 }, () => bad()), ok(), ok(), ok()];
    const { probe, calls } = scripted(answers);
    const done = pollUntil(probe, { deadlineMs: 10_000, consecutive: 3, describe: 'x' });
    await vi.runAllTimersAsync();
    const outcome = await done;
    expect(outcome).toMatchObject({ ok: true, attempts: 13 });
    expect(calls).toEqual(Array.from({ length: 13 }, (_, i) => i * 200));
  });

  it('a flapping target never passes: one success between failures is not a run', async () => {
    const flapping = Array.from({ length: 200 }, (_, i) => (i % 2 ? bad('refused') : ok()));
    const { probe } = scripted(flapping);
    const done = pollUntil(probe, { deadlineMs: 5000, consecutive: 2, describe: 'port 10911' });
    await vi.runAllTimersAsync();
    const outcome = await done;
    expect(outcome.ok).toBe(false);
    expect(outcome.attempts).toBeGreaterThan(10);
  });

  it('reports every 10 s while it waits, with the last probe message', async () => {
    const { probe } = scripted([bad('not listed')]);
    const waits: Array<[number, string | undefined]> = [];
    const done = pollUntil(probe, {
      deadlineMs: 35_000,
      consecutive: 1,
      describe: 'x',
      onWaiting: (elapsed, last) => waits.push([elapsed, last]),
    });
    await vi.runAllTimersAsync();
    expect((await done).ok).toBe(false);
    expect(waits).toEqual([
      [10_000, 'not listed'],
      [20_000, 'not listed'],
      [30_000, 'not listed'],
    ]);
  });
});
