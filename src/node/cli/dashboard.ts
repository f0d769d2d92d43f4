// `bonito dashboard <storage>`: serve the live dashboard until SIGINT or SIGTERM.
import { existsSync } from 'node:fs';
import { parseStorageSpec } from '../storage-spec.js';
import { startDashboard } from '../dashboard/server.js';
import { CliError } from './cli-error.js';

/**
 * Starts the dashboard, prints its URL as the first line of output, and resolves with exit
 * status 0 once a SIGINT or SIGTERM has closed it.
 * @internal
 */
export async function dashboard(storage: string, flags: { port: number; host: string }): Promise<number> {
  const spec = parseStorageSpec(storage);
  if (spec.kind === 'file' && !existsSync(spec.path)) throw new CliError(`bonito dashboard: the storage file ${storage} does not exist.`);
  const running = await startDashboard({ storage, port: flags.port, host: flags.host });
  process.stdout.write(`${running.url}\n`);
  process.stderr.write('Serving the dashboard; press Ctrl+C to stop.\n');
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await running.close();
  return 0;
}
