import fs from 'node:fs';
import type { Core } from '@strapi/strapi';
import { dataPath, writePrivateFile } from '../runtime/data-dir';

export const BUILD_TOKEN_NAME = 'shequ-site-build';

// The site build reads the CMS through a read-only API token. Strapi shows a token's key only
// when it is made, so we keep it in the data folder (mode 600) and make a new one whenever the
// file or the token is gone. The key itself is never logged.
export async function ensureBuildToken(strapi: Core.Strapi): Promise<void> {
  const tokens = strapi.service('admin::api-token-content-api') ?? strapi.service('admin::api-token');
  const file = process.env.SHEQU_BUILD_TOKEN_FILE || dataPath('build-token');
  const existing = await tokens.getByName(BUILD_TOKEN_NAME);
  const stored = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : '';

  // Strapi stores only a hash of the key, so the stored key is checked by looking it up.
  const current = stored ? await tokens.getByAccessKey(tokens.hash(stored)) : null;
  if (existing && current && current.id === existing.id) return;
  if (existing) {
    const { accessKey } = await tokens.regenerate(existing.id);
    writePrivateFile(file, accessKey);
    strapi.log.info(`[shequ] regenerated the read-only build token into ${file}`);
    return;
  }
  const created = await tokens.create({
    name: BUILD_TOKEN_NAME,
    description: '站点构建使用的只读令牌（自动创建，请勿删除）',
    type: 'read-only',
    lifespan: null,
  });
  writePrivateFile(file, created.accessKey);
  strapi.log.info(`[shequ] created the read-only build token in ${file}`);
}
