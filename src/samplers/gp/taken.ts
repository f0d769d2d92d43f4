import type { ParamValue } from '../../space/distributions.js';
import type { StudyView } from '../../trial/index.js';

type Params = Record<string, ParamValue>;

/**
 * Two workers that fit the same trials at the same moment, before either proposal reached the
 * storage, can propose the very same point. So once a proposal is ready the storage is read again,
 * and a proposal that another trial holds by then (running, or already finished) is made again with
 * that trial in the model (pending or observed, so the maximizer moves away); at most three times.
 * Only studies where other trials run concurrently need it, so it rides in the GP's on-demand
 * module (multi-objective.ts re-exports it).
 * @param names - the parameters of the proposal.
 * @param propose - makes the proposal from the study as it is now.
 * @param running - the other running trials with their known values (the GP's pending points).
 * @internal
 */
export async function unlessTaken(
  study: StudyView,
  names: readonly string[],
  propose: () => Params | Promise<Params>,
  running: () => readonly { params: Params }[],
): Promise<Params> {
  let params = await propose();
  for (let again = 0; again < 3 && study.refresh !== undefined; again++) {
    await study.refresh();
    const others = [...running(), ...study.getTrials(['COMPLETE', 'PRUNED'])];
    if (!others.some((t) => names.every((n) => t.params[n] === params[n]))) break;
    params = await propose();
  }
  return params;
}
