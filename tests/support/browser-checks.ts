import path from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from '../../scripts/lib/paths.ts';

// What the e2e checks measure inside a page. Every function returns plain data; the tests
// decide what counts as a problem.

export const ELDER_TOGGLE = 'header button[data-elder-toggle]';
export const ELDER_STORAGE_KEY = 'shequ-elder';

export interface ElderState {
  htmlClass: boolean; // <html class="elder">
  pressed: string | null; // aria-pressed of the toggle, null when there is no toggle
  rootFontPx: number; // computed font-size of <html>
  stored: string | null; // localStorage['shequ-elder']
}

export function elderState(page: Page): Promise<ElderState> {
  return page.evaluate(
    ([selector, key]) => {
      const toggle = document.querySelector(selector);
      let stored: string | null = null;
      try {
        stored = localStorage.getItem(key);
      } catch {
        /* storage unavailable (JavaScript off) */
      }
      return {
        htmlClass: document.documentElement.classList.contains('elder'),
        pressed: toggle ? toggle.getAttribute('aria-pressed') : null,
        rootFontPx: parseFloat(getComputedStyle(document.documentElement).fontSize),
        stored,
      };
    },
    [ELDER_TOGGLE, ELDER_STORAGE_KEY] as const,
  );
}

export const rootFontPx = (page: Page) => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));

export const horizontalOverflow = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.scrollWidth;
    const viewport = document.documentElement.clientWidth;
    // Name the widest element that sticks out, to make a failure actionable.
    let culprit = '';
    if (width > viewport) {
      let widest = 0;
      for (const el of document.body.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.right > viewport + 0.5 && r.width > widest) {
          widest = r.width;
          const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 30);
          culprit = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.classList.length ? `.${[...el.classList].join('.')}` : ''}${text ? ` “${text}”` : ''} (right edge ${Math.round(r.right)} px)`;
        }
      }
    }
    return { width, culprit };
  });

export interface TouchTarget {
  selector: string;
  text: string;
  width: number;
  height: number;
}

// Visible links and buttons inside <header> and any <nav>, with their rendered size.
export const touchTargets = (page: Page): Promise<TouchTarget[]> =>
  page.evaluate(() => {
    const describe = (el: Element): string => {
      const parts: string[] = [];
      for (let e: Element | null = el; e && e !== document.body; e = e.parentElement) {
        let part = e.tagName.toLowerCase();
        if (e.id) part += `#${e.id}`;
        else if (e.classList.length) part += `.${[...e.classList].join('.')}`;
        else if (e.parentElement) {
          const same = [...e.parentElement.children].filter((c) => c.tagName === e!.tagName);
          if (same.length > 1) part += `:nth-of-type(${same.indexOf(e) + 1})`;
        }
        parts.unshift(part);
        if (e.tagName === 'HEADER' || e.tagName === 'NAV') break;
      }
      return parts.join(' > ');
    };
    const seen = new Set<Element>();
    const out: Array<{ selector: string; text: string; width: number; height: number }> = [];
    for (const el of document.querySelectorAll('header a, header button, nav a, nav button')) {
      if (seen.has(el)) continue;
      seen.add(el);
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      const offscreen = r.right <= 0 || r.bottom <= 0 || r.left >= document.documentElement.scrollWidth;
      if (r.width === 0 || r.height === 0 || style.visibility === 'hidden' || style.display === 'none' || offscreen) continue;
      const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim() || el.getAttribute('aria-label') || '';
      out.push({ selector: describe(el), text: text.slice(0, 40), width: Math.round(r.width * 10) / 10, height: Math.round(r.height * 10) / 10 });
    }
    return out;
  });

export interface ScriptInventory {
  external: string[]; // src of <script src>
  inlineBytes: number; // UTF-8 bytes of inline JavaScript
  inlineCount: number;
}

// Scripts in the DOM. Data blocks (application/ld+json and other non-JavaScript types) are not code.
export const scriptInventory = (page: Page): Promise<ScriptInventory> =>
  page.evaluate(() => {
    const js = (type: string) => ['', 'text/javascript', 'application/javascript', 'module', 'text/ecmascript'].includes(type.trim().toLowerCase());
    const external: string[] = [];
    let inlineBytes = 0;
    let inlineCount = 0;
    for (const s of document.querySelectorAll('script')) {
      if (s.hasAttribute('src')) external.push(s.getAttribute('src') ?? '');
      else if (js(s.getAttribute('type') ?? '')) {
        inlineCount++;
        inlineBytes += new TextEncoder().encode(s.textContent ?? '').length;
      }
    }
    return { external, inlineBytes, inlineCount };
  });

const AXE = path.join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
  targets: string[];
}

// axe-core's WCAG 2.1 A/AA rules over the loaded page.
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length, targets: v.nodes.slice(0, 3).map((n) => n.target.map(String).join(' ')) }));
  }, AXE_TAGS);
}

export const formatViolation = (where: string, v: AxeViolation) => `${where}: ${v.id} (${v.impact ?? 'no impact'}) ${v.help} — ${v.nodes} node(s): ${v.targets.join(' | ')}`;
