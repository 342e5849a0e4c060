import { shownText, SHOWN_OUTPUT_BYTES } from './shown-output';

describe('shownText', () => {
  it('returns short output as UTF-8, invalid bytes and NUL as U+FFFD', () => {
    expect(shownText(Buffer.from([0x6f, 0x6b, 0xff, 0x00]))).toBe('ok\uFFFD\uFFFD');
  });

  it('cuts at 64 KiB with a note naming the full size', () => {
    const text = shownText(Buffer.alloc(SHOWN_OUTPUT_BYTES + 10, 'a'));
    expect(text.startsWith('a'.repeat(SHOWN_OUTPUT_BYTES))).toBe(true);
    expect(text).toMatch(/cut at 64 KiB of 65546 bytes/);
  });
});
