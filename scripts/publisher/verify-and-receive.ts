import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';

// Strapi's webhook receiver. It verifies the bearer secret in constant time before reading a
// byte of the body, then answers precisely: 401 bad secret, 415 not JSON, 413 too large,
// 400 malformed, 202 accepted. The build runs later; Strapi waits at most 10 s and never retries.

export const strapiEventSchema = z.object({
  event: z.string().regex(/^(entry|media)\.[a-z-]+$/, 'unknown event name'),
  createdAt: z.string().optional(),
  model: z.string().optional(),
  uid: z.string().optional(),
  entry: z.object({ documentId: z.string().optional(), id: z.union([z.number(), z.string()]).optional() }).passthrough().nullish(),
});
export type StrapiEvent = z.output<typeof strapiEventSchema>;

function reply(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

// An answer decided before the body is read (bad secret, wrong type, declared too large) is
// sent once the sender has finished writing: the publisher closes every connection after its
// answer, and a sender still writing then sees EPIPE instead of the status. The body is
// discarded unread, for at most DRAIN_MS.
const DRAIN_MS = 5000;
function replyUnread(req: IncomingMessage, res: ServerResponse, status: number, body: Record<string, unknown>): Promise<void> {
  return new Promise((resolve) => {
    const send = () => {
      clearTimeout(timer);
      req.off('end', send).off('error', send);
      reply(res, status, body);
      resolve();
    };
    const timer = setTimeout(send, DRAIN_MS);
    req.once('end', send).once('error', send);
    req.resume();
  });
}

export function secretMatches(header: string | undefined, secret: string): boolean {
  const given = /^Bearer (.+)$/.exec(header ?? '')?.[1] ?? '';
  // Compare digests so neither the length nor the content of the secret leaks through timing.
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(secret).digest();
  return crypto.timingSafeEqual(a, b) && given.length > 0;
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function verifyAndReceive(
  req: IncomingMessage,
  res: ServerResponse,
  options: { secret: string; maxBodyBytes: number; onEvent: (event: StrapiEvent) => void },
): Promise<void> {
  if (!secretMatches(req.headers.authorization, options.secret)) {
    return replyUnread(req, res, 401, { error: 'missing or wrong bearer secret' });
  }
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') {
    return replyUnread(req, res, 415, { error: 'expected application/json' });
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > options.maxBodyBytes) {
    return replyUnread(req, res, 413, { error: `body over ${options.maxBodyBytes} bytes` });
  }
  const body = await readBody(req, options.maxBodyBytes);
  if (body === 'too-large') return reply(res, 413, { error: `body over ${options.maxBodyBytes} bytes` });
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return reply(res, 400, { error: 'body is not valid JSON' });
  }
  const parsed = strapiEventSchema.safeParse(json);
  if (!parsed.success) {
    return reply(res, 400, { error: 'not a Strapi webhook event', issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
  }
  options.onEvent(parsed.data);
  return reply(res, 202, { accepted: true });
}
