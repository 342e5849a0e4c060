// Strict mocks for unit specs (immich's habit): an object whose listed members are jest mocks and
// whose every other member throws when touched, so a call nobody set up fails the test.

export type StrictMock<T> = T & { [K in keyof T]: T[K] extends (...args: infer A) => infer R ? jest.Mock<R, A> & T[K] : T[K] };

/** A `T` with only `members` set up; reading anything else throws naming it. */
export function strictMock<T extends object>(name: string, members: { [K in keyof T]?: unknown } = {}): StrictMock<T> {
  const own = Object.fromEntries(Object.entries(members).map(([k, v]) => [k, typeof v === 'function' && !jest.isMockFunction(v) ? jest.fn(v as never) : v]));
  return new Proxy(own, {
    get(target, prop) {
      if (prop in target) return target[prop as string];
      // Probed by jest and by `await` on non-promises.
      if (typeof prop === 'symbol' || prop === 'then' || prop === 'asymmetricMatch' || prop === 'toJSON' || prop === 'nodeType') return undefined;
      throw new Error(`unexpected use of ${name}.${String(prop)}`);
    },
  }) as StrictMock<T>;
}
