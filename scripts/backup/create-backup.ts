import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as tar from 'tar';
import { dataDir as defaultDataDir, repoRoot } from '../lib/paths.ts';
import { ArchiveError, createEncryptStream, newHeader } from './archive-crypto.ts';
import { keyForBackup } from './backup-key.ts';
import { describeFiles, listFiles, MANIFEST_NAME, type Manifest } from './backup-manifest.ts';
import { databaseSource, dumpPostgres, snapshotSqlite, type TableCounts } from './snapshot-database.ts';
import { stageDataFolder } from './stage-data-folder.ts';

// `npm run backup [-- --out <folder>]`: one encrypted archive of the portal's whole state —
// a consistent snapshot of the CMS database, the uploads and the secrets needed to use them —
// taken while the CMS keeps serving. Written as a hidden partial file and renamed when complete,
// mode 600, into $SHEQU_DATA_DIR/backups/ unless --out says otherwise.
export interface BackupResult {
  archive: string;
  manifest: Manifest;
  keyFile?: string;
}

export async function createBackup(options: { dataDir?: string; outDir?: string; env?: NodeJS.ProcessEnv } = {}): Promise<BackupResult> {
  const env = options.env ?? process.env;
  const data = path.resolve(options.dataDir ?? defaultDataDir(env));
  const outDir = path.resolve(options.outDir ?? path.join(data, 'backups'));
  const createdAt = new Date();
  const name = `shequ-backup-${createdAt.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}.enc`;

  // 1. The data folder exists and the key is at hand (made now if this is the first backup).
  if (!fs.existsSync(data)) throw new ArchiveError(`no data folder at ${data} (set SHEQU_DATA_DIR)`);
  const source = databaseSource(data, env);
  const { key, keyFile, created } = keyForBackup(data, env);
  if (created) warnAboutNewKey(keyFile!);

  // 2. A staging folder beside the data (same file system, so uploads can be hard-linked);
  // those of backups that were killed half-way go first.
  removeAbandonedStaging(path.join(data, 'backups'));
  const staging = path.join(data, 'backups', `.staging-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
  fs.mkdirSync(path.join(staging, 'database'), { recursive: true, mode: 0o700 });
  fs.mkdirSync(outDir, { recursive: true, mode: 0o700 });
  const partial = path.join(outDir, `.${name}.partial`);
  try {
    // 3. The database first: every upload it refers to exists by then and is linked next.
    const databaseFile = source.kind === 'sqlite' ? 'database/cms.db' : 'database/cms.dump';
    const tables: TableCounts =
      source.kind === 'sqlite' ? snapshotSqlite(source.location, path.join(staging, databaseFile)) : await dumpPostgres(source.location, path.join(staging, databaseFile), env);

    // 4. Uploads, secrets and the rest of the data folder.
    const staged = stageDataFolder(data, path.join(staging, 'data'));
    for (const skipped of staged.skipped) console.warn(`[backup] skipped ${skipped}: not a regular file`);

    // 5. The manifest: digests of every file, row counts, where it came from.
    const manifest: Manifest = {
      format: 1,
      createdAt: createdAt.toISOString(),
      shequVersion: shequVersion(),
      database: { kind: source.kind, file: databaseFile, tables },
      uploads: staged.uploads,
      files: await describeFiles(staging, listFiles(staging)),
    };
    fs.writeFileSync(path.join(staging, MANIFEST_NAME), JSON.stringify(manifest, null, 2), { mode: 0o600 });

    // 6. tar → gzip → sealed chunks → partial file, streamed (memory stays at about one chunk).
    const { header, contentKey } = newHeader(key);
    const entries = [MANIFEST_NAME, 'database', 'data'];
    await pipeline(
      tar.create({ cwd: staging, portable: true, gzip: { level: 1 } }, entries),
      createEncryptStream(header, contentKey),
      fs.createWriteStream(partial, { mode: 0o600, flags: 'wx' }),
    );

    // 7. Complete: give it its name.
    fs.renameSync(partial, path.join(outDir, name));
    return { archive: path.join(outDir, name), manifest, keyFile };
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

function removeAbandonedStaging(backupsDir: string): void {
  if (!fs.existsSync(backupsDir)) return;
  for (const name of fs.readdirSync(backupsDir)) {
    const pid = Number(/^\.staging-(\d+)-/.exec(name)?.[1]);
    if (!pid || pid === process.pid || processAlive(pid)) continue;
    fs.rmSync(path.join(backupsDir, name), { recursive: true, force: true });
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function shequVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
}

function warnAboutNewKey(keyFile: string): void {
  console.warn(`
  ┌────────────────────────────────────────────────────────────────────────────
  │ A NEW BACKUP KEY was made: ${keyFile}
  │ Backups are encrypted with it and CANNOT be restored without it.
  │ Copy it OFF THIS MACHINE now (password manager, a safe): if the disk is
  │ lost, the copy inside the data folder is lost with it.
  │ Or set SHEQU_BACKUP_PASSPHRASE to seal backups with a passphrase instead.
  └────────────────────────────────────────────────────────────────────────────
`);
}

async function run(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const result = await createBackup({ outDir: values.out });
  const m = result.manifest;
  const rows = Object.values(m.database.tables).reduce((a, b) => a + b, 0);
  const size = fs.statSync(result.archive).size;
  console.log(`[backup] ${result.archive}`);
  console.log(`[backup]   ${(size / 1048576).toFixed(1)} MiB; ${m.database.kind} database (${Object.keys(m.database.tables).length} tables, ${rows} rows), ${m.uploads.files} uploads (${(m.uploads.bytes / 1048576).toFixed(1)} MiB), ${m.files.length} files in all`);
  console.log(
    result.keyFile
      ? `[backup]   sealed with the key in ${result.keyFile}: restore needs a copy of it (--key-file); keep one off this machine`
      : '[backup]   sealed with SHEQU_BACKUP_PASSPHRASE: restore needs the same passphrase',
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  run().catch((error) => {
    console.error(`[backup] failed: ${(error as Error).message}`);
    process.exit(1);
  });
}
