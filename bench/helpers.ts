// Shared helpers for bench/*.bench.ts: run tinybench tasks and read medians, format tables.
import { Bench } from 'tinybench';

/** Runs `tasks` in one Bench (same process, same conditions) and returns each median latency in ms. */
export async function medians(
  tasks: Record<string, () => unknown>,
  options: { time?: number; iterations?: number; warmupIterations?: number } = {},
): Promise<Record<string, number>> {
  const bench = new Bench({
    time: options.time ?? 500,
    iterations: options.iterations ?? 5,
    warmupIterations: options.warmupIterations ?? 2,
  });
  for (const [name, fn] of Object.entries(tasks)) bench.add(name, fn as () => void, { async: false });
  await bench.run();
  const out: Record<string, number> = {};
  for (const task of bench.tasks) {
    const result = task.result;
    if (result.state !== 'completed') throw new Error(`bench task ${task.name} ended ${result.state}.`);
    out[task.name] = result.latency.p50;
  }
  return out;
}

/** A markdown table from a header row and rows of cells. */
export function table(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** A number with 3 significant digits, plain notation where readable. */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-3 || a >= 1e7)) return x.toExponential(2);
  return Number(x.toPrecision(3)).toLocaleString('en-US', { maximumFractionDigits: 6 });
}

/** Values per second as "M/s" with 3 significant digits. */
export function perSecond(values: number, ms: number): string {
  return `${fmt(values / ms / 1e3)} M/s`;
}
