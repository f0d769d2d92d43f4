import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { coreExports } from '../../src/core/loader.js';

// Oracle: test/fixtures/ndtri.json, scipy.special.ndtri (Cephes) on 1,314 points in (0, 1) from
// 1e-300 to 1 − 1e-15 (test/fixtures/gen_ndtri.py).
const fixture = JSON.parse(readFileSync(new URL('../fixtures/ndtri.json', import.meta.url), 'utf8')) as {
  rows: [number, number][];
};

describe('ndtri(p) (Wichura AS241)', () => {
  it('agrees with scipy.special.ndtri to 1e-15 relative across (0, 1)', () => {
    const { special_ndtri } = coreExports();
    let worst = 0;
    for (const [p, expected] of fixture.rows) {
      const got = special_ndtri(p);
      const rel = expected === 0 ? Math.abs(got) : Math.abs(got / expected - 1);
      worst = Math.max(worst, rel);
    }
    expect(fixture.rows.length).toBeGreaterThan(1000);
    expect(worst).toBeLessThan(1e-15);
  });

  it('is antisymmetric: Φ⁻¹(1 − p) = −Φ⁻¹(p) wherever 1 − p is exact', () => {
    const { special_ndtri } = coreExports();
    for (let k = 1; k < 1024; k++) {
      const p = k / 2048; // dyadic, so 1 − p is exact
      expect(special_ndtri(1 - p)).toBe(-special_ndtri(p));
    }
  });
});
