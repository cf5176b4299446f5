import sanitizeHtml from 'sanitize-html';
import type { Block, InlineNode, ListItem } from '../cms/schemas.ts';

// The site's one rich-text renderer. Strapi blocks become HTML with every CMS string escaped
// here, and the result then passes sanitize-html with a strict allowlist, so even a mistake in
// this file cannot let a script, a style, an event handler or a javascript:/data: URL through.
// Pictures are returned separately: RichText.astro renders them with CmsImage, and only from
// the CMS media library (/uploads/…).

type ImageBlock = Extract<Block, { type: 'image' }>;
export type RichTextSegment = { kind: 'html'; html: string } | { kind: 'image'; image: ImageBlock['image'] };

export const EXTERNAL_LINK_REL = 'nofollow noopener noreferrer ugc';

// C0/C1 control characters cannot be written in HTML at all; tab and line feed stay.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(CONTROL, '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const isExternal = (href: string) => /^https?:\/\//i.test(href);
// Site-relative (not protocol-relative), http(s) and mailto links survive; anything else
// (javascript:, data:, vbscript:, //host) is rendered as plain text.
export function safeHref(url: string): string | undefined {
  const u = url.replace(CONTROL, '').trim();
  if (/^\/(?![/\\])/.test(u)) return u;
  if (/^(https?:\/\/|mailto:)/i.test(u)) return u;
  return undefined;
}

// Pictures only from the CMS's own media library.
export const isCmsMedia = (url: string) => /^\/uploads\/[^/\\]/.test(url) && !url.includes('..');

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'code', 'ul', 'ol', 'li', 'strong', 'em', 'u', 's', 'a', 'span'],
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  allowedStyles: {},
  // Anything unexpected is shown as text rather than dropped without a trace.
  disallowedTagsMode: 'escape',
  transformTags: {
    a: (tagName, attribs) => {
      const href = attribs.href ?? '';
      // Whatever rel came in is replaced: external links always get the full set, others none.
      const kept: sanitizeHtml.Attributes = href ? { href } : {};
      if (isExternal(href)) kept.rel = EXTERNAL_LINK_REL;
      return { tagName, attribs: kept };
    },
  },
};

export const sanitizeRichHtml = (html: string) => sanitizeHtml(html, SANITIZE);

function inline(nodes: InlineNode[]): string {
  return nodes
    .map((n) => {
      if (n.type === 'link') {
        const href = safeHref(n.url);
        const inner = inline(n.children);
        return href ? `<a href="${escapeHtml(href)}">${inner}</a>` : `<span>${inner}</span>`;
      }
      let out = escapeHtml(n.text);
      if (n.code) out = `<code>${out}</code>`;
      if (n.bold) out = `<strong>${out}</strong>`;
      if (n.italic) out = `<em>${out}</em>`;
      if (n.underline) out = `<u>${out}</u>`;
      if (n.strikethrough) out = `<s>${out}</s>`;
      return out;
    })
    .join('');
}

function list(block: Extract<Block, { type: 'list' }>): string {
  const items = block.children.map((item: ListItem) => `<li>${item.type === 'list' ? list(item) : inline(item.children)}</li>`).join('');
  return block.format === 'ordered' ? `<ol>${items}</ol>` : `<ul>${items}</ul>`;
}

function blockHtml(block: Exclude<Block, ImageBlock>): string {
  switch (block.type) {
    case 'paragraph':
      return `<p>${inline(block.children)}</p>`;
    case 'heading': {
      // The page title is the only h1.
      const level = Math.min(6, Math.max(2, Math.trunc(block.level)));
      return `<h${level}>${inline(block.children)}</h${level}>`;
    }
    case 'quote':
      return `<blockquote>${inline(block.children)}</blockquote>`;
    case 'code':
      return `<pre><code>${inline(block.children)}</code></pre>`;
    case 'list':
      return list(block);
    default:
      return '';
  }
}

// Consecutive text blocks make one sanitized HTML segment; each picture is its own segment.
export function renderRichText(blocks: Block[]): RichTextSegment[] {
  const segments: RichTextSegment[] = [];
  let pending: string[] = [];
  const flush = () => {
    if (pending.length) segments.push({ kind: 'html', html: sanitizeRichHtml(pending.join('')) });
    pending = [];
  };
  for (const block of blocks) {
    if (block.type === 'image') {
      flush();
      if (isCmsMedia(block.image.url)) segments.push({ kind: 'image', image: block.image });
    } else {
      pending.push(blockHtml(block));
    }
  }
  flush();
  return segments;
}
