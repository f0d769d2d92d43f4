// A replay restored from a snapshot and fed the rest of the log must reach exactly the state of a
// replay from position 0: compared on the full encoded state (every internal map included) and
// on what studies and trials show, for a snapshot taken after every prefix of the scripted log.
import { describe, expect, it } from 'vitest';
import { JournalReplay } from '../../src/storage/replay.js';
import { decodeReplaySnapshot, encodeReplaySnapshot, snapshotPosition, REPLAY_SNAPSHOT_FORMAT } from '../../src/storage/replay-snapshot.js';
import { rec, scriptedLog, snapshot, X } from '../helpers/journal.js';

function replayOf(records: ReturnType<typeof scriptedLog>): JournalReplay {
  const r = new JournalReplay();
  r.apply(records);
  return r;
}

describe('replay snapshots', () => {
  const log = [
    ...scriptedLog(),
    rec.createTrial('z', 0),
    rec.param('z', 5, 'x', 0.25, X),
    rec.report('z', 5, 3, NaN),
    rec.systemAttr('z', 5, 'bonito:heartbeat', { at: 1, interval_ms: 1000 }),
  ];
  const full = replayOf(log);

  it.each(Array.from({ length: log.length + 1 }, (_, k) => k))(
    'restored after %i records, then fed the rest, equals a full replay',
    (k) => {
      const text = encodeReplaySnapshot(replayOf(log.slice(0, k)));
      expect(snapshotPosition(text)).toBe(k);
      const restored = new JournalReplay();
      restored.restore(decodeReplaySnapshot(text));
      expect(restored.position).toBe(k);
      restored.apply(log.slice(k));
      expect(encodeReplaySnapshot(restored)).toBe(encodeReplaySnapshot(full));
      expect(snapshot(restored)).toEqual(snapshot(full));
      for (let id = 0; id < 8; id += 1) {
        expect([restored.ownerOf(id), restored.finisherOf(id)]).toEqual([full.ownerOf(id), full.finisherOf(id)]);
      }
    },
  );

  it('refuses another format, and a replay that is not fresh', () => {
    const text = encodeReplaySnapshot(full);
    const other = text.replace(REPLAY_SNAPSHOT_FORMAT, 'bonito-replay-snapshot-2');
    expect(snapshotPosition(other)).toBeNull();
    expect(() => decodeReplaySnapshot(other)).toThrow(`a replay snapshot must have format ${REPLAY_SNAPSHOT_FORMAT}`);
    expect(() => replayOf(log.slice(0, 1)).restore(decodeReplaySnapshot(text))).toThrow(
      'JournalReplay.restore: the replay must be fresh but it is at position 1.',
    );
  });
});
