import { HarnessGenerator, kindOf } from '../generator';
import { ctorParams, HType, ParamSpec, parseType } from '../signature';
import { allTypes, usedNodes } from './python';

const SCALAR_JAVA: Record<string, string> = { int: 'int', long: 'long', double: 'double', bool: 'boolean', string: 'String', char: 'char' };
const READER: Record<string, string> = { int: 'Int', long: 'Long', double: 'Double', bool: 'Bool', string: 'Str', char: 'Char' };

const BOXED_JAVA: Record<string, string> = { int: 'Integer', long: 'Long', double: 'Double', bool: 'Boolean', string: 'String', char: 'Character' };

/** Java types as LeetCode writes them: arrays (\`int[][]\`), or lists for \`list<T>\` (\`List<List<Integer>>\`). */
function javaType(t: HType): string {
  if (t.base === 'void') return 'void';
  if (t.base === 'ListNode' || t.base === 'TreeNode') return t.base;
  if (t.list) return `${'List<'.repeat(t.dims)}${BOXED_JAVA[t.base]}${'>'.repeat(t.dims)}`;
  return SCALAR_JAVA[t.base] + '[]'.repeat(t.dims);
}

const param = (p: ParamSpec) => `${javaType(parseType(p.type))} ${p.name}`;
const readExpr = (t: HType) => (t.base === 'ListNode' ? 'readList()' : t.base === 'TreeNode' ? 'readTree()' : `read${READER[t.base]}${t.list ? 'L' : ''}${t.dims ? t.dims : ''}()`);
/** Writes a value: null lists and trees are \`[]\`, so their writer goes by the declared type. */
const writeCall = (t: HType, expr: string) => (t.base === 'ListNode' ? `writeList(${expr})` : t.base === 'TreeNode' ? `writeTree(${expr})` : `write(${expr})`);
/**
 * Declares and reads each argument under the driver's own names (\`prefix\` 0, 1, …): Java refuses a
 * local declared twice in one method, which a constructor's and a method's parameters of the same
 * name would be.
 */
const readParams = (ps: ParamSpec[], indent: string, prefix = 'ojA') => ps.map((p, i) => `${indent}${javaType(parseType(p.type))} ${prefix}${i} = ${readExpr(parseType(p.type))};`).join('\n');
const args = (ps: ParamSpec[], prefix = 'ojA') => ps.map((_, i) => `${prefix}${i}`).join(', ');

const LIST_COMMENT = `/**
 * Definition for singly-linked list.
 * public class ListNode {
 *     int val;
 *     ListNode next;
 *     ListNode() {}
 *     ListNode(int val) { this.val = val; }
 *     ListNode(int val, ListNode next) { this.val = val; this.next = next; }
 * }
 */
`;
const TREE_COMMENT = `/**
 * Definition for a binary tree node.
 * public class TreeNode {
 *     int val;
 *     TreeNode left;
 *     TreeNode right;
 *     TreeNode() {}
 *     TreeNode(int val) { this.val = val; }
 *     TreeNode(int val, TreeNode left, TreeNode right) {
 *         this.val = val;
 *         this.left = left;
 *         this.right = right;
 *     }
 * }
 */
`;

const LIST_NODE = `public class ListNode {
    public int val;
    public ListNode next;
    public ListNode() {}
    public ListNode(int val) { this.val = val; }
    public ListNode(int val, ListNode next) { this.val = val; this.next = next; }
}
`;
const TREE_NODE = `public class TreeNode {
    public int val;
    public TreeNode left;
    public TreeNode right;
    public TreeNode() {}
    public TreeNode(int val) { this.val = val; }
    public TreeNode(int val, TreeNode left, TreeNode right) { this.val = val; this.left = left; this.right = right; }
}
`;

/** Put on the user's first line (no newline), so their lines keep their numbers: LeetCode's imports. */
const IMPORTS = 'import java.util.*; import java.util.function.*; import java.util.stream.*; import java.math.*; ';

const scalarReaders = ['int', 'long', 'double', 'bool', 'string', 'char'].map((b) => {
  const jt = SCALAR_JAVA[b];
  const r = READER[b];
  return `    static ${jt}[] read${r}1() { int n = readInt(); ${jt}[] a = new ${jt}[n]; for (int i = 0; i < n; i++) a[i] = read${r}(); return a; }
    static ${jt}[][] read${r}2() { int n = readInt(); ${jt}[][] a = new ${jt}[n][]; for (int i = 0; i < n; i++) a[i] = read${r}1(); return a; }
    static List<${BOXED_JAVA[b]}> read${r}L1() { int n = readInt(); List<${BOXED_JAVA[b]}> a = new ArrayList<>(n); for (int i = 0; i < n; i++) a.add(read${r}()); return a; }
    static List<List<${BOXED_JAVA[b]}>> read${r}L2() { int n = readInt(); List<List<${BOXED_JAVA[b]}>> a = new ArrayList<>(n); for (int i = 0; i < n; i++) a.add(read${r}L1()); return a; }`;
}).join('\n');

const RUNTIME = String.raw`    static byte[] in;
    static int pos;
    static final StringBuilder out = new StringBuilder();
    static void load() throws java.io.IOException { in = System.in.readAllBytes(); }
    static void skip() { while (pos < in.length && in[pos] <= ' ') pos++; }
    static long readLong() {
        skip();
        boolean neg = false;
        if (in[pos] == '-') { neg = true; pos++; }
        long v = 0;
        while (pos < in.length && in[pos] >= '0' && in[pos] <= '9') v = v * 10 + (in[pos++] - '0');
        return neg ? -v : v;
    }
    static int readInt() { return (int) readLong(); }
    static double readDouble() { skip(); int s = pos; while (pos < in.length && in[pos] > ' ') pos++; return Double.parseDouble(new String(in, s, pos - s, java.nio.charset.StandardCharsets.US_ASCII)); }
    static boolean readBool() { return readLong() != 0; }
    static char readChar() { return (char) readLong(); }
    static String readStr() { int n = readInt(); pos++; String s = new String(in, pos, n, java.nio.charset.StandardCharsets.UTF_8); pos += n; return s; }
${scalarReaders}
    static ListNode readList() { int[] v = readInt1(); ListNode head = null; for (int i = v.length - 1; i >= 0; i--) head = new ListNode(v[i], head); return head; }
    static TreeNode readTree() {
        int n = readInt();
        TreeNode[] nodes = new TreeNode[n];
        for (int i = 0; i < n; i++) if (readLong() != 0) nodes[i] = new TreeNode(readInt());
        int child = 1;
        for (int i = 0; i < n && child < n; i++) {
            if (nodes[i] == null) continue;
            if (child < n) nodes[i].left = nodes[child++];
            if (child < n) nodes[i].right = nodes[child++];
        }
        return n > 0 ? nodes[0] : null;
    }
    static void str(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') out.append('\\').append(c);
            else if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
            else out.append(c);
        }
        out.append('"');
    }
    static void write(Object v) {
        if (v == null) out.append("null");
        else if (v instanceof String) str((String) v);
        else if (v instanceof Character) str(String.valueOf((char) (Character) v));
        else if (v instanceof Double) { double d = (Double) v; out.append(Double.isFinite(d) ? Double.toString(d) : "null"); }
        else if (v instanceof Number || v instanceof Boolean) out.append(v);
        else if (v instanceof ListNode) writeList((ListNode) v);
        else if (v instanceof TreeNode) writeTree((TreeNode) v);
        else if (v instanceof int[]) { int[] a = (int[]) v; out.append('['); for (int i = 0; i < a.length; i++) { if (i > 0) out.append(','); out.append(a[i]); } out.append(']'); }
        else if (v instanceof long[]) { long[] a = (long[]) v; out.append('['); for (int i = 0; i < a.length; i++) { if (i > 0) out.append(','); out.append(a[i]); } out.append(']'); }
        else if (v instanceof double[]) { double[] a = (double[]) v; out.append('['); for (int i = 0; i < a.length; i++) { if (i > 0) out.append(','); write(a[i]); } out.append(']'); }
        else if (v instanceof boolean[]) { boolean[] a = (boolean[]) v; out.append('['); for (int i = 0; i < a.length; i++) { if (i > 0) out.append(','); out.append(a[i]); } out.append(']'); }
        else if (v instanceof char[]) { char[] a = (char[]) v; out.append('['); for (int i = 0; i < a.length; i++) { if (i > 0) out.append(','); write(a[i]); } out.append(']'); }
        else if (v instanceof Object[]) { Object[] a = (Object[]) v; out.append('['); for (int i = 0; i < a.length; i++) { if (i > 0) out.append(','); write(a[i]); } out.append(']'); }
        else if (v instanceof Iterable) { out.append('['); boolean first = true; for (Object x : (Iterable<?>) v) { if (!first) out.append(','); first = false; write(x); } out.append(']'); }
        else str(String.valueOf(v));
    }
    static void writeList(ListNode head) { out.append('['); for (ListNode n = head; n != null; n = n.next) { out.append(n.val); if (n.next != null) out.append(','); } out.append(']'); }
    static void writeTree(TreeNode root) {
        out.append('[');
        if (root != null) {
            java.util.ArrayList<TreeNode> q = new java.util.ArrayList<>();
            q.add(root);
            int last = 0;
            for (int i = 0; i < q.size(); i++) if (q.get(i) != null) { last = i; q.add(q.get(i).left); q.add(q.get(i).right); }
            for (int i = 0; i <= last; i++) { if (i > 0) out.append(','); out.append(q.get(i) == null ? "null" : String.valueOf(q.get(i).val)); }
        }
        out.append(']');
    }
    static void emit() throws java.io.IOException {
        System.out.flush();
        // fd 3, the result channel: Java opens no raw fds, but /proc/self/fd/3 reopens the same file.
        try (java.io.FileOutputStream f = new java.io.FileOutputStream("/proc/self/fd/3", true)) {
            f.write(out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }
`;

function driver(spec: Parameters<HarnessGenerator['program']>[0]): string {
  const { fn, cls } = kindOf(spec);
  let body: string;
  if (fn) {
    const call = `new Solution().${fn.name}(${args(fn.params)})`;
    body = `${readParams(fn.params, '        ')}\n${fn.returns === 'void' ? `        ${call};\n        ${writeCall(parseType(fn.params[0].type), 'ojA0')};` : `        ${writeCall(parseType(fn.returns, true), call)};`}`;
  } else {
    const c = cls!;
    const ctor = ctorParams(c);
    const cases = c.methods.map((m, i) => {
      const call = `ojObj.${m.name}(${args(m.params)})`;
      return `                case ${i}: {\n${readParams(m.params, '                    ')}\n                    ${m.returns === 'void' ? `${call}; out.append("null");` : `${writeCall(parseType(m.returns, true), call)};`}\n                    break;\n                }`;
    });
    body = `        int ojCalls = readInt();\n${readParams(ctor, '        ', 'ojC')}\n        ${c.name} ojObj = new ${c.name}(${args(ctor, 'ojC')});\n        out.append("[null");\n`
      + `        for (int ojI = 1; ojI < ojCalls; ojI++) {\n            out.append(',');\n            switch (readInt()) {\n${cases.join('\n')}\n            }\n        }\n        out.append(']');`;
  }
  return `import java.util.*;\n\npublic class Main {\n${RUNTIME}\n    public static void main(String[] args) throws Exception {\n        load();\n${body}\n        emit();\n    }\n}\n`;
}

/** Java: \`class Solution\` (or the design class) in its own file, LeetCode's imports on its first line; Main.java drives it. */
export const java: HarnessGenerator = {
  language: 'java',
  template(spec) {
    const { fn, cls } = kindOf(spec);
    const used = usedNodes(allTypes(spec));
    const head = `${used.list ? LIST_COMMENT : ''}${used.tree ? TREE_COMMENT : ''}`;
    if (fn) return `${head}class Solution {\n    public ${javaType(parseType(fn.returns, true))} ${fn.name}(${fn.params.map(param).join(', ')}) {\n        \n    }\n}\n`;
    const c = cls!;
    const ctor = ctorParams(c);
    const methods = c.methods.map((m) => `    public ${javaType(parseType(m.returns, true))} ${m.name}(${m.params.map(param).join(', ')}) {\n        \n    }`);
    const usage = [` * ${c.name} obj = new ${c.name}(${ctor.map((p) => p.name).join(',')});`,
      ...c.methods.map((m, i) => ` * ${m.returns === 'void' ? '' : `${javaType(parseType(m.returns, true))} param_${i + 2} = `}obj.${m.name}(${m.params.map((p) => p.name).join(',')});`)];
    return `${head}class ${c.name} {\n\n    public ${c.name}(${ctor.map(param).join(', ')}) {\n        \n    }\n    \n${methods.join('\n    \n')}\n}\n\n`
      + `/**\n * Your ${c.name} object will be instantiated and called as such:\n${usage.join('\n')}\n */\n`;
  },
  program(spec, source) {
    const { fn, cls } = kindOf(spec);
    const userFile = `${fn ? 'Solution' : cls!.name}.java`;
    return {
      files: { 'Main.java': driver(spec), [userFile]: IMPORTS + source, 'ListNode.java': LIST_NODE, 'TreeNode.java': TREE_NODE },
      entry: 'Main.java', userFile, jsonInput: false,
    };
  },
};
