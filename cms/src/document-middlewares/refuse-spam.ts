import type { Core, Modules, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { LINK_SIGNATURE, linkAllowlist, scanBlocks, scanPlainText, type Finding } from '@shequ/spam-guard';
import { fieldLabels, GALA_EDITION, GALA_PROGRAMME, GALA_VENUE, spamMessages } from '../domain/vocabulary';

// The CMS half of the spam guard: every text and rich-text field of the network's content
// (components included) is scanned on create, update and publish against the reviewed
// signatures in @shequ/spam-guard (scripts/spam-guard/signatures.json). A hit refuses the write
// with a Chinese message naming the field and what was found. The publisher runs the same
// scanner over every built page, so data that bypasses this (an import, a direct database
// write) still cannot go live.

type Data = Record<string, unknown>;
type Issue = { path: string[]; message: string };
type Attribute = { type: string; component?: string; repeatable?: boolean };

const GUARDED = new Set<string>(['api::article.article', 'api::community.community', 'api::ledger.ledger', 'api::page.page', GALA_EDITION, GALA_VENUE, GALA_PROGRAMME]);
const PLAIN_TEXT = new Set(['string', 'text', 'email']);

const label = (uid: string, field: string) => fieldLabels[uid]?.[field] ?? field;
const attributesOf = (strapi: Core.Strapi, uid: string) => (strapi.getModel(uid as UID.Schema)?.attributes ?? {}) as Record<string, Attribute>;

function messageFor(fieldLabel: string, finding: Finding): string {
  return finding.signature === LINK_SIGNATURE ? spamMessages.linkNotAllowed(fieldLabel, finding.excerpt) : spamMessages.spamFound(fieldLabel, finding.description, finding.excerpt);
}

// Scans the fields present in `data` of model `uid`, descending into components.
function scanFields(strapi: Core.Strapi, uid: string, data: Data, allowlist: string[], path: string[], labels: string[], issues: Issue[]): void {
  const attributes = attributesOf(strapi, uid);
  for (const [field, value] of Object.entries(data)) {
    const attribute = attributes[field];
    if (!attribute || value === null || value === undefined) continue;
    const fieldPath = [...path, field];
    const fieldLabel = [...labels, label(uid, field)].join(' · ');
    let findings: Finding[] = [];
    if (PLAIN_TEXT.has(attribute.type) && typeof value === 'string') findings = scanPlainText(value, allowlist);
    else if (attribute.type === 'richtext' && typeof value === 'string') findings = scanPlainText(value, allowlist);
    else if (attribute.type === 'blocks') findings = scanBlocks(value, allowlist);
    else if (attribute.type === 'component' && attribute.component && typeof value === 'object') {
      const items = (Array.isArray(value) ? value : [value]) as unknown[];
      items.forEach((item, i) => {
        if (item && typeof item === 'object') {
          scanFields(strapi, attribute.component!, item as Data, allowlist, attribute.repeatable ? [...fieldPath, String(i)] : fieldPath, [...labels, label(uid, field)], issues);
        }
      });
    }
    // One message per signature and field is enough for the editor to find it.
    const seen = new Set<string>();
    for (const finding of findings) {
      if (seen.has(finding.signature)) continue;
      seen.add(finding.signature);
      issues.push({ path: fieldPath, message: messageFor(fieldLabel, finding) });
    }
  }
}

// What is about to be published: the stored draft with its components.
async function loadDraft(strapi: Core.Strapi, uid: string, documentId: string): Promise<Data | undefined> {
  const populate = Object.fromEntries(Object.entries(attributesOf(strapi, uid)).filter(([, a]) => a.type === 'component').map(([field]) => [field, true]));
  const draft = await strapi.db.query(uid as UID.Schema).findOne({ where: { documentId, publishedAt: null }, populate });
  return draft ?? undefined;
}

export function findSpamIssues(strapi: Core.Strapi, uid: string, data: Data, env: NodeJS.ProcessEnv = process.env): Issue[] {
  const issues: Issue[] = [];
  scanFields(strapi, uid, data, linkAllowlist(env), [], [], issues);
  return issues;
}

function throwIfAny(issues: Issue[]): void {
  if (issues.length === 0) return;
  throw new errors.ValidationError(issues.map((i) => i.message).join('；'), {
    errors: issues.map((i) => ({ path: i.path, message: i.message, name: 'ValidationError', value: null })),
  });
}

export function refuseSpam(strapi: Core.Strapi): Modules.Documents.Middleware.Middleware {
  return async (context, next) => {
    if (!GUARDED.has(context.uid)) return next();
    const params = context.params as { data?: Data; documentId?: string };
    if ((context.action === 'create' || context.action === 'update') && params.data) {
      throwIfAny(findSpamIssues(strapi, context.uid, params.data));
    }
    if (context.action === 'publish' && params.documentId) {
      const draft = await loadDraft(strapi, context.uid, params.documentId);
      if (draft) throwIfAny(findSpamIssues(strapi, context.uid, draft));
    }
    return next();
  };
}
