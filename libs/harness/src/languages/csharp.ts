import { capitalize, HarnessGenerator, kindOf, safeName } from '../generator';
import { ctorParams, HType, ParamSpec, parseType } from '../signature';
import { allTypes, usedNodes } from './python';

const SCALAR_CS: Record<string, string> = { int: 'int', long: 'long', double: 'double', bool: 'bool', string: 'string', char: 'char' };
const READER: Record<string, string> = { int: 'Int', long: 'Long', double: 'Double', bool: 'Bool', string: 'Str', char: 'Char' };
const KEYWORDS = new Set(`abstract as base bool break byte case catch char checked class const continue decimal default delegate do double else enum
  event explicit extern false finally fixed float for foreach goto if implicit in int interface internal is lock long namespace new null object
  operator out override params private protected public readonly ref return sbyte sealed short sizeof stackalloc static string struct switch
  this throw true try typeof uint ulong unchecked unsafe ushort using virtual void volatile while`.split(/\s+/));

/** C# types as LeetCode writes them: arrays (jagged for 2-D), or \`IList<IList<int>>\` for \`list<list<int>>\`. */
function csType(t: HType): string {
  if (t.base === 'void') return 'void';
  if (t.base === 'ListNode' || t.base === 'TreeNode') return t.base;
  if (t.list) return `${'IList<'.repeat(t.dims)}${SCALAR_CS[t.base]}${'>'.repeat(t.dims)}`;
  return SCALAR_CS[t.base] + '[]'.repeat(t.dims);
}

const name = (p: ParamSpec) => safeName(p.name, KEYWORDS, (n) => `@${n}`);
const param = (p: ParamSpec) => `${csType(parseType(p.type))} ${name(p)}`;

/** A C# expression reading one value of \`t\` from the wire form. */
function reader(t: HType): string {
  if (t.base === 'ListNode') return 'ReadList()';
  if (t.base === 'TreeNode') return 'ReadTree()';
  const s = SCALAR_CS[t.base];
  if (t.dims === 0) return `Read${READER[t.base]}()`;
  if (t.list) return t.dims === 1 ? `ReadList<${s}>(Read${READER[t.base]})` : `ReadList<IList<${s}>>(() => ReadList<${s}>(Read${READER[t.base]}))`;
  if (t.dims === 1) return `ReadArr<${s}>(Read${READER[t.base]})`;
  return `ReadArr<${s}[]>(() => ReadArr<${s}>(Read${READER[t.base]}))`;
}

/** A C# statement writing \`expr\` (of type \`t\`) as JSON. */
function write(t: HType, expr: string): string {
  if (t.dims === 0) return `W(${expr});`;
  if (t.dims === 1) return `WA(${expr}, x => W(x));`;
  return `WA(${expr}, x => WA(x, y => W(y)));`;
}

const LIST_COMMENT = `/**
 * Definition for singly-linked list.
 * public class ListNode {
 *     public int val;
 *     public ListNode next;
 *     public ListNode(int val=0, ListNode next=null) {
 *         this.val = val;
 *         this.next = next;
 *     }
 * }
 */
`;
const TREE_COMMENT = `/**
 * Definition for a binary tree node.
 * public class TreeNode {
 *     public int val;
 *     public TreeNode left;
 *     public TreeNode right;
 *     public TreeNode(int val=0, TreeNode left=null, TreeNode right=null) {
 *         this.val = val;
 *         this.left = left;
 *         this.right = right;
 *     }
 * }
 */
`;

/** LeetCode's usings, put on the user's first line so their lines keep their numbers (a using the user repeats is a warning, not an error). */
const USINGS = 'using System; using System.Collections.Generic; using System.Linq; using System.Text; ';

const RUNTIME = String.raw`
public class ListNode {
    public int val;
    public ListNode next;
    public ListNode(int val=0, ListNode next=null) { this.val = val; this.next = next; }
}

public class TreeNode {
    public int val;
    public TreeNode left;
    public TreeNode right;
    public TreeNode(int val=0, TreeNode left=null, TreeNode right=null) { this.val = val; this.left = left; this.right = right; }
}

public static class OjMain {
    static byte[] input;
    static int pos;
    static readonly System.Text.StringBuilder output = new System.Text.StringBuilder();
    static void Skip() { while (pos < input.Length && input[pos] <= (byte)' ') pos++; }
    static long ReadLong() {
        Skip();
        bool neg = false;
        if (input[pos] == (byte)'-') { neg = true; pos++; }
        ulong v = 0;
        while (pos < input.Length && input[pos] >= (byte)'0' && input[pos] <= (byte)'9') v = unchecked(v * 10 + (ulong)(input[pos++] - (byte)'0'));
        return unchecked(neg ? (long)(0 - v) : (long)v);
    }
    static int ReadInt() { return (int)ReadLong(); }
    static bool ReadBool() { return ReadLong() != 0; }
    static char ReadChar() { return (char)ReadLong(); }
    static double ReadDouble() {
        Skip();
        int s = pos;
        while (pos < input.Length && input[pos] > (byte)' ') pos++;
        return double.Parse(System.Text.Encoding.ASCII.GetString(input, s, pos - s), System.Globalization.CultureInfo.InvariantCulture);
    }
    static string ReadStr() { int n = ReadInt(); pos++; string s = System.Text.Encoding.UTF8.GetString(input, pos, n); pos += n; return s; }
    static T[] ReadArr<T>(System.Func<T> read) { int n = ReadInt(); T[] a = new T[n]; for (int i = 0; i < n; i++) a[i] = read(); return a; }
    static System.Collections.Generic.List<T> ReadList<T>(System.Func<T> read) { int n = ReadInt(); var a = new System.Collections.Generic.List<T>(n); for (int i = 0; i < n; i++) a.Add(read()); return a; }
    static ListNode ReadList() { int[] v = ReadArr<int>(ReadInt); ListNode head = null; for (int i = v.Length - 1; i >= 0; i--) head = new ListNode(v[i], head); return head; }
    static TreeNode ReadTree() {
        int n = ReadInt();
        TreeNode[] nodes = new TreeNode[n];
        for (int i = 0; i < n; i++) if (ReadLong() != 0) nodes[i] = new TreeNode(ReadInt());
        int child = 1;
        for (int i = 0; i < n && child < n; i++) {
            if (nodes[i] == null) continue;
            if (child < n) nodes[i].left = nodes[child++];
            if (child < n) nodes[i].right = nodes[child++];
        }
        return n > 0 ? nodes[0] : null;
    }
    static void W(int x) { output.Append(x); }
    static void W(long x) { output.Append(x); }
    static void W(double x) { output.Append(double.IsNaN(x) || double.IsInfinity(x) ? "null" : x.ToString("R", System.Globalization.CultureInfo.InvariantCulture)); }
    static void W(bool x) { output.Append(x ? "true" : "false"); }
    static void W(char c) { W(c.ToString()); }
    static void W(string s) {
        if (s == null) { output.Append("null"); return; }
        output.Append('"');
        foreach (char c in s) {
            if (c == '"' || c == '\\') output.Append('\\').Append(c);
            else if (c < 0x20) output.Append("\\u").Append(((int)c).ToString("x4"));
            else output.Append(c);
        }
        output.Append('"');
    }
    static void WA<T>(System.Collections.Generic.IList<T> a, System.Action<T> w) {
        if (a == null) { output.Append("null"); return; }
        output.Append('[');
        for (int i = 0; i < a.Count; i++) { if (i > 0) output.Append(','); w(a[i]); }
        output.Append(']');
    }
    static void W(ListNode n) {
        output.Append('[');
        for (bool first = true; n != null; n = n.next, first = false) { if (!first) output.Append(','); output.Append(n.val); }
        output.Append(']');
    }
    static void W(TreeNode root) {
        var q = new System.Collections.Generic.List<TreeNode>();
        if (root != null) q.Add(root);
        int last = -1;
        for (int i = 0; i < q.Count; i++) if (q[i] != null) { last = i; q.Add(q[i].left); q.Add(q[i].right); }
        output.Append('[');
        for (int i = 0; i <= last; i++) { if (i > 0) output.Append(','); if (q[i] == null) output.Append("null"); else output.Append(q[i].val); }
        output.Append(']');
    }
    static void Emit() {
        System.Console.Out.Flush();
        // fd 3, the result channel: reopened through /proc, as Java does.
        using (var f = new System.IO.FileStream("/proc/self/fd/3", System.IO.FileMode.Append, System.IO.FileAccess.Write)) {
            byte[] b = new System.Text.UTF8Encoding(false).GetBytes(output.ToString());
            f.Write(b, 0, b.Length);
        }
    }
`;

/** Reads each argument into \`prefix\` 0, 1, …: a constructor's (\`ojC\`) apart from a method's (\`ojA\`), as C# refuses a local hiding another. */
const readArgs = (ps: ParamSpec[], indent: string, prefix = 'ojA') => ps.map((p, i) => `${indent}var ${prefix}${i} = ${reader(parseType(p.type))};\n`).join('');
const args = (ps: ParamSpec[], prefix = 'ojA') => ps.map((_, i) => `${prefix}${i}`).join(', ');

function driver(spec: Parameters<HarnessGenerator['program']>[0]): string {
  const { fn, cls } = kindOf(spec);
  let body: string;
  if (fn) {
    const call = `new Solution().${capitalize(fn.name)}(${args(fn.params)})`;
    body = readArgs(fn.params, '        ') + (fn.returns === 'void'
      ? `        ${call};\n        ${write(parseType(fn.params[0].type), 'ojA0')}\n`
      : `        ${write(parseType(fn.returns, true), call)}\n`);
  } else {
    const c = cls!;
    const cases = c.methods.map((m, i) => {
      const call = `ojObj.${capitalize(m.name)}(${args(m.params)})`;
      return `                case ${i}: {\n${readArgs(m.params, '                    ')}                    ${m.returns === 'void' ? `${call}; output.Append("null");` : write(parseType(m.returns, true), call)}\n                    break;\n                }\n`;
    });
    body = `        int ojCalls = ReadInt();\n${readArgs(ctorParams(c), '        ', 'ojC')}        var ojObj = new ${c.name}(${args(ctorParams(c), 'ojC')});\n        output.Append("[null");\n`
      + `        for (int ojI = 1; ojI < ojCalls; ojI++) {\n            output.Append(',');\n            switch (ReadInt()) {\n${cases.join('')}            }\n        }\n        output.Append(']');\n`;
  }
  return `    public static void Main() {\n        using (var s = System.Console.OpenStandardInput()) using (var m = new System.IO.MemoryStream()) { s.CopyTo(m); input = m.ToArray(); }\n${body}        Emit();\n    }\n}\n`;
}

/**
 * C#: \`public class Solution\` with PascalCase methods (or the design class), as LeetCode's editor
 * holds it. main.cs: LeetCode's usings on the user's first line, their code, then the driver.
 */
export const csharp: HarnessGenerator = {
  language: 'csharp',
  template(spec) {
    const { fn, cls } = kindOf(spec);
    const used = usedNodes(allTypes(spec));
    const head = `${used.list ? LIST_COMMENT : ''}${used.tree ? TREE_COMMENT : ''}`;
    if (fn) return `${head}public class Solution {\n    public ${csType(parseType(fn.returns, true))} ${capitalize(fn.name)}(${fn.params.map(param).join(', ')}) {\n        \n    }\n}\n`;
    const c = cls!;
    const ctor = ctorParams(c);
    const methods = c.methods.map((m) => `    public ${csType(parseType(m.returns, true))} ${capitalize(m.name)}(${m.params.map(param).join(', ')}) {\n        \n    }`);
    const usage = [` * ${c.name} obj = new ${c.name}(${ctor.map(name).join(', ')});`,
      ...c.methods.map((m, i) => ` * ${m.returns === 'void' ? '' : `${csType(parseType(m.returns, true))} param_${i + 2} = `}obj.${capitalize(m.name)}(${m.params.map(name).join(', ')});`)];
    return `${head}public class ${c.name} {\n\n    public ${c.name}(${ctor.map(param).join(', ')}) {\n        \n    }\n    \n${methods.join('\n    \n')}\n}\n\n`
      + `/**\n * Your ${c.name} object will be instantiated and called as such:\n${usage.join('\n')}\n */\n`;
  },
  program(spec, source) {
    const main = `${USINGS}${source}${source.endsWith('\n') ? '' : '\n'}${RUNTIME}${driver(spec)}`;
    return { files: { 'main.cs': main }, entry: 'main.cs', userFile: 'main.cs', jsonInput: false };
  },
};
