import { HarnessGenerator, kindOf, safeName } from '../generator';
import { ctorParams, HType, ParamSpec, parseType, snakeCase } from '../signature';
import { allTypes, usedNodes } from './python';

const KEYWORDS = new Set('alias and begin break case class def defined do else elsif end ensure false for if in module next nil not or redo rescue retry return self super then true undef unless until when while yield'.split(' '));

/** YARD-style types as LeetCode's Ruby templates write them. */
function doc(t: HType): string {
  if (t.base === 'void') return 'Void';
  if (t.base === 'ListNode' || t.base === 'TreeNode') return t.base;
  return { int: 'Integer', long: 'Integer', double: 'Float', bool: 'Boolean', string: 'String', char: 'Character' }[t.base] + '[]'.repeat(t.dims);
}

/** Ruby's names are snake_case (\`two_sum\`, \`target_sum\`), as LeetCode writes them. */
const name = (p: ParamSpec) => safeName(snakeCase(p.name), KEYWORDS, (n) => `${n}_`);

const LIST_COMMENT = `# Definition for singly-linked list.
# class ListNode
#     attr_accessor :val, :next
#     def initialize(val = 0, _next = nil)
#         @val = val
#         @next = _next
#     end
# end
`;
const TREE_COMMENT = `# Definition for a binary tree node.
# class TreeNode
#     attr_accessor :val, :left, :right
#     def initialize(val = 0, left = nil, right = nil)
#         @val = val
#         @left = left
#         @right = right
#     end
# end
`;

/** Put on the user's first line, so their lines keep their numbers. */
const PRELUDE = "require 'json'; require 'set'; ";

/**
 * After the user's code: LeetCode's node classes (unless the user declares their own), then the
 * driver: it reads the test's JSON lines, calls the function (a method of the main object) or
 * replays the calls, and writes the JSON result to fd 3.
 */
const DRIVER = String.raw`
unless defined?(ListNode)
  class ListNode
    attr_accessor :val, :next
    def initialize(val = 0, _next = nil)
      @val = val
      @next = _next
    end
  end
end
unless defined?(TreeNode)
  class TreeNode
    attr_accessor :val, :left, :right
    def initialize(val = 0, left = nil, right = nil)
      @val = val
      @left = left
      @right = right
    end
  end
end

module OjDriver
  def self.arg(t, v)
    base, dims = t
    case base
    when 'ListNode'
      head = nil
      v.reverse_each { |x| head = ListNode.new(x, head) }
      head
    when 'TreeNode'
      return nil if v.empty?
      root = TreeNode.new(v[0])
      queue = [root]
      q = 0
      i = 1
      while q < queue.size && i < v.size
        node = queue[q]
        q += 1
        if i < v.size && !v[i].nil?
          node.left = TreeNode.new(v[i])
          queue << node.left
        end
        i += 1
        if i < v.size && !v[i].nil?
          node.right = TreeNode.new(v[i])
          queue << node.right
        end
        i += 1
      end
      root
    when 'double'
      dims > 0 ? v.map { |x| arg([base, dims - 1], x) } : v.to_f
    else
      v
    end
  end

  def self.out(t, v)
    base, dims = t
    return nil if v.nil? && base != 'ListNode' && base != 'TreeNode'
    return v.map { |x| out([base, dims - 1], x) } if dims > 0
    case base
    when 'ListNode'
      vals = []
      while v
        vals << v.val
        v = v.next
      end
      vals
    when 'TreeNode'
      vals = []
      queue = v.nil? ? [] : [v]
      q = 0
      while q < queue.size
        node = queue[q]
        q += 1
        if node.nil?
          vals << nil
          next
        end
        vals << node.val
        queue << node.left << node.right
      end
      vals.pop while !vals.empty? && vals[-1].nil?
      vals
    when 'double'
      f = v.to_f
      f.finite? ? f : nil
    when 'int', 'long' then v.to_i
    when 'bool' then v ? true : false
    else v.to_s
    end
  end

  def self.main(main, sig)
    lines = $stdin.read.split("\n").reject { |l| l.strip.empty? }
    if sig['function']
      f = sig['function']
      args = f['params'].each_with_index.map { |t, i| arg(t, JSON.parse(lines[i])) }
      r = main.send(f['name'], *args)
      value = f['returns'].nil? ? out(f['params'][0], args[0]) : out(f['returns'], r)
    else
      c = sig['class']
      names = JSON.parse(lines[0])
      arglists = JSON.parse(lines[1])
      obj = Object.const_get(c['name']).new(*c['params'].each_with_index.map { |t, i| arg(t, arglists[0][i]) })
      value = [nil]
      (1...names.size).each do |k|
        m = c['methods'][names[k]]
        r = obj.send(m['name'], *m['params'].each_with_index.map { |t, i| arg(t, arglists[k][i]) })
        value << (m['returns'].nil? ? nil : out(m['returns'], r))
      end
    end
    data = JSON.generate(value)
    $stdout.flush
    # fd 3: the result channel the judge gave this run.
    io = IO.new(3, 'wb')
    io.write(data)
    io.close
  end
end
`;

const tuple = (t: HType) => [t.base, t.dims];

/**
 * Ruby: a method (\`def two_sum(nums, target)\`) or a design class, with snake_case names and
 * LeetCode's type comments. main.rb: \`require 'json'; require 'set'\` on the user's first line,
 * their code, then the driver.
 */
export const ruby: HarnessGenerator = {
  language: 'ruby',
  template(spec) {
    const { fn, cls } = kindOf(spec);
    const used = usedNodes(allTypes(spec));
    const head = `${used.list ? LIST_COMMENT : ''}${used.tree ? TREE_COMMENT : ''}`;
    const params = (ps: ParamSpec[]) => ps.map(name).join(', ');
    if (fn) {
      const docs = [...fn.params.map((p) => `# @param {${doc(parseType(p.type))}} ${name(p)}`),
        `# @return {${doc(parseType(fn.returns, true))}}${fn.returns === 'void' ? ` Do not return anything, modify ${name(fn.params[0])} in-place instead.` : ''}`];
      return `${head}${docs.join('\n')}\ndef ${snakeCase(fn.name)}(${params(fn.params)})\n    \nend\n`;
    }
    const c = cls!;
    const ctor = ctorParams(c);
    const block = (ps: ParamSpec[], returns: string | null) => ['=begin', ...ps.map((p) => `    :type ${name(p)}: ${doc(parseType(p.type))}`),
      ...(returns === null ? [] : [`    :rtype: ${doc(parseType(returns, true))}`]), '=end'].join('\n');
    const methods = c.methods.map((m) => `\n${block(m.params, m.returns)}\n    def ${snakeCase(m.name)}(${params(m.params)})\n        \n    end\n`);
    const usage = [`# obj = ${c.name}.new(${params(ctor)})`,
      ...c.methods.map((m, i) => `# ${m.returns === 'void' ? '' : `param_${i + 2} = `}obj.${snakeCase(m.name)}(${params(m.params)})`)];
    return `${head}class ${c.name}\n${ctor.length ? `${block(ctor, null)}\n` : ''}    def initialize(${params(ctor)})\n        \n    end\n\n${methods.join('\n')}\n\nend\n\n`
      + `# Your ${c.name} object will be instantiated and called as such:\n${usage.join('\n')}\n`;
  },
  program(spec, source) {
    const { fn, cls } = kindOf(spec);
    const ret = (r: string) => (r === 'void' ? null : tuple(parseType(r, true)));
    const sig = fn
      ? { function: { name: snakeCase(fn.name), params: fn.params.map((p) => tuple(parseType(p.type))), returns: ret(fn.returns) } }
      : { class: { name: cls!.name, params: ctorParams(cls!).map((p) => tuple(parseType(p.type))),
        methods: Object.fromEntries(cls!.methods.map((m) => [m.name, { name: snakeCase(m.name), params: m.params.map((p) => tuple(parseType(p.type))), returns: ret(m.returns) }])) } };
    const main = `${PRELUDE}${source}${source.endsWith('\n') ? '' : '\n'}${DRIVER}\nOjDriver.main(self, JSON.parse('${JSON.stringify(sig)}'))\n`;
    return { files: { 'main.rb': main }, entry: 'main.rb', userFile: 'main.rb', jsonInput: true };
  },
};
