/**
 * A record keyed by user-chosen names (parameters, attributes) with no prototype, so a name such
 * as `constructor`, `toString` or `__proto__` is an ordinary key: it neither reads an inherited
 * member nor, when assigned, replaces the prototype.
 * @param from - entries to copy (own enumerable keys, `__proto__` included).
 * @returns a fresh mutable record; freeze it to publish it.
 * @example
 * ```ts
 * const params = nameRecord<number>();
 * params.__proto__ = 1; // an own key, not a prototype change
 * ```
 * @internal
 */
export function nameRecord<T>(from?: Readonly<Record<string, T>> | null): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  // Object.assign's [[Set]] finds no `__proto__` setter on a null-prototype target, so it copies it.
  if (from !== undefined && from !== null) Object.assign(out, from);
  return out;
}
