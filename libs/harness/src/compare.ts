import { Json, JsonNumber, JsonSyntaxError, parseJson, stringifyJson } from './json';

/** Doubles pass within this absolute or relative difference (DESIGN.md, function problems). */
export const DOUBLE_TOLERANCE = 1e-5;

export interface CompareResult {
  accepted: boolean;
  /** Why not (the first difference, with its path), or "ok". */
  message: string;
}

/** Canonical text of a value for ordering: arrays sorted when order does not matter. */
function canonical(v: Json, anyOrder: boolean): Json {
  if (!Array.isArray(v)) return v;
  const items = v.map((x) => canonical(x, anyOrder));
  if (!anyOrder) return items;
  return items
    .map((x) => [sortKey(x), x] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([, x]) => x);
}

/** Numbers sort by value (so nearly equal doubles line up), everything else by its JSON. */
function sortKey(v: Json): string {
  if (v instanceof JsonNumber) {
    const n = v.value;
    // Fixed-width, order-preserving text of a double.
    const buf = Buffer.alloc(8);
    buf.writeDoubleBE(n);
    if (n < 0 || Object.is(n, -0)) for (let i = 0; i < 8; i++) buf[i] = ~buf[i] & 0xff;
    else buf[0] |= 0x80;
    return `1${buf.toString('hex')}`;
  }
  return `2${stringifyJson(v)}`;
}

function numbersEqual(a: JsonNumber, b: JsonNumber): boolean {
  if (a.isInteger && b.isInteger) return BigInt(a.text) === BigInt(b.text);
  const x = a.value;
  const y = b.value;
  if (x === y) return true;
  const diff = Math.abs(x - y);
  return diff <= DOUBLE_TOLERANCE || diff <= DOUBLE_TOLERANCE * Math.abs(x);
}

/** The path of the first difference, or null when equal. */
function difference(e: Json, a: Json, path: string): string | null {
  if (e instanceof JsonNumber) {
    if (!(a instanceof JsonNumber)) return `${path || 'result'}: expected ${e.text}, got ${stringifyJson(a)}`;
    return numbersEqual(e, a) ? null : `${path || 'result'}: expected ${e.text}, got ${a.text}`;
  }
  if (Array.isArray(e)) {
    if (!Array.isArray(a)) return `${path || 'result'}: expected an array, got ${stringifyJson(a).slice(0, 40)}`;
    if (e.length !== a.length) return `${path || 'result'}: expected ${e.length} elements, got ${a.length}`;
    for (let i = 0; i < e.length; i++) {
      const d = difference(e[i], a[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (e !== null && typeof e === 'object') {
    if (a === null || typeof a !== 'object' || Array.isArray(a) || a instanceof JsonNumber) return `${path || 'result'}: expected an object`;
    const keys = new Set([...Object.keys(e), ...Object.keys(a)]);
    for (const k of keys) {
      if (!(k in e) || !(k in a)) return `${path}.${k}: missing on one side`;
      const d = difference(e[k], a[k], `${path}.${k}`);
      if (d) return d;
    }
    return null;
  }
  return e === a ? null : `${path || 'result'}: expected ${stringifyJson(e).slice(0, 40)}, got ${stringifyJson(a).slice(0, 40)}`;
}

/**
 * Compares a driver's JSON result with the expected one: structural equality, integers exactly,
 * other numbers within `DOUBLE_TOLERANCE` (absolute or relative); with `anyOrder`, arrays at
 * every level compare as multisets. A result that is missing or not JSON is wrong.
 */
export function compareResults(expected: string, actual: string | null, opts: { anyOrder?: boolean } = {}): CompareResult {
  const e = parseJson(expected.trim());
  if (actual === null || actual.trim() === '') return { accepted: false, message: 'no result: the function did not return (the program ended before it, or the driver could not write it)' };
  let a: Json;
  try {
    a = parseJson(actual.trim());
  } catch (err) {
    if (err instanceof JsonSyntaxError) return { accepted: false, message: `the result is not JSON (${err.message}): ${actual.slice(0, 60)}` };
    throw err;
  }
  const anyOrder = !!opts.anyOrder;
  const d = difference(canonical(e, anyOrder), canonical(a, anyOrder), '');
  if (!d) return { accepted: true, message: 'ok' };
  return { accepted: false, message: `wrong answer: ${d}${anyOrder ? ' (any order: arrays compared sorted)' : ''}` };
}
