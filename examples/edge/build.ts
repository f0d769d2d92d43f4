// Builds the edge service for workerd (worker bundle, bonito.wasm, a Cap'n Proto config) and
// starts workerd on loopback. Used by `npm run example:edge` (serve.ts) and test/runtimes/edge.test.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

// import.meta.dirname needs Node 20.11; the package supports every Node 20.
const HERE = fileURLToPath(new URL('.', import.meta.url));
const ROOT = resolve(HERE, '../..');
const WORKERD = join(ROOT, 'node_modules/.bin/workerd');

/** Where the Durable Objects keep their journals: process memory, or a directory that survives restarts. */
export type EdgeStorage = { memory: true } | { directory: string };

function capnpString(text: string): string {
  return JSON.stringify(text); // Cap'n Proto text strings take JSON's escapes
}

function config(storage: EdgeStorage): string {
  const disk = 'directory' in storage;
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .edge),
${disk ? `    (name = "journals", disk = (path = ${capnpString(resolve(storage.directory))}, writable = true)),\n` : ''}  ],
  sockets = [ (name = "http", address = "127.0.0.1:8787", http = (), service = "main") ],
);
const edge :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed "worker.js"),
    (name = "bonito.wasm", wasm = embed "bonito.wasm"),
  ],
  compatibilityDate = "2024-09-23",
  durableObjectNamespaces = [ (className = "StudyObject", uniqueKey = "bonito-edge-studies") ],
  durableObjectStorage = ${disk ? '(localDisk = "journals")' : '(inMemory = void)'},
  bindings = [ (name = "STUDIES", durableObjectNamespace = "StudyObject") ],
);
`;
}

/**
 * Writes worker.js (esbuild bundle of src/worker.ts with bonito from this repo's src/),
 * bonito.wasm (from `npm run build:wasm`) and config.capnp into `outDir`.
 * @returns the path of config.capnp.
 */
export async function buildEdge(outDir: string, storage: EdgeStorage): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  if ('directory' in storage) mkdirSync(storage.directory, { recursive: true });
  await build({
    entryPoints: [join(HERE, 'src/worker.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser', // as workerd sees it: any node:* import would fail here
    target: 'es2022',
    outfile: join(outDir, 'worker.js'),
    alias: { bonito: join(ROOT, 'src/index.ts') },
    external: ['bonito.wasm'],
    logLevel: 'silent',
  });
  copyFileSync(join(ROOT, 'build/bonito.wasm'), join(outDir, 'bonito.wasm'));
  const path = join(outDir, 'config.capnp');
  writeFileSync(path, config(storage));
  return path;
}

/** A free loopback port (workerd cannot report the one it picked for port 0). */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
  });
}

/** A running workerd. */
export interface RunningEdge {
  url: string;
  process: ChildProcess;
  /** Stops workerd and waits for it to exit. */
  stop(): Promise<void>;
}

/**
 * Starts `workerd serve` on `127.0.0.1:port` and resolves once it answers HTTP.
 * @throws Error with workerd's output when it exits or does not answer within `timeoutMs`.
 */
export async function startEdge(configPath: string, port: number, timeoutMs = 30_000): Promise<RunningEdge> {
  const child = spawn(WORKERD, ['serve', configPath, '--experimental', `--socket-addr=http=127.0.0.1:${port}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`workerd exited with ${child.exitCode}:\n${output}`);
    try {
      await fetch(`${url}/studies/-/ping`);
      return { url, process: child, stop };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await stop();
  throw new Error(`workerd did not answer on ${url} within ${timeoutMs} ms:\n${output}`);
}
