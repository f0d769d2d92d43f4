// Pending points across studies on one journal: a GP proposal is stored as the trial's
// `gp:relative_params` system attribute, and another Study object (standing in for another
// process) treats that RUNNING trial as pending before it has suggested anything.
import { describe, expect, it } from 'vitest';
import { GPSampler } from '../../src/samplers/gp/sampler.js';
import type { ParamValue } from '../../src/space/distributions.js';
import { InMemoryJournal } from '../../src/storage/memory.js';
import { createStudy, loadStudy } from '../../src/study/create.js';
import type { Study } from '../../src/study/study.js';
import { SYSTEM_ATTR, type FrozenTrial } from '../../src/trial/index.js';

const quiet = { onWarning: () => undefined };
const sampler = () => new GPSampler({ nStartupTrials: 4 });
const bowl = (x: number, y: number) => (x - 0.3) ** 2 + (y - 0.6) ** 2;

/** Two studies ("processes") on one journal with 8 completed trials. */
async function twoStudies(): Promise<[Study, Study]> {
  const journal = new InMemoryJournal();
  const a = await createStudy({ name: 's', storage: journal, seed: 11, sampler: sampler(), ...quiet });
  await a.optimize((t) => bowl(t.suggestFloat('x', 0, 1), t.suggestFloat('y', 0, 1)), { nTrials: 8 });
  const b = await loadStudy({ name: 's', storage: journal, sampler: sampler(), ...quiet });
  return [a, b];
}

/**
 * B's relative sample after A asked one trial. `how` A's proposal reaches B: `stored` as the
 * sampler writes it (gp:relative_params); `suggested` also recorded through suggest*; `hidden` A
 * drops the attribute (a study blind to other processes, as before it existed); `invalid` A stores
 * values outside the space instead.
 */
async function secondProposal(
  how: 'stored' | 'suggested' | 'hidden' | 'invalid',
): Promise<{ first: Record<string, ParamValue>; second: Record<string, ParamValue>; stored: unknown }> {
  const [a, b] = await twoStudies();
  if (how === 'hidden' || how === 'invalid') {
    const record = a.setTrialSystemAttr.bind(a);
    Object.defineProperty(a, 'setTrialSystemAttr', {
      value: (t: FrozenTrial, key: string, value: unknown) =>
        key !== SYSTEM_ATTR.gpRelativeParams ? record(t, key, value) : how === 'invalid' ? record(t, key, { x: 5, y: 'far' }) : undefined,
    });
  }
  const first = await a.ask();
  if (how === 'suggested') {
    first.suggestFloat('x', 0, 1);
    first.suggestFloat('y', 0, 1);
  }
  await a.refresh(); // A's queued records are in the journal
  const second = await b.ask();
  await b.refresh();
  const stored = b.getTrials()[first.number].systemAttrs[SYSTEM_ATTR.gpRelativeParams];
  return { first: { ...first.relativeParams }, second: { ...second.relativeParams }, stored };
}

describe('GPSampler pending points across studies on one journal', () => {
  it('stores the proposal in the journal and the other study treats it as pending before the trial suggests', async () => {
    const stored = await secondProposal('stored');
    // The journal holds A's proposal, exactly.
    expect(stored.stored).toEqual(stored.first);
    // B believes the stored proposal exactly as it believes recorded params...
    const suggested = await secondProposal('suggested');
    expect(suggested.first).toEqual(stored.first);
    expect(stored.second).toEqual(suggested.second);
    // ...and without it B sees nothing pending and chases the same maximizer as A.
    const hidden = await secondProposal('hidden');
    expect(hidden.first).toEqual(stored.first);
    expect(hidden.stored).toBeUndefined();
    expect(hidden.second).not.toEqual(stored.second);
    const distance = (p: Record<string, ParamValue>, q: Record<string, ParamValue>) =>
      Math.hypot((p.x as number) - (q.x as number), (p.y as number) - (q.y as number));
    expect(distance(hidden.second, hidden.first)).toBeLessThan(1e-3);
    expect(distance(stored.second, stored.first)).toBeGreaterThan(0.02);
  });

  it('ignores a stored proposal whose values this space cannot encode', async () => {
    const invalid = await secondProposal('invalid');
    expect(invalid.stored).toEqual({ x: 5, y: 'far' });
    // A proposal outside the space is no pending point: B samples as if A's trial were unseen.
    expect(invalid.second).toEqual((await secondProposal('hidden')).second);
  });
});
