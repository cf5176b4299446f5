import type { Core } from '@strapi/strapi';
import { BULK_READ_TYPES, type BulkReadType } from './bulk-read-types';

/* eslint-disable @typescript-eslint/no-explicit-any -- nexus's builder types are not exported by the plugin */
type Nexus = { objectType: (c: any) => unknown; extendType: (c: any) => unknown; nonNull: (t: any) => unknown; intArg: (c?: any) => unknown };

// `articlesBulk`, `communitiesBulk`, `ledgersBulk`: the published entries of a large collection,
// a page at a time, as JSON nodes in the same shape as the `*_connection` queries' nodes, for
// the site's full build. Same door as GraphQL's own queries: the caller needs the type's `find`
// permission (the build token has it; the Public role has nothing), only published entries are
// read, and the output passes Strapi's content-API sanitizer (private fields never leave).
export function registerBulkReadGraphql(strapi: Core.Strapi): void {
  const extension = strapi.plugin('graphql').service('extension');
  extension.use(({ nexus }: { nexus: Nexus }) => ({
    types: [
      nexus.objectType({
        name: 'BulkPage',
        definition(t: any) {
          t.nonNull.field('nodes', { type: 'JSON' });
          t.nonNull.field('pageInfo', { type: 'Pagination' });
        },
      }),
      nexus.extendType({
        type: 'Query',
        definition(t: any) {
          for (const type of BULK_READ_TYPES) {
            t.nonNull.field(type.field, {
              type: 'BulkPage',
              args: { page: nexus.nonNull(nexus.intArg()), pageSize: nexus.nonNull(nexus.intArg()) },
              resolve: (_parent: unknown, args: { page: number; pageSize: number }, ctx: { state: { auth: unknown } }) => readPage(strapi, type, args, ctx.state.auth),
            });
          }
        },
      }),
    ],
    resolversConfig: Object.fromEntries(BULK_READ_TYPES.map((type) => [`Query.${type.field}`, { auth: { scope: [`${type.uid}.find`] } }])),
  }));
}

async function readPage(strapi: Core.Strapi, type: BulkReadType, args: { page: number; pageSize: number }, auth: unknown) {
  // The plugin's own page limit holds here too; callers trust pageInfo, not the size they asked for.
  const maxLimit = Number(strapi.plugin('graphql').config('maxLimit') ?? 100);
  const pageSize = Math.max(1, Math.min(Math.trunc(args.pageSize) || 1, maxLimit));
  const page = Math.max(1, Math.trunc(args.page) || 1);
  const documents = strapi.documents(type.uid);
  const [entries, total] = await Promise.all([
    // Sorted by the row id: a stable order that the primary key serves without sorting.
    documents.findMany({ status: 'published', fields: type.fields, populate: type.populate, sort: 'id:asc', limit: pageSize, start: (page - 1) * pageSize } as any),
    documents.count({ status: 'published' } as any),
  ]);
  const schema = strapi.getModel(type.uid);
  const nodes = await strapi.contentAPI.sanitize.output(entries, schema, { auth });
  return { nodes: (stripRowIds(nodes) as Array<Record<string, unknown>>).map((n) => withoutFileIds(n, type.media)), pageInfo: { page, pageSize, pageCount: Math.ceil(total / pageSize), total } };
}

function withoutFileIds(node: Record<string, unknown>, media: string[]): Record<string, unknown> {
  for (const field of media) {
    const value = node[field];
    const strip = (f: unknown) => {
      if (f && typeof f === 'object') delete (f as Record<string, unknown>).documentId;
    };
    if (Array.isArray(value)) value.forEach(strip);
    else strip(value);
  }
  return node;
}

// Components come with their row `id`, which GraphQL's node shape does not have.
function stripRowIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripRowIds);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (k !== 'id') out[k] = stripRowIds(v);
    return out;
  }
  return value;
}
