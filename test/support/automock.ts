/**
 * Strict mocks for unit specs (immich's `automock` habit): every method of the class is a jest
 * mock that throws on any call not set up with `mockResolvedValueOnce`, `mockReturnValue`, … so a
 * spec fails when the code under test does something it did not expect.
 */
export function automock<T extends object>(cls: abstract new (...args: never[]) => T, name = cls.name): jest.Mocked<T> {
  const mock: Record<string, unknown> = {};
  for (let proto = cls.prototype; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const key of Object.getOwnPropertyNames(proto)) {
      if (key === 'constructor' || key in mock) continue;
      const d = Object.getOwnPropertyDescriptor(proto, key);
      if (typeof d?.value !== 'function') continue;
      mock[key] = jest.fn((...args: unknown[]) => {
        throw new Error(`unexpected call ${name}.${key}(${args.map((a) => JSON.stringify(a)?.slice(0, 200)).join(', ')})`);
      });
    }
  }
  return mock as jest.Mocked<T>;
}
