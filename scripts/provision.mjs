// Makes a fresh clone ready for `npm test`, or fails at once with the exact command to run.
// The full suite runs real peers: Chromium (browser runtime tests), Python with Optuna (journal
// round trips), redis-server (the Redis journal). They come from Debian's packages, which this
// installs when it runs as root (CI, containers); otherwise it prints the one command to run.
// Node packages: `npm ci` when node_modules is missing or older than package-lock.json.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Debian packages the full suite needs; keep README's "Running the tests" in step. */
export const DEBIAN_PACKAGES = ['chromium', 'python3-optuna', 'python3-redis', 'python3-sklearn', 'redis-server'];

function installedDebian(name) {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own format syntax, not a template.
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

function provisionDebian() {
  if (spawnSync('dpkg-query', ['--version']).status !== 0) {
    console.error(
      'provision: this is not a Debian-like system; install Chromium, Python 3 with optuna, redis and scikit-learn, and redis-server yourself, or run `npm run test:unit`.',
    );
    process.exit(1);
  }
  const missing = DEBIAN_PACKAGES.filter((p) => !installedDebian(p));
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    console.error(
      `provision: the full test suite needs Debian packages that are not installed: ${missing.join(', ')}.\nRun:  sudo sh -c '${command}'\n(or \`npm run test:unit\` for the unit tests alone).`,
    );
    process.exit(1);
  }
  console.log(`provision: installing ${missing.join(', ')} from Debian`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: ['ignore', 'ignore', 'inherit'], env });
}

function provisionNode() {
  const modules = `${root}node_modules/.package-lock.json`;
  const stale = !existsSync(modules) || statSync(modules).mtimeMs < statSync(`${root}package-lock.json`).mtimeMs;
  if (!stale) return;
  console.log('provision: npm ci');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
}

const only = process.argv[2];
if (only !== 'node') provisionDebian();
if (only !== 'debian') provisionNode();
