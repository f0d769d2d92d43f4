import type { Steps } from '../../core/steps.js';
import type { SearchSpace } from '../../space/distributions.js';
import type { SearchSpaceTransform } from '../../space/transform.js';
import type { FrozenTrial, StudyView } from '../../trial/index.js';
import { encodeRow, fitsTransform } from './model-data.js';

/**
 * The GP's training rows of a study (its observed trials, encoded), kept between asks.
 *
 * Encoding every trial at every ask costs O(n·d) before the model sees a row: at 10,000 trials of
 * 50 parameters that alone stalled the event loop for ~100 ms per ask, and the first ask of a
 * reopened study more. A finished trial never changes (the journal ignores updates to it, and the
 * replay hands out one frozen snapshot per trial until it changes), so its encoded row is cached
 * under that snapshot: later asks only encode the trials finished since, and the first one encodes
 * in slices that give the event loop back. The cache only saves work: each row is the one
 * `encodeRow` gives for the trial, so the model, and the suggestion, are the same bit for bit as
 * without it (test/samplers/gp-observations.test.ts compares a cached sampler with fresh ones).
 * @internal
 */

/** Trials encoded between two yields (each costs O(d); 256 × 50 parameters is well under a millisecond). */
const ENCODE_BATCH = 256;

/** What the model is fitted to: the observed trials in number order and their rows (row-major, n × d). */
export interface Observations {
  readonly observed: readonly FrozenTrial[];
  readonly x: Float64Array;
}

interface StudyRows {
  /** The joint space the rows encode: the sampler's `JointSpaces` hands out one object until the space changes. */
  readonly space: SearchSpace;
  /** Each trial's row, or null when it cannot be one (no value, another distribution...). */
  readonly rows: WeakMap<FrozenTrial, Float64Array | null>;
}

/** The rows of each study, for every GP sampler that serves it (rows depend on the trial and the space only). */
const byStudy = new WeakMap<StudyView, StudyRows>();

/**
 * The study's COMPLETE and PRUNED trials that can be rows of the model, in number order, and
 * their encoded rows; yields between batches of trials not encoded before. @internal
 */
export function* observedRows(study: StudyView, space: SearchSpace, transform: SearchSpaceTransform): Steps<Observations> {
  let cached = byStudy.get(study);
  // Another space object (the joint space changed, or a caller built its own): encode afresh.
  if (cached?.space !== space) byStudy.set(study, (cached = { space, rows: new WeakMap() }));
  const { rows } = cached;
  const d = transform.d;
  const trials = study.getTrials(['COMPLETE', 'PRUNED']);
  const observed: FrozenTrial[] = [];
  const rowList: Float64Array[] = [];
  let encoded = 0;
  for (const t of trials) {
    let row = rows.get(t);
    if (row === undefined) {
      // A row: COMPLETE with a value, or PRUNED at a finite value (its last report), with every
      // parameter in the transform's distribution.
      const valued = t.state === 'COMPLETE' ? t.value !== null : t.value !== null && Number.isFinite(t.value);
      row = valued && fitsTransform(transform, t) ? new Float64Array(d) : null;
      if (row !== null) encodeRow(transform, t.params, row, 0);
      rows.set(t, row);
      if (++encoded % ENCODE_BATCH === 0) yield;
    }
    if (row !== null) {
      observed.push(t);
      rowList.push(row);
    }
  }
  const x = new Float64Array(observed.length * d);
  rowList.forEach((row, i) => x.set(row, i * d));
  return { observed, x };
}
