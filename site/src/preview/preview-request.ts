import { previewUi } from '../i18n/zh-CN';
import type { PreviewResult, PreviewStatus } from '../lib/cms/load-preview';

// What the preview routes share. The secret was checked by the preview server
// (scripts/preview/) before the request reached Astro.

// Strapi's preview handler passes the status the editor is looking at; a draft by default.
export function previewStatus(url: URL): PreviewStatus {
  return url.searchParams.get('status') === 'published' ? 'published' : 'draft';
}

export function previewFailure(result: Extract<PreviewResult<unknown>, { found: false }>): Response {
  const headers = { 'content-type': 'text/plain; charset=utf-8' };
  if (result.reason === 'missing') return new Response(previewUi.notFound, { status: 404, headers });
  return new Response(`${previewUi.invalid}\n\n${result.problems.join('\n')}\n`, { status: 422, headers });
}
