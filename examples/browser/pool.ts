// A fixed set of training workers, each running one trial at a time.
import type { FromWorker, InitMessage } from './protocol.js';

/** How a trial ended in its worker. */
export type TrainOutcome = { ok: true; value: number } | { ok: false; message: string };

/** What the page hears while a trial trains. */
export interface TrialListener {
  epoch(step: number, value: number): void;
  attr(key: string, value: unknown): void;
}

interface Slot {
  worker: Worker;
  busy: boolean;
}

export class TrainerPool {
  readonly #slots: Slot[];
  readonly #running = new Map<number, { listener: TrialListener; resolve: (o: TrainOutcome) => void }>();
  /** The backend the workers train on, and why it is not wasm when it is not. */
  readonly backend: string;
  readonly notice: string | null;
  readonly summary: string;

  private constructor(slots: Slot[], ready: Extract<FromWorker, { type: 'ready' }>) {
    this.#slots = slots;
    this.backend = ready.backend;
    this.notice = ready.notice;
    this.summary = ready.summary;
    for (const slot of slots) slot.worker.onmessage = (e: MessageEvent<FromWorker>) => this.#hear(slot, e.data);
  }

  /**
   * Starts `size` workers and waits until every one has its data and backend.
   * @throws Error with the first worker's message when one cannot start.
   */
  static async start(size: number, init: InitMessage): Promise<TrainerPool> {
    const slots = Array.from({ length: size }, () => ({
      worker: new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'bonito-trainer' }),
      busy: false,
    }));
    try {
      const answers = await Promise.all(
        slots.map(
          (slot) =>
            new Promise<Extract<FromWorker, { type: 'ready' }>>((resolve, reject) => {
              slot.worker.onmessage = (e: MessageEvent<FromWorker>) => {
                if (e.data.type === 'loaded') slot.worker.postMessage(init);
                else if (e.data.type === 'ready') resolve(e.data);
                else
                  reject(new Error(e.data.type === 'fatal' ? e.data.message : `a training worker sent ${e.data.type} before it was ready`));
              };
              slot.worker.onerror = (e) => reject(new Error(`a training worker failed to load: ${e.message}`));
            }),
        ),
      );
      return new TrainerPool(slots, answers[0]);
    } catch (error) {
      for (const slot of slots) slot.worker.terminate();
      throw error;
    }
  }

  get idle(): number {
    return this.#slots.filter((s) => !s.busy).length;
  }

  /** Trains `trial` on an idle worker. @throws Error when every worker is busy. */
  train(trial: number, params: Record<string, number>, listener: TrialListener): Promise<TrainOutcome> {
    const slot = this.#slots.find((s) => !s.busy);
    if (slot === undefined) throw new Error('TrainerPool: `train` needs an idle worker but all are busy.');
    slot.busy = true;
    return new Promise((resolve) => {
      this.#running.set(trial, { listener, resolve });
      slot.worker.postMessage({ type: 'train', trial, params });
    });
  }

  terminate(): void {
    for (const slot of this.#slots) slot.worker.terminate();
  }

  #hear(slot: Slot, message: FromWorker): void {
    if (!('trial' in message)) return;
    const run = this.#running.get(message.trial);
    if (run === undefined) return;
    if (message.type === 'epoch') run.listener.epoch(message.step, message.value);
    else if (message.type === 'attr') run.listener.attr(message.key, message.value);
    else {
      slot.busy = false;
      this.#running.delete(message.trial);
      run.resolve(message.type === 'done' ? { ok: true, value: message.value } : { ok: false, message: message.message });
    }
  }
}
