// Function problems (DESIGN.md, "Function problems, as LeetCode has them") end to end: the
// example problems are imported from their packages (function.yaml), solutions written as
// LeetCode's editor holds them are judged in real sandboxes, verdicts seen over the WebSocket.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Verdict } from '@app/contracts';
import { importZip, zipDirectory } from '../../../test/support/packages';
import { api, EXAMPLES, languageOf, solutions, submit, useStack, watch } from '../../../test/support/stack';

jest.setTimeout(600000);
process.env.ADMIN_TOKEN = 'e2e-admin-token-0123456789';

const stack = useStack();

/** Every language with a harness (HARNESS_GENERATORS); PyPy is judged on the Python solutions. */
const LANGUAGES = ['c', 'cpp', 'java', 'python3', 'pypy3', 'javascript', 'typescript', 'rust', 'go', 'csharp', 'kotlin', 'scala', 'php', 'ruby'];
/** The solutions' language, by their file's extension. */
const filesOf = (language: string) => (language === 'pypy3' ? 'python3' : language);

async function judge(problemId: string, language: string, sourceCode: string, limits?: Record<string, number>) {
  const id = await submit(stack.gw.url, { problemId, language, sourceCode, ...(limits ? { limits } : {}) });
  return (await watch(stack.gw.wsUrl, id, 300000)).final;
}

/** The example solution of `problem` in `language` expected to end `verdict`. */
function example(problem: string, verdict: 'AC' | 'WA', language: string): string {
  const [file] = solutions(problem, verdict).filter((f) => languageOf(f) === filesOf(language));
  expect(file).toBeTruthy();
  return file;
}

describe.each(LANGUAGES)('%s', (language) => {
  // One submission per case, all at once: AC and WA on a list, a tree and a design problem; AC
  // on the string and the 2-D problem (their WA solutions are judged by the demo).
  it('judges the example list, tree and design problems (AC solutions AC, WA ones WA) and the string and 2-D ones', async () => {
    const cases: [string, 'AC' | 'WA'][] = [
      ['reverse-list', 'AC'], ['reverse-list', 'WA'], ['invert-tree', 'AC'], ['invert-tree', 'WA'], ['min-stack', 'AC'], ['min-stack', 'WA'],
      ['longest-common-prefix', 'AC'], ['transpose-matrix', 'AC'],
    ];
    const results = await Promise.all(cases.map(([problem, verdict]) => judge(problem, language, readFileSync(example(problem, verdict, language), 'utf8'))));
    results.forEach((s, i) => {
      const [problem, verdict] = cases[i];
      const seen = { problem, verdict: s.verdict, compileOutput: s.verdict === verdict ? null : s.compileOutput, message: s.verdict === verdict ? null : s.tests.find((t) => t.verdict !== Verdict.AC)?.message };
      expect(seen).toEqual({ problem, verdict, compileOutput: null, message: null });
      if (verdict === 'AC') expect(s.tests.map((t) => t.verdict)).toEqual(s.tests.map(() => Verdict.AC));
      else {
        // The first wrong test is a sample here or not; either way its message never shows hidden data.
        const wrong = s.tests.find((t) => t.verdict === Verdict.WA)!;
        expect(wrong.message).toMatch(wrong.sample ? /^wrong answer: / : /^wrong answer$/);
      }
    });
  });
});

describe('more shapes: in-place (void) char arrays; a constructor with arguments, long, double, bool, char, string', () => {
  const COUNTER_CLASS = {
    name: 'Counter', constructor: { params: [{ name: 'start', type: 'long' }] },
    methods: [
      { name: 'add', params: [{ name: 'by', type: 'int' }], returns: 'long' },
      { name: 'scale', params: [{ name: 'x', type: 'double' }, { name: 'twice', type: 'bool' }], returns: 'double' },
      { name: 'label', params: [{ name: 'c', type: 'char' }], returns: 'string' },
      { name: 'reset', params: [], returns: 'void' },
    ],
  };
  const SOLUTIONS: Record<string, [string, string]> = {
    c: [
      'void reverseString(char* s, int sSize) {\n    for (int i = 0, j = sSize - 1; i < j; i++, j--) { char t = s[i]; s[i] = s[j]; s[j] = t; }\n}\n',
      'typedef struct { long long v; } Counter;\nCounter* counterCreate(long long start) { Counter* c = malloc(sizeof *c); c->v = start; return c; }\n'
        + 'long long counterAdd(Counter* obj, int by) { return obj->v += by; }\ndouble counterScale(Counter* obj, double x, bool twice) { return twice ? x * 2 : x; }\n'
        + 'char* counterLabel(Counter* obj, char c) { char* s = malloc(4); memset(s, c, 3); s[3] = 0; return s; }\nvoid counterReset(Counter* obj) { obj->v = 0; }\nvoid counterFree(Counter* obj) { free(obj); }\n',
    ],
    cpp: [
      'class Solution {\npublic:\n    void reverseString(vector<char>& s) { reverse(s.begin(), s.end()); }\n};\n',
      'class Counter {\n    long long v;\npublic:\n    Counter(long long start) : v(start) {}\n    long long add(int by) { return v += by; }\n'
        + '    double scale(double x, bool twice) { return twice ? x * 2 : x; }\n    string label(char c) { return string(3, c); }\n    void reset() { v = 0; }\n};\n',
    ],
    java: [
      'class Solution {\n    public void reverseString(char[] s) {\n        for (int i = 0, j = s.length - 1; i < j; i++, j--) { char t = s[i]; s[i] = s[j]; s[j] = t; }\n    }\n}\n',
      'class Counter {\n    private long v;\n    public Counter(long start) { v = start; }\n    public long add(int by) { return v += by; }\n'
        + '    public double scale(double x, boolean twice) { return twice ? x * 2 : x; }\n    public String label(char c) { return String.valueOf(c).repeat(3); }\n    public void reset() { v = 0; }\n}\n',
    ],
    python3: [
      'class Solution:\n    def reverseString(self, s: List[str]) -> None:\n        s.reverse()\n',
      'class Counter:\n    def __init__(self, start: int):\n        self.v = start\n\n    def add(self, by: int) -> int:\n        self.v += by\n        return self.v\n\n'
        + '    def scale(self, x: float, twice: bool) -> float:\n        return x * 2 if twice else x\n\n    def label(self, c: str) -> str:\n        return c * 3\n\n    def reset(self) -> None:\n        self.v = 0\n',
    ],
    javascript: [
      'var reverseString = function(s) {\n    s.reverse();\n};\n',
      'var Counter = function(start) { this.v = start; };\nCounter.prototype.add = function(by) { return this.v += by; };\n'
        + 'Counter.prototype.scale = function(x, twice) { return twice ? x * 2 : x; };\nCounter.prototype.label = function(c) { return c.repeat(3); };\nCounter.prototype.reset = function() { this.v = 0; };\n',
    ],
    rust: [
      'impl Solution {\n    pub fn reverse_string(s: &mut Vec<char>) {\n        s.reverse();\n    }\n}\n',
      'struct Counter { v: i64 }\n\nimpl Counter {\n    fn new(start: i64) -> Self { Counter { v: start } }\n    fn add(&mut self, by: i32) -> i64 { self.v += by as i64; self.v }\n'
        + '    fn scale(&self, x: f64, twice: bool) -> f64 { if twice { x * 2.0 } else { x } }\n    fn label(&self, c: char) -> String { c.to_string().repeat(3) }\n    fn reset(&mut self) { self.v = 0; }\n}\n',
    ],
    typescript: [
      'function reverseString(s: string[]): void {\n    s.reverse();\n};\n',
      'class Counter {\n    v: number;\n    constructor(start: number) { this.v = start; }\n    add(by: number): number { return this.v += by; }\n'
        + '    scale(x: number, twice: boolean): number { return twice ? x * 2 : x; }\n    label(c: string): string { return c.repeat(3); }\n    reset(): void { this.v = 0; }\n}\n',
    ],
    go: [
      'func reverseString(s []byte) {\n    for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {\n        s[i], s[j] = s[j], s[i]\n    }\n}\n',
      'type Counter struct {\n    v int64\n}\n\nfunc Constructor(start int64) Counter {\n    return Counter{v: start}\n}\n\nfunc (this *Counter) Add(by int) int64 {\n    this.v += int64(by)\n    return this.v\n}\n\n'
        + 'func (this *Counter) Scale(x float64, twice bool) float64 {\n    if twice {\n        return x * 2\n    }\n    return x\n}\n\nfunc (this *Counter) Label(c byte) string {\n    return strings.Repeat(string(c), 3)\n}\n\nfunc (this *Counter) Reset() {\n    this.v = 0\n}\n',
    ],
    csharp: [
      'public class Solution {\n    public void ReverseString(char[] s) {\n        Array.Reverse(s);\n    }\n}\n',
      'public class Counter {\n    private long v;\n    public Counter(long start) { v = start; }\n    public long Add(int by) { return v += by; }\n'
        + '    public double Scale(double x, bool twice) { return twice ? x * 2 : x; }\n    public string Label(char c) { return new string(c, 3); }\n    public void Reset() { v = 0; }\n}\n',
    ],
    kotlin: [
      'class Solution {\n    fun reverseString(s: CharArray): Unit {\n        s.reverse()\n    }\n}\n',
      'class Counter(start: Long) {\n    private var v = start\n    fun add(by: Int): Long { v += by; return v }\n'
        + '    fun scale(x: Double, twice: Boolean): Double = if (twice) x * 2 else x\n    fun label(c: Char): String = c.toString().repeat(3)\n    fun reset() { v = 0 }\n}\n',
    ],
    scala: [
      'object Solution {\n    def reverseString(s: Array[Char]): Unit = {\n        var i = 0\n        var j = s.length - 1\n        while (i < j) { val t = s(i); s(i) = s(j); s(j) = t; i += 1; j -= 1 }\n    }\n}\n',
      'class Counter(start: Long) {\n    private var v = start\n    def add(by: Int): Long = { v += by; v }\n'
        + '    def scale(x: Double, twice: Boolean): Double = if (twice) x * 2 else x\n    def label(c: Char): String = c.toString * 3\n    def reset(): Unit = { v = 0 }\n}\n',
    ],
    php: [
      'class Solution {\n    function reverseString(&$s) {\n        $s = array_reverse($s);\n    }\n}\n',
      'class Counter {\n    private $v;\n    function __construct($start) { $this->v = $start; }\n    function add($by) { return $this->v += $by; }\n'
        + '    function scale($x, $twice) { return $twice ? $x * 2 : $x; }\n    function label($c) { return str_repeat($c, 3); }\n    function reset() { $this->v = 0; }\n}\n',
    ],
    ruby: [
      '# @param {Character[]} s\n# @return {Void} Do not return anything, modify s in-place instead.\ndef reverse_string(s)\n    s.reverse!\nend\n',
      'class Counter\n    def initialize(start)\n        @v = start\n    end\n    def add(by)\n        @v += by\n    end\n'
        + '    def scale(x, twice)\n        twice ? x * 2 : x\n    end\n    def label(c)\n        c * 3\n    end\n    def reset\n        @v = 0\n    end\nend\n',
    ],
  };

  beforeAll(async () => {
    const common = { timeLimitMs: 2000, memoryLimitKb: 262144 };
    expect((await api(stack.gw.url, 'POST', '/api/v1/problems', {
      ...common, id: 'reverse-string', title: 'Reverse String',
      function: { name: 'reverseString', params: [{ name: 's', type: 'char[]' }], returns: 'void' },
      tests: [{ input: '["h","e","l","l","o"]\n', output: '["o","l","l","e","h"]', sample: true }, { input: '["a"]\n', output: '["a"]' }],
    })).status).toBe(201);
    expect((await api(stack.gw.url, 'POST', '/api/v1/problems', {
      ...common, id: 'counter', title: 'Counter', class: COUNTER_CLASS,
      tests: [{
        input: '["Counter","add","add","scale","label","reset","add","scale"]\n[[10000000000],[5],[-7],[1.25,true],["z"],[],[3],[0.1,false]]\n',
        output: '[null,10000000005,9999999998,2.5,"zzz",null,3,0.1]', sample: true,
      }],
    })).status).toBe(201);
  });

  it.each(LANGUAGES)('%s', async (language) => {
    const [inPlaceSource, designSource] = SOLUTIONS[filesOf(language)];
    const [inPlace, design] = await Promise.all([judge('reverse-string', language, inPlaceSource), judge('counter', language, designSource)]);
    expect([inPlace.verdict, inPlace.compileOutput, inPlace.tests[0].message]).toEqual([Verdict.AC, inPlace.compileOutput, 'ok']);
    expect([design.verdict, design.tests[0].message]).toEqual([Verdict.AC, 'ok']);
  });
});

describe('list<T>: LeetCode\'s List<List<Integer>> where a problem has lists', () => {
  const SOLUTIONS: Record<string, string> = {
    java: 'class Solution {\n    public List<List<Integer>> groupByParity(List<Integer> nums) {\n        List<List<Integer>> out = new ArrayList<>();\n        out.add(new ArrayList<>());\n        out.add(new ArrayList<>());\n        for (int x : nums) out.get(Math.abs(x % 2)).add(x);\n        return out;\n    }\n}\n',
    // The parameter is a list the solution may change, as on LeetCode.
    csharp: 'public class Solution {\n    public IList<IList<int>> GroupByParity(IList<int> nums) {\n        nums.Add(0);\n        nums.RemoveAt(nums.Count - 1);\n        return new List<IList<int>> { nums.Where(x => x % 2 == 0).ToList(), nums.Where(x => x % 2 != 0).ToList() };\n    }\n}\n',
    kotlin: 'class Solution {\n    fun groupByParity(nums: List<Int>): List<List<Int>> = nums.partition { it % 2 == 0 }.toList()\n}\n',
    scala: 'object Solution {\n    def groupByParity(nums: List[Int]): List[List[Int]] = {\n        val (even, odd) = nums.partition(_ % 2 == 0)\n        List(even, odd)\n    }\n}\n',
    cpp: 'class Solution {\npublic:\n    vector<vector<int>> groupByParity(vector<int>& nums) {\n        vector<vector<int>> out(2);\n        for (int x : nums) out[x % 2 != 0].push_back(x);\n        return out;\n    }\n};\n',
  };

  beforeAll(async () => {
    expect((await api(stack.gw.url, 'POST', '/api/v1/problems', {
      id: 'group-by-parity', title: 'Group by Parity', timeLimitMs: 2000, memoryLimitKb: 262144,
      function: { name: 'groupByParity', params: [{ name: 'nums', type: 'list<int>' }], returns: 'list<list<int>>' },
      tests: [{ input: '[1,2,3,4]\n', output: '[[2,4],[1,3]]', sample: true }, { input: '[-3,5,0]\n', output: '[[0],[-3,5]]' }, { input: '[]\n', output: '[[],[]]' }],
    })).status).toBe(201);
  });

  it('shows List<List<Integer>> in Java\'s template, and judges list solutions in Java, C#, Kotlin, Scala and C++', async () => {
    const { body } = await api(stack.gw.url, 'GET', '/api/v1/problems/group-by-parity');
    expect(body.templates.java).toContain('public List<List<Integer>> groupByParity(List<Integer> nums) {');
    const languages = Object.keys(SOLUTIONS);
    const results = await Promise.all(languages.map((l) => judge('group-by-parity', l, SOLUTIONS[l])));
    expect(results.map((r, i) => [languages[i], r.verdict, r.verdict === Verdict.AC ? null : r.compileOutput ?? r.tests.find((t) => t.verdict !== Verdict.AC)?.message]))
      .toEqual(languages.map((l) => [l, Verdict.AC, null]));
  });
});

describe('what the user prints', () => {
  // Printed text that looks like a result, on stdout and stderr: the result channel is fd 3.
  const PRINTS: Record<string, string> = {
    python3: 'class Solution:\n    def reverseList(self, head: Optional[ListNode]) -> Optional[ListNode]:\n        print("[1,2,3]")\n        print("debug", file=sys.stderr)\n        prev = None\n        while head:\n            head.next, prev, head = prev, head, head.next\n        return prev\n',
    cpp: 'class Solution {\npublic:\n    ListNode* reverseList(ListNode* head) {\n        cout << "[1,2,3]" << endl;\n        ListNode* prev = nullptr;\n        while (head) { ListNode* n = head->next; head->next = prev; prev = head; head = n; }\n        return prev;\n    }\n};\n',
    java: 'class Solution {\n    public ListNode reverseList(ListNode head) {\n        System.out.println("[1,2,3]");\n        ListNode prev = null;\n        while (head != null) { ListNode n = head.next; head.next = prev; prev = head; head = n; }\n        return prev;\n    }\n}\n',
    javascript: 'var reverseList = function(head) {\n    console.log("[1,2,3]");\n    let prev = null;\n    while (head) [head.next, prev, head] = [prev, head, head.next];\n    return prev;\n};\n',
    c: 'struct ListNode* reverseList(struct ListNode* head) {\n    printf("[1,2,3]\\n");\n    struct ListNode* prev = NULL;\n    while (head) { struct ListNode* n = head->next; head->next = prev; prev = head; head = n; }\n    return prev;\n}\n',
    rust: 'impl Solution {\n    pub fn reverse_list(head: Option<Box<ListNode>>) -> Option<Box<ListNode>> {\n        println!("[1,2,3]");\n        let (mut prev, mut cur) = (None, head);\n        while let Some(mut n) = cur { cur = n.next.take(); n.next = prev; prev = Some(n); }\n        prev\n    }\n}\n',
    typescript: 'function reverseList(head: ListNode | null): ListNode | null {\n    console.log("[1,2,3]");\n    let prev: ListNode | null = null;\n    while (head) [head.next, prev, head] = [prev, head, head.next];\n    return prev;\n};\n',
    go: 'func reverseList(head *ListNode) *ListNode {\n    fmt.Println("[1,2,3]")\n    var prev *ListNode\n    for head != nil {\n        head.Next, prev, head = prev, head, head.Next\n    }\n    return prev\n}\n',
    csharp: 'public class Solution {\n    public ListNode ReverseList(ListNode head) {\n        Console.WriteLine("[1,2,3]");\n        ListNode prev = null;\n        while (head != null) { var n = head.next; head.next = prev; prev = head; head = n; }\n        return prev;\n    }\n}\n',
    kotlin: 'class Solution {\n    fun reverseList(head: ListNode?): ListNode? {\n        println("[1,2,3]")\n        var prev: ListNode? = null\n        var cur = head\n        while (cur != null) { val n = cur.next; cur.next = prev; prev = cur; cur = n }\n        return prev\n    }\n}\n',
    scala: 'object Solution {\n    def reverseList(head: ListNode): ListNode = {\n        println("[1,2,3]")\n        var prev: ListNode = null\n        var cur = head\n        while (cur != null) { val n = cur.next; cur.next = prev; prev = cur; cur = n }\n        prev\n    }\n}\n',
    php: 'class Solution {\n    function reverseList($head) {\n        echo "[1,2,3]\\n";\n        $prev = null;\n        while ($head !== null) { $n = $head->next; $head->next = $prev; $prev = $head; $head = $n; }\n        return $prev;\n    }\n}\n',
    ruby: 'def reverse_list(head)\n    puts "[1,2,3]"\n    prev = nil\n    head.next, prev, head = prev, head, head.next while head\n    prev\nend\n',
  };

  it.each(LANGUAGES)('%s: prints go to stdout, shown on samples, and never corrupt the result', async (language) => {
    const s = await judge('reverse-list', language, PRINTS[filesOf(language)]);
    expect(s.verdict).toBe(Verdict.AC);
    const sample = s.tests.find((t) => t.sample)!;
    expect(sample.stdout).toContain('[1,2,3]');
    expect(s.tests.filter((t) => !t.sample).every((t) => t.stdout === undefined)).toBe(true);
  });
});

describe('compile errors point at the user\'s own lines', () => {
  // Line 3 holds the error in each.
  const BROKEN: Record<string, [string, RegExp]> = {
    c: ['struct ListNode* reverseList(struct ListNode* head) {\n    struct ListNode* prev = NULL;\n    undefined_thing(prev);\n    return prev;\n}\n', /solution\.c:3:/],
    cpp: ['class Solution {\npublic:\n    ListNode* reverseList(ListNode* head) { return undefinedThing; }\n};\n', /solution\.cpp:3:/],
    java: ['class Solution {\n    public ListNode reverseList(ListNode head) {\n        return undefinedThing;\n    }\n}\n', /Solution\.java:3: error/],
    python3: ['class Solution:\n    def reverseList(self, head):\n        return (\n', /line 3/],
    javascript: ['var reverseList = function(head) {\n    let x = 1;\n    let x = 2;\n};\n', /main\.js:3/],
    rust: ['impl Solution {\n    pub fn reverse_list(head: Option<Box<ListNode>>) -> Option<Box<ListNode>> {\n        undefined_thing\n    }\n}\n', /solution\.rs:3:/],
    pypy3: ['class Solution:\n    def reverseList(self, head):\n        return (\n', /line 3/],
    typescript: ['function reverseList(head: ListNode | null): ListNode | null {\n    let prev = null;\n    return prev +;\n};\n', /main\.ts\(3,/],
    go: ['func reverseList(head *ListNode) *ListNode {\n    var prev *ListNode\n    return undefinedThing\n}\n', /main\.go:3:/],
    csharp: ['public class Solution {\n    public ListNode ReverseList(ListNode head) {\n        return undefinedThing;\n    }\n}\n', /main\.cs\(3,/],
    kotlin: ['class Solution {\n    fun reverseList(head: ListNode?): ListNode? {\n        return undefinedThing\n    }\n}\n', /main\.kt:3:/],
    scala: ['object Solution {\n    def reverseList(head: ListNode): ListNode = {\n        undefinedThing\n    }\n}\n', /main\.scala:3: error/],
    php: ['class Solution {\n    function reverseList($head) {\n        return $head +;\n    }\n}\n', /on line 3/],
    ruby: ['def reverse_list(head)\n    prev = nil\n    prev = )\nend\n', /main\.rb:3: syntax error/],
  };

  it.each(LANGUAGES)('%s', async (language) => {
    const [source, where] = BROKEN[language];
    const s = await judge('reverse-list', language, source);
    expect(s.verdict).toBe(Verdict.CE);
    expect(s.compileOutput).toMatch(where);
  });
});

describe('limits inside a function are reported as for programs', () => {
  it('an endless loop is TLE', async () => {
    const s = await judge('reverse-list', 'cpp', 'class Solution {\npublic:\n    ListNode* reverseList(ListNode* head) { volatile long x = 0; for (;;) x++; return head; }\n};\n');
    expect(s.verdict).toBe(Verdict.TLE);
  });

  it('an exception is RE with its exit code', async () => {
    const s = await judge('min-stack', 'python3', 'class MinStack:\n    def __init__(self):\n        pass\n    def push(self, val: int) -> None:\n        raise ValueError("boom")\n');
    expect(s.verdict).toBe(Verdict.RE);
    const failed = s.tests.find((t) => t.verdict === Verdict.RE)!;
    expect(failed.exitCode).toBe(1);
    expect(failed.stderr).toContain('ValueError: boom');
  });

  it('a null dereference in C is RE SIGSEGV', async () => {
    const s = await judge('invert-tree', 'c', 'struct TreeNode* invertTree(struct TreeNode* root) {\n    struct TreeNode* p = NULL;\n    p->val = root ? root->val : 0;\n    return root;\n}\n');
    expect(s.verdict).toBe(Verdict.RE);
    expect(s.tests.find((t) => t.verdict === Verdict.RE)!.signal).toBe('SIGSEGV');
  });

  it('allocating past the memory limit is MLE (Java and Python)', async () => {
    const [java, python] = await Promise.all([
      judge('transpose-matrix', 'java', 'class Solution {\n    public int[][] transpose(int[][] matrix) {\n        List<long[]> hog = new ArrayList<>();\n        while (true) hog.add(new long[1 << 20]);\n    }\n}\n'),
      judge('transpose-matrix', 'python3', 'class Solution:\n    def transpose(self, matrix: List[List[int]]) -> List[List[int]]:\n        hog = []\n        while True:\n            hog.append(bytearray(1 << 24))\n'),
    ]);
    expect(java.verdict).toBe(Verdict.MLE);
    expect(python.verdict).toBe(Verdict.MLE);
  });

  it('in the other runtimes too: MLE in Go, PHP and TypeScript, TLE in Kotlin, RE in C# and Ruby', async () => {
    const [go, php, ts, kotlin, csharp, ruby] = await Promise.all([
      judge('transpose-matrix', 'go', 'func transpose(matrix [][]int) [][]int {\n    hog := [][]byte{}\n    for {\n        b := make([]byte, 1<<24)\n        for i := range b {\n            b[i] = 1\n        }\n        hog = append(hog, b)\n    }\n}\n'),
      judge('transpose-matrix', 'php', 'class Solution {\n    function transpose($matrix) {\n        $hog = [];\n        while (true) $hog[] = str_repeat("x", 1 << 24);\n    }\n}\n'),
      judge('transpose-matrix', 'typescript', 'function transpose(matrix: number[][]): number[][] {\n    const hog: number[][] = [];\n    while (true) hog.push(new Array(1 << 20).fill(1.5));\n};\n'),
      judge('reverse-list', 'kotlin', 'class Solution {\n    fun reverseList(head: ListNode?): ListNode? {\n        var x = 0L\n        while (true) x++\n    }\n}\n'),
      judge('min-stack', 'csharp', 'public class MinStack {\n    public void Push(int val) { throw new InvalidOperationException("boom"); }\n    public void Pop() {}\n    public int Top() { return 0; }\n    public int GetMin() { return 0; }\n}\n'),
      judge('min-stack', 'ruby', 'class MinStack\n    def push(val)\n        raise "boom"\n    end\nend\n'),
    ]);
    expect([go.verdict, php.verdict, ts.verdict, kotlin.verdict, csharp.verdict, ruby.verdict]).toEqual([Verdict.MLE, Verdict.MLE, Verdict.MLE, Verdict.TLE, Verdict.RE, Verdict.RE]);
    expect(csharp.tests.find((t) => t.verdict === Verdict.RE)!.stderr).toContain('boom');
    expect(ruby.tests.find((t) => t.verdict === Verdict.RE)!.stderr).toContain('boom');
  });

  it('a result past the output limit is OLE', async () => {
    const s = await judge('longest-common-prefix', 'python3', 'class Solution:\n    def longestCommonPrefix(self, strs: List[str]) -> str:\n        return "x" * (2 << 20)\n', { outputLimitKb: 1024 });
    expect(s.verdict).toBe(Verdict.OLE);
    expect(s.tests[0].message).toMatch(/output limit exceeded \(1024 KiB\)/);
  });
});

describe('problems API', () => {
  const base = {
    id: 'two-sum', title: 'Two Sum', timeLimitMs: 1000, memoryLimitKb: 262144,
    function: { name: 'twoSum', params: [{ name: 'nums', type: 'int[]' }, { name: 'target', type: 'int' }], returns: 'int[]', anyOrder: true },
    tests: [{ input: '[2,7,11,15]\n9\n', output: '[0,1]', sample: true }, { input: '[3,2,4]\n6\n', output: '[1,2]' }],
  };

  it('creates a function problem and shows its templates in LeetCode\'s shapes', async () => {
    const created = await api(stack.gw.url, 'POST', '/api/v1/problems', base);
    expect(created.status).toBe(201);
    const { body } = await api(stack.gw.url, 'GET', '/api/v1/problems/two-sum');
    expect(body.function).toEqual(base.function);
    expect(Object.keys(body.templates).sort()).toEqual([...LANGUAGES].sort());
    expect(body.templates.typescript).toContain('function twoSum(nums: number[], target: number): number[] {');
    expect(body.templates.go).toContain('func twoSum(nums []int, target int) []int {');
    expect(body.templates.csharp).toContain('public int[] TwoSum(int[] nums, int target) {');
    expect(body.templates.kotlin).toContain('fun twoSum(nums: IntArray, target: Int): IntArray {');
    expect(body.templates.php).toContain('function twoSum($nums, $target) {');
    expect(body.templates.ruby).toContain('def two_sum(nums, target)');
    expect(body.templates.scala).toContain('def twoSum(nums: Array[Int], target: Int): Array[Int] = {');
    expect(body.templates.cpp).toContain('class Solution {\npublic:\n    vector<int> twoSum(vector<int>& nums, int target) {');
    expect(body.templates.java).toContain('public int[] twoSum(int[] nums, int target) {');
    expect(body.templates.python3).toContain('def twoSum(self, nums: List[int], target: int) -> List[int]:');
    expect(body.templates.javascript).toContain('var twoSum = function(nums, target) {');
    expect(body.templates.rust).toContain('pub fn two_sum(nums: Vec<i32>, target: i32) -> Vec<i32> {');
    expect(body.templates.c).toContain('int* twoSum(int* nums, int numsSize, int target, int* returnSize) {');
    // anyOrder: [1,0] is as good as [0,1].
    const s = await judge('two-sum', 'python3', 'class Solution:\n    def twoSum(self, nums: List[int], target: int) -> List[int]:\n        seen = {}\n        for i, x in enumerate(nums):\n            if target - x in seen:\n                return [i, seen[target - x]]\n            seen[x] = i\n');
    expect(s.verdict).toBe(Verdict.AC);
  });

  it('refuses a submission in a language without a harness with a 400 naming the field and the languages that have one', async () => {
    const r = await api(stack.gw.url, 'POST', '/api/v1/submissions', { problemId: 'two-sum', language: 'bash', sourceCode: 'echo [0,1]\n' });
    expect(r.status).toBe(400);
    expect([r.body.message].flat().join('; ')).toMatch(/^language: two-sum is a function problem, which takes c, cpp, java, .*go, csharp, kotlin, scala, php, ruby$/);
  });

  it.each([
    [{ function: { ...base.function, returns: 'int[][][]' } }, /function\.returns: .*at most 2 dimensions/],
    [{ function: { ...base.function, params: [{ name: 'nums', type: 'float' }] } }, /function\.params\.0\.type: "float" is not a type/],
    [{ function: { ...base.function, name: 'class' } }, /function\.name "class" is reserved/],
    [{ tests: [{ input: '[2,7]\n', output: '[0,1]' }] }, /tests\.0: input has 1 lines for 2 parameters/],
    [{ tests: [{ input: '[2,7]\n"9"\n', output: '[0,1]' }] }, /tests\.0: input line 2 \(target: int\): expected int/],
    [{ tests: [{ input: '[2,7]\n9\n', output: '"x"' }] }, /tests\.0: output \(int\[\]\): expected int\[\]/],
    [{ tests: [{ input: '[2,7]\n99999999999\n', output: '[0,1]' }] }, /out of the int range/],
    [{ class: { name: 'MinStack', methods: [] } }, /not both/],
  ])('refuses invalid signatures and test data with a 400 naming them (%#)', async (change, message) => {
    const r = await api(stack.gw.url, 'POST', '/api/v1/problems', { ...base, id: 'bad-fn', ...change });
    expect(r.status).toBe(400);
    expect([r.body.message].flat().join('; ')).toMatch(message);
  });

  it('refuses a design test whose calls do not fit the class', async () => {
    const r = await api(stack.gw.url, 'POST', '/api/v1/problems', {
      id: 'bad-design', title: 'x', timeLimitMs: 1000, memoryLimitKb: 262144,
      class: { name: 'Counter', constructor: { params: [] }, methods: [{ name: 'inc', params: [{ name: 'by', type: 'int' }], returns: 'int' }] },
      tests: [{ input: '["Counter","inc","dec"]\n[[],[1],[]]\n', output: '[null,1,0]' }],
    });
    expect(r.status).toBe(400);
    expect([r.body.message].flat().join('; ')).toMatch(/tests\.0: input line 1, call 3: "dec" is not a method of Counter/);
  });

  it('export writes function.yaml, and the package imports back to the same problem', async () => {
    const res = await fetch(`${stack.gw.url}/api/v1/problems/min-stack/export`, { headers: { authorization: `Bearer ${process.env.ADMIN_TOKEN}` } });
    expect(res.status).toBe(200);
    const back = await importZip(stack.gw.url, Buffer.from(await res.arrayBuffer()), 'min-stack.zip', '?id=min-stack-copy');
    expect(back.status).toBe(201);
    const view = async (id: string) => {
      const { id: _i, createdAt: _c, updatedAt: _u, statement: _s, ...rest } = (await api(stack.gw.url, 'GET', `/api/v1/problems/${id}`)).body;
      return rest;
    };
    const copy = await view('min-stack-copy');
    expect(copy.class).toEqual({ name: 'MinStack', constructor: { params: [] }, methods: expect.any(Array) });
    expect(copy).toEqual(await view('min-stack'));
  });

  it('a package whose function.yaml or data do not fit is a 400 naming them', async () => {
    const dir = mkdtempSync(join(process.env.E2E_TMP!, 'pkg-'));
    cpSync(join(EXAMPLES, 'problems', 'reverse-list'), join(dir, 'reverse-list'), { recursive: true });
    writeFileSync(join(dir, 'reverse-list', 'function.yaml'), 'function:\n  name: reverseList\n  params: [{ name: head, type: LinkedList }]\n  returns: ListNode\n');
    const bad = await importZip(stack.gw.url, await zipDirectory(join(dir, 'reverse-list'), 'reverse-list'), 'reverse-list.zip', '?id=bad-list');
    expect(bad.status).toBe(400);
    expect([bad.body.message].flat().join('; ')).toMatch(/package: function\.yaml: function\.params\.0\.type: "LinkedList" is not a type/);
    writeFileSync(join(dir, 'reverse-list', 'function.yaml'), 'function:\n  name: reverseList\n  params: [{ name: head, type: "string[]" }]\n  returns: ListNode\n');
    const data = await importZip(stack.gw.url, await zipDirectory(join(dir, 'reverse-list'), 'reverse-list'), 'reverse-list.zip', '?id=bad-list');
    expect(data.status).toBe(400);
    expect([data.body.message].flat().join('; ')).toMatch(/package: tests\.0: input line 1 \(head: string\[\]\): \[0\]: expected string/);
  });

  it('imported example packages keep their signature (function.yaml)', async () => {
    const { body } = await api(stack.gw.url, 'GET', '/api/v1/problems/min-stack');
    expect(body.class.name).toBe('MinStack');
    expect(body.templates.c).toContain('MinStack* minStackCreate() {');
    expect(body.templates.rust).toContain('fn get_min(&self) -> i32 {');
  });
});
