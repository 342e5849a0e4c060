import { validateEnvironment } from './environment';

describe('validateEnvironment', () => {
  it('gives the documented defaults', () => {
    const env = validateEnvironment({});
    expect(env).toMatchObject({ PORT: 3000, REDIS_URL: 'redis://127.0.0.1:6379', REDIS_NAMESPACE: 'oj', DATA_DIR: './data', JUDGE_BOX_UID: 60000 });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env).toMatchObject({ REGISTRATION: 'admin', RATE_LIMIT_PER_MINUTE: 600, MAX_QUEUED_PER_USER: 50, SESSION_TTL_MS: 604800000 });
    expect(env.JUDGE_CONCURRENCY).toBeGreaterThanOrEqual(1);
  });

  it('defaults JUDGE_CONCURRENCY to the CPU count, at most the 64 it may be set to', () => {
    const withCpus = (n: number): number => {
      let env: { JUDGE_CONCURRENCY: number } | undefined;
      jest.isolateModules(() => {
        jest.doMock('node:os', () => ({ ...jest.requireActual('node:os'), cpus: () => Array.from({ length: n }, () => ({})) }));
        env = (require('./environment') as typeof import('./environment')).validateEnvironment({});
      });
      jest.dontMock('node:os');
      return env!.JUDGE_CONCURRENCY;
    };
    expect(withCpus(6)).toBe(6);
    expect(withCpus(96)).toBe(64);
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
    [{ MAX_BODY_DEPTH: '2' }, /MAX_BODY_DEPTH/],
    [{ PACKAGE_MAX_RATIO: 'lots' }, /PACKAGE_MAX_RATIO/],
    [{ CORS_ORIGINS: 'example.org' }, /CORS_ORIGINS must be \*/],
    [{ REDIS_CLUSTER_NODES: '127.0.0.1' }, /REDIS_CLUSTER_NODES must be host:port/],
    [{ REDIS_CLUSTER_NODES: 'redis://a:1' }, /REDIS_CLUSTER_NODES must be host:port/],
    [{ REDIS_SENTINELS: 'a:1;b:2' }, /REDIS_SENTINELS must be host:port/],
    [{ REDIS_SENTINEL_NAME: 'my master' }, /REDIS_SENTINEL_NAME/],
    [{ REDIS_CLUSTER_NODES: 'a:1', REDIS_SENTINELS: 'b:2' }, /REDIS_SENTINELS and REDIS_CLUSTER_NODES cannot both be set/],
    [{ REDIS_CLUSTER_NODES: 'a:1', REDIS_URL: 'redis://x:6379/3' }, /REDIS_URL=.*only db 0/],
  ])('%j fails naming the variable', (env, message) => {
    expect(() => validateEnvironment(env)).toThrow(message);
  });

  it('gives the hostile-input caps and reads CORS origins', () => {
    expect(validateEnvironment({})).toMatchObject({
      MAX_BODY_BYTES: 64 << 20, MAX_BODY_DEPTH: 32, PACKAGE_MAX_UNPACKED_BYTES: 512 << 20, PACKAGE_MAX_FILE_BYTES: 128 << 20,
      PACKAGE_MAX_ENTRIES: 10000, PACKAGE_MAX_RATIO: 1100,
    });
    expect(validateEnvironment({}).CORS_ORIGINS).toBeUndefined();
    expect(validateEnvironment({ CORS_ORIGINS: 'https://a.example, http://localhost:5173' }).CORS_ORIGINS).toBe('https://a.example, http://localhost:5173');
    expect(validateEnvironment({ CORS_ORIGINS: '*' }).CORS_ORIGINS).toBe('*');
  });

  it('lists every bad variable at once', () => {
    expect(() => validateEnvironment({ PORT: 'x', LOG_LEVEL: 'y' })).toThrow(/PORT[\s\S]*LOG_LEVEL|LOG_LEVEL[\s\S]*PORT/);
  });

  it('reads Redis Cluster nodes and sentinels', () => {
    expect(validateEnvironment({ REDIS_CLUSTER_NODES: '10.0.0.1:7000,redis-2:7001, [::1]:7002' }).REDIS_CLUSTER_NODES).toBe('10.0.0.1:7000,redis-2:7001, [::1]:7002');
    expect(validateEnvironment({ REDIS_SENTINELS: 's1:26379' })).toMatchObject({ REDIS_SENTINELS: 's1:26379', REDIS_SENTINEL_NAME: 'mymaster' });
    expect(validateEnvironment({}).REDIS_CLUSTER_NODES).toBeUndefined();
  });
});
