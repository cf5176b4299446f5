import crypto from 'node:crypto';

// A help-form token is issued at site-build time and shared by every reader of that build:
// "v1.<issuedAt ms, base 36>.<random nonce>.<HMAC-SHA256 of the first three parts>". It proves
// that a submission comes from a form this portal built recently; it is not a per-reader secret.

export type TokenCheck = 'valid' | 'missing' | 'malformed' | 'tampered' | 'expired';

const sign = (secret: Buffer, payload: string) => crypto.createHmac('sha256', secret).update(payload).digest('base64url');

export function issueFormToken(secret: Buffer, now = Date.now()): { token: string; issuedAt: Date } {
  const payload = `v1.${now.toString(36)}.${crypto.randomBytes(9).toString('base64url')}`;
  return { token: `${payload}.${sign(secret, payload)}`, issuedAt: new Date(now) };
}

export function checkFormToken(secret: Buffer, token: unknown, maxAgeMs: number, now = Date.now()): TokenCheck {
  if (typeof token !== 'string' || token === '') return 'missing';
  const parts = token.split('.');
  if (parts.length !== 4 || parts[0] !== 'v1' || token.length > 200) return 'malformed';
  const payload = parts.slice(0, 3).join('.');
  const given = Buffer.from(parts[3]);
  const expected = Buffer.from(sign(secret, payload));
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return 'tampered';
  const issuedAt = parseInt(parts[1], 36);
  // A token from the future (clock skew of more than a minute) is as wrong as an old one.
  if (!Number.isFinite(issuedAt) || issuedAt > now + 60_000 || now - issuedAt > maxAgeMs) return 'expired';
  return 'valid';
}
