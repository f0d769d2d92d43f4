import { describe, expect, it } from 'vitest';
import { bundle } from '../runtimes/bundle.js';

// What a browser user imports: bonito/tfjs must bundle for the browser platform (any `node:`
// import would fail the build) and load MNIST's 21 MB only through a dynamic import.
describe('bonito/tfjs in a browser bundle', () => {
  it('bundles with esbuild for the browser, with mnist left to a lazy import', async () => {
    const code = await bundle(new URL('../../src/tfjs/index.ts', import.meta.url).pathname, { external: ['mnist'] });
    expect(code).not.toMatch(/from\s*["']node:/);
    expect(code).toMatch(/import\(\s*["']mnist["']\s*\)/);
    expect(code).not.toMatch(/^import .*["']mnist["']/m);
  });
});
