import path from 'node:path';
import { sitePaths } from '../lib/paths.ts';
import { listReleases } from './read-release.ts';
import { liveReleaseId, switchRelease } from './switch-release.ts';

// `npm run rollback` puts the release before the live one back online; `npm run rollback -- <id>`
// puts any kept release online (a newer one too, to undo a rollback). No rebuild: one link switch.
// The publisher does not undo it: it rebuilds only when the CMS changes again.
function run(): void {
  const paths = sitePaths();
  const releases = listReleases(paths.releases);
  const live = liveReleaseId(paths.current);
  const wanted = process.argv[2];
  const target = wanted ? releases.find((r) => r.id === wanted) : releases.filter((r) => live === undefined || r.id < live).at(-1);
  if (!target) {
    console.error(wanted ? `no complete release ${wanted}; kept releases: ${releases.map((r) => r.id).join(', ') || 'none'}` : `no release before the live one (${live ?? 'none'}) is kept`);
    process.exit(1);
  }
  switchRelease(paths.current, path.join(paths.releases, target.id));
  console.log(`live release: ${target.id} (built ${target.builtAt}, ${target.pages} pages); was ${live ?? 'none'}`);
  console.log(`kept releases: ${releases.map((r) => (r.id === target.id ? `${r.id} ← live` : r.id)).join('\n               ')}`);
}

run();
