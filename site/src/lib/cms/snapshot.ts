import fs from 'node:fs';
import { z } from 'zod';

// A local JSON snapshot of what the build reads from the CMS, for the benchmark's baseline
// (`npm run bench`): Astro rendering the same templates without GraphQL, so that the cost of
// data access can be told apart from rendering. Only when SHEQU_SITE_SNAPSHOT names a file;
// unset (always, outside the benchmark) the build reads the CMS as before.
//
// The file holds the raw GraphQL answers: for each `*_connection` field the site queries, the
// array of its nodes (all pages, in order), and `helpDesk`, the data of the HELP_DESK query.
// loadSiteData and loadHelpDesk run the same validation and joining on them as on a live answer.
export const SNAPSHOT_FIELDS = ['articles_connection', 'communities_connection', 'ledgers_connection', 'pages_connection', 'galaEditions_connection', 'galaVenues_connection', 'galaProgrammes_connection'] as const;
export type SnapshotField = (typeof SNAPSHOT_FIELDS)[number];

const snapshotSchema = z.object({
  ...Object.fromEntries(SNAPSHOT_FIELDS.map((f) => [f, z.array(z.unknown())])),
  helpDesk: z.unknown(),
});
export type SiteSnapshot = Record<SnapshotField, unknown[]> & { helpDesk: unknown };

let cached: { file: string; snapshot: SiteSnapshot } | undefined;
export function siteSnapshot(env: NodeJS.ProcessEnv = process.env): SiteSnapshot | undefined {
  const file = env.SHEQU_SITE_SNAPSHOT;
  if (!file) return undefined;
  if (cached?.file === file) return cached.snapshot;
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`SHEQU_SITE_SNAPSHOT ${file} cannot be read as JSON: ${(error as Error).message}`);
  }
  const parsed = snapshotSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`SHEQU_SITE_SNAPSHOT ${file} is not a site snapshot: ${issues}`);
  }
  cached = { file, snapshot: parsed.data as SiteSnapshot };
  return cached.snapshot;
}
