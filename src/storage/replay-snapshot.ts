/**
 * A replay's whole state as one text, so a new worker of a long study starts from it and replays
 * only the records appended since (Optuna's own snapshot is a Python pickle; this is bonito's).
 *
 * The encoding keeps every field of the replay's studies and trials: plain fields travel as they
 * are (a field added to the replay later travels too), and only the non-JSON ones are converted:
 * distributions as Optuna's distribution JSON (each once, referred to by index), dates as epoch milliseconds, maps and sets as
 * entry lists. `decodeReplaySnapshot(encodeReplaySnapshot(r))` restored and fed the rest of the
 * log reaches exactly the state a replay from position 0 reaches (test/storage/replay-snapshot.test.ts).
 */
import { distributionFromJson, distributionToJson, type Distribution } from '../space/distributions.js';
import { parsePythonJson, stringifyPythonJson } from './python-json.js';
import type { JournalReplay, MutableStudy, MutableTrial, ReplayState } from './replay.js';

/** Changes whenever the replay rules or its state change shape: an older snapshot is then ignored. */
export const REPLAY_SNAPSHOT_FORMAT = 'bonito-replay-snapshot-4';

/** The replay's state as text (Python-flavoured JSON: NaN and ±Infinity survive). @internal */
export function encodeReplaySnapshot(replay: JournalReplay): string {
  const s = replay.state();
  // A study repeats a few distributions in every trial: store each once and refer to it by index.
  const table = new DistributionTable();
  const studies = [...s.studies.values()].map((study) => encodeStudy(study, table));
  // Trials as rows of values under one list of field names: the names are most of the bytes
  // otherwise. Every trial has the same fields (one object shape in replay.ts).
  const encoded = s.trials.map((trial) => encodeTrial(trial, table));
  const trialFields = encoded.length === 0 ? [] : Object.keys(encoded[0]);
  const trials = encoded.map((e) => {
    if (Object.keys(e).length !== trialFields.length)
      throw new RangeError('Journal: replay trials must all have the same fields to be snapshotted.');
    return trialFields.map((f) => e[f]);
  });
  return stringifyPythonJson({
    format: REPLAY_SNAPSHOT_FORMAT,
    position: s.position,
    nextStudyId: s.nextStudyId,
    distributions: table.json,
    createdBy: [...s.createdBy],
    studies,
    trialFields,
    trials,
  });
}

/** The position a snapshot covers, or null when the text is not a snapshot of this format. @internal */
export function snapshotPosition(text: string): number | null {
  const m = /^\{"format":"([^"]*)","position":(\d+),/.exec(text);
  return m === null || m[1] !== REPLAY_SNAPSHOT_FORMAT ? null : Number(m[2]);
}

/**
 * The state encoded by {@link encodeReplaySnapshot}, for `JournalReplay.restore`.
 * @throws RangeError when the text is not a snapshot of this format.
 * @internal
 */
export function decodeReplaySnapshot(text: string): ReplayState {
  const data = parsePythonJson(text) as Record<string, unknown>;
  if (data?.format !== REPLAY_SNAPSHOT_FORMAT) {
    throw new RangeError(`Journal: a replay snapshot must have format ${REPLAY_SNAPSHOT_FORMAT} but got ${JSON.stringify(data?.format)}.`);
  }
  const table = (data.distributions as string[]).map((json) => distributionFromJson(json));
  const dist = (index: number): Distribution => {
    const d = table[index];
    if (d === undefined) throw new RangeError(`Journal: a replay snapshot refers to distribution ${index}, which it does not hold.`);
    return d;
  };
  // The parsed objects are fresh: convert their few non-JSON fields in place (no copies; 10,000
  // trials decode in a fraction of the time their records take to replay).
  const studies = new Map<number, MutableStudy>();
  for (const e of data.studies as EncodedStudy[]) {
    const study = e as unknown as MutableStudy;
    study.unfinished = new Set(e.unfinished);
    study.firstDistribution = new Map(e.firstDistribution.map(([name, number, index]) => [name, { number, distribution: dist(index) }]));
    studies.set(study.studyId, study);
  }
  const fields = data.trialFields as string[];
  const trials = (data.trials as unknown[][]).map((row) => {
    const e: Record<string, unknown> = {};
    for (let i = 0; i < fields.length; i += 1) e[fields[i]] = row[i];
    return e as unknown as MutableTrial;
  });
  for (const t of trials) {
    const e = t as unknown as EncodedTrial;
    const distributions = t.distributions as unknown as Record<string, number | Distribution>;
    for (const name in distributions) distributions[name] = dist(distributions[name] as number);
    t.intermediate = new Map(e.intermediate);
    t.datetimeStart = e.datetimeStart === null ? null : new Date(e.datetimeStart);
    t.datetimeComplete = e.datetimeComplete === null ? null : new Date(e.datetimeComplete);
    t.frozen = null;
  }
  return {
    studies,
    trials,
    createdBy: new Map(data.createdBy as [string, number][]),
    nextStudyId: data.nextStudyId as number,
    position: data.position as number,
  };
}

interface EncodedStudy extends Record<string, unknown> {
  studyId: number;
  unfinished: number[];
  firstDistribution: [string, number, number][];
}

interface EncodedTrial extends Record<string, unknown> {
  distributions: Record<string, number>;
  intermediate: [number, number][];
  datetimeStart: number | null;
  datetimeComplete: number | null;
}

/** Distributions by index, each once; the same object (replay shares them) is found at once. */
class DistributionTable {
  readonly json: string[] = [];
  readonly #byObject = new Map<Distribution, number>();
  readonly #byJson = new Map<string, number>();

  index(d: Distribution): number {
    let i = this.#byObject.get(d);
    if (i !== undefined) return i;
    const json = distributionToJson(d);
    i = this.#byJson.get(json);
    if (i === undefined) {
      i = this.json.push(json) - 1;
      this.#byJson.set(json, i);
    }
    this.#byObject.set(d, i);
    return i;
  }
}

function encodeStudy(study: MutableStudy, table: DistributionTable): EncodedStudy {
  const { unfinished, firstDistribution, ...rest } = study;
  return {
    ...rest,
    unfinished: [...unfinished],
    firstDistribution: [...firstDistribution].map(([name, f]) => [name, f.number, table.index(f.distribution)]),
  };
}

function encodeTrial(trial: MutableTrial, table: DistributionTable): EncodedTrial {
  const { frozen: _cache, distributions, intermediate, datetimeStart, datetimeComplete, ...rest } = trial;
  return {
    ...rest,
    distributions: Object.fromEntries(Object.entries(distributions).map(([name, d]) => [name, table.index(d)])),
    intermediate: [...intermediate],
    datetimeStart: datetimeStart === null ? null : datetimeStart.getTime(),
    datetimeComplete: datetimeComplete === null ? null : datetimeComplete.getTime(),
  };
}
