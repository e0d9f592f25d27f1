/**
 * Polls a probe until it succeeds several times in a row or a deadline passes. A gate passes on a
 * short run of consecutive successes, not one lucky probe. Probes run at a short fixed interval by
 * default: a gate then passes within one interval of its condition holding, and the confirming
 * successes do not stretch the step (a doubling backoff made the first port gate pass seconds after
 * the port opened). A caller that must not hammer a slow target can still ask for a backoff with
 * maxIntervalMs. Every wait is bounded by the deadline and wakes on abort.
 */

/** One probe of a gate: ok or not, a human message, and what was observed. */
export interface ProbeResult<T> {
  ok: boolean;
  /** What was seen, in the user's words ("broker-a/0 listed on 2 of 2 name servers"). */
  message: string;
  value?: T;
}

export type Probe<T> = () => Promise<ProbeResult<T>>;

export interface GateOutcome<T> {
  ok: boolean;
  describe: string;
  attempts: number;
  /** Successes in a row at the end (equals the required count when ok). */
  consecutive: number;
  elapsedMs: number;
  /** The last value any probe returned (successful or not). */
  value?: T;
  /** The last probe's message when it failed, or why polling stopped (deadline, abort). */
  reason?: string;
  /** The last probe's message. */
  lastMessage?: string;
  aborted: boolean;
  /** One line for a log or a report. */
  message: string;
}

export interface PollOptions {
  /** Total time allowed, from the first probe. */
  deadlineMs: number;
  /** Successes in a row required, e.g. 3. */
  consecutive: number;
  /** First wait between probes; default 200 ms. */
  initialIntervalMs?: number;
  /** Longest wait between probes: failures double the wait up to this; default the first wait (no backoff). */
  maxIntervalMs?: number;
  signal?: AbortSignal;
  /** What is being waited for, e.g. "name server 10.0.0.1:9876 answers". */
  describe: string;
  /** Called after every probe (progress lines). */
  onAttempt?: (attempt: number, result: ProbeResult<unknown>) => void;
  /** Called every progressEveryMs while the gate has not passed yet, so a long wait is never silent. */
  onWaiting?: (elapsedMs: number, lastMessage: string | undefined) => void;
  /** Default 10,000 ms. */
  progressEveryMs?: number;
}

export const DEFAULT_INITIAL_INTERVAL_MS = 200;
export const DEFAULT_MAX_INTERVAL_MS = 200;
export const DEFAULT_PROGRESS_EVERY_MS = 10_000;

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const errorMessage = (e: unknown): string => (e instanceof Error ? e.message : String(e));

class Stop {
  constructor(readonly why: 'deadline' | 'abort') {}
}

/**
 * Waits ms, or less when the deadline or an abort comes first. Resolves with the reason it stopped
 * early, if any.
 */
function wait(ms: number, signal: AbortSignal | undefined): Promise<Stop | undefined> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve(new Stop('abort'));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(new Stop('abort'));
    };
    // Node fires at once for delays above 2^31-1 ms: clamp, so `deadlineMs: Infinity` still waits.
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve(undefined);
      },
      Math.min(ms, 2_147_483_647),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Runs the probe, but gives up on it at the deadline or on abort (a probe must not hang a gate). */
async function attempt<T>(
  probe: Probe<T>,
  remainingMs: number,
  signal: AbortSignal | undefined,
): Promise<ProbeResult<T> | Stop> {
  const controller = new AbortController();
  const run = (async (): Promise<ProbeResult<T>> => {
    try {
      return await probe();
    } catch (e) {
      return { ok: false, message: errorMessage(e) };
    }
  })();
  const cutoff = (async (): Promise<Stop> => {
    const combined = signal ? AbortSignal.any([signal, controller.signal]) : controller.signal;
    const stopped = await wait(remainingMs, combined);
    // The abort we raise ourselves after the probe settles is not the caller's abort.
    if (stopped && signal?.aborted) return new Stop('abort');
    return new Stop('deadline');
  })();
  try {
    return await Promise.race([run, cutoff]);
  } finally {
    controller.abort();
  }
}

/** What a poll has seen so far: the outcome is made from it. */
interface PollState<T> {
  started: number;
  attempts: number;
  streak: number;
  value?: T;
  lastFailure?: string;
  lastMessage?: string;
}

function outcomeOf<T>(
  st: PollState<T>,
  options: PollOptions,
  required: number,
  ok: boolean,
  stop?: Stop,
): GateOutcome<T> {
  const { attempts, streak, lastFailure, lastMessage } = st;
  const elapsedMs = Math.round(performance.now() - st.started);
  let reason = ok ? undefined : lastFailure;
  let message: string;
  if (ok) {
    message = `${options.describe}: passed (${required} in a row, ${attempts} probes, ${seconds(elapsedMs)})${lastMessage ? `: ${lastMessage}` : ''}`;
  } else if (stop?.why === 'abort') {
    reason = `aborted${lastFailure ? ` (last failure: ${lastFailure})` : ''}`;
    message = `${options.describe}: aborted after ${attempts} probes, ${seconds(elapsedMs)}`;
  } else {
    const last =
      streak > 0
        ? `only ${streak} of ${required} successes in a row before the deadline`
        : (lastFailure ?? 'no probe completed before the deadline');
    if (streak > 0 || lastFailure === undefined) reason = last;
    message = `${options.describe}: failed after ${attempts} probes in ${seconds(elapsedMs)}: ${last}`;
  }
  const result: GateOutcome<T> = {
    ok,
    describe: options.describe,
    attempts,
    consecutive: streak,
    elapsedMs,
    aborted: stop?.why === 'abort',
    message,
  };
  if (st.value !== undefined) result.value = st.value;
  if (reason !== undefined) result.reason = reason;
  if (lastMessage !== undefined) result.lastMessage = lastMessage;
  return result;
}

export async function pollUntil<T>(probe: Probe<T>, options: PollOptions): Promise<GateOutcome<T>> {
  const required = Math.max(1, Math.floor(options.consecutive));
  const initial = Math.max(1, options.initialIntervalMs ?? DEFAULT_INITIAL_INTERVAL_MS);
  // Without a maximum the interval stays where it starts.
  const maxInterval = Math.max(1, options.maxIntervalMs ?? Math.max(initial, DEFAULT_MAX_INTERVAL_MS));
  let interval = Math.min(initial, maxInterval);
  const st: PollState<T> = { started: performance.now(), attempts: 0, streak: 0 };
  const deadline = st.started + Math.max(0, options.deadlineMs);
  const progressEvery = Math.max(1, options.progressEveryMs ?? DEFAULT_PROGRESS_EVERY_MS);
  let nextProgress = st.started + progressEvery;
  const outcome = (ok: boolean, stop?: Stop): GateOutcome<T> => outcomeOf(st, options, required, ok, stop);

  for (;;) {
    if (options.signal?.aborted) return outcome(false, new Stop('abort'));
    const result = await attempt(probe, Math.max(0, deadline - performance.now()), options.signal);
    if (result instanceof Stop) {
      // A probe cut off at the deadline tells less than the failure before it: keep that one.
      if (result.why === 'deadline' && st.lastFailure === undefined && st.streak === 0) {
        st.lastFailure =
          st.attempts === 0
            ? 'no probe finished before the deadline'
            : 'the last probe did not finish before the deadline';
      }
      return outcome(false, result);
    }
    st.attempts += 1;
    options.onAttempt?.(st.attempts, result);
    if (result.value !== undefined) st.value = result.value;
    st.lastMessage = result.message;
    if (result.ok) {
      st.streak += 1;
      if (st.streak >= required) return outcome(true);
    } else {
      st.streak = 0;
      st.lastFailure = result.message;
    }

    const now = performance.now();
    if (options.onWaiting && now >= nextProgress) {
      options.onWaiting(Math.round(now - st.started), st.lastMessage);
      while (nextProgress <= now) nextProgress += progressEvery;
    }
    const remaining = deadline - now;
    if (remaining <= 0) return outcome(false, new Stop('deadline'));
    // Confirmations keep the pace; failures back off.
    const stop = await wait(Math.min(interval, remaining), options.signal);
    if (stop) return outcome(false, stop);
    if (!result.ok) interval = Math.min(interval * 2, maxInterval);
    if (performance.now() >= deadline) return outcome(false, new Stop('deadline'));
  }
}
