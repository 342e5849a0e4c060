import MarkdownIt from 'markdown-it';
import katex from '@vscode/markdown-it-katex';
import { useMemo } from 'react';
import { latexToMarkdown, looksLikeLatex } from '../lib/latex-statement';

// html: false: a statement cannot inject markup or scripts into the page.
const md = new MarkdownIt({ html: false, linkify: true }).use((katex as unknown as { default?: typeof katex }).default ?? katex, { throwOnError: false });

/** A problem statement: Markdown with math rendered by KaTeX; LaTeX statements converted first. */
export function Statement({ text }: { text: string | null }) {
  const html = useMemo(() => (text ? md.render(looksLikeLatex(text) ? latexToMarkdown(text) : text) : ''), [text]);
  if (!text) return <p className="muted">This problem has no statement.</p>;
  return <div className="statement" dangerouslySetInnerHTML={{ __html: html }} />;
}
