import type { RenderedContainer } from '../../src/render/render.js';
import type { GateResult, Gates, LiveView } from '../../src/rollout/ports.js';

/** Gates that pass unless told otherwise; every check recorded as `host/name`. */
export class FakeGates implements Gates {
  /** Containers whose gates fail the first time (the new one), not on the re-gate of the old. */
  failing = new Map<string, string>();
  /** Called while gating `name` (e.g. to abort mid-step). */
  during = new Map<string, () => void>();
  refuseStop = new Map<string, string>();
  /** Gates of these containers never pass: they wait until aborted (as a port that never opens). */
  hang = new Set<string>();
  readonly checked: string[] = [];
  /** Every check takes this long (a rollout that outlasts another run's wait for the lock). */
  delayMs = 0;

  async check(c: RenderedContainer, _live: LiveView, signal: AbortSignal): Promise<GateResult[]> {
    this.checked.push(`${c.host}/${c.name}`);
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    this.during.get(c.name)?.();
    if (this.hang.has(c.name)) {
      this.hang.delete(c.name);
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    }
    if (signal.aborted) return [{ gate: 'port', ok: false, detail: 'aborted', elapsedMs: 1 }];
    const bad = this.failing.get(c.name);
    this.failing.delete(c.name);
    if (bad)
      return [
        { gate: 'port', ok: true, detail: 'open', elapsedMs: 1 },
        { gate: bad, ok: false, detail: `${bad} never passed`, elapsedMs: 5 },
      ];
    return [{ gate: 'port', ok: true, detail: 'open', elapsedMs: 1 }];
  }

  /** Set to watch the connections a stop would hold (LiveGates.holdDuringStop). */
  holdDuringStop?: (old: RenderedContainer) => Promise<() => void>;

  async safeToStop(c: RenderedContainer): Promise<{ ok: boolean; why: string }> {
    const why = this.refuseStop.get(c.name);
    return why ? { ok: false, why } : { ok: true, why: 'fine' };
  }
}
