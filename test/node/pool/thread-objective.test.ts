import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { objectiveModuleOf, threadObjective } from '../../../src/node/pool/thread-objective.js';

describe('threadObjective(module, options)', () => {
  it('resolves a relative path against the current directory and keeps URLs as they are', () => {
    expect(objectiveModuleOf(threadObjective('objective.js'))).toEqual({
      moduleUrl: pathToFileURL(`${process.cwd()}/objective.js`).href,
      exportName: 'default',
    });
    expect(objectiveModuleOf(threadObjective('/abs/o.js', { exportName: 'run' }))).toEqual({
      moduleUrl: 'file:///abs/o.js',
      exportName: 'run',
    });
    const url = new URL('file:///x/y.mjs');
    expect(objectiveModuleOf(threadObjective(url))?.moduleUrl).toBe(url.href);
    expect(objectiveModuleOf(threadObjective('data:text/javascript,export default 1'))?.moduleUrl).toBe(
      'data:text/javascript,export default 1',
    );
  });

  it('marks only its own objectives', () => {
    expect(objectiveModuleOf(() => 0)).toBeUndefined();
    expect(objectiveModuleOf(undefined)).toBeUndefined();
  });

  it('rejects an empty module or export name', () => {
    expect(() => threadObjective('')).toThrow("threadObjective: `module` must be a URL or a non-empty path but got '' (a string).");
    expect(() => threadObjective('o.js', { exportName: '' })).toThrow(
      "threadObjective: `exportName` must be a non-empty string but got '' (a string).",
    );
  });
});
