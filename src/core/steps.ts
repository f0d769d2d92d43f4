/**
 * Long computations written once as generators that `yield` between bounded wasm calls, and run
 * either to completion on the spot (`runSteps`, the synchronous public API) or in slices that give
 * the event loop back (`runStepsAsync`, the GP sampler's ask). Both drivers execute the same code
 * in the same order, so the two paths give bit-identical results.
 *
 * Scratch memory (memory.ts) is a bump arena released in LIFO order. A stepped computation keeps
 * its scratch across yields; synchronous calls that run in the gaps allocate above it and release
 * back to it, which is safe, but two stepped computations interleaved would release each other's
 * memory. `runStepsAsync` therefore runs one computation at a time (a queue), and a stepped
 * computation must not hold a typed-array view of wasm memory across a yield (memory may grow).
 * @internal
 */

/** A computation that pauses (yields undefined) between bounded steps and returns T. @internal */
export type Steps<T> = Generator<void, T, void>;

/** Runs a stepped computation to completion on the calling thread. @internal */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Options of {@link runStepsAsync}. @internal */
export interface RunStepsOptions {
  /** Stops the computation at its next step; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Longest stretch (ms) run before giving the event loop a turn. @defaultValue 5 */
  sliceMs?: number;
}

/** The stepped computation holding scratch across yields, if any (its promise, settled quietly). */
let busy: Promise<unknown> | null = null;

/**
 * Runs a stepped computation, giving the event loop a turn whenever a slice of `sliceMs` has
 * passed, and stopping at the next step once `signal` aborts (its `finally` blocks run, so scratch
 * memory is released, and the promise rejects with the signal's reason). Computations started
 * while one runs wait for it.
 *
 * When none runs, the first slice runs at once, and a computation that finishes within it returns
 * its value directly rather than a promise: a short computation then behaves exactly as a
 * synchronous call, with no microtask in which other code could run.
 * @internal
 */
export function runStepsAsync<T>(make: () => Steps<T>, options: RunStepsOptions = {}): T | Promise<T> {
  const sliceMs = options.sliceMs ?? 5;
  if (busy === null) {
    options.signal?.throwIfAborted();
    const steps = make();
    const first = slice(steps, sliceMs, performance.now());
    if (first.done) return first.value;
    return track(drive(steps, options.signal, sliceMs));
  }
  return track(
    busy.then(() => {
      options.signal?.throwIfAborted();
      const steps = make();
      return drive(steps, options.signal, sliceMs);
    }),
  );
}

function track<T>(run: Promise<T>): Promise<T> {
  const settled: Promise<unknown> = run.then(
    () => undefined,
    () => undefined,
  );
  busy = settled;
  void settled.then(() => {
    if (busy === settled) busy = null;
  });
  return run;
}

/** Advances until done or `sliceMs` has passed since `since`; closes the computation if it throws. */
function slice<T>(steps: Steps<T>, sliceMs: number, since: number): IteratorResult<void, T> {
  try {
    for (;;) {
      const r = steps.next();
      if (r.done || performance.now() - since >= sliceMs) return r;
    }
  } catch (err) {
    steps.return(undefined as T);
    throw err;
  }
}

async function drive<T>(steps: Steps<T>, signal: AbortSignal | undefined, sliceMs: number): Promise<T> {
  try {
    for (;;) {
      await turn();
      signal?.throwIfAborted();
      const r = slice(steps, sliceMs, performance.now());
      if (r.done) return r.value;
    }
  } finally {
    // Closing runs the generator's finally blocks (scratch release) when it stopped early.
    steps.return(undefined as T);
  }
}

/** One turn of the event loop: timers, I/O and signal handlers run before this resolves. */
function turn(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (fn: () => void) => unknown }).setImmediate;
  return new Promise((resolve) => (immediate ? immediate(resolve) : setTimeout(resolve, 0)));
}
