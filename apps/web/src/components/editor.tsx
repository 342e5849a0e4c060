import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, defaultHighlightStyle, HighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { tags } from '@lezer/highlight';
import { Compartment, EditorState, Prec } from '@codemirror/state';
import { oneDark } from '@codemirror/theme-one-dark';
import {
  drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers,
} from '@codemirror/view';
import { useEffect, useRef } from 'react';
import { editorLanguage } from '../lib/editor-languages';

// Colours that meet WCAG AA contrast (4.5:1) on the editor's background, applied over the
// default (light) and One Dark styles, whose special strings, comments and gutters fall short.
const contrastLight = HighlightStyle.define([
  { tag: [tags.special(tags.string), tags.regexp, tags.escape], color: '#a11 !important' },
  { tag: [tags.comment, tags.meta], color: '#5c5c5c !important' },
  { tag: tags.processingInstruction, color: '#5c3d99 !important' },
]);
const contrastDark = HighlightStyle.define([
  { tag: [tags.comment, tags.meta, tags.lineComment, tags.blockComment], color: '#a0a8b7 !important' },
  // One Dark's coral (#e06c75, 4.38:1 on #282c34), lightened.
  { tag: [tags.name, tags.deleted, tags.character, tags.propertyName, tags.macroName, tags.invalid], color: '#ef8a92 !important' },
]);
const gutters = Prec.highest(EditorView.theme({
  '.cm-gutters, &.cm-editor .cm-gutters': { color: 'var(--muted)', backgroundColor: 'var(--panel)' },
  '.cm-activeLineGutter, &.cm-editor .cm-activeLineGutter': { color: 'var(--fg)', backgroundColor: 'var(--panel)' },
  '&.cm-editor .cm-nonmatchingBracket': { color: 'var(--fg)', backgroundColor: 'transparent', outline: '1px solid var(--bad)' },
  '&.cm-editor .cm-matchingBracket': { color: 'var(--fg)', backgroundColor: 'transparent', outline: '1px solid var(--muted)' },
}));
const theming = (dark: boolean) => (dark
  ? [oneDark, syntaxHighlighting(contrastDark), gutters]
  : [syntaxHighlighting(defaultHighlightStyle), syntaxHighlighting(contrastLight), gutters]);

interface Props {
  value: string;
  language: string;
  dark: boolean;
  onChange(code: string): void;
  /** Ctrl/Cmd+Enter. */
  onSubmit(): void;
}

/** The code editor (CodeMirror 6): a text box named "Source code", highlighting per language. */
export function Editor({ value, language, dark, onChange, onSubmit }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const lang = useRef(new Compartment());
  const theme = useRef(new Compartment());
  const callbacks = useRef({ onChange, onSubmit });
  callbacks.current = { onChange, onSubmit };

  useEffect(() => {
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          history(),
          drawSelection(),
          indentOnInput(),
          bracketMatching(),
          highlightActiveLine(),
          Prec.highest(keymap.of([{ key: 'Mod-Enter', run: () => (callbacks.current.onSubmit(), true) }])),
          keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
          lang.current.of(editorLanguage(language)),
          theme.current.of(theming(dark)),
          EditorView.contentAttributes.of({ 'aria-label': 'Source code' }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) callbacks.current.onChange(u.state.doc.toString());
          }),
        ],
      }),
    });
    // The scroller is a scrollable region: keyboard users can focus it (axe: scrollable-region-focusable).
    v.scrollDOM.tabIndex = 0;
    v.scrollDOM.setAttribute('aria-label', 'Source code scroller');
    view.current = v;
    return () => v.destroy();
    // Created once; the effects below follow the props.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    view.current?.dispatch({ effects: lang.current.reconfigure(editorLanguage(language)) });
  }, [language]);

  useEffect(() => {
    view.current?.dispatch({ effects: theme.current.reconfigure(theming(dark)) });
  }, [dark]);

  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  return <div className="editor" ref={host} />;
}
