import type { Core } from '@strapi/strapi';

type Context = Parameters<Core.MiddlewareHandler>[0];

// Strapi's body middleware leaves the GraphQL endpoint alone and the GraphQL plugin parses the
// body later, in its own route, after every global middleware. To look at a GraphQL request
// before it runs, the JSON body is read here (with koa-bodyparser's 1 MB limit) and left on
// ctx.request.body, where the plugin's koa-bodyparser finds it and does not read again.
// Returns undefined for a body that is not JSON (Apollo Server refuses those) and throws on
// malformed or oversized JSON.
export async function readGraphqlBody(ctx: Context, limitBytes = 1024 * 1024): Promise<unknown> {
  const request = ctx.request as Context['request'] & { body?: unknown };
  if (request.body !== undefined) return request.body;
  if (ctx.method !== 'POST' || !ctx.is('json')) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) ctx.throw(413, 'GraphQL request body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    request.body = text.trim() ? JSON.parse(text) : {};
  } catch {
    ctx.throw(400, 'GraphQL request body is not valid JSON');
  }
  return request.body;
}
