import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BULK_COMPRESSION } from '../../scripts/publisher/compress-release.ts';
import { prepareReleaseFiles } from '../../scripts/publisher/prepare-release-files.ts';
import { listReleaseFiles } from '../../scripts/publisher/release-manifest.ts';
import { linkAllowlist } from '../../scripts/spam-guard/index.js';

const allowlist = linkAllowlist({}, ['shequ.example.org']);
const sha256 = (b: Buffer | string) => crypto.createHash('sha256').update(b).digest('hex');

function folder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shequ-prepare-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

describe('preparing the files of a release', () => {
  it('reads every file once on worker threads: digests of each file and of the twins it writes, and the pages carrying spam', async () => {
    const files: Record<string, string> = { 'images/a.webp': 'RIFF' };
    for (let i = 0; i < 1600; i += 1) files[`p/${i}/index.html`] = `<!doctype html><h1>社区活动 ${i}</h1>`;
    files['p/7/index.html'] = '<!doctype html><p>欢迎访问888体育</p>';
    const dir = folder(files);
    const prepared = await prepareReleaseFiles(dir, listReleaseFiles(dir), { scan: allowlist, compress: BULK_COMPRESSION });
    expect(prepared.spam).toEqual([expect.objectContaining({ page: '/p/7/index.html' })]);
    const page = fs.readFileSync(path.join(dir, 'p/3/index.html'));
    expect(prepared.digests.get('p/3/index.html')).toEqual({ sha256: sha256(page), size: page.length });
    const br = fs.readFileSync(path.join(dir, 'p/3/index.html.br'));
    expect(zlib.brotliDecompressSync(br).equals(page)).toBe(true);
    expect(prepared.digests.get('p/3/index.html.br')).toEqual({ sha256: sha256(br), size: br.length });
    expect(prepared.digests.get('images/a.webp')?.size).toBe(4);
    expect(fs.existsSync(path.join(dir, 'images/a.webp.br'))).toBe(false);
    expect(prepared.digests.size).toBe(1 + 1600 * 3);
  });

  it("reuses the live release's stored twins of a page whose bytes did not change, and compresses again when the stored twin is not the signed one", async () => {
    const page = '<!doctype html><h1>未改的页面</h1>';
    const dir = folder({ 'a/index.html': page, 'b/index.html': page });
    const objects = fs.mkdtempSync(path.join(os.tmpdir(), 'shequ-objects-'));
    // Stored twins that differ from what compressing now would give, to see which is used.
    const storedBr = zlib.brotliCompressSync(Buffer.from(page), { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } });
    const storedGz = zlib.gzipSync(Buffer.from(page), { level: 1 });
    for (const b of [storedBr, storedGz]) fs.writeFileSync(path.join(objects, sha256(b)), b);
    const twin = (b: Buffer) => ({ sha256: sha256(b), size: b.length });
    const previous = new Map([
      ['a/index.html', { sha256: sha256(page), size: Buffer.byteLength(page) }],
      ['a/index.html.br', twin(storedBr)],
      ['a/index.html.gz', twin(storedGz)],
      ['b/index.html', { sha256: sha256(page), size: Buffer.byteLength(page) }],
      ['b/index.html.br', { sha256: sha256('not stored'), size: 10 }],
      ['b/index.html.gz', twin(storedGz)],
    ]);
    const prepared = await prepareReleaseFiles(dir, ['a/index.html', 'b/index.html'], { compress: BULK_COMPRESSION, objects }, previous);
    expect(fs.readFileSync(path.join(dir, 'a/index.html.br')).equals(storedBr)).toBe(true);
    expect(prepared.digests.get('a/index.html.gz')).toEqual(twin(storedGz));
    const fresh = fs.readFileSync(path.join(dir, 'b/index.html.br'));
    expect(fresh.equals(storedBr)).toBe(false);
    expect(zlib.brotliDecompressSync(fresh).toString()).toBe(page);
    expect(prepared.digests.get('b/index.html.br')).toEqual(twin(fresh));
  });

  it('skips the spam scan only of a page whose bytes the live release published under the same matcher, and scans every other page', async () => {
    const spam = '<!doctype html><p>欢迎访问888体育</p>';
    const dir = folder({ 'same/index.html': spam, 'new/index.html': spam });
    const previous = new Map([['same/index.html', { sha256: sha256(spam), size: Buffer.byteLength(spam) }]]);
    const skipping = await prepareReleaseFiles(dir, ['same/index.html', 'new/index.html'], { scan: allowlist, skipScanOfUnchanged: true }, previous);
    expect(skipping.spam.map((p) => p.page)).toEqual(['/new/index.html']);
    // Scanned with another matcher (the caller does not allow skipping): every page again.
    const scanning = await prepareReleaseFiles(dir, ['same/index.html', 'new/index.html'], { scan: allowlist }, previous);
    expect(scanning.spam.map((p) => p.page).sort()).toEqual(['/new/index.html', '/same/index.html']);
  });
});
