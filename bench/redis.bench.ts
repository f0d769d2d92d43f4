// Redis journal benchmark (issue 12), against a private redis-server (Debian's, AOF on with
// appendfsync always, as the tests start it):
// - throughput of 1, 2, 4, 8 worker processes on one study, objective = 50 ms sleep, 40 trials per
//   run: bonito with its GP sampler and Optuna 3.1 (JournalRedisStorage, TPESampler; 3.1 has no
//   GPSampler) in the same run; trials/s and efficiency against 1 worker of the same library;
// - ask+tell latency the Redis backend adds over the in-memory journal at 100 and 1,000 trials
//   (RandomSampler, so the figure is the storage's);
// - study-open time at 10,000 trials: full replay against the replay snapshot.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { JournalRedisBackend } from '../src/node/redis-journal.js';
import { RandomSampler } from '../src/samplers/random.js';
import type { JournalBackend } from '../src/storage/base.js';
import { InMemoryJournal } from '../src/storage/memory.js';
import { decodeReplaySnapshot } from '../src/storage/replay-snapshot.js';
import { createStudy, loadStudy } from '../src/study/create.js';
import { startRedisServer, type RedisServer } from '../test/helpers/redis-server.js';
import { fmt, table } from './helpers.js';

const WORKERS = [1, 2, 4, 8];
const TRIALS = 40;
const SLEEP_MS = 50;
const LATENCY_MARKS = [100, 1000];
const WINDOW = 50;
const OPEN_TRIALS = 10_000;
const OPEN_REPEATS = 5;
const quiet = { onWarning: () => undefined };
let prefixes = 0;

interface Runner {
  readonly label: string;
  spawn(url: string, prefix: string, nTrials: number): ChildProcess;
}

const bonitoWorker: Runner = {
  label: 'bonito (GPSampler)',
  spawn: (url, prefix, n) =>
    spawn(
      process.execPath,
      ['--import', 'tsx', new URL('./redis-worker.ts', import.meta.url).pathname, url, prefix, String(n), String(SLEEP_MS)],
      {
        stdio: ['pipe', 'pipe', 'inherit'],
      },
    ),
};

const optunaWorker: Runner = {
  label: 'Optuna 3.1 (TPESampler)',
  spawn: (url, prefix, n) =>
    spawn(
      '/usr/bin/python3',
      [new URL('./peers/optuna_redis_worker.py', import.meta.url).pathname, url, prefix, String(n), String(SLEEP_MS)],
      {
        stdio: ['pipe', 'pipe', 'inherit'],
        env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1' },
      },
    ),
};

function waitLine(child: ChildProcess, want: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (line.trim() === want) {
        lines.close();
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`worker exited with ${code} before ${want}`)));
  });
}

/** Seconds `workers` processes take for TRIALS trials of one fresh study, start-up excluded. */
async function throughputRun(redis: RedisServer, runner: Runner, workers: number): Promise<number> {
  const prefix = `tp${prefixes++}`;
  const storage = new JournalRedisBackend(redis.url, { prefix });
  await createStudy({ name: 'tp', storage, seed: 5, ...quiet });
  const children = Array.from({ length: workers }, () => runner.spawn(redis.url, prefix, TRIALS / workers));
  const exited = children.map((c) => new Promise<number | null>((resolve) => c.once('exit', (code) => resolve(code))));
  await Promise.all(children.map((c) => waitLine(c, 'READY')));
  const t0 = performance.now();
  for (const c of children) c.stdin!.write('go\n');
  const codes = await Promise.all(exited);
  const seconds = (performance.now() - t0) / 1000;
  if (codes.some((c) => c !== 0)) throw new Error(`${runner.label}: a worker exited with ${codes.join(', ')}`);
  const check = await loadStudy({ name: 'tp', storage, ...quiet });
  const done = check.getTrials(['COMPLETE']).length;
  await storage.close();
  if (done !== TRIALS) throw new Error(`${runner.label}: ${done} of ${TRIALS} trials completed with ${workers} workers`);
  return seconds;
}

async function throughputSection(redis: RedisServer): Promise<string[]> {
  const optunaOk = spawnSync('/usr/bin/python3', ['-c', 'import optuna, redis'], { stdio: 'ignore' }).status === 0;
  const runners = optunaOk ? [bonitoWorker, optunaWorker] : [bonitoWorker];
  const rows: string[][] = [];
  for (const runner of runners) {
    let base = 0;
    for (const n of WORKERS) {
      const seconds = await throughputRun(redis, runner, n);
      const rate = TRIALS / seconds;
      if (n === 1) base = rate;
      rows.push([runner.label, String(n), fmt(seconds), fmt(rate), `${fmt((100 * rate) / (n * base))} %`]);
    }
  }
  return [
    `### Throughput: ${TRIALS} trials of a ${SLEEP_MS} ms objective, 1–8 worker processes on one Redis`,
    '',
    table(['library (sampler)', 'workers', 'seconds', 'trials/s', 'efficiency vs 1 worker'], rows),
    '',
    'Efficiency = trials/s ÷ (workers × trials/s of 1 worker of the same library); process start-up',
    'and study load are excluded (workers wait for a go signal). The machine has 2 cores, so past 2',
    "workers the samplers' own CPU time (the GP fit and acquisition search for bonito) competes for",
    'them and efficiency falls below what the 50 ms sleep alone would allow. Optuna 3.1 has no',
    'GPSampler (it arrived in 3.6), so Optuna runs TPESampler: the two rows compare storage and',
    "process overhead plus each sampler's own cost, not like-for-like samplers." +
      (optunaOk ? '' : ' **Optuna not run: /usr/bin/python3 cannot import optuna and redis.**'),
  ];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median ms of ask + two suggests + tell over the WINDOW trials ending at each mark. */
async function askTellLatency(storage: JournalBackend): Promise<number[]> {
  const study = await createStudy({ name: 'lat', storage, sampler: new RandomSampler(), seed: 3, ...quiet });
  const times: number[] = [];
  const last = LATENCY_MARKS[LATENCY_MARKS.length - 1];
  for (let i = 0; i < last; i++) {
    const t0 = performance.now();
    const trial = await study.ask();
    const x = trial.suggestFloat('x', -1, 1);
    const y = trial.suggestFloat('y', -1, 1);
    await study.tell(trial, x * x + y * y);
    times.push(performance.now() - t0);
  }
  return LATENCY_MARKS.map((mark) => median(times.slice(mark - WINDOW, mark)));
}

async function latencySection(redis: RedisServer): Promise<string[]> {
  const memory = await askTellLatency(new InMemoryJournal());
  const backend = new JournalRedisBackend(redis.url, { prefix: `lat${prefixes++}` });
  const onRedis = await askTellLatency(backend);
  await backend.close();
  const rows = LATENCY_MARKS.map((mark, i) => [
    String(mark),
    fmt(memory[i]),
    fmt(onRedis[i]),
    fmt(onRedis[i] - memory[i]),
    `${fmt(onRedis[i] / memory[i])}×`,
  ]);
  return [
    `### ask + tell latency added by the Redis backend (RandomSampler, median of the ${WINDOW} trials before each mark)`,
    '',
    table(['trials', 'in-memory ms', 'Redis ms', 'added ms', 'ratio'], rows),
    '',
    'Each trial is ask, two `suggestFloat`, tell in one process; on Redis that is a read of the new',
    "records, the CREATE_TRIAL append, the parameters' append in the background and the final",
    'append, each an atomic server-side script that the server fsyncs before answering',
    '(appendfsync always). Reads are incremental, so the added time does not grow with the study.',
  ];
}

/** A Redis backend without its snapshot methods: opening replays every record from 0. */
function fullReplay(backend: JournalRedisBackend): JournalBackend {
  return { readLogs: (from) => backend.readLogs(from), appendLogs: (records) => backend.appendLogs(records) };
}

async function openSection(redis: RedisServer): Promise<string[]> {
  // A 10,000-trial study, run in memory and copied to Redis record by record (fast to build).
  const memory = new InMemoryJournal();
  const source = await createStudy({ name: 'open', storage: memory, sampler: new RandomSampler(), seed: 9, ...quiet });
  for (let i = 0; i < OPEN_TRIALS; i++) {
    const trial = await source.ask();
    await source.tell(trial, trial.suggestFloat('x', -1, 1) ** 2 + trial.suggestFloat('y', -1, 1) ** 2);
  }
  const records = await memory.readLogs(0);
  const prefix = `open${prefixes++}`;
  const writer = new JournalRedisBackend(redis.url, { prefix });
  for (let i = 0; i < records.length; i += 2000) await writer.appendLogs(records.slice(i, i + 2000));
  await loadStudy({ name: 'open', storage: writer, ...quiet }); // the first reader saves the snapshot
  const hasSnapshot = (await writer.loadSnapshot()) !== null;
  await writer.close();

  const timeOpen = async (wrap: (b: JournalRedisBackend) => JournalBackend): Promise<number> => {
    const backend = new JournalRedisBackend(redis.url, { prefix });
    const t0 = performance.now();
    const study = await loadStudy({ name: 'open', storage: wrap(backend), ...quiet });
    const ms = performance.now() - t0;
    if (study.trials.length !== OPEN_TRIALS) throw new Error(`open: ${study.trials.length} trials, not ${OPEN_TRIALS}`);
    await backend.close();
    return ms;
  };
  // Alternated, so a burst of load on the shared machine hits both kinds alike.
  const fullTimes: number[] = [];
  const snapTimes: number[] = [];
  for (let r = 0; r < OPEN_REPEATS; r++) {
    fullTimes.push(await timeOpen(fullReplay));
    snapTimes.push(await timeOpen((b) => b));
  }
  const full = median(fullTimes);
  const snap = median(snapTimes);
  // Where the snapshot open spends its time: fetching the text, and decoding it (JSON.parse alone, then all).
  const fetchTimes: number[] = [];
  const parseTimes: number[] = [];
  const decodeTimes: number[] = [];
  let bytes = 0;
  for (let r = 0; r < OPEN_REPEATS; r++) {
    const backend = new JournalRedisBackend(redis.url, { prefix });
    await backend.readLogs(records.length); // connect outside the timing
    let t0 = performance.now();
    const text = (await backend.loadSnapshot()) ?? '';
    fetchTimes.push(performance.now() - t0);
    bytes = text.length;
    t0 = performance.now();
    JSON.parse(text);
    parseTimes.push(performance.now() - t0);
    t0 = performance.now();
    decodeReplaySnapshot(text);
    decodeTimes.push(performance.now() - t0);
    await backend.close();
  }
  const ratio = snap / full;
  return [
    `### Study-open time at ${OPEN_TRIALS.toLocaleString('en-US')} trials (${records.length.toLocaleString('en-US')} records; median of ${OPEN_REPEATS} opens, each on a new connection)`,
    '',
    table(
      ['open', 'ms', 'ratio to full replay', 'target'],
      [
        ['full replay (every record read and replayed)', fmt(full), '1', ''],
        [
          `from the snapshot${hasSnapshot ? '' : ' (**none was saved**)'}`,
          fmt(snap),
          fmt(ratio),
          `≤ 0.2: **${ratio <= 0.2 && hasSnapshot ? 'met' : 'missed'}**`,
        ],
      ],
    ),
    '',
    `Inside the snapshot open (medians): fetching the ${fmt(bytes / 1e6)} MB snapshot ${fmt(median(fetchTimes))} ms; decoding it`,
    `${fmt(median(decodeTimes))} ms, of which JSON.parse alone ${fmt(median(parseTimes))} ms. Load average while this part ran:`,
    `${fmt(loadavg()[0])} on ${cpus().length} cores (other processes share the machine).`,
  ];
}

/** Runs one part on a redis-server of its own, so no part pays for another's data (AOF size, rewrites). */
async function onFreshServer(part: (redis: RedisServer) => Promise<string[]>): Promise<string[]> {
  const redis = await startRedisServer();
  try {
    return await part(redis);
  } finally {
    await redis.dispose();
  }
}

export default async function run(): Promise<string> {
  const latency = await onFreshServer(latencySection);
  const throughput = await onFreshServer(throughputSection);
  const open = await onFreshServer(openSection);
  return ['## Redis journal (issue 12)', '', ...throughput, '', ...latency, '', ...open].join('\n');
}
