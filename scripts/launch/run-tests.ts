import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../lib/paths.ts';
import { ensureProjectReady } from './install-project.ts';

// `npm test`: install and build what is missing, then every test. `npm test -- unit` or
// `-- integration` runs one project; TEST_DATABASE_URL adds the PostgreSQL run of the CMS tests.
function run(): void {
  // 1. Dependencies and the CMS build.
  ensureProjectReady();
  // 2. Vitest, with the projects asked for (all by default).
  const projects = process.argv.slice(2).filter((a) => a === 'unit' || a === 'integration');
  const extra = process.argv.slice(2).filter((a) => a !== 'unit' && a !== 'integration');
  const args = [path.join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...projects.flatMap((p) => ['--project', p]), ...extra];
  const r = spawnSync(process.execPath, args, {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true', ASTRO_TELEMETRY_DISABLED: '1' },
  });
  process.exit(r.status ?? 1);
}

run();
