import crypto from 'node:crypto';
import fs from 'node:fs';
import { dataPath, writePrivateFile } from '../runtime/data-dir';

let cached: Buffer | undefined;

// The key that signs help-form tokens and hashes submitters' addresses: HELP_FORM_SECRET, or
// generated once into the data folder. Replacing it invalidates every form token in the wild
// until the next site build.
export function helpFormSecret(): Buffer {
  if (cached) return cached;
  if (process.env.HELP_FORM_SECRET) return (cached = Buffer.from(process.env.HELP_FORM_SECRET, 'utf8'));
  const file = dataPath('help-form-secret');
  if (!fs.existsSync(file)) writePrivateFile(file, crypto.randomBytes(32).toString('base64'));
  cached = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'utf8');
  return cached;
}
