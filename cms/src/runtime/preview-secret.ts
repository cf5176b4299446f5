import crypto from 'node:crypto';
import fs from 'node:fs';
import { dataPath, writePrivateFile } from './data-dir';

// The secret the preview server (scripts/preview/) checks before it renders a draft. The CMS
// puts it into the preview URLs it gives the dashboard. SHEQU_PREVIEW_SECRET wins; otherwise it
// is generated once into the data folder, where the launcher (or this) left it. Deleting the
// file and restarting rotates it.
export function previewSecret(): string {
  if (process.env.SHEQU_PREVIEW_SECRET) return process.env.SHEQU_PREVIEW_SECRET;
  const file = dataPath('preview-secret');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const secret = crypto.randomBytes(32).toString('base64url');
  writePrivateFile(file, secret);
  return secret;
}
