import type { Core, Modules, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { lookupVillage, type DivisionPlace } from '../domain/division-codes';
import { makeSlug, slugPattern } from '../domain/make-slug';
import { fieldLabels, GALA_EDITION, GALA_PROGRAMME, GALA_VENUE, messages } from '../domain/vocabulary';
import { checkGalaPublish, checkGalaWrite } from './check-gala';

// One document-service middleware guards every write of the network's content, whether it
// comes from the dashboard, the REST/GraphQL API or the seeder: it refuses bad input with
// Chinese messages naming the field, derives place names from the division code and fills
// slugs (Strapi does not fill `uid` fields outside the dashboard).

type Data = Record<string, unknown>;
export type Issue = { path: string[]; message: string };

const ARTICLE = 'api::article.article';
const COMMUNITY = 'api::community.community';
const LEDGER = 'api::ledger.ledger';
const PAGE = 'api::page.page';
const HELP = 'api::help-request.help-request';
const GUARDED = new Set<string>([ARTICLE, COMMUNITY, LEDGER, PAGE, GALA_EDITION, GALA_VENUE, GALA_PROGRAMME, HELP]);
const SLUG_SOURCE: Record<string, string> = { [ARTICLE]: 'title', [COMMUNITY]: 'name', [PAGE]: 'title' };
const COUNTS: Record<string, Array<[string, 'integer' | 'decimal']>> = {
  [LEDGER]: [['volunteersCount', 'integer'], ['peopleServed', 'integer'], ['serviceHours', 'decimal']],
  [GALA_EDITION]: [['year', 'integer']],
  [GALA_PROGRAMME]: [['durationMinutes', 'decimal'], ['performersCount', 'integer']],
};
// Fields a published entry must have. Drafts may be incomplete, as everywhere in Strapi 5;
// publishing checks them all, so the editor reads which one is missing in Chinese.
const REQUIRED: Record<string, string[]> = {
  [ARTICLE]: ['title', 'channel', 'editorialDate'],
  [COMMUNITY]: ['name', 'divisionCode'],
  [LEDGER]: ['title', 'activityDate', 'serviceFocus'],
  [PAGE]: ['title'],
  [GALA_EDITION]: ['year'],
  [GALA_VENUE]: ['name', 'province'],
  [GALA_PROGRAMME]: ['title', 'kind', 'durationMinutes', 'performersCount'],
};
// Image fields whose pictures must carry alternative text before publishing (readers using
// screen readers, GB/T 37668); blocks fields are searched for embedded images too.
const MEDIA_FIELDS: Record<string, string[]> = { [ARTICLE]: ['cover'], [COMMUNITY]: ['photos'], [LEDGER]: ['photos'] };
const BLOCKS_FIELDS: Record<string, string[]> = { [ARTICLE]: ['body'], [COMMUNITY]: ['introduction'], [LEDGER]: ['description'], [PAGE]: ['body'], [GALA_EDITION]: ['introduction'] };
const NOT_IN_FUTURE: Record<string, string[]> = { [LEDGER]: ['activityDate'], [ARTICLE]: ['editorialDate'], [HELP]: ['resolvedOn'] };

const label = (uid: string, field: string) => fieldLabels[uid]?.[field] ?? field;

export function todayInChina(now = new Date()): string {
  // Dates in the network are Beijing dates, whatever the server's zone.
  return new Intl.DateTimeFormat('en-CA', { timeZone: process.env.SHEQU_TIMEZONE ?? 'Asia/Shanghai' }).format(now);
}

// True when a relation value as the dashboard, REST or document service sends it names a target.
export function relationIsSet(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return false;
  if (typeof value === 'string' || typeof value === 'number') return true;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') {
    const v = value as { connect?: unknown[]; set?: unknown[]; documentId?: unknown; id?: unknown };
    if (v.documentId !== undefined || v.id !== undefined) return true;
    if (Array.isArray(v.set)) return v.set.length > 0;
    if (Array.isArray(v.connect)) return v.connect.length > 0;
  }
  return false;
}

function relationIsCleared(value: unknown): boolean {
  if (value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object' && value !== null) {
    const v = value as { connect?: unknown[]; set?: unknown[]; disconnect?: unknown[] };
    if (Array.isArray(v.set)) return v.set.length === 0;
    const connects = Array.isArray(v.connect) ? v.connect.length : 0;
    const disconnects = Array.isArray(v.disconnect) ? v.disconnect.length : 0;
    return connects === 0 && disconnects > 0;
  }
  return false;
}

const isEmpty = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

function checkRequired(uid: string, data: Data, issues: Issue[]): void {
  for (const field of REQUIRED[uid] ?? []) {
    if (isEmpty(data[field])) issues.push({ path: [field], message: messages.required(label(uid, field)) });
  }
}

function checkCounts(uid: string, data: Data, issues: Issue[]): void {
  for (const [field, kind] of COUNTS[uid] ?? []) {
    if (!(field in data) || data[field] === null || data[field] === '') continue;
    const n = Number(data[field]);
    if (!Number.isFinite(n)) issues.push({ path: [field], message: messages.notNumber(label(uid, field)) });
    else if (n < 0) issues.push({ path: [field], message: messages.notNegative(label(uid, field)) });
    else if (kind === 'integer' && !Number.isInteger(n)) issues.push({ path: [field], message: messages.notInteger(label(uid, field)) });
  }
}

function checkDates(uid: string, data: Data, issues: Issue[]): void {
  const today = todayInChina();
  for (const field of NOT_IN_FUTURE[uid] ?? []) {
    const v = data[field];
    if (v === undefined || v === null || v === '') continue;
    const s = String(v).slice(0, 10);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(Date.parse(s))) issues.push({ path: [field], message: messages.badDate(label(uid, field)) });
    else if (s > today) issues.push({ path: [field], message: messages.dateInFuture(label(uid, field), today) });
  }
}

async function checkDivisionCode(strapi: Core.Strapi, data: Data, documentId: string | undefined, issues: Issue[]): Promise<void> {
  if (!('divisionCode' in data)) return;
  const code = String(data.divisionCode ?? '').trim();
  if (!code) {
    issues.push({ path: ['divisionCode'], message: messages.required(label(COMMUNITY, 'divisionCode')) });
    return;
  }
  if (!/^\d{12}$/.test(code)) {
    issues.push({ path: ['divisionCode'], message: messages.divisionCodeFormat });
    return;
  }
  const place = lookupVillage(code);
  if (!place) {
    issues.push({ path: ['divisionCode'], message: messages.divisionCodeUnknown(code) });
    return;
  }
  const other = await strapi.db.query(COMMUNITY).findOne({
    select: ['name', 'documentId'],
    where: { divisionCode: code, ...(documentId ? { documentId: { $ne: documentId } } : {}) },
  });
  if (other) {
    issues.push({ path: ['divisionCode'], message: messages.divisionCodeTaken(code, other.name) });
    return;
  }
  Object.assign(data, divisionFields(place));
}

// The place names a community's division code stands for (the bulk seeder fills them the same way).
export function divisionFields(place: DivisionPlace): Data {
  return {
    divisionCode: place.code,
    provinceCode: place.provinceCode,
    provinceName: place.provinceName,
    cityName: place.cityName === '市辖区' || place.cityName === '县' ? place.provinceName : place.cityName,
    districtName: place.districtName,
    streetName: place.streetName,
  };
}

async function fillSlug(strapi: Core.Strapi, uid: string, data: Data, documentId: string | undefined, creating: boolean, issues: Issue[]): Promise<void> {
  const source = SLUG_SOURCE[uid];
  if (!source) return;
  const given = typeof data.slug === 'string' ? data.slug.trim() : '';
  const explicit = given !== '';
  if (!explicit && !creating && !('slug' in data)) return;
  const base = explicit ? given : makeSlug(String(data[source] ?? ''));
  if (explicit && !slugPattern.test(base)) {
    issues.push({ path: ['slug'], message: messages.slugFormat });
    return;
  }
  const taken = async (slug: string) =>
    Boolean(await strapi.db.query(uid as UID.Schema).findOne({ select: ['id'], where: { slug, ...(documentId ? { documentId: { $ne: documentId } } : {}) } }));
  if (explicit) {
    if (await taken(base)) issues.push({ path: ['slug'], message: messages.slugTaken(base) });
    else data.slug = base;
    return;
  }
  // Generated slugs never collide: the second "东湖社区" becomes dong-hu-she-qu-2.
  let slug = base;
  for (let n = 2; await taken(slug); n += 1) slug = `${base}-${n}`;
  data.slug = slug;
}

export function normalizeTags(data: Data): void {
  if (typeof data.tags !== 'string') return;
  data.tags = [...new Set(data.tags.split(/[,，、;；\s]+/).map((t) => t.trim()).filter(Boolean))].join(',');
}

// The problems of a create or update, filling the derived fields into `data` as it goes. The
// ledger import calls it too, for rows it writes in bulk without the document service.
export async function writeIssues(strapi: Core.Strapi, uid: string, data: Data, documentId: string | undefined, creating: boolean): Promise<Issue[]> {
  const issues: Issue[] = [];
  checkCounts(uid, data, issues);
  checkDates(uid, data, issues);
  if (uid === COMMUNITY) {
    if (creating && !('divisionCode' in data)) issues.push({ path: ['divisionCode'], message: messages.required(label(COMMUNITY, 'divisionCode')) });
    await checkDivisionCode(strapi, data, documentId, issues);
  }
  if (uid === ARTICLE) {
    normalizeTags(data);
  }
  if (uid === LEDGER) {
    const missing = creating ? !relationIsSet(data.community) : 'community' in data && relationIsCleared(data.community);
    if (missing) issues.push({ path: ['community'], message: messages.ledgerNeedsCommunity });
  }
  await checkGalaWrite(strapi, uid, data, documentId, todayInChina(), issues);
  if (uid === HELP && data.handlingStatus === 'resolved' && isEmpty(data.resolvedOn)) {
    // Marking a help request resolved dates it, unless the editor gave the date.
    data.resolvedOn = todayInChina();
  }
  await fillSlug(strapi, uid, data, documentId, creating, issues);
  return issues;
}

async function validateWrite(strapi: Core.Strapi, uid: string, data: Data, documentId: string | undefined, creating: boolean): Promise<void> {
  throwIfAny(await writeIssues(strapi, uid, data, documentId, creating));
}

type MediaFile = { name?: string; alternativeText?: string | null };

function imagesInBlocks(nodes: unknown): MediaFile[] {
  if (!Array.isArray(nodes)) return [];
  return nodes.flatMap((n) => {
    const node = n as { type?: string; image?: MediaFile; children?: unknown };
    return [...(node?.type === 'image' && node.image ? [node.image] : []), ...imagesInBlocks(node?.children)];
  });
}

function checkAltText(uid: string, draft: Record<string, unknown>, issues: Issue[]): void {
  const missing = (files: MediaFile[]) => files.filter((f) => !f?.alternativeText || !String(f.alternativeText).trim()).map((f) => f?.name ?? '?');
  for (const field of MEDIA_FIELDS[uid] ?? []) {
    const value = draft[field] as MediaFile | MediaFile[] | null | undefined;
    const names = missing(value ? (Array.isArray(value) ? value : [value]) : []);
    if (names.length) issues.push({ path: [field], message: messages.altTextMissing(label(uid, field), names) });
  }
  for (const field of BLOCKS_FIELDS[uid] ?? []) {
    const names = missing(imagesInBlocks(draft[field]));
    if (names.length) issues.push({ path: [field], message: messages.altTextMissing(label(uid, field), names) });
  }
}

async function validatePublish(strapi: Core.Strapi, uid: string, documentId: string): Promise<void> {
  const populate: Record<string, unknown> = {};
  if (uid === LEDGER) populate.community = { select: ['id'] };
  for (const field of MEDIA_FIELDS[uid] ?? []) populate[field] = { select: ['name', 'alternativeText'] };
  const draft = await strapi.db.query(uid as UID.Schema).findOne({ where: { documentId, publishedAt: null }, populate });
  if (!draft) return;
  throwIfAny(await publishIssues(strapi, uid, draft, documentId));
}

// The problems of publishing `draft` (as stored: relations and media populated as above). The
// ledger import passes a row it is about to write in bulk, before it has a document id.
export async function publishIssues(strapi: Core.Strapi, uid: string, draft: Data, documentId: string | undefined): Promise<Issue[]> {
  const issues: Issue[] = [];
  checkRequired(uid, draft, issues);
  checkAltText(uid, draft, issues);
  if (uid === LEDGER && !draft.community) issues.push({ path: ['community'], message: messages.ledgerNeedsCommunity });
  if (documentId) await checkGalaPublish(strapi, uid, documentId, issues);
  return issues;
}

function throwIfAny(issues: Issue[]): void {
  if (issues.length === 0) return;
  const message = issues.map((i) => i.message).join('；');
  throw new errors.ValidationError(message, {
    errors: issues.map((i) => ({ path: i.path, message: i.message, name: 'ValidationError', value: null })),
  });
}

export function validateContent(strapi: Core.Strapi): Modules.Documents.Middleware.Middleware {
  return async (context, next) => {
    if (!GUARDED.has(context.uid)) return next();
    const params = context.params as { data?: Data; documentId?: string };
    if ((context.action === 'create' || context.action === 'update') && params.data) {
      await validateWrite(strapi, context.uid, params.data, params.documentId, context.action === 'create');
    }
    if (context.action === 'publish' && params.documentId) await validatePublish(strapi, context.uid, params.documentId);
    return next();
  };
}
