// A private redis-server for a test: Debian's binary on a free loopback port, AOF on, data in a
// temporary folder, stopped by its pid. Nothing assumes a Redis is already running.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** A running (or stopped, restartable) redis-server of one test file. */
export interface RedisServer {
  readonly port: number;
  readonly url: string;
  readonly dir: string;
  /** SIGTERM (Redis writes its AOF and exits), or SIGKILL with `hard`. */
  stop(options?: { hard?: boolean }): Promise<void>;
  /** Starts again on the same port and folder (the AOF is reloaded). */
  start(): Promise<void>;
  /** SIGSTOP: the server keeps its connections but answers nothing until `resume()`. */
  pause(): void;
  /** SIGCONT after `pause()`. */
  resume(): void;
  /** Stops the server and removes its folder. */
  dispose(): Promise<void>;
}

const BINARY = process.env.REDIS_SERVER ?? 'redis-server';

/** A free TCP port on 127.0.0.1 (the OS picks it; a tiny race remains until redis binds it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Starts `redis-server --port P --bind 127.0.0.1 --save '' --appendonly yes --appendfsync always --dir <tmp>`
 * (every write is on disk before Redis answers, so even a SIGKILLed server loses no resolved append).
 * @throws when the binary is missing (install Debian's `redis-server`) or does not listen in 10 s.
 */
export async function startRedisServer(): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'bonito-redis-'));
  const port = await freePort();
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();

  const start = async () => {
    const proc = spawn(
      BINARY,
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--dir',
        dir,
        '--logfile',
        join(dir, 'redis.log'),
      ],
      { stdio: 'ignore' },
    );
    child = proc;
    let failed: Error | null = null;
    proc.once('error', (err) => {
      failed = new Error(`${BINARY} could not start (${err.message}): install it with \`apt-get install -y redis-server\`.`);
    });
    exited = new Promise((resolve) => proc.once('exit', () => resolve()));
    for (let waited = 0; waited < 10_000; waited += 20) {
      if (failed !== null) throw failed;
      if (proc.exitCode !== null) throw new Error(`${BINARY} exited with ${proc.exitCode}; see ${join(dir, 'redis.log')}.`);
      if (await accepts(port)) return;
      await sleep(20);
    }
    throw new Error(`${BINARY} did not listen on 127.0.0.1:${port} within 10 s.`);
  };

  const stop = async ({ hard = false } = {}) => {
    const proc = child as ChildProcess | null;
    if (proc === null || proc.exitCode !== null || proc.pid === undefined) return;
    process.kill(proc.pid, hard ? 'SIGKILL' : 'SIGTERM');
    await exited;
    child = null;
  };

  const signal = (name: NodeJS.Signals) => {
    const proc = child as ChildProcess | null;
    if (proc?.pid !== undefined && proc.exitCode === null) process.kill(proc.pid, name);
  };

  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}/0`,
    dir,
    stop,
    start,
    pause: () => signal('SIGSTOP'),
    resume: () => signal('SIGCONT'),
    dispose: async () => {
      await stop({ hard: true });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
