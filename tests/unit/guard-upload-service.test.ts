import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { guardUploadService } from '../../cms/src/security/guard-upload-service.ts';

// The upload service's own guard, for the uploads that come through no multipart request
// (import from a URL, the seeder). Strapi is replaced by the one service the guard wraps.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shequ-upload-guard-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer) {
  const filepath = path.join(dir, `${Math.random()}`);
  fs.writeFileSync(filepath, content);
  return { filepath, originalFilename: name, mimetype: 'image/jpeg', size: 1 };
}

function guardedService() {
  const stored: string[] = [];
  const service = {
    upload: async ({ files }: { files: Array<{ originalFilename: string }> }) => {
      stored.push(...files.map((f) => f.originalFilename));
      return files;
    },
    replace: async (_id: unknown, { file: f }: { file: { originalFilename: string } }) => {
      stored.push(f.originalFilename);
      return f;
    },
  };
  const strapi = { plugin: () => ({ service: () => service }) };
  guardUploadService(strapi as unknown as Parameters<typeof guardUploadService>[0]);
  return { service: service as unknown as { upload: (a: unknown) => Promise<unknown>; replace: (id: unknown, a: unknown) => Promise<unknown> }, stored };
}

describe('the upload service guard', () => {
  it('passes an allowed picture on to Strapi', async () => {
    const { service, stored } = guardedService();
    await service.upload({ data: {}, files: [file('合影.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0]))] });
    expect(stored).toEqual(['合影.jpg']);
  });

  it('refuses a web page named .jpg, in an upload and in a replacement, before Strapi stores anything', async () => {
    const { service, stored } = guardedService();
    await expect(service.upload({ data: {}, files: [file('photo.jpg', '<!DOCTYPE html><script>alert(1)</script>')] })).rejects.toThrow('内容不是允许的');
    await expect(service.replace(1, { data: {}, file: file('photo.jpg', '<svg onload="alert(1)"/>') })).rejects.toThrow('内容不是允许的');
    expect(stored).toEqual([]);
  });
});
