import type { Core, Modules } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { securityMessages } from '../domain/vocabulary';
import { PREVIEW_TOKEN_NAME } from '../security/preview-token';

const READS = new Set(['findMany', 'findOne', 'findFirst', 'count']);

type RequestState = {
  route?: { info?: { type?: string } };
  auth?: { strategy?: { name?: string }; credentials?: { name?: string } };
};

// The second line behind the `draft-access` HTTP middleware: whatever way a content-API
// caller reached a read of drafts (a GraphQL persisted query, a route added later), the
// document service refuses it unless the caller is the preview token. The dashboard (admin
// routes), bootstrap code and unauthenticated custom routes are not content-API callers with
// credentials and are not affected.
export function guardDraftReads(strapi: Core.Strapi): Modules.Documents.Middleware.Middleware {
  return async (context, next) => {
    const status = (context.params as { status?: string } | undefined)?.status;
    if (!READS.has(context.action) || status !== 'draft') return next();
    const state = strapi.requestContext.get()?.state as RequestState | undefined;
    if (state?.route?.info?.type !== 'content-api' || !state.auth) return next();
    const isPreview = state.auth.strategy?.name === 'content-api-token' && state.auth.credentials?.name === PREVIEW_TOKEN_NAME;
    if (!isPreview) throw new errors.ForbiddenError(securityMessages.draftsForbidden);
    return next();
  };
}
