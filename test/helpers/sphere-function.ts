// A user-defined test function module for `bonito benchmark --functions <module>`.
import { defineTestFunction } from '../../src/bench/functions.js';

export default defineTestFunction({
  name: 'Sphere-2',
  bounds: [
    [-1, 1],
    [-1, 1],
  ],
  minimum: 0,
  argmin: [0, 0],
  evaluate: (x) => x[0] ** 2 + x[1] ** 2,
});
