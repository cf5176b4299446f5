import crypto from 'node:crypto';
import pg from 'pg';

// A throwaway PostgreSQL database on the server TEST_DATABASE_URL points at, dropped afterwards.
export async function createTempDatabase(serverUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `shequ_it_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
