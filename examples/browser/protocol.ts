// Messages between the page (which owns the study) and its training workers. Workers never see
// the study: they get parameters, train, and send back epoch losses and the final score.
import type { DatasetInput, MlpSpace, Scoring } from 'bonito/tfjs';

/** The data set a worker trains on: the Iris rows bonito ships, or a table the page parsed. */
export type DataSource = { kind: 'iris' } | { kind: 'table'; input: DatasetInput };

/** What every worker trains with, sent once. */
export interface InitMessage {
  type: 'init';
  /** bonito's compiled core: the page compiles it once and each worker instantiates it. */
  core: WebAssembly.Module;
  data: DataSource;
  space: MlpSpace;
  scoring: Scoring;
  seed: number;
  /** `none` skips training and scores at once: the app's overhead benchmark. */
  training: 'tfjs' | 'none';
}

export interface TrainMessage {
  type: 'train';
  trial: number;
  params: Record<string, number>;
}

export type ToWorker = InitMessage | TrainMessage;

export type FromWorker =
  // Sent once the module (which awaits tfjs at its top level) has its message handler: messages
  // posted before that would be lost.
  | { type: 'loaded' }
  | { type: 'ready'; backend: string; notice: string | null; summary: string }
  | { type: 'epoch'; trial: number; step: number; value: number }
  | { type: 'attr'; trial: number; key: string; value: unknown }
  | { type: 'done'; trial: number; value: number }
  | { type: 'failed'; trial: number; message: string }
  | { type: 'fatal'; message: string };
