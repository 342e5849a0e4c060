/** True when a statement reads as LaTeX (as some imported packages carry it) rather than Markdown. */
export function looksLikeLatex(text: string): boolean {
  return /\\(begin|section\*?|subsection\*?|problemname|textbf|emph|illustration)\b|\{/.test(text) && /\\[a-zA-Z]+/.test(text) && !/^#{1,6} /m.test(text);
}

/**
 * A readable Markdown rendering of a LaTeX problem statement (the Kattis problemtools subset:
 * sections, itemize/enumerate, emphasis, verbatim, the problem environment); math (`$…$`,
 * `$$…$$`, `\[…\]`, `\(…\)`) is kept for KaTeX. Not a LaTeX engine: unknown commands lose
 * their backslash and keep their argument.
 */
export function latexToMarkdown(tex: string): string {
  let s = tex.replace(/\r\n/g, '\n');
  s = s.replace(/(^|[^\\])%.*$/gm, '$1');
  s = s.replace(/\\begin\{problem\}\{([^}]*)\}(\{[^}]*\})*(\[[^\]]*\])?/g, '# $1\n');
  s = s.replace(/\\problemname\{([^}]*)\}/g, '# $1\n');
  s = s.replace(/\\end\{problem\}/g, '');
  s = s.replace(/\\section\*?\{([^}]*)\}/g, '\n## $1\n');
  s = s.replace(/\\subsection\*?\{([^}]*)\}/g, '\n### $1\n');
  s = s.replace(/\\begin\{verbatim\}([\s\S]*?)\\end\{verbatim\}/g, (_m, body: string) => '\n```\n' + body.replace(/^\n/, '') + '```\n');
  s = s.replace(/\\\[([\s\S]*?)\\\]/g, (_m, body: string) => `\n$$${body.trim()}$$\n`);
  s = s.replace(/\\\(([\s\S]*?)\\\)/g, (_m, body: string) => `$${body.trim()}$`);
  s = s.replace(/\\begin\{(itemize|enumerate)\}([\s\S]*?)\\end\{\1\}/g, (_m, kind: string, body: string) =>
    '\n' + body.split(/\\item\s*/).slice(1).map((item, i) => `${kind === 'enumerate' ? `${i + 1}.` : '-'} ${item.trim().replace(/\n\s*/g, ' ')}`).join('\n') + '\n');
  s = s.replace(/\\illustration\{[^}]*\}\{[^}]*\}\{([^}]*)\}/g, '*$1*');
  s = s.replace(/\\(textbf|bf)\{([^}]*)\}/g, '**$2**');
  s = s.replace(/\\(emph|textit|it)\{([^}]*)\}/g, '*$2*');
  s = s.replace(/\\(texttt|verb)\{([^}]*)\}/g, '`$2`');
  s = s.replace(/\\(label|ref|cite|footnote)\{[^}]*\}/g, '');
  // Outside math, drop what is left of commands (keep their text); inside math KaTeX reads them.
  s = s.split(/(\$\$[\s\S]*?\$\$|\$[^$\n]+\$)/).map((part, i) => (i % 2 ? part : part
    .replace(/\\\\/g, '\n')
    .replace(/~/g, '\u00a0')
    .replace(/``|''/g, '"')
    .replace(/\\([%$&#_{}])/g, '$1')
    .replace(/\\[a-zA-Z]+\*?(\[[^\]]*\])?/g, '')
    .replace(/[{}]/g, ''))).join('');
  return s.replace(/\n{3,}/g, '\n\n').trim() + '\n';
}
