// Sobol' generation, scrambled construction and fastForward: the wasm core against the
// plain-TypeScript reference (bench/reference/sobol.ts) in the same run, next to the scipy 1.10
// figures the issue quotes for this machine.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Sobol, loadSobolDirections } from '../src/index.js';
import { coreExports } from '../src/core/loader.js';
import { withScratch } from '../src/core/memory.js';
import { ReferenceSobol } from './reference/sobol.js';
import { fmt, medians, perSecond, table } from './helpers.js';

const fullTable = new Uint8Array(readFileSync(new URL('../assets/sobol-directions.bin', import.meta.url)));

/** scipy 1.10 / numpy 1.24 on this machine, measured once and quoted (values per second). */
const SCIPY_VALUES_PER_S: Record<string, number> = { '2': 124e6, '10': 311e6, '100': 263e6, '1000': 187e6 };

/** The fill kernel alone: `n` points into one reused chunk of wasm memory, nothing copied out. */
function kernelOnly(d: number, n: number): () => void {
  return () => {
    const ex = coreExports();
    const stride = Math.ceil(d / 4) * 4;
    withScratch((s) => {
      const v = s.u32(32 * stride);
      ex.sobol_directions(ex.sobol_embedded_table(), d, stride, v);
      const state = s.u32(stride, new Uint32Array(stride));
      const chunk = Math.max(1, Math.floor((1 << 14) / d));
      const out = s.f64(chunk * d + 3);
      for (let done = 0; done < n; done += chunk) ex.sobol_fill(v, d, stride, state, done, Math.min(chunk, n - done), out, 0);
    });
  };
}

/** Issue 13's shapes for the public API against scipy, side by side in one run. */
const SCIPY_SHAPES: [number, number][] = [
  [10, 1 << 20],
  [100, 1 << 16],
];

interface ScipyShape {
  d: number;
  n: number;
  plain_values_per_s: number;
  scrambled_values_per_s: number;
}

/** scipy's `Sobol.random(n)` now, on this machine (bench/peers/scipy_sobol.py, Debian python3-scipy). */
function scipyNow(): { version: string; shapes: ScipyShape[] } | null {
  const script = new URL('./peers/scipy_sobol.py', import.meta.url).pathname;
  const run = spawnSync('/usr/bin/python3', [script, ...SCIPY_SHAPES.map(([d, n]) => `${d}:${n}`)], { encoding: 'utf8' });
  if (run.status !== 0) {
    process.stderr.write(`bench sobol: ${script} failed:\n${run.stderr}\n`);
    return null;
  }
  return JSON.parse(run.stdout);
}

/**
 * `random(n)` and `random(n, out)` against scipy, alternating the two sides three times so both see
 * the same load; per side the best (highest) of the three medians. The floor column is what any
 * API returning a fresh array pays in Node before generating anything: a new Float64Array of n·d
 * values written once (its pages are faulted in and zeroed by the kernel on first touch).
 */
async function againstScipy(): Promise<string[]> {
  const best = new Map<string, number>();
  const keep = (key: string, valuesPerS: number) => best.set(key, Math.max(best.get(key) ?? 0, valuesPerS));
  let version = 'unavailable';
  for (let round = 0; round < 3; round++) {
    const peer = scipyNow();
    if (peer === null) return ['scipy peer unavailable (/usr/bin/python3 with scipy): no side-by-side figures.'];
    version = peer.version;
    for (const p of peer.shapes) {
      keep(`scipy plain ${p.d}`, p.plain_values_per_s);
      keep(`scipy lms ${p.d}`, p.scrambled_values_per_s);
    }
    for (const [d, n] of SCIPY_SHAPES) {
      const out = new Float64Array(n * d);
      const plain = new Sobol(d, { scramble: false });
      const lms = new Sobol(d, { seed: 1 });
      const ms = await medians(
        {
          fresh: () => plain.reset().random(n),
          reused: () => plain.reset().random(n, out),
          'lms fresh': () => lms.reset().random(n),
          'lms reused': () => lms.reset().random(n, out),
          floor: () => new Float64Array(n * d).fill(0.5),
        },
        { time: 200, iterations: 5, warmupIterations: 1 },
      );
      for (const [task, t] of Object.entries(ms)) keep(`${task} ${d}`, ((n * d) / t) * 1e3);
    }
  }
  const rows = SCIPY_SHAPES.flatMap(([d, n]) => {
    const cell = (task: string, scipy: string, target: number) => {
      const ratio = best.get(`${task} ${d}`)! / best.get(`${scipy} ${d}`)!;
      return `${fmt(best.get(`${task} ${d}`)! / 1e6)} M/s (${fmt(ratio)}x: ${ratio >= target ? 'met' : 'missed'})`;
    };
    return [
      [
        `d=${d}, n=2^${Math.log2(n)}, unscrambled`,
        `${fmt(best.get(`scipy plain ${d}`)! / 1e6)} M/s`,
        cell('fresh', 'scipy plain', 2),
        cell('reused', 'scipy plain', 3),
        `${fmt(best.get(`floor ${d}`)! / 1e6)} M/s (${fmt(best.get(`floor ${d}`)! / best.get(`scipy plain ${d}`)!)}x)`,
      ],
      [
        `d=${d}, n=2^${Math.log2(n)}, LMS scrambled`,
        `${fmt(best.get(`scipy lms ${d}`)! / 1e6)} M/s`,
        cell('lms fresh', 'scipy lms', 2),
        cell('lms reused', 'scipy lms', 3),
        '',
      ],
    ];
  });
  return [
    `### Against scipy ${version}, same run (issue 13)`,
    '',
    'scipy.stats.qmc.Sobol(d).random(n) (always a fresh array) in a child process, and bonito in this one,',
    'alternated three times; each figure is the best of its three medians, so both sides get their',
    'quietest moment. Targets: `random(n)` ≥ 2× scipy, `random(n, out)` ≥ 3×. "Fresh-array floor" is',
    '`new Float64Array(n * d).fill(0.5)`: what returning any fresh array of that size costs in Node',
    'before a single value is generated.',
    '',
    table(['shape', 'scipy random(n)', 'bonito random(n)', 'bonito random(n, out)', 'fresh-array floor (vs scipy)'], rows),
  ];
}

export default async function run(): Promise<string> {
  await loadSobolDirections(fullTable);
  const versusScipy = await againstScipy();
  const shapes: [number, number][] = [
    [2, 1 << 20],
    [10, 1 << 20],
    [100, 1 << 16],
    [1000, 1 << 12],
  ];
  const rows: (string | number)[][] = [];
  for (const [d, n] of shapes) {
    const values = n * d;
    const out = new Float64Array(values);
    const plain = new Sobol(d, { scramble: false });
    const lms = new Sobol(d, { seed: 1 });
    const owen = new Sobol(d, { scramble: 'owen', seed: 1 });
    const reference = new ReferenceSobol(fullTable, d);
    const ms = await medians(
      {
        kernel: kernelOnly(d, n),
        fresh: () => plain.reset().random(n),
        reused: () => plain.reset().random(n, out),
        lms: () => lms.reset().random(n, out),
        owen: () => owen.reset().random(n, out),
        reference: () => {
          reference.index = 0;
          reference.state.fill(0);
          reference.random(n, out);
        },
      },
      { time: 300, iterations: 3, warmupIterations: 1 },
    );
    const speed = (task: string) => `${perSecond(values, ms[task])} (${fmt(ms.reference / ms[task])}x)`;
    rows.push([
      `d=${d}, n=2^${Math.log2(n)}`,
      speed('kernel'),
      speed('reused'),
      speed('fresh'),
      speed('lms'),
      speed('owen'),
      perSecond(values, ms.reference),
      `${fmt(SCIPY_VALUES_PER_S[String(d)] / 1e6)} M/s`,
    ]);
  }

  // End to end: generate 2^20 points in d = 10 and read every value (a sum), through the copying
  // API and through the streaming one, which hands cache-resident blocks to the consumer.
  const streamN = 1 << 20;
  const streamD = 10;
  const streamOut = new Float64Array(streamN * streamD);
  const streamer = new Sobol(streamD, { seed: 1 });
  let sink = 0;
  const sumAll = (a: Float64Array) => {
    let t = 0;
    for (let i = 0; i < a.length; i++) t += a[i];
    sink += t;
  };
  const streamReference = new ReferenceSobol(fullTable, streamD);
  const streamMs = await medians(
    {
      'random(n, out), then sum': () => sumAll(streamer.reset().random(streamN, streamOut)),
      'blocks(n, sum)': () => streamer.reset().blocks(streamN, sumAll),
      'plain TS into a reused array, then sum': () => {
        streamReference.index = 0;
        streamReference.state.fill(0);
        sumAll(streamReference.random(streamN, streamOut));
      },
    },
    { time: 300, iterations: 3, warmupIterations: 1 },
  );
  if (sink === -1) console.log(sink);
  const streamBase = streamMs['plain TS into a reused array, then sum'];

  const construct = await medians(
    {
      wasm: () => new Sobol(21201, { seed: 1 }),
      reference: () => new ReferenceSobol(fullTable, 21201, 'lms', 1n),
    },
    { time: 300, iterations: 3, warmupIterations: 1 },
  );

  const skipper = new Sobol(10, { seed: 1 });
  const referenceSkipper = new ReferenceSobol(fullTable, 10, 'lms', 1n);
  const skip = await medians(
    {
      'wasm fastForward(2^10)': () => skipper.reset().fastForward(2 ** 10),
      'wasm fastForward(2^22)': () => skipper.reset().fastForward(2 ** 22),
      'plain TS fastForward(2^22)': () => {
        referenceSkipper.index = 0;
        referenceSkipper.fastForward(2 ** 22);
      },
    },
    { time: 300 },
  );

  return [
    "## Sobol' sequences",
    '',
    'Values per second (unscrambled unless the column says otherwise); in brackets, speed against the',
    'plain-TypeScript reference writing into a reused array in the same run. "kernel" is the wasm fill',
    'alone (values stay in wasm memory); "reused" is `random(n, out)` into a reused `Float64Array`,',
    '"fresh" is `random(n)`, which allocates its result; `lms`/`owen` are scrambled, into a reused array.',
    '',
    table(['shape', 'kernel', 'random(n, out)', 'random(n)', 'LMS, reused', 'Owen, reused', 'plain TS', 'scipy 1.10 (issue)'], rows),
    '',
    table(
      ['task', 'wasm', 'plain TS', 'speed-up', 'scipy 1.10 (issue)'],
      [
        [
          'scrambled (LMS) construction, d = 21201',
          `${fmt(construct.wasm)} ms`,
          `${fmt(construct.reference)} ms`,
          `${fmt(construct.reference / construct.wasm)}x`,
          '573 ms',
        ],
        [
          'fastForward(2^22), d = 10',
          `${fmt(skip['wasm fastForward(2^22)'] * 1e3)} µs`,
          `${fmt(skip['plain TS fastForward(2^22)'] * 1e3)} µs`,
          `${fmt(skip['plain TS fastForward(2^22)'] / skip['wasm fastForward(2^22)'])}x`,
          '16.8 ms',
        ],
        ['fastForward(2^10), d = 10', `${fmt(skip['wasm fastForward(2^10)'] * 1e3)} µs`, '', '', ''],
      ],
    ),
    '',
    table(
      ['generate 2^20 points (d = 10) and sum every value', 'values/s', 'vs plain TS'],
      Object.entries(streamMs).map(([task, t]) => [task, perSecond(streamN * streamD, t), `${fmt(streamBase / t)}x`]),
    ),
    '',
    '`blocks(n, consume)` streams views of wasm memory (about 16k values each) to the consumer while they',
    'are still in cache: no copy and no n-sized array, which is where the copying API loses its time.',
    '',
    `fastForward is random access (XOR of direction numbers over the bits of gray(k)): its cost grows`,
    `with the bit length of k (23 bits vs 11 here: ${fmt(skip['wasm fastForward(2^22)'] / skip['wasm fastForward(2^10)'])}x the time), never with k itself, where scipy steps through all k points.`,
    '',
    'Targets: >= 1,000 M values/s at d >= 10; scrambled construction at d = 21201 <= 50 ms;',
    'fastForward O(1) in k. The fill kernel alone meets the rate; every public call also copies its',
    'values out of wasm memory (one more write of 8 bytes a value), and `random(n)` pays for a fresh',
    'array, whose first-touch page faults cost more than generating the numbers on this VM, so hot',
    'loops should pass a reused `out`.',
    '',
    ...versusScipy,
  ].join('\n');
}
