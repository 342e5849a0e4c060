import { channel, validateEnvironment } from './environment';

describe('validateEnvironment', () => {
  it('gives the documented defaults', () => {
    const env = validateEnvironment({});
    expect(env).toMatchObject({ PORT: 3000, REDIS_URL: 'redis://127.0.0.1:6379', REDIS_NAMESPACE: 'oj', DATA_DIR: './data', JUDGE_BOX_UID: 60000 });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env).toMatchObject({ REGISTRATION: 'admin', RATE_LIMIT_PER_MINUTE: 600, MAX_QUEUED_PER_USER: 50, SESSION_TTL_MS: 604800000 });
    expect(env.JUDGE_CONCURRENCY).toBeGreaterThanOrEqual(1);
  });

  it('reads numbers from strings', () => {
    expect(validateEnvironment({ PORT: '8080', JUDGE_CONCURRENCY: '3' })).toMatchObject({ PORT: 8080, JUDGE_CONCURRENCY: 3 });
  });

  it.each([
    [{ PORT: 'http' }, /PORT="?http"?/],
    [{ PORT: '70000' }, /PORT/],
    [{ REDIS_URL: 'localhost:6379' }, /REDIS_URL must look like redis:/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must be postgres/],
    [{ JUDGE_CONCURRENCY: '0' }, /JUDGE_CONCURRENCY/],
    [{ REDIS_NAMESPACE: 'a b' }, /REDIS_NAMESPACE/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ ADMIN_TOKEN: 'short' }, /ADMIN_TOKEN must be at least 16/],
    [{ REGISTRATION: 'anyone' }, /REGISTRATION must be open or admin/],
    [{ RATE_LIMIT_PER_MINUTE: '0' }, /RATE_LIMIT_PER_MINUTE/],
    [{ MAX_QUEUED_PER_USER: 'many' }, /MAX_QUEUED_PER_USER/],
    [{ SESSION_TTL_MS: '10' }, /SESSION_TTL_MS/],
  ])('%j fails naming the variable', (env, message) => {
    expect(() => validateEnvironment(env)).toThrow(message);
  });

  it('lists every bad variable at once', () => {
    expect(() => validateEnvironment({ PORT: 'x', LOG_LEVEL: 'y' })).toThrow(/PORT[\s\S]*LOG_LEVEL|LOG_LEVEL[\s\S]*PORT/);
  });
});

describe('channel', () => {
  it('prefixes names with the namespace', () => {
    expect(channel('submission.updated')).toMatch(/^[^:]+:submission\.updated$/);
  });
});
