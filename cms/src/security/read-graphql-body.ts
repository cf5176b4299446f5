import type { Core } from '@strapi/strapi';

type Context = Parameters<Core.MiddlewareHandler>[0];

// Strapi's body middleware leaves the GraphQL endpoint alone and the GraphQL plugin parses the
// body later, in its own route, after every global middleware. To look at a GraphQL request
// before it runs, the body is read here as the plugin's koa-bodyparser would (JSON types and
// URL-encoded forms, 1 MB) and left on ctx.request.body, where koa-bodyparser finds it and does
// not read again — so what is inspected is exactly what runs. Other bodies are left alone
// (neither parser reads them, and Apollo Server refuses a POST without one); malformed or
// oversized bodies are refused here.
export async function readGraphqlBody(ctx: Context, limitBytes = 1024 * 1024): Promise<unknown> {
  const request = ctx.request as Context['request'] & { body?: unknown };
  if (request.body !== undefined) return request.body;
  const isJson = Boolean(ctx.is('json', '+json', 'application/csp-report'));
  const isForm = Boolean(ctx.is('urlencoded'));
  if (ctx.method !== 'POST' || (!isJson && !isForm)) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) ctx.throw(413, 'GraphQL request body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (isForm) {
    request.body = Object.fromEntries(new URLSearchParams(text));
    return request.body;
  }
  try {
    request.body = text.trim() ? JSON.parse(text) : {};
  } catch {
    ctx.throw(400, 'GraphQL request body is not valid JSON');
  }
  return request.body;
}
