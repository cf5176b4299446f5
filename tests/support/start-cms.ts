import fs from 'node:fs';
import { startTemporaryCms, type TemporaryCms } from '../../scripts/lib/start-temporary-cms.ts';
import { createTempDatabase } from './temp-database.ts';

export const TEST_ADMIN = { email: 'editor@example.org', password: 'Test1234pass' };

export interface RunningCms extends TemporaryCms {
  buildToken: string;
  database: 'sqlite' | 'postgres';
  // The temporary PostgreSQL database's address (none for SQLite, which lives in dataDir).
  databaseUrl?: string;
}

// A real Strapi, as `npm start` runs it, on a free port with a temporary data folder and a
// temporary database (SQLite in that folder, or a fresh PostgreSQL database on the server
// TEST_DATABASE_URL names), with the test editor as its first admin.
export async function startCms(options: { database?: 'sqlite' | 'postgres'; env?: Record<string, string> } = {}): Promise<RunningCms> {
  const database = options.database ?? 'sqlite';
  let temp: Awaited<ReturnType<typeof createTempDatabase>> | undefined;
  if (database === 'postgres') {
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set');
    temp = await createTempDatabase(serverUrl);
  }
  const cms = await startTemporaryCms({
    env: { SHEQU_ADMIN_EMAIL: TEST_ADMIN.email, SHEQU_ADMIN_PASSWORD: TEST_ADMIN.password, ...options.env },
    databaseUrl: temp?.url,
    quiet: !process.env.SHEQU_TEST_VERBOSE,
    onStop: temp?.drop,
  });
  return { ...cms, database, databaseUrl: temp?.url, buildToken: fs.readFileSync(cms.buildTokenFile, 'utf8').trim() };
}
