import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scanPageForSpam, scanReleaseForSpam } from '../../scripts/publisher/scan-release-for-spam.ts';
import { linkAllowlist } from '../../scripts/spam-guard/index.js';

const allowlist = linkAllowlist({}, ['shequ.example.org']);
const page = (main: string, head = '') =>
  `<!doctype html><html lang="zh-CN"><head><title>社区新闻</title>${head}<style>.elder-link{display:none}</style></head>` +
  `<body><button hidden data-elder-toggle>长辈模式</button><main>${main}</main><script>try{localStorage.getItem('x')}catch(e){}</script></body></html>`;
const signaturesOf = (html: string) => scanPageForSpam(html, allowlist).map((f) => f.signature);

describe('the release spam scan', () => {
  let dir = '';
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  const release = (pages: Record<string, string>) => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shequ-spam-scan-'));
    for (const [file, html] of Object.entries(pages)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), html);
    }
    return dir;
  };

  it("passes ordinary pages, the site's own hiding styles and scripts, and allowed links", () => {
    const ordinary = page(
      '<h1>社区体育活动</h1><p>全民健身，体育公园，国际志愿者日，老年大学。</p><a href="/about/">关于</a><a href="https://www.gov.cn/" rel="nofollow noopener noreferrer ugc">中国政府网</a>' +
        '<a href="https://shequ.example.org/x/">本站</a><a href="mailto:a@b.cn">信箱</a><img src="/_astro/a.webp" alt="">',
      '<meta name="description" content="社区棋牌室开放，体育彩票投注站迁址">',
    );
    expect(scanReleaseForSpam(release({ 'index.html': ordinary, 'articles/a/index.html': ordinary }), allowlist)).toEqual({ pages: 2 });
  });

  it('finds gambling text in visible text, in hidden elements and in meta descriptions', () => {
    expect(signaturesOf(page('<p>欢迎访问888体育</p>'))).toContain('digits-gambling-brand');
    expect(signaturesOf(page('<div hidden><p>澳门真人百家乐</p></div>'))).toEqual(expect.arrayContaining(['macau-gambling', 'casino-games']));
    expect(signaturesOf(page('<p>新闻</p>', '<meta name="description" content="365娱乐官网">'))).toContain('digits-gambling-brand');
    expect(signaturesOf(page('<p>８８８&#x4F53;育</p>'))).toContain('digits-gambling-brand');
  });

  it('finds hiding inline styles and links to domains outside the allowlist', () => {
    expect(signaturesOf(page('<p>社区<span style="position:absolute;left:-9999px">x</span></p>'))).toContain('css-off-screen');
    expect(signaturesOf(page('<p style="font-size:0">a</p>'))).toContain('css-zero-size');
    expect(signaturesOf(page('<a href="https://bet888.example/">x</a>'))).toContain('link-not-allowed');
    expect(signaturesOf(page('<a href="//bet888.example/">x</a>'))).toContain('link-not-allowed');
    expect(signaturesOf(page('<p>详见 www.hg0088.com</p>'))).toContain('link-not-allowed');
  });

  it('refuses a release naming every page and signature it found', () => {
    const dir = release({
      'index.html': page('<p>首页</p>'),
      'articles/spam/index.html': page('<p>888体育</p>'),
      'ledgers/x/index.html': page('<div style="display:none"><a href="https://casino.example/">c</a></div>'),
    });
    let message = '';
    try {
      scanReleaseForSpam(dir, allowlist);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('release carries SEO spam on 2 page(s)');
    expect(message).toContain('/articles/spam/index.html: digits-gambling-brand “888体育”');
    expect(message).toMatch(/\/ledgers\/x\/index\.html: .*css-display-none.*link-not-allowed “casino\.example”/);
    expect(message).not.toMatch(/^\/index\.html: /m);
  });
});
