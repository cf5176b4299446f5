import type { GraphQLClient } from 'graphql-request';
import { pageInfoSchema } from './schemas';

type Connection = { nodes: unknown[]; pageInfo: unknown };

// Pages through a `*_connection` query until the CMS says there is no more. The page size we
// ask for may be capped by the CMS (graphql maxLimit), so the loop trusts pageInfo, not itself.
export async function fetchAll(client: GraphQLClient, query: string, field: string, pageSize = 200, concurrency = 4, variables: Record<string, unknown> = {}): Promise<unknown[]> {
  const first = await fetchPage(client, query, field, 1, pageSize, variables);
  const info = pageInfoSchema.parse(first.pageInfo);
  const pages: unknown[][] = [first.nodes];
  const rest = Array.from({ length: Math.max(0, info.pageCount - 1) }, (_, i) => i + 2);
  for (let i = 0; i < rest.length; i += concurrency) {
    const batch = await Promise.all(rest.slice(i, i + concurrency).map((p) => fetchPage(client, query, field, p, info.pageSize, variables)));
    for (const b of batch) pages.push(b.nodes);
  }
  const all = pages.flat();
  if (all.length !== info.total) {
    throw new Error(`CMS ${field}: expected ${info.total} records from pageInfo but received ${all.length} (content changed during the build?)`);
  }
  return all;
}

async function fetchPage(client: GraphQLClient, query: string, field: string, page: number, pageSize: number, variables: Record<string, unknown>): Promise<Connection> {
  const data = await client.request<Record<string, Connection | undefined>>(query, { ...variables, page, pageSize });
  const connection = data[field];
  if (!connection || !Array.isArray(connection.nodes)) throw new Error(`CMS answered without ${field}.nodes for page ${page}`);
  return connection;
}
