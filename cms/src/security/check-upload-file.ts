import fs from 'node:fs/promises';
import { securityMessages } from '../domain/vocabulary';

// What the CMS accepts as an upload: pictures, PDF documents and videos (gala programmes),
// recognised by their content and by their extension; everything else — HTML and SVG above
// all, which a browser would run as a page on the CMS's own address — is refused.

export interface AllowedKind {
  mime: string;
  extensions: string[];
}

export const ALLOWED_UPLOADS: AllowedKind[] = [
  { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  { mime: 'image/png', extensions: ['png'] },
  { mime: 'image/webp', extensions: ['webp'] },
  { mime: 'image/avif', extensions: ['avif'] },
  { mime: 'image/gif', extensions: ['gif'] },
  { mime: 'application/pdf', extensions: ['pdf'] },
  { mime: 'video/mp4', extensions: ['mp4'] },
  { mime: 'video/webm', extensions: ['webm'] },
];

// Types that are never accepted, whatever the content says (also given to Strapi's own check).
export const REFUSED_UPLOAD_MIMES = ['text/html', 'application/xhtml+xml', 'image/svg+xml', 'text/xml', 'application/xml', 'application/javascript', 'text/javascript'];

// Extensions that make a file dangerous when a web server looks past the last dot (x.html.png).
const DANGEROUS_INNER_EXTENSIONS = new Set([
  'html', 'htm', 'xhtml', 'shtml', 'svg', 'svgz', 'xml', 'js', 'mjs', 'php', 'phtml', 'asp', 'aspx', 'jsp',
  'cgi', 'pl', 'py', 'sh', 'exe', 'bat', 'cmd', 'com', 'msi', 'dll', 'jar', 'hta', 'swf',
]);

const ascii = (bytes: Uint8Array, start: number, length: number) => String.fromCharCode(...bytes.subarray(start, start + length));
const AVIF_BRANDS = new Set(['avif', 'avis']);
const MP4_BRANDS = new Set(['isom', 'iso2', 'iso3', 'iso4', 'iso5', 'iso6', 'iso8', 'iso9', 'mp41', 'mp42', 'avc1', 'dash', 'M4V ', 'mmp4', 'MSNV']);

// The ISO base media brands (major and compatible) of an `ftyp` box at the start of a file.
function isoBrands(head: Uint8Array): string[] {
  if (head.length < 12 || ascii(head, 4, 4) !== 'ftyp') return [];
  const size = Math.min(new DataView(head.buffer, head.byteOffset).getUint32(0), head.length);
  const brands = [ascii(head, 8, 4)];
  for (let at = 16; at + 4 <= size; at += 4) brands.push(ascii(head, at, 4));
  return brands;
}

// The allowed type a file's first bytes show, or undefined when they show none of them.
export function detectAllowedMime(head: Uint8Array): string | undefined {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (ascii(head, 0, 8) === '\x89PNG\r\n\x1a\n') return 'image/png';
  if (['GIF87a', 'GIF89a'].includes(ascii(head, 0, 6))) return 'image/gif';
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 4) === 'WEBP') return 'image/webp';
  if (ascii(head, 0, 5) === '%PDF-') return 'application/pdf';
  const brands = isoBrands(head);
  if (brands.some((b) => AVIF_BRANDS.has(b))) return 'image/avif';
  if (brands.some((b) => MP4_BRANDS.has(b))) return 'video/mp4';
  if (head.length >= 4 && head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3 && ascii(head, 0, 64).includes('webm')) return 'video/webm';
  return undefined;
}

// The Chinese reason a file is refused, or null when it is allowed.
export function uploadRefusal(fileName: string, head: Uint8Array): string | null {
  const parts = fileName.toLowerCase().split('.');
  if (parts.length < 2 || !parts[parts.length - 1]) return securityMessages.uploadNoExtension(fileName);
  const ext = parts[parts.length - 1];
  if (!ALLOWED_UPLOADS.some((k) => k.extensions.includes(ext))) return securityMessages.uploadExtensionRefused(fileName, ext);
  const hidden = parts.slice(1, -1).find((p) => DANGEROUS_INNER_EXTENSIONS.has(p));
  if (hidden) return securityMessages.uploadHiddenExtension(fileName, hidden);
  if (!detectAllowedMime(head)) return securityMessages.uploadContentRefused(fileName);
  return null;
}

// A file as Strapi's multipart parser and upload service carry it.
export interface IncomingFile {
  filepath?: string;
  path?: string;
  originalFilename?: string | null;
  name?: string;
}

// Reads the start of an uploaded file and returns why it is refused, or null.
export async function checkUploadFile(file: IncomingFile): Promise<string | null> {
  const fileName = file.originalFilename || file.name || '';
  const filePath = file.filepath ?? file.path;
  let head = new Uint8Array(0);
  if (filePath) {
    const handle = await fs.open(filePath, 'r');
    try {
      const buffer = Buffer.alloc(4100);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      head = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }
  return uploadRefusal(fileName, head);
}
