// The edge example's Durable Object journal keeps the JournalBackend contract. Here it runs on a
// stand-in for Durable Object storage (structured-clone copies in and out, at most 128 keys per
// call, as the Workers runtime enforces); test/runtimes/edge.test.ts runs it in workerd itself.
import { describe, expect, it } from 'vitest';
import { DurableObjectJournal, type DurableStorageLike } from '../../examples/edge/src/durable-journal.js';
import { backendContract } from '../helpers/backend-contract.js';
import { rec } from '../helpers/journal.js';
import { InMemoryJournal } from '../../src/storage/memory.js';

class FakeDurableStorage implements DurableStorageLike {
  readonly map = new Map<string, unknown>();
  calls = 0;

  get<T>(key: string): Promise<T | undefined>;
  get<T>(keys: string[]): Promise<Map<string, T>>;
  async get<T>(keys: string | string[]): Promise<T | undefined | Map<string, T>> {
    this.calls++;
    if (typeof keys === 'string') return structuredClone(this.map.get(keys)) as T | undefined;
    if (keys.length > 128) throw new RangeError(`get: ${keys.length} keys, more than 128`);
    const out = new Map<string, T>();
    for (const k of keys) if (this.map.has(k)) out.set(k, structuredClone(this.map.get(k)) as T);
    return out;
  }

  async put(entries: Record<string, unknown>): Promise<void> {
    this.calls++;
    if (Object.keys(entries).length > 128) throw new RangeError(`put: ${Object.keys(entries).length} keys, more than 128`);
    for (const [k, v] of Object.entries(entries)) this.map.set(k, structuredClone(v));
  }
}

backendContract(
  [['DurableObjectJournal', () => new DurableObjectJournal(new FakeDurableStorage())]],
  [['InMemoryJournal', () => new InMemoryJournal()]],
);

describe('DurableObjectJournal', () => {
  it('stores and reads batches larger than one storage call in order, under sortable keys', async () => {
    const storage = new FakeDurableStorage();
    const journal = new DurableObjectJournal(storage);
    expect(await journal.isEmpty()).toBe(true);
    const batch = [rec.createStudy('w', 's'), ...Array.from({ length: 300 }, () => rec.createTrial('w', 0))];
    await journal.appendLogs(batch);
    await journal.appendLogs([rec.createTrial('w', 0)]);
    expect(await journal.isEmpty()).toBe(false);
    expect(await journal.readLogs(0)).toEqual([...batch, rec.createTrial('w', 0)]);
    expect((await journal.readLogs(299)).length).toBe(3);
    expect(await journal.readLogs(302)).toEqual([]);
    expect(storage.map.get('log:count')).toBe(302);
    expect(storage.map.has('log:000000000301')).toBe(true);
    expect(journal.locate(7)).toBe('Durable Object key log:000000000007');
  });

  it('refuses a bad position and says when a committed record is missing', async () => {
    const storage = new FakeDurableStorage();
    const journal = new DurableObjectJournal(storage);
    await expect(journal.readLogs(-1)).rejects.toThrow('`from` must be a non-negative integer but got -1');
    await journal.appendLogs([rec.createStudy('w', 's'), rec.createTrial('w', 0)]);
    storage.map.delete('log:000000000001');
    await expect(journal.readLogs(0)).rejects.toThrow('record log:000000000001 is missing below log:count = 2');
  });
});
