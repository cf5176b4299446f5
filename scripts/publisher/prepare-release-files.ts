import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { prepareFile, type FileDigest, type PreparedFile, type PrepareOptions, type PreviousFile, type WorkerTask } from './release-file-worker.ts';

const BATCH = 400;
// Below this many files, starting workers (≈ 0.1 s each) costs more than it saves.
const IN_PROCESS_BELOW = 1500;

export interface PreparedRelease {
  digests: Map<string, FileDigest>; // every file read and every twin written, by release path
  spam: Array<{ page: string; findings: NonNullable<PreparedFile['findings']> }>;
}

// Reads every listed file of a release once, on every core (worker threads): digests it,
// scans pages for spam and writes .br/.gz twins of text files (release-file-worker.ts). The
// digests feed the signed manifest, so nothing is hashed twice. `previous`: the digests of the
// live release by path, so unchanged text files reuse their twins (options.objects).
export async function prepareReleaseFiles(dir: string, rels: string[], options: PrepareOptions, previous?: Map<string, FileDigest>): Promise<PreparedRelease> {
  const previousOf = (rel: string): PreviousFile | undefined => {
    const own = previous?.get(rel);
    return own && { sha256: own.sha256, br: previous?.get(`${rel}.br`), gz: previous?.get(`${rel}.gz`) };
  };
  const result: PreparedRelease = { digests: new Map(), spam: [] };
  const take = (files: PreparedFile[]) => {
    for (const f of files) {
      for (const [rel, digest] of f.digests) result.digests.set(rel, digest);
      if (f.findings) result.spam.push({ page: `/${f.rel}`, findings: f.findings });
    }
  };
  if (rels.length < IN_PROCESS_BELOW) {
    take(rels.map((rel) => prepareFile(dir, rel, options, undefined, previousOf(rel))));
    return result;
  }
  const batches: string[][] = [];
  for (let i = 0; i < rels.length; i += BATCH) batches.push(rels.slice(i, i + BATCH));
  const count = Math.max(1, Math.min(os.availableParallelism(), 4, batches.length));
  const workers = Array.from({ length: count }, () => new Worker(new URL('./release-file-worker.ts', import.meta.url)));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const feed = () => {
              const rels = batches.shift();
              if (!rels) return resolve();
              const known = previous ? Object.fromEntries(rels.flatMap((rel) => { const p = previousOf(rel); return p ? [[rel, p]] : []; })) : undefined;
              worker.postMessage({ dir, rels, options, previous: known } satisfies WorkerTask);
            };
            worker.on('message', (answer: { ok: true; files: PreparedFile[] } | { ok: false; error: string }) => {
              if (!answer.ok) return reject(new Error(answer.error));
              take(answer.files);
              feed();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`a release file worker stopped (exit ${code})`))));
            feed();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return result;
}
