import { describe, expect, it } from 'vitest';
import type { Block } from '../../site/src/lib/cms/schemas.ts';
import { EXTERNAL_LINK_REL, renderRichText, sanitizeRichHtml } from '../../site/src/lib/render/render-rich-text.ts';
import { findLiveMarkup } from '../support/find-live-markup.ts';
import { hostileUrls, xssPayloads } from '../support/xss-payloads.ts';

const html = (blocks: Block[]) => renderRichText(blocks).map((s) => (s.kind === 'html' ? s.html : `[image ${s.image.url}]`)).join('');
const text = (t: string) => ({ type: 'text' as const, text: t });
const paragraph = (...children: Block extends infer B ? (B extends { type: 'paragraph'; children: infer C } ? C : never) : never) => ({ type: 'paragraph' as const, children });

describe('the rich-text renderer', () => {
  it(`renders all ${xssPayloads.length} XSS payloads in every kind of block as visible, inert text`, () => {
    for (const payload of xssPayloads) {
      const blocks: Block[] = [
        paragraph(text(payload), { type: 'text', text: payload, bold: true, italic: true, code: true }),
        { type: 'heading', level: 2, children: [text(payload)] },
        { type: 'quote', children: [text(payload)] },
        { type: 'code', children: [text(payload)] },
        { type: 'list', format: 'unordered', children: [{ type: 'list-item', children: [text(payload)] }] },
        paragraph({ type: 'link', url: payload, children: [text(payload)] }),
      ];
      const out = html(blocks);
      expect(findLiveMarkup(out), payload.slice(0, 60)).toEqual([]);
      // Nothing is lost: the reader sees the payload's (printable) start as text.
      const visible = payload.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '').slice(0, 12);
      const decoded = out.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
      expect(decoded, payload.slice(0, 60)).toContain(visible);
    }
  });

  it('uses a checker that does see the payloads when they are not escaped', () => {
    const flagged = xssPayloads.filter((p) => findLiveMarkup(`<p>${p}</p>`).length > 0);
    expect(flagged.length).toBeGreaterThanOrEqual(30);
  });

  it(`turns all ${hostileUrls.length} hostile link targets into plain text`, () => {
    for (const url of hostileUrls) {
      const out = html([paragraph({ type: 'link', url, children: [text('链接')] })]);
      expect(out, url).toBe('<p><span>链接</span></p>');
    }
  });

  it('gives external links rel="nofollow noopener noreferrer ugc" and internal ones none', () => {
    expect(html([paragraph({ type: 'link', url: 'https://www.gov.cn/zhengce/', children: [text('中国政府网')] })])).toBe(
      `<p><a href="https://www.gov.cn/zhengce/" rel="${EXTERNAL_LINK_REL}">中国政府网</a></p>`,
    );
    expect(html([paragraph({ type: 'link', url: '/about/', children: [text('关于我们')] })])).toBe('<p><a href="/about/">关于我们</a></p>');
  });

  it('shows pictures only from the CMS media library', () => {
    const image = (url: string): Block => ({ type: 'image', image: { url, alternativeText: '图' } });
    const segments = renderRichText([image('/uploads/a.jpg'), image('https://evil.example/a.jpg'), image('javascript:alert(1)'), image('/uploads/../admin'), image('//evil.example/a.jpg')]);
    expect(segments).toEqual([{ kind: 'image', image: { url: '/uploads/a.jpg', alternativeText: '图' } }]);
  });

  it('renders ordinary blocks as before: headings from h2, lists, emphasis, code', () => {
    const out = html([
      { type: 'heading', level: 1, children: [text('标题')] },
      paragraph(text('社区'), { type: 'text', text: '志愿者', bold: true }),
      { type: 'list', format: 'ordered', children: [{ type: 'list-item', children: [text('一')] }, { type: 'list', format: 'unordered', children: [{ type: 'list-item', children: [text('二')] }] }] },
    ]);
    expect(out).toBe('<h2>标题</h2><p>社区<strong>志愿者</strong></p><ol><li>一</li><li><ul><li>二</li></ul></li></ol>');
  });

  it('has a sanitizer that removes what the renderer itself could never produce', () => {
    const out = sanitizeRichHtml('<p onclick="x()" style="display:none">a<script>alert(1)</script><a href="javascript:alert(1)" rel="x">b</a><iframe src="/x"></iframe></p>');
    expect(findLiveMarkup(out)).toEqual([]);
    expect(out).not.toMatch(/onclick|style=|<iframe|<script|javascript:/i);
  });
});
