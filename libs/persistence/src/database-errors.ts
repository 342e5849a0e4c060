/** Node socket errors that mean the database server cannot be reached (or went away). */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** Messages of node-postgres for a connection that died or could not be made in time. */
const NETWORK_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down)/i;

/**
 * True when `e` says the database is unreachable (now), not that the query was wrong: a socket
 * error (ECONNREFUSED, ECONNRESET, …), a connection node-postgres lost, PostgreSQL SQLSTATE class
 * `08` (connection exception) or `57P01`-`57P03` (shutting down, cannot connect now), or
 * SQLite's `SQLITE_BUSY` (the file is locked by another process for longer than its timeout).
 * Looks through TypeORM's `QueryFailedError.driverError`, `cause` and `AggregateError.errors`.
 * Such errors are worth retrying later; the HTTP layer answers them with 503 and Retry-After.
 */
export function isDatabaseUnavailable(e: unknown, depth = 0): boolean {
  if (typeof e !== 'object' || e === null || depth > 4) return false;
  const { code, message, driverError, cause, errors } = e as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || /^08/.test(code) || /^57P0[123]$/.test(code) || code === 'SQLITE_BUSY')) return true;
  if (typeof message === 'string' && NETWORK_MESSAGES.test(message)) return true;
  if (Array.isArray(errors) && errors.some((x) => isDatabaseUnavailable(x, depth + 1))) return true;
  return isDatabaseUnavailable(driverError, depth + 1) || isDatabaseUnavailable(cause, depth + 1);
}
