import { Parser } from 'htmlparser2';

// Parses HTML as a browser would (htmlparser2) and lists everything that could run or load
// something: script/iframe/object/embed/base/meta-refresh/form elements, event-handler
// attributes, and javascript:/data:/vbscript: URLs. The site's own inline scripts are passed in
// as `knownScripts` (their text), so only markup that came from content is reported.
const ACTIVE_ELEMENTS = new Set(['iframe', 'frame', 'object', 'embed', 'base', 'applet', 'form', 'svg', 'math', 'style', 'link']);
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcset', 'poster', 'background']);
const BAD_SCHEME = /^\s*(?:javascript|vbscript|data):/i;

export function findLiveMarkup(html: string, knownScripts: Set<string> = new Set(), knownElements: Set<string> = new Set()): string[] {
  const found: string[] = [];
  let inScript: { attrs: Record<string, string>; text: string } | undefined;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'script') inScript = { attrs, text: '' };
        else if (ACTIVE_ELEMENTS.has(name) && !knownElements.has(name)) found.push(`<${name}>`);
        if (name === 'meta' && /refresh/i.test(attrs['http-equiv'] ?? '')) found.push('<meta http-equiv=refresh>');
        for (const [attr, value] of Object.entries(attrs)) {
          if (/^on/i.test(attr)) found.push(`<${name} ${attr}>`);
          if (URL_ATTRIBUTES.has(attr) && BAD_SCHEME.test(value.replace(/[\u0000-\u0020]/g, ''))) found.push(`<${name} ${attr}="${value.slice(0, 30)}">`);
          if (attr === 'style' && /javascript:|expression\(/i.test(value)) found.push(`<${name} style>`);
        }
      },
      ontext(text) {
        if (inScript) inScript.text += text;
      },
      onclosetag(name) {
        if (name !== 'script' || !inScript) return;
        const ownFile = inScript.attrs.src && /^\/(?![/\\])/.test(inScript.attrs.src);
        const ownJson = inScript.attrs.type === 'application/ld+json';
        if (!ownFile && !ownJson && !knownScripts.has(inScript.text.trim())) found.push(`<script>${inScript.text.slice(0, 40)}`);
        inScript = undefined;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return found;
}

// The text of every inline script in a page (to learn the site's own from a clean page).
export function inlineScripts(html: string): Set<string> {
  const scripts = new Set<string>();
  let text: string | undefined;
  const parser = new Parser({
    onopentag(name, attrs) {
      if (name === 'script' && !attrs.src) text = '';
    },
    ontext(t) {
      if (text !== undefined) text += t;
    },
    onclosetag(name) {
      if (name === 'script' && text !== undefined) scripts.add(text.trim());
      text = undefined;
    },
  });
  parser.write(html);
  parser.end();
  return scripts;
}

// The text a reader sees (entities decoded; scripts and styles left out).
export function pageText(html: string): string {
  const parts: string[] = [];
  let skip = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (name === 'script' || name === 'style') skip += 1;
      },
      ontext(t) {
        if (!skip) parts.push(t);
      },
      onclosetag(name) {
        if (name === 'script' || name === 'style') skip = Math.max(0, skip - 1);
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return parts.join('');
}
