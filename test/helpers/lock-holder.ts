// Child process for test/node/journal-lock.test.ts: takes the journal lock of `path` the way an
// append does, writes `<path>.held`, and hangs holding it until killed.
import { writeFileSync } from 'node:fs';
import { JournalFileLock } from '../../src/node/journal-lock.js';

const [path] = process.argv.slice(2);
await new JournalFileLock(path, { staleMs: 10_000 }).acquire();
writeFileSync(`${path}.held`, String(process.pid));
setInterval(() => undefined, 1000);
