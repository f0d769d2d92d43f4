import { SYSTEM_ATTR, type FrozenTrial } from '../trial/index.js';

/** A beat: wall-clock milliseconds and the writer's interval, so any reader can judge staleness. */
export interface HeartbeatStamp {
  readonly at: number;
  readonly interval_ms: number;
}

/** A beat taken at `at` (milliseconds of the study's heartbeat clock). @internal */
export function heartbeatStamp(intervalMs: number, at: number): HeartbeatStamp {
  return { at, interval_ms: intervalMs };
}

/** How long a measured offset to the storage's clock is reused before it is measured again. */
const CLOCK_RESYNC_MS = 1000;

/**
 * The clock heartbeats are stamped and judged by: the storage's own clock when its backend has one
 * (`JournalBackend.now`, Redis `TIME`), so every host uses the same time; else the local clock.
 * The storage's clock is read as an offset to the local one, measured by `sync()` (at most once a
 * second, timed by the monotonic clock so a local clock step cannot stop the re-measuring), which
 * keeps `now()` synchronous for the heartbeat timer.
 * @internal
 */
export class HeartbeatClock {
  readonly #local: () => number;
  readonly #storage: (() => Promise<number>) | undefined;
  #offset = 0;
  #measuredAt = -Infinity;

  /**
   * @param local - this host's wall clock in milliseconds (Date.now; tests skew it).
   * @param storage - the storage's clock, when the backend has one.
   */
  constructor(local: () => number, storage?: () => Promise<number>) {
    this.#local = local;
    this.#storage = storage;
  }

  /** Measures the offset to the storage's clock, unless measured within the last second. */
  async sync(): Promise<void> {
    if (this.#storage === undefined || performance.now() - this.#measuredAt < CLOCK_RESYNC_MS) return;
    const before = this.#local();
    const server = await this.#storage();
    const after = this.#local();
    // The server read its clock somewhere within the round trip: assume the middle.
    this.#offset = server - (before + after) / 2;
    this.#measuredAt = performance.now();
  }

  /** Milliseconds on the heartbeat clock. */
  now(): number {
    return this.#local() + this.#offset;
  }
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
