import { StorageError } from '../errors.js';
import type { JournalStorage } from '../storage/journal-storage.js';
import { formatDatetime, OpCode, STATE_NUMBER, type JournalRecord } from '../storage/records.js';
import type { FrozenTrial, TrialState } from '../trial/index.js';
import { SYSTEM_ATTR } from '../trial/index.js';
import { heartbeatStamp, type HeartbeatStamp } from './heartbeat.js';

/**
 * Writes the journal records of one study's trials (create, claim, beat, finish, fail stale ones)
 * and tells from the replay whether this worker's record won.
 * @internal
 */
export class TrialRecords {
  readonly storage: JournalStorage;
  readonly studyId: number;

  constructor(storage: JournalStorage, studyId: number) {
    this.storage = storage;
    this.studyId = studyId;
  }

  /**
   * Claims the oldest WAITING trial this worker can win; undefined when none is left.
   * @param heartbeat - with heartbeats on, the first beat: appended together with the claim (and
   *   before it), so the trial is never RUNNING without a beat, even if this process dies at once.
   */
  async claimWaiting(workerId: string, heartbeat?: HeartbeatStamp): Promise<number | undefined> {
    const replay = this.storage.replay;
    for (const waiting of replay.trials(this.studyId, ['WAITING'])) {
      const beat: JournalRecord[] =
        heartbeat === undefined
          ? []
          : [
              {
                op_code: OpCode.SET_TRIAL_SYSTEM_ATTR,
                worker_id: workerId,
                trial_id: waiting.trialId,
                system_attr: { [SYSTEM_ATTR.heartbeat]: heartbeat },
              },
            ];
      await this.storage.commit([
        ...beat,
        {
          op_code: OpCode.SET_TRIAL_STATE_VALUES,
          worker_id: workerId,
          trial_id: waiting.trialId,
          state: STATE_NUMBER.RUNNING,
          values: null,
          datetime_start: formatDatetime(new Date()),
        },
      ]);
      if (replay.ownerOf(waiting.trialId) === workerId) return waiting.trialId;
    }
    return undefined;
  }

  /**
   * Creates a RUNNING trial and returns its id. With heartbeats on, the first beat travels in the
   * creating record itself (its `system_attrs`, which Optuna reads too): a process killed right
   * after creating a trial leaves a trial that goes stale, never a RUNNING zombie.
   * @throws StorageError when the study is gone.
   */
  async createTrial(workerId: string, studyName: string, heartbeat?: HeartbeatStamp): Promise<number> {
    await this.storage.commit([
      {
        op_code: OpCode.CREATE_TRIAL,
        worker_id: workerId,
        study_id: this.studyId,
        datetime_start: formatDatetime(new Date()),
        ...(heartbeat === undefined ? {} : { system_attrs: { [SYSTEM_ATTR.heartbeat]: heartbeat } }),
      },
    ]);
    const trialId = this.storage.replay.trialCreatedBy(workerId);
    if (trialId === undefined) throw new StorageError(`Study.ask: study "${studyName}" no longer exists in the storage.`);
    return trialId;
  }

  /** Writes a final state (and the failure reason); false when another worker finished it first. */
  async finish(trialId: number, workerId: string, state: TrialState, values: readonly number[] | null, error?: Error): Promise<boolean> {
    const records: JournalRecord[] = [];
    if (state === 'FAIL' && error !== undefined) {
      const reason = `${error.name}: ${error.message}`;
      records.push({
        op_code: OpCode.SET_TRIAL_SYSTEM_ATTR,
        worker_id: workerId,
        trial_id: trialId,
        system_attr: { [SYSTEM_ATTR.failReason]: reason },
      });
    }
    records.push({
      op_code: OpCode.SET_TRIAL_STATE_VALUES,
      worker_id: workerId,
      trial_id: trialId,
      state: STATE_NUMBER[state],
      values: values === null ? null : [...values],
      datetime_complete: formatDatetime(new Date()),
    });
    await this.storage.commit(records);
    return this.storage.replay.finisherOf(trialId) === workerId;
  }

  /** Queues one heartbeat per running trial (trial id -> its writer id), stamped `at` (heartbeat clock). */
  beat(running: Iterable<{ trialId: number; workerId: string }>, intervalMs: number, at: number): void {
    const stamp = heartbeatStamp(intervalMs, at);
    const records: JournalRecord[] = [];
    for (const t of running) {
      records.push({
        op_code: OpCode.SET_TRIAL_SYSTEM_ATTR,
        worker_id: t.workerId,
        trial_id: t.trialId,
        system_attr: { [SYSTEM_ATTR.heartbeat]: stamp },
      });
    }
    if (records.length > 0) this.storage.write(records);
  }

  /** A WAITING trial (Optuna's enqueue template): fixed params travel in system attributes. */
  waitingRecord(workerId: string, systemAttrs: Record<string, unknown>, userAttrs: Record<string, unknown>): JournalRecord {
    return {
      op_code: OpCode.CREATE_TRIAL,
      worker_id: workerId,
      study_id: this.studyId,
      state: STATE_NUMBER.WAITING,
      value: null,
      values: null,
      datetime_start: null,
      distributions: {},
      params: {},
      user_attrs: userAttrs,
      system_attrs: systemAttrs,
      intermediate_values: {},
    };
  }

  /**
   * Fails dead workers' trials; each one this worker failed (only one worker wins each) is
   * re-enqueued with its parameters while its retry history is shorter than `retries`
   * (Optuna's `RetryFailedTrialCallback` attributes: failed_trial, retry_history).
   * @returns the trials this worker failed.
   */
  async failStale(stale: readonly FrozenTrial[], retries: number, newWorkerId: () => string): Promise<FrozenTrial[]> {
    const failed: FrozenTrial[] = [];
    for (const t of stale) {
      const error = new StorageError(`trial ${t.number} stopped sending heartbeats; its worker probably died`);
      if (await this.finish(t.trialId, newWorkerId(), 'FAIL', null, error)) failed.push(t);
    }
    const again: JournalRecord[] = [];
    for (const t of failed) {
      const history = Array.isArray(t.systemAttrs[SYSTEM_ATTR.retryHistory]) ? (t.systemAttrs[SYSTEM_ATTR.retryHistory] as number[]) : [];
      if (history.length >= retries) continue;
      const fixed = { ...((t.systemAttrs[SYSTEM_ATTR.fixedParams] ?? {}) as Record<string, unknown>), ...t.params };
      const failedTrial = (t.systemAttrs[SYSTEM_ATTR.failedTrial] as number | undefined) ?? t.number;
      again.push(
        this.waitingRecord(
          newWorkerId(),
          { [SYSTEM_ATTR.fixedParams]: fixed, [SYSTEM_ATTR.failedTrial]: failedTrial, [SYSTEM_ATTR.retryHistory]: [...history, t.number] },
          {},
        ),
      );
    }
    if (again.length > 0) await this.storage.commit(again);
    return failed;
  }
}
