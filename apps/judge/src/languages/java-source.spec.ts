import { analyzeJava } from './java-source';

describe('analyzeJava: the file javac needs and the class java runs', () => {
  it.each<[string, string, string, string | null]>([
    ['plain public class', 'public class Main { public static void main(String[] args) {} }', 'Main.java', 'Main'],
    ['any name', 'public class Solution { public static void main(String[] args) {} }', 'Solution.java', 'Solution'],
    ['final strictfp', 'public final strictfp class Main { public static void main(String[] a) {} }', 'Main.java', 'Main'],
    ['abstract', 'public abstract class Main { public static void main(String[] a) {} }', 'Main.java', 'Main'],
    ['modifiers in any order', 'final public class Main { static public void main(final String... args) {} }', 'Main.java', 'Main'],
    ['generics', 'public class Main<T extends Comparable<? super T>> implements Runnable { public void run() {} public static void main(String args[]) {} }', 'Main.java', 'Main'],
    ['annotations', '@SuppressWarnings({"unchecked", "rawtypes"})\n@Deprecated public class Main { @SuppressWarnings("x") public static void main(@Deprecated String[] a) {} }', 'Main.java', 'Main'],
    ['class in comments and strings', '// public class Fake {\n/* public class Other { public static void main(String[] a) {} } */\nclass Main { public static void main(String[] a) { String s = "public class X {"; char c = \'{\'; System.out.println(s + c); } }', 'Main.java', 'Main'],
    ['text block', 'public class Main { static String t = """\n  public class X { }\n  """; public static void main(String[] a) {} }', 'Main.java', 'Main'],
    ['main in a non-public class, public class without main', 'import java.util.*;\npublic class Solver { int solve() { return 1; } }\nclass Main { public static void main(String[] args) { System.out.println(new Solver().solve()); } }', 'Solver.java', 'Main'],
    ['no public class', 'class Helper {}\nclass Prog { public static void main(String[] a) {} }', 'Prog.java', 'Prog'],
    ['package', 'package contest.a;\n\nimport java.io.*;\npublic class Main { public static void main(String[] a) {} }', 'Main.java', 'contest.a.Main'],
    ['package after a comment', '/* header */ // x\npackage p ;\nclass Main { public static void main(String[] a) {} }', 'Main.java', 'p.Main'],
    ['nested class holds main', 'public class Outer { static class Inner { public static void main(String[] a) {} } }', 'Outer.java', 'Outer$Inner'],
    ['interface main', 'interface Main { static void main(String[] a) {} }', 'Main.java', 'Main'],
    ['enum main', 'public enum Main { A; public static void main(String[] a) {} }', 'Main.java', 'Main'],
    ['record main', 'public record Main(int x) { public static void main(String[] a) {} }', 'Main.java', 'Main'],
    ['Foo.class is no declaration', 'public class Main { static Object o = String.class; public static void main(String[] a) {} }', 'Main.java', 'Main'],
    ['anonymous class and lambda braces', 'public class Main { public static void main(String[] a) { Runnable r = new Runnable() { public void run() {} }; r.run(); } }', 'Main.java', 'Main'],
    ['fully qualified String', 'public class Main { public static void main(java.lang.String[] a) {} }', 'Main.java', 'Main'],
    ['no main anywhere', 'public class Main { public void main(String[] a) {} }', 'Main.java', null],
    ['main with other parameters is not the entry', 'public class Main { public static void main(int x) {} }', 'Main.java', null],
    ['nothing', '', 'Main.java', null],
  ])('%s', (_name, source, file, mainClass) => {
    expect(analyzeJava(source)).toEqual({ file, mainClass });
  });
});
