import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretMatches, verifyAndReceive, type StrapiEvent } from '../../scripts/publisher/verify-and-receive.ts';

const SECRET = 'correct-horse-battery-staple';

describe('the webhook receiver', () => {
  const received: StrapiEvent[] = [];
  let url = '';
  let server: http.Server;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      // As the publisher answers: every connection closed after its answer.
      res.setHeader('connection', 'close');
      void verifyAndReceive(req, res, { secret: SECRET, maxBodyBytes: 1024, onEvent: (e) => received.push(e) });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/strapi`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const post = (body: string, headers: Record<string, string>) => fetch(url, { method: 'POST', body, headers });
  const good = JSON.stringify({ event: 'entry.publish', model: 'article', entry: { documentId: 'abc' } });

  it('accepts a well-formed event with the right secret with 202 and hands it on', async () => {
    const before = received.length;
    const r = await post(good, { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' });
    expect(r.status).toBe(202);
    expect(received.length).toBe(before + 1);
    expect(received.at(-1)).toMatchObject({ event: 'entry.publish', model: 'article', entry: { documentId: 'abc' } });
  });

  it('answers 401 to a missing or wrong secret without handing anything on', async () => {
    const before = received.length;
    expect((await post(good, { 'content-type': 'application/json' })).status).toBe(401);
    expect((await post(good, { authorization: 'Bearer wrong', 'content-type': 'application/json' })).status).toBe(401);
    expect((await post(good, { authorization: SECRET, 'content-type': 'application/json' })).status).toBe(401);
    expect(received.length).toBe(before);
  });

  it('answers 415 to a body that is not JSON by type', async () => {
    expect((await post(good, { authorization: `Bearer ${SECRET}`, 'content-type': 'text/plain' })).status).toBe(415);
  });

  it('answers 413 to a body over the limit', async () => {
    const big = JSON.stringify({ event: 'entry.update', pad: 'x'.repeat(4000) });
    expect((await post(big, { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' })).status).toBe(413);
  });

  it('answers a sender still writing its body with the status, not a broken connection', async () => {
    // A body that arrives in pieces over half a second: refused on its headers, answered when it ends.
    const slowBody = () => {
      let sent = 0;
      return new ReadableStream<Uint8Array>({
        async pull(controller) {
          await new Promise((r) => setTimeout(r, 25));
          if (sent++ === 20) return controller.close();
          controller.enqueue(new TextEncoder().encode('x'.repeat(64 * 1024)));
        },
      });
    };
    const send = (headers: Record<string, string>) => fetch(url, { method: 'POST', body: slowBody(), headers, duplex: 'half' } as RequestInit);
    expect((await send({ authorization: 'Bearer wrong', 'content-type': 'application/json' })).status).toBe(401);
    expect((await send({ authorization: `Bearer ${SECRET}`, 'content-type': 'text/plain' })).status).toBe(415);
    expect((await send({ authorization: `Bearer ${SECRET}`, 'content-type': 'application/json', 'content-length': String(20 * 64 * 1024) })).status).toBe(413);
  });

  it('answers 400 to malformed JSON and to JSON that is not a Strapi event', async () => {
    const h = { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' };
    expect((await post('{not json', h)).status).toBe(400);
    expect((await post(JSON.stringify({ hello: 'world' }), h)).status).toBe(400);
    expect((await post(JSON.stringify({ event: 'rm -rf' }), h)).status).toBe(400);
  });

  it('compares secrets exactly', () => {
    expect(secretMatches(`Bearer ${SECRET}`, SECRET)).toBe(true);
    expect(secretMatches(`Bearer ${SECRET}x`, SECRET)).toBe(false);
    expect(secretMatches('Bearer ', '')).toBe(false);
    expect(secretMatches(undefined, SECRET)).toBe(false);
  });
});
