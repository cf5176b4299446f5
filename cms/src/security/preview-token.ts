import type { Core } from '@strapi/strapi';

// The one API token allowed to read drafts (the dashboard's preview). The site build's token
// and every other caller read published content only.
export const PREVIEW_TOKEN_NAME = 'shequ-preview';

type ContentApiToken = { name?: string; kind?: string | null; expiresAt?: string | null };

// True when the request's bearer key is the live preview token. Looked up the way Strapi's own
// content-API token strategy does (hash of the key), because global middlewares run before
// the route authenticates the caller.
export async function isPreviewToken(strapi: Core.Strapi, authorization: string | undefined, now = new Date()): Promise<boolean> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!match) return false;
  const tokens = strapi.service('admin::api-token-content-api') ?? strapi.service('admin::api-token');
  const token = (await tokens.getByAccessKey(tokens.hash(match[1]))) as ContentApiToken | null;
  if (!token || token.name !== PREVIEW_TOKEN_NAME) return false;
  if (token.kind && token.kind !== 'content-api') return false;
  return !token.expiresAt || new Date(token.expiresAt) > now;
}
