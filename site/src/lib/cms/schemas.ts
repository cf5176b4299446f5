import { z } from 'zod';

// The shape the site accepts from the CMS. Types are derived from these schemas; nothing
// else describes CMS data. Enumerations mirror the CMS content model (cms/src/api/*/schema.json).

export const channelValues = ['central_policy', 'station_news', 'local_news', 'community_news', 'model_community'] as const;
export const serviceFocusValues = ['empty_nest_elderly', 'minors', 'vulnerable_groups', 'disability_assistance', 'other'] as const;
export const serviceTypeValues = [
  'daily_companionship', 'counselling', 'shopping_errands', 'medical_aid', 'tutoring', 'safety_training',
  'legal_aid', 'culture_sports', 'pairing_support', 'holiday_camp', 'after_school', 'housework_help', 'other',
] as const;
export const teamKindValues = ['party_member', 'police', 'teacher', 'medical', 'enterprise', 'youth', 'women', 'property', 'other'] as const;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');
// Control characters (tab and line breaks aside) are invisible, and neither HTML nor the XML of
// feeds and sitemaps can carry them: a stray one would make a whole feed unreadable. They are
// removed from every plain-text field here; the text itself is kept and escaped where shown.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/g;
const plainText = z.string().transform((v) => v.replace(CONTROL, ''));
const requiredText = z.string().min(1).transform((v) => v.replace(CONTROL, ''));
const optionalText = plainText.nullish().transform((v) => v ?? '');

// Strapi's rich text ("blocks"): a tree of typed nodes with text leaves.
export type InlineNode =
  | { type: 'text'; text: string; bold?: boolean; italic?: boolean; underline?: boolean; strikethrough?: boolean; code?: boolean }
  | { type: 'link'; url: string; children: InlineNode[] };
export type Block =
  | { type: 'paragraph'; children: InlineNode[] }
  | { type: 'heading'; level: number; children: InlineNode[] }
  | { type: 'quote'; children: InlineNode[] }
  | { type: 'code'; children: InlineNode[] }
  | { type: 'list'; format: 'ordered' | 'unordered'; children: ListItem[] }
  | { type: 'image'; image: { url: string; alternativeText?: string | null; width?: number | null; height?: number | null } };
export type ListItem = { type: 'list-item'; children: InlineNode[] } | Extract<Block, { type: 'list' }>;

const inlineNode: z.ZodType<InlineNode> = z.lazy(() =>
  z.union([
    z.object({
      type: z.literal('text'), text: z.string(),
      bold: z.boolean().optional(), italic: z.boolean().optional(), underline: z.boolean().optional(),
      strikethrough: z.boolean().optional(), code: z.boolean().optional(),
    }),
    z.object({ type: z.literal('link'), url: z.string(), children: z.array(inlineNode) }),
  ]),
);
const listBlock: z.ZodType<Extract<Block, { type: 'list' }>> = z.lazy(() =>
  z.object({
    type: z.literal('list'),
    format: z.enum(['ordered', 'unordered']),
    children: z.array(z.union([z.object({ type: z.literal('list-item'), children: z.array(inlineNode) }), listBlock])),
  }),
);
export const blockSchema: z.ZodType<Block> = z.union([
  z.object({ type: z.literal('paragraph'), children: z.array(inlineNode) }),
  z.object({ type: z.literal('heading'), level: z.number().int().min(1).max(6), children: z.array(inlineNode) }),
  z.object({ type: z.literal('quote'), children: z.array(inlineNode) }),
  z.object({ type: z.literal('code'), children: z.array(inlineNode) }),
  listBlock,
  z.object({
    type: z.literal('image'),
    image: z.object({ url: z.string(), alternativeText: z.string().nullish(), width: z.number().nullish(), height: z.number().nullish() }),
  }),
]);
const blocks = z.array(blockSchema).nullish().transform((v) => v ?? []);

const media = z.object({
  url: z.string(),
  alternativeText: plainText.nullish(),
  width: z.number().nullish(),
  height: z.number().nullish(),
});
const ref = z.object({ documentId: z.string() });

export const articleSchema = z.object({
  documentId: z.string(),
  title: requiredText,
  slug: z.string().regex(/^[a-z0-9-]+$/, 'expected a URL-safe slug'),
  summary: optionalText,
  body: blocks,
  channel: z.enum(channelValues),
  cover: media.nullish(),
  editorialDate: isoDate,
  source: optionalText,
  author: optionalText,
  // The CMS stores a province as an enumeration value "cn_42"; the site uses the code "42".
  province: z.string().regex(/^cn_\d{2}$/, 'expected a province value like cn_42').nullish().transform((v) => (v ? v.slice(3) : null)),
  community: ref.nullish(),
  tags: plainText.nullish().transform((v) => (v ? v.split(',').filter(Boolean) : [])),
  updatedAt: z.string(),
});
export type Article = z.output<typeof articleSchema>;

export const communitySchema = z.object({
  documentId: z.string(),
  name: requiredText,
  slug: z.string().regex(/^[a-z0-9-]+$/, 'expected a URL-safe slug'),
  divisionCode: z.string().regex(/^\d{12}$/, 'expected a 12-digit division code'),
  provinceCode: z.string().regex(/^\d{2}$/),
  provinceName: plainText,
  cityName: optionalText,
  districtName: optionalText,
  streetName: optionalText,
  address: optionalText,
  isLiaisonPoint: z.boolean().nullish().transform((v) => v ?? false),
  joinedOn: isoDate.nullish(),
  liaisonOfficer: z.object({ name: optionalText, role: optionalText, phone: optionalText }).nullish(),
  stationName: optionalText,
  volunteerTeams: z.array(z.object({ name: plainText, kind: z.enum(teamKindValues), membersCount: z.number().int().nullish() })).nullish().transform((v) => v ?? []),
  propertyCompany: optionalText,
  introduction: blocks,
  photos: z.array(media).nullish().transform((v) => v ?? []),
  latitude: z.number().nullish(),
  longitude: z.number().nullish(),
  updatedAt: z.string(),
});
export type Community = z.output<typeof communitySchema>;

export const ledgerSchema = z.object({
  documentId: z.string(),
  title: requiredText,
  community: ref.nullable(),
  activityDate: isoDate,
  serviceFocus: z.enum(serviceFocusValues),
  serviceTypes: z.array(z.object({ kind: z.enum(serviceTypeValues) })).nullish().transform((v) => (v ?? []).map((x) => x.kind)),
  teamTypes: z.array(z.object({ kind: z.enum(teamKindValues) })).nullish().transform((v) => (v ?? []).map((x) => x.kind)),
  volunteersCount: z.number().int().min(0).nullish().transform((v) => v ?? 0),
  peopleServed: z.number().int().min(0).nullish().transform((v) => v ?? 0),
  serviceHours: z.number().min(0).nullish().transform((v) => v ?? 0),
  place: optionalText,
  description: blocks,
  photos: z.array(media).nullish().transform((v) => v ?? []),
  updatedAt: z.string(),
});
export type Ledger = z.output<typeof ledgerSchema>;

export const pageSchema = z.object({
  documentId: z.string(),
  title: requiredText,
  slug: z.string().regex(/^[a-z0-9-]+$/),
  summary: optionalText,
  body: blocks,
  updatedAt: z.string(),
});
export type Page = z.output<typeof pageSchema>;

export const pageInfoSchema = z.object({
  page: z.number().int(),
  pageSize: z.number().int(),
  pageCount: z.number().int(),
  total: z.number().int(),
});
export type PageInfo = z.output<typeof pageInfoSchema>;

// ── The online gala (社区网络春晚) ─────────────────────────────────────────────────────────
export const galaKindValues = ['song', 'dance', 'opera', 'recital', 'skit', 'other'] as const;

export const galaEditionSchema = z.object({
  documentId: z.string(),
  year: z.number().int().min(2000).max(2100),
  theme: optionalText,
  startDate: isoDate.nullish(),
  endDate: isoDate.nullish(),
  introduction: blocks,
  updatedAt: z.string(),
});
export type GalaEdition = z.output<typeof galaEditionSchema>;

export const galaVenueSchema = z.object({
  documentId: z.string(),
  name: z.string().min(1),
  // Null when the edition is not published; such venues and programmes are left out (join-gala.ts).
  edition: ref.nullable(),
  province: z.string().regex(/^cn_\d{2}$/, 'expected a province value like cn_42').nullish().transform((v) => (v ? v.slice(3) : null)),
  hostCommunity: ref.nullish(),
  updatedAt: z.string(),
});
export type GalaVenue = z.output<typeof galaVenueSchema>;

// Uploaded video files are whatever the media library holds; only their URL and type matter here.
const videoFile = z.object({ url: z.string(), mime: z.string().nullish(), alternativeText: z.string().nullish() });
const httpUrl = z.string().trim().regex(/^https?:\/\/[^\s]+$/i, 'expected an http(s) address');

export const galaProgrammeSchema = z.object({
  documentId: z.string(),
  title: z.string().min(1),
  kind: z.enum(galaKindValues),
  edition: ref.nullable(),
  venue: ref.nullish(),
  community: ref.nullish(),
  durationMinutes: z.number().gt(0).max(60),
  performersCount: z.number().int().min(1),
  videoUrl: httpUrl.nullish().transform((v) => v || null),
  video: videoFile.nullish(),
  description: optionalText,
  updatedAt: z.string(),
});
export type GalaProgramme = z.output<typeof galaProgrammeSchema>;

// ─── Help requests (求助) ───────────────────────────────────────────────────────────────
// The site never sees a help request, only a form token for its form and counts.
export const helpKindValues = ['elderly', 'minors', 'disability', 'hardship', 'other'] as const;
export type HelpKind = (typeof helpKindValues)[number];
const helpCount = z.object({ key: z.string(), received: z.number().int().min(0), resolved: z.number().int().min(0) });
export const helpDeskSchema = z.object({
  helpFormToken: z.object({ token: z.string().regex(/^v1\.[0-9a-z]+\.[\w-]+\.[\w-]+$/, 'expected a v1 form token'), expiresAt: z.string() }),
  helpRequestFigures: z.object({
    asOf: isoDate,
    received: z.number().int().min(0),
    resolved: z.number().int().min(0),
    resolutionRate: z.number().min(0).max(1),
    byMonth: z.array(helpCount.extend({ key: z.string().regex(/^\d{4}-\d{2}$/, 'expected a month YYYY-MM') })),
    byKind: z.array(helpCount.extend({ key: z.enum(helpKindValues) })),
  }),
});
export type HelpDesk = z.output<typeof helpDeskSchema>;
