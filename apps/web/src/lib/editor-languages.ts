import { cpp } from '@codemirror/lang-cpp';
import { go } from '@codemirror/lang-go';
import { java } from '@codemirror/lang-java';
import { javascript } from '@codemirror/lang-javascript';
import { php } from '@codemirror/lang-php';
import { python } from '@codemirror/lang-python';
import { rust } from '@codemirror/lang-rust';
import { type LanguageSupport, StreamLanguage, type StreamParser } from '@codemirror/language';
import { csharp, kotlin, scala } from '@codemirror/legacy-modes/mode/clike';
import { erlang } from '@codemirror/legacy-modes/mode/erlang';
import { haskell } from '@codemirror/legacy-modes/mode/haskell';
import { lua } from '@codemirror/legacy-modes/mode/lua';
import { oCaml } from '@codemirror/legacy-modes/mode/mllike';
import { pascal } from '@codemirror/legacy-modes/mode/pascal';
import { perl } from '@codemirror/legacy-modes/mode/perl';
import { ruby } from '@codemirror/legacy-modes/mode/ruby';
import { scheme } from '@codemirror/legacy-modes/mode/scheme';
import { shell } from '@codemirror/legacy-modes/mode/shell';
import type { Extension } from '@codemirror/state';

const legacy = (p: StreamParser<unknown>) => () => StreamLanguage.define(p);

// Judge language ids (GET /api/v1/languages) to CodeMirror highlighting. Families by prefix
// (cpp17, cpp20, python3, pypy3, …); Elixir has no CodeMirror mode and borrows Ruby's, whose
// syntax it follows closely.
const EXACT: Record<string, () => LanguageSupport | Extension> = {
  c: () => cpp(),
  javascript: () => javascript(),
  typescript: () => javascript({ typescript: true }),
  java: () => java(),
  kotlin: legacy(kotlin),
  scala: legacy(scala),
  csharp: legacy(csharp),
  rust: () => rust(),
  go: () => go(),
  php: () => php({ plain: true }),
  ruby: legacy(ruby),
  elixir: legacy(ruby),
  haskell: legacy(haskell),
  lua: legacy(lua),
  perl: legacy(perl),
  bash: legacy(shell),
  ocaml: legacy(oCaml),
  pascal: legacy(pascal),
  racket: legacy(scheme),
  erlang: legacy(erlang),
};
const PREFIXES: Array<[RegExp, () => LanguageSupport | Extension]> = [
  [/^(cpp|c\+\+|gpp|clang)/, () => cpp()],
  [/^(python|pypy)/, () => python()],
  [/^(node|js)/, () => javascript()],
  [/^(ts)/, () => javascript({ typescript: true })],
  [/^(java)\d*$/, () => java()],
  [/^(fpc|freepascal)/, legacy(pascal)],
  [/^(sh|bash)/, legacy(shell)],
];

/** CodeMirror highlighting for a judge language id; plain text (no extension) for ids it does not know. */
export function editorLanguage(id: string): Extension {
  const make = EXACT[id] ?? PREFIXES.find(([re]) => re.test(id))?.[1];
  return make ? make() : [];
}

/** The ids highlighted (for docs and tests). */
export const HIGHLIGHTED_LANGUAGES = Object.keys(EXACT);
