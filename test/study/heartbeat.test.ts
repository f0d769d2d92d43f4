import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { JournalFileBackend } from '../../src/node/file-journal.js';
import { InMemoryJournal } from '../../src/storage/memory.js';
import { formatDatetime } from '../../src/storage/records.js';
import { createStudy, loadStudy } from '../../src/study/create.js';
import { isStale } from '../../src/study/heartbeat.js';
import { X } from '../helpers/journal.js';
import { frozenTrial } from '../helpers/trials.js';
import { SYSTEM_ATTR } from '../../src/trial/index.js';

const dir = mkdtempSync(join(tmpdir(), 'bonito-hb-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const workerScript = fileURLToPath(new URL('../helpers/heartbeat-worker.ts', import.meta.url));

function start(args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', workerScript, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
}
const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

/** A journal with one RUNNING trial (x = 0.25) whose writer last beat at `beatAt`. */
async function journalWithRunningTrial(beatAt: number | null): Promise<InMemoryJournal> {
  const storage = new InMemoryJournal();
  const study = await createStudy({ name: 'h', storage, seed: 1 });
  await study.tell(await study.ask(), 1); // trial 0: COMPLETE
  await storage.appendLogs([
    { op_code: 4, worker_id: 'dead', study_id: 0, datetime_start: formatDatetime(new Date()) },
    { op_code: 5, worker_id: 'dead', trial_id: 1, param_name: 'x', param_value_internal: 0.25, distribution: X },
    ...(beatAt === null
      ? []
      : [
          {
            op_code: 9 as const,
            worker_id: 'dead',
            trial_id: 1,
            system_attr: { [SYSTEM_ATTR.heartbeat]: { at: beatAt, interval_ms: 1000 } },
          },
        ]),
  ]);
  return storage;
}

describe('isStale(trial, now, graceMs)', () => {
  it('judges a RUNNING trial by its last beat and twice its writer’s interval by default', () => {
    const beating = { ...frozenTrial(0, 'RUNNING', []), systemAttrs: { [SYSTEM_ATTR.heartbeat]: { at: 1000, interval_ms: 100 } } };
    expect(isStale(beating, 1200, undefined)).toBe(false);
    expect(isStale(beating, 1201, undefined)).toBe(true);
    expect(isStale(beating, 1201, 500)).toBe(false);
    expect(isStale({ ...beating, state: 'COMPLETE' }, 1e9)).toBe(false);
    expect(isStale(frozenTrial(0, 'RUNNING', []), 1e12)).toBe(false); // never beat: never stale
  });
});

describe('heartbeats', () => {
  it('fails a silent RUNNING trial when a study loads, and leaves beating or beat-less ones alone', async () => {
    const warnings: string[] = [];
    const dead = await loadStudy({ storage: await journalWithRunningTrial(Date.now() - 5000), onWarning: (m) => warnings.push(m) });
    expect(dead.trials.map((t) => t.state)).toEqual(['COMPLETE', 'FAIL']);
    expect(dead.trials[1].systemAttrs.fail_reason).toMatch(/stopped sending heartbeats/);
    expect(warnings.join()).toMatch(/trial 1 stopped sending heartbeats/);
    const alive = await loadStudy({ storage: await journalWithRunningTrial(Date.now()) });
    expect(alive.trials[1].state).toBe('RUNNING');
    const unknown = await loadStudy({ storage: await journalWithRunningTrial(null) });
    expect(unknown.trials[1].state).toBe('RUNNING');
    const off = await loadStudy({ storage: await journalWithRunningTrial(0), failStaleTrials: false });
    expect(off.trials[1].state).toBe('RUNNING');
  });

  it('retries a dead trial once as a WAITING trial with the same parameters, even with two loaders racing', async () => {
    const storage = await journalWithRunningTrial(Date.now() - 5000);
    const [a] = await Promise.all([
      loadStudy({ storage, staleTrialRetries: 1, onWarning: () => undefined }),
      loadStudy({ storage, staleTrialRetries: 1, onWarning: () => undefined }),
    ]);
    await a.refresh();
    expect(a.trials.map((t) => t.state)).toEqual(['COMPLETE', 'FAIL', 'WAITING']);
    expect(a.trials[2].systemAttrs).toEqual({ fixed_params: { x: 0.25 }, failed_trial: 1, retry_history: [1] });
    const retried = await a.ask();
    expect(retried.suggestFloat('x', -1, 1)).toBe(0.25);
  });

  it('beats while a trial runs and stops when it ends', async () => {
    const storage = new InMemoryJournal();
    const study = await createStudy({ storage, seed: 1, heartbeatIntervalMs: 20 });
    const t = await study.ask();
    await sleep(100);
    await study.refresh();
    const beats = (await storage.readLogs(0)).filter((r) => r.op_code === 9);
    expect(beats.length).toBeGreaterThanOrEqual(2); // one at start, then the timer's
    expect((study.trials[0].systemAttrs[SYSTEM_ATTR.heartbeat] as { interval_ms: number }).interval_ms).toBe(20);
    await study.tell(t, 1);
    const after = (await storage.readLogs(0)).length;
    await sleep(60);
    expect((await storage.readLogs(0)).length).toBe(after);
  });

  it('recovers from a worker killed by SIGKILL mid-trial: the study completes, nothing completed is lost, the dead trial is FAIL', async () => {
    const path = join(dir, 'killed.jsonl');
    const interval = 100;
    const victim = start([path, '8', String(interval), '3']);
    let stderr = '';
    victim.stderr?.on('data', (d) => (stderr += d));
    const victimExit = exited(victim);
    while (!existsSync(`${path}.hung`)) {
      const code = await Promise.race([victimExit, sleep(20).then(() => 'running' as const)]);
      if (code !== 'running') throw new Error(`the worker exited with ${code} before hanging: ${stderr}`);
    }
    const before = await loadStudy({ name: 'hb', storage: new JournalFileBackend(path), failStaleTrials: false });
    expect(before.trials.map((t) => t.state)).toEqual(['COMPLETE', 'COMPLETE', 'COMPLETE', 'RUNNING']);
    victim.kill('SIGKILL');
    expect(await victimExit).toBeNull();
    await sleep(3 * interval); // let the dead worker's last beat age past the grace period

    const restart = start([path, '8', String(interval)]);
    let restartErr = '';
    restart.stderr?.on('data', (d) => (restartErr += d));
    expect(await exited(restart)).toBe(0);
    expect(restartErr).toMatch(/trial 3 stopped sending heartbeats/);

    const after = await loadStudy({ name: 'hb', storage: new JournalFileBackend(path) });
    const states = after.trials.map((t) => t.state);
    expect(states.filter((s) => s === 'COMPLETE')).toHaveLength(8);
    expect(states[3]).toBe('FAIL');
    expect(states.filter((s) => s === 'RUNNING')).toHaveLength(0);
    expect(after.trials[3].params).toEqual(before.trials[3].params);
    for (const t of before.trials.slice(0, 3)) expect(after.trials[t.number]).toEqual(t);
  });

  it('leaves no RUNNING zombie when a worker is killed before its first timer beat: the first beat is written with the trial', async () => {
    const path = join(dir, 'killed-early.jsonl');
    const interval = 100;
    const victim = start([path, '8', String(interval), '2', 'sampler']);
    let stderr = '';
    victim.stderr?.on('data', (d) => (stderr += d));
    const victimExit = exited(victim);
    while (!existsSync(`${path}.hung`)) {
      const code = await Promise.race([victimExit, sleep(20).then(() => 'running' as const)]);
      if (code !== 'running') throw new Error(`the worker exited with ${code} before hanging: ${stderr}`);
    }
    const before = await loadStudy({ name: 'hb', storage: new JournalFileBackend(path), failStaleTrials: false });
    expect(before.trials.map((t) => t.state)).toEqual(['COMPLETE', 'COMPLETE', 'RUNNING']);
    // The process is blocked inside ask(): it never beat on its own, yet the trial carries a beat.
    expect(before.trials[2].systemAttrs[SYSTEM_ATTR.heartbeat]).toMatchObject({ interval_ms: interval });
    victim.kill('SIGKILL');
    expect(await victimExit).toBeNull();
    await sleep(3 * interval);
    const warnings: string[] = [];
    const after = await loadStudy({ name: 'hb', storage: new JournalFileBackend(path), onWarning: (m) => warnings.push(m) });
    expect(after.trials.map((t) => t.state)).toEqual(['COMPLETE', 'COMPLETE', 'FAIL']);
    expect(warnings.join()).toMatch(/trial 2 stopped sending heartbeats/);
  });

  it('writes the first beat in the same append as a claim of an enqueued trial', async () => {
    const storage = new InMemoryJournal();
    const study = await createStudy({ storage, seed: 1, heartbeatIntervalMs: 50 });
    await study.enqueueTrial({ x: 0.5 });
    await study.ask();
    const records = await storage.readLogs(0);
    const claim = records.findIndex((r) => r.op_code === 6 && r.state === 0);
    expect(records[claim - 1]).toMatchObject({ op_code: 9, trial_id: 0, system_attr: { [SYSTEM_ATTR.heartbeat]: { interval_ms: 50 } } });
  });
});
