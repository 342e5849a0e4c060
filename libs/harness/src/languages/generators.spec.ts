import { HARNESS_GENERATORS, harnessProgram, templates } from '../index';
import { HarnessSpec } from '../signature';

const twoSum: HarnessSpec = { function: { name: 'twoSum', params: [{ name: 'nums', type: 'int[]' }, { name: 'target', type: 'int' }], returns: 'int[]' } };
const grid: HarnessSpec = { function: { name: 'transpose', params: [{ name: 'matrix', type: 'int[][]' }], returns: 'int[][]' } };
const tree: HarnessSpec = { function: { name: 'maxDepth', params: [{ name: 'root', type: 'TreeNode' }], returns: 'int' } };
const strings: HarnessSpec = { function: { name: 'longestCommonPrefix', params: [{ name: 'strs', type: 'string[]' }], returns: 'string' } };
const inPlace: HarnessSpec = { function: { name: 'reverseString', params: [{ name: 's', type: 'char[]' }], returns: 'void' } };
const minStack: HarnessSpec = {
  class: {
    name: 'MinStack', constructor: { params: [] },
    methods: [{ name: 'push', params: [{ name: 'val', type: 'int' }], returns: 'void' }, { name: 'getMin', params: [], returns: 'int' }],
  },
};

describe('templates: LeetCode\'s starting code', () => {
  it('has one per harness language', () => expect(Object.keys(templates(twoSum)).sort()).toEqual(['c', 'cpp', 'csharp', 'go', 'java', 'javascript', 'kotlin', 'php', 'pypy3', 'python3', 'ruby', 'rust', 'scala', 'typescript']));

  it.each([
    ['c', twoSum, '/**\n * Note: The returned array must be malloced, assume caller calls free().\n */\nint* twoSum(int* nums, int numsSize, int target, int* returnSize) {\n    \n}\n'],
    ['cpp', twoSum, 'class Solution {\npublic:\n    vector<int> twoSum(vector<int>& nums, int target) {\n        \n    }\n};\n'],
    ['java', twoSum, 'class Solution {\n    public int[] twoSum(int[] nums, int target) {\n        \n    }\n}\n'],
    ['python3', twoSum, 'class Solution:\n    def twoSum(self, nums: List[int], target: int) -> List[int]:\n        \n'],
    ['javascript', twoSum, '/**\n * @param {number[]} nums\n * @param {number} target\n * @return {number[]}\n */\nvar twoSum = function(nums, target) {\n    \n};\n'],
    ['rust', twoSum, 'impl Solution {\n    pub fn two_sum(nums: Vec<i32>, target: i32) -> Vec<i32> {\n        \n    }\n}\n'],
    ['typescript', twoSum, 'function twoSum(nums: number[], target: number): number[] {\n    \n};\n'],
    ['go', twoSum, 'func twoSum(nums []int, target int) []int {\n    \n}\n'],
    ['csharp', twoSum, 'public class Solution {\n    public int[] TwoSum(int[] nums, int target) {\n        \n    }\n}\n'],
    ['php', twoSum, 'class Solution {\n\n    /**\n     * @param Integer[] $nums\n     * @param Integer $target\n     * @return Integer[]\n     */\n    function twoSum($nums, $target) {\n        \n    }\n}\n'],
    ['ruby', twoSum, '# @param {Integer[]} nums\n# @param {Integer} target\n# @return {Integer[]}\ndef two_sum(nums, target)\n    \nend\n'],
    ['scala', twoSum, 'object Solution {\n    def twoSum(nums: Array[Int], target: Int): Array[Int] = {\n        \n    }\n}\n'],
    ['kotlin', twoSum, 'class Solution {\n    fun twoSum(nums: IntArray, target: Int): IntArray {\n        \n    }\n}\n'],
  ])('%s two-sum', (language, spec, code) => expect(HARNESS_GENERATORS[language].template(spec)).toBe(code));

  it.each([
    ['c', grid, 'int** transpose(int** matrix, int matrixSize, int* matrixColSize, int* returnSize, int** returnColumnSizes) {'],
    ['c', strings, 'char* longestCommonPrefix(char** strs, int strsSize) {'],
    ['c', inPlace, 'void reverseString(char* s, int sSize) {'],
    ['c', tree, ' * struct TreeNode {\n *     int val;\n *     struct TreeNode *left;\n *     struct TreeNode *right;\n * };\n */\nint maxDepth(struct TreeNode* root) {'],
    ['cpp', tree, '    int maxDepth(TreeNode* root) {'],
    ['cpp', strings, '    string longestCommonPrefix(vector<string>& strs) {'],
    ['java', grid, '    public int[][] transpose(int[][] matrix) {'],
    ['java', strings, '    public String longestCommonPrefix(String[] strs) {'],
    ['python3', tree, '# Definition for a binary tree node.\n# class TreeNode:\n'],
    ['python3', tree, '    def maxDepth(self, root: Optional[TreeNode]) -> int:'],
    ['python3', inPlace, '    def reverseString(self, s: List[str]) -> None:'],
    ['javascript', tree, ' * @param {TreeNode} root\n * @return {number}\n */\nvar maxDepth = function(root) {'],
    ['rust', tree, 'use std::rc::Rc;\nuse std::cell::RefCell;\nimpl Solution {\n    pub fn max_depth(root: Option<Rc<RefCell<TreeNode>>>) -> i32 {'],
    ['rust', inPlace, '    pub fn reverse_string(s: &mut Vec<char>) {'],
    ['rust', strings, '    pub fn longest_common_prefix(strs: Vec<String>) -> String {'],
    ['pypy3', tree, '    def maxDepth(self, root: Optional[TreeNode]) -> int:'],
    ['typescript', tree, ' * class TreeNode {\n *     val: number\n'],
    ['typescript', tree, 'function maxDepth(root: TreeNode | null): number {'],
    ['typescript', inPlace, 'function reverseString(s: string[]): void {'],
    ['go', tree, ' * type TreeNode struct {\n *     Val int\n *     Left *TreeNode\n'],
    ['go', tree, 'func maxDepth(root *TreeNode) int {'],
    ['go', grid, 'func transpose(matrix [][]int) [][]int {'],
    ['go', inPlace, 'func reverseString(s []byte) {'],
    ['csharp', tree, ' *     public TreeNode(int val=0, TreeNode left=null, TreeNode right=null) {'],
    ['csharp', tree, '    public int MaxDepth(TreeNode root) {'],
    ['csharp', grid, '    public int[][] Transpose(int[][] matrix) {'],
    ['csharp', strings, '    public string LongestCommonPrefix(string[] strs) {'],
    ['php', tree, ' * class TreeNode {\n *     public $val = null;'],
    ['php', inPlace, '     * @return NULL\n     */\n    function reverseString(&$s) {'],
    ['php', grid, '     * @param Integer[][] $matrix\n     * @return Integer[][]'],
    ['ruby', tree, '# class TreeNode\n#     attr_accessor :val, :left, :right\n'],
    ['ruby', tree, '# @param {TreeNode} root\n# @return {Integer}\ndef max_depth(root)'],
    ['ruby', inPlace, '# @return {Void} Do not return anything, modify s in-place instead.\ndef reverse_string(s)'],
    ['ruby', strings, '# @param {String[]} strs\n# @return {String}\ndef longest_common_prefix(strs)'],
    ['scala', tree, ' * class TreeNode(_value: Int = 0, _left: TreeNode = null, _right: TreeNode = null) {'],
    ['scala', tree, '    def maxDepth(root: TreeNode): Int = {'],
    ['scala', grid, '    def transpose(matrix: Array[Array[Int]]): Array[Array[Int]] = {'],
    ['scala', inPlace, '    def reverseString(s: Array[Char]): Unit = {'],
    ['kotlin', tree, ' * class TreeNode(var `val`: Int) {\n *     var left: TreeNode? = null\n'],
    ['kotlin', tree, '    fun maxDepth(root: TreeNode?): Int {'],
    ['kotlin', grid, '    fun transpose(matrix: Array<IntArray>): Array<IntArray> {'],
    ['kotlin', strings, '    fun longestCommonPrefix(strs: Array<String>): String {'],
    ['kotlin', inPlace, '    fun reverseString(s: CharArray): Unit {'],
  ])('%s %#', (language, spec, snippet) => expect(HARNESS_GENERATORS[language].template(spec)).toContain(snippet));

  it.each([
    ['c', ['typedef struct {\n    \n} MinStack;', 'MinStack* minStackCreate() {', 'void minStackPush(MinStack* obj, int val) {', 'int minStackGetMin(MinStack* obj) {', 'void minStackFree(MinStack* obj) {']],
    ['cpp', ['class MinStack {\npublic:\n    MinStack() {', '    void push(int val) {', '    int getMin() {', ' * MinStack* obj = new MinStack();']],
    ['java', ['class MinStack {\n\n    public MinStack() {', '    public void push(int val) {', '    public int getMin() {']],
    ['python3', ['class MinStack:\n\n    def __init__(self):', '    def push(self, val: int) -> None:', '    def getMin(self) -> int:']],
    ['javascript', ['var MinStack = function() {', 'MinStack.prototype.push = function(val) {', 'MinStack.prototype.getMin = function() {']],
    ['rust', ['struct MinStack {', 'impl MinStack {\n\n    fn new() -> Self {', '    fn push(&self, val: i32) {', '    fn get_min(&self) -> i32 {']],
    ['typescript', ['class MinStack {\n    constructor() {', '    push(val: number): void {', '    getMin(): number {', ' * var obj = new MinStack()']],
    ['csharp', ['public class MinStack {\n\n    public MinStack() {', '    public void Push(int val) {', '    public int GetMin() {', ' * int param_3 = obj.GetMin();']],
    ['php', ['class MinStack {', '    function __construct() {', '     * @param Integer $val\n     * @return NULL\n     */\n    function push($val) {', '    function getMin() {', ' * $ret_3 = $obj->getMin();']],
    ['ruby', ['class MinStack\n    def initialize()', '=begin\n    :type val: Integer\n    :rtype: Void\n=end\n    def push(val)', '    def get_min()', '# param_3 = obj.get_min()']],
    ['scala', ['class MinStack() {', '    def push(`val`: Int): Unit = {', '    def getMin(): Int = {', ' * val param_3 = obj.getMin()']],
    ['kotlin', ['class MinStack() {', '    fun push(`val`: Int) {', '    fun getMin(): Int {', ' * obj.push(`val`)']],
    ['go', ['type MinStack struct {', 'func Constructor() MinStack {', 'func (this *MinStack) Push(val int) {', 'func (this *MinStack) GetMin() int {', ' * param_3 := obj.GetMin();']],
  ])('%s design class', (language, snippets) => {
    const code = HARNESS_GENERATORS[language].template(minStack);
    for (const s of snippets as string[]) expect(code).toContain(s);
  });
});

describe('programs: the driver around the user\'s code', () => {
  const source = 'USER CODE\nLINE 2\n';
  /** Languages whose harness puts what LeetCode predeclares on the user's first line. */
  const PREFIXED: Record<string, RegExp> = {
    java: /^import java\.util\.\*;.* USER CODE$/,
    go: /^package main; import \(ojio "io"; .*\); USER CODE$/,
    csharp: /^using System; using System\.Collections\.Generic; .* USER CODE$/,
    php: /^<\?php USER CODE$/,
    ruby: /^require 'json'; require 'set'; USER CODE$/,
    kotlin: /^import java\.util\.\*; import kotlin\.math\.\*; USER CODE$/,
  };

  it.each([
    ['c', 'main.c', 'solution.c', false],
    ['cpp', 'main.cpp', 'solution.cpp', false],
    ['java', 'Main.java', 'Solution.java', false],
    ['python3', 'main.py', 'solution.py', true],
    ['javascript', 'main.js', 'main.js', true],
    ['rust', 'main.rs', 'solution.rs', false],
    ['pypy3', 'main.py', 'solution.py', true],
    ['typescript', 'main.ts', 'main.ts', true],
    ['go', 'main.go', 'main.go', false],
    ['csharp', 'main.cs', 'main.cs', false],
    ['kotlin', 'main.kt', 'main.kt', false],
    ['php', 'main.php', 'main.php', true],
    ['scala', 'main.scala', 'main.scala', false],
    ['ruby', 'main.rb', 'main.rb', true],
  ])('%s: entry %s, user file %s', (language, entry, userFile, jsonInput) => {
    const p = harnessProgram(language, twoSum, source)!;
    expect({ entry: p.entry, userFile: p.userFile, jsonInput: p.jsonInput }).toEqual({ entry, userFile, jsonInput });
    // The user's lines keep their numbers in their own file.
    expect(p.files[userFile].split('\n').slice(0, 2)).toEqual(
      PREFIXED[language] ? [expect.stringMatching(PREFIXED[language]), 'LINE 2'] : ['USER CODE', 'LINE 2'],
    );
  });

  it.each([
    ['c', ['#include "solution.c"\n', 'int numsSize; int* nums = oj_arr_int(&numsSize);', 'int target = oj_int();', 'int* ojR = twoSum(nums, numsSize, target, &ojRSize);', 'oj_warr_int(ojR, ojRSize);']],
    ['cpp', ['using namespace std;', '#include "solution.cpp"\n', 'vector<int> nums; oj::read(nums);', 'vector<int> ojResult = Solution().twoSum(nums, target);']],
    ['java', ['public class Main {', 'int[] ojA0 = readInt1();', 'write(new Solution().twoSum(ojA0, ojA1));', '"/proc/self/fd/3"']],
    ['rust', ['pub struct Solution;', 'include!("solution.rs");\n', 'let nums: Vec<i32> = oj::Read1::read(&mut oj_in);', 'let oj_r: Vec<i32> = Solution::two_sum(nums, target);', 'from_raw_fd(3)']],
    ['python3', ["compile(src, path, 'exec')", 'os.write(3, data)', 'SIG = json.loads("{\\"function\\":{\\"name\\":\\"twoSum\\"']],
    ['javascript', ['fs.writeSync(3, data, at)', '{"function":{"name":"twoSum","params":[["int",1],["int",0]],"returns":["int",1]}}']],
  ])('%s driver', (language, snippets) => {
    const p = harnessProgram(language, twoSum, source)!;
    for (const s of snippets as string[]) expect(p.files[p.entry]).toContain(s);
  });

  it('replays a design problem\'s calls by method index', () => {
    expect(harnessProgram('cpp', minStack, source)!.files['main.cpp']).toContain('case 1: {\n\n            int ojR = ojObj->getMin(); oj::write(ojOut, ojR);');
    expect(harnessProgram('c', minStack, source)!.files['main.c']).toContain('minStackPush(ojObj, val); oj_puts("null");');
    expect(harnessProgram('rust', minStack, source)!.files['main.rs']).toContain('let mut oj_obj = MinStack::new();');
    expect(Object.keys(harnessProgram('java', minStack, source)!.files)).toContain('MinStack.java');
  });

  it('has no harness for other languages', () => expect(harnessProgram('cobol', twoSum, source)).toBeNull());
});

describe('go: what LeetCode\'s Go has without imports', () => {
  const program = (code: string) => harnessProgram('go', twoSum, code)!.files['main.go'];

  it('imports the standard packages the user names, and keeps each used', () => {
    const main = program('func twoSum(nums []int, target int) []int {\n    sort.Ints(nums)\n    return nums\n}\n');
    expect(main.split('\n')[0]).toBe('package main; import (ojio "io"; ojmath "math"; ojos "os"; ojstrconv "strconv"; "sort"); func twoSum(nums []int, target int) []int {');
    expect(main).toContain('\t_ = sort.Ints\n');
    expect(main).not.toContain('"strings"');
  });

  it('leaves out what the user imports, and names in comments or strings', () => {
    const main = program('import "sort"\n// strings.Split\nfunc twoSum(nums []int, target int) []int {\n    _ = "math.Max"\n    sort.Ints(nums)\n    return nums\n}\n');
    expect(main.split('\n')[0]).toBe('package main; import (ojio "io"; ojmath "math"; ojos "os"; ojstrconv "strconv"); import "sort"');
    expect(main.split("\n")[0]).not.toMatch(/; "strings"|; "math"/);
  });

  it('declares generic min and max unless the user has their own', () => {
    expect(program('func twoSum(nums []int, target int) []int { return nums }\n')).toMatch(/func min\[T ojOrdered\][\s\S]*func max\[T ojOrdered\]/);
    const own = program('func min(a, b int) int { if a < b { return a }; return b }\nfunc twoSum(nums []int, target int) []int { return nums }\n');
    expect(own).not.toContain('func min[T');
    expect(own).toContain('func max[T ojOrdered]');
  });
});

describe('parameter names that are keywords of one language', () => {
  const spec: HarnessSpec = { function: { name: 'pick', params: [{ name: 'val', type: 'int' }, { name: 'range', type: 'int[]' }, { name: 'object', type: 'string' }], returns: 'int' } };

  it.each([
    ['kotlin', 'fun pick(`val`: Int, range: IntArray, `object`: String): Int {'],
    ['go', 'func pick(val int, range_ []int, object string) int {'],
    ['csharp', 'public int Pick(int val, int[] range, string @object) {'],
    ['ruby', 'def pick(val, range, object)'],
    ['scala', 'def pick(`val`: Int, range: Array[Int], `object`: String): Int = {'],
  ])('%s escapes them in its template', (language, line) => expect(HARNESS_GENERATORS[language].template(spec)).toContain(line));

  it.each(['kotlin', 'go', 'csharp', 'java'])('%s: the driver passes arguments by position, under names of its own', (language) => {
    const p = harnessProgram(language, spec, '')!;
    expect(p.files[p.entry]).toMatch(/ojA0[\s\S]*ojA1[\s\S]*ojA2/);
  });
});

describe('php: code as LeetCode\'s editor holds it, without <?php', () => {
  it('opens PHP for the user, unless their code does, and reopens it after a closing tag', () => {
    expect(harnessProgram('php', twoSum, '<?php\nclass Solution {}\n')!.files['main.php']).toMatch(/^<\?php\nclass Solution \{\}\n\nif \(!class_exists/);
    expect(harnessProgram('php', twoSum, 'class Solution {}\n?>\n')!.files['main.php']).toMatch(/^<\?php class Solution \{\}\n\?>\n<\?php\n/);
  });
});

describe('ruby: snake_case names', () => {
  it('calls the snake_case method and names Ruby keywords apart', () => {
    const spec: HarnessSpec = { function: { name: 'pathSum', params: [{ name: 'targetSum', type: 'int' }, { name: 'end', type: 'int' }], returns: 'int' } };
    expect(HARNESS_GENERATORS.ruby.template(spec)).toContain('def path_sum(target_sum, end_)');
    expect(harnessProgram('ruby', spec, '')!.files['main.rb']).toContain('"name":"path_sum"');
  });
});

describe('list<T>: LeetCode\'s List<List<Integer>> where a problem has lists, not arrays', () => {
  const threeSum: HarnessSpec = { function: { name: 'threeSum', params: [{ name: 'nums', type: 'int[]' }], returns: 'list<list<int>>' } };
  const words: HarnessSpec = { function: { name: 'count', params: [{ name: 'words', type: 'list<string>' }], returns: 'int' } };

  it.each([
    ['java', threeSum, 'public List<List<Integer>> threeSum(int[] nums) {'],
    ['java', words, 'public int count(List<String> words) {'],
    ['csharp', threeSum, 'public IList<IList<int>> ThreeSum(int[] nums) {'],
    ['csharp', words, 'public int Count(IList<string> words) {'],
    ['kotlin', threeSum, 'fun threeSum(nums: IntArray): List<List<Int>> {'],
    ['scala', threeSum, 'def threeSum(nums: Array[Int]): List[List[Int]] = {'],
    ['kotlin', words, 'fun count(words: List<String>): Int {'],
    ['cpp', threeSum, 'vector<vector<int>> threeSum(vector<int>& nums) {'],
    ['python3', threeSum, 'def threeSum(self, nums: List[int]) -> List[List[int]]:'],
    ['c', threeSum, 'int** threeSum(int* nums, int numsSize, int* returnSize, int** returnColumnSizes) {'],
    ['go', threeSum, 'func threeSum(nums []int) [][]int {'],
    ['rust', words, 'pub fn count(words: Vec<String>) -> i32 {'],
  ])('%s %#', (language, spec, line) => expect(HARNESS_GENERATORS[language].template(spec)).toContain(line));

  it('reads list parameters as lists the solution may change', () => {
    expect(harnessProgram('java', words, '')!.files['Main.java']).toContain('List<String> ojA0 = readStrL1();');
    expect(harnessProgram('csharp', words, '')!.files['main.cs']).toContain('var ojA0 = ReadList<string>(ReadStr);');
    expect(harnessProgram('kotlin', words, '')!.files['main.kt']).toContain('val ojA0 = List(ojReadInt()) { ojReadString() }');
  });
});

describe('a constructor and a method with a parameter of the same name', () => {
  const spec: HarnessSpec = { class: { name: 'Bank', constructor: { params: [{ name: 'n', type: 'int' }] }, methods: [{ name: 'add', params: [{ name: 'n', type: 'int' }], returns: 'int' }] } };

  it.each([['java', 'Main.java'], ['csharp', 'main.cs']])('%s reads them under names of their own (no local declared twice)', (language, file) => {
    const main = harnessProgram(language, spec, '')!.files[file];
    expect(main).toMatch(/ojC0 = readInt\(\)|ojC0 = ReadInt\(\)/);
    expect(main).toMatch(/new Bank\(ojC0\)/);
    expect(main).toMatch(/ojObj\.[aA]dd\(ojA0\)/);
  });
});
