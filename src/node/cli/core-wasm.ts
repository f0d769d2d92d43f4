import { init } from '../../core/loader.js';

/**
 * Loads the numeric core for a command: the package's bonito.wasm when built, the build/ output
 * when the CLI runs from its TypeScript sources (tests, `node --import tsx`).
 * @internal
 */
export function initCore(): Promise<void> {
  return init(import.meta.url.endsWith('.ts') ? new URL('../../../build/bonito.wasm', import.meta.url) : undefined);
}
