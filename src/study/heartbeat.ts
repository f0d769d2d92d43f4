import { SYSTEM_ATTR, type FrozenTrial } from '../trial/index.js';

/** A beat: wall-clock milliseconds and the writer's interval, so any reader can judge staleness. */
export interface HeartbeatStamp {
  readonly at: number;
  readonly interval_ms: number;
}

/** A beat taken now. @internal */
export function heartbeatStamp(intervalMs: number): HeartbeatStamp {
  return { at: Date.now(), interval_ms: intervalMs };
}

/** The trial's last beat, or null when its writer never beat (then it is never judged stale). @internal */
export function readHeartbeat(trial: FrozenTrial): HeartbeatStamp | null {
  const v = trial.systemAttrs[SYSTEM_ATTR.heartbeat] as Partial<HeartbeatStamp> | undefined;
  if (typeof v !== 'object' || v === null) return null;
  if (typeof v.at !== 'number' || typeof v.interval_ms !== 'number' || !(v.interval_ms > 0)) return null;
  return { at: v.at, interval_ms: v.interval_ms };
}

/**
 * Whether a RUNNING trial's process has stopped beating: no beat for longer than the grace
 * period, by default twice the writer's own interval (Optuna's default grace period).
 * @internal
 */
export function isStale(trial: FrozenTrial, now: number, graceMs?: number): boolean {
  if (trial.state !== 'RUNNING') return false;
  const beat = readHeartbeat(trial);
  if (beat === null) return false;
  return now - beat.at > (graceMs ?? 2 * beat.interval_ms);
}

/**
 * Runs `beat` every `intervalMs` while `setActive(true)`; an idle study holds no timer, and the
 * timer never keeps a Node process alive on its own.
 * @internal
 */
export class HeartbeatTimer {
  readonly intervalMs: number;
  readonly #beat: () => void;
  #timer: ReturnType<typeof setInterval> | null = null;

  constructor(intervalMs: number, beat: () => void) {
    this.intervalMs = intervalMs;
    this.#beat = beat;
  }

  setActive(active: boolean): void {
    if (active && this.#timer === null) {
      this.#timer = setInterval(this.#beat, this.intervalMs);
      (this.#timer as { unref?: () => void }).unref?.();
    } else if (!active && this.#timer !== null) {
      clearInterval(this.#timer);
      this.#timer = null;
    }
  }
}
