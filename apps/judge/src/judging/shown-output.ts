/** Shown stdout / stderr / compiler output is cut here (DESIGN.md: 64 KiB with a note). */
export const SHOWN_OUTPUT_BYTES = 64 * 1024;

/**
 * Cuts `buf` to `SHOWN_OUTPUT_BYTES` as UTF-8 text, with a note when cut. Invalid bytes and NUL
 * (which PostgreSQL's text type cannot hold) become U+FFFD.
 */
export function shownText(buf: Buffer): string {
  const text = buf.length <= SHOWN_OUTPUT_BYTES ? buf.toString('utf8') : `${buf.subarray(0, SHOWN_OUTPUT_BYTES).toString('utf8')}\n[… cut at 64 KiB of ${buf.length} bytes]`;
  return text.replace(/\u0000/g, '\uFFFD');
}
