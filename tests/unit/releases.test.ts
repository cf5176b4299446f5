import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRelease } from '../../scripts/publisher/check-release.ts';
import { pruneReleases } from '../../scripts/publisher/prune-releases.ts';
import { newReleaseId } from '../../scripts/publisher/publish-release.ts';
import { pickEncoding, resolveFile } from '../../scripts/publisher/serve-site.ts';
import { liveReleaseId, switchRelease } from '../../scripts/publisher/switch-release.ts';

function fakeRelease(root: string, id: string, pages: number): string {
  const dir = path.join(root, 'releases', id);
  for (const f of ['index.html', '404.html', 'sitemap-index.xml', 'robots.txt', 'feeds/news.xml', 'about/index.html', 'search/index.html', 'pagefind/pagefind-ui.js', 'pagefind/shards.json', 'gala/index.html']) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), id);
  }
  for (let i = 0; i < pages - 5; i += 1) {
    fs.mkdirSync(path.join(dir, 'p', String(i)), { recursive: true });
    fs.writeFileSync(path.join(dir, 'p', String(i), 'index.html'), 'x');
  }
  return dir;
}

describe('releases', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'shequ-releases-'));

  it('refuses a release with missing pages or a collapsed page count', () => {
    const ok = fakeRelease(root, 'a', 10);
    expect(checkRelease(ok, 12).pages).toBe(10);
    expect(() => checkRelease(ok, 100)).toThrow(/page count collapsed/);
    fs.rmSync(path.join(ok, '404.html'));
    expect(() => checkRelease(ok, undefined)).toThrow(/missing 404.html/);
  });

  it('switches the live link atomically to the new release', () => {
    const current = path.join(root, 'current');
    switchRelease(current, fakeRelease(root, 'b', 5));
    expect(liveReleaseId(current)).toBe('b');
    switchRelease(current, fakeRelease(root, 'c', 5));
    expect(liveReleaseId(current)).toBe('c');
    expect(fs.readFileSync(path.join(current, 'index.html'), 'utf8')).toBe('c');
  });

  it('keeps the newest releases and always the live one', () => {
    const r = path.join(root, 'releases');
    for (const id of ['d', 'e', 'f']) fakeRelease(root, id, 4);
    pruneReleases(r, 2, 'a');
    expect(fs.readdirSync(r).sort()).toEqual(['a', 'e', 'f']);
  });

  it('names releases so that newer sorts after older', () => {
    expect(newReleaseId(new Date('2026-01-02T03:04:05.006Z')) > newReleaseId(new Date('2026-01-02T03:04:05.005Z'))).toBe(true);
  });

  it('serves only files inside the release', () => {
    const dir = fakeRelease(root, 'g', 4);
    expect(resolveFile(dir, '/about/')).toBe(path.join(dir, 'about', 'index.html'));
    expect(resolveFile(dir, '/../../etc/passwd')).toBeUndefined();
    expect(resolveFile(dir, '/%2e%2e/%2e%2e/etc/passwd')).toBeUndefined();
    expect(resolveFile(dir, '/nope/')).toBeUndefined();
  });

  it('picks brotli, then gzip, then the plain file, as the reader accepts', () => {
    const dir = fakeRelease(root, 'h', 4);
    const file = path.join(dir, 'index.html');
    fs.writeFileSync(`${file}.br`, 'b');
    fs.writeFileSync(`${file}.gz`, 'g');
    expect(pickEncoding(file, 'gzip, deflate, br')).toEqual({ path: `${file}.br`, encoding: 'br' });
    expect(pickEncoding(file, 'gzip')).toEqual({ path: `${file}.gz`, encoding: 'gzip' });
    expect(pickEncoding(file, 'br;q=0, gzip')).toEqual({ path: `${file}.gz`, encoding: 'gzip' });
    expect(pickEncoding(file, '')).toEqual({ path: file });
    fs.rmSync(`${file}.br`);
    expect(pickEncoding(file, 'br')).toEqual({ path: file });
  });
});
