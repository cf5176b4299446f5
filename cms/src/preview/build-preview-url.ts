import { previewSecret } from '../runtime/preview-secret';

// Strapi's Preview button (Content Manager, `config/admin.ts`) asks this where a document can
// be seen: the preview server's page for its type, with the secret and the status the editor is
// looking at (draft, or the published version). Types without a public page get no button.
const PREVIEW_PATHS: Record<string, string> = {
  'api::article.article': 'articles',
  'api::ledger.ledger': 'ledgers',
  'api::community.community': 'communities',
};

export function previewOrigin(env: NodeJS.ProcessEnv = process.env): string {
  return new URL(env.PREVIEW_URL || `http://127.0.0.1:${env.PREVIEW_PORT || 4323}`).origin;
}

export function buildPreviewUrl(uid: string, params: { documentId?: string; status?: string }): string | null {
  const kind = PREVIEW_PATHS[uid];
  if (!kind || !params.documentId) return null;
  const url = new URL(`/preview/${kind}/${encodeURIComponent(params.documentId)}`, previewOrigin());
  url.searchParams.set('secret', previewSecret());
  if (params.status === 'published') url.searchParams.set('status', 'published');
  return url.href;
}
