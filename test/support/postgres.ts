import { Client } from 'pg';

/**
 * For e2e specs on PostgreSQL (`useStack({ before: requirePostgres })`): resolves when the
 * database of `url` (DATABASE_URL) answers within 3 s; else throws saying how to get one (the suite
 * starts PostgreSQL through scripts/setup.sh; E2E_POSTGRES_URL points elsewhere).
 */
export async function requirePostgres(url = process.env.DATABASE_URL): Promise<void> {
  const probe = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await probe.connect();
  } catch (e) {
    throw new Error(`PostgreSQL is not reachable at ${url} (${(e as Error).message}): start it (scripts/setup.sh does when it is installed) or point E2E_POSTGRES_URL at one`);
  } finally {
    await probe.end().catch(() => undefined);
  }
}
