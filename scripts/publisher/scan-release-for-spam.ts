import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { checkLinkUrl, findHiddenMarkup, findLinksOutsideAllowlist, findTextSpam, signatures, type Finding } from '@shequ/spam-guard';
import { Parser } from 'htmlparser2';
import { listReleaseFiles } from './release-manifest.ts';

// The publisher half of the spam guard: the same signatures the CMS refuses on save are looked
// for in every built page (its text, hidden text included; inline styles that hide; link
// targets), so spam that reached the database some other way (an import, a direct write, an
// old record) cannot go live. A hit refuses the release; the live one stays.

export interface PageSpam {
  page: string;
  findings: Finding[];
}

const NOT_TEXT = new Set(['script', 'style', 'template', 'noscript']);
const LINKING = new Set(['a', 'area']);
// Meta tags whose content is CMS text (summaries become descriptions).
const TEXT_META = /^(?:description|og:title|og:description|twitter:title|twitter:description|keywords)$/i;

export function scanPageForSpam(html: string, allowlist: string[]): Finding[] {
  const findings: Finding[] = [];
  const text: string[] = [];
  let skipDepth = 0;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (NOT_TEXT.has(name)) skipDepth += 1;
        if (attrs.style) findings.push(...findHiddenMarkup(attrs.style));
        if (name === 'meta' && TEXT_META.test(attrs.name ?? attrs.property ?? '')) text.push(' ', attrs.content ?? '', ' ');
        // Relative links stay on the site; any link with a scheme or host must be allowed.
        const href = LINKING.has(name) ? attrs.href : undefined;
        if (href && /^\s*(?:[a-z][a-z0-9+.-]*:|\/\/|\\)/i.test(href)) {
          const f = checkLinkUrl(href, allowlist);
          if (f) findings.push(f);
        }
      },
      ontext(t) {
        if (skipDepth === 0) text.push(t);
      },
      onclosetag(name) {
        if (NOT_TEXT.has(name)) skipDepth = Math.max(0, skipDepth - 1);
        // Block boundaries separate words, so two paragraphs do not join into a brand.
        text.push(' ');
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  const all = text.join('');
  findings.push(...findTextSpam(all), ...findHiddenMarkup(all), ...findLinksOutsideAllowlist(all, allowlist));
  // One line per signature and page.
  const seen = new Set<string>();
  return findings.filter((f) => !seen.has(`${f.signature} ${f.excerpt}`) && seen.add(`${f.signature} ${f.excerpt}`));
}

function htmlFiles(dir: string): string[] {
  return listReleaseFiles(dir)
    .filter((rel) => rel.endsWith('.html'))
    .map((rel) => path.join(dir, rel));
}

// The pages of a release that carry spam, with what each carries.
export function findSpamInRelease(dir: string, allowlist: string[]): { pages: number; spam: PageSpam[] } {
  const files = htmlFiles(dir);
  const spam: PageSpam[] = [];
  for (const file of files) {
    const findings = scanPageForSpam(fs.readFileSync(file, 'utf8'), allowlist);
    if (findings.length) spam.push({ page: `/${path.relative(dir, file).split(path.sep).join('/')}`, findings });
  }
  return { pages: files.length, spam };
}

// Every page of a release; throws naming the pages and signatures when any carries spam.
export function scanReleaseForSpam(dir: string, allowlist: string[]): { pages: number } {
  const { pages, spam } = findSpamInRelease(dir, allowlist);
  if (spam.length) throw spamError(spam);
  return { pages };
}

// The refusal, naming the first 20 pages and their signatures.
export function spamError(spam: PageSpam[]): Error {
  const lines = spam.slice(0, 20).map((p) => `${p.page}: ${p.findings.map((f) => `${f.signature} “${f.excerpt}”`).join(', ')}`);
  const more = spam.length > 20 ? `\n… and ${spam.length - 20} more page(s)` : '';
  return new Error(`release carries SEO spam on ${spam.length} page(s) (refusing to publish):\n${lines.join('\n')}${more}`);
}

// Names the matcher a release was scanned with (the signatures and the link allowlist), so a
// later full build may skip pages whose bytes were already scanned by the same matcher.
export function spamScanKey(allowlist: string[]): string {
  return crypto.createHash('sha256').update(JSON.stringify({ signatures, allowlist: [...allowlist].sort() })).digest('hex').slice(0, 32);
}
