import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { createDecryptStream, createEncryptStream, decodeHeader, newHeader, openHeader, type MasterKey } from '../../scripts/backup/archive-crypto.ts';

// The backup container: chunked AES-256-GCM. Small chunks here so that the edge cases (exact
// multiples, dropped, swapped and cut chunks) are cheap to build.
const CHUNK = 1024;
const TAG = 16;
const key: MasterKey = { source: 'key-file', secret: crypto.randomBytes(32) };

async function seal(plain: Buffer): Promise<Buffer> {
  const { header, contentKey } = newHeader(key, CHUNK);
  return buffer(Readable.from([plain]).pipe(createEncryptStream(header, contentKey)));
}

async function open(archive: Buffer, with_: MasterKey = key): Promise<Buffer> {
  const { header, bytes } = decodeHeader(archive);
  const contentKey = openHeader(header, with_);
  return buffer(Readable.from([archive.subarray(bytes)]).pipe(createDecryptStream(header, archive.subarray(0, bytes), contentKey)));
}

function split(archive: Buffer): { head: Buffer; chunks: Buffer[] } {
  const { bytes } = decodeHeader(archive);
  const chunks: Buffer[] = [];
  for (let i = bytes; i < archive.length; i += CHUNK + TAG) chunks.push(archive.subarray(i, Math.min(i + CHUNK + TAG, archive.length)));
  return { head: archive.subarray(0, bytes), chunks };
}

describe('the backup container', () => {
  it.each([0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 5 * CHUNK, 5 * CHUNK + 17])('gives back exactly what was sealed (%i bytes)', async (size) => {
    const plain = crypto.randomBytes(size);
    expect((await open(await seal(plain))).equals(plain)).toBe(true);
  });

  it('opens with the same passphrase and refuses another one as a wrong passphrase', async () => {
    const pass: MasterKey = { source: 'passphrase', secret: Buffer.from('correct horse battery staple') };
    const { header, contentKey } = newHeader(pass, CHUNK);
    const archive = await buffer(Readable.from([Buffer.from('hello')]).pipe(createEncryptStream(header, contentKey)));
    expect((await open(archive, pass)).toString()).toBe('hello');
    await expect(open(archive, { source: 'passphrase', secret: Buffer.from('wrong horse battery staple') })).rejects.toThrow('wrong passphrase');
  });

  it('refuses a wrong key file', async () => {
    const archive = await seal(Buffer.from('hello'));
    await expect(open(archive, { source: 'key-file', secret: crypto.randomBytes(32) })).rejects.toThrow('wrong key');
  });

  it('refuses a flipped bit anywhere in the chunks', async () => {
    const archive = await seal(crypto.randomBytes(3 * CHUNK));
    for (const at of [split(archive).head.length, archive.length - 1, Math.floor(archive.length / 2)]) {
      const altered = Buffer.from(archive);
      altered[at] ^= 0x80;
      await expect(open(altered)).rejects.toThrow('altered or damaged');
    }
  });

  it('refuses an altered header, swapped chunks, a dropped chunk and a cut at a chunk boundary', async () => {
    const archive = await seal(crypto.randomBytes(3 * CHUNK + 10));
    const { head, chunks } = split(archive);
    const header = JSON.parse(head.subarray(12).toString()) as Record<string, unknown>;
    const otherHead = Buffer.from(JSON.stringify({ ...header, chunkSize: CHUNK * 2 }));
    const length = Buffer.alloc(4);
    length.writeUInt32BE(otherHead.length);
    await expect(open(Buffer.concat([head.subarray(0, 8), length, otherHead, ...chunks]))).rejects.toThrow();
    await expect(open(Buffer.concat([head, chunks[1], chunks[0], chunks[2], chunks[3]]))).rejects.toThrow('altered or damaged');
    await expect(open(Buffer.concat([head, chunks[0], chunks[2], chunks[3]]))).rejects.toThrow('altered or damaged');
    await expect(open(Buffer.concat([head, ...chunks.slice(0, 3)]))).rejects.toThrow('truncated');
  });

  it('is not a backup without its signature', () => {
    expect(() => decodeHeader(Buffer.from('PK\u0003\u0004 a zip file, not a backup'))).toThrow('not a Shequ backup archive');
  });
});
