import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PNPM } from './launch/install-project.ts';
import { repoRoot } from './lib/paths.ts';
import { acceptedSchema, auditReportSchema, selectAdvisories, type Accepted, type Advisory } from './lib/select-advisories.ts';

// `npm run check:advisories`: asks the npm registry's advisory service (through `pnpm audit`)
// about the locked versions of everything the portal ships (production dependencies of cms,
// site and scripts) and fails on a high or critical advisory that advisories-accepted.json does
// not accept with a reason. When the service cannot be reached the check says so loudly and
// passes, unless SHEQU_ADVISORIES_REQUIRED=true, which makes that a failure too.

const ACCEPTED_FILE = path.join(repoRoot, 'advisories-accepted.json');
const required = process.env.SHEQU_ADVISORIES_REQUIRED === 'true';

function run(): void {
  // 1. The accepted exceptions, each with its reason and review date.
  const accepted = readAccepted();
  // 2. The audit of the lockfile's production dependencies.
  const report = auditLockfile();
  if (!report) return unreachable();
  // 3. Sort the advisories and say what was found.
  const selection = selectAdvisories(report, accepted);
  for (const a of selection.lower) console.log(`[advisories] ${a.severity}: ${describe(a)}`);
  for (const a of selection.accepted) console.log(`[advisories] accepted ${a.severity}: ${describe(a)}`);
  for (const e of selection.stale) console.warn(`[advisories] accepted exception ${e.id} (${e.package}) is no longer reported: remove it from advisories-accepted.json`);
  // 4. Fail on any high or critical advisory not accepted.
  if (selection.blocking.length > 0) {
    for (const a of selection.blocking) console.error(`[advisories] ${a.severity.toUpperCase()}: ${describe(a)}`);
    console.error(`[advisories] ${selection.blocking.length} high/critical advisory(ies) in shipped dependencies: upgrade, override in package.json (pnpm.overrides), or accept in advisories-accepted.json with a reason`);
    process.exit(1);
  }
  console.log(`[advisories] no unaccepted high or critical advisories in shipped dependencies (${Object.keys(report.advisories).length} advisories in total)`);
}

function readAccepted(): Accepted[] {
  if (!fs.existsSync(ACCEPTED_FILE)) return [];
  const parsed = acceptedSchema.safeParse(JSON.parse(fs.readFileSync(ACCEPTED_FILE, 'utf8')));
  if (!parsed.success) {
    console.error(`[advisories] advisories-accepted.json is malformed: ${parsed.error.message}`);
    process.exit(1);
  }
  return parsed.data;
}

function auditLockfile() {
  const r = spawnSync('npx', [...PNPM, 'audit', '--prod', '--json'], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  let json: unknown;
  try {
    json = JSON.parse(r.stdout);
  } catch {
    console.warn(`[advisories] pnpm audit gave no report: ${(r.stderr || r.stdout || String(r.error ?? '')).trim().slice(0, 500)}`);
    return undefined;
  }
  const parsed = auditReportSchema.safeParse(json);
  if (!parsed.success) {
    const error = (json as { error?: { code?: string; message?: string } }).error;
    console.warn(`[advisories] the advisory service did not answer: ${error?.code ?? ''} ${error?.message ?? JSON.stringify(json).slice(0, 500)}`);
    return undefined;
  }
  return parsed.data;
}

function unreachable(): void {
  const message = '[advisories] NOT CHECKED: the npm advisory service could not be reached, so known advisories were not looked up';
  if (required) {
    console.error(`${message} (SHEQU_ADVISORIES_REQUIRED=true)`);
    process.exit(1);
  }
  console.warn(`${message}; set SHEQU_ADVISORIES_REQUIRED=true where it must be reachable`);
}

function describe(a: Advisory): string {
  const versions = [...new Set((a.findings ?? []).map((f) => f.version))].join(', ');
  return `${a.module_name}@${versions} ${a.github_advisory_id ?? a.id} ${a.title} (vulnerable ${a.vulnerable_versions ?? '?'}, fixed ${a.patched_versions ?? '?'}) ${a.url ?? ''}`.trim();
}

run();
