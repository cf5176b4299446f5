import fs from 'node:fs';
import path from 'node:path';
import { sitePaths } from '../lib/paths.ts';
import { checkReleaseIntegrity } from './check-release-integrity.ts';
import { loadPublicKey } from './load-signing-key.ts';
import { listReleases } from './read-release.ts';
import { MANIFEST_FILE } from './release-manifest.ts';
import { restoreReleaseFiles } from './restore-release-files.ts';
import { trustedManifestFiles } from './store-release-copy.ts';
import { liveReleaseId, switchRelease } from './switch-release.ts';

// `npm run rollback` puts the release before the live one back online; `npm run rollback -- <id>`
// puts any kept release online (a newer one too, to undo a rollback). No rebuild: one link switch.
// The publisher does not undo it: it rebuilds only when the CMS changes again. The target is
// held against its signed manifest first and put back from the publisher's copy if it differs.
async function run(): Promise<void> {
  const paths = sitePaths();
  const releases = listReleases(paths.releases);
  const live = liveReleaseId(paths.current);
  const wanted = process.argv[2];
  const target = wanted ? releases.find((r) => r.id === wanted) : releases.filter((r) => live === undefined || r.id < live).at(-1);
  if (!target) {
    console.error(wanted ? `no complete release ${wanted}; kept releases: ${releases.map((r) => r.id).join(', ') || 'none'}` : `no release before the live one (${live ?? 'none'}) is kept`);
    process.exit(1);
  }
  if (!(await verifyTarget(paths, target.id))) process.exit(1);
  switchRelease(paths.current, path.join(paths.releases, target.id));
  console.log(`live release: ${target.id} (built ${target.builtAt}, ${target.pages} pages); was ${live ?? 'none'}`);
  console.log(`kept releases: ${releases.map((r) => (r.id === target.id ? `${r.id} ← live` : r.id)).join('\n               ')}`);
}

// Releases made before manifests were signed (no manifest anywhere) are switched unchecked.
async function verifyTarget(paths: ReturnType<typeof sitePaths>, id: string): Promise<boolean> {
  const dir = path.join(paths.releases, id);
  if (!fs.existsSync(paths.publicKey) || (!fs.existsSync(trustedManifestFiles(paths, id).manifest) && !fs.existsSync(path.join(dir, MANIFEST_FILE)))) {
    console.error(`release ${id} has no signed manifest (made before releases were signed); switching unchecked`);
    return true;
  }
  const publicKey = loadPublicKey(paths.publicKey);
  const first = await checkReleaseIntegrity(dir, id, publicKey, paths);
  if (first.report.ok) return true;
  const { changed, added, missing, problem } = first.report;
  console.error(`release ${id} differs from its signed manifest${problem ? `: ${problem}` : ''}`);
  for (const f of [...changed, ...added, ...missing]) console.error(`  ${f}`);
  await restoreReleaseFiles(dir, first, paths);
  const again = (await checkReleaseIntegrity(dir, id, publicKey, paths)).report;
  if (again.ok) console.error('restored from the publisher\'s signed copy');
  else console.error(`could not restore it (${again.problem ?? [...again.changed, ...again.missing].join(', ')}); not switching`);
  return again.ok;
}

await run();
