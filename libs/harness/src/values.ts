import { Json, JsonNumber, JsonSyntaxError, parseJson, stringifyJson } from './json';
import { ClassSpec, ctorParams, FunctionSpec, HarnessSpec, HType, ParamSpec, parseType } from './signature';

/**
 * Test data of function problems (DESIGN.md): a function's input is one JSON value per
 * parameter, one per line, and its output the JSON of the result; a design problem's input is
 * LeetCode's two lines (method names, then argument lists) and its output the list of results
 * (null for the constructor and void methods). Lists and trees are written as LeetCode writes
 * them: `[1,2,3]`, `[3,9,20,null,null,15,7]`.
 *
 * Drivers of compiled languages do not parse JSON: the judge hands them the arguments in a
 * "wire" form, whitespace-separated tokens read in signature order:
 * - int, long: decimal; double: the JSON number's text; bool: 1 or 0; char: its code (ASCII);
 * - string: its UTF-8 byte length, one space, then the bytes;
 * - T[]: the length, then the elements; ListNode: as int[];
 * - TreeNode: the length of LeetCode's level-order list, then per entry `0` (null) or `1 value`;
 * - a design problem: the number of calls, the constructor's arguments, then per call the
 *   method's 0-based index in `class.methods` and its arguments.
 */

const INT_MIN = -(2n ** 31n);
const INT_MAX = 2n ** 31n - 1n;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Largest list or tree a test may hold (the drivers read lengths as ints). */
const MAX_LENGTH = 10_000_000;

export function typeName(t: HType): string {
  return t.list ? `${'list<'.repeat(t.dims)}${t.base}${'>'.repeat(t.dims)}` : t.base + '[]'.repeat(t.dims);
}

/** Why `v` is not a value of type `t`, or null when it is. */
export function valueError(t: HType, v: Json): string | null {
  if (t.dims > 0 || t.base === 'ListNode') {
    if (!Array.isArray(v)) return `expected ${typeName(t)} (a JSON array), got ${short(v)}`;
    if (v.length > MAX_LENGTH) return `more than ${MAX_LENGTH} elements`;
    const of: HType = t.base === 'ListNode' ? { base: 'int', dims: 0 } : { base: t.base, dims: (t.dims - 1) as 0 | 1, list: t.list };
    for (const [i, x] of v.entries()) {
      const e = valueError(of, x);
      if (e) return `[${i}]: ${e}`;
    }
    return null;
  }
  switch (t.base) {
    case 'int':
    case 'long': {
      if (!(v instanceof JsonNumber) || !v.isInteger) return `expected ${t.base} (an integer), got ${short(v)}`;
      const n = BigInt(v.text);
      const [lo, hi] = t.base === 'int' ? [INT_MIN, INT_MAX] : [LONG_MIN, LONG_MAX];
      return n < lo || n > hi ? `${v.text} is out of the ${t.base} range [${lo}, ${hi}]` : null;
    }
    case 'double':
      return v instanceof JsonNumber && Number.isFinite(v.value) ? null : `expected double (a number), got ${short(v)}`;
    case 'bool':
      return typeof v === 'boolean' ? null : `expected bool (true or false), got ${short(v)}`;
    case 'char':
      return typeof v === 'string' && v.length === 1 && v.charCodeAt(0) > 0 && v.charCodeAt(0) < 128 ? null : `expected char (a one-character ASCII string), got ${short(v)}`;
    case 'string':
      if (typeof v !== 'string') return `expected string, got ${short(v)}`;
      if (v.includes('\u0000')) return 'strings must not contain NUL (\\u0000)';
      return LONE_SURROGATE.test(v) ? 'string holds a lone surrogate (not valid UTF-8)' : null;
    case 'TreeNode': {
      if (!Array.isArray(v)) return `expected TreeNode (a level-order JSON array), got ${short(v)}`;
      if (v.length > MAX_LENGTH) return `more than ${MAX_LENGTH} elements`;
      if (v.length > 0 && v[0] === null) return 'a tree\'s root must not be null (use [] for an empty tree)';
      for (const [i, x] of v.entries()) {
        if (x !== null && (!(x instanceof JsonNumber) || !x.isInteger || valueError({ base: 'int', dims: 0 }, x))) return `[${i}]: expected an int or null, got ${short(x)}`;
      }
      // Every non-null entry after the root must have a parent slot: LeetCode's format.
      let slots = 1;
      let consumed = 0;
      for (const [i, x] of v.entries()) {
        if (consumed >= slots) return `[${i}]: no node left to be its parent`;
        consumed++;
        if (x !== null) slots += 2;
      }
      return null;
    }
    case 'void':
      return v === null ? null : `expected null (void), got ${short(v)}`;
    default:
      return `unknown type ${typeName(t)}`;
  }
}

function short(v: Json): string {
  const s = stringifyJson(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

/** Appends `v` (already checked against `t`) in wire form. */
export function encodeWire(t: HType, v: Json, out: string[]): void {
  if (t.dims > 0 || t.base === 'ListNode') {
    const arr = v as Json[];
    out.push(String(arr.length));
    const of: HType = t.base === 'ListNode' ? { base: 'int', dims: 0 } : { base: t.base, dims: (t.dims - 1) as 0 | 1 };
    for (const x of arr) encodeWire(of, x, out);
    return;
  }
  switch (t.base) {
    case 'int':
    case 'long':
    case 'double':
      out.push((v as JsonNumber).text);
      return;
    case 'bool':
      out.push(v ? '1' : '0');
      return;
    case 'char':
      out.push(String((v as string).charCodeAt(0)));
      return;
    case 'string':
      out.push(`${Buffer.byteLength(v as string)} ${v as string}`);
      return;
    case 'TreeNode':
      out.push(String((v as Json[]).length));
      for (const x of v as Json[]) out.push(x === null ? '0' : `1 ${(x as JsonNumber).text}`);
      return;
    default:
      throw new Error(`no wire form for ${typeName(t)}`);
  }
}

/** Lines of a test's text, without the trailing empty ones (CRLF and LF alike). */
function lines(text: string): string[] {
  const all = text.split('\n').map((l) => l.replace(/\r$/, ''));
  while (all.length && all[all.length - 1].trim() === '') all.pop();
  return all;
}

function parse(text: string, what: string): Json {
  try {
    return parseJson(text);
  } catch (e) {
    if (e instanceof JsonSyntaxError) throw new TestDataError(`${what} is not JSON: ${e.message}`);
    throw e;
  }
}

/** Test data that does not fit the problem's signature; the message names the line and parameter. */
export class TestDataError extends Error {}

/** A design problem's calls, checked: method (null for the constructor) and its arguments. */
interface Call {
  method: number | null;
  args: Json[];
}

function checkArgs(params: ParamSpec[], args: Json, where: string): Json[] {
  if (!Array.isArray(args)) throw new TestDataError(`${where}: expected a JSON array of arguments`);
  if (args.length !== params.length) throw new TestDataError(`${where}: ${args.length} arguments for ${params.length} parameters`);
  params.forEach((p, i) => {
    const e = valueError(parseType(p.type), args[i]);
    if (e) throw new TestDataError(`${where}, ${p.name}: ${e}`);
  });
  return args;
}

function functionArgs(f: FunctionSpec, input: string): Json[] {
  const ls = lines(input);
  if (ls.length !== f.params.length) {
    throw new TestDataError(`input has ${ls.length} lines for ${f.params.length} parameters (${f.params.map((p) => p.name).join(', ') || 'none'}): one JSON value per line`);
  }
  return f.params.map((p, i) => {
    const v = parse(ls[i], `input line ${i + 1} (${p.name})`);
    const e = valueError(parseType(p.type), v);
    if (e) throw new TestDataError(`input line ${i + 1} (${p.name}: ${p.type}): ${e}`);
    return v;
  });
}

function classCalls(c: ClassSpec, input: string): Call[] {
  const ls = lines(input);
  if (ls.length !== 2) throw new TestDataError(`input has ${ls.length} lines; a design problem's input is 2 lines: method names, then argument lists`);
  const names = parse(ls[0], 'input line 1 (method names)');
  const args = parse(ls[1], 'input line 2 (argument lists)');
  if (!Array.isArray(names) || names.length === 0 || !names.every((n) => typeof n === 'string')) throw new TestDataError('input line 1: expected a non-empty JSON array of method names');
  if (!Array.isArray(args) || args.length !== names.length) throw new TestDataError(`input line 2: expected a JSON array of ${names.length} argument lists, one per call`);
  if (names[0] !== c.name) throw new TestDataError(`input line 1: the first call must be the constructor "${c.name}", got ${JSON.stringify(names[0])}`);
  return names.map((n, i) => {
    if (i === 0) return { method: null, args: checkArgs(ctorParams(c), args[0], `input line 2, call 1 (${c.name})`) };
    const m = c.methods.findIndex((x) => x.name === n);
    if (m < 0) throw new TestDataError(`input line 1, call ${i + 1}: "${n}" is not a method of ${c.name}`);
    return { method: m, args: checkArgs(c.methods[m].params, args[i], `input line 2, call ${i + 1} (${n})`) };
  });
}

/**
 * Checks one test against the signature: the input as DESIGN.md describes it and, unless
 * `output` is null, the expected result's type.
 * @throws TestDataError naming the line and parameter at fault.
 */
export function checkTestData(spec: HarnessSpec, input: string, output: string | null): void {
  if (spec.function) {
    functionArgs(spec.function, input);
    if (output === null) return;
    const f = spec.function;
    const t = f.returns === 'void' ? parseType(f.params[0].type) : parseType(f.returns, true);
    const e = valueError(t, parse(output.trim(), 'output'));
    if (e) throw new TestDataError(`output (${f.returns === 'void' ? `${f.params[0].name} after the call` : f.returns}): ${e}`);
  } else if (spec.class) {
    const calls = classCalls(spec.class, input);
    if (output === null) return;
    const out = parse(output.trim(), 'output');
    if (!Array.isArray(out) || out.length !== calls.length) throw new TestDataError(`output: expected a JSON array of ${calls.length} results, one per call`);
    calls.forEach((call, i) => {
      const returns = call.method === null ? 'void' : spec.class!.methods[call.method].returns;
      const e = valueError(parseType(returns, true), out[i]);
      if (e) throw new TestDataError(`output[${i}] (${call.method === null ? 'constructor' : spec.class!.methods[call.method].name}: ${returns}): ${e}`);
    });
  }
}

/**
 * A test's input in wire form (see above), for the drivers of compiled languages.
 * @throws TestDataError when the input does not fit the signature.
 */
export function wireInput(spec: HarnessSpec, input: string): string {
  const out: string[] = [];
  if (spec.function) {
    const args = functionArgs(spec.function, input);
    spec.function.params.forEach((p, i) => encodeWire(parseType(p.type), args[i], out));
  } else if (spec.class) {
    const c = spec.class;
    const calls = classCalls(c, input);
    out.push(String(calls.length));
    for (const call of calls) {
      const params = call.method === null ? ctorParams(c) : c.methods[call.method].params;
      if (call.method !== null) out.push(String(call.method));
      params.forEach((p, i) => encodeWire(parseType(p.type), call.args[i], out));
    }
  }
  return `${out.join('\n')}\n`;
}
