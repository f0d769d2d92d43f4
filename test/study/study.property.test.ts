import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JournalBackend } from '../../src/storage/base.js';
import { InMemoryJournal } from '../../src/storage/memory.js';
import type { JournalRecord } from '../../src/storage/records.js';
import { JournalReplay } from '../../src/storage/replay.js';
import { createStudy, loadStudy } from '../../src/study/create.js';
import type { Study } from '../../src/study/study.js';
import { C, rec, scriptedLog, snapshot } from '../helpers/journal.js';

const quiet = { onWarning: () => undefined };

/** A backend whose every read and append resolves when the fast-check scheduler decides. */
function scheduled(s: fc.Scheduler, inner: JournalBackend): JournalBackend {
  return {
    readLogs: (from) => s.schedule(Promise.resolve(), 'read').then(() => inner.readLogs(from)),
    appendLogs: (records) => s.schedule(Promise.resolve(), 'append').then(() => inner.appendLogs(records)),
  };
}

describe('study invariants (properties)', () => {
  it('trial numbers are unique and contiguous, and enqueued trials are claimed once, under any interleaving', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 3 }),
        async (s, workers, perWorker, enqueued) => {
          const memory = new InMemoryJournal();
          const setup = await createStudy({ name: 'p', storage: memory, seed: 1 });
          for (let i = 0; i < enqueued; i++) await setup.enqueueTrial({ e: i });
          const storage = scheduled(s, memory);
          const run = async (): Promise<void> => {
            const study = await loadStudy({ storage, name: 'p', ...quiet });
            for (let i = 0; i < perWorker; i++) {
              const t = await study.ask();
              t.suggestInt('e', 0, 100);
              await study.tell(t, t.number);
            }
          };
          const all = Promise.all(Array.from({ length: workers }, run));
          await s.waitFor(all);
          const replay = new JournalReplay();
          replay.apply(await memory.readLogs(0));
          const trials = replay.trials(0);
          expect(trials.map((t) => t.number)).toEqual(trials.map((_, i) => i));
          const asks = workers * perWorker;
          const claimed = Math.min(enqueued, asks);
          expect(trials).toHaveLength(enqueued + asks - claimed);
          const done = trials.filter((t) => t.state === 'COMPLETE');
          expect(done).toHaveLength(asks);
          expect(done.every((t) => t.value === t.number)).toBe(true);
          // Enqueued trials are claimed oldest first, each by one worker; the rest stay WAITING.
          for (let i = 0; i < claimed; i++) expect([trials[i].state, trials[i].params]).toEqual(['COMPLETE', { e: i }]);
          expect(trials.filter((t) => t.state === 'WAITING')).toHaveLength(enqueued - claimed);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('bestValue is the best value over COMPLETE trials, whatever the outcomes', async () => {
    const outcome = fc.oneof(fc.double({ noNaN: false }), fc.constantFrom<'PRUNED' | 'FAIL'>('PRUNED', 'FAIL'));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('minimize' as const, 'maximize' as const),
        fc.array(outcome, { maxLength: 12 }),
        async (direction, outcomes) => {
          const study = await createStudy({ direction, seed: 1, ...quiet });
          for (const o of outcomes) {
            const t = await study.ask();
            t.report(-1e300, 0);
            await study.tell(t, typeof o === 'number' ? o : { state: o });
          }
          const values = study.getTrials(['COMPLETE']).map((t) => t.value as number);
          expect(values.some(Number.isNaN)).toBe(false);
          const expected = values.length === 0 ? undefined : direction === 'minimize' ? Math.min(...values) : Math.max(...values);
          expect(study.bestValue).toBe(expected);
          expect(values).toHaveLength(outcomes.filter((o) => typeof o === 'number' && !Number.isNaN(o)).length);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('replay is deterministic: any split of any log, malformed records included, gives one state', () => {
    const pool = [
      ...scriptedLog(),
      { op_code: 77, worker_id: 'x' } as unknown as JournalRecord,
      rec.param('q', 1, 'c', 9, C),
      rec.claim('late', 2),
      rec.report('r', 3, 1, NaN),
    ];
    const log = fc.array(fc.constantFrom(...pool), { maxLength: 40 });
    fc.assert(
      fc.property(log, fc.array(fc.nat(), { maxLength: 6 }), (records, cuts) => {
        const whole = new JournalReplay(() => undefined);
        whole.apply(records);
        const pieces = new JournalReplay(() => undefined);
        const points = [...new Set(cuts.map((c) => c % (records.length + 1)))].sort((a, b) => a - b);
        let from = 0;
        for (const p of [...points, records.length]) {
          pieces.apply(records.slice(from, p));
          from = p;
        }
        expect(snapshot(pieces)).toEqual(snapshot(whole));
        expect(pieces.position).toBe(records.length);
      }),
      { numRuns: 200 },
    );
  });

  it('bad inputs never lose recorded trials', async () => {
    type Op =
      | { kind: 'good'; value: number }
      | { kind: 'badRange' }
      | { kind: 'badKind' }
      | { kind: 'badTell' }
      | { kind: 'badEnqueue' }
      | { kind: 'badReport' };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constant('good' as const), value: fc.double({ noNaN: true }) }),
      fc.constantFrom<Op>({ kind: 'badRange' }, { kind: 'badKind' }, { kind: 'badTell' }, { kind: 'badEnqueue' }, { kind: 'badReport' }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 15 }), async (ops) => {
        const storage = new InMemoryJournal();
        const study: Study = await createStudy({ storage, seed: 3, ...quiet });
        let finished = 0;
        for (const o of ops) {
          const before = study.getTrials(['COMPLETE', 'FAIL', 'PRUNED']);
          const t = await study.ask();
          const x = t.suggestFloat('x', 0, 1);
          try {
            if (o.kind === 'badRange') t.suggestFloat('y', 1, 0);
            if (o.kind === 'badKind') t.suggestCategorical('x', ['a']);
            if (o.kind === 'badReport') t.report(1, -3);
            if (o.kind === 'badEnqueue') await study.enqueueTrial({ x: Infinity });
            if (o.kind === 'badTell') await study.tell(t, { state: 'MAYBE' } as never);
          } catch {
            // expected: the point is what remains recorded
          }
          await study.tell(t, o.kind === 'good' ? o.value : x);
          finished++;
          const after = study.getTrials(['COMPLETE', 'FAIL', 'PRUNED']);
          expect(after.slice(0, before.length)).toEqual(before);
          expect(after[after.length - 1].params).toEqual({ x });
        }
        const reloaded = await loadStudy({ storage, ...quiet });
        expect(reloaded.trials).toHaveLength(finished);
        expect(reloaded.trials.every((t) => t.state === 'COMPLETE')).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
