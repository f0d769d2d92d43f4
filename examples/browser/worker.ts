// A training worker: instantiates the page's compiled bonito core, starts tfjs on its wasm
// backend (the binaries are this app's own assets, never a CDN), then trains one trial at a time.
/// <reference types="vite/client" />
import { initSync } from 'bonito';
import { createDataset, FixedTrial, loadIris, setTfjsBackend, trainAndScore, type Dataset, type TfjsBackend } from 'bonito/tfjs';
import plainWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { FromWorker, InitMessage, ToWorker } from './protocol.js';

const post = (message: FromWorker) => (self as unknown as Worker).postMessage(message);

/** A `FixedTrial` whose learning curve and scores also go to the page's trial. */
class ForwardingTrial extends FixedTrial {
  override report(value: number, step: number): void {
    super.report(value, step);
    post({ type: 'epoch', trial: this.number, step, value });
  }
  override setUserAttr(key: string, value: unknown): void {
    super.setUserAttr(key, value);
    post({ type: 'attr', trial: this.number, key, value });
  }
}

let setup: (InitMessage & { dataset: Dataset; backend: TfjsBackend }) | null = null;

async function start(message: InitMessage): Promise<void> {
  initSync(message.core);
  const dataset = message.data.kind === 'iris' ? loadIris() : createDataset(message.data.input);
  let backend: TfjsBackend = 'wasm';
  let notice: string | null = null;
  if (message.training === 'tfjs') {
    try {
      const wasmPaths = {
        'tfjs-backend-wasm.wasm': plainWasm,
        'tfjs-backend-wasm-simd.wasm': simdWasm,
        'tfjs-backend-wasm-threaded-simd.wasm': threadedWasm,
      };
      await setTfjsBackend('wasm', { wasmPaths });
    } catch (error) {
      backend = 'cpu';
      notice = `the tfjs wasm backend failed (${(error as Error).message}); training on the slower cpu backend`;
      await setTfjsBackend('cpu');
    }
  }
  setup = { ...message, dataset, backend };
  const classes = dataset.task === 'classification' ? `, ${dataset.classNames.length} classes` : ', regression';
  post({
    type: 'ready',
    backend: message.training === 'tfjs' ? backend : 'none',
    notice,
    summary: `${dataset.n} rows × ${dataset.d} features${classes}`,
  });
}

async function train(trial: number, params: Record<string, number>): Promise<void> {
  if (setup === null) throw new Error('worker: `train` must follow `init` but got no init.');
  if (setup.training === 'none') {
    // The same stand-in score as bench-baseline.ts, so both studies' GPs see the same values.
    post({ type: 'done', trial, value: Object.values(params).reduce((s, v) => s + v, 0) });
    return;
  }
  const result = await trainAndScore(new ForwardingTrial(params, trial), {
    data: setup.dataset,
    model: setup.space,
    scoring: setup.scoring,
    metric: setup.dataset.task === 'classification' ? 'logLoss' : 'mse',
    seed: setup.seed,
    backend: setup.backend,
    pruning: true, // reports each epoch; a FixedTrial never prunes
  });
  post({ type: 'done', trial, value: result.mean });
}

self.onmessage = async (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'init') {
    await start(message).catch((error: unknown) => post({ type: 'fatal', message: String((error as Error)?.message ?? error) }));
  } else {
    await train(message.trial, message.params).catch((error: unknown) =>
      post({ type: 'failed', trial: message.trial, message: String((error as Error)?.message ?? error) }),
    );
  }
};
post({ type: 'loaded' });
