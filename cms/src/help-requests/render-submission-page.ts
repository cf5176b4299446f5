import { helpRequestMessages as m } from '../domain/vocabulary';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// The page a reader without JavaScript sees when the CMS refuses the form: what was wrong, and
// the text they wrote, so nothing is lost. Every value is escaped; the page loads nothing.
export function renderSubmissionPage(options: {
  title: string;
  intro: string;
  errors: string[];
  submitted: Array<{ label: string; value: string }>;
  helpUrl: string;
}): string {
  const items = options.errors.map((e) => `<li>${escapeHtml(e)}</li>`).join('');
  const kept = options.submitted.filter((f) => f.value.trim() !== '');
  const text = kept.length
    ? `<h2>${escapeHtml(m.yourText)}</h2><dl>${kept.map((f) => `<dt>${escapeHtml(f.label)}</dt><dd><pre>${escapeHtml(f.value)}</pre></dd>`).join('')}</dl>`
    : '';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(options.title)}</title>
<style>body{font:1.125rem/1.7 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
h1{font-size:1.6rem}li{margin:.5rem 0;color:#8a1c1c}pre{white-space:pre-wrap;font:inherit;background:#f4f4f4;padding:.5rem;margin:0}
dt{font-weight:bold;margin-top:.75rem}dd{margin:0}a{color:#0b4f9c;display:inline-block;padding:.5rem 0;min-height:44px}</style></head>
<body><main><h1>${escapeHtml(options.title)}</h1><p>${escapeHtml(options.intro)}</p><ul>${items}</ul>
<p>${escapeHtml(m.goBack)}<a href="${escapeHtml(options.helpUrl)}">${escapeHtml(m.backLink)}</a>。</p>${text}</main></body></html>`;
}
