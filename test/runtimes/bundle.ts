// Bundles test/runtimes entry files with esbuild the way a user's bundler would see bonito: ESM,
// browser platform, so any `node:` import in src/ would fail the bundle.
import { build } from 'esbuild';

export async function bundle(entry: string, options: { define?: Record<string, string>; external?: string[] } = {}): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    define: options.define,
    external: options.external,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}
