import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../lib/paths.ts';
import { ensureProjectReady } from './install-project.ts';

// `npm test`: install and build what is missing, then every test. `npm test -- unit`,
// `-- integration` or `-- e2e` runs one project; TEST_DATABASE_URL adds the PostgreSQL run of
// the CMS tests.
function run(): void {
  // 1. Dependencies and the CMS build.
  ensureProjectReady();
  // 2. Type-check the TypeScript that no build step checks (CMS, scripts and tests, site modules).
  typecheck();
  const PROJECTS = ['unit', 'integration', 'e2e'];
  const projects = process.argv.slice(2).filter((a) => PROJECTS.includes(a));
  // 3. Known high/critical advisories in shipped dependencies, on a full run (as CI's).
  if (projects.length === 0) checkAdvisories();
  // 4. Vitest, with the projects asked for (all by default).
  const extra = process.argv.slice(2).filter((a) => !PROJECTS.includes(a));
  const args = [path.join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...projects.flatMap((p) => ['--project', p]), ...extra];
  const r = spawnSync(process.execPath, args, {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true', ASTRO_TELEMETRY_DISABLED: '1' },
  });
  process.exit(r.status ?? 1);
}

function checkAdvisories(): void {
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'check-advisories.ts')], { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function typecheck(): void {
  const tsc = path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  for (const project of ['cms/tsconfig.json', 'scripts/tsconfig.json', 'tests/tsconfig.json', 'site/tsconfig.json']) {
    const r = spawnSync(process.execPath, [tsc, '--noEmit', '-p', project], { cwd: repoRoot, stdio: 'inherit' });
    if (r.status !== 0) {
      console.error(`[shequ] type errors in ${project}`);
      process.exit(r.status ?? 1);
    }
  }
  console.log('[shequ] type-check passed (cms, scripts and tests, site)');
}

run();
