import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureProjectReady } from '../launch/install-project.ts';
import { dataDir, repoRoot } from '../lib/paths.ts';

// `npm run seed -- --scale year|small|<fraction> [--append]`: loads a deterministic year of the
// network (or a fraction) into the portal's database in bulk. The work happens inside the
// CMS (cms/scripts/seed-at-scale.ts, with Strapi's own query engine); this only makes sure the
// CMS is built and not running, and runs it on the same data folder or DATABASE_URL.

async function cmsIsRunning(port: string): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/_health`, { signal: AbortSignal.timeout(1500) });
    await res.body?.cancel();
    return res.status < 500;
  } catch {
    return false;
  }
}

async function run(): Promise<void> {
  const args = process.argv.slice(2);
  // 1. Dependencies and the compiled CMS, as `npm start` would have them.
  ensureProjectReady();
  // 2. The portal must be stopped: its CMS would be writing the same database.
  const port = process.env.CMS_PORT ?? '1337';
  if (await cmsIsRunning(port)) {
    throw new Error(`a CMS answers on port ${port}; stop the portal (npm start) before seeding at scale`);
  }
  // 3. The seeder, inside the CMS, on the portal's data folder (or DATABASE_URL).
  const data = dataDir();
  fs.mkdirSync(data, { recursive: true, mode: 0o700 });
  const env = { ...process.env, SHEQU_DATA_DIR: data, NODE_ENV: process.env.NODE_ENV ?? 'production', STRAPI_TELEMETRY_DISABLED: 'true' };
  const child = spawn(process.execPath, ['dist/scripts/seed-at-scale.js', ...args], { cwd: path.join(repoRoot, 'cms'), env, stdio: 'inherit' });
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  process.exitCode = code ?? 1;
}

run().catch((error) => {
  console.error(`[seed] ${(error as Error).message}`);
  process.exit(1);
});
