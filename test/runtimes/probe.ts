// The same computation in every runtime, from the one .wasm: known RNG vectors and a scrambled
// Sobol block (sync), and a whole GP-driven study (async). Runtime tests compare what each engine
// returns with Node's answer bit for bit.
import { createStudy, GPSampler, Rng, Sobol } from '../../src/index.js';

export interface ProbeResult {
  uniform: number[];
  normal: number[];
  integers: number[];
  jumped: number[];
  sobol: number[];
}

export function probe(): ProbeResult {
  return {
    uniform: Array.from(new Rng(42).uniform(8)),
    normal: Array.from(new Rng(42).normal(8)),
    integers: Array.from(new Rng(7).integers(8, -50, 50)),
    jumped: Array.from(new Rng(42).jump().uniform(4)),
    sobol: Array.from(new Sobol(5, { seed: 3 }).random(16)),
  };
}

export interface StudyProbeTrial {
  params: Record<string, unknown>;
  value: number | null;
}

/**
 * Sixteen trials of the default GPSampler on a mixed space (log float, int, categorical):
 * Sobol start-up, then GP fits, logEI and the L-BFGS-B acquisition search, so any engine
 * difference in the numeric core or in the JavaScript around it shows in the trajectory.
 */
export async function studyProbe(): Promise<StudyProbeTrial[]> {
  const study = await createStudy({ seed: 2026, sampler: new GPSampler({ nStartupTrials: 6 }), onWarning: () => {} });
  await study.optimize(
    (t) => {
      const lr = t.suggestFloat('lr', 1e-4, 1, { log: true });
      const units = t.suggestInt('units', 4, 64);
      const act = t.suggestCategorical('act', ['relu', 'tanh', 'gelu']);
      const x = t.suggestFloat('x', -2, 2);
      // Only + − × ÷: engines may differ in the last bit of Math.log or Math.sin, and the
      // objective is the user's code, not bonito's.
      return ((lr - 0.003) * 100) ** 2 + ((units - 30) / 20) ** 2 + (act === 'tanh' ? 0 : 0.7) + x * x * (x - 1) * (x + 1.5);
    },
    { nTrials: 16 },
  );
  return study.trials.map((t) => ({ params: { ...t.params }, value: t.value }));
}

/**
 * Twelve trials of a GPSampler with a constraint (one constraint GP, log probability of
 * feasibility in the acquisition, the feasibility-only search while nothing is feasible), so the
 * constrained path is compared across engines too.
 */
export async function constrainedStudyProbe(): Promise<StudyProbeTrial[]> {
  const study = await createStudy({
    seed: 2027,
    sampler: new GPSampler({ nStartupTrials: 4 }),
    onWarning: () => {},
    // Only + − × ÷ in user code (see studyProbe): feasible in the corner x + y ≥ 1.2.
    constraints: (t) => [1.2 - (t.params.x as number) - (t.params.y as number)],
  });
  await study.optimize(
    (t) => {
      const x = t.suggestFloat('x', 0, 1);
      const y = t.suggestFloat('y', 0, 1);
      return (x - 0.2) * (x - 0.2) + (y - 0.3) * (y - 0.3);
    },
    { nTrials: 12 },
  );
  return study.trials.map((t) => ({ params: { ...t.params }, value: t.value }));
}

/**
 * Twelve trials of a GPSampler on two objectives (one GP each, log-EHVI over the box
 * decomposition, assembly/ehvi.ts, loaded by dynamic import), so the multi-objective path is
 * compared across engines too.
 */
export async function multiObjectiveStudyProbe(): Promise<{ params: Record<string, unknown>; values: number[] | null }[]> {
  const study = await createStudy({
    seed: 2028,
    directions: ['minimize', 'maximize'],
    sampler: new GPSampler({ nStartupTrials: 4 }),
    onWarning: () => {},
  });
  await study.optimize(
    (t) => {
      const x = t.suggestFloat('x', 0, 1);
      const y = t.suggestFloat('y', 0, 1);
      // Only + − × ÷ in user code (see studyProbe).
      return [x + 0.1 * y * y, (1 - x) * (1 - x) - (y - 0.4) * (y - 0.4)];
    },
    { nTrials: 12 },
  );
  return study.trials.map((t) => ({ params: { ...t.params }, values: t.values === null ? null : [...t.values] }));
}
