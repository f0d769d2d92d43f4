// Two objectives for one MLP on Fisher's Iris flowers: the validation log loss and the number of
// weights (a proxy for download size and inference cost in a browser). The study has no sampler
// of its own, so it gets bonito's default for several objectives (the GP: Sobol start-up trials,
// then one GP per objective and log-EHVI), and its Pareto front is the set of models that no other
// model beats on both counts at once.
import { createStudy, init, type FrozenTrial, type Study, type Trial } from 'bonito';
import { buildMlp, loadIris, suggestMlp, trainAndScore, type MlpSpace, type ModelBuilder } from 'bonito/tfjs';

/** What `tuneParetoMlp` needs. */
export interface ParetoMlpOptions {
  /** Trials to run. */
  trials: number;
  /** Training epochs of every model. */
  epochs: number;
  /** Study seed (the sampler follows it). */
  seed: number;
  /** Called after each finished trial (progress). */
  onTrial?: (trial: FrozenTrial) => void;
}

/** The searched MLP: depth, widths, activation and learning rate; the rest fixed for a small data set. */
export function mlpSpace(epochs: number): MlpSpace {
  return {
    layers: { low: 1, high: 3 },
    units: { low: 2, high: 64, log: true },
    activation: ['relu', 'tanh'],
    dropout: 0,
    l1: 0,
    l2: 0,
    weightDecay: 0,
    learningRate: { low: 1e-3, high: 0.3, log: true },
    optimizer: 'adam',
    batchSize: 16,
    epochs,
  };
}

/**
 * Runs the study: each trial trains the suggested MLP on 80% of the rows (stratified hold-out; the
 * same split, initial weights and batch order for every trial) and returns
 * [validation log loss, trainable parameters], both minimized. The parameter count is the built
 * model's own `countParams()`, also kept as the `parameters` user attribute.
 */
export async function tuneParetoMlp(options: ParetoMlpOptions): Promise<Study> {
  await init();
  const data = loadIris();
  const space = mlpSpace(options.epochs);
  const study = await createStudy({ name: 'pareto-mlp', directions: ['minimize', 'minimize'], seed: options.seed });
  const objective = async (trial: Trial): Promise<[number, number]> => {
    let parameters = 0;
    const builder: ModelBuilder = (t, context) => {
      const params = suggestMlp(t, space);
      const model = buildMlp(params, context);
      parameters = model.countParams();
      return { model, batchSize: params.batchSize, epochs: params.epochs };
    };
    // No pruning: a pruner judges one objective, and this study has two.
    const result = await trainAndScore(trial, { data, model: builder, scoring: 'holdout', metric: 'logLoss', seed: 7, pruning: false });
    trial.setUserAttr('parameters', parameters);
    return [result.mean, parameters];
  };
  await study.optimize(objective, { nTrials: options.trials, callbacks: [(_, trial) => options.onTrial?.(trial)] });
  return study;
}
