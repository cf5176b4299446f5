import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// A lint rule for the site: CMS data reaches a page only through Astro's escaping or through
// the one sanitizing renderer. Any raw-HTML door elsewhere under site/src fails this test.
const siteSrc = path.resolve(import.meta.dirname, '../../site/src');
const RAW_HTML = /set:html|innerHTML|outerHTML|insertAdjacentHTML|document\.write|dangerouslySetInnerHTML|createContextualFragment|\.srcdoc\b/g;
// The renderer's output is handed to the page in exactly one place.
const ALLOWED: Record<string, number> = { 'components/RichText.astro': 1 };

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(astro|ts|tsx|js|mjs|jsx|md|mdx)$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}
// Comments may talk about set:html; code may not use it.
const withoutComments = (src: string) => src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1').replace(/<!--[\s\S]*?-->/g, '');

describe('raw HTML in the site', () => {
  const files = sourceFiles(siteSrc);

  it(`is used nowhere in the ${files.length} site source files except the sanitizing renderer's one set:html`, () => {
    const found: Record<string, number> = {};
    for (const file of files) {
      const n = withoutComments(fs.readFileSync(file, 'utf8')).match(RAW_HTML)?.length ?? 0;
      if (n) found[path.relative(siteSrc, file).split(path.sep).join('/')] = n;
    }
    expect(found).toEqual(ALLOWED);
  });

  it('hands set:html only the output of renderRichText', () => {
    const src = fs.readFileSync(path.join(siteSrc, 'components/RichText.astro'), 'utf8');
    expect(src).toContain("import { renderRichText } from '../lib/render/render-rich-text'");
    expect(withoutComments(src)).toMatch(/segments = renderRichText\(/);
    expect(withoutComments(src)).toMatch(/set:html=\{segment\.html\}/);
  });

  it('escapes "<" wherever JSON-LD is written into a page', () => {
    for (const file of files) {
      const src = fs.readFileSync(file, 'utf8');
      if (!src.includes('application/ld+json')) continue;
      expect(src, file).toMatch(/\\u003c/);
    }
  });
});
