import { HarnessGenerator, kindOf } from '../generator';
import { ctorParams, HType, ParamSpec, parseType } from '../signature';
import { allTypes, usedNodes } from './python';

/** JSDoc types as LeetCode writes them. */
function jsdoc(t: HType): string {
  if (t.base === 'void') return 'void';
  if (t.base === 'ListNode' || t.base === 'TreeNode') return t.base;
  let s = { int: 'number', long: 'number', double: 'number', bool: 'boolean', string: 'string', char: 'character' }[t.base];
  for (let i = 0; i < t.dims; i++) s = `${s}[]`;
  return s;
}

const LIST_COMMENT = `/**
 * Definition for singly-linked list.
 * function ListNode(val, next) {
 *     this.val = (val===undefined ? 0 : val)
 *     this.next = (next===undefined ? null : next)
 * }
 */
`;
const TREE_COMMENT = `/**
 * Definition for a binary tree node.
 * function TreeNode(val, left, right) {
 *     this.val = (val===undefined ? 0 : val)
 *     this.left = (left===undefined ? null : left)
 *     this.right = (right===undefined ? null : right)
 * }
 */
`;

const doc = (ps: ParamSpec[], returns: string | null, indent = '') => [
  `${indent}/**`, ...ps.map((p) => `${indent} * @param {${jsdoc(parseType(p.type))}} ${p.name}`),
  ...(returns === null ? [] : [`${indent} * @return {${jsdoc(parseType(returns, true))}}`]), `${indent} */`,
].join('\n');

/**
 * Appended after the user's code (so their lines keep their numbers): function declarations are
 * hoisted, so ListNode and TreeNode exist while the user's code runs, as on LeetCode.
 */
const DRIVER = `
;function ListNode(val, next) { this.val = (val === undefined ? 0 : val); this.next = (next === undefined ? null : next); }
function TreeNode(val, left, right) { this.val = (val === undefined ? 0 : val); this.left = (left === undefined ? null : left); this.right = (right === undefined ? null : right); }
(function ojMain(sig, lookup) {
  const fs = require('fs');
  const toList = (vals) => { let head = null; for (let i = vals.length - 1; i >= 0; i--) head = new ListNode(vals[i], head); return head; };
  const toTree = (vals) => {
    if (!vals.length) return null;
    const root = new TreeNode(vals[0]); const queue = [root]; let q = 0; let i = 1;
    while (q < queue.length && i < vals.length) {
      const node = queue[q++];
      if (i < vals.length && vals[i] !== null) { node.left = new TreeNode(vals[i]); queue.push(node.left); } i++;
      if (i < vals.length && vals[i] !== null) { node.right = new TreeNode(vals[i]); queue.push(node.right); } i++;
    }
    return root;
  };
  const arg = ([base], v) => (base === 'ListNode' ? toList(v) : base === 'TreeNode' ? toTree(v) : v);
  const out = ([base, dims], v) => {
    if (v === undefined) return null;
    if (v === null && base !== 'ListNode' && base !== 'TreeNode') return null;
    if (dims) return Array.from(v, (x) => out([base, dims - 1], x));
    if (base === 'ListNode') { const vals = []; for (let n = v; n; n = n.next) vals.push(n.val); return vals; }
    if (base === 'TreeNode') {
      const vals = []; const queue = v ? [v] : []; let q = 0;
      while (q < queue.length) { const n = queue[q++]; if (!n) { vals.push(null); continue; } vals.push(n.val); queue.push(n.left, n.right); }
      while (vals.length && vals[vals.length - 1] === null) vals.pop();
      return vals;
    }
    if (typeof v === 'bigint') return JSON.rawJSON ? JSON.rawJSON(v.toString()) : Number(v);
    if (base === 'bool') return !!v;
    return v;
  };
  const lines = fs.readFileSync(0, 'utf8').split('\\n').filter((l) => l.trim() !== '');
  let value;
  if (sig.function) {
    const f = sig.function;
    const args = f.params.map((t, i) => arg(t, JSON.parse(lines[i])));
    const result = lookup(f.name)(...args);
    value = f.returns === null ? out(f.params[0], args[0]) : out(f.returns, result);
  } else {
    const c = sig.class;
    const names = JSON.parse(lines[0]); const argLists = JSON.parse(lines[1]);
    const Cls = lookup(c.name);
    const obj = new Cls(...c.params.map((t, i) => arg(t, argLists[0][i])));
    value = [null];
    for (let k = 1; k < names.length; k++) {
      const m = c.methods[names[k]];
      const r = obj[names[k]](...m.params.map((t, i) => arg(t, argLists[k][i])));
      value.push(m.returns === null ? null : out(m.returns, r));
    }
  }
  const data = Buffer.from(JSON.stringify(value));
  for (let at = 0; at < data.length;) at += fs.writeSync(3, data, at);
})(SIG, (name) => eval(name));
`;

const tuple = (t: HType) => [t.base, t.dims];

/** JavaScript: a plain function (\`var twoSum = function(...)\`), or LeetCode's prototype-style class. */
export const javascript: HarnessGenerator = {
  language: 'javascript',
  template(spec) {
    const { fn, cls } = kindOf(spec);
    const used = usedNodes(allTypes(spec));
    const head = `${used.list ? LIST_COMMENT : ''}${used.tree ? TREE_COMMENT : ''}`;
    if (fn) return `${head}${doc(fn.params, fn.returns === 'void' ? 'void' : fn.returns)}\nvar ${fn.name} = function(${fn.params.map((p) => p.name).join(', ')}) {\n    \n};\n`;
    const c = cls!;
    const ctor = ctorParams(c);
    const methods = c.methods.map((m) => `${doc(m.params, m.returns)}\n${c.name}.prototype.${m.name} = function(${m.params.map((p) => p.name).join(', ')}) {\n    \n};\n`);
    const usage = [` * var obj = new ${c.name}(${ctor.map((p) => p.name).join(', ')})`,
      ...c.methods.map((m, i) => ` * ${m.returns === 'void' ? '' : `var param_${i + 2} = `}obj.${m.name}(${m.params.map((p) => p.name).join(', ')})`)];
    return `${head}${ctor.length ? `${doc(ctor, null)}\n` : ''}var ${c.name} = function(${ctor.map((p) => p.name).join(', ')}) {\n    \n};\n\n${methods.join('\n')}\n`
      + `/** \n * Your ${c.name} object will be instantiated and called as such:\n${usage.join('\n')}\n */\n`;
  },
  program: (spec, source) => nodeProgram(spec, source, 'main.js'),
};

/**
 * The user's code, then the driver, in one file (\`file\`): their lines keep their numbers. Shared
 * with TypeScript, whose compiler turns the same file into this JavaScript.
 */
export function nodeProgram(spec: Parameters<HarnessGenerator['program']>[0], source: string, file: string): ReturnType<HarnessGenerator['program']> {
  const { fn, cls } = kindOf(spec);
  const ret = (r: string) => (r === 'void' ? null : tuple(parseType(r, true)));
  const sig = fn
    ? { function: { name: fn.name, params: fn.params.map((p) => tuple(parseType(p.type))), returns: ret(fn.returns) } }
    : { class: { name: cls!.name, params: ctorParams(cls!).map((p) => tuple(parseType(p.type))),
      methods: Object.fromEntries(cls!.methods.map((m) => [m.name, { params: m.params.map((p) => tuple(parseType(p.type))), returns: ret(m.returns) }])) } };
  const code = `${source}${source.endsWith('\n') ? '' : '\n'}${DRIVER.replace('(SIG,', `(${JSON.stringify(sig)},`)}`;
  return { files: { [file]: code }, entry: file, userFile: file, jsonInput: true };
}
