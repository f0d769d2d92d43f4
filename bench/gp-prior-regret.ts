// Regret of one GPSampler configuration on one function (issue 13, BoTorch comparison): median
// simple regret at 50 and 100 trials over seeds 0..n−1, on the function or its shifted copy
// (src/bench/shift.ts). One function per process, so a shared machine can run a few side by side.
// Prints one JSON line and appends it to bench/results/gp-priors.jsonl (docs/gp-performance.md and
// the gp-priors section of bench/RESULTS.md are made from that file).
// Usage: node --import tsx bench/gp-prior-regret.ts <fn> <shifted 0|1> '<GPSamplerOptions + label, JSON>' [seeds = 10]
//   e.g. node --import tsx bench/gp-prior-regret.ts ackley10 1 '{"label":"gamma","prior":"gamma"}'
import { readFileSync, appendFileSync } from 'node:fs';
import { init, GPSampler, type GPSamplerOptions } from '../src/index.js';
import { ackley, branin, hartmann6, levy, rosenbrock, styblinskiTang, runRegret, shiftedFunction } from '../src/bench/index.js';
import type { TestFunction } from '../src/bench/index.js';

await init(readFileSync(new URL('../build/bonito.wasm', import.meta.url)));
const FNS: Record<string, () => TestFunction> = {
  branin: () => branin,
  hartmann6: () => hartmann6,
  ackley10: () => ackley(10),
  rosen5: () => rosenbrock(5),
  st8: () => styblinskiTang(8),
  ackley20: () => ackley(20),
  levy20: () => levy(20),
  rosen20: () => rosenbrock(20),
};
const [fnName, shift, cfgText, seedsText] = process.argv.slice(2);
const { label, ...options } = JSON.parse(cfgText ?? '{}') as GPSamplerOptions & { label?: string };
if (!(fnName in FNS))
  throw new RangeError(`gp-prior-regret: the function must be one of ${Object.keys(FNS).join(', ')} but got ${fnName}.`);
const base = FNS[fnName]();
const seeds = Number(seedsText ?? 10);
const t0 = performance.now();
const r = await runRegret({
  sampler: new GPSampler({ warnIndependentSampling: false, ...options }),
  fn: shift === '1' ? (seed: number) => shiftedFunction(base, seed) : base,
  nTrials: 100,
  seeds,
  checkpoints: [50, 100],
});
const per = r.curves.map((c) => c[99]);
const line = {
  fn: fnName,
  shift: shift === '1',
  label: label ?? cfgText,
  median50: r.checkpoints[0].median,
  median100: r.checkpoints[1].median,
  q1: r.checkpoints[1].q1,
  q3: r.checkpoints[1].q3,
  per,
  msPerTrial: r.msPerTrial,
  wallS: (performance.now() - t0) / 1000,
};
console.log(JSON.stringify(line));
appendFileSync(new URL('./results/gp-priors.jsonl', import.meta.url), `${JSON.stringify(line)}\n`);
