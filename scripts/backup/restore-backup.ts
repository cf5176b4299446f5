import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as tar from 'tar';
import { dataDir as defaultDataDir } from '../lib/paths.ts';
import { ArchiveError, createDecryptStream, decodeHeader, openHeader } from './archive-crypto.ts';
import { keyForRestore } from './backup-key.ts';
import { readManifest, verifyAgainstManifest, type Manifest } from './backup-manifest.ts';
import { checkSqliteIntegrity, countSqliteTables, postgresTableCount, restorePostgres, type TableCounts } from './snapshot-database.ts';

// `npm run restore -- <archive> [--key-file <file>]`: puts a backup back into an empty (or not
// yet existing) data folder, SHEQU_DATA_DIR, and — for a PostgreSQL backup — into the empty
// database DATABASE_URL names. Everything is unpacked, authenticated and checked against the
// manifest in a hidden folder beside the target first; only then is it moved into place, so a
// refused or failed restore leaves the target as it was.
export interface RestoreResult {
  dataDir: string;
  manifest: Manifest;
}

export async function restoreBackup(options: { archive: string; keyFile?: string; dataDir?: string; env?: NodeJS.ProcessEnv }): Promise<RestoreResult> {
  const env = options.env ?? process.env;
  const target = path.resolve(options.dataDir ?? defaultDataDir(env));
  const archive = path.resolve(options.archive);

  // 1. Only into an empty data folder (and an empty database): never over live state.
  refuseNonEmptyFolder(target);
  if (env.DATABASE_URL && (await postgresTableCount(env.DATABASE_URL, env)) > 0) {
    throw new ArchiveError('restore refused: the database DATABASE_URL names is not empty. Restore into a new, empty database. Nothing was changed.');
  }

  // 2. The archive's header and the key that opens it.
  if (!fs.existsSync(archive)) throw new ArchiveError(`no archive at ${archive}`);
  const { header, headerBytes } = readHeader(archive);
  const contentKey = openHeader(header, keyForRestore(header, options.keyFile, env));

  // 3. Decrypt and unpack into a hidden folder beside the target; every chunk is authenticated.
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const staging = path.join(path.dirname(target), `.${path.basename(target)}.restoring-${crypto.randomBytes(4).toString('hex')}`);
  fs.mkdirSync(staging, { mode: 0o700 });
  try {
    await pipeline(
      fs.createReadStream(archive, { start: headerBytes.length }),
      createDecryptStream(header, headerBytes, contentKey),
      tar.extract({ cwd: staging, strict: true }),
    );

    // 4. Every file matches the manifest's digest, nothing is missing or added.
    const manifest = readManifest(staging);
    await verifyAgainstManifest(staging, manifest);
    fs.mkdirSync(path.join(staging, 'data'), { recursive: true, mode: 0o700 });

    // 5. The database: back into the data folder, or into the empty PostgreSQL database.
    const dump = path.join(staging, manifest.database.file);
    if (manifest.database.kind === 'sqlite') {
      if (env.DATABASE_URL) throw new ArchiveError('this backup holds a SQLite database but DATABASE_URL is set: unset it to restore into the data folder. Nothing was changed.');
      checkSqliteIntegrity(dump);
      sameCounts(countSqliteTables(dump), manifest.database.tables);
      fs.renameSync(dump, path.join(staging, 'data', 'cms.db'));
    } else {
      if (!env.DATABASE_URL) throw new ArchiveError('this backup holds a PostgreSQL database: set DATABASE_URL to a new, empty database to restore it into. Nothing was changed.');
      sameCounts(await restorePostgres(env.DATABASE_URL, dump, env), manifest.database.tables);
    }

    // 6. The data folder into place, in one rename.
    refuseNonEmptyFolder(target);
    if (fs.existsSync(target)) fs.rmdirSync(target);
    fs.renameSync(path.join(staging, 'data'), target);
    fs.chmodSync(target, 0o700);
    return { dataDir: target, manifest };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

function refuseNonEmptyFolder(target: string): void {
  if (!fs.existsSync(target)) return;
  if (!fs.statSync(target).isDirectory()) throw new ArchiveError(`restore refused: ${target} is not a folder. Nothing was changed.`);
  const entries = fs.readdirSync(target);
  if (entries.length > 0) {
    throw new ArchiveError(
      `restore refused: the data folder ${target} is not empty (${entries.slice(0, 4).join(', ')}${entries.length > 4 ? ', …' : ''}). ` +
        'Restore only into an empty or new folder (set SHEQU_DATA_DIR, or move the old folder aside). Nothing was changed.',
    );
  }
}

function readHeader(archive: string): { header: ReturnType<typeof decodeHeader>['header']; headerBytes: Buffer } {
  const fd = fs.openSync(archive, 'r');
  try {
    const start = Buffer.alloc(12 + 4096);
    const read = fs.readSync(fd, start, 0, start.length, 0);
    const { header, bytes } = decodeHeader(start.subarray(0, read));
    return { header, headerBytes: Buffer.from(start.subarray(0, bytes)) };
  } finally {
    fs.closeSync(fd);
  }
}

function sameCounts(actual: TableCounts, expected: TableCounts): void {
  const differing = [...new Set([...Object.keys(actual), ...Object.keys(expected)])].filter((t) => actual[t] !== expected[t]);
  if (differing.length > 0) {
    throw new ArchiveError(`the restored database differs from the manifest: ${differing.slice(0, 5).map((t) => `${t} has ${actual[t] ?? 'no table'} rows, expected ${expected[t] ?? 'none'}`).join('; ')}`);
  }
}

async function run(): Promise<void> {
  const { values, positionals } = parseArgs({ options: { 'key-file': { type: 'string' } }, allowPositionals: true });
  if (positionals.length !== 1) {
    console.error('usage: npm run restore -- <archive> [--key-file <backup-key>]   (into SHEQU_DATA_DIR, which must be empty or absent)');
    process.exit(2);
  }
  const result = await restoreBackup({ archive: positionals[0], keyFile: values['key-file'] });
  const m = result.manifest;
  console.log(`[restore] restored the backup of ${m.createdAt} (Shequ ${m.shequVersion}) into ${result.dataDir}`);
  console.log(`[restore]   ${m.database.kind} database (${Object.keys(m.database.tables).length} tables, row counts checked), ${m.uploads.files} uploads, ${m.files.length} files checked against their digests`);
  console.log('[restore]   start the portal on it (npm start with this SHEQU_DATA_DIR); the publisher builds the site again');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  run().catch((error) => {
    console.error(`[restore] failed: ${(error as Error).message}`);
    process.exit(1);
  });
}
