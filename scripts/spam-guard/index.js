// The SEO-spam matcher shared by the CMS (refuses to save or publish) and the publisher (refuses
// to make a release live). Plain ESM JavaScript with a .d.ts beside it: Strapi's compiled
// CommonJS require()s it from node_modules at run time, where Node does not strip TypeScript.
// The signatures themselves live in signatures.json, the one reviewed data file.
import fs from 'node:fs';

/** @typedef {{ id: string, description: string, reason: string, pattern: string, flags: string }} Signature */
/** @typedef {{ signature: string, description: string, excerpt: string }} Finding */

/** @type {{ text: Signature[], hidden: Signature[], links: { description: string, reason: string, allowlist: string[], bareDomainPattern: string, urlPattern: string } }} */
export const signatures = JSON.parse(fs.readFileSync(new URL('./signatures.json', import.meta.url), 'utf8'));

const compile = (/** @type {Signature} */ s) => ({ ...s, regex: new RegExp(s.pattern, `${s.flags.replace(/[gu]/g, '')}u`) });
const textSignatures = signatures.text.map(compile);
const hiddenSignatures = signatures.hidden.map(compile);
const bareDomain = new RegExp(signatures.links.bareDomainPattern, 'giu');
const urlHost = new RegExp(signatures.links.urlPattern, 'giu');
export const LINK_SIGNATURE = 'link-not-allowed';

// Spam hides from filters with full-width digits (８８８体育) and invisible characters
// (888\u200b体育); NFKC and dropping format characters undo both before matching.
const INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/gu;
/** @param {string} text */
export function normalizeText(text) {
  return text.normalize('NFKC').replace(INVISIBLE, '');
}

const excerptOf = (/** @type {string} */ s) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

/**
 * The allowlist of link domains: the data file's, plus SHEQU_LINK_ALLOWLIST (comma separated),
 * plus the hosts given (the site's own).
 * @param {NodeJS.ProcessEnv} [env]
 * @param {string[]} [extraHosts]
 * @returns {string[]}
 */
export function linkAllowlist(env = process.env, extraHosts = []) {
  const fromEnv = (env.SHEQU_LINK_ALLOWLIST ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean);
  const own = [env.SITE_URL, env.CMS_PUBLIC_URL].flatMap((u) => {
    try {
      return u ? [new URL(u).hostname] : [];
    } catch {
      return [];
    }
  });
  return [...new Set([...signatures.links.allowlist, ...fromEnv, ...own, ...extraHosts.map((h) => h.toLowerCase())])];
}

/**
 * "gov.cn" allows that host; "*.gov.cn" allows any host under it.
 * @param {string} host
 * @param {string[]} allowlist
 */
export function hostIsAllowed(host, allowlist) {
  const h = host.toLowerCase().replace(/\.$/, '').replace(/^www\./, '');
  return allowlist.some((entry) => (entry.startsWith('*.') ? h.endsWith(entry.slice(1)) : h === entry.replace(/^www\./, '')));
}

/**
 * Gambling brands and patterns in text a reader sees.
 * @param {string} text
 * @returns {Finding[]}
 */
export function findTextSpam(text) {
  const t = normalizeText(text);
  return textSignatures.flatMap((s) => {
    const m = s.regex.exec(t);
    return m ? [{ signature: s.id, description: s.description, excerpt: excerptOf(m[0].trim()) }] : [];
  });
}

/**
 * CSS and markup that hide text or links from readers.
 * @param {string} text
 * @returns {Finding[]}
 */
export function findHiddenMarkup(text) {
  const t = normalizeText(text);
  return hiddenSignatures.flatMap((s) => {
    const m = s.regex.exec(t);
    return m ? [{ signature: s.id, description: s.description, excerpt: excerptOf(m[0]) }] : [];
  });
}

/** @param {string} host */
const linkFinding = (host) => ({ signature: LINK_SIGNATURE, description: signatures.links.description, excerpt: excerptOf(host) });

/**
 * Addresses written into text (https://…, //…, www.…, bare example.com) whose host is not allowed.
 * @param {string} text
 * @param {string[]} allowlist
 * @returns {Finding[]}
 */
export function findLinksOutsideAllowlist(text, allowlist) {
  const t = normalizeText(text).toLowerCase();
  const hosts = new Set([...t.matchAll(urlHost)].map((m) => m[1]).concat([...t.matchAll(bareDomain)].map((m) => m[1])));
  return [...hosts].filter((h) => !hostIsAllowed(h, allowlist)).map(linkFinding);
}

/**
 * A link's target: site-relative, fragment, mailto/tel, or http(s) to an allowed host.
 * @param {string} url
 * @param {string[]} allowlist
 * @returns {Finding | undefined}
 */
export function checkLinkUrl(url, allowlist) {
  const u = normalizeText(url).trim();
  if (/^(?:\/(?![/\\])|#|\?)/.test(u) || /^(?:mailto|tel):/i.test(u)) return undefined;
  try {
    const parsed = new URL(u);
    if ((parsed.protocol === 'http:' || parsed.protocol === 'https:') && hostIsAllowed(parsed.hostname, allowlist)) return undefined;
    return linkFinding(parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.hostname : parsed.protocol);
  } catch {
    return linkFinding(u);
  }
}

/**
 * Everything refused in a plain-text field: spam text, hiding markup, links outside the allowlist.
 * @param {string} text
 * @param {string[]} allowlist
 * @returns {Finding[]}
 */
export function scanPlainText(text, allowlist) {
  return [...findTextSpam(text), ...findHiddenMarkup(text), ...findLinksOutsideAllowlist(text, allowlist)];
}

/**
 * Everything refused in Strapi rich text ("blocks"): the text leaves as plain text, and link
 * targets outside the allowlist.
 * @param {unknown} blocks
 * @param {string[]} allowlist
 * @returns {Finding[]}
 */
export function scanBlocks(blocks, allowlist) {
  /** @type {Finding[]} */
  const findings = [];
  /** @type {string[]} */
  const texts = [];
  const walk = (/** @type {unknown} */ node) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const n = /** @type {{ type?: unknown, text?: unknown, url?: unknown, children?: unknown }} */ (node);
    if (typeof n.text === 'string') texts.push(n.text);
    if (n.type === 'link' && typeof n.url === 'string') {
      const f = checkLinkUrl(n.url, allowlist);
      if (f) findings.push(f);
    }
    walk(n.children);
  };
  walk(blocks);
  // Joined, so a brand split over two styled runs (**888**体育) is still one match.
  return [...findings, ...scanPlainText(texts.join(''), allowlist)];
}
