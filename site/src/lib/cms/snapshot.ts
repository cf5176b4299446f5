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

export function forgetSiteSnapshot(): void {
  cached = undefined;
}

// SHEQU_SITE_SNAPSHOT_OUT: a full build writes the raw answers it read, in the format above, so
// that the publisher's warm renderer (SHEQU_SITE_SNAPSHOT = that file) starts from exactly the
// data of the release. Written once every part has been read (atomically: temp file, rename).
const PARTS = Symbol.for('shequ.snapshotParts');
export function recordSnapshotPart(part: SnapshotField | 'helpDesk', value: unknown, env: NodeJS.ProcessEnv = process.env): void {
  const file = env.SHEQU_SITE_SNAPSHOT_OUT;
  if (!file) return;
  const g = globalThis as unknown as Record<symbol, Map<string, unknown> | undefined>;
  const parts = (g[PARTS] ??= new Map());
  if (parts.has(part)) return;
  parts.set(part, value);
  if (![...SNAPSHOT_FIELDS, 'helpDesk'].every((p) => parts.has(p))) return;
  const snapshot = Object.fromEntries([...SNAPSHOT_FIELDS, 'helpDesk'].map((p) => [p, parts.get(p)]));
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(snapshot));
  fs.renameSync(temp, file);
}
