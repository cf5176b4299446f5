import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { waitForHttp } from '../../scripts/lib/http-wait.ts';
import { repoRoot } from '../../scripts/lib/paths.ts';
import { startProcess, stopAll, type Managed } from '../../scripts/launch/processes.ts';
import { freePort } from './free-port.ts';
import { createTempDatabase } from './temp-database.ts';

export const TEST_ADMIN = { email: 'editor@example.org', password: 'Test1234pass' };

export interface RunningCms {
  url: string;
  dataDir: string;
  buildToken: string;
  database: 'sqlite' | 'postgres';
  logs: string[];
  // Stops and starts the Strapi process alone, keeping its port, data folder and database.
  stopServer: () => Promise<void>;
  startServer: () => Promise<void>;
  stop: () => Promise<void>;
}

// A real Strapi, as `npm start` runs it, on a free port with a temporary data folder and a
// temporary database (SQLite in that folder, or a fresh PostgreSQL database).
export async function startCms(options: { database?: 'sqlite' | 'postgres'; env?: Record<string, string> } = {}): Promise<RunningCms> {
  const database = options.database ?? 'sqlite';
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shequ-it-'));
  const port = await freePort();
  let dropDatabase: (() => Promise<void>) | undefined;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SHEQU_DATA_DIR: dataDir,
    CMS_PORT: String(port),
    NODE_ENV: 'production',
    SHEQU_ADMIN_EMAIL: TEST_ADMIN.email,
    SHEQU_ADMIN_PASSWORD: TEST_ADMIN.password,
    STRAPI_TELEMETRY_DISABLED: 'true',
    CMS_SERVE_ADMIN: 'false',
    ...options.env,
  };
  delete env.DATABASE_URL;
  if (database === 'postgres') {
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set');
    const temp = await createTempDatabase(serverUrl);
    env.DATABASE_URL = temp.url;
    dropDatabase = temp.drop;
  }
  const logs: string[] = [];
  const url = `http://127.0.0.1:${port}`;
  let cms: Managed | undefined;
  const startServer = async () => {
    const proc = startProcess('cms', ['node_modules/@strapi/strapi/bin/strapi.js', 'start'], {
      cwd: path.join(repoRoot, 'cms'),
      env,
      quiet: !process.env.SHEQU_TEST_VERBOSE,
      onLine: (line) => {
        logs.push(line);
        if (logs.length > 400) logs.shift();
      },
    });
    cms = proc;
    try {
      await Promise.race([
        waitForHttp(`${url}/_health`, { timeoutMs: 300_000 }),
        proc.exited.then((code) => {
          throw new Error(`Strapi exited (${code}) before it was healthy`);
        }),
      ]);
    } catch (error) {
      await stopAll([proc]);
      throw new Error(`${(error as Error).message}\n--- last CMS output ---\n${logs.slice(-40).join('\n')}`);
    }
  };
  const stopServer = async () => {
    if (cms) await stopAll([cms]);
    cms = undefined;
  };
  await startServer();
  return {
    url,
    dataDir,
    database,
    logs,
    buildToken: fs.readFileSync(path.join(dataDir, 'build-token'), 'utf8').trim(),
    stopServer,
    startServer,
    stop: async () => {
      await stopServer();
      await dropDatabase?.();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
