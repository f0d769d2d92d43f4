// Element access into caller-owned f64 arrays of linear memory: p is a byte offset (JavaScript owns
// every buffer), i an element index. The one definition every kernel file imports, so that no
// file grows its own copy with a different shift or sign convention.

/** p[i] as f64. */
// @ts-ignore: decorator
@inline export function ld(p: usize, i: i32): f64 {
  return load<f64>(p + (<usize>i << alignof<f64>()));
}

/** p[i] = v. */
// @ts-ignore: decorator
@inline export function st(p: usize, i: i32, v: f64): void {
  store<f64>(p + (<usize>i << alignof<f64>()), v);
}
