import { describe, expect, it } from 'vitest';
import { detectAllowedMime, uploadRefusal } from '../../cms/src/security/check-upload-file.ts';

const bytes = (...parts: Array<string | number[]>) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));
const u32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];

const SAMPLES: Record<string, Uint8Array> = {
  'image/jpeg': bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF'),
  'image/png': bytes('\x89PNG\r\n\x1a\n', [0, 0, 0, 13], 'IHDR'),
  'image/gif': bytes('GIF89a', [1, 0, 1, 0]),
  'image/webp': bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '),
  'image/avif': bytes(u32(28), 'ftyp', 'avif', [0, 0, 0, 0], 'avif', 'mif1', 'miaf'),
  'application/pdf': bytes('%PDF-1.7\n'),
  'video/mp4': bytes(u32(24), 'ftyp', 'isom', [0, 0, 2, 0], 'isom', 'mp41'),
  'video/webm': bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01], [0x42, 0x82, 0x84], 'webm'),
};

describe('the upload allowlist', () => {
  it('recognises each allowed type by its first bytes', () => {
    for (const [mime, head] of Object.entries(SAMPLES)) expect(detectAllowedMime(head), mime).toBe(mime);
  });

  it('recognises no HTML, SVG, script, executable, HEIC or QuickTime content', () => {
    for (const text of ['<!DOCTYPE html><html>', '<svg xmlns="http://www.w3.org/2000/svg">', '<?xml version="1.0"?><svg/>', '#!/bin/sh\n', 'MZ\x90\x00', '\x7fELF']) {
      expect(detectAllowedMime(bytes(text)), text).toBeUndefined();
    }
    expect(detectAllowedMime(bytes(u32(24), 'ftyp', 'heic', [0, 0, 0, 0], 'mif1', 'heic'))).toBeUndefined();
    expect(detectAllowedMime(bytes(u32(20), 'ftyp', 'qt  ', [0, 0, 0, 0], 'qt  '))).toBeUndefined();
  });

  it('accepts an allowed file under an allowed extension', () => {
    expect(uploadRefusal('合影.JPG', SAMPLES['image/jpeg'])).toBeNull();
    expect(uploadRefusal('programme.v2.pdf', SAMPLES['application/pdf'])).toBeNull();
    expect(uploadRefusal('gala.webm', SAMPLES['video/webm'])).toBeNull();
  });

  it('refuses HTML and SVG by extension, by disguised content and behind a double extension, in Chinese', () => {
    expect(uploadRefusal('page.html', bytes('<html>'))).toContain('不允许上传');
    expect(uploadRefusal('logo.svg', bytes('<svg>'))).toContain('不允许上传');
    expect(uploadRefusal('photo.jpg', bytes('<!DOCTYPE html><script>alert(1)</script>'))).toContain('内容不是允许的');
    expect(uploadRefusal('photo.png', bytes('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'))).toContain('内容不是允许的');
    expect(uploadRefusal('x.html.png', SAMPLES['image/png'])).toContain('含有不允许的扩展名（.html）');
    expect(uploadRefusal('setup.exe', bytes('MZ'))).toContain('不允许上传');
    expect(uploadRefusal('README', bytes('%PDF-'))).toContain('没有扩展名');
  });
});
