import fs from 'node:fs';
import { ARTICLES_BULK, COMMUNITIES_BULK, GALA_EDITIONS, GALA_PROGRAMMES, GALA_VENUES, HELP_DESK, LEDGERS_BULK, PAGES } from '../../site/src/lib/cms/queries.ts';

// Step 2: everything the site build reads, over GraphQL with the build token, the way
// site/src/lib/cms/index.ts reads it: the same documents (imported from the site; the three
// large collections through the CMS's bulk queries), the same page size (500, the CMS's
// maxLimit) and 4 pages at a time per type, the four main types together and then the three
// gala types. Timed, and written as the snapshot the baseline build renders from
// (the format site/src/lib/cms/snapshot.ts reads: raw nodes per connection field, helpDesk).
const PAGE_SIZE = 500;
const CONCURRENCY = 4;

interface Connection {
  nodes: unknown[];
  pageInfo: { page: number; pageSize: number; pageCount: number; total: number };
}

export interface SiteRead {
  entries: number;
  seconds: number;
  entriesPerSecond: number;
  snapshot: Record<string, unknown>;
}

function graphqlClient(cmsUrl: string, token: string) {
  return async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const res = await fetch(`${cmsUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as { data?: T; errors?: Array<{ message: string }> };
    if (!res.ok || body.errors?.length || !body.data) throw new Error(`GraphQL HTTP ${res.status}: ${body.errors?.map((e) => e.message).join('; ') ?? 'no data'}`);
    return body.data;
  };
}

async function fetchAllNodes(request: ReturnType<typeof graphqlClient>, query: string, field: string, answer = field): Promise<unknown[]> {
  const page = async (n: number, size: number) => {
    const data = await request<Record<string, Connection>>(query, { page: n, pageSize: size });
    return data[answer]!;
  };
  const first = await page(1, PAGE_SIZE);
  const nodes = [...first.nodes];
  const rest = Array.from({ length: Math.max(0, first.pageInfo.pageCount - 1) }, (_, i) => i + 2);
  for (let i = 0; i < rest.length; i += CONCURRENCY) {
    for (const p of await Promise.all(rest.slice(i, i + CONCURRENCY).map((n) => page(n, first.pageInfo.pageSize)))) nodes.push(...p.nodes);
  }
  if (nodes.length !== first.pageInfo.total) throw new Error(`${field}: pageInfo says ${first.pageInfo.total}, received ${nodes.length}`);
  return nodes;
}

export async function readSiteData(options: { cmsUrl: string; token: string; snapshotFile: string }): Promise<SiteRead> {
  const request = graphqlClient(options.cmsUrl, options.token);
  const started = performance.now();
  const main = await Promise.all(
    ([[ARTICLES_BULK, 'articles_connection', 'articlesBulk'], [COMMUNITIES_BULK, 'communities_connection', 'communitiesBulk'], [LEDGERS_BULK, 'ledgers_connection', 'ledgersBulk'], [PAGES, 'pages_connection', 'pages_connection']] as const).map(async ([q, f, a]) => [f, await fetchAllNodes(request, q, f, a)] as const),
  );
  const gala = await Promise.all(
    ([[GALA_EDITIONS, 'galaEditions_connection'], [GALA_VENUES, 'galaVenues_connection'], [GALA_PROGRAMMES, 'galaProgrammes_connection']] as const).map(async ([q, f]) => [f, await fetchAllNodes(request, q, f)] as const),
  );
  const helpDesk = await request<unknown>(HELP_DESK);
  const seconds = (performance.now() - started) / 1000;
  const snapshot: Record<string, unknown> = { ...Object.fromEntries([...main, ...gala]), helpDesk };
  const entries = [...main, ...gala].reduce((n, [, nodes]) => n + nodes.length, 0);
  fs.writeFileSync(options.snapshotFile, JSON.stringify(snapshot));
  return { entries, seconds, entriesPerSecond: Math.round(entries / seconds), snapshot };
}
