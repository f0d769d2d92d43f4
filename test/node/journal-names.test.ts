// Parameter names and attribute keys that are Object.prototype members must round-trip through
// a JSONL journal, whether bonito or Optuna wrote it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JournalFileBackend } from '../../src/node/file-journal.js';
import { createStudy, loadStudy } from '../../src/study/create.js';

const dir = mkdtempSync(join(tmpdir(), 'bonito-names-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const names = ['constructor', 'toString', '__proto__'];
const own = (o: object, k: string): unknown => (Object.hasOwn(o, k) ? (o as Record<string, unknown>)[k] : 'missing');

describe('prototype-member names in a JSONL journal', () => {
  it('round-trip when bonito wrote them', async () => {
    const path = join(dir, 'bonito.jsonl');
    const study = await createStudy({ name: 's', storage: new JournalFileBackend(path), seed: 2, onWarning: () => undefined });
    const t = await study.ask();
    const values = names.map((n) => t.suggestInt(n, 0, 100));
    names.forEach((n, i) => t.setUserAttr(n, `attr${i}`));
    await study.tell(t, 1);
    const again = await loadStudy({ name: 's', storage: new JournalFileBackend(path) });
    const got = again.trials[0];
    expect(names.map((n) => own(got.params, n))).toEqual(values);
    expect(names.map((n) => own(got.userAttrs, n))).toEqual(['attr0', 'attr1', 'attr2']);
  });

  it('are read from records as Optuna writes them', async () => {
    const path = join(dir, 'optuna.jsonl');
    const dist = JSON.stringify(JSON.stringify({ name: 'IntDistribution', attributes: { log: false, step: 1, low: 0, high: 9 } }));
    const lines = [
      '{"op_code": 0, "worker_id": "w", "study_name": "o", "directions": [1]}',
      '{"op_code": 4, "worker_id": "w", "study_id": 0, "datetime_start": "2024-03-01T12:00:00.000000"}',
      ...names.map(
        (n, i) =>
          `{"op_code": 5, "worker_id": "w", "trial_id": 0, "param_name": "${n}", "param_value_internal": ${i + 1}, "distribution": ${dist}}`,
      ),
      '{"op_code": 8, "worker_id": "w", "trial_id": 0, "user_attr": {"__proto__": "p"}}',
      '{"op_code": 8, "worker_id": "w", "trial_id": 0, "user_attr": {"constructor": "c"}}',
      '{"op_code": 2, "worker_id": "w", "study_id": 0, "user_attr": {"__proto__": {"nested": 1}}}',
      '{"op_code": 6, "worker_id": "w", "trial_id": 0, "state": 1, "values": [0.5], "datetime_complete": "2024-03-01T12:00:01.000000"}',
    ];
    writeFileSync(path, `${lines.join('\n')}\n`);
    const study = await loadStudy({ name: 'o', storage: new JournalFileBackend(path) });
    const got = study.trials[0];
    expect(names.map((n) => own(got.params, n))).toEqual([1, 2, 3]);
    expect([own(got.userAttrs, '__proto__'), own(got.userAttrs, 'constructor')]).toEqual(['p', 'c']);
    expect(own(study.userAttrs, '__proto__')).toEqual({ nested: 1 });
    expect(got.value).toBe(0.5);
  });
});
