import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// The webhook secret shared by the CMS (which sends it) and the publisher (which checks it):
// generated once into the data folder, mode 600, unless SHEQU_WEBHOOK_SECRET is given.
export function ensureWebhookSecret(dataDir: string): string {
  if (process.env.SHEQU_WEBHOOK_SECRET) return process.env.SHEQU_WEBHOOK_SECRET;
  const file = path.join(dataDir, 'webhook-secret');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secret = crypto.randomBytes(32).toString('base64url');
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
