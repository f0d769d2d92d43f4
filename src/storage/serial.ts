/**
 * Runs async operations one at a time, in call order (a promise-chain lock): each starts when the
 * previous one has settled, and a failure rejects only its own caller, never the operations
 * queued after it. Journal storages use it so an append and a replay never interleave.
 * @internal
 *
 * @example
 * ```ts
 * const serial = new SerialQueue();
 * void serial.run(() => append(a));
 * await serial.run(() => append(b)); // starts after append(a) settled
 * ```
 */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();

  /** Queues `op`; resolves or rejects with its outcome. */
  run<T>(op: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(op);
    this.#tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
