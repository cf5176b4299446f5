import crypto from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

// The encrypted container of a backup. A small readable header, then the tar stream cut into
// chunks, each sealed with AES-256-GCM (the STREAM construction, as in age): every chunk is
// authenticated before a byte of it is used, the chunk counter in the nonce stops reordering,
// and a "last chunk" flag in the nonce stops truncation. The header is the additional
// authenticated data of every chunk, so altering it is caught as well.
//
//   "SHEQUBAK" | uint32 BE header length | header JSON | chunk 0 | chunk 1 | … | last chunk
//   chunk = AES-256-GCM(content key, nonce = 0x000000 ‖ uint64 BE index ‖ last ? 1 : 0) ‖ 16-byte tag
//
// Every chunk but the last holds exactly `chunkSize` bytes of plaintext; the last holds
// 0…chunkSize. The content key is derived per archive (HKDF with the header's random salt) from
// the master key: 32 bytes from a key file, or scrypt of a passphrase.

export const MAGIC = Buffer.from('SHEQUBAK', 'ascii');
const TAG_BYTES = 16;
const DEFAULT_CHUNK = 1 << 20;
// scrypt cost: about 0.3 s and 128 MiB, once per backup or restore.
const SCRYPT = { N: 1 << 17, r: 8, p: 1 };

export type KeySource = 'passphrase' | 'key-file';

export interface ArchiveHeader {
  format: 1;
  keySource: KeySource;
  salt: string; // base64, 32 bytes
  scrypt?: { N: number; r: number; p: number };
  keyCheck: string; // base64, 16 bytes: tells a wrong key from a tampered archive
  chunkSize: number;
}

export class ArchiveError extends Error {}

export interface MasterKey {
  source: KeySource;
  // The passphrase or the key file's 32 bytes.
  secret: Buffer;
}

function masterBytes(key: MasterKey, header: Pick<ArchiveHeader, 'salt' | 'scrypt'>): Buffer {
  if (key.source === 'key-file') return key.secret;
  const params = header.scrypt ?? SCRYPT;
  return crypto.scryptSync(key.secret, Buffer.from(header.salt, 'base64'), 32, { ...params, maxmem: 256 * params.N * params.r });
}

function derive(master: Buffer, salt: string, purpose: string, length: number): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', master, Buffer.from(salt, 'base64'), `shequ-backup/v1/${purpose}`, length));
}

// A fresh header (random salt) for a new archive and the key its chunks are sealed with.
export function newHeader(key: MasterKey, chunkSize = DEFAULT_CHUNK): { header: ArchiveHeader; contentKey: Buffer } {
  const salt = crypto.randomBytes(32).toString('base64');
  const scrypt = key.source === 'passphrase' ? SCRYPT : undefined;
  const master = masterBytes(key, { salt, scrypt });
  const header: ArchiveHeader = {
    format: 1,
    keySource: key.source,
    salt,
    ...(scrypt ? { scrypt } : {}),
    keyCheck: derive(master, salt, 'key-check', 16).toString('base64'),
    chunkSize,
  };
  return { header, contentKey: derive(master, salt, 'content', 32) };
}

// The key an existing archive's chunks were sealed with, or a clear refusal when the key is wrong.
export function openHeader(header: ArchiveHeader, key: MasterKey): Buffer {
  const master = masterBytes(key, header);
  const check = derive(master, header.salt, 'key-check', 16);
  const expected = Buffer.from(header.keyCheck, 'base64');
  if (expected.length !== check.length || !crypto.timingSafeEqual(check, expected)) {
    throw new ArchiveError(
      key.source === 'passphrase'
        ? 'wrong passphrase: SHEQU_BACKUP_PASSPHRASE does not open this archive (or its header was altered)'
        : 'wrong key: this key file does not open this archive (or its header was altered); use the backup-key that was in the data folder when the backup was made',
    );
  }
  return derive(master, header.salt, 'content', 32);
}

export function encodeHeader(header: ArchiveHeader): Buffer {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  return Buffer.concat([MAGIC, length, json]);
}

// Reads the header from the start of a file's bytes; `bytes` is how many the header took.
export function decodeHeader(start: Buffer): { header: ArchiveHeader; bytes: number } {
  if (start.length < 12 || !start.subarray(0, 8).equals(MAGIC)) throw new ArchiveError('not a Shequ backup archive (no SHEQUBAK signature at the start)');
  const length = start.readUInt32BE(8);
  if (length > 4096 || start.length < 12 + length) throw new ArchiveError('damaged archive: the header is cut short or too long');
  let header: ArchiveHeader;
  try {
    header = JSON.parse(start.subarray(12, 12 + length).toString('utf8')) as ArchiveHeader;
  } catch {
    throw new ArchiveError('damaged archive: the header is not readable');
  }
  if (header.format !== 1) throw new ArchiveError(`archive format ${String(header.format)} is not known to this version of Shequ`);
  if (header.keySource !== 'passphrase' && header.keySource !== 'key-file') throw new ArchiveError('damaged archive: unknown key source in the header');
  if (!Number.isInteger(header.chunkSize) || header.chunkSize < 1024 || header.chunkSize > 64 << 20) throw new ArchiveError('damaged archive: bad chunk size in the header');
  return { header, bytes: 12 + length };
}

function nonce(index: bigint, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  n.writeBigUInt64BE(index, 3);
  n[11] = last ? 1 : 0;
  return n;
}

function seal(key: Buffer, aad: Buffer, index: bigint, last: boolean, plain: Buffer): Buffer {
  const cipher = crypto.createCipheriv('aes-256-gcm', key, nonce(index, last));
  cipher.setAAD(aad);
  return Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

function unseal(key: Buffer, aad: Buffer, index: bigint, last: boolean, sealed: Buffer): Buffer {
  if (sealed.length < TAG_BYTES) throw new ArchiveError('the archive is truncated (its end is missing)');
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, nonce(index, last));
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new ArchiveError(`the archive has been altered or damaged (chunk ${index} fails authentication${last ? ', or the archive is truncated' : ''}); nothing was restored`);
  }
}

// Collects incoming buffers without concatenating on every write (bounded by one chunk).
class ChunkBuffer {
  private parts: Buffer[] = [];
  length = 0;
  push(b: Buffer) {
    this.parts.push(b);
    this.length += b.length;
  }
  take(n: number): Buffer {
    const all = Buffer.concat(this.parts);
    this.parts = all.length > n ? [all.subarray(n)] : [];
    this.length = all.length - n;
    return all.subarray(0, n);
  }
}

// Plaintext in, header + sealed chunks out.
export function createEncryptStream(header: ArchiveHeader, contentKey: Buffer): Transform {
  const headerBytes = encodeHeader(header);
  const pending = new ChunkBuffer();
  let index = 0n;
  return new Transform({
    construct(callback) {
      this.push(headerBytes);
      callback();
    },
    transform(chunk: Buffer, _enc, callback: TransformCallback) {
      pending.push(chunk);
      // Only a chunk known not to be the last is sealed here; the last one is sealed in flush.
      while (pending.length > header.chunkSize) this.push(seal(contentKey, headerBytes, index++, false, pending.take(header.chunkSize)));
      callback();
    },
    flush(callback: TransformCallback) {
      this.push(seal(contentKey, headerBytes, index++, true, pending.take(pending.length)));
      callback();
    },
  });
}

// Sealed chunks in (the header already read by the caller), authenticated plaintext out. Fails
// on the first altered chunk, on reordered or dropped chunks and on a missing end.
export function createDecryptStream(header: ArchiveHeader, headerBytes: Buffer, contentKey: Buffer): Transform {
  const sealedSize = header.chunkSize + TAG_BYTES;
  const pending = new ChunkBuffer();
  let index = 0n;
  return new Transform({
    transform(chunk: Buffer, _enc, callback: TransformCallback) {
      pending.push(chunk);
      try {
        while (pending.length > sealedSize) this.push(unseal(contentKey, headerBytes, index++, false, pending.take(sealedSize)));
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    flush(callback: TransformCallback) {
      try {
        this.push(unseal(contentKey, headerBytes, index++, true, pending.take(pending.length)));
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
  });
}
