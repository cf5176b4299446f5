import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForHttp } from '../../scripts/lib/http-wait.ts';
import { repoRoot } from '../../scripts/lib/paths.ts';
import { startProcess, stopAll, type Managed } from '../../scripts/launch/processes.ts';
import { freePort } from '../support/free-port.ts';
import { makeSignedRelease, snapshotFolder, type SignedRelease } from '../support/signed-release.ts';

// The real publisher process, started as `npm start` starts it, over a data folder with a
// signed live release and no CMS reachable (so it never builds on its own): first its periodic
// integrity check against tampering, then its webhook receiver against a few thousand random
// and hostile requests. No Strapi, so this file takes seconds.

const SECRET = 'hardening-test-secret-3f9a1c';
const MAX_BODY = 65_536;

interface Status {
  pending: { reasons: Array<{ event: string; model?: string }> } | null;
  building: unknown;
  integrity: {
    lastCheck: { at: string; releaseId: string; ok: boolean; checked: number } | null;
    lastAlert: { releaseId: string; changed: string[]; added: string[]; missing: string[]; restored: boolean; unrestorable: string[] } | null;
  };
  counters: { eventsAccepted: number; eventsRejected: number; tamperings: number };
}

let release: SignedRelease;
let publisher: Managed;
// The publisher's release.tampered log lines, as JSON.
const tamperLogs: Array<{ changed: string[]; added: string[]; missing: string[]; restored: boolean }> = [];
let port = 0;
let base = '';
const status = async (): Promise<Status> => (await fetch(`${base}/status`)).json() as Promise<Status>;

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v) return v;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(await status().catch(() => 'no status'))}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  release = await makeSignedRelease();
  port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...release.env,
    SHEQU_WEBHOOK_SECRET: SECRET,
    PUBLISHER_PORT: String(port),
    CMS_URL: `http://127.0.0.1:${await freePort()}`, // nothing listens: reconciliation fails quietly, no build starts
    PUBLISHER_VERIFY_MS: '200',
    PUBLISHER_QUIET_MS: '600000', // an accepted event waits, visibly pending
    PUBLISHER_RECONCILE_MS: '600000',
    PUBLISHER_NIGHTLY_HOUR: '', // no nightly build queued in the middle of the test
    PUBLISHER_INCREMENTAL: 'false', // no renderer to bring in step with the fixture release
    PUBLISHER_MAX_BODY_BYTES: String(MAX_BODY),
  };
  publisher = startProcess('publisher', [path.join(repoRoot, 'scripts/publisher/start-publisher.ts')], {
    cwd: repoRoot,
    env,
    quiet: !process.env.SHEQU_TEST_VERBOSE,
    onLine: (line) => {
      if (line.includes('"release.tampered"')) tamperLogs.push(JSON.parse(line));
    },
  });
  await waitForHttp(`${base}/healthz`, { timeoutMs: 60_000 });
});

afterAll(async () => {
  if (publisher) await stopAll([publisher]);
  if (release) fs.rmSync(release.dataDir, { recursive: true, force: true });
});

describe('the publisher guarding the live release', () => {
  it('finds the live release intact on start and says so in /status', async () => {
    const s = await waitFor('a first integrity check', async () => ((await status()).integrity.lastCheck ? status() : undefined));
    expect(s.integrity.lastCheck).toMatchObject({ releaseId: release.id, ok: true });
    expect(s.integrity.lastAlert).toBeNull();
  });

  it('detects files changed, added and removed in the live release, restores them byte for byte and reports them in /status', async () => {
    const original = snapshotFolder(release.dir);
    // Paused, so that one periodic check sees the whole intrusion at once.
    process.kill(publisher.child.pid!, 'SIGSTOP');
    try {
      fs.writeFileSync(path.join(release.dir, 'index.html'), '<h1>被篡改</h1>');
      fs.writeFileSync(path.join(release.dir, 'about/evil.html'), '<script>steal()</script>');
      fs.rmSync(path.join(release.dir, '_astro/elder-mode.abc123.js'));
    } finally {
      process.kill(publisher.child.pid!, 'SIGCONT');
    }
    const s = await waitFor('the release restored after an alert', async () => {
      const now = await status();
      return now.integrity.lastAlert && now.integrity.lastCheck?.ok ? now : undefined;
    });
    // A check running when the publisher was paused may have seen part of the intrusion, and
    // the next check the rest: every file is named across the alerts, each restored.
    expect(s.integrity.lastAlert).toMatchObject({ releaseId: release.id, restored: true, unrestorable: [] });
    expect(s.counters.tamperings).toBe(tamperLogs.length);
    const named = (k: 'changed' | 'added' | 'missing') => tamperLogs.flatMap((l) => l[k]).sort();
    expect({ changed: named('changed'), added: named('added'), missing: named('missing') }).toEqual({ changed: ['index.html'], added: ['about/evil.html'], missing: ['_astro/elder-mode.abc123.js'] });
    expect(tamperLogs.every((l) => l.restored)).toBe(true);
    const restored = snapshotFolder(release.dir);
    expect([...restored.keys()].sort()).toEqual([...original.keys()].sort());
    for (const [rel, bytes] of original) expect(restored.get(rel)?.equals(bytes), rel).toBe(true);
  });
});

// ---- the webhook receiver under fire ------------------------------------------------------

// A seeded generator, so a failing case can be reproduced.
function random(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return {
    int,
    pick: <T>(xs: readonly T[]): T => xs[int(xs.length)],
    bytes: (n: number) => Buffer.from(Array.from({ length: n }, () => int(256))),
    // Printable ASCII only: what an HTTP client can put into a header value.
    text: (n: number) => Array.from({ length: n }, () => String.fromCharCode(32 + int(95))).join(''),
  };
}

interface Shot {
  method?: string;
  headers: Array<[string, string]>;
  body?: Buffer | string;
  chunked?: boolean;
  fresh?: boolean; // a new connection instead of a kept-alive one
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
// One request with exactly these headers (duplicates kept), answered status or 'closed'.
function send(shot: Shot): Promise<number | 'closed'> {
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/hooks/strapi', method: shot.method ?? 'POST', agent: shot.fresh ? false : agent, headers: [['host', `127.0.0.1:${port}`], ...shot.headers].flat() as unknown as http.OutgoingHttpHeaders });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve('closed'));
    if (shot.chunked && shot.body) {
      const body = Buffer.from(shot.body);
      for (let i = 0; i < body.length; i += 8192) req.write(body.subarray(i, i + 8192));
      req.end();
    } else req.end(shot.body);
  });
}

// Raw bytes on a fresh TCP connection; the status line of whatever comes back, or 'closed'.
function sendRaw(bytes: Buffer, options: { thenClose?: boolean } = {}): Promise<number | 'closed'> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    socket.on('connect', () => {
      socket.write(bytes);
      if (options.thenClose) socket.destroy();
    });
    socket.on('data', (d) => {
      answer += d.toString('latin1');
      if (answer.includes('\r\n')) socket.destroy();
    });
    socket.on('close', () => resolve(/^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1] ? Number(/^HTTP\/1\.[01] (\d{3})/.exec(answer)![1]) : 'closed'));
    socket.on('error', () => undefined);
  });
}

async function fire(shots: Array<() => Promise<number | 'closed'>>, concurrency = 16): Promise<Map<string, number>> {
  const tally = new Map<string, number>();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < shots.length) {
        const result = String(await shots[next++]());
        tally.set(result, (tally.get(result) ?? 0) + 1);
      }
    }),
  );
  return tally;
}

const json = (v: unknown) => JSON.stringify(v);
const good = json({ event: 'entry.publish', model: 'article', entry: { documentId: 'abc' } });
const auth = (value: string): [string, string] => ['authorization', value];
const JSON_TYPE: [string, string] = ['content-type', 'application/json'];
const R = random(20261129);

function nearMisses(secret: string): string[] {
  const flip = (i: number) => secret.slice(0, i) + String.fromCharCode(secret.charCodeAt(i) ^ 1) + secret.slice(i + 1);
  return [
    ...Array.from({ length: secret.length }, (_, i) => `Bearer ${flip(i)}`),
    `Bearer ${secret.slice(0, -1)}`,
    `Bearer ${secret}x`,
    `Bearer ${secret.toUpperCase()}`,
    `bearer ${secret}`,
    `BEARER ${secret}`,
    `Bearer  ${secret}`,
    `Bearer\t${secret}`,
    // (Not `Bearer <secret> `: HTTP strips whitespace around a header value, so that is the secret.)
    `Bearer ${secret}.`,
    `Basic ${Buffer.from(`shequ:${secret}`).toString('base64')}`,
    secret,
    `Token ${secret}`,
    'Bearer',
    'Bearer ',
    '',
    `Bearer ${Buffer.from(secret).toString('base64')}`,
    `Bearer ${secret.slice(0, 8)}`,
  ];
}

describe('the webhook receiver under random and hostile requests', () => {
  const counts = { noSecret: 600, nearMiss: 400, badType: 300, badJson: 500, notEvent: 300, oversized: 40, headers: 200, raw: 300, truncated: 150, methods: 60 };
  const total = Object.values(counts).reduce((a, b) => a + b, 0);

  it(`answers 401 to all ${counts.noSecret} requests with random bodies, types and headers but no valid secret`, async () => {
    const tally = await fire(
      Array.from({ length: counts.noSecret }, (_, i) => () => {
        const headers: Array<[string, string]> = [['content-type', R.pick(['application/json', 'text/plain', 'application/octet-stream', R.text(20)])]];
        if (i % 3 === 0) headers.push(auth(`Bearer ${R.text(1 + R.int(60))}`));
        if (i % 5 === 0) headers.push(['x-strapi-event', 'entry.publish']);
        return send({ headers, body: i % 2 ? R.bytes(R.int(4096)) : good });
      }),
    );
    expect(Object.fromEntries(tally)).toEqual({ 401: counts.noSecret });
  });

  it(`answers 401 to all ${counts.nearMiss} requests with near-miss, mangled, misplaced or duplicated secrets`, async () => {
    const misses = nearMisses(SECRET);
    const tally = await fire(
      Array.from({ length: counts.nearMiss }, (_, i) => () => {
        const headers: Array<[string, string]> = [JSON_TYPE, auth(misses[i % misses.length])];
        // A second authorization header, right this time: only the first counts.
        if (i % 4 === 0) headers.push(auth(`Bearer ${SECRET}`));
        if (i % 7 === 0) headers.push(['x-webhook-secret', SECRET], ['cookie', `secret=${SECRET}`]);
        return send({ headers, body: good });
      }),
    );
    expect(Object.fromEntries(tally)).toEqual({ 401: counts.nearMiss });
  });

  it(`answers 415 to all ${counts.badType} requests with the right secret and a body that is not JSON by type`, async () => {
    const types = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', 'application/json-patch+json', 'text/json', 'application/xml', '', 'application/ json', 'json'];
    const tally = await fire(
      Array.from({ length: counts.badType }, (_, i) => () => {
        const headers: Array<[string, string]> = [auth(`Bearer ${SECRET}`)];
        if (types[i % types.length]) headers.push(['content-type', types[i % types.length]]);
        return send({ headers, body: i % 2 ? good : R.bytes(R.int(512)) });
      }),
    );
    expect(Object.fromEntries(tally)).toEqual({ 415: counts.badType });
  });

  it(`answers 400 to all ${counts.badJson} requests with the right secret and malformed JSON`, async () => {
    const bodies = [
      () => R.bytes(1 + R.int(2048)),
      () => good.slice(0, R.int(good.length - 1)),
      () => `${good}}`,
      () => '',
      () => Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d, 0x00]),
      () => '['.repeat(30_000),
      () => `{"event":"entry.publish",${'"a":1,'.repeat(10)}}`,
      () => "{'event':'entry.publish'}",
      () => 'NaN',
      () => '\ufeff{"event":"entry.publish"}',
    ];
    const tally = await fire(Array.from({ length: counts.badJson }, (_, i) => () => send({ headers: [auth(`Bearer ${SECRET}`), JSON_TYPE], body: bodies[i % bodies.length]() })));
    expect(Object.fromEntries(tally)).toEqual({ 400: counts.badJson });
  });

  it(`answers 400 to all ${counts.notEvent} requests with the right secret and JSON that is not a Strapi event, prototype pollution included`, async () => {
    const bodies = [
      '{"__proto__":{"event":"entry.publish"}}',
      '{"constructor":{"prototype":{"event":"entry.publish"}}}',
      '{"__proto__":{"polluted":true},"event":"rm -rf /"}',
      json({ event: 'entry.publish; DROP TABLE' }),
      json({ event: 'admin.login' }),
      json({ event: 'Entry.Publish' }),
      json({ event: 123 }),
      json({ event: ['entry.publish'] }),
      json({ event: { toString: 'entry.publish' } }),
      json({ event: 'entry.publish', entry: 'abc' }),
      json({ event: 'entry.publish', entry: { documentId: 5 } }),
      json({ event: 'entry.publish', model: 42 }),
      json([{ event: 'entry.publish' }]),
      'null',
      'true',
      '"entry.publish"',
      '0',
      '{}',
    ];
    const tally = await fire(Array.from({ length: counts.notEvent }, (_, i) => () => send({ headers: [auth(`Bearer ${SECRET}`), JSON_TYPE], body: bodies[i % bodies.length] })));
    expect(Object.fromEntries(tally)).toEqual({ 400: counts.notEvent });
  });

  it(`answers 413 to all ${counts.oversized} bodies over the limit, declared or chunked`, async () => {
    const big = json({ event: 'entry.update', pad: 'x'.repeat(MAX_BODY) });
    const tally = await fire(
      Array.from({ length: counts.oversized }, (_, i) => () => send({ headers: [auth(`Bearer ${SECRET}`), JSON_TYPE, ...(i % 2 ? [['transfer-encoding', 'chunked'] as [string, string]] : [])], body: big, chunked: i % 2 === 1 })),
      4,
    );
    expect(Object.fromEntries(tally)).toEqual({ 413: counts.oversized });
  });

  it(`survives ${counts.headers} requests with huge, many or duplicated headers: 431 when too large, else judged on the secret`, async () => {
    const tally = await fire(
      Array.from({ length: counts.headers }, (_, i) => () => {
        const kind = i % 4;
        if (kind === 0) return send({ headers: [auth(`Bearer ${SECRET}`), JSON_TYPE, ['x-padding', 'a'.repeat(20_000 + R.int(20_000))]], body: good });
        if (kind === 1) return send({ headers: [JSON_TYPE, ...Array.from({ length: 90 }, (): [string, string] => ['x-dup', R.text(40)])], body: good });
        if (kind === 2) return send({ headers: [auth(`Bearer ${R.text(3000)}`), JSON_TYPE], body: good });
        return send({ headers: [['content-type', 'text/plain'], JSON_TYPE, auth(`Bearer ${SECRET.slice(1)}`)], body: good });
      }),
    );
    // Node answers 431 and closes at once; a client still sending its huge headers may see the
    // reset before the answer. Either way the request was refused before any parsing.
    const refusedForSize = (tally.get('431') ?? 0) + (tally.get('closed') ?? 0);
    tally.delete('431');
    tally.delete('closed');
    expect({ ...Object.fromEntries(tally), refusedForSize }).toEqual({ refusedForSize: counts.headers / 4, 401: (counts.headers / 4) * 3 });
  });

  it(`answers ${counts.raw} connections of raw garbage with 400 (or a closed connection), never a crash`, async () => {
    const lines = [
      () => R.bytes(1 + R.int(1024)),
      () => Buffer.from(`POST /hooks/strapi HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n`),
      () => Buffer.from(`POST /hooks/strapi HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello`),
      () => Buffer.from(`POST /hooks/strapi HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\nzz\r\n`),
      () => Buffer.from(`POST /hooks/strapi HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${SECRET}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\n{}\r\n0\r\n\r\n`),
      () => Buffer.from(`POST /hooks/strapi HTTP/1.1\r\nHo\0st: x\r\n\r\n`),
      () => Buffer.from(`POST /hooks/strapi HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${SECRET}\x00\r\n\r\n`),
      () => Buffer.from('POST /hooks/strapi HTTP/1.1\r\nHost: x\r\n X-Folded: continued\r\n\r\n'),
    ];
    const tally = await fire(Array.from({ length: counts.raw }, (_, i) => () => sendRaw(Buffer.concat([lines[i % lines.length](), Buffer.from('\r\n\r\n')]))));
    const unexpected = [...tally.keys()].filter((k) => !['400', 'closed'].includes(k));
    expect(unexpected, JSON.stringify(Object.fromEntries(tally))).toEqual([]);
  });

  it(`drops ${counts.truncated} truncated and abandoned requests (slow or cut-off headers and bodies) without harm`, async () => {
    const tally = await fire(
      Array.from({ length: counts.truncated }, (_, i) => () => {
        const head = `POST /hooks/strapi HTTP/1.1\r\nHost: x\r\n${i % 2 ? `Authorization: Bearer ${SECRET}\r\n` : ''}Content-Type: application/json\r\nContent-Length: 400\r\n\r\n`;
        const cut = i % 3 === 0 ? head.slice(0, R.int(head.length)) : head + good.slice(0, R.int(good.length));
        return sendRaw(Buffer.from(cut), { thenClose: true });
      }),
    );
    expect(Object.fromEntries(tally)).toEqual({ closed: counts.truncated });
  });

  it(`answers 405 to all ${counts.methods} requests with another method`, async () => {
    const methods = ['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'];
    // A fresh connection each: the server may close a kept-alive one whose request body it
    // refused unread, and a reused socket would then report a reset, not the answer.
    const tally = await fire(Array.from({ length: counts.methods }, (_, i) => () => send({ method: methods[i % 6], fresh: true, headers: [auth(`Bearer ${SECRET}`), JSON_TYPE], body: i % 6 === 0 || i % 6 === 5 ? undefined : good })));
    expect(Object.fromEntries(tally)).toEqual({ 405: counts.methods });
  });

  it(`is still up after all ${total} requests, with no event accepted and no build queued`, async () => {
    expect(publisher.child.exitCode).toBeNull();
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const s = await status();
    expect(s.counters.eventsAccepted).toBe(0);
    expect(s.pending).toBeNull();
    expect(s.building).toBeNull();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('still accepts a real event with the right secret afterwards, and only that one is queued', async () => {
    expect(await send({ headers: [auth(`Bearer ${SECRET}`), JSON_TYPE], body: '{"event":"entry.publish","model":"article","__proto__":{"model":"evil"},"entry":{"documentId":"abc"}}' })).toBe(202);
    const s = await status();
    expect(s.counters.eventsAccepted).toBe(1);
    expect(s.pending?.reasons).toEqual([expect.objectContaining({ event: 'entry.publish', model: 'article' })]);
  });
});
