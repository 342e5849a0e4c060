import MarkdownIt from 'markdown-it';
import katex from '@vscode/markdown-it-katex';
import { useMemo } from 'react';
import { latexToMarkdown, looksLikeLatex } from '../lib/latex-statement';

// html: false: a statement cannot inject markup or scripts into the page.
const md = new MarkdownIt({ html: false, linkify: true }).use((katex as unknown as { default?: typeof katex }).default ?? katex, { throwOnError: false });

/** A problem statement: Markdown with math rendered by KaTeX; LaTeX statements converted first. */
export function Statement({ text, title }: { text: string | null; title?: string }) {
  const html = useMemo(() => {
    if (!text) return '';
    const markdown = looksLikeLatex(text) ? latexToMarkdown(text) : text;
    // The page already shows the title as its heading: drop the statement's own copy of it.
    const body = title ? markdown.replace(new RegExp(`^\\s*# ${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\n`), '') : markdown;
    return md.render(body);
  }, [text, title]);
  if (!text) return <p className="muted">This problem has no statement.</p>;
  return <div className="statement" dangerouslySetInnerHTML={{ __html: html }} />;
}
