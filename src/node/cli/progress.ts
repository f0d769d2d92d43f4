// Progress of `bonito tune`: a live bar on a terminal, one plain line per trial elsewhere (CI
// logs, pipes), where a bar would print raw control characters.
import cliProgress from 'cli-progress';
import { isFinished, type FrozenTrial } from '../../trial/index.js';
import { formatNumber } from './report.js';

/** What the tune command tells its progress display. @internal */
export interface Progress {
  /** A trial finished; `finished` counts COMPLETE and PRUNED trials, `best` is the best value so far. */
  trialFinished(trial: FrozenTrial, finished: number, best: number | undefined): void;
  /** A message above the bar (or a line). */
  log(message: string): void;
  stop(): void;
}

/** Options of {@link createProgress}. @internal */
export interface ProgressOptions {
  /** Finished trials the run aims at. */
  readonly total: number;
  /** Finished trials before this run (a resumed study). */
  readonly start: number;
  /** Draw a bar (a terminal) or print lines. */
  readonly tty: boolean;
  readonly stream: NodeJS.WriteStream;
}

/** A bar on a terminal, plain lines otherwise. @internal */
export function createProgress(options: ProgressOptions): Progress {
  return options.tty ? barProgress(options) : lineProgress(options);
}

function trialText(t: FrozenTrial): string {
  if (t.state === 'COMPLETE') return `value ${t.value === null ? 'none' : formatNumber(t.value)}`;
  if (t.state === 'PRUNED') return `pruned after ${t.intermediateValues.size} step${t.intermediateValues.size === 1 ? '' : 's'}`;
  if (t.state === 'FAIL') return `failed: ${String(t.systemAttrs.fail_reason ?? 'unknown reason').split('\n')[0]}`;
  return t.state;
}

function seconds(t: FrozenTrial): string {
  if (t.datetimeStart === null || t.datetimeComplete === null) return '';
  return ` in ${((t.datetimeComplete.getTime() - t.datetimeStart.getTime()) / 1000).toFixed(1)} s`;
}

function clip(text: string, n: number): string {
  return text.length <= n ? text : `${text.slice(0, n - 1)}…`;
}

function lineProgress({ total, stream }: ProgressOptions): Progress {
  return {
    trialFinished(t, finished, best) {
      if (!isFinished(t.state)) return;
      const bestText = best === undefined ? 'none yet' : formatNumber(best);
      stream.write(`[${finished}/${total}] trial ${t.number} ${trialText(t)}${seconds(t)} | best ${bestText}\n`);
    },
    log(message) {
      stream.write(`${message}\n`);
    },
    stop() {},
  };
}

function barProgress({ total, start, stream }: ProgressOptions): Progress {
  const bars = new cliProgress.MultiBar(
    {
      format: '{bar} {value}/{total} trials | best {best} | last: {last} | ETA {eta_formatted}',
      stream,
      hideCursor: true,
      clearOnComplete: false,
      stopOnComplete: false,
      etaBuffer: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  const bar = bars.create(total, start, { best: 'none yet', last: '-' });
  return {
    trialFinished(t, finished, best) {
      if (!isFinished(t.state)) return;
      bar.update(finished, {
        best: best === undefined ? 'none yet' : formatNumber(best),
        last: clip(`trial ${t.number} ${trialText(t)}`, 48),
      });
      if (t.state === 'FAIL') bars.log(`trial ${t.number} ${trialText(t)}\n`);
    },
    log(message) {
      bars.log(`${message}\n`);
    },
    stop() {
      bars.stop();
    },
  };
}
