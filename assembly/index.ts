// The only file of the numeric core that exports. Everything here is a flat, C-like kernel over
// linear memory: JavaScript (src/core/) owns every buffer and passes pointers in.

/** First byte after the module's static data: where the JavaScript arena may start allocating. */
export function heap_base(): usize {
  return __heap_base;
}
