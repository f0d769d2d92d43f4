// The browser builds of vega, vega-lite and vega-embed (optional peers of bonito), found in the
// installed packages and served from loopback: the page loads nothing from the network.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MissingDependencyError } from '../../errors.js';

/** The peers the dashboard needs, as `npm i` takes them. @internal */
export const DASHBOARD_PEERS = ['vega@^6.4.0', 'vega-lite@^6.4.3', 'vega-embed@^7.3.0'] as const;

/** URL path on the dashboard -> [package, file inside it]. The order is the order the page loads them. */
const FILES = [
  ['/vendor/vega.min.js', 'vega', 'build/vega.min.js'],
  ['/vendor/vega-lite.min.js', 'vega-lite', 'build/vega-lite.min.js'],
  ['/vendor/vega-embed.min.js', 'vega-embed', 'build/vega-embed.min.js'],
] as const;

/** The script paths, in load order. @internal */
export const VENDOR_SCRIPTS: readonly string[] = FILES.map(([path]) => path);

/**
 * The package's folder the way Node resolves a bare import from here: `node_modules/<name>` in
 * this folder or the nearest one above. (Their package.json files are not exported, so
 * `require.resolve('<name>/package.json')` cannot find them.)
 */
function packageDir(name: string, from: string): string | undefined {
  let dir = from;
  for (;;) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/**
 * Reads the three browser builds once, at start-up, so that a missing peer fails the command at
 * once rather than as a blank page.
 * @param from - the folder to resolve the packages from (tests point it elsewhere).
 * @returns URL path -> file contents.
 * @throws MissingDependencyError naming the `npm i` command when one of them is not installed.
 * @internal
 */
export function loadVendorScripts(from = dirname(fileURLToPath(import.meta.url))): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const missing: string[] = [];
  for (const [path, pkg, file] of FILES) {
    const dir = packageDir(pkg, from);
    const full = dir === undefined ? undefined : join(dir, file);
    if (full === undefined || !existsSync(full)) missing.push(pkg);
    else files.set(path, readFileSync(full));
  }
  if (missing.length > 0) {
    const packages = DASHBOARD_PEERS.filter((p) => missing.includes(p.replace(/@[^@]*$/, '')));
    throw new MissingDependencyError('bonito dashboard', packages);
  }
  return files;
}
