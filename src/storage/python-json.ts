/**
 * JSON as Python's `json` module writes it: standard JSON plus the bare tokens `NaN`,
 * `Infinity` and `-Infinity`. Optuna journals contain them (an objective may return ±inf), and
 * `JSON.parse`/`JSON.stringify` would reject or silently turn them into `null`.
 */

/**
 * Serialises a JSON-like value; non-finite numbers become `NaN`, `Infinity`, `-Infinity`.
 * `undefined` object fields are dropped (as `JSON.stringify` does).
 * @param value - plain data: objects, arrays, strings, numbers, booleans, null.
 * @returns one line of text (no newline inside: strings escape it).
 * @throws TypeError on a bigint, function or symbol.
 * @example
 * ```ts
 * stringifyPythonJson({ values: [Infinity] }); // '{"values":[Infinity]}'
 * ```
 */
export function stringifyPythonJson(value: unknown): string {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (value === Infinity) return 'Infinity';
    if (value === -Infinity) return '-Infinity';
    return JSON.stringify(value);
  }
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) {
    return `[${value.map((v) => (v === undefined ? 'null' : stringifyPythonJson(v))).join(',')}]`;
  }
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    if (typeof (obj as { toJSON?: unknown }).toJSON === 'function') {
      return stringifyPythonJson((obj as { toJSON: () => unknown }).toJSON());
    }
    const parts: string[] = [];
    for (const key of Object.keys(obj)) {
      if (obj[key] === undefined) continue;
      parts.push(`${JSON.stringify(key)}:${stringifyPythonJson(obj[key])}`);
    }
    return `{${parts.join(',')}}`;
  }
  throw new TypeError(`Journal: a record value must be plain JSON data but got a ${typeof value}.`);
}

const NON_FINITE = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity } as const;
// Bare tokens become strings `PLACEHOLDER + token` for JSON.parse, and the reviver turns them back
// into numbers. A user string that starts with PLACEHOLDER (it can: `"\u0000..."` is valid JSON)
// is rewritten as `PLACEHOLDER + 'S' + string` first, so the reviver can give it back unchanged.
const PLACEHOLDER = '\u0000bonito-nonfinite:';
const USER_STRING = 'S';

/**
 * Parses one line of Python-flavoured JSON.
 * @param text - the line, without its newline.
 * @returns the parsed value, with `NaN`/`Infinity`/`-Infinity` tokens as numbers.
 * @throws SyntaxError when the text is not (Python-flavoured) JSON.
 */
export function parsePythonJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    if (!/NaN|Infinity/.test(text)) throw err;
  }
  const replaced = replaceBareTokens(text);
  return JSON.parse(replaced, (_key, v: unknown) =>
    typeof v === 'string' && v.startsWith(PLACEHOLDER) ? revive(v.slice(PLACEHOLDER.length)) : v,
  );
}

function revive(tail: string): unknown {
  return tail.startsWith(USER_STRING) ? tail.slice(USER_STRING.length) : NON_FINITE[tail as keyof typeof NON_FINITE];
}

/** Rewrites bare NaN/Infinity/-Infinity outside strings as placeholder strings. */
function replaceBareTokens(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      const end = stringEnd(text, i);
      const literal = text.slice(i, end);
      const decoded = /\\u0000/i.test(literal) ? (JSON.parse(literal) as string) : null;
      out += decoded?.startsWith(PLACEHOLDER) ? JSON.stringify(PLACEHOLDER + USER_STRING + decoded) : literal;
      i = end;
      continue;
    }
    const token = text.startsWith('-Infinity', i)
      ? '-Infinity'
      : text.startsWith('Infinity', i)
        ? 'Infinity'
        : text.startsWith('NaN', i)
          ? 'NaN'
          : null;
    if (token !== null) {
      out += JSON.stringify(PLACEHOLDER + token);
      i += token.length;
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}

/** Index just past the string literal that opens at `start`. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === '\\') i += 2;
    else if (text[i] === '"') return i + 1;
    else i += 1;
  }
  return text.length;
}
