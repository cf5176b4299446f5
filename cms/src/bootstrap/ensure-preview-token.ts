import type { Core } from '@strapi/strapi';
import { dataPath } from '../runtime/data-dir';
import { ensureReadOnlyToken } from './ensure-read-only-token';

export const PREVIEW_TOKEN_NAME = 'shequ-preview';

// The preview server reads drafts (GraphQL `status: DRAFT`) with this read-only token, the
// only token allowed to read drafts; its key is kept in the data folder like the build token's.
export async function ensurePreviewToken(strapi: Core.Strapi): Promise<void> {
  await ensureReadOnlyToken(strapi, {
    name: PREVIEW_TOKEN_NAME,
    file: process.env.SHEQU_PREVIEW_TOKEN_FILE || dataPath('preview-token'),
    description: '草稿预览使用的只读令牌（自动创建，请勿删除）',
  });
}
