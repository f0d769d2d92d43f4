// What the dashboard serves, read from one journal (a file or Redis) that other processes may be
// appending to: one replay kept up to date by polling, and JSON-ready views of its studies.
import { importanceSpec } from '../../report/importance.js';
import { studyPlotSpecs, type StudyPlotSpecs, type VegaLiteSpec } from '../../report/specs.js';
import { studyReportTables, type StudyReportTables } from '../../report/tables.js';
import { JournalStorage } from '../../storage/journal-storage.js';
import type { ReplayedStudy } from '../../storage/replay.js';
import { trialToExport, type StudyExport } from '../../study/export.js';
import { SYSTEM_ATTR, TRIAL_STATES, type Direction, type FrozenTrial, type TrialState } from '../../trial/index.js';
import { openStorage, type StorageSpec } from '../storage-spec.js';

/** One row of the study list. @internal */
export interface StudySummary {
  readonly name: string;
  readonly directions: readonly Direction[];
  readonly counts: Readonly<Record<TrialState, number>>;
  readonly total: number;
  /** The best COMPLETE value of a single-objective study, else null. */
  readonly best: number | null;
}

/** Everything the page shows of one study. @internal */
export interface StudyDetail {
  /** `study.toJSON()` data: every trial with its params, values, intermediate values, attributes. */
  readonly study: StudyExport;
  readonly plots: StudyPlotSpecs;
  /** The parameter-importance chart (`importanceSpec`), null until it can be computed. */
  readonly importances: VegaLiteSpec | null;
  readonly tables: StudyReportTables;
}

/**
 * A journal opened read-only (a file journal is never locked nor appended to) and replayed;
 * `sync()` reads what was appended since, and `version` (records replayed) tells whether it moved.
 * @internal
 */
export class DashboardSource {
  readonly #storage: JournalStorage;
  readonly #close: () => Promise<void>;
  // The forest costs ~0.5 s at 1,000 trials and blocks the server meanwhile: recomputed only when
  // the study's COMPLETE trials (which never change again) grew by 2 % since the last forest, at
  // least one; the chart's subtitle names the count it was computed on.
  readonly #importances = new Map<string, { complete: number; spec: VegaLiteSpec | null }>();

  constructor(spec: StorageSpec, onProblem: (message: string) => void) {
    const opened = openStorage(spec, { readOnly: true });
    this.#storage = new JournalStorage(opened.backend, (_position, location, message) =>
      onProblem(location === undefined ? message : `${location}: ${message}`),
    );
    this.#close = opened.close;
  }

  /** Records replayed so far: it grows whenever another process appends. */
  get version(): number {
    return this.#storage.replay.position;
  }

  /** Reads and replays what was appended since the last call. */
  sync(): Promise<void> {
    return this.#storage.sync();
  }

  /** Lets go of the storage (a Redis connection). */
  close(): Promise<void> {
    return this.#close();
  }

  /** Every readable study, in creation order. */
  studies(): StudySummary[] {
    return this.#readable().map((s) => {
      const trials = this.#storage.replay.trials(s.studyId);
      const counts = Object.fromEntries(TRIAL_STATES.map((state) => [state, 0])) as Record<TrialState, number>;
      for (const t of trials) counts[t.state] += 1;
      return { name: s.name, directions: s.directions, counts, total: trials.length, best: bestValue(s.directions, trials) };
    });
  }

  /** One study's trials, plots and tables, or undefined when the journal has no study of that name. */
  study(name: string): StudyDetail | undefined {
    const s = this.#readable().find((x) => x.name === name);
    if (s === undefined) return undefined;
    const trials = this.#storage.replay.trials(s.studyId);
    const source = { name: s.name, direction: s.directions[0], directions: s.directions, trials };
    const seed = s.systemAttrs[SYSTEM_ATTR.seed];
    const study: StudyExport = {
      name: s.name,
      direction: s.directions[0],
      directions: [...s.directions],
      seed: typeof seed === 'string' ? seed : '',
      trials: trials.map(trialToExport),
    };
    return { study, plots: studyPlotSpecs(source), importances: this.#importanceSpec(source), tables: studyReportTables(source, 10) };
  }

  #importanceSpec(source: {
    name: string;
    direction: Direction;
    directions: readonly Direction[];
    trials: readonly FrozenTrial[];
  }): VegaLiteSpec | null {
    let complete = 0;
    for (const t of source.trials) if (t.state === 'COMPLETE') complete++;
    const cached = this.#importances.get(source.name);
    if (cached !== undefined && complete >= cached.complete && complete - cached.complete < Math.max(1, Math.ceil(cached.complete / 50))) {
      return cached.spec;
    }
    const spec = importanceSpec(source);
    this.#importances.set(source.name, { complete, spec });
    return spec;
  }

  #readable(): ReplayedStudy[] {
    return this.#storage.replay.studies().filter((s) => s.unreadable === undefined && s.directions.length > 0);
  }
}

function bestValue(directions: readonly Direction[], trials: readonly FrozenTrial[]): number | null {
  if (directions.length !== 1) return null;
  const sign = directions[0] === 'minimize' ? 1 : -1;
  let best: number | null = null;
  for (const t of trials) {
    const v = t.values?.[0];
    if (t.state !== 'COMPLETE' || v === undefined || Number.isNaN(v)) continue;
    if (best === null || sign * v < sign * best) best = v;
  }
  return best;
}
