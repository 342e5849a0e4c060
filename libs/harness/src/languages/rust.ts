import { HarnessGenerator, kindOf } from '../generator';
import { ctorParams, HType, ParamSpec, parseType, snakeCase } from '../signature';
import { allTypes, usedNodes } from './python';

const SCALAR_RUST: Record<string, string> = { int: 'i32', long: 'i64', double: 'f64', bool: 'bool', string: 'String', char: 'char' };

/** Rust types as LeetCode writes them. */
function rustType(t: HType): string {
  if (t.base === 'void') return '()';
  if (t.base === 'ListNode') return 'Option<Box<ListNode>>';
  if (t.base === 'TreeNode') return 'Option<Rc<RefCell<TreeNode>>>';
  let s = SCALAR_RUST[t.base];
  for (let i = 0; i < t.dims; i++) s = `Vec<${s}>`;
  return s;
}

const param = (p: ParamSpec) => `${snakeCase(p.name)}: ${rustType(parseType(p.type))}`;
const ret = (r: string) => (r === 'void' ? '' : ` -> ${rustType(parseType(r, true))}`);

const LIST_COMMENT = `// Definition for singly-linked list.
// #[derive(PartialEq, Eq, Clone, Debug)]
// pub struct ListNode {
//   pub val: i32,
//   pub next: Option<Box<ListNode>>
// }
// 
// impl ListNode {
//   #[inline]
//   fn new(val: i32) -> Self {
//     ListNode {
//       next: None,
//       val
//     }
//   }
// }
`;
const TREE_COMMENT = `// Definition for a binary tree node.
// #[derive(Debug, PartialEq, Eq)]
// pub struct TreeNode {
//   pub val: i32,
//   pub left: Option<Rc<RefCell<TreeNode>>>,
//   pub right: Option<Rc<RefCell<TreeNode>>>,
// }
// 
// impl TreeNode {
//   #[inline]
//   pub fn new(val: i32) -> Self {
//     TreeNode {
//       val,
//       left: None,
//       right: None
//     }
//   }
// }
`;

/**
 * The crate root: LeetCode's predeclared items (\`struct Solution\`, ListNode, TreeNode), then the
 * user's file by \`include!\` (errors point at solution.rs and its own lines), then the driver.
 * The driver names std items by full path, so the user's own \`use\` lines never clash with it.
 */
const PRELUDE = String.raw`#![allow(dead_code, unused_imports, unused_mut, unused_variables, non_snake_case)]
pub struct Solution;
#[derive(PartialEq, Eq, Clone, Debug)]
pub struct ListNode {
    pub val: i32,
    pub next: Option<Box<ListNode>>,
}
impl ListNode {
    #[inline]
    pub fn new(val: i32) -> Self {
        ListNode { next: None, val }
    }
}
#[derive(Debug, PartialEq, Eq)]
pub struct TreeNode {
    pub val: i32,
    pub left: Option<std::rc::Rc<std::cell::RefCell<TreeNode>>>,
    pub right: Option<std::rc::Rc<std::cell::RefCell<TreeNode>>>,
}
impl TreeNode {
    #[inline]
    pub fn new(val: i32) -> Self {
        TreeNode { val, left: None, right: None }
    }
}
`;

const RUNTIME = String.raw`mod oj {
    use super::{ListNode, TreeNode};
    use std::cell::RefCell;
    use std::io::{Read, Write};
    use std::rc::Rc;
    pub struct Input { buf: Vec<u8>, pos: usize }
    impl Input {
        pub fn load() -> Input { let mut buf = Vec::new(); std::io::stdin().read_to_end(&mut buf).unwrap(); Input { buf, pos: 0 } }
        fn skip(&mut self) { while self.pos < self.buf.len() && self.buf[self.pos].is_ascii_whitespace() { self.pos += 1; } }
        fn token(&mut self) -> &str {
            self.skip();
            let s = self.pos;
            while self.pos < self.buf.len() && !self.buf[self.pos].is_ascii_whitespace() { self.pos += 1; }
            std::str::from_utf8(&self.buf[s..self.pos]).unwrap()
        }
        pub fn long(&mut self) -> i64 { self.token().parse().unwrap() }
        pub fn len(&mut self) -> usize { self.long() as usize }
    }
    pub trait Read1: Sized { fn read(inp: &mut Input) -> Self; }
    impl Read1 for i32 { fn read(inp: &mut Input) -> Self { inp.long() as i32 } }
    impl Read1 for i64 { fn read(inp: &mut Input) -> Self { inp.long() } }
    impl Read1 for f64 { fn read(inp: &mut Input) -> Self { inp.token().parse().unwrap() } }
    impl Read1 for bool { fn read(inp: &mut Input) -> Self { inp.long() != 0 } }
    impl Read1 for char { fn read(inp: &mut Input) -> Self { char::from_u32(inp.long() as u32).unwrap() } }
    impl Read1 for String {
        fn read(inp: &mut Input) -> Self {
            let n = inp.len();
            inp.pos += 1;
            let s = String::from_utf8(inp.buf[inp.pos..inp.pos + n].to_vec()).unwrap();
            inp.pos += n;
            s
        }
    }
    impl<T: Read1> Read1 for Vec<T> { fn read(inp: &mut Input) -> Self { let n = inp.len(); (0..n).map(|_| T::read(inp)).collect() } }
    impl Read1 for Option<Box<ListNode>> {
        fn read(inp: &mut Input) -> Self {
            let vals: Vec<i32> = Vec::read(inp);
            let mut head = None;
            for &v in vals.iter().rev() { head = Some(Box::new(ListNode { val: v, next: head })); }
            head
        }
    }
    impl Read1 for Option<Rc<RefCell<TreeNode>>> {
        fn read(inp: &mut Input) -> Self {
            let n = inp.len();
            let nodes: Vec<Option<Rc<RefCell<TreeNode>>>> = (0..n).map(|_| if inp.long() != 0 { Some(Rc::new(RefCell::new(TreeNode::new(inp.long() as i32)))) } else { None }).collect();
            let mut child = 1;
            for i in 0..n {
                if child >= n { break; }
                if let Some(node) = &nodes[i] {
                    if child < n { node.borrow_mut().left = nodes[child].clone(); child += 1; }
                    if child < n { node.borrow_mut().right = nodes[child].clone(); child += 1; }
                }
            }
            if n > 0 { nodes[0].clone() } else { None }
        }
    }
    pub trait Json { fn json(&self, out: &mut String); }
    impl Json for i32 { fn json(&self, out: &mut String) { out.push_str(&self.to_string()); } }
    impl Json for i64 { fn json(&self, out: &mut String) { out.push_str(&self.to_string()); } }
    impl Json for f64 { fn json(&self, out: &mut String) { if self.is_finite() { out.push_str(&format!("{:?}", self)); } else { out.push_str("null"); } } }
    impl Json for bool { fn json(&self, out: &mut String) { out.push_str(if *self { "true" } else { "false" }); } }
    impl Json for String {
        fn json(&self, out: &mut String) {
            out.push('"');
            for c in self.chars() {
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
                    c => out.push(c),
                }
            }
            out.push('"');
        }
    }
    impl Json for char { fn json(&self, out: &mut String) { self.to_string().json(out); } }
    impl<T: Json> Json for Vec<T> {
        fn json(&self, out: &mut String) {
            out.push('[');
            for (i, x) in self.iter().enumerate() { if i > 0 { out.push(','); } x.json(out); }
            out.push(']');
        }
    }
    impl Json for Option<Box<ListNode>> {
        fn json(&self, out: &mut String) {
            out.push('[');
            let mut node = self.as_ref();
            let mut first = true;
            while let Some(n) = node { if !first { out.push(','); } first = false; n.val.json(out); node = n.next.as_ref(); }
            out.push(']');
        }
    }
    impl Json for Option<Rc<RefCell<TreeNode>>> {
        fn json(&self, out: &mut String) {
            let mut q: Vec<Option<Rc<RefCell<TreeNode>>>> = vec![self.clone()];
            let mut vals: Vec<Option<i32>> = Vec::new();
            let mut i = 0;
            if self.is_none() { q.clear(); }
            while i < q.len() {
                match q[i].clone() {
                    None => vals.push(None),
                    Some(n) => { let n = n.borrow(); vals.push(Some(n.val)); q.push(n.left.clone()); q.push(n.right.clone()); }
                }
                i += 1;
            }
            while let Some(None) = vals.last() { vals.pop(); }
            out.push('[');
            for (i, v) in vals.iter().enumerate() {
                if i > 0 { out.push(','); }
                match v { Some(x) => x.json(out), None => out.push_str("null") }
            }
            out.push(']');
        }
    }
    pub fn emit(out: &str) {
        use std::os::unix::io::FromRawFd;
        std::io::stdout().flush().ok();
        // fd 3: the result channel the judge gave this run.
        let mut f = unsafe { std::fs::File::from_raw_fd(3) };
        f.write_all(out.as_bytes()).unwrap();
    }
}
`;

const readParams = (ps: ParamSpec[], indent: string) => ps.map((p) => `${indent}let ${snakeCase(p.name)}: ${rustType(parseType(p.type))} = oj::Read1::read(&mut oj_in);`).join('\n');

function driver(spec: Parameters<HarnessGenerator['program']>[0]): string {
  const { fn, cls } = kindOf(spec);
  let body: string;
  if (fn) {
    const names = fn.params.map((p) => snakeCase(p.name));
    const call = `Solution::${snakeCase(fn.name)}(${names.map((n, i) => (fn.returns === 'void' && i === 0 ? `&mut ${n}` : n)).join(', ')})`;
    body = fn.returns === 'void'
      ? `${readParams(fn.params, '    ').replace(/^(\s*)let /, '$1let mut ')}\n    ${call};\n    oj::Json::json(&${names[0]}, &mut oj_out);`
      : `${readParams(fn.params, '    ')}\n    let oj_r: ${rustType(parseType(fn.returns, true))} = ${call};\n    oj::Json::json(&oj_r, &mut oj_out);`;
  } else {
    const c = cls!;
    const ctor = ctorParams(c);
    const cases = c.methods.map((m, i) => {
      const call = `oj_obj.${snakeCase(m.name)}(${m.params.map((p) => snakeCase(p.name)).join(', ')})`;
      return `            ${i} => {\n${readParams(m.params, '                ')}\n                ${m.returns === 'void' ? `${call}; oj_out.push_str("null");` : `let oj_r: ${rustType(parseType(m.returns, true))} = ${call}; oj::Json::json(&oj_r, &mut oj_out);`}\n            }`;
    });
    body = `    let oj_calls = oj_in.len();\n${readParams(ctor, '    ')}\n    let mut oj_obj = ${c.name}::new(${ctor.map((p) => snakeCase(p.name)).join(', ')});\n    oj_out.push_str("[null");\n`
      + `    for _ in 1..oj_calls {\n        oj_out.push(',');\n        match oj_in.len() {\n${cases.join('\n')}\n            _ => unreachable!(),\n        }\n    }\n    oj_out.push(']');`;
  }
  return `fn main() {\n    let mut oj_in = oj::Input::load();\n    let mut oj_out = String::new();\n${body}\n    oj::emit(&oj_out);\n}\n`;
}

/** Rust: \`impl Solution\` with snake_case names (or the design struct) in solution.rs, included by main.rs. */
export const rust: HarnessGenerator = {
  language: 'rust',
  template(spec) {
    const { fn, cls } = kindOf(spec);
    const used = usedNodes(allTypes(spec));
    const head = `${used.list ? LIST_COMMENT : ''}${used.tree ? `${TREE_COMMENT}use std::rc::Rc;\nuse std::cell::RefCell;\n` : ''}`;
    // In-place problems (void) take their first parameter as \`&mut\`, as LeetCode's Rust does.
    const fnParams = fn && fn.params.map((p, i) => (fn.returns === 'void' && i === 0 ? param(p).replace(': ', ': &mut ') : param(p)));
    if (fn) return `${head}impl Solution {\n    pub fn ${snakeCase(fn.name)}(${fnParams!.join(', ')})${ret(fn.returns)} {\n        \n    }\n}\n`;
    const c = cls!;
    const ctor = ctorParams(c);
    const methods = c.methods.map((m) => `    fn ${snakeCase(m.name)}(${['&self', ...m.params.map(param)].join(', ')})${ret(m.returns)} {\n        \n    }`);
    const usage = [` * let obj = ${c.name}::new(${ctor.map((p) => snakeCase(p.name)).join(', ')});`,
      ...c.methods.map((m, i) => ` * ${m.returns === 'void' ? '' : `let ret_${i + 2}: ${rustType(parseType(m.returns, true))} = `}obj.${snakeCase(m.name)}(${m.params.map((p) => snakeCase(p.name)).join(', ')});`)];
    return `${head}struct ${c.name} {\n\n}\n\n\n/** \n * \`&self\` means the method takes an immutable reference.\n * If you need a mutable reference, change it to \`&mut self\` instead.\n */\n`
      + `impl ${c.name} {\n\n    fn new(${ctor.map(param).join(', ')}) -> Self {\n        \n    }\n    \n${methods.join('\n    \n')}\n}\n\n`
      + `/**\n * Your ${c.name} object will be instantiated and called as such:\n${usage.join('\n')}\n */\n`;
  },
  program(spec, source) {
    return { files: { 'main.rs': `${PRELUDE}include!("solution.rs");\n${RUNTIME}${driver(spec)}`, 'solution.rs': source }, entry: 'main.rs', userFile: 'solution.rs', jsonInput: false };
  },
};
