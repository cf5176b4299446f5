import { ClientError, type GraphQLClient } from 'graphql-request';
import type { z } from 'zod';
import { previewClient } from './client';
import { fetchAll } from './fetch-all';
import { OPTIONAL } from './optional-fields';
import { describeProblem, parseRecords } from './parse-records';
import { ARTICLE_NEIGHBOURS, ARTICLE_PREVIEW, COMMUNITY_LEDGERS, COMMUNITY_PREVIEW, LEDGER_PREVIEW, PUBLISHED_COMMUNITY } from './queries';
import { articleSchema, communitySchema, ledgerSchema, type Article, type Community, type Ledger } from './schemas';

// The draft preview's reads: ONE document in the status the dashboard asks for, plus the
// published records its page shows beside it, so the page looks as it will once published.
// Same queries' fields and zod schemas as the build; a draft the site could not show is
// answered with the problems, naming the record and the field.

export type PreviewStatus = 'draft' | 'published';

export type PreviewResult<P> =
  | { found: true; props: P }
  | { found: false; reason: 'missing' }
  | { found: false; reason: 'invalid'; problems: string[] };

export interface ArticlePreviewProps { article: Article; community?: Community; newer?: Article; older?: Article; related: Article[] }
export interface LedgerPreviewProps { ledger: Ledger; community?: Community }
export interface CommunityPreviewProps { community: Community; ledgers: Ledger[] }

type Kind = keyof typeof OPTIONAL;

function parseOne<S extends z.ZodType>(kind: Kind, schema: S, record: unknown): PreviewResult<z.output<S>> {
  if (!record) return { found: false, reason: 'missing' };
  const { records, problems } = parseRecords(kind, schema, [record], OPTIONAL[kind]);
  if (records.length === 0) return { found: false, reason: 'invalid', problems: problems.map(describeProblem) };
  return { found: true, props: records[0]! };
}

// Published records beside the previewed one; a broken one is left out, as the build does.
function parseMany<S extends z.ZodType>(kind: Kind, schema: S, records: unknown[] | null | undefined): Array<z.output<S>> {
  return parseRecords(kind, schema, records ?? [], OPTIONAL[kind]).records;
}

// Drafts may lack fields the CMS requires only on publishing; GraphQL then refuses the whole
// record ("Cannot return null for non-nullable field Article.editorialDate"). Those errors name
// the fields, which is what the editor needs to hear.
async function fetchDraft(client: GraphQLClient, query: string, field: Kind, documentId: string, status: PreviewStatus): Promise<PreviewResult<unknown>> {
  try {
    const data = await client.request<Record<string, unknown>>(query, { documentId, status: status.toUpperCase() });
    return data[field] ? { found: true, props: data[field] } : { found: false, reason: 'missing' };
  } catch (error) {
    const errors = error instanceof ClientError ? error.response.errors ?? [] : [];
    const fields = errors.map((e) => (e.path?.[0] === field && e.path.length > 1 && /null/i.test(e.message) ? e.path.slice(1).join('.') : undefined));
    if (errors.length === 0 || fields.some((f) => f === undefined)) throw error;
    return { found: false, reason: 'invalid', problems: fields.map((f) => `${field} "${documentId}": field "${f}" is empty`) };
  }
}

async function fetchPublishedCommunity(client: GraphQLClient, documentId: string): Promise<Community | undefined> {
  const data = await client.request<{ community: unknown }>(PUBLISHED_COMMUNITY, { documentId });
  return parseMany('community', communitySchema, data.community ? [data.community] : [])[0];
}

// Newest first, ties by id, exactly as the site index orders a channel.
const siteOrder = (a: Article, b: Article) => b.editorialDate.localeCompare(a.editorialDate) || b.documentId.localeCompare(a.documentId);

export async function loadArticlePreview(documentId: string, status: PreviewStatus): Promise<PreviewResult<ArticlePreviewProps>> {
  const client = previewClient();
  const draft = await fetchDraft(client, ARTICLE_PREVIEW, 'article', documentId, status);
  if (!draft.found) return draft;
  const parsed = parseOne('article', articleSchema, draft.props);
  if (!parsed.found) return parsed;
  const article = parsed.props;
  const around = await client.request<{ community?: unknown; sameCommunity?: unknown[]; sameProvince?: unknown[]; newer: unknown[]; older: unknown[] }>(ARTICLE_NEIGHBOURS, {
    documentId,
    channel: article.channel,
    date: article.editorialDate,
    community: article.community?.documentId ?? '',
    withCommunity: Boolean(article.community),
    province: article.province ? `cn_${article.province}` : '',
    withProvince: Boolean(article.province),
  });
  const community = around.community ? parseMany('community', communitySchema, [around.community])[0] : undefined;
  const inChannel = [...parseMany('article', articleSchema, around.newer), ...parseMany('article', articleSchema, around.older), article]
    .filter((a, i, all) => all.findIndex((b) => b.documentId === a.documentId) === i)
    .sort(siteOrder);
  const i = inChannel.indexOf(article);
  // Related: same community first, then same province, then the channel's neighbours; close to
  // the build's bounded neighbour rule (derive/related.ts), which needs the whole site.
  const related = [
    ...(community ? parseMany('article', articleSchema, around.sameCommunity) : []),
    ...parseMany('article', articleSchema, around.sameProvince),
    ...inChannel.slice(Math.max(0, i - 3), i + 4),
  ].filter((a, j, all) => a.documentId !== documentId && all.findIndex((b) => b.documentId === a.documentId) === j).slice(0, 5);
  return {
    found: true,
    props: {
      // A community that is not published cannot be linked, as in the build.
      article: community ? article : { ...article, community: null },
      community,
      newer: inChannel[i - 1],
      older: inChannel[i + 1],
      related,
    },
  };
}

export async function loadLedgerPreview(documentId: string, status: PreviewStatus): Promise<PreviewResult<LedgerPreviewProps>> {
  const client = previewClient();
  const draft = await fetchDraft(client, LEDGER_PREVIEW, 'ledger', documentId, status);
  if (!draft.found) return draft;
  const parsed = parseOne('ledger', ledgerSchema, draft.props);
  if (!parsed.found) return parsed;
  const ledger = parsed.props;
  const community = ledger.community ? await fetchPublishedCommunity(client, ledger.community.documentId) : undefined;
  return { found: true, props: { ledger: community ? ledger : { ...ledger, community: null }, community } };
}

export async function loadCommunityPreview(documentId: string, status: PreviewStatus): Promise<PreviewResult<CommunityPreviewProps>> {
  const client = previewClient();
  const draft = await fetchDraft(client, COMMUNITY_PREVIEW, 'community', documentId, status);
  if (!draft.found) return draft;
  const parsed = parseOne('community', communitySchema, draft.props);
  if (!parsed.found) return parsed;
  const ledgers = parseMany('ledger', ledgerSchema, await fetchAll(client, COMMUNITY_LEDGERS, 'ledgers_connection', 200, 4, { community: documentId }));
  return { found: true, props: { community: parsed.props, ledgers } };
}
