/**
 * The signature model of function problems ("Function problems, as LeetCode has them" in
 * DESIGN.md): the shapes problems declare, the types they may use, and their checks.
 */

/** Element types; arrays (`T[]`, `T[][]`) are of these. */
export const SCALAR_TYPES = ['int', 'long', 'double', 'bool', 'string', 'char'] as const;
export type ScalarType = (typeof SCALAR_TYPES)[number];
export type BaseType = ScalarType | 'ListNode' | 'TreeNode' | 'void';

/**
 * A parsed type: `int[][]` is `{ base: 'int', dims: 2 }`, `list<list<int>>` is `{ base: 'int',
 * dims: 2, list: true }`. Lists and arrays are the same JSON and the same value for most
 * languages; Java, C# and Kotlin declare them apart (`List<List<Integer>>` against `int[][]`), as
 * LeetCode does problem by problem.
 */
export interface HType {
  base: BaseType;
  dims: 0 | 1 | 2;
  /** The dimensions are lists (`list<T>`), not arrays. */
  list?: boolean;
}

export interface ParamSpec {
  name: string;
  /** A type as written: `int`, `string[]`, `int[][]`, `list<int>`, `list<list<string>>`, `ListNode`, `TreeNode`. */
  type: string;
}

/** `function: { name, params, returns, anyOrder? }` of a problem. */
export interface FunctionSpec {
  name: string;
  params: ParamSpec[];
  /** A type, or `void`: the result is then the first parameter after the call (in-place problems). */
  returns: string;
  /** The result's arrays may come in any order (at every level). Default false. */
  anyOrder?: boolean;
}

export interface MethodSpec {
  name: string;
  params: ParamSpec[];
  /** A type or `void`. */
  returns: string;
}

/** `class: { name, constructor: { params }, methods }` of a design problem. */
export interface ClassSpec {
  name: string;
  constructor?: { params: ParamSpec[] };
  methods: MethodSpec[];
}

/** What a function problem declares: exactly one of the two. */
export interface HarnessSpec {
  function?: FunctionSpec | null;
  class?: ClassSpec | null;
}

const TYPE = /^(int|long|double|bool|string|char|ListNode|TreeNode|void)((?:\[\])*)$/;
const LIST = /^list<(.*)>$/;

/**
 * Parses a type as written in a signature.
 * @throws Error saying why (`void` only where `allowVoid`; arrays only of scalars, at most 2-D).
 */
export function parseType(text: unknown, allowVoid = false): HType {
  const list = typeof text === 'string' ? LIST.exec(text.replace(/\s+/g, '')) : null;
  if (list) {
    let of: HType;
    try {
      of = parseType(list[1]);
    } catch (e) {
      throw new Error(`${text}: ${(e as Error).message}`);
    }
    if (of.base === 'ListNode' || of.base === 'TreeNode' || (of.dims > 0 && !of.list)) throw new Error(`${text}: a list holds int, long, double, bool, string, char or lists of them`);
    if (of.dims > 1) throw new Error(`${text}: lists have at most 2 dimensions`);
    return { base: of.base, dims: (of.dims + 1) as 1 | 2, list: true };
  }
  const m = typeof text === 'string' ? TYPE.exec(text.replace(/\s+/g, '')) : null;
  if (!m) throw new Error(`${JSON.stringify(text)} is not a type (int, long, double, bool, string, char, T[], T[][], list<T>, list<list<T>>, ListNode, TreeNode${allowVoid ? ', void' : ''})`);
  const base = m[1] as BaseType;
  const dims = m[2].length / 2;
  if (dims > 2) throw new Error(`${text}: arrays have at most 2 dimensions`);
  if (dims > 0 && (base === 'ListNode' || base === 'TreeNode' || base === 'void')) throw new Error(`${text}: arrays are of int, long, double, bool, string or char`);
  if (base === 'void' && !allowVoid) throw new Error('void is only a return type');
  return { base, dims: dims as 0 | 1 | 2 };
}

/** Identifiers valid in every harness language and not a keyword or a driver name in any of them. */
const IDENT = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;
const RESERVED = new Set(`
  abstract and as assert async auto await bool boolean break byte case catch char class const continue crate debugger def default
  del delete do double dyn elif else enum except export extends extern false final finally float fn for from function global goto
  if impl implements import in instanceof int interface is lambda let long loop match mod move mut namespace native new nonlocal
  None not null or package pass private protected pub public raise ref register return self Self short signed sizeof static
  strictfp struct super switch synchronized template this throw throws trait true True False try type typedef typeof union
  unsafe unsigned use using var virtual void volatile where while with yield main Main Solution ListNode TreeNode List
  Optional String Vec Box Rc RefCell Option Some std vector string printf malloc free exit System Object Math
`.trim().split(/\s+/));

/**
 * Keywords of Go and Kotlin that are common parameter names (Kotlin's \`val\`): templates escape
 * parameters, but a function, method or class keeps its name in every language.
 */
const RESERVED_ROUTINE = new Set('as chan defer fallthrough fun func go in is map object range select typealias val when'.split(' '));

function checkName(name: unknown, path: string, errors: string[], routine = false): void {
  if (typeof name !== 'string' || !IDENT.test(name)) errors.push(`${path} must be an identifier: a letter, then letters, digits or _ (at most 63)`);
  else if (RESERVED.has(name) || name.startsWith('oj') || (routine && RESERVED_ROUTINE.has(name))) errors.push(`${path} "${name}" is reserved in one of the harness languages`);
}

function checkParams(params: unknown, path: string, errors: string[]): void {
  if (!Array.isArray(params)) {
    errors.push(`${path} must be an array of { name, type }`);
    return;
  }
  if (params.length > 10) errors.push(`${path} has more than 10 parameters`);
  const seen = new Set<string>();
  params.forEach((p, i) => {
    if (typeof p !== 'object' || p === null || Array.isArray(p)) return errors.push(`${path}.${i} must be { name, type }`);
    unknownKeys(p, ['name', 'type'], `${path}.${i}`, errors);
    checkName(p.name, `${path}.${i}.name`, errors);
    if (seen.has(p.name)) errors.push(`${path}.${i}.name "${p.name}" is used twice`);
    seen.add(p.name);
    try {
      parseType(p.type);
    } catch (e) {
      errors.push(`${path}.${i}.type: ${(e as Error).message}`);
    }
  });
}

function unknownKeys(o: object, allowed: string[], path: string, errors: string[]): void {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) errors.push(`${path}.${k} is not a known field (${allowed.join(', ')})`);
}

function checkReturns(returns: unknown, path: string, errors: string[]): void {
  try {
    parseType(returns, true);
  } catch (e) {
    errors.push(`${path}: ${(e as Error).message}`);
  }
}

/**
 * Checks a problem's `function` / `class` declaration. Returns one message per fault, each
 * naming the field (`function.params.1.type: …`); empty when it is valid or absent.
 */
export function checkHarnessSpec(spec: HarnessSpec): string[] {
  const errors: string[] = [];
  const f = spec.function;
  const c = spec.class;
  if (f != null && c != null) return ['function, class: a problem declares a function or a class, not both'];
  if (f != null) {
    if (typeof f !== 'object' || Array.isArray(f)) return ['function must be { name, params, returns, anyOrder? }'];
    unknownKeys(f, ['name', 'params', 'returns', 'anyOrder'], 'function', errors);
    checkName(f.name, 'function.name', errors, true);
    checkParams(f.params, 'function.params', errors);
    checkReturns(f.returns, 'function.returns', errors);
    if (f.returns === 'void' && (!Array.isArray(f.params) || f.params.length === 0)) errors.push('function.returns: void needs a first parameter (the result is that parameter after the call)');
    if (f.anyOrder !== undefined && typeof f.anyOrder !== 'boolean') errors.push('function.anyOrder must be a boolean');
  }
  if (c != null) {
    if (typeof c !== 'object' || Array.isArray(c)) return ['class must be { name, constructor: { params }, methods }'];
    unknownKeys(c, ['name', 'constructor', 'methods'], 'class', errors);
    checkName(c.name, 'class.name', errors, true);
    const ctor = Object.prototype.hasOwnProperty.call(c, 'constructor') ? c.constructor : undefined;
    if (ctor === undefined) {
      // LeetCode's design problems always have one; none means no parameters.
    } else if (typeof ctor !== 'object' || ctor === null || Array.isArray(ctor)) errors.push('class.constructor must be { params }');
    else {
      unknownKeys(ctor, ['params'], 'class.constructor', errors);
      checkParams(ctor.params ?? [], 'class.constructor.params', errors);
    }
    if (!Array.isArray(c.methods) || c.methods.length === 0) errors.push('class.methods must be a non-empty array of { name, params, returns }');
    else {
      const seen = new Set<string>();
      c.methods.forEach((m, i) => {
        if (typeof m !== 'object' || m === null) return errors.push(`class.methods.${i} must be { name, params, returns }`);
        unknownKeys(m, ['name', 'params', 'returns'], `class.methods.${i}`, errors);
        checkName(m.name, `class.methods.${i}.name`, errors, true);
        if (seen.has(m.name)) errors.push(`class.methods.${i}.name "${m.name}" is declared twice`);
        seen.add(m.name);
        checkParams(m.params, `class.methods.${i}.params`, errors);
        checkReturns(m.returns, `class.methods.${i}.returns`, errors);
      });
    }
  }
  return errors;
}

/** The constructor's parameters (none when not declared). */
export function ctorParams(c: ClassSpec): ParamSpec[] {
  return Object.prototype.hasOwnProperty.call(c, 'constructor') && c.constructor?.params ? c.constructor.params : [];
}

/** `getMin` → `get_min` (Rust's names, as LeetCode writes them). */
export function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z])([A-Z][a-z])/g, '$1_$2').toLowerCase();
}
