import type { Core } from '@strapi/strapi';
import { dataPath } from '../runtime/data-dir';
import { ensureReadOnlyToken } from './ensure-read-only-token';

export const BUILD_TOKEN_NAME = 'shequ-site-build';

// The site build reads the CMS through a read-only API token kept in the data folder.
export async function ensureBuildToken(strapi: Core.Strapi): Promise<void> {
  await ensureReadOnlyToken(strapi, {
    name: BUILD_TOKEN_NAME,
    file: process.env.SHEQU_BUILD_TOKEN_FILE || dataPath('build-token'),
    description: '站点构建使用的只读令牌（自动创建，请勿删除）',
  });
}
