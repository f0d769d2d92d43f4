// The only file of the numeric core that exports. Everything here is a flat, C-like kernel over
// linear memory: JavaScript (src/core/) owns every buffer and passes pointers in.

/** First byte after the module's static data: where the JavaScript arena may start allocating. */
export function heap_base(): usize {
  return __heap_base;
}

export { rng_seed, rng_jump, rng_fill_u64, rng_fill_uniform, rng_fill_normal, rng_fill_integers } from './rng';
export { special_ndtri } from './special';
