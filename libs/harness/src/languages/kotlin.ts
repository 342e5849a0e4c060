import { HarnessGenerator, kindOf, safeName } from '../generator';
import { ctorParams, HType, ParamSpec, parseType } from '../signature';
import { allTypes, usedNodes } from './python';

const SCALAR_KT: Record<string, string> = { int: 'Int', long: 'Long', double: 'Double', bool: 'Boolean', string: 'String', char: 'Char' };
/** Kotlin's primitive arrays (\`IntArray\`), as LeetCode uses them; strings go in \`Array<String>\`. */
const ARRAY_KT: Record<string, string> = { int: 'IntArray', long: 'LongArray', double: 'DoubleArray', bool: 'BooleanArray', string: 'Array<String>', char: 'CharArray' };
const READER: Record<string, string> = { int: 'Int', long: 'Long', double: 'Double', bool: 'Bool', string: 'String', char: 'Char' };
const KEYWORDS = new Set('as break class continue do else false for fun if in interface is null object package return super this throw true try typealias typeof val var when while'.split(' '));

/** Kotlin types as LeetCode writes them: primitive arrays, or \`List<List<Int>>\` for \`list<list<int>>\`. */
function ktType(t: HType): string {
  if (t.base === 'void') return 'Unit';
  if (t.base === 'ListNode' || t.base === 'TreeNode') return `${t.base}?`;
  if (t.dims === 0) return SCALAR_KT[t.base];
  if (t.list) return `${'List<'.repeat(t.dims)}${SCALAR_KT[t.base]}${'>'.repeat(t.dims)}`;
  if (t.dims === 1) return ARRAY_KT[t.base];
  return `Array<${ARRAY_KT[t.base]}>`;
}

const name = (p: ParamSpec) => safeName(p.name, KEYWORDS, (n) => `\`${n}\``);
const param = (p: ParamSpec) => `${name(p)}: ${ktType(parseType(p.type))}`;

/** A Kotlin expression reading one value of \`t\` from the wire form. */
function reader(t: HType): string {
  if (t.base === 'ListNode') return 'ojReadList()';
  if (t.base === 'TreeNode') return 'ojReadTree()';
  const one = `ojRead${READER[t.base]}()`;
  if (t.dims === 0) return one;
  if (t.list) return t.dims === 1 ? `List(ojReadInt()) { ${one} }` : `List(ojReadInt()) { List(ojReadInt()) { ${one} } }`;
  const row = `${t.base === 'string' ? 'Array' : ARRAY_KT[t.base]}(ojReadInt()) { ${one} }`;
  return t.dims === 1 ? row : `Array(ojReadInt()) { ${row} }`;
}

/** Writes a value: null lists and trees are \`[]\`, so their writer goes by the declared type. */
const write = (t: HType, expr: string) => (t.base === 'ListNode' ? `ojWriteList(${expr})` : t.base === 'TreeNode' ? `ojWriteTree(${expr})` : `ojWrite(${expr})`);

const LIST_COMMENT = `/**
 * Example:
 * var li = ListNode(5)
 * var v = li.\`val\`
 * Definition for singly-linked list.
 * class ListNode(var \`val\`: Int) {
 *     var next: ListNode? = null
 * }
 */
`;
const TREE_COMMENT = `/**
 * Example:
 * var ti = TreeNode(5)
 * var v = ti.\`val\`
 * Definition for a binary tree node.
 * class TreeNode(var \`val\`: Int) {
 *     var left: TreeNode? = null
 *     var right: TreeNode? = null
 * }
 */
`;

/** Imports on the user's first line, so their lines keep their numbers: java.util (PriorityQueue, TreeMap, …) and kotlin.math. */
const IMPORTS = 'import java.util.*; import kotlin.math.*; ';

const RUNTIME = String.raw`
class ListNode(var ` + '`val`' + String.raw`: Int) {
    var next: ListNode? = null
}

class TreeNode(var ` + '`val`' + String.raw`: Int) {
    var left: TreeNode? = null
    var right: TreeNode? = null
}

private var ojIn = ByteArray(0)
private var ojPos = 0
private val ojOut = StringBuilder()
private fun ojSkip() { while (ojPos < ojIn.size && ojIn[ojPos] <= 32) ojPos++ }
private fun ojReadLong(): Long {
    ojSkip()
    var neg = false
    if (ojIn[ojPos].toInt() == 45) { neg = true; ojPos++ }
    var v = 0L
    while (ojPos < ojIn.size && ojIn[ojPos] >= 48 && ojIn[ojPos] <= 57) { v = v * 10 + (ojIn[ojPos] - 48); ojPos++ }
    return if (neg) -v else v
}
private fun ojReadInt(): Int = ojReadLong().toInt()
private fun ojReadBool(): Boolean = ojReadLong() != 0L
private fun ojReadChar(): Char = ojReadLong().toChar()
private fun ojReadDouble(): Double {
    ojSkip()
    val s = ojPos
    while (ojPos < ojIn.size && ojIn[ojPos] > 32) ojPos++
    return String(ojIn, s, ojPos - s, Charsets.US_ASCII).toDouble()
}
private fun ojReadString(): String {
    val n = ojReadInt()
    ojPos++
    val s = String(ojIn, ojPos, n, Charsets.UTF_8)
    ojPos += n
    return s
}
private fun ojReadList(): ListNode? {
    val vals = IntArray(ojReadInt()) { ojReadInt() }
    var head: ListNode? = null
    for (i in vals.indices.reversed()) { val n = ListNode(vals[i]); n.next = head; head = n }
    return head
}
private fun ojReadTree(): TreeNode? {
    val n = ojReadInt()
    val nodes = arrayOfNulls<TreeNode>(n)
    for (i in 0 until n) if (ojReadLong() != 0L) nodes[i] = TreeNode(ojReadInt())
    var child = 1
    for (i in 0 until n) {
        if (child >= n) break
        val node = nodes[i] ?: continue
        node.left = nodes[child++]
        if (child < n) node.right = nodes[child++]
    }
    return if (n > 0) nodes[0] else null
}
private fun ojStr(s: String) {
    ojOut.append('"')
    for (c in s) {
        when {
            c == '"' || c == '\\' -> ojOut.append('\\').append(c)
            c < ' ' -> ojOut.append(String.format("\\u%04x", c.toInt()))
            else -> ojOut.append(c)
        }
    }
    ojOut.append('"')
}
private fun ojSeq(a: Iterable<*>) {
    ojOut.append('[')
    var first = true
    for (x in a) { if (!first) ojOut.append(','); first = false; ojWrite(x) }
    ojOut.append(']')
}
private fun ojWrite(v: Any?) {
    when (v) {
        null -> ojOut.append("null")
        is String -> ojStr(v)
        is Char -> ojStr(v.toString())
        is Double -> ojOut.append(if (v.isFinite()) v.toString() else "null")
        is Number, is Boolean -> ojOut.append(v.toString())
        is IntArray -> ojSeq(v.asIterable())
        is LongArray -> ojSeq(v.asIterable())
        is DoubleArray -> ojSeq(v.asIterable())
        is BooleanArray -> ojSeq(v.asIterable())
        is CharArray -> ojSeq(v.asIterable())
        is Array<*> -> ojSeq(v.asIterable())
        is Iterable<*> -> ojSeq(v)
        is ListNode -> ojWriteList(v)
        is TreeNode -> ojWriteTree(v)
        else -> ojStr(v.toString())
    }
}
private fun ojWriteList(head: ListNode?) {
    ojOut.append('[')
    var n = head
    while (n != null) { ojOut.append(n.` + '`val`' + String.raw`); if (n.next != null) ojOut.append(','); n = n.next }
    ojOut.append(']')
}
private fun ojWriteTree(root: TreeNode?) {
    val q = ArrayList<TreeNode?>()
    if (root != null) q.add(root)
    var last = -1
    var i = 0
    while (i < q.size) { val n = q[i]; if (n != null) { last = i; q.add(n.left); q.add(n.right) }; i++ }
    ojOut.append('[')
    for (k in 0..last) { if (k > 0) ojOut.append(','); val n = q[k]; ojOut.append(if (n == null) "null" else n.` + '`val`' + String.raw`.toString()) }
    ojOut.append(']')
}
private fun ojEmit() {
    System.out.flush()
    // fd 3, the result channel: reopened through /proc, as Java does.
    java.io.FileOutputStream("/proc/self/fd/3", true).use { it.write(ojOut.toString().toByteArray(Charsets.UTF_8)) }
}
`;

const readArgs = (ps: ParamSpec[], indent: string) => ps.map((p, i) => `${indent}val ojA${i} = ${reader(parseType(p.type))}\n`).join('');
const args = (ps: ParamSpec[]) => ps.map((_, i) => `ojA${i}`).join(', ');

function driver(spec: Parameters<HarnessGenerator['program']>[0]): string {
  const { fn, cls } = kindOf(spec);
  let body: string;
  if (fn) {
    const call = `Solution().${fn.name}(${args(fn.params)})`;
    body = readArgs(fn.params, '    ') + (fn.returns === 'void'
      ? `    ${call}\n    ${write(parseType(fn.params[0].type), 'ojA0')}\n`
      : `    ${write(parseType(fn.returns, true), call)}\n`);
  } else {
    const c = cls!;
    const cases = c.methods.map((m, i) => {
      const call = `ojObj.${m.name}(${args(m.params)})`;
      return `            ${i} -> {\n${readArgs(m.params, '                ')}                ${m.returns === 'void' ? `${call}; ojOut.append("null")` : write(parseType(m.returns, true), call)}\n            }\n`;
    });
    body = `    val ojCalls = ojReadInt()\n${readArgs(ctorParams(c), '    ')}    val ojObj = ${c.name}(${args(ctorParams(c))})\n    ojOut.append("[null")\n`
      + `    for (ojI in 1 until ojCalls) {\n        ojOut.append(',')\n        when (ojReadInt()) {\n${cases.join('')}        }\n    }\n    ojOut.append(']')\n`;
  }
  return `fun main() {\n    ojIn = System.\`in\`.readBytes()\n${body}    ojEmit()\n}\n`;
}

/**
 * Kotlin: \`class Solution\` (or the design class) as LeetCode's editor holds it, \`IntArray\` and
 * \`Array<String>\` for arrays, \`\`val\`\` in backquotes. main.kt: the imports on the user's first
 * line, their code, then the driver (\`fun main\`, so the program's class is MainKt).
 */
export const kotlin: HarnessGenerator = {
  language: 'kotlin',
  template(spec) {
    const { fn, cls } = kindOf(spec);
    const used = usedNodes(allTypes(spec));
    const head = `${used.list ? LIST_COMMENT : ''}${used.tree ? TREE_COMMENT : ''}`;
    if (fn) return `${head}class Solution {\n    fun ${fn.name}(${fn.params.map(param).join(', ')}): ${ktType(parseType(fn.returns, true))} {\n        \n    }\n}\n`;
    const c = cls!;
    const ctor = ctorParams(c);
    const methods = c.methods.map((m) => `    fun ${m.name}(${m.params.map(param).join(', ')})${m.returns === 'void' ? '' : `: ${ktType(parseType(m.returns, true))}`} {\n        \n    }`);
    const usage = [` * var obj = ${c.name}(${ctor.map(name).join(', ')})`,
      ...c.methods.map((m, i) => ` * ${m.returns === 'void' ? '' : `var param_${i + 2} = `}obj.${m.name}(${m.params.map(name).join(', ')})`)];
    return `${head}class ${c.name}(${ctor.map(param).join(', ')}) {\n\n${methods.join('\n\n')}\n\n}\n\n`
      + `/**\n * Your ${c.name} object will be instantiated and called as such:\n${usage.join('\n')}\n */\n`;
  },
  program(spec, source) {
    const main = `${IMPORTS}${source}${source.endsWith('\n') ? '' : '\n'}${RUNTIME}${driver(spec)}`;
    return { files: { 'main.kt': main }, entry: 'main.kt', userFile: 'main.kt', jsonInput: false };
  },
};
