import fs from 'node:fs';
import type { Core } from '@strapi/strapi';
import { writePrivateFile } from '../runtime/data-dir';

// A read-only API token whose key lives in a file of the data folder (mode 600). Strapi shows a
// token's key only when it is made, so a new key is made whenever the file or the token is
// gone. The key itself is never logged.
export async function ensureReadOnlyToken(strapi: Core.Strapi, token: { name: string; file: string; description: string }): Promise<void> {
  const tokens = strapi.service('admin::api-token-content-api') ?? strapi.service('admin::api-token');
  const existing = await tokens.getByName(token.name);
  const stored = fs.existsSync(token.file) ? fs.readFileSync(token.file, 'utf8').trim() : '';

  // Strapi stores only a hash of the key, so the stored key is checked by looking it up.
  const current = stored ? await tokens.getByAccessKey(tokens.hash(stored)) : null;
  if (existing && current && current.id === existing.id) return;
  if (existing) {
    const { accessKey } = await tokens.regenerate(existing.id);
    writePrivateFile(token.file, accessKey);
    strapi.log.info(`[shequ] regenerated the read-only token ${token.name} into ${token.file}`);
    return;
  }
  const created = await tokens.create({ name: token.name, description: token.description, type: 'read-only', lifespan: null });
  writePrivateFile(token.file, created.accessKey);
  strapi.log.info(`[shequ] created the read-only token ${token.name} in ${token.file}`);
}
