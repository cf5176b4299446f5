import crypto from 'node:crypto';

// Checks the secret of a preview URL in constant time: digests are compared, so neither the
// length nor the content of the secret leaks through timing.
export function verifyPreviewSecret(given: string | null, secret: string): 'missing' | 'wrong' | 'ok' {
  if (!given) return 'missing';
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(secret).digest();
  return crypto.timingSafeEqual(a, b) ? 'ok' : 'wrong';
}
