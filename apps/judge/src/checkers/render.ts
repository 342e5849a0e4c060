import { isUtf8 } from 'node:buffer';

/** How much of a token or snippet a message shows; outputs can be megabytes on one line. */
export const SNIPPET_BYTES = 50;

const NAMED_ESCAPES: Record<number, string> = {
  0x09: '\\t', 0x0a: '\\n', 0x0b: '\\v', 0x0c: '\\f', 0x0d: '\\r', 0x22: '\\"', 0x5c: '\\\\',
};

function hex(code: number): string {
  return '\\x' + code.toString(16).padStart(2, '0');
}

/**
 * `bytes[start, end)` as a double-quoted string for a message: cut to about `max` bytes, UTF-8
 * shown as text when it is valid, anything else (stray bytes, control characters) as escapes, so
 * the message is always printable and safe to store whatever the contestant wrote. A cut string
 * ends in "…", followed by the full length unless `showLength` is false.
 */
export function quote(bytes: Uint8Array, start: number, end: number, max = SNIPPET_BYTES, showLength = true): string {
  let cut = Math.min(end, start + max);
  // Back off to a character boundary so that cutting alone never turns valid UTF-8 into escapes.
  for (let k = 0; k < 3 && cut < end && cut > start && (bytes[cut] & 0xc0) === 0x80; k++) cut--;
  const slice = bytes.subarray(start, cut);
  let text = '';
  if (isUtf8(slice)) {
    for (const ch of Buffer.from(slice.buffer, slice.byteOffset, slice.length).toString('utf8')) {
      const code = ch.codePointAt(0)!;
      text += NAMED_ESCAPES[code] ?? (code < 0x20 || (code >= 0x7f && code < 0xa0) ? hex(code) : ch);
    }
  } else {
    for (const code of slice) {
      text += NAMED_ESCAPES[code] ?? (code < 0x20 || code >= 0x7f ? hex(code) : String.fromCharCode(code));
    }
  }
  if (cut === end) return `"${text}"`;
  return showLength ? `"${text}…" (${end - start} bytes)` : `"${text}…"`;
}
