import { HarnessGenerator, kindOf, safeName } from '../generator';
import { ctorParams, HType, ParamSpec, parseType } from '../signature';
import { allTypes, usedNodes } from './python';

const SCALAR_SCALA: Record<string, string> = { int: 'Int', long: 'Long', double: 'Double', bool: 'Boolean', string: 'String', char: 'Char' };
const READER: Record<string, string> = { int: 'Int', long: 'Long', double: 'Double', bool: 'Bool', string: 'Str', char: 'Char' };
const KEYWORDS = new Set(`abstract case catch class def do else extends false final finally for forSome if implicit import lazy match new null object
  override package private protected return sealed super this throw trait try true type val var while with yield`.split(/\s+/));

/** Scala types as LeetCode writes them: \`Array[Array[Int]]\`, or \`List[List[Int]]\` for \`list<list<int>>\`. */
function scalaType(t: HType): string {
  if (t.base === 'void') return 'Unit';
  if (t.base === 'ListNode' || t.base === 'TreeNode') return t.base;
  const box = t.list ? 'List' : 'Array';
  return `${`${box}[`.repeat(t.dims)}${SCALAR_SCALA[t.base]}${']'.repeat(t.dims)}`;
}

const name = (p: ParamSpec) => safeName(p.name, KEYWORDS, (n) => `\`${n}\``);
const param = (p: ParamSpec) => `${name(p)}: ${scalaType(parseType(p.type))}`;

/** A Scala expression reading one value of \`t\` from the wire form. */
function reader(t: HType): string {
  if (t.base === 'ListNode') return 'readList()';
  if (t.base === 'TreeNode') return 'readTree()';
  const one = `read${READER[t.base]}()`;
  const box = t.list ? 'List' : 'Array';
  if (t.dims === 0) return one;
  if (t.dims === 1) return `${box}.fill(readInt())(${one})`;
  return `${box}.fill(readInt())(${box}.fill(readInt())(${one}))`;
}

/** Writes a value: null lists and trees are \`[]\`, so their writer goes by the declared type. */
const write = (t: HType, expr: string) => (t.base === 'ListNode' ? `writeList(${expr})` : t.base === 'TreeNode' ? `writeTree(${expr})` : `write(${expr})`);

const LIST_COMMENT = `/**
 * Definition for singly-linked list.
 * class ListNode(_x: Int = 0, _next: ListNode = null) {
 *   var next: ListNode = _next
 *   var x: Int = _x
 * }
 */
`;
const TREE_COMMENT = `/**
 * Definition for a binary tree node.
 * class TreeNode(_value: Int = 0, _left: TreeNode = null, _right: TreeNode = null) {
 *   var value: Int = _value
 *   var left: TreeNode = _left
 *   var right: TreeNode = _right
 * }
 */
`;

const RUNTIME = String.raw`
class ListNode(_x: Int = 0, _next: ListNode = null) {
  var next: ListNode = _next
  var x: Int = _x
}

class TreeNode(_value: Int = 0, _left: TreeNode = null, _right: TreeNode = null) {
  var value: Int = _value
  var left: TreeNode = _left
  var right: TreeNode = _right
}

object OjMain {
  private var in: Array[Byte] = Array.emptyByteArray
  private var pos = 0
  private val out = new java.lang.StringBuilder
  private def skip(): Unit = while (pos < in.length && in(pos) <= 32) pos += 1
  private def readLong(): Long = {
    skip()
    var neg = false
    if (in(pos) == 45) { neg = true; pos += 1 }
    var v = 0L
    while (pos < in.length && in(pos) >= 48 && in(pos) <= 57) { v = v * 10 + (in(pos) - 48); pos += 1 }
    if (neg) -v else v
  }
  private def readInt(): Int = readLong().toInt
  private def readBool(): Boolean = readLong() != 0L
  private def readChar(): Char = readLong().toChar
  private def readDouble(): Double = {
    skip()
    val s = pos
    while (pos < in.length && in(pos) > 32) pos += 1
    new String(in, s, pos - s, java.nio.charset.StandardCharsets.US_ASCII).toDouble
  }
  private def readStr(): String = {
    val n = readInt()
    pos += 1
    val s = new String(in, pos, n, java.nio.charset.StandardCharsets.UTF_8)
    pos += n
    s
  }
  private def readList(): ListNode = {
    val vals = Array.fill(readInt())(readInt())
    var head: ListNode = null
    for (i <- vals.indices.reverse) head = new ListNode(vals(i), head)
    head
  }
  private def readTree(): TreeNode = {
    val n = readInt()
    val nodes = new Array[TreeNode](n)
    for (i <- 0 until n) if (readLong() != 0L) nodes(i) = new TreeNode(readInt())
    var child = 1
    var i = 0
    while (i < n && child < n) {
      if (nodes(i) != null) {
        nodes(i).left = nodes(child); child += 1
        if (child < n) { nodes(i).right = nodes(child); child += 1 }
      }
      i += 1
    }
    if (n > 0) nodes(0) else null
  }
  private def str(s: String): Unit = {
    out.append('"')
    for (c <- s) {
      if (c == '"' || c == '\\') out.append('\\').append(c)
      else if (c < ' ') out.append("\\u%04x".format(c.toInt))
      else out.append(c)
    }
    out.append('"')
  }
  private def seq(items: Iterator[Any]): Unit = {
    out.append('[')
    var first = true
    for (x <- items) { if (!first) out.append(','); first = false; write(x) }
    out.append(']')
  }
  private def write(v: Any): Unit = v match {
    case null => out.append("null")
    case s: String => str(s)
    case c: Char => str(c.toString)
    case d: Double => out.append(if (d.isNaN || d.isInfinite) "null" else d.toString)
    case x @ (_: Int | _: Long | _: Boolean | _: Short | _: Byte | _: Float) => out.append(x.toString)
    case a: Array[_] => seq(Iterator.tabulate(scala.runtime.ScalaRunTime.array_length(a))(i => scala.runtime.ScalaRunTime.array_apply(a, i)))
    case t: TraversableOnce[_] => seq(t.toIterator)
    case t: java.lang.Iterable[_] => seq(scala.collection.JavaConverters.iterableAsScalaIterableConverter(t).asScala.iterator)
    case n: ListNode => writeList(n)
    case n: TreeNode => writeTree(n)
    case other => str(other.toString)
  }
  private def writeList(head: ListNode): Unit = {
    out.append('[')
    var n = head
    while (n != null) { out.append(n.x); if (n.next != null) out.append(','); n = n.next }
    out.append(']')
  }
  private def writeTree(root: TreeNode): Unit = {
    val q = new java.util.ArrayList[TreeNode]()
    if (root != null) q.add(root)
    var last = -1
    var i = 0
    while (i < q.size) { val n = q.get(i); if (n != null) { last = i; q.add(n.left); q.add(n.right) }; i += 1 }
    out.append('[')
    for (k <- 0 to last) { if (k > 0) out.append(','); val n = q.get(k); out.append(if (n == null) "null" else n.value.toString) }
    out.append(']')
  }
  private def emit(): Unit = {
    System.out.flush()
    Console.out.flush()
    // fd 3, the result channel: reopened through /proc, as Java does.
    val f = new java.io.FileOutputStream("/proc/self/fd/3", true)
    try f.write(out.toString.getBytes(java.nio.charset.StandardCharsets.UTF_8)) finally f.close()
  }
`;

const readArgs = (ps: ParamSpec[], indent: string) => ps.map((p, i) => `${indent}val ojA${i} = ${reader(parseType(p.type))}\n`).join('');
const args = (ps: ParamSpec[]) => ps.map((_, i) => `ojA${i}`).join(', ');

function driver(spec: Parameters<HarnessGenerator['program']>[0]): string {
  const { fn, cls } = kindOf(spec);
  let body: string;
  if (fn) {
    const call = `Solution.${fn.name}(${args(fn.params)})`;
    body = readArgs(fn.params, '    ') + (fn.returns === 'void'
      ? `    ${call}\n    ${write(parseType(fn.params[0].type), 'ojA0')}\n`
      : `    ${write(parseType(fn.returns, true), call)}\n`);
  } else {
    const c = cls!;
    const cases = c.methods.map((m, i) => {
      const call = `ojObj.${m.name}(${args(m.params)})`;
      return `        case ${i} =>\n${readArgs(m.params, '          ')}          ${m.returns === 'void' ? `${call}; out.append("null")` : write(parseType(m.returns, true), call)}\n`;
    });
    body = `    val ojCalls = readInt()\n${readArgs(ctorParams(c), '    ').replace(/ojA/g, 'ojC')}    val ojObj = new ${c.name}(${args(ctorParams(c)).replace(/ojA/g, 'ojC')})\n    out.append("[null")\n`
      + `    for (_ <- 1 until ojCalls) {\n      out.append(',')\n      readInt() match {\n${cases.join('')}      }\n    }\n    out.append(']')\n`;
  }
  return `  def main(args: Array[String]): Unit = {\n    in = System.in.readAllBytes()\n${body}    emit()\n  }\n}\n`;
}

/**
 * Scala: \`object Solution\` (or the design class) as LeetCode's editor holds it, \`Array[Int]\`,
 * \`ListNode\` with its \`x\`, \`TreeNode\` with its \`value\`. main.scala: the user's code, then the
 * node classes and the driver (\`object OjMain\`, the program's entry).
 */
export const scala: HarnessGenerator = {
  language: 'scala',
  template(spec) {
    const { fn, cls } = kindOf(spec);
    const used = usedNodes(allTypes(spec));
    const head = `${used.list ? LIST_COMMENT : ''}${used.tree ? TREE_COMMENT : ''}`;
    if (fn) return `${head}object Solution {\n    def ${fn.name}(${fn.params.map(param).join(', ')}): ${scalaType(parseType(fn.returns, true))} = {\n        \n    }\n}\n`;
    const c = cls!;
    const ctor = ctorParams(c);
    const methods = c.methods.map((m) => `    def ${m.name}(${m.params.map(param).join(', ')}): ${scalaType(parseType(m.returns, true))} = {\n        \n    }`);
    const usage = [` * val obj = new ${c.name}(${ctor.map(name).join(', ')})`,
      ...c.methods.map((m, i) => ` * ${m.returns === 'void' ? '' : `val param_${i + 2} = `}obj.${m.name}(${m.params.map(name).join(', ')})`)];
    return `${head}class ${c.name}(${ctor.map(param).join(', ')}) {\n\n${methods.join('\n\n')}\n\n}\n\n`
      + `/**\n * Your ${c.name} object will be instantiated and called as such:\n${usage.join('\n')}\n */\n`;
  },
  program(spec, source) {
    const main = `${source}${source.endsWith('\n') ? '' : '\n'}${RUNTIME}${driver(spec)}`;
    return { files: { 'main.scala': main }, entry: 'main.scala', userFile: 'main.scala', jsonInput: false };
  },
};
