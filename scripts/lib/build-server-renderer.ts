import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './paths.ts';

// One `astro build --config <file>` of site/ for a server-output renderer (the draft preview's,
// the publisher's warm renderer), in production mode and without a test runner's variables
// (VITEST, NODE_ENV=test …), which must not change how it is built.
export function buildServerRenderer(configFile: string, env: NodeJS.ProcessEnv, what: string): void {
  const buildEnv: NodeJS.ProcessEnv = { ...env, NODE_ENV: 'production', ASTRO_TELEMETRY_DISABLED: '1' };
  for (const key of Object.keys(buildEnv)) if (key.startsWith('VITEST') || key === 'TEST') delete buildEnv[key];
  const r = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--config', configFile], { cwd: path.join(repoRoot, 'site'), stdio: 'inherit', env: buildEnv });
  if (r.status !== 0) throw new Error(`building ${what} failed (exit ${r.status ?? r.signal})`);
}
