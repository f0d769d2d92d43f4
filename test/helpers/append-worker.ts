// Child process for test/node/file-journal.test.ts: appends `count` records to a JSONL journal,
// one appendLogs call each (batches of `batch`), tagged with this worker's name and a sequence.
// A start barrier (`<path>.ready-<name>` files, `peers` of them) makes the writers overlap.
import { existsSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { JournalFileBackend } from '../../src/node/file-journal.js';

const [path, name, countText, batchText, peersText] = process.argv.slice(2);
const count = Number(countText);
const batch = Number(batchText ?? '1');
const peers = (peersText ?? '').split(',').filter(Boolean);
const backend = new JournalFileBackend(path);
writeFileSync(`${path}.ready-${name}`, '');
while (!peers.every((p) => existsSync(`${path}.ready-${p}`))) await sleep(5);
for (let i = 0; i < count; i += batch) {
  const records = [];
  for (let j = i; j < Math.min(i + batch, count); j++) {
    records.push({ op_code: 2 as const, worker_id: name, study_id: 0, user_attr: { seq: j } });
  }
  await backend.appendLogs(records);
}
