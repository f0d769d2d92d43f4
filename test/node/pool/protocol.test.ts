import { describe, expect, it } from 'vitest';
import { isTrialPruned, reviveError, serializeError } from '../../../src/node/pool/protocol.js';
import { BonitoError, TrialPruned } from '../../../src/errors.js';

describe('serializeError / reviveError', () => {
  it('rebuild the standard error classes with their message and original stack', () => {
    for (const E of [Error, RangeError, TypeError, SyntaxError, ReferenceError]) {
      const original = new E('bad thing');
      const revived = reviveError(serializeError(original));
      expect(revived).toBeInstanceOf(E);
      expect(revived.name).toBe(original.name);
      expect(revived.message).toBe('bad thing');
      expect(revived.stack).toBe(original.stack);
    }
  });

  it('turn TrialPruned back into bonito’s class and keep the name of other classes', () => {
    expect(reviveError(serializeError(new TrialPruned('stop')))).toBeInstanceOf(TrialPruned);
    const custom = reviveError(serializeError(new BonitoError('x')));
    expect(custom).toBeInstanceOf(Error);
    expect(custom.name).toBe('BonitoError');
  });

  it('describe thrown non-errors as plain errors', () => {
    expect(serializeError('oops')).toEqual({ name: 'Error', message: 'oops' });
    expect(serializeError(42)).toEqual({ name: 'Error', message: '42 was thrown' });
    expect(serializeError(10n)).toEqual({ name: 'Error', message: '10n (a bigint) was thrown' });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(serializeError(cyclic)).toEqual({ name: 'Error', message: 'an object was thrown' });
    const unreadable = new RangeError('x');
    Object.defineProperty(unreadable, 'message', {
      get() {
        throw new Error('no');
      },
    });
    expect(serializeError(unreadable)).toEqual({
      name: 'Error',
      message: 'a RangeError was thrown (its name or message could not be read)',
    });
  });
});

describe('isTrialPruned(err)', () => {
  it('recognises TrialPruned, also from another copy of bonito, by its name', () => {
    expect(isTrialPruned(new TrialPruned())).toBe(true);
    const foreign = new Error('pruned');
    foreign.name = 'TrialPruned';
    expect(isTrialPruned(foreign)).toBe(true);
    expect(isTrialPruned(new Error('TrialPruned'))).toBe(false);
    expect(isTrialPruned('TrialPruned')).toBe(false);
  });
});
