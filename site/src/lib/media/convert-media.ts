import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { mediaUrl } from '../cms';
import type { MediaFormat } from './media-variants';

// One picture variant's bytes, converted once and kept in a disk cache shared by builds and
// the warm renderer (SHEQU_MEDIA_CACHE, default <tmp>/shequ-media-cache): a new release does
// not convert the same picture again. Uploaded files get a new name when replaced, so the
// source URL, width and format name a variant for good.
const CONVERSION = 'v1';
const QUALITY: Record<MediaFormat, number> = { avif: 50, webp: 80, jpg: 80 };

export function mediaCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.SHEQU_MEDIA_CACHE || path.join(os.tmpdir(), 'shequ-media-cache');
}

async function fetchSource(url: string): Promise<Buffer> {
  const res = await fetch(mediaUrl(url));
  if (!res.ok) throw new Error(`picture ${url}: the CMS answered ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

// Sources being converted into several variants at once are fetched once.
const sources = new Map<string, Promise<Buffer>>();

async function convert(url: string, width: number, format: MediaFormat): Promise<Buffer> {
  let source = sources.get(url);
  if (!source) {
    source = fetchSource(url);
    sources.set(url, source);
    source.then(() => setTimeout(() => sources.delete(url), 30_000).unref(), () => sources.delete(url));
  }
  const image = sharp(await source).rotate().resize({ width, withoutEnlargement: true });
  if (format === 'avif') return image.avif({ quality: QUALITY.avif }).toBuffer();
  if (format === 'webp') return image.webp({ quality: QUALITY.webp }).toBuffer();
  return image.flatten({ background: '#ffffff' }).jpeg({ quality: QUALITY.jpg, mozjpeg: true }).toBuffer();
}

export async function convertMedia(url: string, width: number, format: MediaFormat): Promise<Buffer> {
  const dir = mediaCacheDir();
  const key = crypto.createHash('sha256').update(`${CONVERSION}\n${url}\n${width}\n${format}`).digest('hex');
  const file = path.join(dir, key.slice(0, 2), `${key}.${format}`);
  try {
    return await fs.promises.readFile(file);
  } catch {
    // Not converted yet.
  }
  const bytes = await convert(url, width, format);
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
  await fs.promises.writeFile(temp, bytes);
  await fs.promises.rename(temp, file);
  return bytes;
}
