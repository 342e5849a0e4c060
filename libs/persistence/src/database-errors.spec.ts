import { isDatabaseUnavailable } from './database-errors';

const coded = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe(isDatabaseUnavailable.name, () => {
  it.each([
    ['a refused connection', coded('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a reset connection', coded('ECONNRESET')],
    ['node-postgres losing its connection', new Error('Connection terminated unexpectedly')],
    ['node-postgres timing out a connect', new Error('timeout exceeded when trying to connect')],
    ['SQLSTATE 08006 (connection failure)', coded('08006')],
    ['SQLSTATE 57P01 (admin shutdown)', coded('57P01')],
    ['SQLSTATE 57P03 (cannot connect now)', coded('57P03')],
    ['SQLite locked past its timeout', coded('SQLITE_BUSY')],
    ['inside TypeORM\'s QueryFailedError', Object.assign(new Error('query failed'), { driverError: coded('ECONNRESET') })],
    ['inside an AggregateError (IPv4 and IPv6 both refused)', new AggregateError([coded('ECONNREFUSED'), coded('ECONNREFUSED')])],
    ['as a cause', new Error('wrapped', { cause: coded('ETIMEDOUT') })],
  ])('%s: unavailable', (_what, e) => expect(isDatabaseUnavailable(e)).toBe(true));

  it.each([
    ['a unique violation (23505)', coded('23505', 'duplicate key value')],
    ['a syntax error (42601)', coded('42601')],
    ['SQLite constraint', coded('SQLITE_CONSTRAINT')],
    ['a plain error', new Error('boom')],
    ['not an error', 'ECONNREFUSED'],
    ['null', null],
  ])('%s: not unavailable', (_what, e) => expect(isDatabaseUnavailable(e)).toBe(false));
});
