// Types for index.js (plain JavaScript so that Strapi's CommonJS can require it at run time).
export interface Signature {
  id: string;
  description: string;
  reason: string;
  pattern: string;
  flags: string;
}
export interface Finding {
  /** the signature's id from signatures.json, or "link-not-allowed" */
  signature: string;
  /** Chinese, for the editor */
  description: string;
  /** what matched, at most 40 characters */
  excerpt: string;
}
export const signatures: {
  text: Signature[];
  hidden: Signature[];
  links: { description: string; reason: string; allowlist: string[]; bareDomainPattern: string; urlPattern: string };
};
export const LINK_SIGNATURE: 'link-not-allowed';
export function normalizeText(text: string): string;
export function linkAllowlist(env?: NodeJS.ProcessEnv, extraHosts?: string[]): string[];
export function hostIsAllowed(host: string, allowlist: string[]): boolean;
export function findTextSpam(text: string): Finding[];
export function findHiddenMarkup(text: string): Finding[];
export function findLinksOutsideAllowlist(text: string, allowlist: string[]): Finding[];
export function checkLinkUrl(url: string, allowlist: string[]): Finding | undefined;
export function scanPlainText(text: string, allowlist: string[]): Finding[];
export function scanBlocks(blocks: unknown, allowlist: string[]): Finding[];
