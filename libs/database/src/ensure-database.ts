import { Client } from 'pg';

/**
 * Creates the database named in the URL if it does not exist, by connecting to the
 * server's `postgres` maintenance database. Used by migrate/seed and by tests, never by
 * the apps themselves.
 */
export function ensureDatabase(url: string): Promise<boolean> {
  return withAdmin(url, async (client, name) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    await client.query(`CREATE DATABASE "${name}"`);
    return true;
  });
}

export function dropDatabase(url: string): Promise<void> {
  return withAdmin(url, async (client, name) => {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
}

/** Runs `work` on the server's maintenance database with the target database's (checked) name. */
async function withAdmin<T>(url: string, work: (client: Client, name: string) => Promise<T>): Promise<T> {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  // The name is interpolated into CREATE/DROP DATABASE, which take no parameters.
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`database name "${name}" must be letters, digits and _`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    return await work(client, name);
  } finally {
    await client.end();
  }
}
