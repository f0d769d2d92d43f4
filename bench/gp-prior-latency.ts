// Ask+tell CPU time of GPSampler with the default prior and with prior 'gamma', side by side in one
// process (alternating studies, so load on a shared machine hits both alike): median over the 20
// trials ending at 100 of each study, pooled over the repeats. Rosenbrock-10, as in
// bench/sampler-latency.bench.ts (whose timedStudy runs each study).
// Usage: node --expose-gc --import tsx bench/gp-prior-latency.ts [repeats = 3]
import { readFileSync } from 'node:fs';
import { init, GPSampler } from '../src/index.js';
import { timedStudy } from './sampler-latency.bench.js';

await init(readFileSync(new URL('../build/bonito.wasm', import.meta.url)));
const repeats = Number(process.argv[2] ?? 3);
const pooled: Record<string, number[]> = { default: [], gamma: [] };
for (let r = 0; r < repeats; r++) {
  for (const prior of ['default', 'gamma'] as const) {
    const times = await timedStudy(new GPSampler({ prior, warnIndependentSampling: false }), 100, 'cpu');
    pooled[prior].push(...times.slice(80, 100));
  }
}
const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2;
};
const a = median(pooled.default);
const b = median(pooled.gamma);
console.log(JSON.stringify({ trials: 100, repeats, defaultMs: a, gammaMs: b, ratio: b / a }));
