import { mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JournalFileBackend } from '../../src/node/file-journal.js';
import type { JournalBackend } from '../../src/storage/base.js';
import { InMemoryJournal } from '../../src/storage/memory.js';
import { JournalReplay } from '../../src/storage/replay.js';
import { rec, X } from '../helpers/journal.js';
import { backendContract } from '../helpers/backend-contract.js';

const dir = mkdtempSync(join(tmpdir(), 'bonito-contract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

const backends: [string, () => JournalBackend][] = [
  ['InMemoryJournal', () => new InMemoryJournal()],
  ['JournalFileBackend', () => new JournalFileBackend(join(dir, `j${files++}.jsonl`), { onCorruptLine: () => undefined })],
];

backendContract(backends);

describe('JournalFileBackend (crash and corruption)', () => {
  it('reports a corrupt line in the middle once, with its line number, and keeps its position', async () => {
    const path = join(dir, 'corrupt.jsonl');
    const good = new JournalFileBackend(path, { onCorruptLine: () => undefined });
    await good.appendLogs([rec.createStudy('s', 'st'), rec.createTrial('t', 0)]);
    appendFileSync(path, '{"op_code": 6, "trial_id": 0, "sta\n'); // line 3: torn JSON
    appendFileSync(path, '{"op_code": 42, "worker_id": "x"}\n'); // line 4: JSON, but not a record
    await good.appendLogs([rec.finish('t', 0, 1, 2.5)]);
    const reports: [number, string][] = [];
    const reader = new JournalFileBackend(path, { onCorruptLine: (line, reason) => reports.push([line, reason]) });
    const records = await reader.readLogs(0);
    expect(records.map((r) => r.op_code)).toEqual([0, 4, -1, 42, 6]);
    expect(records[2]).toEqual({ op_code: -1, worker_id: '', reason: 'not valid JSON', salvaged: { op_code: 6 } });
    await reader.readLogs(0);
    await reader.readLogs(1);
    expect(reports).toEqual([[3, 'not valid JSON']]); // line 4 is JSON: replay judges it
    expect(reader.locate(2)).toBe(`line 3 of ${path}`);
    const problems: string[] = [];
    const replay = new JournalReplay((position, message) => problems.push(`${position} ${message}`));
    replay.apply(records);
    expect(replay.trial(0)?.value).toBe(2.5);
    expect(problems).toEqual([
      '2 was skipped because not valid JSON (it creates no id, so no other record moves)',
      "3 was skipped because unknown `op_code` 42, and what it was cannot be told: if it created a study, study ids from 1 on are one too low from here; if it created a trial, trial ids from 1 on are (and the numbers of its study's later trials)",
    ]);
  });

  it('ignores a torn last line, then removes it on the next append (Optuna refuses a file with a corrupt line)', async () => {
    const path = join(dir, 'partial.jsonl');
    const torn: [number, string][] = [];
    const backend = new JournalFileBackend(path, { onCorruptLine: (line, reason) => torn.push([line, reason]) });
    await backend.appendLogs([rec.createStudy('s', 'st'), rec.createTrial('t', 0)]);
    const before = readFileSync(path, 'utf8');
    appendFileSync(path, '{"op_code": 7, "worker_id": "t", "trial_id": 0, "st'); // crash mid-write
    const reports: number[] = [];
    const reader = new JournalFileBackend(path, { onCorruptLine: (line) => reports.push(line) });
    expect(await reader.readLogs(0)).toHaveLength(2);
    expect(reports).toEqual([]); // a partial last line is expected, not corrupt
    await backend.appendLogs([rec.report('t', 0, 0, 1)]);
    expect(readFileSync(path, 'utf8')).toBe(`${before}${JSON.stringify(rec.report('t', 0, 0, 1))}\n`);
    expect(torn).toEqual([[3, expect.stringMatching(/^a torn last line of 51 bytes .*; removed/)]]);
    expect(await reader.readLogs(2)).toEqual([rec.report('t', 0, 0, 1)]);
    expect(reports).toEqual([]);
  });

  it('turns an unterminated but complete last record into a record when the next append ends it', async () => {
    const path = join(dir, 'unterminated.jsonl');
    writeFileSync(path, `${JSON.stringify(rec.createStudy('s', 'st'))}\n${JSON.stringify(rec.createTrial('t', 0))}`);
    const backend = new JournalFileBackend(path, { onCorruptLine: () => undefined });
    expect(await backend.readLogs(0)).toHaveLength(1);
    await backend.appendLogs([rec.param('t', 0, 'x', 1, X)]);
    const replay = new JournalReplay();
    replay.apply(await backend.readLogs(0));
    expect(replay.trial(0)?.params).toEqual({ x: 1 });
  });
});
