import { HarnessGenerator, kindOf } from '../generator';
import { ctorParams, HType, ParamSpec, parseType } from '../signature';
import { allTypes, usedNodes } from './python';

/** C++ types as LeetCode writes them. */
export function cppType(t: HType): string {
  if (t.base === 'void') return 'void';
  if (t.base === 'ListNode' || t.base === 'TreeNode') return `${t.base}*`;
  let s = { int: 'int', long: 'long long', double: 'double', bool: 'bool', string: 'string', char: 'char' }[t.base];
  for (let i = 0; i < t.dims; i++) s = `vector<${s}>`;
  return s;
}

/** A parameter as LeetCode declares it: vectors by reference, the rest by value. */
const param = (p: ParamSpec) => {
  const t = parseType(p.type);
  return `${cppType(t)}${t.dims > 0 ? '&' : ''} ${p.name}`;
};

const LIST_COMMENT = `/**
 * Definition for singly-linked list.
 * struct ListNode {
 *     int val;
 *     ListNode *next;
 *     ListNode() : val(0), next(nullptr) {}
 *     ListNode(int x) : val(x), next(nullptr) {}
 *     ListNode(int x, ListNode *next) : val(x), next(next) {}
 * };
 */
`;
const TREE_COMMENT = `/**
 * Definition for a binary tree node.
 * struct TreeNode {
 *     int val;
 *     TreeNode *left;
 *     TreeNode *right;
 *     TreeNode() : val(0), left(nullptr), right(nullptr) {}
 *     TreeNode(int x) : val(x), left(nullptr), right(nullptr) {}
 *     TreeNode(int x, TreeNode *left, TreeNode *right) : val(x), left(left), right(right) {}
 * };
 */
`;

/** Before the user's code: LeetCode's headers, `using namespace std`, the node types and the driver's I/O. */
const PRELUDE = String.raw`#include <bits/stdc++.h>
#include <unistd.h>
using namespace std;
struct ListNode {
    int val;
    ListNode *next;
    ListNode() : val(0), next(nullptr) {}
    ListNode(int x) : val(x), next(nullptr) {}
    ListNode(int x, ListNode *next) : val(x), next(next) {}
};
struct TreeNode {
    int val;
    TreeNode *left;
    TreeNode *right;
    TreeNode() : val(0), left(nullptr), right(nullptr) {}
    TreeNode(int x) : val(x), left(nullptr), right(nullptr) {}
    TreeNode(int x, TreeNode *left, TreeNode *right) : val(x), left(left), right(right) {}
};
namespace oj {
static std::string in;
static size_t pos = 0;
static void load() {
    char buf[1 << 16];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, stdin)) > 0) in.append(buf, n);
}
static void skip() { while (pos < in.size() && isspace((unsigned char)in[pos])) pos++; }
static long long readLong() {
    skip();
    bool neg = false;
    if (in[pos] == '-') { neg = true; pos++; }
    unsigned long long v = 0;
    while (pos < in.size() && isdigit((unsigned char)in[pos])) v = v * 10 + (in[pos++] - '0');
    return neg ? (long long)(0 - v) : (long long)v;
}
static void read(int& x) { x = (int)readLong(); }
static void read(long long& x) { x = readLong(); }
static void read(double& x) { skip(); char* end; x = strtod(in.c_str() + pos, &end); pos = end - in.c_str(); }
static void read(bool& x) { x = readLong() != 0; }
static void read(char& x) { x = (char)readLong(); }
static void read(std::string& x) { size_t n = (size_t)readLong(); pos++; x = in.substr(pos, n); pos += n; }
template <class T> static void read(std::vector<T>& v) {
    size_t n = (size_t)readLong();
    v.clear(); v.reserve(n);
    for (size_t i = 0; i < n; i++) { T x; read(x); v.push_back(x); }
}
static void read(ListNode*& head) {
    std::vector<int> vals; read(vals);
    head = nullptr;
    for (size_t i = vals.size(); i-- > 0;) head = new ListNode(vals[i], head);
}
static void read(TreeNode*& root) {
    size_t n = (size_t)readLong();
    std::vector<TreeNode*> nodes(n, nullptr);
    for (size_t i = 0; i < n; i++) if (readLong()) { int v; read(v); nodes[i] = new TreeNode(v); }
    root = n ? nodes[0] : nullptr;
    size_t child = 1;
    for (size_t i = 0; i < n && child < n; i++) {
        if (!nodes[i]) continue;
        if (child < n) nodes[i]->left = nodes[child++];
        if (child < n) nodes[i]->right = nodes[child++];
    }
}
static void write(std::string& o, long long x) { o += std::to_string(x); }
static void write(std::string& o, int x) { o += std::to_string(x); }
static void write(std::string& o, long x) { o += std::to_string(x); }
static void write(std::string& o, double x) {
    if (!std::isfinite(x)) { o += "null"; return; }
    char b[40]; snprintf(b, sizeof b, "%.17g", x); o += b;
}
static void write(std::string& o, bool x) { o += x ? "true" : "false"; }
static void write(std::string& o, const std::string& s) {
    o += '"';
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') { o += '\\'; o += (char)c; }
        else if (c < 0x20) { char b[8]; snprintf(b, sizeof b, "\\u%04x", c); o += b; }
        else o += (char)c;
    }
    o += '"';
}
static void write(std::string& o, char c) { write(o, std::string(1, c)); }
static void write(std::string& o, const char* s) { write(o, std::string(s)); }
template <class T> static void write(std::string& o, const std::vector<T>& v) {
    o += '[';
    for (size_t i = 0; i < v.size(); i++) { if (i) o += ','; T x = v[i]; write(o, x); }
    o += ']';
}
static void write(std::string& o, ListNode* n) {
    o += '[';
    for (bool first = true; n; n = n->next, first = false) { if (!first) o += ','; write(o, n->val); }
    o += ']';
}
static void write(std::string& o, TreeNode* root) {
    std::vector<TreeNode*> q;
    if (root) q.push_back(root);
    std::vector<std::string> vals;
    for (size_t i = 0; i < q.size(); i++) {
        if (!q[i]) { vals.push_back("null"); continue; }
        vals.push_back(std::to_string(q[i]->val));
        q.push_back(q[i]->left); q.push_back(q[i]->right);
    }
    while (!vals.empty() && vals.back() == "null") vals.pop_back();
    o += '[';
    for (size_t i = 0; i < vals.size(); i++) { if (i) o += ','; o += vals[i]; }
    o += ']';
}
static void emit(const std::string& o) {
    std::cout.flush();
    fflush(stdout);
    for (size_t at = 0; at < o.size();) {
        ssize_t n = ::write(3, o.data() + at, o.size() - at);
        if (n <= 0) _exit(120);
        at += (size_t)n;
    }
}
}  // namespace oj
`;

/** Declares and reads each parameter (`prefix` keeps names apart from the user's). */
const readParams = (ps: ParamSpec[], indent: string) => ps.map((p) => `${indent}${cppType(parseType(p.type))} ${p.name}; oj::read(${p.name});`).join('\n');

function driver(spec: Parameters<HarnessGenerator['program']>[0]): string {
  const { fn, cls } = kindOf(spec);
  if (fn) {
    const call = `Solution().${fn.name}(${fn.params.map((p) => p.name).join(', ')})`;
    const body = fn.returns === 'void'
      ? `    ${call};\n    oj::write(ojOut, ${fn.params[0].name});`
      : `    ${cppType(parseType(fn.returns, true))} ojResult = ${call};\n    oj::write(ojOut, ojResult);`;
    return `int main() {\n    oj::load();\n${readParams(fn.params, '    ')}\n    std::string ojOut;\n${body}\n    oj::emit(ojOut);\n    return 0;\n}\n`;
  }
  const c = cls!;
  const ctor = ctorParams(c);
  const cases = c.methods.map((m, i) => {
    const call = `ojObj->${m.name}(${m.params.map((p) => p.name).join(', ')})`;
    const run = m.returns === 'void' ? `${call}; ojOut += "null";` : `${cppType(parseType(m.returns, true))} ojR = ${call}; oj::write(ojOut, ojR);`;
    return `        case ${i}: {\n${readParams(m.params, '            ')}\n            ${run}\n            break;\n        }`;
  });
  return `int main() {\n    oj::load();\n    int ojCalls = (int)oj::readLong();\n${readParams(ctor, '    ')}\n`
    + `    ${c.name}* ojObj = new ${c.name}(${ctor.map((p) => p.name).join(', ')});\n    std::string ojOut = "[null";\n`
    + `    for (int ojI = 1; ojI < ojCalls; ojI++) {\n        ojOut += ',';\n        switch ((int)oj::readLong()) {\n${cases.join('\n')}\n        }\n    }\n`
    + `    ojOut += ']';\n    oj::emit(ojOut);\n    return 0;\n}\n`;
}

/** C++: \`class Solution\` (or the design class) in solution.cpp, included by the driver main.cpp. */
export const cpp: HarnessGenerator = {
  language: 'cpp',
  template(spec) {
    const { fn, cls } = kindOf(spec);
    const used = usedNodes(allTypes(spec));
    const head = `${used.list ? LIST_COMMENT : ''}${used.tree ? TREE_COMMENT : ''}`;
    if (fn) return `${head}class Solution {\npublic:\n    ${cppType(parseType(fn.returns, true))} ${fn.name}(${fn.params.map(param).join(', ')}) {\n        \n    }\n};\n`;
    const c = cls!;
    const ctor = ctorParams(c);
    const methods = c.methods.map((m) => `    ${cppType(parseType(m.returns, true))} ${m.name}(${m.params.map(param).join(', ')}) {\n        \n    }`);
    const usage = [` * ${c.name}* obj = new ${c.name}(${ctor.map((p) => p.name).join(', ')});`,
      ...c.methods.map((m, i) => ` * ${m.returns === 'void' ? '' : `${cppType(parseType(m.returns, true))} param_${i + 2} = `}obj->${m.name}(${m.params.map((p) => p.name).join(',')});`)];
    return `${head}class ${c.name} {\npublic:\n    ${c.name}(${ctor.map(param).join(', ')}) {\n        \n    }\n    \n${methods.join('\n    \n')}\n};\n\n`
      + `/**\n * Your ${c.name} object will be instantiated and called as such:\n${usage.join('\n')}\n */\n`;
  },
  program(spec, source) {
    const main = `${PRELUDE}#include "solution.cpp"\n${driver(spec)}`;
    return { files: { 'main.cpp': main, 'solution.cpp': source }, entry: 'main.cpp', userFile: 'solution.cpp', jsonInput: false };
  },
};
