export { InMemoryJournal } from './memory.js';
export { JournalReplay } from './replay.js';
export { OpCode, STATE_NUMBER, DIRECTION_NUMBER, formatDatetime, parseDatetime, recordProblem } from './records.js';
export { parsePythonJson, stringifyPythonJson } from './python-json.js';
export type { JournalBackend } from './base.js';
export type { JournalRecord } from './records.js';
export type { ReplayedStudy, ReplayProblemHandler } from './replay.js';
