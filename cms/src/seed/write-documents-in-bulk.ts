import type { Core, UID } from '@strapi/strapi';

// Writes published documents straight into Strapi's tables, tens of thousands a second, in
// exactly the shape the document service leaves when an editor creates and publishes an entry:
// a draft row and a published row sharing one document id (Strapi's own cuid2 generator), each
// with its own copies of the components (linked through `<table>_cmps`, repeatable ones ordered
// from 1), and relations linking draft to draft and published to published (the inverse side's
// order counted on per target draft row, and copied to the published link as publishing does). Rows go through Strapi's query engine (`createMany`:
// column names, JSON, dates and defaults as Strapi converts them); the link tables, which have
// no model, through the same transaction's knex. Document-service middlewares do not run:
// callers fill derived fields themselves (see seed-at-scale.ts) and check what the middlewares
// would check (see services/import-ledgers). A document without `publishedAt` is a draft never
// published: one row, as the dashboard's 保存 leaves it.

type Row = Record<string, unknown>;
type Knex = Core.Strapi['db']['connection'];

// A written document: the ids of its two rows (a draft never published has no published row),
// for relations pointing at it.
export interface RowPair {
  documentId: string;
  draftId: number;
  publishedId: number | null;
}

export interface BulkDocument {
  // The data as `strapi.documents(uid).create({ data })` takes it after the middlewares ran;
  // relations name their target by document id; media fields must be empty.
  data: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
  // null: a draft never published, one row only, as an editor's 保存 without 发布 leaves it.
  publishedAt: Date | null;
}

export interface BulkContext {
  trx: Knex;
  // Targets of relations, by document id.
  targets: Map<string, RowPair>;
  reserveIds: (table: string, count: number) => Promise<number>;
  // Inverse-side order counters of link tables, by `table:targetRowId`; targets that already have
  // links must be loaded first (loadInverseOrders), as Strapi counts on from the highest.
  inverseOrder: Map<string, number>;
}

interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
  orderColumnName?: string;
  inverseOrderColumnName?: string;
}
interface ModelAttribute {
  type: string;
  joinTable?: JoinTable;
  default?: unknown;
}

// Batches small enough for SQLite's compound-select limit and PostgreSQL's parameter limit.
const LINK_BATCH = 500;

// Reserves `count` consecutive ids of a table's primary key, as its sequence would hand them out.
export function createIdReserver(strapi: Core.Strapi, trx: Knex): (table: string, count: number) => Promise<number> {
  const next = new Map<string, number>();
  const postgres = strapi.db.dialect.client === 'postgres';
  return async (table, count) => {
    if (postgres) {
      const result = await trx.raw(`select nextval(pg_get_serial_sequence(?, 'id')) as first`, [table]);
      const first = Number(result.rows[0].first);
      if (count > 1) await trx.raw(`select setval(pg_get_serial_sequence(?, 'id'), ?)`, [table, first + count - 1]);
      return first;
    }
    if (!next.has(table)) {
      // SQLite's AUTOINCREMENT never reuses the id of a deleted row: start after both.
      const max = (await trx(table).max({ m: 'id' }).first()) as { m: number | null } | undefined;
      const seq = (await trx('sqlite_sequence').where({ name: table }).first()) as { seq: number } | undefined;
      next.set(table, Math.max(Number(max?.m ?? 0), Number(seq?.seq ?? 0)) + 1);
    }
    const first = next.get(table)!;
    next.set(table, first + count);
    return first;
  };
}

async function insertLinks(trx: Knex, table: string, rows: Row[]): Promise<void> {
  for (let i = 0; i < rows.length; i += LINK_BATCH) await trx(table).insert(rows.slice(i, i + LINK_BATCH));
}

export async function writeDocumentsInBulk(strapi: Core.Strapi, uid: UID.ContentType, documents: BulkDocument[], ctx: BulkContext): Promise<RowPair[]> {
  if (documents.length === 0) return [];
  const schema = strapi.contentType(uid);
  const meta = strapi.db.metadata.get(uid);
  const attributes = meta.attributes as Record<string, ModelAttribute>;
  const fields = Object.entries(schema.attributes) as Array<[string, { type: string; repeatable?: boolean; component?: string }]>;
  const componentFields = fields.filter(([, a]) => a.type === 'component');
  const relationFields = fields.filter(([, a]) => a.type === 'relation');
  const mediaFields = fields.filter(([, a]) => a.type === 'media');
  const makeDocumentId = attributes.documentId.default as () => string;

  const rowCount = documents.reduce((n, doc) => n + (doc.publishedAt ? 2 : 1), 0);
  let nextId = await ctx.reserveIds(meta.tableName, rowCount);
  const rows: Row[] = [];
  const pairs: RowPair[] = [];
  const componentRows = new Map<string, Array<{ row: Row; entityId: number; field: string; order: number | null }>>();
  const linkRows = new Map<string, Row[]>();

  documents.forEach((doc) => {
    const { data } = doc;
    for (const [field] of mediaFields) {
      const v = data[field];
      if (v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0)) throw new Error(`bulk seeding writes no media (${uid}.${field})`);
    }
    const scalars: Row = {};
    for (const [field, a] of fields) if (a.type !== 'component' && a.type !== 'relation' && a.type !== 'media' && field in data) scalars[field] = data[field];
    const draftId = nextId++;
    const pair: RowPair = { documentId: makeDocumentId(), draftId, publishedId: doc.publishedAt ? nextId++ : null };
    pairs.push(pair);
    const versions: Array<[number, Date | null]> = [[pair.draftId, null]];
    if (pair.publishedId !== null) versions.push([pair.publishedId, doc.publishedAt]);
    const draftOrders = new Map<string, number>();
    for (const [rowId, publishedAt] of versions) {
      rows.push({ id: rowId, documentId: pair.documentId, ...scalars, createdAt: doc.createdAt, updatedAt: doc.updatedAt, publishedAt });
      // Each row owns its own copies of the components, as publishing makes them.
      for (const [field, a] of componentFields) {
        const value = data[field];
        const values = (a.repeatable ? (value as Row[] | undefined) ?? [] : value ? [value as Row] : []);
        const list = componentRows.get(a.component!) ?? [];
        values.forEach((row, j) => list.push({ row, entityId: rowId, field, order: a.repeatable ? j + 1 : null }));
        componentRows.set(a.component!, list);
      }
      // Draft rows point at the target's draft row, published rows at its published row.
      for (const [field] of relationFields) {
        const target = data[field];
        if (target === null || target === undefined) continue;
        if (typeof target !== 'string') throw new Error(`bulk seeding links one target by document id (${uid}.${field})`);
        const targetPair = ctx.targets.get(target);
        if (!targetPair) throw new Error(`unknown ${uid}.${field} target ${target}`);
        const targetRowId = publishedAt ? targetPair.publishedId : targetPair.draftId;
        // Publishing links only to the target's published version; an unpublished target has none.
        if (targetRowId === null) continue;
        const jt = attributes[field].joinTable!;
        const link: Row = { [jt.joinColumn.name]: rowId, [jt.inverseJoinColumn.name]: targetRowId };
        if (jt.orderColumnName) link[jt.orderColumnName] = 1;
        if (jt.inverseOrderColumnName) {
          // Connecting counts on from the target's highest order; publishing copies the draft
          // link's order to the published link, whatever the published target already holds.
          let order = publishedAt ? draftOrders.get(field) : undefined;
          if (order === undefined) {
            const key = `${jt.name}:${targetRowId}`;
            order = (ctx.inverseOrder.get(key) ?? 0) + 1;
            ctx.inverseOrder.set(key, order);
          }
          if (!publishedAt) draftOrders.set(field, order);
          link[jt.inverseOrderColumnName] = order;
        }
        if (!linkRows.has(jt.name)) linkRows.set(jt.name, []);
        linkRows.get(jt.name)!.push(link);
      }
    }
  });

  // Main rows, then components with ids of their own and their `_cmps` links, then relations.
  await strapi.db.query(uid).createMany({ data: rows });
  const cmpsRows = new Map<string, Row[]>();
  for (const [componentUid, list] of componentRows) {
    if (list.length === 0) continue;
    const componentMeta = strapi.db.metadata.get(componentUid as UID.Schema);
    const firstId = await ctx.reserveIds(componentMeta.tableName, list.length);
    await strapi.db.query(componentUid as UID.Schema).createMany({ data: list.map((c, k) => ({ ...c.row, id: firstId + k })) });
    list.forEach((c, k) => {
      const jt = attributes[c.field].joinTable!;
      if (!cmpsRows.has(jt.name)) cmpsRows.set(jt.name, []);
      cmpsRows.get(jt.name)!.push({ [jt.joinColumn.name]: c.entityId, [jt.inverseJoinColumn.name]: firstId + k, component_type: componentUid, field: c.field, [jt.orderColumnName ?? 'order']: c.order, sortKey: c.entityId });
    });
  }
  // Strapi writes an entry's component links row by row, field by field; so does this.
  for (const [table, list] of cmpsRows) {
    list.sort((x, y) => Number(x.sortKey) - Number(y.sortKey));
    await insertLinks(ctx.trx, table, list.map(({ sortKey: _, ...link }) => link));
  }
  for (const [table, list] of linkRows) await insertLinks(ctx.trx, table, list);
  return pairs;
}

// The highest inverse-side order each target row already has in the link table of `uid.field`,
// so links added in bulk count on from it as Strapi's own connect does (max + 1).
export async function loadInverseOrders(strapi: Core.Strapi, uid: UID.ContentType, field: string, targetRowIds: number[], ctx: BulkContext): Promise<void> {
  const jt = (strapi.db.metadata.get(uid).attributes as Record<string, ModelAttribute>)[field]?.joinTable;
  if (jt?.inverseOrderColumnName) {
    for (let i = 0; i < targetRowIds.length; i += LINK_BATCH) {
      const found = (await ctx.trx(jt.name)
        .select(jt.inverseJoinColumn.name)
        .max({ max: jt.inverseOrderColumnName })
        .whereIn(jt.inverseJoinColumn.name, targetRowIds.slice(i, i + LINK_BATCH))
        .groupBy(jt.inverseJoinColumn.name)) as Row[];
      for (const row of found) ctx.inverseOrder.set(`${jt.name}:${row[jt.inverseJoinColumn.name]}`, Number(row.max ?? 0));
    }
  }
}
