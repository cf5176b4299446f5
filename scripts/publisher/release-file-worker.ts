import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { isMainThread, parentPort, threadId } from 'node:worker_threads';
import zlib from 'node:zlib';
import type { Finding } from '@shequ/spam-guard';
import { scanPageForSpam } from './scan-release-for-spam.ts';

// One file of a release, read once: its digest, its spam findings (pages), and its .br/.gz
// twins (text files) written beside it with their digests. prepare-release-files.ts runs this
// on every core for a full release; a layer's few files run it in the publisher itself.

export const TEXT_EXTENSIONS = new Set(['.html', '.css', '.js', '.mjs', '.json', '.xml', '.txt', '.svg']);

export interface Compression {
  brotli: number; // quality 0–11
  gzip: number; // level 1–9
}

export interface PrepareOptions {
  scan?: string[]; // the link allowlist; scan pages for spam when given
  compress?: Compression; // write twins of text files when given
  // The publisher's object store: a text file with the same bytes as in the live release gets
  // that release's twins copied from the store (their digests checked) instead of compressed
  // again — a nightly full build changes few pages.
  objects?: string;
  // Skip the spam scan of a page whose bytes the live release published, when the live release
  // was scanned with the very same signatures and allowlist (see spamScanKey): same bytes, same
  // matcher, same answer.
  skipScanOfUnchanged?: boolean;
  // Also put every file and twin the store lacks into it, from the very bytes just digested
  // (store-release-copy.ts then finds them there instead of copying 600,000 files again).
  storeObjects?: boolean;
}

// What the live release holds at a path, for reusing its twins.
export interface PreviousFile {
  sha256: string;
  br?: FileDigest;
  gz?: FileDigest;
}

export interface FileDigest {
  sha256: string;
  size: number;
}

export interface PreparedFile {
  rel: string;
  digests: Array<[string, FileDigest]>; // the file and any twins written
  findings?: Finding[];
}

const digestOf = (bytes: Buffer): FileDigest => ({ sha256: crypto.createHash('sha256').update(bytes).digest('hex'), size: bytes.length });

export function isTextFile(rel: string): boolean {
  return TEXT_EXTENSIONS.has(path.extname(rel));
}

// `bytes`: the file's content when the caller holds it already (a layer's changed files).
export function prepareFile(dir: string, rel: string, options: PrepareOptions, bytes?: Buffer, previous?: PreviousFile): PreparedFile {
  const file = path.join(dir, rel);
  const data = bytes ?? fs.readFileSync(file);
  const digest = digestOf(data);
  const out: PreparedFile = { rel, digests: [[rel, digest]] };
  const unchanged = previous?.sha256 === digest.sha256;
  if (options.scan && rel.endsWith('.html') && !(unchanged && options.skipScanOfUnchanged)) {
    const findings = scanPageForSpam(data.toString('utf8'), options.scan);
    if (findings.length) out.findings = findings;
  }
  if (options.storeObjects && options.objects) storeObject(options.objects, digest, data);
  if (options.compress && isTextFile(rel) && options.objects && unchanged && previous?.br && previous.gz) {
    const twins = [copyTwin(options.objects, previous.br, `${file}.br`), copyTwin(options.objects, previous.gz, `${file}.gz`)];
    if (twins.every(Boolean)) {
      out.digests.push([`${rel}.br`, previous.br], [`${rel}.gz`, previous.gz]);
      return out;
    }
  }
  if (options.compress && isTextFile(rel)) {
    const br = zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: options.compress.brotli, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } });
    const gz = zlib.gzipSync(data, { level: options.compress.gzip });
    fs.writeFileSync(`${file}.br`, br);
    fs.writeFileSync(`${file}.gz`, gz);
    const twins: Array<[string, FileDigest]> = [[`${rel}.br`, digestOf(br)], [`${rel}.gz`, digestOf(gz)]];
    if (options.storeObjects && options.objects) {
      storeObject(options.objects, twins[0][1], br);
      storeObject(options.objects, twins[1][1], gz);
    }
    out.digests.push(...twins);
  }
  return out;
}

const brotliAsync = promisify(zlib.brotliCompress);
const gzipAsync = promisify(zlib.gzip);

// A layer's changed file, whose bytes the caller holds: written with its twins, compressed on
// libuv's threads so a few dozen files use every core without starting workers.
export async function writeFileWithTwins(dir: string, rel: string, data: Buffer, compression: Compression): Promise<Array<[string, FileDigest]>> {
  const file = path.join(dir, rel);
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  await fs.promises.writeFile(file, data);
  const digests: Array<[string, FileDigest]> = [[rel, digestOf(data)]];
  if (!isTextFile(rel)) return digests;
  const [br, gz] = await Promise.all([
    brotliAsync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: compression.brotli, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } }),
    gzipAsync(data, { level: compression.gzip }),
  ]);
  await Promise.all([fs.promises.writeFile(`${file}.br`, br), fs.promises.writeFile(`${file}.gz`, gz)]);
  digests.push([`${rel}.br`, digestOf(br)], [`${rel}.gz`, digestOf(gz)]);
  return digests;
}

// Writes an object the store lacks (through a temporary name, so a reader never sees half).
function storeObject(objects: string, digest: FileDigest, bytes: Buffer): void {
  const object = path.join(objects, digest.sha256);
  if (fs.existsSync(object)) return;
  const tmp = `${object}.tmp-${process.pid}-${threadId}`;
  fs.writeFileSync(tmp, bytes);
  fs.renameSync(tmp, object);
}

// Copies a stored twin into place if the store holds exactly the bytes the manifest names.
function copyTwin(objects: string, digest: FileDigest, target: string): boolean {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(path.join(objects, digest.sha256));
  } catch {
    return false;
  }
  const actual = digestOf(bytes);
  if (actual.sha256 !== digest.sha256 || actual.size !== digest.size) return false;
  fs.writeFileSync(target, bytes);
  return true;
}

export interface WorkerTask {
  dir: string;
  rels: string[];
  options: PrepareOptions;
  previous?: Record<string, PreviousFile>;
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  port.on('message', (task: WorkerTask) => {
    try {
      port.postMessage({ ok: true, files: task.rels.map((rel) => prepareFile(task.dir, rel, task.options, undefined, task.previous?.[rel])) });
    } catch (error) {
      port.postMessage({ ok: false, error: (error as Error).message });
    }
  });
}
