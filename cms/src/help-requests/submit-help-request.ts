import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { helpRequestMessages as m } from '../domain/vocabulary';
import { clientHash } from './client-hash';
import { checkFormToken } from './form-token';
import { helpFormSecret } from './help-form-secret';
import { helpRequestSettings } from './help-request-settings';
import { answerAccepted, answerRefused } from './respond-to-submitter';
import type { SubmissionContext } from './submission-context';
import { validateSubmission, type HelpSubmission } from './validate-submission';

const UID = 'api::help-request.help-request';
export const HONEYPOT_FIELD = 'website';

// Same token, same words: the same submission sent again (a double click, a reload of the
// result, a replayed capture). Keyed, so the stored value reveals nothing about the text.
function fingerprintOf(token: string, s: HelpSubmission): string {
  return crypto.createHmac('sha256', helpFormSecret()).update(JSON.stringify([token, s.name, s.contact, s.kind, s.description])).digest('hex').slice(0, 48);
}

// The public form's submission, after the guard middleware has checked rate, type and size:
// honeypot, form token, fields, duplicate — then stored privately as "new".
export async function submitHelpRequest(strapi: Core.Strapi, ctx: SubmissionContext): Promise<void> {
  const body = (ctx.request.body && typeof ctx.request.body === 'object' ? ctx.request.body : {}) as Record<string, unknown>;
  const settings = helpRequestSettings();

  // 1. A field no person sees was filled in: a robot, or an autofill gone wrong — refused, and said why.
  if (typeof body[HONEYPOT_FIELD] === 'string' && body[HONEYPOT_FIELD].trim() !== '') {
    return answerRefused(ctx, 400, [{ field: HONEYPOT_FIELD, message: m.honeypot }], body);
  }

  // 2. The form must come from a recent build of this portal.
  const token = checkFormToken(helpFormSecret(), body.formToken, settings.tokenMaxAgeMs);
  if (token !== 'valid') {
    const message = token === 'missing' ? m.tokenMissing : token === 'expired' ? m.tokenExpired : m.tokenInvalid;
    return answerRefused(ctx, token === 'missing' ? 400 : 403, [{ field: 'formToken', message }], body);
  }

  // 3. Every field, with a Chinese message per problem.
  const { submission, errors } = validateSubmission(body);
  if (errors.length) return answerRefused(ctx, 422, errors, body);

  // 4. The identical submission with the same token was already stored.
  const fingerprint = fingerprintOf(String(body.formToken), submission);
  const existing = await strapi.db.query(UID).findOne({ select: ['id'], where: { fingerprint } });
  if (existing) return answerRefused(ctx, 409, [{ field: '', message: m.duplicate }], body, true);

  try {
    await strapi.documents(UID).create({
      data: { ...submission, handlingStatus: 'new', submittedAt: new Date().toISOString(), clientHash: clientHash(ctx.ip), fingerprint },
    });
  } catch (error) {
    strapi.log.error(`[shequ] a help request could not be saved: ${(error as Error).message}`);
    return answerRefused(ctx, 503, [{ field: '', message: m.saveFailed }], body);
  }
  strapi.log.info(`[shequ] help request received (${submission.kind})`);
  answerAccepted(ctx);
}
