// `bonito tune|show|export` with `--storage redis://...`: two tune processes on one study form
// one sequence of trials, and the read-only commands read it. A private redis-server per file.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JournalRedisBackend } from '../../../src/node/redis-journal.js';
import { parseStorageSpec } from '../../../src/node/storage-spec.js';
import { loadStudy } from '../../../src/study/create.js';
import { startRedisServer, type RedisServer } from '../../helpers/redis-server.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CONFIG = 'test/helpers/cli-quadratic.config.ts';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(() => redis.dispose());

function bonito(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/node/cli/bin.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, BONITO_TEST_SLEEP_MS: '250' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d));
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('bonito with --storage redis://', () => {
  it('parses redis:// specs: URL, db and prefix; anything else is a file', () => {
    expect(parseStorageSpec('redis://u:pw@db.local:6380/2?prefix=mnist')).toEqual({
      kind: 'redis',
      url: 'redis://u:pw@db.local:6380/2',
      prefix: 'mnist',
    });
    expect(parseStorageSpec('redis://127.0.0.1')).toEqual({ kind: 'redis', url: 'redis://127.0.0.1', prefix: '' });
    expect(parseStorageSpec('study.jsonl').kind).toBe('file');
    expect(() => parseStorageSpec('redis://h/0?prefix=a&db=3')).toThrow(
      'bonito: a Redis `--storage` takes only the query parameter `prefix` but got `db`.',
    );
  });

  it('two tune processes with one config and storage form one study: dense, unique trial numbers', async () => {
    const storage = `${redis.url}?prefix=cli`;
    const runs = await Promise.all(
      [0, 1].map(() => bonito(['tune', CONFIG, '--trials', '16', '--sampler', 'random', '--workers', 'main', '--storage', storage])),
    );
    expect(runs.map((r) => [r.code, r.stderr.includes('Error')])).toEqual([
      [0, false],
      [0, false],
    ]);
    const backend = new JournalRedisBackend(redis.url, { prefix: 'cli' });
    try {
      const study = await loadStudy({ name: 'quadratic', storage: backend, failStaleTrials: false });
      const numbers = study.trials.map((t) => t.number);
      expect(numbers).toEqual(numbers.map((_, i) => i)); // dense and unique
      expect(study.trials.every((t) => t.state === 'COMPLETE')).toBe(true);
      // Both processes stop at the shared target, give or take the trials in flight (2 lanes each).
      expect(study.trials.length).toBeGreaterThanOrEqual(16);
      expect(study.trials.length).toBeLessThanOrEqual(16 + 3);
      // Both processes really ran trials (each needs 2 s alone; they start together): two worker prefixes.
      const records = await backend.readLogs(0);
      const creators = new Set(records.filter((r) => r.op_code === 4).map((r) => r.worker_id.replace(/-\d+$/, '')));
      expect(creators.size).toBe(2);

      const shown = await bonito(['show', storage]);
      expect(shown.code).toBe(0);
      expect(shown.stdout).toContain(`Study "quadratic" (minimize): ${study.trials.length} trials: ${study.trials.length} complete`);
      const exported = await bonito(['export', storage, '--format', 'json']);
      expect(exported.code).toBe(0);
      expect((JSON.parse(exported.stdout) as { trials: unknown[] }).trials).toHaveLength(study.trials.length);
    } finally {
      await backend.close();
    }
  });

  it('says which study is missing from a Redis storage, without a stack', async () => {
    const run = await bonito(['show', `${redis.url}?prefix=empty`]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^bonito show: .*Use --study <name>\.\n$/);
  });
});
