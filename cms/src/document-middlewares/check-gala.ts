import type { Core, UID } from '@strapi/strapi';
import { fieldLabels, GALA_EDITION, GALA_PROGRAMME, GALA_VENUE, galaKinds, galaMessages, enumLabels } from '../domain/vocabulary';

// The online gala's own rules, called by validate-content for its three types: sane years,
// ordered dates, durations and performer counts, http(s) video links, kinds from the list, and
// a programme's sub-venue belonging to the programme's own edition. Partial updates are
// judged against the stored draft, so the rules hold whichever fields a write carries.

type Data = Record<string, unknown>;
type Issue = { path: string[]; message: string };
type Ref = { documentId?: string; id?: number };

const label = (uid: string, field: string) => fieldLabels[uid]?.[field] ?? field;
const present = (data: Data, field: string) => field in data && data[field] !== null && data[field] !== undefined && data[field] !== '';

// The target a relation value names, in any form the dashboard, REST or the document service
// sends it: undefined when the write leaves the relation alone, null when it clears it.
export function relationRef(value: unknown): Ref | null | undefined {
  if (value === undefined) return undefined;
  if (value === null || value === '') return null;
  if (typeof value === 'string') return { documentId: value };
  if (typeof value === 'number') return { id: value };
  if (Array.isArray(value)) return value.length ? relationRef(value[value.length - 1]) : null;
  if (typeof value === 'object') {
    const v = value as { connect?: unknown[]; set?: unknown[]; disconnect?: unknown[]; documentId?: unknown; id?: unknown };
    if (typeof v.documentId === 'string') return { documentId: v.documentId };
    if (typeof v.id === 'number' || typeof v.id === 'string') return typeof v.id === 'string' ? { documentId: v.id } : { id: v.id };
    if (Array.isArray(v.set)) return v.set.length ? relationRef(v.set[v.set.length - 1]) : null;
    if (Array.isArray(v.connect) && v.connect.length) return relationRef(v.connect[v.connect.length - 1]);
    if (Array.isArray(v.disconnect) && v.disconnect.length) return null;
  }
  return undefined;
}

async function documentIdOf(strapi: Core.Strapi, uid: string, ref: Ref): Promise<string | undefined> {
  if (ref.documentId) return ref.documentId;
  const row = await strapi.db.query(uid as UID.Schema).findOne({ select: ['documentId'], where: { id: ref.id } });
  return row?.documentId;
}

// The stored draft of the document being written, with the relations the rules need.
async function storedDraft(strapi: Core.Strapi, uid: string, documentId: string | undefined, populate: Record<string, unknown>): Promise<Data | null> {
  if (!documentId) return null;
  return strapi.db.query(uid as UID.Schema).findOne({ where: { documentId, publishedAt: null }, populate });
}

// The documentId a relation field will point at after this write.
async function relationAfterWrite(strapi: Core.Strapi, target: string, data: Data, field: string, stored: Data | null): Promise<string | null> {
  const ref = relationRef(data[field]);
  if (ref === null) return null;
  if (ref === undefined) return ((stored?.[field] as { documentId?: string } | null)?.documentId) ?? null;
  return (await documentIdOf(strapi, target, ref)) ?? null;
}

function maxYear(today: string): number {
  // Next year's gala is prepared during this year.
  return Number(today.slice(0, 4)) + 1;
}

async function checkEdition(strapi: Core.Strapi, data: Data, documentId: string | undefined, today: string, issues: Issue[]): Promise<void> {
  if (present(data, 'year')) {
    const year = Number(data.year);
    const max = maxYear(today);
    if (Number.isInteger(year) && (year < 2012 || year > max)) issues.push({ path: ['year'], message: galaMessages.yearRange(label(GALA_EDITION, 'year'), max) });
    else if (Number.isInteger(year)) {
      const other = await strapi.db.query(GALA_EDITION).findOne({ select: ['id'], where: { year, ...(documentId ? { documentId: { $ne: documentId } } : {}) } });
      if (other) issues.push({ path: ['year'], message: galaMessages.yearTaken(year) });
    }
  }
  if ('startDate' in data || 'endDate' in data) {
    const stored = await storedDraft(strapi, GALA_EDITION, documentId, {});
    const start = String(('startDate' in data ? data.startDate : stored?.startDate) ?? '').slice(0, 10);
    const end = String(('endDate' in data ? data.endDate : stored?.endDate) ?? '').slice(0, 10);
    if (start && end && start > end) issues.push({ path: ['endDate'], message: galaMessages.datesOrder(label(GALA_EDITION, 'startDate'), label(GALA_EDITION, 'endDate')) });
  }
}

// A venue moved to another edition would leave its programmes in the old one.
async function checkVenue(strapi: Core.Strapi, data: Data, documentId: string | undefined, issues: Issue[]): Promise<void> {
  if (!documentId || relationRef(data.edition) === undefined) return;
  const edition = await relationAfterWrite(strapi, GALA_EDITION, data, 'edition', null);
  if (!edition) return;
  const programmes = await strapi.db.query(GALA_PROGRAMME).findMany({
    select: ['id'],
    where: { publishedAt: null, venue: { documentId }, edition: { documentId: { $ne: edition } } },
  });
  if (programmes.length) issues.push({ path: ['edition'], message: galaMessages.venueHasOtherProgrammes(programmes.length) });
}

function checkProgrammeFields(data: Data, issues: Issue[]): void {
  if (present(data, 'durationMinutes')) {
    const n = Number(data.durationMinutes);
    // Negative numbers already got the general message.
    if (Number.isFinite(n) && (n === 0 || n > 60)) issues.push({ path: ['durationMinutes'], message: galaMessages.durationRange(label(GALA_PROGRAMME, 'durationMinutes')) });
  }
  if (present(data, 'performersCount')) {
    const n = Number(data.performersCount);
    if (Number.isFinite(n) && n >= 0 && n < 1) issues.push({ path: ['performersCount'], message: galaMessages.performersMin(label(GALA_PROGRAMME, 'performersCount')) });
  }
  if (present(data, 'kind') && !(galaKinds as readonly unknown[]).includes(data.kind)) {
    issues.push({ path: ['kind'], message: galaMessages.notInList(label(GALA_PROGRAMME, 'kind'), galaKinds.map((k) => enumLabels[k])) });
  }
  if (typeof data.videoUrl === 'string') data.videoUrl = data.videoUrl.trim();
  if (present(data, 'videoUrl')) {
    let ok = false;
    try {
      const url = new URL(String(data.videoUrl));
      ok = (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
    } catch {
      ok = false;
    }
    if (!ok) issues.push({ path: ['videoUrl'], message: galaMessages.notHttpUrl(label(GALA_PROGRAMME, 'videoUrl')) });
  }
}

// The programme's venue must belong to the programme's edition; an empty edition follows the venue.
async function checkProgrammeVenue(strapi: Core.Strapi, data: Data, documentId: string | undefined, issues: Issue[]): Promise<void> {
  if (relationRef(data.venue) === undefined && relationRef(data.edition) === undefined) return;
  const stored = await storedDraft(strapi, GALA_PROGRAMME, documentId, { venue: { select: ['documentId'] }, edition: { select: ['documentId'] } });
  const venueId = await relationAfterWrite(strapi, GALA_VENUE, data, 'venue', stored);
  if (!venueId) return;
  const venue = await strapi.db.query(GALA_VENUE).findOne({
    select: ['name'],
    where: { documentId: venueId, publishedAt: null },
    populate: { edition: { select: ['documentId'] } },
  });
  const venueEdition: string | undefined = venue?.edition?.documentId;
  if (!venue || !venueEdition) return;
  const editionId = await relationAfterWrite(strapi, GALA_EDITION, data, 'edition', stored);
  if (!editionId && relationRef(data.edition) !== null) data.edition = venueEdition;
  else if (editionId && editionId !== venueEdition) issues.push({ path: ['venue'], message: galaMessages.venueOtherEdition(venue.name) });
}

export async function checkGalaWrite(strapi: Core.Strapi, uid: string, data: Data, documentId: string | undefined, today: string, issues: Issue[]): Promise<void> {
  if (uid === GALA_EDITION) await checkEdition(strapi, data, documentId, today, issues);
  if (uid === GALA_VENUE) await checkVenue(strapi, data, documentId, issues);
  if (uid === GALA_PROGRAMME) {
    checkProgrammeFields(data, issues);
    await checkProgrammeVenue(strapi, data, documentId, issues);
  }
}

// Publishing needs the relations the site joins on, and re-checks the venue's edition.
export async function checkGalaPublish(strapi: Core.Strapi, uid: string, documentId: string, issues: Issue[]): Promise<void> {
  if (uid === GALA_VENUE) {
    const draft = await storedDraft(strapi, uid, documentId, { edition: { select: ['documentId'] } });
    if (draft && !draft.edition) issues.push({ path: ['edition'], message: galaMessages.needs(galaMessages.venue, label(uid, 'edition')) });
  }
  if (uid === GALA_PROGRAMME) {
    const draft = await storedDraft(strapi, uid, documentId, {
      edition: { select: ['documentId'] },
      community: { select: ['documentId'] },
      venue: { select: ['documentId', 'name'], populate: { edition: { select: ['documentId'] } } },
    });
    if (!draft) return;
    for (const field of ['edition', 'venue', 'community']) {
      if (!draft[field]) issues.push({ path: [field], message: galaMessages.needs(galaMessages.programme, label(uid, field)) });
    }
    const venue = draft.venue as { name: string; edition?: { documentId: string } | null } | null;
    const edition = draft.edition as { documentId: string } | null;
    if (venue?.edition && edition && venue.edition.documentId !== edition.documentId) {
      issues.push({ path: ['venue'], message: galaMessages.venueOtherEdition(venue.name) });
    }
  }
}
