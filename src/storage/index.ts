export { InMemoryJournal } from './memory.js';
export { JournalReplay } from './replay.js';
export {
  OpCode,
  STATE_NUMBER,
  DIRECTION_NUMBER,
  UNREADABLE_OP,
  formatDatetime,
  parseDatetime,
  recordProblem,
  unreadableEntry,
} from './records.js';
export { UNREADABLE_KEY } from './unreadable.js';
export { parsePythonJson, stringifyPythonJson } from './python-json.js';
export type { JournalBackend } from './base.js';
export type { JournalRecord, UnreadableEntry } from './records.js';
export type { ReplayedStudy, ReplayProblemHandler } from './replay.js';
