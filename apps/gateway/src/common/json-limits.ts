import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * How deep objects and arrays nest in JSON text: the largest number of `{` / `[` open at once,
 * brackets inside strings not counted. Scans the bytes (no parsing, no recursion) and stops as
 * soon as the depth passes `max`, so a hostile body costs one linear pass at most.
 * @returns the depth (at most `max + 1`).
 */
export function jsonDepth(text: Buffer | string, max = Infinity): number {
  const buf = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
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

/**
 * Thrown from the JSON body parser's `verify` hook, before the body is parsed: body-parser keeps
 * its `status` and `type`, and the gateway's error middleware turns it into a 400.
 */
export class BodyTooDeepError extends Error {
  readonly status = 400;
  readonly statusCode = 400;
  readonly type = 'entity.too.deep';
  constructor(readonly maxDepth: number) {
    super(tooDeepMessage('body', maxDepth));
    this.name = 'BodyTooDeepError';
  }
}

/**
 * `verify` option of express.json: refuses a body nested deeper than `maxDepth` before
 * JSON.parse, class-transformer or class-validator see it (they recurse, and a body thousands of
 * levels deep overflows their stack).
 * @throws BodyTooDeepError
 */
export function refuseDeepJson(maxDepth: number): (req: IncomingMessage, res: ServerResponse, buf: Buffer) => void {
  return (_req, _res, buf) => {
    if (jsonDepth(buf, maxDepth) > maxDepth) throw new BodyTooDeepError(maxDepth);
  };
}
