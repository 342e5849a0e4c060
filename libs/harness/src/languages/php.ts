import { HarnessGenerator, kindOf } from '../generator';
import { ctorParams, HType, ParamSpec, parseType } from '../signature';
import { allTypes, usedNodes } from './python';

/** PHPDoc types as LeetCode writes them. */
function doc(t: HType): string {
  if (t.base === 'void') return 'NULL';
  if (t.base === 'ListNode' || t.base === 'TreeNode') return t.base;
  return { int: 'Integer', long: 'Integer', double: 'Float', bool: 'Boolean', string: 'String', char: 'String' }[t.base] + '[]'.repeat(t.dims);
}

const LIST_COMMENT = `/**
 * Definition for a singly-linked list.
 * class ListNode {
 *     public $val = 0;
 *     public $next = null;
 *     function __construct($val = 0, $next = null) {
 *         $this->val = $val;
 *         $this->next = $next;
 *     }
 * }
 */
`;
const TREE_COMMENT = `/**
 * Definition for a binary tree node.
 * class TreeNode {
 *     public $val = null;
 *     public $left = null;
 *     public $right = null;
 *     function __construct($val = 0, $left = null, $right = null) {
 *         $this->val = $val;
 *         $this->left = $left;
 *         $this->right = $right;
 *     }
 * }
 */
`;

const docBlock = (ps: ParamSpec[], returns: string | null) => [
  '    /**', ...ps.map((p) => `     * @param ${doc(parseType(p.type))} $${p.name}`),
  ...(returns === null ? [] : [`     * @return ${doc(parseType(returns, true))}`]), '     */',
].join('\n');

/**
 * After the user's code: LeetCode's node classes (unless the user declares their own), then the
 * driver: it reads the test's JSON lines with json_decode, calls the function (in-place problems
 * take their first argument by reference, \`&$nums\`, as on LeetCode) or replays the calls, and
 * writes the JSON result to fd 3.
 */
const DRIVER = String.raw`
if (!class_exists('ListNode', false)) {
    class ListNode {
        public $val = 0;
        public $next = null;
        function __construct($val = 0, $next = null) { $this->val = $val; $this->next = $next; }
    }
}
if (!class_exists('TreeNode', false)) {
    class TreeNode {
        public $val = null;
        public $left = null;
        public $right = null;
        function __construct($val = 0, $left = null, $right = null) { $this->val = $val; $this->left = $left; $this->right = $right; }
    }
}

function oj_arg($t, $v) {
    [$base, $dims] = $t;
    if ($base === 'ListNode') {
        $head = null;
        for ($i = count($v) - 1; $i >= 0; $i--) $head = new ListNode($v[$i], $head);
        return $head;
    }
    if ($base === 'TreeNode') {
        if (!$v) return null;
        $root = new TreeNode($v[0]);
        $queue = [$root];
        $q = 0;
        $i = 1;
        $n = count($v);
        while ($q < count($queue) && $i < $n) {
            $node = $queue[$q++];
            if ($i < $n && $v[$i] !== null) { $node->left = new TreeNode($v[$i]); $queue[] = $node->left; }
            $i++;
            if ($i < $n && $v[$i] !== null) { $node->right = new TreeNode($v[$i]); $queue[] = $node->right; }
            $i++;
        }
        return $root;
    }
    if ($base === 'double') return $dims ? array_map(fn($x) => oj_arg([$base, $dims - 1], $x), $v) : (float)$v;
    return $v;
}

function oj_out($t, $v) {
    [$base, $dims] = $t;
    if ($v === null && $base !== 'ListNode' && $base !== 'TreeNode') return null;
    if ($dims) return array_values(array_map(fn($x) => oj_out([$base, $dims - 1], $x), $v));
    if ($base === 'ListNode') {
        $vals = [];
        for ($n = $v; $n !== null; $n = $n->next) $vals[] = $n->val;
        return $vals;
    }
    if ($base === 'TreeNode') {
        $vals = [];
        $queue = $v === null ? [] : [$v];
        for ($q = 0; $q < count($queue); $q++) {
            $node = $queue[$q];
            if ($node === null) { $vals[] = null; continue; }
            $vals[] = $node->val;
            $queue[] = $node->left;
            $queue[] = $node->right;
        }
        while ($vals && end($vals) === null) array_pop($vals);
        return $vals;
    }
    if ($base === 'double') return is_finite((float)$v) ? (float)$v : null;
    if ($base === 'int' || $base === 'long') return (int)$v;
    if ($base === 'bool') return (bool)$v;
    return (string)$v;
}

function oj_main($sig) {
    $lines = array_values(array_filter(explode("\n", stream_get_contents(STDIN)), fn($l) => trim($l) !== ''));
    if (isset($sig['function'])) {
        $f = $sig['function'];
        $args = [];
        foreach ($f['params'] as $i => $t) $args[] = oj_arg($t, json_decode($lines[$i], true, 512, JSON_BIGINT_AS_STRING));
        $solution = new Solution();
        $r = $solution->{$f['name']}(...$args);
        $value = $f['returns'] === null ? oj_out($f['params'][0], $args[0]) : oj_out($f['returns'], $r);
    } else {
        $c = $sig['class'];
        $names = json_decode($lines[0], true);
        $arglists = json_decode($lines[1], true, 512, JSON_BIGINT_AS_STRING);
        $cls = $c['name'];
        $obj = new $cls(...array_map(fn($t, $v) => oj_arg($t, $v), $c['params'], $arglists[0]));
        $value = [null];
        for ($k = 1; $k < count($names); $k++) {
            $m = $c['methods'][$names[$k]];
            $args = array_map(fn($t, $v) => oj_arg($t, $v), $m['params'], $arglists[$k]);
            $r = $obj->{$names[$k]}(...$args);
            $value[] = $m['returns'] === null ? null : oj_out($m['returns'], $r);
        }
    }
    $data = json_encode($value, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION | JSON_INVALID_UTF8_SUBSTITUTE);
    fflush(STDOUT);
    // fd 3: the result channel the judge gave this run.
    $out = fopen('php://fd/3', 'wb');
    for ($at = 0; $at < strlen($data);) {
        $n = fwrite($out, substr($data, $at));
        if (!$n) exit(120);
        $at += $n;
    }
    fclose($out);
}
`;

const tuple = (t: HType) => [t.base, t.dims];

/**
 * PHP: \`class Solution\` with PHPDoc types (or the design class), without \`<?php\`, as LeetCode's
 * editor holds it. main.php: \`<?php\` on the user's first line, their code, then the driver.
 */
export const php: HarnessGenerator = {
  language: 'php',
  template(spec) {
    const { fn, cls } = kindOf(spec);
    const used = usedNodes(allTypes(spec));
    const head = `${used.list ? LIST_COMMENT : ''}${used.tree ? TREE_COMMENT : ''}`;
    const sig = (ps: ParamSpec[], byRef = false) => ps.map((p, i) => `${byRef && i === 0 ? '&' : ''}$${p.name}`).join(', ');
    if (fn) return `${head}class Solution {\n\n${docBlock(fn.params, fn.returns)}\n    function ${fn.name}(${sig(fn.params, fn.returns === 'void')}) {\n        \n    }\n}\n`;
    const c = cls!;
    const ctor = ctorParams(c);
    const methods = c.methods.map((m) => `${docBlock(m.params, m.returns)}\n    function ${m.name}(${sig(m.params)}) {\n        \n    }`);
    const usage = [` * $obj = ${c.name}(${sig(ctor)});`,
      ...c.methods.map((m, i) => ` * ${m.returns === 'void' ? '' : `$ret_${i + 2} = `}$obj->${m.name}(${sig(m.params)});`)];
    return `${head}class ${c.name} {\n${docBlock(ctor, null)}\n    function __construct(${sig(ctor)}) {\n        \n    }\n  \n${methods.join('\n  \n')}\n}\n\n`
      + `/**\n * Your ${c.name} object will be instantiated and called as such:\n${usage.join('\n')}\n */\n`;
  },
  program(spec, source) {
    const { fn, cls } = kindOf(spec);
    const ret = (r: string) => (r === 'void' ? null : tuple(parseType(r, true)));
    const sig = fn
      ? { function: { name: fn.name, params: fn.params.map((p) => tuple(parseType(p.type))), returns: ret(fn.returns) } }
      : { class: { name: cls!.name, params: ctorParams(cls!).map((p) => tuple(parseType(p.type))),
        methods: Object.fromEntries(cls!.methods.map((m) => [m.name, { params: m.params.map((p) => tuple(parseType(p.type))), returns: ret(m.returns) }])) } };
    // A pasted file may open PHP itself, or close it at its end.
    const open = /^\s*<\?php/.test(source) ? '' : '<?php ';
    const reopen = /\?>\s*$/.test(source) ? '<?php\n' : '';
    const main = `${open}${source}${source.endsWith('\n') ? '' : '\n'}${reopen}${DRIVER}\noj_main(json_decode('${JSON.stringify(sig)}', true));\n`;
    return { files: { 'main.php': main }, entry: 'main.php', userFile: 'main.php', jsonInput: true };
  },
};
