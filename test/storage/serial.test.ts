import { describe, expect, it } from 'vitest';
import { SerialQueue } from '../../src/storage/serial.js';

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 1));

describe('SerialQueue', () => {
  it('runs operations one at a time in call order, and a failure rejects only its own caller', async () => {
    const q = new SerialQueue();
    const log: string[] = [];
    const op =
      (name: string, fail = false) =>
      async () => {
        log.push(`start ${name}`);
        await tick();
        log.push(`end ${name}`);
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([q.run(op('a')), q.run(op('b', true)), q.run(op('c'))]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual(['a', 'b', 'c']);
  });
});
