import fs from 'node:fs';
import path from 'node:path';
import { sitePaths } from '../lib/paths.ts';
import { checkReleaseIntegrity, type IntegrityReport } from './check-release-integrity.ts';
import { loadPublicKey } from './load-signing-key.ts';
import { liveReleaseId } from './switch-release.ts';

// `npm run verify` holds the live release (or `-- --release <id>`) against its signed manifest
// and names every changed, added or missing file. Exit 0: it is exactly as signed; 1: it is
// not, or it cannot be checked (no release, no manifest, bad signature). It only reads: the
// publisher restores, within PUBLISHER_VERIFY_MS.
export async function run(argv = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const paths = sitePaths(env);
  // 1. Which release.
  const at = argv.indexOf('--release');
  const releaseId = at >= 0 ? argv[at + 1] : liveReleaseId(paths.current);
  if (!releaseId || !fs.existsSync(path.join(paths.releases, releaseId))) {
    console.error(releaseId ? `no release ${releaseId} in ${paths.releases}` : `no live release (${paths.current} does not exist)`);
    return 1;
  }
  // 2. Check it against the signed manifest, with the publisher's public key.
  const dir = fs.realpathSync(path.join(paths.releases, releaseId));
  let report: IntegrityReport;
  try {
    report = (await checkReleaseIntegrity(dir, releaseId, loadPublicKey(paths.publicKey), paths)).report;
  } catch (error) {
    console.error(`release ${releaseId}: cannot be checked: ${(error as Error).message}`);
    return 1;
  }
  // 3. Say what differs, one file a line.
  printReport(report);
  return report.ok ? 0 : 1;
}

function printReport(report: IntegrityReport): void {
  const lines = [
    ...report.changed.map((f) => `changed  ${f}`),
    ...report.added.map((f) => `added    ${f}`),
    ...report.missing.map((f) => `missing  ${f}`),
  ];
  const from = report.manifestFrom === 'publisher' ? "the publisher's signed copy of its manifest" : 'its signed manifest';
  if (report.problem) console.log(`release ${report.releaseId}: CANNOT BE TRUSTED: ${report.problem}`);
  else if (report.ok) console.log(`release ${report.releaseId}: all ${report.checked} files match ${from}`);
  else console.log(`release ${report.releaseId}: ${lines.length} file(s) differ from ${from}:`);
  for (const line of lines) console.log(`  ${line}`);
  if (report.base) console.log(`(a layered release over the full release ${report.base}, checked too; .base/<path> names its files)`);
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await run();
