// Function problems (DESIGN.md, "Function problems, as LeetCode has them") end to end: the
// example problems are imported from their packages (function.yaml), solutions written as
// LeetCode's editor holds them are judged in real sandboxes, verdicts seen over the WebSocket.
import { mkdtempSync, writeFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { Verdict } from '@app/contracts';
import { importZip, zipDirectory } from '../../../test/support/packages';
import { api, EXAMPLES, judgeFile, languageOf, solutions, submit, useStack, watch } from '../../../test/support/stack';

jest.setTimeout(300000);
process.env.ADMIN_TOKEN = 'e2e-admin-token-0123456789';

const stack = useStack();

const LANGUAGES = ['c', 'cpp', 'java', 'python3', 'javascript', 'rust'];
const PROBLEMS = ['reverse-list', 'invert-tree', 'min-stack', 'longest-common-prefix', 'transpose-matrix'];

async function judge(problemId: string, language: string, sourceCode: string, limits?: Record<string, number>) {
  const id = await submit(stack.gw.url, { problemId, language, sourceCode, ...(limits ? { limits } : {}) });
  return (await watch(stack.gw.wsUrl, id, 120000)).final;
}

describe.each(LANGUAGES)('%s', (language) => {
  it.each(PROBLEMS)('judges %s: the AC solution AC, the WA one WA', async (problem) => {
    const [ac] = solutions(problem, 'AC').filter((f) => languageOf(f) === language);
    const [wa] = solutions(problem, 'WA').filter((f) => languageOf(f) === language);
    expect(ac && wa).toBeTruthy();
    const [good, bad] = await Promise.all([judgeFile(stack.gw, ac, problem), judgeFile(stack.gw, wa, problem)]);
    expect({ verdict: good.verdict, compileOutput: good.verdict === Verdict.AC ? null : good.compileOutput, tests: good.tests.map((t) => t.verdict) })
      .toEqual({ verdict: Verdict.AC, compileOutput: null, tests: good.tests.map(() => Verdict.AC) });
    expect(bad.verdict).toBe(Verdict.WA);
    // The first wrong test is a sample here or not; either way its message never shows hidden data.
    const wrong = bad.tests.find((t) => t.verdict === Verdict.WA)!;
    expect(wrong.message).toMatch(wrong.sample ? /^wrong answer: / : /^wrong answer$/);
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
    const [inPlace, design] = await Promise.all([judge('reverse-string', language, SOLUTIONS[language][0]), judge('counter', language, SOLUTIONS[language][1])]);
    expect([inPlace.verdict, inPlace.compileOutput, inPlace.tests[0].message]).toEqual([Verdict.AC, inPlace.compileOutput, 'ok']);
    expect([design.verdict, design.tests[0].message]).toEqual([Verdict.AC, 'ok']);
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
  };

  it.each(LANGUAGES)('%s: prints go to stdout, shown on samples, and never corrupt the result', async (language) => {
    const s = await judge('reverse-list', language, PRINTS[language]);
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
