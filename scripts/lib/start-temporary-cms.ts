import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type net from 'node:net';
import { createServer } from 'node:net';
import { startProcess, stopAll } from '../launch/processes.ts';
import { waitForHttp } from './http-wait.ts';
import { repoRoot } from './paths.ts';

// A throwaway Strapi with the demo content: a temporary data folder (SQLite, secrets, build
// token), a free port, gone after stop(). For tools that need real content without touching
// the portal's own .data folder (e.g. the screenshot script). The CMS must have been built
// once (`npm run setup`).
export interface TemporaryCms {
  url: string;
  dataDir: string;
  buildTokenFile: string;
  stop: () => Promise<void>;
}

export async function startTemporaryCms(options: { quiet?: boolean } = {}): Promise<TemporaryCms> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shequ-cms-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SHEQU_DATA_DIR: dataDir,
    CMS_PORT: String(port),
    NODE_ENV: 'production',
    SHEQU_DEMO_CONTENT: 'demo',
    STRAPI_TELEMETRY_DISABLED: 'true',
    CMS_SERVE_ADMIN: 'false',
  };
  delete env.DATABASE_URL;
  const lines: string[] = [];
  const cms = startProcess('cms', ['node_modules/@strapi/strapi/bin/strapi.js', 'start'], {
    cwd: path.join(repoRoot, 'cms'),
    env,
    quiet: options.quiet ?? true,
    onLine: (line) => {
      lines.push(line);
      if (lines.length > 100) lines.shift();
    },
  });
  const stop = async () => {
    await stopAll([cms]);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await Promise.race([
      waitForHttp(`${url}/_health`, { timeoutMs: 300_000 }),
      cms.exited.then((code) => {
        throw new Error(`Strapi exited (${code}) before it was healthy`);
      }),
    ]);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- last CMS output ---\n${lines.slice(-40).join('\n')}`);
  }
  return { url, dataDir, buildTokenFile: path.join(dataDir, 'build-token'), stop };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
