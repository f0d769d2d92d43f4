// The `mnist` package (1.1.0) ships no typings; this is the part bonito uses.
declare module 'mnist' {
  interface MnistDigit {
    readonly id: number;
    /** Number of images of this digit. */
    readonly length: number;
    /** Image `i` (0 <= i < length): 784 grey levels in [0, 1], row-major 28 x 28. */
    get(i: number): number[];
  }
  const digits: readonly MnistDigit[];
  export default digits;
}
