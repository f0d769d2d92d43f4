// The journal backend contract on Redis, against a private redis-server (Debian's; never an
// existing one), started for this file and stopped after it.
import { afterAll } from 'vitest';
import { JournalRedisBackend } from '../../src/node/redis-journal.js';
import { InMemoryJournal } from '../../src/storage/memory.js';
import { backendContract } from '../helpers/backend-contract.js';
import { startRedisServer } from '../helpers/redis-server.js';

const redis = await startRedisServer();
const opened: JournalRedisBackend[] = [];
let prefixes = 0;
afterAll(async () => {
  await Promise.all(opened.map((b) => b.close()));
  await redis.dispose();
});

backendContract(
  [
    [
      'JournalRedisBackend',
      () => {
        const backend = new JournalRedisBackend(redis.url, { prefix: `contract-${prefixes++}` });
        opened.push(backend);
        return backend;
      },
    ],
  ],
  [['InMemoryJournal', () => new InMemoryJournal()]],
);
