/**
 * How deep objects and arrays nest in JSON text: the largest number of `{` / `[` open at once,
 * brackets inside strings not counted. Scans the bytes or characters (no parsing, no recursion) and stops as
 * soon as the depth passes `max`, so a hostile body costs one linear pass at most.
 * @returns the depth (at most `max + 1`).
 */
export function jsonDepth(text: Buffer | string, max = Infinity): number {
  // The characters that matter are ASCII: a string's UTF-16 code units serve as well as bytes.
  const at: (i: number) => number = typeof text === 'string' ? (i) => text.charCodeAt(i) : (i) => text[i];
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = at(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped byte
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > deepest) {
        deepest = depth;
        if (deepest > max) return deepest;
      }
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return deepest;
}

/** Message of a body or frame nested deeper than `max` (names the field and the setting). */
export function tooDeepMessage(what: 'body' | 'frame', max: number): string {
  return `${what}: nesting depth over ${max} (objects and arrays inside each other; MAX_BODY_DEPTH)`;
}
