import fs from 'node:fs';
import type { PublisherConfig } from './publisher-config.ts';

// A cheap summary of everything published in the CMS: per content type, how many entries are
// published and the latest update time. Any publish, update, unpublish or delete changes it
// (a delete lowers the count; anything else moves the latest time), so comparing it with the
// summary taken when a release was built tells whether the site is behind.

const TYPES = ['articles', 'communities', 'ledgers', 'pages', 'galaEditions', 'galaVenues', 'galaProgrammes'] as const;

export async function fetchCmsFingerprint(config: PublisherConfig): Promise<string> {
  const token = fs.readFileSync(config.buildTokenFile, 'utf8').trim();
  // The help figures' day (Beijing) makes the fingerprint change once a day: a daily rebuild
  // that refreshes the help form's token and counts without rebuilding per submission.
  const query = `{ ${TYPES.map((t) => `${t}: ${t}_connection(sort: "updatedAt:desc", pagination: { pageSize: 1 }) { nodes { updatedAt } pageInfo { total } }`).join(' ')} helpRequestFigures { asOf } }`;
  const res = await fetch(`${config.cmsUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
    signal: AbortSignal.timeout(15_000),
  });
  if (!res.ok) throw new Error(`CMS answered ${res.status} to the change check`);
  type Connection = { nodes: Array<{ updatedAt: string }>; pageInfo: { total: number } };
  const body = (await res.json()) as { data?: Record<(typeof TYPES)[number], Connection> & { helpRequestFigures: { asOf: string } }; errors?: Array<{ message: string }> };
  if (!body.data) throw new Error(`CMS change check failed: ${body.errors?.map((e) => e.message).join('; ') ?? 'no data'}`);
  const data = body.data;
  return [...TYPES.map((t) => `${t}:${data[t].pageInfo.total}:${data[t].nodes[0]?.updatedAt ?? '-'}`), `help:${data.helpRequestFigures.asOf}`].join('|');
}
