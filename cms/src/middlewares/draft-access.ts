import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { securityMessages } from '../domain/vocabulary';
import { graphqlAsksForDrafts, restAsksForDrafts } from '../security/find-draft-request';
import { isPreviewToken } from '../security/preview-token';
import { readGraphqlBody } from '../security/read-graphql-body';

// Strapi 5 hands drafts to any token that may `find` (REST `?status=draft`, GraphQL
// `status: DRAFT`). Drafts are for the dashboard's preview only, so a content-API request that
// asks for them is answered 403 unless it carries the `shequ-preview` token. The document
// middleware `guard-draft-reads` refuses the same reads again below the HTTP layer.
const draftAccess: Core.MiddlewareFactory = (_config, { strapi }) => async (ctx, next) => {
  // Strapi's router matches paths case-insensitively and with a trailing slash, so compare alike.
  const normalise = (p: string) => p.toLowerCase().replace(/\/{2,}/g, '/').replace(/(.)\/$/, '$1');
  const path = normalise(ctx.path);
  const restPrefix = normalise(strapi.config.get<string>('api.rest.prefix', '/api'));
  const isGraphql = path === normalise(strapi.config.get<string>('plugin::graphql.endpoint', '/graphql'));
  const isRest = path === restPrefix || path.startsWith(`${restPrefix}/`);
  if (!isGraphql && !isRest) return next();

  const query = ctx.query as Record<string, unknown>;
  const asks = isGraphql
    ? graphqlAsksForDrafts(await readGraphqlBody(ctx)) || graphqlAsksForDrafts(query)
    : restAsksForDrafts(query);
  if (!asks || (await isPreviewToken(strapi, ctx.request.header.authorization))) return next();

  if (isGraphql) {
    ctx.status = 403;
    ctx.body = { errors: [{ message: securityMessages.draftsForbidden, extensions: { code: 'FORBIDDEN' } }] };
    return;
  }
  throw new errors.ForbiddenError(securityMessages.draftsForbidden);
};

export default draftAccess;
