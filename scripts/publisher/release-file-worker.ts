import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { isMainThread, parentPort } from 'node:worker_threads';
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
export function prepareFile(dir: string, rel: string, options: PrepareOptions, bytes?: Buffer): PreparedFile {
  const file = path.join(dir, rel);
  const data = bytes ?? fs.readFileSync(file);
  const out: PreparedFile = { rel, digests: [[rel, digestOf(data)]] };
  if (options.scan && rel.endsWith('.html')) {
    const findings = scanPageForSpam(data.toString('utf8'), options.scan);
    if (findings.length) out.findings = findings;
  }
  if (options.compress && isTextFile(rel)) {
    const br = zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: options.compress.brotli, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } });
    const gz = zlib.gzipSync(data, { level: options.compress.gzip });
    fs.writeFileSync(`${file}.br`, br);
    fs.writeFileSync(`${file}.gz`, gz);
    out.digests.push([`${rel}.br`, digestOf(br)], [`${rel}.gz`, digestOf(gz)]);
  }
  return out;
}

export interface WorkerTask {
  dir: string;
  rels: string[];
  options: PrepareOptions;
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  port.on('message', (task: WorkerTask) => {
    try {
      port.postMessage({ ok: true, files: task.rels.map((rel) => prepareFile(task.dir, rel, task.options)) });
    } catch (error) {
      port.postMessage({ ok: false, error: (error as Error).message });
    }
  });
}
