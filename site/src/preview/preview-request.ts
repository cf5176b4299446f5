import { previewUi } from '../i18n/zh-CN';
import type { PreviewResult, PreviewStatus } from '../lib/cms/load-preview';

// What the preview routes share. The secret was checked by the preview server
// (scripts/preview/) before the request reached Astro.

// Strapi's preview handler passes the status the editor is looking at; a draft by default.
export function previewStatus(url: URL): PreviewStatus {
  return url.searchParams.get('status') === 'published' ? 'published' : 'draft';
}

const TEXT = { 'content-type': 'text/plain; charset=utf-8' };

// The page's props, or the answer to send instead: 404 no such document, 422 a draft the site
// could not show (naming the fields), 502 the CMS did not answer.
export async function loadPreview<P>(load: () => Promise<PreviewResult<P>>): Promise<{ props: P } | Response> {
  let result: PreviewResult<P>;
  try {
    result = await load();
  } catch (error) {
    console.error(`[preview] could not read from the CMS: ${(error as Error).message}`);
    return new Response(previewUi.unavailable, { status: 502, headers: TEXT });
  }
  if (result.found) return { props: result.props };
  if (result.reason === 'missing') return new Response(previewUi.notFound, { status: 404, headers: TEXT });
  return new Response(`${previewUi.invalid}\n\n${result.problems.join('\n')}\n`, { status: 422, headers: TEXT });
}
