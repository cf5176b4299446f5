import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths.ts';

// Astro writes a static build's server chunks under `<cwd>/.astro/` when the output folder lies
// outside the working directory (a release folder, a test's temporary folder): two builds run
// from site/ at once overwrite each other's chunks and fail ("Cannot find module
// …/.astro/.prerender/chunks/…"). Each build therefore runs in a working folder of its own, with
// the site given as --root, and the folder is removed afterwards. The folder lies inside site/
// (site/.builds/) so that those chunks still find the site's packages in site/node_modules.
export function isolatedBuildFolder(): { cwd: string; remove: () => void } {
  const parent = path.join(repoRoot, 'site', '.builds');
  fs.mkdirSync(parent, { recursive: true });
  const cwd = fs.mkdtempSync(path.join(parent, 'build-'));
  return { cwd, remove: () => fs.rmSync(cwd, { recursive: true, force: true }) };
}
