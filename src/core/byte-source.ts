/**
 * Resolution of the binary resources bonito loads at run time (the wasm core, the full Sobol'
 * direction table) from the kinds of source every runtime can offer.
 * @internal
 */
import { describeValue } from '../errors.js';

/** Bytes, a URL (or URL string, relative to the page or module) or a `Response` to read bytes from. */
export type ByteSource = ArrayBuffer | ArrayBufferView | URL | string | Response | PromiseLike<Response>;

/** How a caller names itself and its resource in error messages. */
export interface ByteSourceContext {
  /** The public function, e.g. `init`. */
  where: string;
  /** The resource, e.g. `the wasm core`. */
  what: string;
  /** The accepted kinds of `source`, as a phrase. */
  kinds: string;
}

/**
 * The bytes behind `source`. `file:` URLs are read through Node's `fs` (fetch cannot read them);
 * other URLs are fetched.
 * @throws TypeError when `source` is none of the accepted kinds; Error on an HTTP failure.
 */
export async function readBytes(source: unknown, context: ByteSourceContext): Promise<Uint8Array<ArrayBuffer>> {
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) return toBytes(source);
  if (typeof source === 'string' || source instanceof URL) return readBytes(await readUrl(new URL(source, baseUrl())), context);
  if (isPromiseLike(source)) return readBytes(await source, context);
  if (typeof Response !== 'undefined' && source instanceof Response) {
    if (!source.ok) throw new Error(`bonito: fetching ${context.what} failed with HTTP ${source.status}.`);
    return new Uint8Array(await source.arrayBuffer());
  }
  throw new TypeError(`${context.where}: \`source\` must be ${context.kinds} but got ${describeValue(source)}.`);
}

/** A view of `source`'s bytes (no copy). */
export function toBytes(source: ArrayBuffer | ArrayBufferView): Uint8Array<ArrayBuffer> {
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  return new Uint8Array(source.buffer as ArrayBuffer, source.byteOffset, source.byteLength);
}

async function readUrl(url: URL): Promise<ArrayBuffer | Response> {
  if (url.protocol === 'file:') {
    // Reach fs without a static `node:` import so that browser bundles of this file stay clean.
    const fs = nodeBuiltin<{ readFileSync(u: URL): Uint8Array }>('fs');
    if (fs) return copyToArrayBuffer(fs.readFileSync(url));
  }
  return fetch(url);
}

function baseUrl(): string {
  return typeof location !== 'undefined' && location.href ? location.href : import.meta.url;
}

function nodeBuiltin<T>(name: string): T | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return proc?.getBuiltinModule?.(name) as T | undefined;
}

function copyToArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

function isPromiseLike(value: unknown): value is PromiseLike<Response> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
