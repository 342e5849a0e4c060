import { capitalize, HarnessGenerator, kindOf, lowerFirst } from '../generator';
import { ctorParams, HType, ParamSpec, parseType } from '../signature';
import { allTypes, usedNodes } from './python';

const SCALAR_C: Record<string, string> = { int: 'int', long: 'long long', double: 'double', bool: 'bool', string: 'char*', char: 'char' };
/** Names of the driver's reader/writer families per element type. */
const FAMILY: Record<string, string> = { int: 'int', long: 'long', double: 'double', bool: 'bool', string: 'string', char: 'char' };

/** The C type of a value (without its sizes). */
function cType(t: HType): string {
  if (t.base === 'void') return 'void';
  if (t.base === 'ListNode' || t.base === 'TreeNode') return `struct ${t.base}*`;
  return SCALAR_C[t.base] + '*'.repeat(t.dims);
}

/** A parameter as LeetCode's C declares it: arrays with their sizes (`int* nums, int numsSize`). */
function cParams(p: ParamSpec): string[] {
  const t = parseType(p.type);
  if (t.dims === 1) return [`${cType(t)} ${p.name}`, `int ${p.name}Size`];
  if (t.dims === 2) return [`${cType(t)} ${p.name}`, `int ${p.name}Size`, `int* ${p.name}ColSize`];
  return [`${cType(t)} ${p.name}`];
}
const cArgs = (p: ParamSpec): string[] => {
  const t = parseType(p.type);
  return t.dims === 0 ? [p.name] : t.dims === 1 ? [p.name, `${p.name}Size`] : [p.name, `${p.name}Size`, `${p.name}ColSize`];
};
/** Extra out-parameters of an array result. */
const retParams = (t: HType, design: boolean) => (t.dims === 1 ? [`int* ${design ? 'retSize' : 'returnSize'}`] : t.dims === 2 ? [`int* ${design ? 'retSize' : 'returnSize'}`, `int** ${design ? 'retColSize' : 'returnColumnSizes'}`] : []);

/** Declares and reads one parameter. */
function readParam(p: ParamSpec, indent: string): string {
  const t = parseType(p.type);
  const f = FAMILY[t.base];
  if (t.base === 'ListNode') return `${indent}struct ListNode* ${p.name} = oj_list();`;
  if (t.base === 'TreeNode') return `${indent}struct TreeNode* ${p.name} = oj_tree();`;
  if (t.dims === 0) return `${indent}${cType(t)} ${p.name} = oj_${f}();`;
  if (t.dims === 1) return `${indent}int ${p.name}Size; ${cType(t)} ${p.name} = oj_arr_${f}(&${p.name}Size);`;
  return `${indent}int ${p.name}Size; int* ${p.name}ColSize; ${cType(t)} ${p.name} = oj_arr2_${f}(&${p.name}Size, &${p.name}ColSize);`;
}

/** Writes a value to the result. */
function writeValue(t: HType, value: string, size: string, cols: string): string {
  const f = FAMILY[t.base];
  if (t.base === 'ListNode') return `oj_w_list(${value});`;
  if (t.base === 'TreeNode') return `oj_w_tree(${value});`;
  if (t.dims === 0) return `oj_w_${f}(${value});`;
  if (t.dims === 1) return `oj_warr_${f}(${value}, ${size});`;
  return `oj_warr2_${f}(${value}, ${size}, ${cols});`;
}

/** Calls `fn(args…)` and writes what it returns (an array's sizes come back through out-parameters). */
function callAndWrite(returns: string, fn: string, args: string[], indent: string, design: boolean): string {
  if (returns === 'void') return `${indent}${fn}(${args.join(', ')});${design ? ' oj_puts("null");' : ''}`;
  const t = parseType(returns, true);
  if (t.dims === 0) return `${indent}${cType(t)} ojR = ${fn}(${args.join(', ')});\n${indent}${writeValue(t, 'ojR', '', '')}`;
  if (t.dims === 1) return `${indent}int ojRSize = 0;\n${indent}${cType(t)} ojR = ${fn}(${[...args, '&ojRSize'].join(', ')});\n${indent}${writeValue(t, 'ojR', 'ojRSize', '')}`;
  return `${indent}int ojRSize = 0; int* ojRCols = NULL;\n${indent}${cType(t)} ojR = ${fn}(${[...args, '&ojRSize', '&ojRCols'].join(', ')});\n${indent}${writeValue(t, 'ojR', 'ojRSize', 'ojRCols')}`;
}

const LIST_COMMENT = `/**
 * Definition for singly-linked list.
 * struct ListNode {
 *     int val;
 *     struct ListNode *next;
 * };
 */
`;
const TREE_COMMENT = `/**
 * Definition for a binary tree node.
 * struct TreeNode {
 *     int val;
 *     struct TreeNode *left;
 *     struct TreeNode *right;
 * };
 */
`;

/** Before the user's code: the usual headers, the node types, the driver's reader and writer. */
const PRELUDE = String.raw`#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
struct ListNode {
    int val;
    struct ListNode *next;
};
struct TreeNode {
    int val;
    struct TreeNode *left;
    struct TreeNode *right;
};
static char* oj_in;
static size_t oj_len, oj_pos;
static void oj_load(void) {
    size_t cap = 1 << 16;
    oj_in = malloc(cap);
    size_t n;
    while ((n = fread(oj_in + oj_len, 1, cap - oj_len, stdin)) > 0) {
        oj_len += n;
        if (oj_len == cap) { cap *= 2; oj_in = realloc(oj_in, cap); }
    }
    oj_in = realloc(oj_in, oj_len + 1);
    oj_in[oj_len] = 0;
}
static void oj_skip(void) { while (oj_pos < oj_len && isspace((unsigned char)oj_in[oj_pos])) oj_pos++; }
static long long oj_long(void) {
    oj_skip();
    int neg = 0;
    if (oj_in[oj_pos] == '-') { neg = 1; oj_pos++; }
    unsigned long long v = 0;
    while (oj_pos < oj_len && isdigit((unsigned char)oj_in[oj_pos])) v = v * 10 + (unsigned)(oj_in[oj_pos++] - '0');
    return neg ? (long long)(0 - v) : (long long)v;
}
static int oj_int(void) { return (int)oj_long(); }
static double oj_double(void) { oj_skip(); char* end; double v = strtod(oj_in + oj_pos, &end); oj_pos = (size_t)(end - oj_in); return v; }
static bool oj_bool(void) { return oj_long() != 0; }
static char oj_char(void) { return (char)oj_long(); }
static char* oj_string(void) {
    size_t n = (size_t)oj_long();
    oj_pos++;
    char* s = malloc(n + 1);
    memcpy(s, oj_in + oj_pos, n);
    s[n] = 0;
    oj_pos += n;
    return s;
}
#define OJ_ARR(T, NAME) \
static T* oj_arr_##NAME(int* n) { \
    *n = oj_int(); T* a = calloc((size_t)*n + 1, sizeof(T)); \
    for (int i = 0; i < *n; i++) a[i] = oj_##NAME(); \
    return a; } \
static T** oj_arr2_##NAME(int* n, int** cols) { \
    *n = oj_int(); T** a = calloc((size_t)*n + 1, sizeof(T*)); *cols = calloc((size_t)*n + 1, sizeof(int)); \
    for (int i = 0; i < *n; i++) a[i] = oj_arr_##NAME(&(*cols)[i]); \
    return a; }
OJ_ARR(int, int)
OJ_ARR(long long, long)
OJ_ARR(double, double)
OJ_ARR(bool, bool)
OJ_ARR(char, char)
OJ_ARR(char*, string)
static struct ListNode* oj_list(void) {
    int n; int* v = oj_arr_int(&n);
    struct ListNode* head = NULL;
    for (int i = n - 1; i >= 0; i--) {
        struct ListNode* node = malloc(sizeof *node);
        node->val = v[i]; node->next = head; head = node;
    }
    free(v);
    return head;
}
static struct TreeNode* oj_tree(void) {
    int n = oj_int();
    struct TreeNode** nodes = calloc((size_t)n + 1, sizeof *nodes);
    for (int i = 0; i < n; i++) if (oj_long()) {
        nodes[i] = malloc(sizeof **nodes);
        nodes[i]->val = oj_int(); nodes[i]->left = nodes[i]->right = NULL;
    }
    int child = 1;
    for (int i = 0; i < n && child < n; i++) {
        if (!nodes[i]) continue;
        if (child < n) nodes[i]->left = nodes[child++];
        if (child < n) nodes[i]->right = nodes[child++];
    }
    struct TreeNode* root = n ? nodes[0] : NULL;
    free(nodes);
    return root;
}
static char* oj_out;
static size_t oj_out_len, oj_out_cap;
static void oj_putn(const char* s, size_t n) {
    if (oj_out_len + n > oj_out_cap) {
        oj_out_cap = (oj_out_len + n) * 2 + 64;
        oj_out = realloc(oj_out, oj_out_cap);
    }
    memcpy(oj_out + oj_out_len, s, n);
    oj_out_len += n;
}
static void oj_puts(const char* s) { oj_putn(s, strlen(s)); }
static void oj_w_long(long long v) { char b[32]; snprintf(b, sizeof b, "%lld", v); oj_puts(b); }
static void oj_w_int(int v) { oj_w_long(v); }
static void oj_w_double(double v) { char b[40]; if (isfinite(v)) snprintf(b, sizeof b, "%.17g", v); else strcpy(b, "null"); oj_puts(b); }
static void oj_w_bool(bool v) { oj_puts(v ? "true" : "false"); }
static void oj_w_string(const char* s) {
    if (!s) { oj_puts("null"); return; }
    oj_puts("\"");
    for (const unsigned char* p = (const unsigned char*)s; *p; p++) {
        char b[8];
        if (*p == '"' || *p == '\\') { b[0] = '\\'; b[1] = (char)*p; oj_putn(b, 2); }
        else if (*p < 0x20) { snprintf(b, sizeof b, "\\u%04x", *p); oj_puts(b); }
        else oj_putn((const char*)p, 1);
    }
    oj_puts("\"");
}
static void oj_w_char(char c) { char s[2] = { c, 0 }; oj_w_string(s); }
#define OJ_WARR(T, NAME) \
static void oj_warr_##NAME(T* a, int n) { \
    if (!a && n) { oj_puts("null"); return; } \
    oj_puts("["); for (int i = 0; i < n; i++) { if (i) oj_puts(","); oj_w_##NAME(a[i]); } oj_puts("]"); } \
static void oj_warr2_##NAME(T** a, int n, int* cols) { \
    if (!a && n) { oj_puts("null"); return; } \
    oj_puts("["); for (int i = 0; i < n; i++) { if (i) oj_puts(","); oj_warr_##NAME(a[i], cols ? cols[i] : 0); } oj_puts("]"); }
OJ_WARR(int, int)
OJ_WARR(long long, long)
OJ_WARR(double, double)
OJ_WARR(bool, bool)
OJ_WARR(char, char)
OJ_WARR(char*, string)
static void oj_w_list(struct ListNode* n) {
    oj_puts("[");
    for (int first = 1; n; n = n->next, first = 0) { if (!first) oj_puts(","); oj_w_int(n->val); }
    oj_puts("]");
}
static void oj_w_tree(struct TreeNode* root) {
    size_t cap = 64, len = 0, head = 0;
    struct TreeNode** q = malloc(cap * sizeof *q);
    if (root) q[len++] = root;
    size_t last = 0; /* entries up to the last non-null */
    size_t out_start = oj_out_len;
    oj_puts("[");
    for (head = 0; head < len; head++) {
        if (head) oj_puts(",");
        if (!q[head]) { oj_puts("null"); continue; }
        oj_w_int(q[head]->val);
        last = oj_out_len;
        if (len + 2 > cap) { cap *= 2; q = realloc(q, cap * sizeof *q); }
        q[len++] = q[head]->left; q[len++] = q[head]->right;
    }
    if (len) oj_out_len = last; /* drop the trailing nulls */
    else oj_out_len = out_start + 1;
    oj_puts("]");
    free(q);
}
static void oj_emit(void) {
    fflush(stdout);
    for (size_t at = 0; at < oj_out_len;) {
        ssize_t n = write(3, oj_out + at, oj_out_len - at);
        if (n <= 0) _exit(120);
        at += (size_t)n;
    }
}
`;

function driver(spec: Parameters<HarnessGenerator['program']>[0]): string {
  const { fn, cls } = kindOf(spec);
  if (fn) {
    const args = fn.params.flatMap(cArgs);
    let body: string;
    if (fn.returns === 'void') {
      const p0 = parseType(fn.params[0].type);
      const n = fn.params[0].name;
      body = `    ${fn.name}(${args.join(', ')});\n    ${writeValue(p0, n, `${n}Size`, `${n}ColSize`)}`;
    } else body = callAndWrite(fn.returns, fn.name, args, '    ', false);
    return `int main(void) {\n    oj_load();\n${fn.params.map((p) => readParam(p, '    ')).join('\n')}\n${body}\n    oj_emit();\n    return 0;\n}\n`;
  }
  const c = cls!;
  const prefix = lowerFirst(c.name);
  const ctor = ctorParams(c);
  const cases = c.methods.map((m, i) => `        case ${i}: {\n${m.params.map((p) => readParam(p, '            ')).join('\n')}\n`
    + `${callAndWrite(m.returns, `${prefix}${capitalize(m.name)}`, ['ojObj', ...m.params.flatMap(cArgs)], '            ', true)}\n            break;\n        }`);
  return `int main(void) {\n    oj_load();\n    int ojCalls = oj_int();\n${ctor.map((p) => readParam(p, '    ')).join('\n')}\n`
    + `    ${c.name}* ojObj = ${prefix}Create(${ctor.flatMap(cArgs).join(', ')});\n    oj_puts("[null");\n`
    + `    for (int ojI = 1; ojI < ojCalls; ojI++) {\n        oj_puts(",");\n        switch (oj_int()) {\n${cases.join('\n')}\n        }\n    }\n`
    + `    oj_puts("]");\n    ${prefix}Free(ojObj);\n    oj_emit();\n    return 0;\n}\n`;
}

/** C: a plain function (\`int* twoSum(int* nums, int numsSize, …, int* returnSize)\`) in solution.c, included by main.c. */
export const c: HarnessGenerator = {
  language: 'c',
  template(spec) {
    const { fn, cls } = kindOf(spec);
    const used = usedNodes(allTypes(spec));
    const head = `${used.list ? LIST_COMMENT : ''}${used.tree ? TREE_COMMENT : ''}`;
    if (fn) {
      const rt = parseType(fn.returns, true);
      const note = rt.dims === 1 ? '/**\n * Note: The returned array must be malloced, assume caller calls free().\n */\n'
        : rt.dims === 2 ? '/**\n * Return an array of arrays of size *returnSize.\n * The sizes of the arrays are returned as *returnColumnSizes array.\n * Note: Both returned array and *columnSizes array must be malloced, assume caller calls free().\n */\n' : '';
      return `${head}${note}${cType(rt)} ${fn.name}(${[...fn.params.flatMap(cParams), ...retParams(rt, false)].join(', ')}) {\n    \n}\n`;
    }
    const k = cls!;
    const prefix = lowerFirst(k.name);
    const self = `${k.name}* obj`;
    const fns = [
      `${k.name}* ${prefix}Create(${ctorParams(k).flatMap(cParams).join(', ')}) {\n    \n}`,
      ...k.methods.map((m) => {
        const rt = parseType(m.returns, true);
        return `${cType(rt)} ${prefix}${capitalize(m.name)}(${[self, ...m.params.flatMap(cParams), ...retParams(rt, true)].join(', ')}) {\n    \n}`;
      }),
      `void ${prefix}Free(${self}) {\n    \n}`,
    ];
    const usage = [` * ${k.name}* obj = ${prefix}Create(${ctorParams(k).flatMap(cArgs).join(', ')});`,
      ...k.methods.map((m, i) => ` * ${m.returns === 'void' ? '' : `${cType(parseType(m.returns, true))} param_${i + 2} = `}${prefix}${capitalize(m.name)}(${['obj', ...m.params.flatMap(cArgs)].join(', ')});`),
      ` * ${prefix}Free(obj);`];
    return `${head}typedef struct {\n    \n} ${k.name};\n\n\n${fns.join('\n\n')}\n\n/**\n * Your ${k.name} struct will be instantiated and called as such:\n${usage.join('\n')}\n*/\n`;
  },
  program(spec, source) {
    const main = `${PRELUDE}#include "solution.c"\n${driver(spec)}`;
    return { files: { 'main.c': main, 'solution.c': source }, entry: 'main.c', userFile: 'solution.c', jsonInput: false };
  },
};
