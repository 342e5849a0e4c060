import { HarnessGenerator, kindOf } from '../generator';
import { ctorParams, HType, ParamSpec, parseType } from '../signature';
import { nodeProgram } from './javascript';
import { allTypes, usedNodes } from './python';

/** TypeScript types as LeetCode writes them. */
function tsType(t: HType): string {
  if (t.base === 'void') return 'void';
  if (t.base === 'ListNode' || t.base === 'TreeNode') return `${t.base} | null`;
  return { int: 'number', long: 'number', double: 'number', bool: 'boolean', string: 'string', char: 'string' }[t.base] + '[]'.repeat(t.dims);
}

const LIST_COMMENT = `/**
 * Definition for singly-linked list.
 * class ListNode {
 *     val: number
 *     next: ListNode | null
 *     constructor(val?: number, next?: ListNode | null) {
 *         this.val = (val===undefined ? 0 : val)
 *         this.next = (next===undefined ? null : next)
 *     }
 * }
 */

`;
const TREE_COMMENT = `/**
 * Definition for a binary tree node.
 * class TreeNode {
 *     val: number
 *     left: TreeNode | null
 *     right: TreeNode | null
 *     constructor(val?: number, left?: TreeNode | null, right?: TreeNode | null) {
 *         this.val = (val===undefined ? 0 : val)
 *         this.left = (left===undefined ? null : left)
 *         this.right = (right===undefined ? null : right)
 *     }
 * }
 */

`;

const params = (ps: ParamSpec[]) => ps.map((p) => `${p.name}: ${tsType(parseType(p.type))}`).join(', ');

/**
 * TypeScript: a plain function (\`function twoSum(nums: number[], target: number): number[]\`) or a
 * \`class\`, as LeetCode's editor holds them; the JavaScript driver follows the user's code in
 * main.ts, which the language's compiler transpiles (types unchecked, as for programs).
 */
export const typescript: HarnessGenerator = {
  language: 'typescript',
  template(spec) {
    const { fn, cls } = kindOf(spec);
    const used = usedNodes(allTypes(spec));
    const head = `${used.list ? LIST_COMMENT : ''}${used.tree ? TREE_COMMENT : ''}`;
    if (fn) return `${head}function ${fn.name}(${params(fn.params)}): ${tsType(parseType(fn.returns, true))} {\n    \n};\n`;
    const c = cls!;
    const ctor = ctorParams(c);
    const methods = c.methods.map((m) => `    ${m.name}(${params(m.params)}): ${tsType(parseType(m.returns, true))} {\n        \n    }`);
    const usage = [` * var obj = new ${c.name}(${ctor.map((p) => p.name).join(', ')})`,
      ...c.methods.map((m, i) => ` * ${m.returns === 'void' ? '' : `var param_${i + 2} = `}obj.${m.name}(${m.params.map((p) => p.name).join(', ')})`)];
    return `${head}class ${c.name} {\n    constructor(${params(ctor)}) {\n        \n    }\n\n${methods.join('\n\n')}\n}\n\n`
      + `/**\n * Your ${c.name} object will be instantiated and called as such:\n${usage.join('\n')}\n */\n`;
  },
  program: (spec, source) => nodeProgram(spec, source, 'main.ts'),
};
