import { BonitoError } from '../errors.js';
import { readBytes, toBytes, type ByteSource } from './byte-source.js';

/**
 * Where the full Sobol' direction table can come from: its bytes, a URL (or URL string) or a
 * `Response`, the same kinds `init()` accepts apart from a compiled module.
 */
export type SobolDirectionsSource = ByteSource;

/** Dimensions covered by the table embedded in the wasm core. @internal */
export const EMBEDDED_SOBOL_DIMENSIONS = 4096;
/** Dimensions of the Joe–Kuo table new-joe-kuo-6.21201. @internal */
export const MAX_SOBOL_DIMENSIONS = 21201;

// The packed format written by scripts/gen-sobol-table.mjs: "SOBL", u16 version, u16 maximum
// degree, u32 dimension count, u32 count per degree, then the bitstream and four zero bytes.
const MAGIC = [0x53, 0x4f, 0x42, 0x4c];
const VERSION = 1;
const MAX_DEGREE = 18;
const HEADER_BYTES = 12 + 4 * MAX_DEGREE;
const SOURCE_CONTEXT = {
  where: 'loadSobolDirections',
  what: 'the Sobol direction table',
  kinds: 'bytes, a URL or a Response',
};

let table: Uint8Array<ArrayBuffer> | null = null;
let loading: Promise<void> | null = null;

/**
 * Loads the full Sobol' direction table (all 21201 dimensions of Joe & Kuo's new-joe-kuo-6.21201,
 * 394 KB), which `Sobol` needs above 4096 dimensions; up to 4096 the table embedded in the wasm
 * core is used. Call once per realm; later calls resolve immediately. Independent of `init()`.
 *
 * @param source - the table's bytes, a URL (or URL string) or a `Response`. Omitted: Node reads
 *   the `sobol-directions.bin` shipped beside the package; browsers fetch it relative to this module.
 * @returns a promise that resolves once the table is in memory.
 * @throws TypeError when `source` is none of the accepted kinds; BonitoError when the bytes are not
 *   a direction table or are truncated, or when fetching fails.
 * @example
 * ```ts
 * import { init, loadSobolDirections, Sobol } from 'bonito';
 * await init();
 * await loadSobolDirections();
 * const points = new Sobol(10000, { seed: 7 }).random(8);
 * ```
 */
export function loadSobolDirections(source?: SobolDirectionsSource): Promise<void> {
  if (table) return Promise.resolve();
  loading ??= readBytes(source ?? new URL('../sobol-directions.bin', import.meta.url), SOURCE_CONTEXT)
    .then((bytes) => {
      // Copy: a caller's buffer (or a view of a larger one) must not change the table later.
      table ??= checkTable(toBytes(bytes)).slice();
    })
    .catch((error: unknown) => {
      loading = null;
      throw error;
    });
  return loading;
}

/** The loaded full table, or null before `loadSobolDirections()` has resolved. @internal */
export function sobolDirectionTable(): Uint8Array<ArrayBuffer> | null {
  return table;
}

/** Dimensions a packed table holds. @internal */
export function tableDimensions(bytes: Uint8Array): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
}

/** Checks the header and the length of a packed table and returns it. */
function checkTable(bytes: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  const where = 'loadSobolDirections: `source`';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < HEADER_BYTES || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new BonitoError(`${where} must hold a Sobol direction table (starting "SOBL") but got ${bytes.length} bytes that do not.`);
  }
  const version = view.getUint16(4, true);
  const maxDegree = view.getUint16(6, true);
  if (version !== VERSION || maxDegree !== MAX_DEGREE) {
    throw new BonitoError(
      `${where} must be a version ${VERSION} table of degree ${MAX_DEGREE} but got version ${version}, degree ${maxDegree}.`,
    );
  }
  const dims = view.getUint32(8, true);
  let counted = 1;
  let bits = 0;
  for (let s = 1; s <= MAX_DEGREE; s++) {
    const count = view.getUint32(12 + 4 * (s - 1), true);
    counted += count;
    bits += count * (s - 1 + (s * (s - 1)) / 2);
  }
  const expected = HEADER_BYTES + Math.ceil(bits / 8) + 4;
  if (counted !== dims || dims < 1 || dims > MAX_SOBOL_DIMENSIONS || bytes.length !== expected) {
    throw new BonitoError(`${where} must be a complete table (${expected} bytes for ${dims} dimensions) but got ${bytes.length} bytes.`);
  }
  return bytes;
}
