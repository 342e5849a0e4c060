/**
 * What the judge needs to know about a Java source before compiling it: the file name javac
 * requires (the public top-level type's name) and the class to run (the one declaring
 * `public static void main(String[])`, with its package and enclosing classes: `pkg.Main`,
 * `Outer$Inner`). Java Language Specification 17: §7.4 packages, §7.6 top-level types,
 * §12.1.4 the `main` method. Not a parser: comments, strings, character literals and text blocks
 * are blanked, then type declarations and braces are followed, which is enough for the forms
 * people submit (any modifiers, annotations, generics, nested and local types, `interface`,
 * `enum` and `record` holding `main`).
 */
export interface JavaSource {
  /** File name to save the source as, e.g. `Main.java`. */
  file: string;
  /** Binary name of the class to run, e.g. `Main`, `pkg.Main`, `Outer$Inner`; null when no type declares `main`. */
  mainClass: string | null;
}

const IDENT = String.raw`[\p{L}_$][\p{L}\p{N}_$]{0,199}`;

/** Blanks comments, text blocks, strings and char literals (each kept as `""` or spaces). */
export function stripJavaNoise(source: string): string {
  return source.replace(/\/\*[\s\S]*?(?:\*\/|$)|\/\/[^\n]*|"""[\s\S]*?(?:"""|$)|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])+'/g, (m) => (m.startsWith('"') ? '""' : m.startsWith("'") ? "' '" : ' '));
}

interface OpenType {
  name: string;
  kind: string;
  /** Brace depth of the type's body. */
  depth: number;
}

export function analyzeJava(source: string): JavaSource {
  const code = stripJavaNoise(source);
  const pkg = new RegExp(String.raw`^\s*(?:@\s*${IDENT}(?:\s*\.\s*${IDENT})*(?:\s*\([^)]*\))?\s*)*package\s+(${IDENT}(?:\s*\.\s*${IDENT})*)\s*;`, 'u').exec(code)?.[1]?.replace(/\s+/g, '');
  const token = new RegExp(String.raw`[{};]|(?<![.\p{L}\p{N}_$@])(class|interface|enum|record)\s+(${IDENT})|(?<![.\p{L}\p{N}_$])void\s+main\s*\(([^)]*)\)`, 'gu');
  const stack: OpenType[] = [];
  let depth = 0;
  let boundary = 0;
  let pending: { name: string; kind: string; modifiers: string } | null = null;
  let publicTop: string | null = null;
  let firstTop: string | null = null;
  let main: string | null = null;
  for (let m = token.exec(code); m; m = token.exec(code)) {
    const t = m[0];
    if (t === '{') {
      depth++;
      if (pending) {
        stack.push({ name: pending.name, kind: pending.kind, depth });
        if (stack.length === 1) {
          firstTop ??= pending.name;
          if (/\bpublic\b/.test(pending.modifiers)) publicTop ??= pending.name;
        }
        pending = null;
      }
      boundary = m.index + 1;
    } else if (t === '}') {
      if (stack.length && stack[stack.length - 1].depth === depth) stack.pop();
      depth = Math.max(0, depth - 1);
      boundary = m.index + 1;
    } else if (t === ';') {
      boundary = m.index + 1;
    } else if (m[1]) {
      // A record's header has parentheses and may hold annotations; the body's brace opens it.
      pending = { kind: m[1], name: m[2], modifiers: code.slice(boundary, m.index) };
    } else if (m[3] !== undefined && stack.length && !main) {
      const modifiers = code.slice(boundary, m.index);
      const inInterface = stack[stack.length - 1].kind === 'interface';
      const params = m[3].trim();
      const stringArray = new RegExp(String.raw`^(?:final\s+)?(?:@\s*${IDENT}\s+)*(?:java\s*\.\s*lang\s*\.\s*)?String\s*(?:\[\s*\]\s*${IDENT}|\.\.\.\s*${IDENT}|${IDENT}\s*\[\s*\])$`, 'u');
      if (/\bstatic\b/.test(modifiers) && (inInterface || /\bpublic\b/.test(modifiers)) && stringArray.test(params)) {
        const binary = stack.map((s) => s.name).join('$');
        main = pkg ? `${pkg}.${binary}` : binary;
      }
    }
  }
  const top = publicTop ?? (main ? main.slice(pkg ? pkg.length + 1 : 0).split('$')[0] : null) ?? firstTop ?? 'Main';
  return { file: `${top}.java`, mainClass: main };
}
