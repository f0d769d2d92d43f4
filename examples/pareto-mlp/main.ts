// `npm run example:pareto`: tunes an Iris MLP for validation log loss and size at once (two
// objectives, the default GP), prints the Pareto front and writes the study report with its Pareto plot
// to pareto-mlp.html. About a minute on two cores. Options: --trials N (default 60), --epochs N (30).
import { parseArgs } from 'node:util';
import { writeStudyReport } from 'bonito/node';
import { tuneParetoMlp } from './pareto-mlp.js';

const { values } = parseArgs({ options: { trials: { type: 'string', default: '60' }, epochs: { type: 'string', default: '30' } } });
const trials = Number(values.trials);
const epochs = Number(values.epochs);
for (const [name, v] of [
  ['trials', trials],
  ['epochs', epochs],
] as const) {
  if (!Number.isSafeInteger(v) || v < 1) throw new RangeError(`example:pareto: \`--${name}\` must be a positive integer but got ${v}.`);
}

const started = Date.now();
const study = await tuneParetoMlp({
  trials,
  epochs,
  seed: 42,
  onTrial: (t) =>
    process.stderr.write(
      `[${t.number + 1}/${trials}] ${t.state.toLowerCase()} ${t.values?.map((v) => Number(v.toPrecision(4))).join(', ') ?? ''}\n`,
    ),
});
const front = [...study.bestTrials].sort((a, b) => a.values![1] - b.values![1]);
console.log(`${study.trials.length} trials in ${((Date.now() - started) / 1000).toFixed(0)} s; Pareto front (${front.length} models):`);
console.log('trial  parameters  log loss  layers  units');
for (const t of front) {
  const units = Array.from({ length: t.params.layers as number }, (_, i) => t.params[`units_${i}`]).join('-');
  console.log(
    `${String(t.number).padStart(5)}  ${String(t.values![1]).padStart(10)}  ${t.values![0].toFixed(4).padStart(8)}  ${String(t.params.layers).padStart(6)}  ${units}`,
  );
}
await writeStudyReport(study, 'pareto-mlp.html');
console.log('Wrote pareto-mlp.html (Pareto front table and plot, history, parameters).');
