import type { Core } from '@strapi/strapi';
import { helpRequestMessages as m } from '../domain/vocabulary';
import { clientHash } from '../help-requests/client-hash';
import { helpRequestSettings } from '../help-requests/help-request-settings';
import { createRateLimiter } from '../help-requests/rate-limiter';
import { answerRefused } from '../help-requests/respond-to-submitter';
import type { SubmissionContext } from '../help-requests/submission-context';

export const SUBMIT_PATH = '/api/help-requests/submit';

const limiter = createRateLimiter(
  () => helpRequestSettings().rateLimit,
  () => helpRequestSettings().rateWindowMs,
);

// Runs before strapi::body (config/middlewares.ts), so the public form's receiver verifies
// before anything is parsed: the address's rate first (every attempt counts), then the content
// type, then the declared length. Everything else passes through untouched.
export default (_config: unknown, _context: { strapi: Core.Strapi }) =>
  async (ctx: SubmissionContext, next: () => Promise<void>) => {
    if (ctx.method !== 'POST' || ctx.path !== SUBMIT_PATH) return next();
    const settings = helpRequestSettings();
    if (!limiter.allow(clientHash(ctx.ip))) {
      ctx.set('retry-after', String(Math.ceil(settings.rateWindowMs / 1000)));
      return answerRefused(ctx, 429, [{ field: '', message: m.tooMany }]);
    }
    if (!ctx.request.is('application/x-www-form-urlencoded', 'application/json')) {
      return answerRefused(ctx, 415, [{ field: '', message: m.wrongType }]);
    }
    const declared = ctx.get('content-length');
    if (!/^\d+$/.test(declared)) return answerRefused(ctx, 411, [{ field: '', message: m.lengthRequired }]);
    if (Number(declared) > settings.maxBodyBytes) return answerRefused(ctx, 413, [{ field: '', message: m.tooLarge }]);
    return next();
  };
