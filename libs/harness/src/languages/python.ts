import { HarnessGenerator, kindOf } from '../generator';
import { ctorParams, HType, ParamSpec, parseType } from '../signature';

/** Python 3 type hints as LeetCode writes them. */
function hint(t: HType): string {
  if (t.base === 'void') return 'None';
  if (t.base === 'ListNode' || t.base === 'TreeNode') return `Optional[${t.base}]`;
  let s = { int: 'int', long: 'int', double: 'float', bool: 'bool', string: 'str', char: 'str' }[t.base];
  for (let i = 0; i < t.dims; i++) s = `List[${s}]`;
  return s;
}

const params = (ps: ParamSpec[]) => ['self', ...ps.map((p) => `${p.name}: ${hint(parseType(p.type))}`)].join(', ');

const LIST_COMMENT = `# Definition for singly-linked list.
# class ListNode:
#     def __init__(self, val=0, next=None):
#         self.val = val
#         self.next = next
`;
const TREE_COMMENT = `# Definition for a binary tree node.
# class TreeNode:
#     def __init__(self, val=0, left=None, right=None):
#         self.val = val
#         self.left = left
#         self.right = right
`;

/** Comments declaring ListNode / TreeNode when the signature uses them, as LeetCode's templates do. */
export function usedNodes(types: string[]): { list: boolean; tree: boolean } {
  return { list: types.some((t) => t.includes('ListNode')), tree: types.some((t) => t.includes('TreeNode')) };
}

export function allTypes(spec: Parameters<HarnessGenerator['template']>[0]): string[] {
  const { fn, cls } = kindOf(spec);
  if (fn) return [...fn.params.map((p) => p.type), fn.returns];
  return [...ctorParams(cls!).map((p) => p.type), ...cls!.methods.flatMap((m) => [...m.params.map((p) => p.type), m.returns])];
}

/** What the driver does before the user's code runs: LeetCode's imports and node classes. */
const PRELUDE = `from typing import *
from collections import *
from heapq import *
from bisect import *
from itertools import *
from functools import *
import collections, heapq, bisect, itertools, functools, math, string, re, random, operator, copy, sys
inf = math.inf

class ListNode:
    def __init__(self, val=0, next=None):
        self.val = val
        self.next = next

class TreeNode:
    def __init__(self, val=0, left=None, right=None):
        self.val = val
        self.left = left
        self.right = right
`;

const DRIVER = `import collections, json, os, sys

def _oj_main(sig):
    sys.setrecursionlimit(1000000)
    ns = {'__name__': 'solution', '__builtins__': __builtins__}
    exec(PRELUDE, ns)
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'solution.py')
    with open(path, 'rb') as f:
        src = f.read()
    try:
        code = compile(src, path, 'exec')
    except SyntaxError as e:
        # As CPython reports a program's syntax error: the judge then confirms it and says CE.
        import traceback
        sys.stderr.write(''.join(traceback.format_exception_only(type(e), e)))
        sys.exit(1)
    exec(code, ns)
    ListNode, TreeNode = ns['ListNode'], ns['TreeNode']

    def to_list(vals):
        head = None
        for v in reversed(vals):
            head = ListNode(v, head)
        return head

    def to_tree(vals):
        if not vals:
            return None
        root = TreeNode(vals[0])
        queue, i = collections.deque([root]), 1
        while queue and i < len(vals):
            node = queue.popleft()
            if i < len(vals) and vals[i] is not None:
                node.left = TreeNode(vals[i]); queue.append(node.left)
            i += 1
            if i < len(vals) and vals[i] is not None:
                node.right = TreeNode(vals[i]); queue.append(node.right)
            i += 1
        return root

    def arg(t, v):
        base, dims = t
        if base == 'ListNode': return to_list(v)
        if base == 'TreeNode': return to_tree(v)
        if base == 'double': return [arg((base, dims - 1), x) for x in v] if dims else float(v)
        return v

    def out(t, v):
        base, dims = t
        if v is None and base not in ('ListNode', 'TreeNode'): return None
        if dims: return [out((base, dims - 1), x) for x in v]
        if base == 'ListNode':
            vals = []
            while v is not None:
                vals.append(v.val); v = v.next
            return vals
        if base == 'TreeNode':
            vals, queue = [], collections.deque([v] if v is not None else [])
            while queue:
                node = queue.popleft()
                if node is None:
                    vals.append(None); continue
                vals.append(node.val); queue.append(node.left); queue.append(node.right)
            while vals and vals[-1] is None: vals.pop()
            return vals
        if base == 'double': return float(v)
        if base in ('int', 'long'): return int(v)
        if base == 'bool': return bool(v)
        return v

    lines = [l for l in sys.stdin.read().split('\\n') if l.strip()]
    if 'function' in sig:
        f = sig['function']
        args = [arg(t, json.loads(l)) for t, l in zip(f['params'], lines)]
        result = getattr(ns['Solution'](), f['name'])(*args)
        value = out(f['params'][0], args[0]) if f['returns'] is None else out(f['returns'], result)
    else:
        c = sig['class']
        names, arglists = json.loads(lines[0]), json.loads(lines[1])
        obj = ns[c['name']](*[arg(t, v) for t, v in zip(c['params'], arglists[0])])
        value = [None]
        for name, a in zip(names[1:], arglists[1:]):
            m = c['methods'][name]
            r = getattr(obj, name)(*[arg(t, v) for t, v in zip(m['params'], a)])
            value.append(None if m['returns'] is None else out(m['returns'], r))
    data = json.dumps(value, separators=(',', ':'), ensure_ascii=False).encode('utf-8')
    sys.stdout.flush()
    while data:
        data = data[os.write(3, data):]

_oj_main(SIG)
`;

const typeTuple = (t: HType) => [t.base, t.dims];

/**
 * Python 3: \`class Solution\` (or the design class) in solution.py, run by main.py. The same
 * harness serves every Python 3 interpreter (CPython \`python3\`, PyPy \`pypy3\`).
 */
function pythonHarness(language: string): HarnessGenerator {
  return {
    language,
    template(spec) {
      const { fn, cls } = kindOf(spec);
      const used = usedNodes(allTypes(spec));
      const head = `${used.list ? LIST_COMMENT : ''}${used.tree ? TREE_COMMENT : ''}`;
      if (fn) return `${head}class Solution:\n    def ${fn.name}(${params(fn.params)}) -> ${hint(parseType(fn.returns, true))}:\n        \n`;
      const c = cls!;
      const methods = c.methods.map((m) => `    def ${m.name}(${params(m.params)}) -> ${hint(parseType(m.returns, true))}:\n        \n`);
      const usage = [`# obj = ${c.name}(${ctorParams(c).map((p) => p.name).join(', ')})`,
        ...c.methods.map((m, i) => `# ${m.returns === 'void' ? '' : `param_${i + 2} = `}obj.${m.name}(${m.params.map((p) => p.name).join(', ')})`)];
      return `${head}class ${c.name}:\n\n    def __init__(${params(ctorParams(c))}):\n        \n\n${methods.join('\n')}\n\n`
        + `# Your ${c.name} object will be instantiated and called as such:\n${usage.join('\n')}\n`;
    },
    program(spec, source) {
      const { fn, cls } = kindOf(spec);
      const ret = (r: string) => (r === 'void' ? null : typeTuple(parseType(r, true)));
      const sig = fn
        ? { function: { name: fn.name, params: fn.params.map((p) => typeTuple(parseType(p.type))), returns: ret(fn.returns) } }
        : { class: { name: cls!.name, params: ctorParams(cls!).map((p) => typeTuple(parseType(p.type))),
          methods: Object.fromEntries(cls!.methods.map((m) => [m.name, { params: m.params.map((p) => typeTuple(parseType(p.type))), returns: ret(m.returns) }])) } };
      const driver = `PRELUDE = ${JSON.stringify(PRELUDE)}\nSIG = json.loads(${JSON.stringify(JSON.stringify(sig))})\n`;
      return { files: { 'main.py': DRIVER.replace('_oj_main(SIG)\n', `${driver}_oj_main(SIG)\n`), 'solution.py': source }, entry: 'main.py', userFile: 'solution.py', jsonInput: true };
    },
  };
}

export const python3 = pythonHarness('python3');
export const pypy3 = pythonHarness('pypy3');
