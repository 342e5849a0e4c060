import { latexToMarkdown, looksLikeLatex } from './latex-statement';

describe('LaTeX statements', () => {
  const tex = [
    '\\problemname{Add Two Numbers}',
    'Given $a$ and $b$, print \\emph{their sum}. % a comment',
    '\\section*{Input}',
    'One line with $1 \\le a, b \\le 10^9$.',
    '\\begin{itemize}',
    '\\item first',
    '\\item second',
    '\\end{itemize}',
    '\\[ \\sum_{i=1}^n i \\]',
  ].join('\n');

  it('tells LaTeX from Markdown', () => {
    expect(looksLikeLatex(tex)).toBe(true);
    expect(looksLikeLatex('# Title\n\nGiven $a$ and $b$.')).toBe(false);
    expect(looksLikeLatex('Plain words.')).toBe(false);
  });

  it('turns sections, lists and emphasis into Markdown and keeps math for KaTeX', () => {
    const md = latexToMarkdown(tex);
    expect(md).toContain('# Add Two Numbers');
    expect(md).toContain('## Input');
    expect(md).toContain('*their sum*');
    expect(md).not.toContain('a comment');
    expect(md).toContain('$1 \\le a, b \\le 10^9$');
    expect(md).toContain('- first\n- second');
    expect(md).toContain('$$\\sum_{i=1}^n i$$');
  });
});
