import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startProcess, stopAll, type Managed } from '../launch/processes.ts';
import { freePort } from './free-port.ts';
import { waitForHttp } from './http-wait.ts';
import { repoRoot } from './paths.ts';

// A throwaway Strapi, started as `npm start` starts it: a temporary data folder (SQLite unless
// a database URL is given, secrets, build token), a free port, demo content, gone after stop().
// For tests and for tools that need real content without touching the portal's own .data
// folder (the screenshot script). The CMS must have been built once (`npm run setup`).
export interface TemporaryCms {
  url: string;
  dataDir: string;
  buildTokenFile: string;
  // The last lines the CMS printed, for error messages.
  logs: string[];
  // Stops and starts the Strapi process alone, keeping its port, data folder and database.
  stopServer: () => Promise<void>;
  startServer: () => Promise<void>;
  stop: () => Promise<void>;
}

// `dataDir` starts it on a folder the caller made (and removes: stop() leaves it), e.g. one the
// bulk seeder filled; `port` on a port the caller chose.
export async function startTemporaryCms(options: { env?: NodeJS.ProcessEnv; databaseUrl?: string; quiet?: boolean; onStop?: () => Promise<void>; dataDir?: string; port?: number } = {}): Promise<TemporaryCms> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'shequ-cms-'));
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SHEQU_DATA_DIR: dataDir,
    CMS_PORT: String(port),
    NODE_ENV: 'production',
    SHEQU_DEMO_CONTENT: 'demo',
    STRAPI_TELEMETRY_DISABLED: 'true',
    CMS_SERVE_ADMIN: 'false',
    ...options.env,
  };
  delete env.DATABASE_URL;
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  const logs: string[] = [];
  let cms: Managed | undefined;

  const startServer = async () => {
    const proc = startProcess('cms', ['node_modules/@strapi/strapi/bin/strapi.js', 'start'], {
      cwd: path.join(repoRoot, 'cms'),
      env,
      quiet: options.quiet ?? true,
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
  const stop = async () => {
    await stopServer();
    await options.onStop?.();
    if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await startServer();
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, dataDir, buildTokenFile: path.join(dataDir, 'build-token'), logs, stopServer, startServer, stop };
}
