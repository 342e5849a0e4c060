import { capitalize, HarnessGenerator, kindOf, safeName } from '../generator';
import { ctorParams, HType, ParamSpec, parseType } from '../signature';
import { allTypes, usedNodes } from './python';

const SCALAR_GO: Record<string, string> = { int: 'int', long: 'int64', double: 'float64', bool: 'bool', string: 'string', char: 'byte' };
const FN: Record<string, string> = { int: 'Int', long: 'Long', double: 'Double', bool: 'Bool', string: 'String', char: 'Char' };
const KEYWORDS = new Set('break case chan const continue default defer else fallthrough for func go goto if import interface map package range return select struct switch type var'.split(' '));

/** Go types as LeetCode writes them (\`char\` is \`byte\`, as in \`reverseString(s []byte)\`). */
function goType(t: HType): string {
  if (t.base === 'ListNode' || t.base === 'TreeNode') return `*${t.base}`;
  return '[]'.repeat(t.dims) + SCALAR_GO[t.base];
}

const param = (p: ParamSpec) => `${safeName(p.name, KEYWORDS, (n) => `${n}_`)} ${goType(parseType(p.type))}`;
const ret = (r: string) => (r === 'void' ? ' ' : ` ${goType(parseType(r, true))} `);

/** A Go expression reading one value of \`t\` from the wire form. */
function reader(t: HType): string {
  if (t.base === 'ListNode') return 'ojReadList()';
  if (t.base === 'TreeNode') return 'ojReadTree()';
  if (t.dims === 0) return `ojRead${FN[t.base]}()`;
  if (t.dims === 1) return `ojReadArr(ojRead${FN[t.base]})`;
  return `ojReadArr(func() []${SCALAR_GO[t.base]} { return ojReadArr(ojRead${FN[t.base]}) })`;
}

/** A Go function value writing one value of \`t\` as JSON. */
function writer(t: HType): string {
  if (t.base === 'ListNode') return 'ojWriteList';
  if (t.base === 'TreeNode') return 'ojWriteTree';
  if (t.dims === 0) return `ojWrite${FN[t.base]}`;
  if (t.dims === 1) return `func(a []${SCALAR_GO[t.base]}) { ojWriteArr(a, ojWrite${FN[t.base]}) }`;
  return `func(a [][]${SCALAR_GO[t.base]}) { ojWriteArr(a, func(b []${SCALAR_GO[t.base]}) { ojWriteArr(b, ojWrite${FN[t.base]}) }) }`;
}

const LIST_COMMENT = `/**
 * Definition for singly-linked list.
 * type ListNode struct {
 *     Val int
 *     Next *ListNode
 * }
 */
`;
const TREE_COMMENT = `/**
 * Definition for a binary tree node.
 * type TreeNode struct {
 *     Val int
 *     Left *TreeNode
 *     Right *TreeNode
 * }
 */
`;

/**
 * Standard packages LeetCode's Go has without imports: imported when the user's code names them
 * (as goimports would), each kept "used" by the driver so an unused one is no compile error.
 */
const AUTO_IMPORTS: [name: string, path: string, use: string][] = [
  ['sort', 'sort', 'sort.Ints'], ['strings', 'strings', 'strings.Compare'], ['strconv', 'strconv', 'strconv.Itoa'],
  ['math', 'math', 'math.Abs'], ['bits', 'math/bits', 'bits.OnesCount'], ['heap', 'container/heap', 'heap.Init'],
  ['list', 'container/list', 'list.New'], ['fmt', 'fmt', 'fmt.Sprint'], ['bytes', 'bytes', 'bytes.Compare'],
  ['unicode', 'unicode', 'unicode.IsDigit'], ['rand', 'math/rand', 'rand.Intn'], ['utf8', 'unicode/utf8', 'utf8.RuneLen'],
];

/** The import paths the user's code imports itself. */
function ownImports(code: string): Set<string> {
  const paths = new Set<string>();
  for (const m of code.matchAll(/^\s*import\s*(\([^)]*\)|[^\n]*)/gm)) for (const p of m[1].matchAll(/"([^"]+)"/g)) paths.add(p[1]);
  return paths;
}

const RUNTIME = String.raw`
type ListNode struct {
	Val  int
	Next *ListNode
}

type TreeNode struct {
	Val   int
	Left  *TreeNode
	Right *TreeNode
}

var ojIn []byte
var ojPos int
var ojOut []byte

func ojSkip() {
	for ojPos < len(ojIn) && ojIn[ojPos] <= ' ' {
		ojPos++
	}
}
func ojReadLong() int64 {
	ojSkip()
	neg := false
	if ojIn[ojPos] == '-' {
		neg = true
		ojPos++
	}
	var v int64
	for ojPos < len(ojIn) && ojIn[ojPos] >= '0' && ojIn[ojPos] <= '9' {
		v = v*10 + int64(ojIn[ojPos]-'0')
		ojPos++
	}
	if neg {
		return -v
	}
	return v
}
func ojReadInt() int   { return int(ojReadLong()) }
func ojReadBool() bool { return ojReadLong() != 0 }
func ojReadChar() byte { return byte(ojReadLong()) }
func ojReadDouble() float64 {
	ojSkip()
	s := ojPos
	for ojPos < len(ojIn) && ojIn[ojPos] > ' ' {
		ojPos++
	}
	f, _ := ojstrconv.ParseFloat(string(ojIn[s:ojPos]), 64)
	return f
}
func ojReadString() string {
	n := ojReadInt()
	ojPos++
	s := string(ojIn[ojPos : ojPos+n])
	ojPos += n
	return s
}
func ojReadArr[T any](read func() T) []T {
	a := make([]T, ojReadInt())
	for i := range a {
		a[i] = read()
	}
	return a
}
func ojReadList() *ListNode {
	vals := ojReadArr(ojReadInt)
	var head *ListNode
	for i := len(vals) - 1; i >= 0; i-- {
		head = &ListNode{Val: vals[i], Next: head}
	}
	return head
}
func ojReadTree() *TreeNode {
	n := ojReadInt()
	nodes := make([]*TreeNode, n)
	for i := range nodes {
		if ojReadLong() != 0 {
			nodes[i] = &TreeNode{Val: ojReadInt()}
		}
	}
	child := 1
	for i := 0; i < n && child < n; i++ {
		if nodes[i] == nil {
			continue
		}
		nodes[i].Left = nodes[child]
		child++
		if child < n {
			nodes[i].Right = nodes[child]
			child++
		}
	}
	if n == 0 {
		return nil
	}
	return nodes[0]
}

func ojWriteLong(x int64) { ojOut = ojstrconv.AppendInt(ojOut, x, 10) }
func ojWriteInt(x int)    { ojWriteLong(int64(x)) }
func ojWriteBool(x bool)  { ojOut = ojstrconv.AppendBool(ojOut, x) }
func ojWriteDouble(x float64) {
	if ojmath.IsInf(x, 0) || ojmath.IsNaN(x) {
		ojOut = append(ojOut, "null"...)
	} else {
		ojOut = ojstrconv.AppendFloat(ojOut, x, 'g', -1, 64)
	}
}
func ojWriteString(s string) {
	ojOut = append(ojOut, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			ojOut = append(ojOut, '\\', c)
		case c < 0x20:
			ojOut = append(ojOut, '\\', 'u', '0', '0', "0123456789abcdef"[c>>4], "0123456789abcdef"[c&15])
		default:
			ojOut = append(ojOut, c)
		}
	}
	ojOut = append(ojOut, '"')
}
func ojWriteChar(c byte) { ojWriteString(string([]byte{c})) }
func ojWriteArr[T any](a []T, write func(T)) {
	ojOut = append(ojOut, '[')
	for i, x := range a {
		if i > 0 {
			ojOut = append(ojOut, ',')
		}
		write(x)
	}
	ojOut = append(ojOut, ']')
}
func ojWriteList(n *ListNode) {
	ojOut = append(ojOut, '[')
	for first := true; n != nil; n, first = n.Next, false {
		if !first {
			ojOut = append(ojOut, ',')
		}
		ojWriteInt(n.Val)
	}
	ojOut = append(ojOut, ']')
}
func ojWriteTree(root *TreeNode) {
	q := []*TreeNode{}
	if root != nil {
		q = append(q, root)
	}
	last := -1
	for i := 0; i < len(q); i++ {
		if q[i] != nil {
			last = i
			q = append(q, q[i].Left, q[i].Right)
		}
	}
	ojOut = append(ojOut, '[')
	for i := 0; i <= last; i++ {
		if i > 0 {
			ojOut = append(ojOut, ',')
		}
		if q[i] == nil {
			ojOut = append(ojOut, "null"...)
		} else {
			ojWriteInt(q[i].Val)
		}
	}
	ojOut = append(ojOut, ']')
}

// fd 3: the result channel the judge gave this run.
func ojEmit() {
	f := ojos.NewFile(3, "result")
	if _, err := f.Write(ojOut); err != nil {
		ojos.Exit(120)
	}
}
`;

/** LeetCode's Go (1.21+) has min and max built in; this Go may not: generic ones unless the user declares their own. */
const MIN_MAX = String.raw`
type ojOrdered interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr | ~float32 | ~float64 | ~string
}
`;
const minMax = (name: string, op: string) => `func ${name}[T ojOrdered](x T, y ...T) T {\n\tfor _, v := range y {\n\t\tif v ${op} x {\n\t\t\tx = v\n\t\t}\n\t}\n\treturn x\n}\n`;

const readArgs = (ps: ParamSpec[], indent: string) => ps.map((p, i) => `${indent}ojA${i} := ${reader(parseType(p.type))}\n`).join('');
const args = (ps: ParamSpec[]) => ps.map((_, i) => `ojA${i}`).join(', ');

function driver(spec: Parameters<HarnessGenerator['program']>[0]): string {
  const { fn, cls } = kindOf(spec);
  let body: string;
  if (fn) {
    const call = `${fn.name}(${args(fn.params)})`;
    body = readArgs(fn.params, '\t') + (fn.returns === 'void'
      ? `\t${call}\n\t(${writer(parseType(fn.params[0].type))})(ojA0)\n`
      : `\t(${writer(parseType(fn.returns, true))})(${call})\n`);
  } else {
    const c = cls!;
    const cases = c.methods.map((m, i) => {
      const call = `ojObj.${capitalize(m.name)}(${args(m.params)})`;
      return `\t\tcase ${i}:\n${readArgs(m.params, '\t\t\t')}\t\t\t${m.returns === 'void' ? `${call}\n\t\t\tojOut = append(ojOut, "null"...)` : `(${writer(parseType(m.returns, true))})(${call})`}\n`;
    });
    body = `\tojCalls := ojReadInt()\n${readArgs(ctorParams(c), '\t')}\tojObj := Constructor(${args(ctorParams(c))})\n\tojOut = append(ojOut, "[null"...)\n`
      + `\tfor ojI := 1; ojI < ojCalls; ojI++ {\n\t\tojOut = append(ojOut, ',')\n\t\tswitch ojReadInt() {\n${cases.join('')}\t\t}\n\t}\n\tojOut = append(ojOut, ']')\n`;
  }
  return `func main() {\n\tojIn, _ = ojio.ReadAll(ojos.Stdin)\n${body}\tojEmit()\n}\n`;
}

/** The user's code with comments and string literals blanked (for the package names it mentions). */
function codeOnly(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|"(?:\\.|[^"\\\n])*"|`[^`]*`|'(?:\\.|[^'\\\n])*'/g, ' ');
}

/**
 * Go: a plain function (\`func twoSum(nums []int, target int) []int\`), or LeetCode's design shape
 * (\`type MinStack struct\`, \`func Constructor() MinStack\`, \`func (this *MinStack) GetMin() int\`),
 * without a package clause or imports, as LeetCode's editor holds it. main.go: \`package main\`
 * and the imports on the user's first line (so their lines keep their numbers), their code, then
 * the driver.
 */
export const go: HarnessGenerator = {
  language: 'go',
  template(spec) {
    const { fn, cls } = kindOf(spec);
    const used = usedNodes(allTypes(spec));
    const head = `${used.list ? LIST_COMMENT : ''}${used.tree ? TREE_COMMENT : ''}`;
    if (fn) return `${head}func ${fn.name}(${fn.params.map(param).join(', ')})${ret(fn.returns)}{\n    \n}\n`;
    const c = cls!;
    const ctor = ctorParams(c);
    const methods = c.methods.map((m) => `func (this *${c.name}) ${capitalize(m.name)}(${m.params.map(param).join(', ')})${ret(m.returns)}{\n    \n}`);
    const usage = [` * obj := Constructor(${ctor.map((p) => safeName(p.name, KEYWORDS, (n) => `${n}_`)).join(', ')});`,
      ...c.methods.map((m, i) => ` * ${m.returns === 'void' ? '' : `param_${i + 2} := `}obj.${capitalize(m.name)}(${m.params.map((p) => safeName(p.name, KEYWORDS, (n) => `${n}_`)).join(', ')});`)];
    return `${head}type ${c.name} struct {\n    \n}\n\n\nfunc Constructor(${ctor.map(param).join(', ')}) ${c.name} {\n    \n}\n\n\n${methods.join('\n\n\n')}\n\n\n`
      + `/**\n * Your ${c.name} object will be instantiated and called as such:\n${usage.join('\n')}\n */\n`;
  },
  program(spec, source) {
    const code = codeOnly(source);
    const own = ownImports(source);
    const auto = AUTO_IMPORTS.filter(([name, path]) => !own.has(path) && new RegExp(`\\b${name}\\.`).test(code));
    const imports = ['ojio "io"', 'ojmath "math"', 'ojos "os"', 'ojstrconv "strconv"', ...auto.map(([, path]) => `"${path}"`)];
    const ownPackage = /^\s*package\s+main\b/.test(code);
    const head = `${ownPackage ? '' : 'package main; '}import (${imports.join('; ')}); `;
    // A user's own \`package main\` line (a pasted program) keeps its place: the imports follow it.
    const user = ownPackage ? source.replace(/^(\s*package\s+main\b[^\n]*)/, `$1; ${head}`) : head + source;
    const declares = (name: string) => new RegExp(`^func\\s+${name}\\b`, 'm').test(code);
    const extras = [
      auto.length ? `var (\n${auto.map(([, , use]) => `\t_ = ${use}\n`).join('')})\n` : '',
      declares('min') && declares('max') ? '' : MIN_MAX,
      declares('min') ? '' : minMax('min', '<'),
      declares('max') ? '' : minMax('max', '>'),
    ].join('');
    const main = `${user}${source.endsWith('\n') ? '' : '\n'}${RUNTIME}${extras}\n${driver(spec)}`;
    return { files: { 'main.go': main }, entry: 'main.go', userFile: 'main.go', jsonInput: false };
  },
};
