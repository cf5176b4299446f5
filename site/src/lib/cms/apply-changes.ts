import { cmsClient } from './client';
import { articleOrder, communityOrder, fetchGalaRecords, fetchPageRecords, ledgerOrder, type SourceRecords } from './index';
import { OPTIONAL } from './optional-fields';
import { parseRecords, type RecordProblem } from './parse-records';
import { ARTICLES_BY_ID, COMMUNITIES_BY_ID, LEDGERS_BY_ID } from './queries';
import { articleSchema, communitySchema, ledgerSchema } from './schemas';

// One change the CMS announced (a webhook's model and document), as the publisher passes it on.
export interface ContentChange {
  model: string;
  documentId?: string;
}

// The models an incremental publish can patch record by record; the small ones (pages, the
// gala) are read again whole; anything else needs a full build.
const PER_RECORD = ['article', 'community', 'ledger'] as const;
const WHOLE = ['page', 'gala-edition', 'gala-venue', 'gala-programme'] as const;
export type PatchableModel = (typeof PER_RECORD)[number];

export function canPatch(change: ContentChange): boolean {
  if ((PER_RECORD as readonly string[]).includes(change.model)) return Boolean(change.documentId);
  return (WHOLE as readonly string[]).includes(change.model);
}

// Reads the published version of each changed record (none: unpublished or deleted) and
// returns the records with those replaced, in the canonical order, plus the problems of the
// records read (a broken record is left out and named, as in a full build).
export async function patchSourceRecords(source: SourceRecords, changes: ContentChange[]): Promise<{ source: SourceRecords; problems: RecordProblem[]; before: ChangedRecords; after: ChangedRecords }> {
  const ids = (model: PatchableModel) => [...new Set(changes.filter((c) => c.model === model && c.documentId).map((c) => c.documentId!))];
  const [articles, communities, ledgers] = await Promise.all([
    fetchByIds(ARTICLES_BY_ID, 'articles', ids('article')).then((r) => parseRecords('article', articleSchema, r, OPTIONAL.article)),
    fetchByIds(COMMUNITIES_BY_ID, 'communities', ids('community')).then((r) => parseRecords('community', communitySchema, r, OPTIONAL.community)),
    fetchByIds(LEDGERS_BY_ID, 'ledgers', ids('ledger')).then((r) => parseRecords('ledger', ledgerSchema, r, OPTIONAL.ledger)),
  ]);
  const wants = (model: string) => changes.some((c) => c.model === model);
  const pages = wants('page') ? await fetchPageRecords() : undefined;
  const gala = WHOLE.some((m) => m.startsWith('gala') && wants(m)) ? await fetchGalaRecords() : undefined;

  const next: SourceRecords = {
    articles: replaceRecords(source.articles, ids('article'), articles.records, articleOrder),
    communities: replaceRecords(source.communities, ids('community'), communities.records, communityOrder),
    ledgers: replaceRecords(source.ledgers, ids('ledger'), ledgers.records, ledgerOrder),
    pages: pages ? pages.records : source.pages,
    galaEditions: gala ? gala.editions.records : source.galaEditions,
    galaVenues: gala ? gala.venues.records : source.galaVenues,
    galaProgrammes: gala ? gala.programmes.records : source.galaProgrammes,
  };
  const problems = [...articles.problems, ...communities.problems, ...ledgers.problems, ...(pages?.problems ?? []), ...(gala ? [...gala.editions.problems, ...gala.venues.problems, ...gala.programmes.problems] : [])];
  // Untouched lists are not walked: replaceRecords keeps them as they were.
  const pickFrom = <T extends { documentId: string }>(list: T[], model: PatchableModel) => {
    const wanted = new Set(ids(model));
    return wanted.size === 0 ? [] : list.filter((r) => wanted.has(r.documentId));
  };
  const pick = (s: SourceRecords): ChangedRecords => ({
    articles: pickFrom(s.articles, 'article'),
    communities: pickFrom(s.communities, 'community'),
    ledgers: pickFrom(s.ledgers, 'ledger'),
  });
  return { source: next, problems, before: pick(source), after: pick(next) };
}

// The versions of the changed records on one side of a change (absent: not published there).
export interface ChangedRecords {
  articles: SourceRecords['articles'];
  communities: SourceRecords['communities'];
  ledgers: SourceRecords['ledgers'];
}

async function fetchByIds(query: string, field: string, ids: string[]): Promise<unknown[]> {
  if (ids.length === 0) return [];
  const out: unknown[] = [];
  // The CMS caps a page at its maxLimit (500 by default); ask in slices below it.
  for (let i = 0; i < ids.length; i += 200) {
    const slice = ids.slice(i, i + 200);
    const data = await cmsClient().request<Record<string, unknown[] | undefined>>(query, { ids: slice, limit: slice.length });
    const nodes = data[field];
    if (!Array.isArray(nodes)) throw new Error(`CMS answered without ${field} for ${slice.length} changed record(s)`);
    out.push(...nodes);
  }
  return out;
}

// The records without the changed ones, with their new versions inserted at their place in
// the order (a sorted merge: the untouched records keep their order, so the result equals a
// fresh fetch sorted the same way).
function replaceRecords<T extends { documentId: string }>(records: T[], changedIds: string[], fresh: T[], order: (a: T, b: T) => number): T[] {
  if (changedIds.length === 0) return records;
  const changed = new Set(changedIds);
  const kept = records.filter((r) => !changed.has(r.documentId));
  const inserts = [...fresh].sort(order);
  if (inserts.length === 0) return kept;
  const out: T[] = [];
  let j = 0;
  for (const r of kept) {
    while (j < inserts.length && order(inserts[j]!, r) < 0) out.push(inserts[j++]!);
    out.push(r);
  }
  while (j < inserts.length) out.push(inserts[j++]!);
  return out;
}
