import crypto from 'node:crypto';
import { isCmsMedia } from '../render/render-rich-text';

// Pictures from the CMS media library, resized and converted into files named by their source
// and size: /media/<name>-<width>.<avif|webp|jpg>. The static build writes every variant the
// site's data references (pages/media/[...variant].ts); the warm renderer converts on request.
// Both name them the same way, so a page's HTML is the same bytes in both.

export const MEDIA_FORMATS = ['avif', 'webp', 'jpg'] as const;
export type MediaFormat = (typeof MEDIA_FORMATS)[number];

export interface MediaImage {
  url: string;
  alternativeText?: string | null;
  width?: number | null;
  height?: number | null;
}

export interface PictureVariants {
  name: string;
  width: number;
  height: number;
  widths: number[];
}

// The stem of the uploaded file (Strapi names them <name>_<hash>.<ext>) plus a digest of the
// whole URL: readable, and two sources never share a name.
function mediaName(url: string): string {
  const stem = (url.split('/').pop() ?? 'image').replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 60) || 'image';
  return `${stem}-${crypto.createHash('sha256').update(url).digest('hex').slice(0, 8)}`;
}

export function pictureVariants(image: MediaImage): PictureVariants {
  const width = image.width ?? 1200;
  const height = image.height ?? Math.round((width * 2) / 3);
  const widths = [360, 720, 1080].filter((w) => w < width).concat(Math.min(width, 1440));
  return { name: mediaName(image.url), width, height, widths };
}

export function mediaPath(name: string, width: number, format: MediaFormat): string {
  return `/media/${name}-${width}.${format}`;
}

// A type, not an interface: route props need an index signature.
export type MediaVariant = {
  // The file name under /media/: <name>-<width>.<format>
  variant: string;
  url: string;
  width: number;
  format: MediaFormat;
};

// Every picture the site can show: each object in the data with a media-library `url` and a
// `width` field (covers, photos, rich-text pictures; uploaded videos have no width).
export function mediaVariantsOf(data: unknown): MediaVariant[] {
  const found = new Map<string, MediaVariant>();
  const seen = new Set<object>();
  const visit = (value: unknown): void => {
    if (!value || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (value instanceof Map) return void [...value.values()].forEach(visit);
    if (Array.isArray(value)) return void value.forEach(visit);
    const record = value as Record<string, unknown>;
    if (typeof record.url === 'string' && 'width' in record && isCmsMedia(record.url)) {
      const picture = pictureVariants(record as unknown as MediaImage);
      for (const width of picture.widths) {
        for (const format of MEDIA_FORMATS) {
          const variant = mediaPath(picture.name, width, format).slice('/media/'.length);
          found.set(variant, { variant, url: record.url, width, format });
        }
      }
    }
    Object.values(record).forEach(visit);
  };
  visit(data);
  return [...found.values()].sort((a, b) => a.variant.localeCompare(b.variant));
}
