import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// The webhook secret shared by the CMS (which sends it) and the publisher (which checks it):
// generated once into the data folder, mode 600, unless SHEQU_WEBHOOK_SECRET is given.
export function ensureWebhookSecret(dataDir: string): string {
  return ensureSecret(dataDir, 'webhook-secret', process.env.SHEQU_WEBHOOK_SECRET);
}

// The draft preview secret shared by the CMS (which puts it into preview URLs) and the preview
// server (which checks it), unless SHEQU_PREVIEW_SECRET is given. Delete the file to rotate it.
export function ensurePreviewSecret(dataDir: string): string {
  return ensureSecret(dataDir, 'preview-secret', process.env.SHEQU_PREVIEW_SECRET);
}

function ensureSecret(dataDir: string, name: string, given: string | undefined): string {
  if (given) return given;
  const file = path.join(dataDir, name);
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secret = crypto.randomBytes(32).toString('base64url');
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
